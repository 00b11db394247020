"""The request checker: what a request message lacks, with spans to highlight.

A good request (METHOD.md, step 4) is short (75 words or fewer), asks for advice — never for a
job, openings or to pass a résumé on — is about the reader at least as much as the writer,
and ends with a question. ``check_request`` flags what a message lacks, kindly, with spans
into the text so an editor can highlight them.

Words are counted in any script: spaced scripts (Latin, Cyrillic, Greek, Arabic, Hebrew,
Devanagari, Korean …) by the spaces, and scripts written without them by length: Chinese and
Japanese at one word per two characters (a Chinese word averages under two), Thai, Lao, Khmer
and Myanmar at one per four letters. Links and email addresses count as one word. The job and
"about me" checks read English.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

MAX_WORDS = 75


@dataclass(frozen=True)
class RequestFlag:
    """One thing to fix; ``start``/``end`` index into the checked text (to highlight)."""

    code: str  # "empty", "job", "long", "about_me", "no_question"
    message: str
    start: int
    end: int


# -- words, in any script ----------------------------------------------------------------------


@dataclass(frozen=True)
class Word:
    """A word of a text: where it is, and how much it counts toward the length."""

    start: int
    end: int
    weight: int = 1


_LINK = re.compile(r"(?:https?://|www\.)\S+|[^\s@<>()]+@[^\s@<>()]+\.\w[^\s<>()]*", re.I)
_JOINERS = frozenset("'’-‐")
_CJK = ((0x3040, 0x30FF), (0x31F0, 0x31FF), (0x3400, 0x4DBF), (0x4E00, 0x9FFF),
        (0xF900, 0xFAFF), (0xFF66, 0xFF9F), (0x20000, 0x3134F))  # fmt: skip
_UNSPACED = ((0x0E00, 0x0EFF), (0x1000, 0x109F), (0x1780, 0x17FF))  # Thai, Lao, Myanmar, Khmer
# Scripts written without spaces: characters per word (Chinese words average under two).
_CHARS_PER_WORD = {"2": 2, "3": 4}


_KINDS: dict[str, str] = dict.fromkeys(_JOINERS, "j")
_RUN = re.compile(r"1+(?:j1+)*|2+|3+")


def _kind(char: str) -> str:
    """ "1": a letter of a spaced script, "2": CJK, "3": unspaced, "j": a joiner, "0": other."""
    kind = _KINDS.get(char)
    if kind is None:
        code = ord(char)
        if any(lo <= code <= hi for lo, hi in _CJK):
            kind = "2"
        elif any(lo <= code <= hi for lo, hi in _UNSPACED):
            kind = "3"
        else:
            kind = "1" if unicodedata.category(char)[0] in "LNM" else "0"
        if len(_KINDS) < 20_000:
            _KINDS[char] = kind
    return kind


def words(text: str) -> list[Word]:
    """The words of ``text`` in order; links and email addresses are one word each."""
    found: list[Word] = []
    position = 0
    for link in _LINK.finditer(text):
        found += _scan(text, position, link.start())
        found.append(Word(link.start(), link.end()))
        position = link.end()
    return found + _scan(text, position, len(text))


def _scan(text: str, start: int, stop: int) -> list[Word]:
    kinds = "".join(map(_kind, text[start:stop]))
    found: list[Word] = []
    for run in _RUN.finditer(kinds):
        per = _CHARS_PER_WORD.get(kinds[run.start()], 0)
        length = run.end() - run.start()
        weight = -(-length // per) if per else 1
        found.append(Word(start + run.start(), start + run.end(), weight))
    return found


def count_words(text: str) -> int:
    return sum(word.weight for word in words(text))


def length_note(count: int) -> str:
    """ "48 words — good length", for the word count under the message."""
    noun = "word" if count == 1 else "words"
    if count == 0:
        return "No words yet"
    if count > MAX_WORDS:
        return f"{count} {noun} — aim for {MAX_WORDS} or fewer"
    return f"{count} {noun} — good length" if count >= 25 else f"{count} {noun} — short and sweet"


# -- the checker -----------------------------------------------------------------------------

_ME = frozenset({"i", "i'm", "i'd", "i've", "i'll", "me", "my", "mine", "myself"})
_YOU = frozenset({"you", "you're", "you'd", "you've", "you'll", "your", "yours", "yourself"})
_QUESTION_MARKS = "?？؟\u037e¿⁇⁈⁉⸮՞፧"  # U+037E: the Greek question mark
_WORDS_AFTER_QUESTION = 15  # room for a sign-off after the question
_SENTENCE_END = re.compile(r"[.!?？؟。！\n]+")

_W = r"[\w'’]+"
_RESUME = r"(?:r[ée]sum[ée]s?|(?:my|a|the|your|this|attached)\s+resumes?|cvs?|curriculum\s+vitae)"
_SEND = (
    r"(?:forward(?:ing|ed)?|pass(?:ing|ed)?|sen[dt]|sending|shar(?:e|ing)|hand(?:ing)?|"
    r"circulat(?:e|ing)|submit(?:ting)?|attach(?:ed|ing)?|enclos(?:e|ed|ing)|here\s+is|"
    r"here's|please\s+find)"
)
_JOB_ASKS: tuple[tuple[str, str], ...] = (
    (
        "job",
        r"\b(?:(?:a|any|new|some)\s+)?jobs?\b(?:\s+(?:openings?|offers?|opportunit(?:y|ies)))?",
    ),
    ("job", r"\b(?:openings?|vacanc(?:y|ies))\b"),
    ("job", r"\b(?:are|is|were|be|if)\b(?:\s+" + _W + r"){0,3}?\s+hiring\b"),
    ("job", r"\bhiring\s+(?:now|right\s+now|at\s+the\s+moment|currently|soon)\b"),
    ("job", r"\b(?:hire|employ)\s+(?:me|someone\s+like\s+me)\b|\btake\s+me\s+on\b"),
    ("job", r"\b(?:any|an?|some)(?:\s+(?:open|available|vacant))?\s+positions?\b(?!\s+to\b)"),
    (
        "job",
        r"\b(?:(?:any|an?|some)\s+)?(?:open|available|vacant)\s+(?:positions?|posts?|roles?)\b",
    ),
    ("job", r"\bany\s+roles?\b|\ba\s+role\s+(?:on|in|at|with)\s+your\b"),
    ("job", r"\b(?:any|open|available|employment|career|work)\s+opportunit(?:y|ies)\b"),
    (
        "job",
        r"\b(?:to|I\s+could|I\s+can|I\s+might)\s+(?:work\s+for|join)\s+"
        r"(?:you\b|your\s+(?:company|team|firm|organi[sz]ation))",
    ),
    ("resume", r"\b" + _SEND + r"\b(?:\s+" + _W + r"){0,3}?\s+" + _RESUME + r"\b"),
    (
        "resume",
        r"\b" + _RESUME + r"(?:\s+" + _W + r"){0,3}?\s+(?:on|along|around|forward)"
        r"(?=\s*(?:[.,;:!?)]|$|to\b))|\b" + _RESUME + r"\s+to\s+(?:hr|your|the|someone|anyone)\b",
    ),
)
_JOB_PATTERNS = tuple((kind, re.compile(p, re.I)) for kind, p in _JOB_ASKS)
# "your job", "my last job", "the job market": talk about work, not asking for a job.
_JOB_OWNER = re.compile(
    r"(?:my|your|our|his|her|their|first|last|old|previous|former|current|day|dream|"
    r"summer|side)\s*$",
    re.I,
)
_JOB_TOPIC = re.compile(
    r"\s*(?:markets?|titles?|descriptions?|search|hunt|hunting|seekers?|like|you|they)\b", re.I
)
_JOB_WORD = re.compile(r"(?:(?:a|any|new|some)\s+)?jobs?\b")
_HIRING_TOPIC = re.compile(r"(?:how|about|on|of)\s+hiring$", re.I)
_OPENING_VERB = re.compile(r"\s*(?:a|an|the|up|doors?|my|your|new)\b", re.I)
_NEGATION = re.compile(
    r"n['’]t\b|\b(?:not|no|never|nor|neither|without)\b|\brather\s+than\b|\binstead\s+of\b", re.I
)
_HEDGE = re.compile(
    r"\b(?:not\s+(?:sure|certain)|no\s+idea|do(?:n['’]t|\s+not)\s+know|wonder(?:ing)?)\b", re.I
)
_CLAUSE_BREAK = re.compile(r"[.,;:!?—–\n]|\b(?:but|however|though|although|yet|so)\b", re.I)

JOB_MESSAGE = (
    "Asking about jobs or openings puts people on the spot. Ask for their advice and "
    "experience instead."
)
RESUME_MESSAGE = (
    "Asking them to pass on your résumé is a job request in disguise. Ask for their advice; "
    "names and introductions follow."
)


def check_request(text: str) -> tuple[RequestFlag, ...]:
    """What to fix in a request, most important first. Never raises."""
    if not text.strip():
        return (
            RequestFlag(
                "empty", "Write a few lines: how you know them, your ask and a question.", 0, 0
            ),
        )
    found = _words_of(text)
    flags = list(_job_flags(text))
    flags += _about_me(text, found)
    flags += _long(text, found)
    flags += _question(text, found)
    return tuple(flags)


def _words_of(text: str) -> list[tuple[Word, str]]:
    return [(w, text[w.start : w.end].lower().replace("’", "'")) for w in words(text)]


def _job_flags(text: str) -> list[RequestFlag]:
    found = sorted(
        (match.start(), match.end(), kind)
        for kind, pattern in _JOB_PATTERNS
        for match in pattern.finditer(text)
        if not _excused(text, match.start(), match.end(), match.group(0).lower())
    )
    spans: list[tuple[int, int, str]] = []
    for start, end, kind in found:  # overlapping finds become one (a résumé one wins)
        if spans and start < spans[-1][1]:
            last = spans.pop()
            start, end = last[0], max(end, last[1])
            kind = "resume" if "resume" in (kind, last[2]) else kind
        spans.append((start, end, kind))
    return [
        RequestFlag("job", RESUME_MESSAGE if kind == "resume" else JOB_MESSAGE, start, end)
        for start, end, kind in spans
    ]


def _excused(text: str, start: int, end: int, found: str) -> bool:
    """Talk about work rather than an ask, or an ask the writer says they are not making."""
    before, after = text[max(0, start - 40) : start], text[end : end + 30]
    if _JOB_WORD.match(found) and (_JOB_OWNER.search(before) or _JOB_TOPIC.match(after)):
        return True
    if found.endswith("hiring") and _HIRING_TOPIC.search(text[max(0, start - 40) : end]):
        return True
    if found.startswith("opening") and _OPENING_VERB.match(after):
        return True
    clause = text[max(0, start - 80) : start]
    breaks = list(_CLAUSE_BREAK.finditer(clause))
    if breaks:
        clause = clause[breaks[-1].end() :]
    clause = _HEDGE.sub(" ", clause)
    return _NEGATION.search(" ".join(clause.split()[-8:])) is not None


def me_and_you(text: str) -> tuple[int, int]:
    """How many times ``text`` says I/me/my, and you/your (English)."""
    return _me_and_you(_words_of(text))


def _me_and_you(found: list[tuple[Word, str]]) -> tuple[int, int]:
    return sum(t in _ME for _, t in found), sum(t in _YOU for _, t in found)


def _about_me(text: str, found: list[tuple[Word, str]]) -> list[RequestFlag]:
    me, you = _me_and_you(found)
    if me < 4 or me < 2 * you + 2:
        return []
    best, best_score = (0, len(text)), -1
    for start, end in _sentences(text):
        inside = [token for w, token in found if start <= w.start < end]
        score = sum(t in _ME for t in inside) - sum(t in _YOU for t in inside)
        if score > best_score:
            best, best_score = (start, end), score
    message = (
        f"More about you than them: {me} × I/me/my, {you} × you/your. Turn a sentence toward "
        "them, such as a question about their work."
    )
    return [RequestFlag("about_me", message, *best)]


def _long(text: str, found: list[tuple[Word, str]]) -> list[RequestFlag]:
    total = sum(w.weight for w, _ in found)
    if total <= MAX_WORDS:
        return []
    counted = 0
    for word, _ in found:
        if counted + word.weight > MAX_WORDS:
            step = -(-(word.end - word.start) // word.weight)
            start = min(word.end - 1, word.start + step * (MAX_WORDS - counted))
            break
        counted += word.weight
    message = (
        f"{total} words — aim for {MAX_WORDS} or fewer. Keep how you know them, "
        "your ask and one question."
    )
    return [RequestFlag("long", message, start, len(text.rstrip()))]


def _question(text: str, found: list[tuple[Word, str]]) -> list[RequestFlag]:
    end = len(text.rstrip())
    last = max(text.rfind(mark) for mark in _QUESTION_MARKS)
    if last < 0:
        start = max((m.end() for m in _SENTENCE_END.finditer(text, 0, max(0, end - 1))), default=0)
        start = min(start + len(text[start:end]) - len(text[start:end].lstrip()), end)
        message = "End with a question, such as “Would 20 minutes next week suit you?”"
        return [RequestFlag("no_question", message, start, end)]
    after = sum(w.weight for w, _ in found if w.start > last)
    if after <= _WORDS_AFTER_QUESTION:
        return []
    start = last + 1 + len(text[last + 1 : end]) - len(text[last + 1 : end].lstrip())
    message = "End with your question, so a reply is easy: move it to the end."
    return [RequestFlag("no_question", message, start, end)]


def _sentences(text: str) -> list[tuple[int, int]]:
    """The sentences of ``text`` (or lines), without the spaces before them."""
    spans, start = [], 0
    for match in [*_SENTENCE_END.finditer(text), None]:
        end = len(text) if match is None else match.end()
        piece = text[start:end]
        if piece.strip():
            spans.append((start + len(piece) - len(piece.lstrip()), len(piece.rstrip()) + start))
        start = end
    return spans
