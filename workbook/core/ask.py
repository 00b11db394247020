"""The target's answers, the one-sentence ask composed from them, and the readiness check.

Everything here is pure (no database): the Target page composes the ask on every keystroke,
and ``workbook.core.target`` stores the answers and serves the same results.

The ask takes the method's shape: "I'm looking for a chance to use my <skills> skills
[as a <role>] in <kind of organisation> in <industries>, <where>." Values go into the sentence
as typed (case included), with runs of whitespace made single spaces. When an answer the
sentence needs is missing, ``compose_ask`` names the first question to answer instead, in the
page's order: skills, industries, kind of organisation, place.
"""

from __future__ import annotations

import dataclasses
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

TEXT_FIELDS = ("role", "level", "organisation_size", "culture", "value_statement")
LIST_FIELDS = ("skills", "industries", "organisation_types", "environment", "places")
FLAG_FIELDS = ("open_to_remote", "willing_to_relocate")
FIELDS = TEXT_FIELDS + LIST_FIELDS + FLAG_FIELDS

FieldValue = str | bool | tuple[str, ...]

# The questions the page asks, in order: (field, question, hint). The ask names one of these.
QUESTIONS: tuple[tuple[str, str, str], ...] = (
    ("role", "What kind of work are you looking for?",
     "The role or function, said the way you'd say it to a friend, and the level you're aiming "
     "for."),
    ("skills", "Which skills do you want to use?",
     "The strengths you most enjoy using. Two or three is plenty; press Enter after each."),
    ("industries", "Which industries or sectors draw you?",
     "One to three. “Anything” is hard for people to help with."),
    ("organisation_types", "What kind of organisation?",
     "Start-up, non-profit, large company, public sector…, and roughly how big."),
    ("environment", "How do you like to work?",
     "Remote, hybrid or on-site, and the kind of culture where you do your best work."),
    ("places", "Where do you want to work?",
     "Cities or regions. Tick the boxes if remote work or moving is open to you."),
    ("value_statement", "What do you bring?",
     "Two or three sentences: your strengths, one achievement, the problem you solve."),
)  # fmt: skip
QUESTION = {field: question for field, question, _hint in QUESTIONS}
HINT = {field: hint for field, _question, hint in QUESTIONS}
QUESTION_NUMBER = {field: number for number, (field, _q, _h) in enumerate(QUESTIONS, start=1)}

READY_ORGANISATIONS = 10  # target organisations to have before networking in earnest
FOCUSED_INDUSTRIES = 3
LONG_ASK_WORDS = 50
LONG_VALUE_WORDS = 90

# A skills list ending in one of these needs no "skills" after it.
_SKILL_NOUNS = frozenset(
    {"skill", "skills", "experience", "expertise", "knowledge", "know-how", "background",
     "talent", "talents", "strengths", "abilities", "ability", "craft"}
)  # fmt: skip
_THE_ENDINGS = ("sector", "civil service", "public service", "military", "armed forces")
_BARE_ENDINGS = frozenset(
    {"government", "academia", "education", "research", "consulting", "industry", "healthcare",
     "philanthropy", "media", "hospitality", "retail", "finance", "tech", "agriculture",
     "manufacturing", "publishing", "banking", "law", "medicine", "journalism", "nursing"}
)  # fmt: skip
_OWN_DETERMINERS = ("a ", "an ", "the ", "my ", "any ", "some ", "one ", "another ")
_A_BEFORE_VOWEL = ("uni", "use", "usu", "uti", "uro", "eu", "one", "once", "ewe", "ubi")
_AN_BEFORE_CONSONANT = ("hour", "honest", "honou", "honor", "heir", "mba", "mpa")
_VOWEL_LETTER_NAMES = frozenset("aefhilmnorsx")  # "an NGO", "an SME", but "a B Corp"


@dataclass(frozen=True)
class TargetAnswers:
    """What the user answered on the Target page (lists already normalised)."""

    role: str = ""
    level: str = ""
    skills: tuple[str, ...] = ()
    industries: tuple[str, ...] = ()
    organisation_types: tuple[str, ...] = ()
    organisation_size: str = ""
    environment: tuple[str, ...] = ()
    culture: str = ""
    places: tuple[str, ...] = ()
    open_to_remote: bool = False
    willing_to_relocate: bool = False
    value_statement: str = ""

    def value(self, field: str) -> FieldValue:
        check_field(field)
        value: FieldValue = getattr(self, field)
        return value

    def with_value(self, field: str, value: object) -> TargetAnswers:
        """A copy with one answer replaced (normalised the way it is stored)."""
        changes: dict[str, Any] = {field: normalise_value(field, value)}
        return dataclasses.replace(self, **changes)


@dataclass(frozen=True)
class AskResult:
    """Either the composed sentence, or the question to answer first (field and wording)."""

    sentence: str | None
    missing_field: str | None = None

    @property
    def missing(self) -> str | None:
        return None if self.missing_field is None else QUESTION[self.missing_field]


@dataclass(frozen=True)
class ReadinessItem:
    """Something still vague about the target: which answer to work on, and why."""

    field: str  # a field name, or "organisations" / "ask"
    text: str


# ---------------------------------------------------------------- normalising answers


def clean_text(text: str) -> str:
    """Trimmed, with every run of whitespace (newlines and tabs too) made one space."""
    return " ".join(text.split())


def list_key(item: str) -> str:
    """When two list items count as duplicates: same text ignoring case and Unicode form."""
    return unicodedata.normalize("NFC", clean_text(item)).casefold()


def normalise_list(items: Iterable[str]) -> tuple[str, ...]:
    """Cleaned items, blanks left out, case-insensitive duplicates merged (first spelling wins).

    Nothing with visible text is dropped: every non-blank item is in the result or has a
    duplicate there.
    """
    seen: set[str] = set()
    kept: list[str] = []
    for item in items:
        cleaned = clean_text(item)
        key = list_key(cleaned)
        if cleaned and key not in seen:
            seen.add(key)
            kept.append(cleaned)
    return tuple(kept)


def check_field(field: str) -> None:
    if field not in FIELDS:
        raise ValueError(f"unknown target field {field!r}")


def normalise_value(field: str, value: object) -> FieldValue:
    """A field's value as stored: lists normalised, text as typed, flags as bools."""
    check_field(field)
    if field in LIST_FIELDS:
        if isinstance(value, str) or not isinstance(value, Iterable):
            raise TypeError(f"{field} takes a list of texts, not {type(value).__name__}")
        return normalise_list(str(item) for item in value)
    if field in FLAG_FIELDS:
        if not isinstance(value, bool):
            raise TypeError(f"{field} takes True or False, not {value!r}")
        return value
    if not isinstance(value, str):
        raise TypeError(f"{field} takes text, not {type(value).__name__}")
    return value


# ---------------------------------------------------------------- the ask


def compose_ask(answers: TargetAnswers) -> AskResult:
    """The one-sentence ask, or the first question still to answer."""
    skills = normalise_list(answers.skills)
    industries = normalise_list(answers.industries)
    kinds = normalise_list(answers.organisation_types)
    where = place_phrase(
        normalise_list(answers.places), answers.open_to_remote, answers.willing_to_relocate
    )
    for field, present in (
        ("skills", skills),
        ("industries", industries),
        ("organisation_types", kinds),
        ("places", where),
    ):
        if not present:
            return AskResult(None, field)
    role = clean_text(answers.role)
    sentence = f"I'm looking for a chance to use my {skills_phrase(skills)}"
    if role:
        sentence += f" as {with_article(role)}"
    sentence += f" in {join_items([with_article(kind) for kind in kinds], 'or')}"
    sentence += f" in {join_items(industries, 'and')}, {where}"
    return AskResult(sentence if sentence.endswith((".", "!", "?")) else sentence + ".")


def join_items(items: Sequence[str], word: str) -> str:
    """ "A", "A and B", "A, B and C"; with semicolons when an item has a comma of its own."""
    if len(items) <= 1:
        return "".join(items)
    if len(items) == 2:
        return f"{items[0]} {word} {items[1]}"
    if any("," in item for item in items):
        return "; ".join(items[:-1]) + f"; {word} {items[-1]}"
    return ", ".join(items[:-1]) + f" {word} {items[-1]}"


def skills_phrase(skills: Sequence[str]) -> str:
    """ "data analysis and SQL skills"; no second "skills" after "people skills"."""
    joined = join_items(skills, "and")
    last_word = joined.rsplit(" ", 1)[-1].casefold().rstrip(".")
    return joined if last_word in _SKILL_NOUNS else f"{joined} skills"


def place_phrase(places: Sequence[str], remote: bool, relocate: bool) -> str:
    """ "in Boston", "in Boston or remotely", "working remotely", or "" when nothing is known."""
    if places:
        return "in " + join_items([*places, "remotely"] if remote else list(places), "or")
    if remote:
        return "working remotely"
    if relocate:
        return "wherever the work is (I'm happy to relocate)"
    return ""


def with_article(phrase: str) -> str:
    """The phrase with the article it needs: "a start-up", "an NGO", "the public sector"."""
    folded = phrase.casefold()
    if folded.startswith(_OWN_DETERMINERS) or not phrase:
        return phrase
    last_word = folded.rsplit(" ", 1)[-1]
    if folded.endswith(_THE_ENDINGS):
        return f"the {phrase}"
    if last_word in _BARE_ENDINGS or _is_plural(last_word) or not _is_latin(phrase[0]):
        return phrase
    return f"{_indefinite_article(phrase)} {phrase}"


def _is_plural(word: str) -> bool:
    return len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is", "ics"))


def _is_latin(char: str) -> bool:
    return char.isdigit() or (char.isalpha() and ord(char) < 0x250)


def _indefinite_article(phrase: str) -> str:
    first_word = phrase.split(" ", 1)[0].split("-", 1)[0]
    plain = unicodedata.normalize("NFKD", first_word)
    plain = "".join(c for c in plain if not unicodedata.combining(c))
    digits = plain[: len(plain) - len(plain.lstrip("0123456789"))]
    if digits:  # said aloud: "an 8-person team", "an 18-month contract", "a 100-year-old firm"
        return "an" if digits.startswith("8") or digits in {"11", "18"} else "a"
    if plain.isupper() and len(plain) <= 5 and any(c.isalpha() for c in plain):
        return "an" if plain[0].casefold() in _VOWEL_LETTER_NAMES else "a"
    folded = plain.casefold()
    if folded.startswith(_A_BEFORE_VOWEL):
        return "a"
    if folded.startswith(_AN_BEFORE_CONSONANT):
        return "an"
    return "an" if folded[:1] in set("aeiou") else "a"


# ---------------------------------------------------------------- readiness


def readiness(
    answers: TargetAnswers, organisations: int, ask: str | None = None
) -> tuple[ReadinessItem, ...]:
    """What is still vague, in the page's order; empty when the target is ready to share."""
    items: list[ReadinessItem] = []

    def vague(field: str, text: str) -> None:
        items.append(ReadinessItem(field, text))

    if not clean_text(answers.role):
        vague("role", "Name the kind of work you want.")
    if not normalise_list(answers.skills):
        vague("skills", "Pick the skills you want to use.")
    industries = len(normalise_list(answers.industries))
    if not industries:
        vague("industries", "Choose an industry or sector.")
    elif industries > FOCUSED_INDUSTRIES:
        vague(
            "industries",
            f"You named {industries} industries; one to {FOCUSED_INDUSTRIES} is easier "
            "for people to help with.",
        )
    if not normalise_list(answers.organisation_types):
        vague("organisation_types", "Say what kind of organisation appeals to you.")
    if not place_phrase(answers.places, answers.open_to_remote, answers.willing_to_relocate):
        vague("places", "Add a place, or tick remote work or moving.")
    words = len(answers.value_statement.split())
    if not words:
        vague("value_statement", "Write a line or two about what you bring.")
    elif words > LONG_VALUE_WORDS:
        vague("value_statement", "What you bring is long: keep what you could say in 30 seconds.")
    if organisations < READY_ORGANISATIONS:
        vague("organisations", _organisations_text(organisations))
    if ask is not None and len(ask.split()) > LONG_ASK_WORDS:
        vague("ask", "Your ask is a mouthful: trim it to one breath.")
    return tuple(items)


def _organisations_text(count: int) -> str:
    if count == 0:
        return f"List organisations you'd like to learn about (aim for {READY_ORGANISATIONS})."
    more = READY_ORGANISATIONS - count
    return f"Add {more} more target organisation{'s' if more != 1 else ''} (you have {count})."
