"""Arabic and Hebrew for ReportLab: letters joined, lines in the order they appear on the page.

ReportLab draws every string left to right, glyph by glyph, with no shaping. So a line holding
right-to-left text is handed over already *shaped* (Arabic letters in the contextual
presentation forms DejaVu Sans has, lam + alef as one ligature; arabic-reshaper) and in *visual
order* (the Unicode bidirectional algorithm; python-bidi). Lines without a right-to-left
character are left exactly as they are, without calling either library.

Works per logical line (:func:`workbook.reports.fonts.prepare` splits at newlines), before
ReportLab wraps: a right-to-left line too long for its frame would be wrapped from its visual
start, so its lines would come out bottom-up. Names, titles and organisations (what the reports
print) fit on a line; long notes in Arabic or Hebrew would need a bidi-aware line breaker
(ReportLab's own needs rlbidi and uharfbuzz, which we do not ship).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from arabic_reshaper import ArabicReshaper  # type: ignore[import-untyped]

# Every character whose bidi class is R or AL (or an explicit right-to-left control) lies in
# these blocks (a test checks all of Unicode): Hebrew to Arabic Extended-A, RLM/RLE/RLO/RLI, the
# Hebrew and Arabic presentation forms, and the right-to-left scripts of plane 1. Some
# characters in them are not strong (Arabic digits, marks): they only cost a call.
_RTL = re.compile(
    "[\u0590-\u08ff\u200f\u202b\u202e\u2067\ufb1d-\ufdff\ufe70-\ufefe"
    "\U00010800-\U00010fff\U0001e800-\U0001efff]"
)
_STRONG_RTL = ("R", "AL")
# Hebrew vowel points and cantillation marks: ReportLab cannot place a mark over its letter, and
# reversed it would come before it. Names are written without them; arabic-reshaper drops the
# Arabic harakat for the same reason ("delete_harakat").
_HEBREW_MARKS = re.compile(
    "["
    + "".join(chr(c) for c in range(0x0591, 0x05C8) if unicodedata.category(chr(c)) == "Mn")
    + "]"
)
# The ligatures Arabic needs (lam + alef is never written as two letters); DejaVu Sans has them.
# Every other one stays off, whatever a PYTHON_ARABIC_RESHAPER_CONFIGURATION_FILE says: ALLAH,
# on by default, is not in DejaVu Sans and would print "عبد الله" with an empty box.
_LAM_ALEF = frozenset(
    {
        "ARABIC LIGATURE LAM WITH ALEF",
        "ARABIC LIGATURE LAM WITH ALEF WITH HAMZA ABOVE",
        "ARABIC LIGATURE LAM WITH ALEF WITH HAMZA BELOW",
        "ARABIC LIGATURE LAM WITH ALEF WITH MADDA ABOVE",
    }
)
LRM, RLM = "\u200e", "\u200f"
# bidi.algorithm predates isolates (and asserts on them): LRI, RLI -> LRE, RLE; PDI -> PDF,
# near enough for one line. FSI is left out (its PDF alone is ignored). None of these print.
_ISOLATES_AS_EMBEDDINGS = str.maketrans(
    {"\u2066": "\u202a", "\u2067": "\u202b", "\u2068": None, "\u2069": "\u202c"}
)
_MARKS = str.maketrans({LRM: None, RLM: None})


def has_rtl(text: str) -> bool:
    """Whether ``text`` may hold right-to-left characters (cheap; false means surely none)."""
    return _RTL.search(text) is not None


def is_rtl(text: str) -> bool:
    """Whether ``text`` is mainly right-to-left: more strong Arabic/Hebrew characters than strong
    left-to-right ones. A paragraph of such text should be aligned right."""
    if not has_rtl(text):
        return False
    balance = 0
    for ch in text:
        kind = unicodedata.bidirectional(ch)
        if kind in _STRONG_RTL:
            balance += 1
        elif kind == "L":
            balance -= 1
    return balance > 0


def shape_line(line: str) -> str:
    """One line (no newline) as ReportLab must draw it; unchanged when it has no RTL text."""
    if not has_rtl(line):
        return line
    return _shape(line)


@functools.lru_cache(maxsize=4096)  # the same names recur on every page of an agenda
def _shape(line: str) -> str:
    # bidi.algorithm (the pure-Python implementation, in every python-bidi from 0.4) rather
    # than the Rust get_display of 0.5+: that one leaves out rule L4 (mirroring), so brackets in
    # right-to-left text would print the wrong way round: ")R&D( ןהכ הרש". What the Python one
    # lacks (brackets, isolates, unassigned code points) is made up for here.
    from bidi.algorithm import get_display  # type: ignore[import-untyped]

    text = _reshaper().reshape(_HEBREW_MARKS.sub("", line))
    base = _base_direction(text)
    text = text.translate(_ISOLATES_AS_EMBEDDINGS)
    # It asserts on characters of no bidi class (unassigned): private-use ones (class L) stand in
    # for them while the line is reordered.
    stand_ins = _stand_ins(text)
    text = _mark_brackets(text.translate(stand_ins), base)
    display: str = get_display(text, base_dir=base)
    display = display.translate(_MARKS)
    if stand_ins:
        display = display.translate({ord(v): k for k, v in stand_ins.items()})
    return display


@functools.cache
def _reshaper() -> ArabicReshaper:
    from arabic_reshaper import ArabicReshaper
    from arabic_reshaper.ligatures import LIGATURES  # type: ignore[import-untyped]

    config: dict[str, object] = {
        "language": "Arabic",  # Arabic, Persian and Urdu letters
        "delete_harakat": True,
        "delete_tatweel": False,
        "support_zwj": True,
        "use_unshaped_instead_of_isolated": False,  # DejaVu Sans has the isolated forms
        "support_ligatures": True,
    }
    config.update({name: name in _LAM_ALEF for name, _ in LIGATURES})
    return ArabicReshaper(configuration=config)


def _stand_ins(line: str) -> dict[int, str]:
    """A private-use character, not in ``line``, for each character of no bidi class."""
    unknown = sorted({ch for ch in line if not unicodedata.bidirectional(ch)})
    if not unknown:
        return {}
    free = (chr(c) for c in range(0xE000, 0xF900) if chr(c) not in line)
    return {ord(ch): stand_in for ch, stand_in in zip(unknown, free, strict=False)}


@functools.cache
def _bracket_pairs() -> dict[str, str]:
    """Opening bracket -> its closing one (BidiBrackets.txt: the mirrored Ps/Pe pairs)."""
    from bidi.mirror import MIRRORED  # type: ignore[import-untyped]

    mirrored: dict[str, str] = MIRRORED
    return {
        opening: closing
        for opening, closing in mirrored.items()
        if unicodedata.category(opening) == "Ps" and unicodedata.category(closing) == "Pe"
    }


def _mark_brackets(line: str, base: str) -> str:
    """Rule N0 of the bidi algorithm (Unicode 6.3), which bidi.algorithm predates.

    A pair of brackets takes the direction of the text it encloses, or of the text before it
    when that agrees, so "שרה Zoë (R&D) כהן" keeps "(R&D)" whole. Without the rule each bracket
    goes by its neighbours and the pair falls apart ("ןהכ (Zoë (R&D הרש"). The direction found
    is pinned with a mark (LRM or RLM) on each side of both brackets; the marks are taken out
    again after reordering. Explicit embeddings are not followed (a line is one level here).
    Digits right next to such a bracket may land a place off: to rules W2 and W7, which run
    before N0, the marks are letters (a test compares with the full algorithm without digits).
    """
    pairs = _paired(line)
    if not pairs:
        return line
    strong = _strong_types(line, base)
    pinned: dict[int, str] = {}
    for opening, closing in pairs:
        inside = {kind for kind in strong[opening + 1 : closing] if kind}
        if base in inside:
            direction = base
        elif inside:  # only the other direction inside: it wins if the text before agrees
            before = next((kind for kind in reversed(strong[:opening]) if kind), base)
            direction = before
        else:
            continue  # neutral inside: the brackets go by their neighbours, as any neutral
        strong[opening] = strong[closing] = direction  # later pairs see them as strong
        pinned[opening] = pinned[closing] = direction
    if not pinned:
        return line
    parts = []
    for index, ch in enumerate(line):
        mark = {"L": LRM, "R": RLM}.get(pinned.get(index, ""), "")
        parts.append(f"{mark}{ch}{mark}")
    return "".join(parts)


def _paired(line: str) -> list[tuple[int, int]]:
    """Bracket pairs by rule BD16 (a stack of 63 openers), sorted by the opening bracket."""
    pairs_of = _bracket_pairs()
    stack: list[tuple[str, int]] = []  # (the closing bracket wanted, where it opened)
    pairs: list[tuple[int, int]] = []
    for index, ch in enumerate(line):
        if ch in pairs_of:
            if len(stack) == 63:
                break
            stack.append((pairs_of[ch], index))
        elif unicodedata.category(ch) == "Pe":
            for depth in range(len(stack) - 1, -1, -1):
                if stack[depth][0] == ch:
                    pairs.append((stack[depth][1], index))
                    del stack[depth:]
                    break
    return sorted(pairs)


def _base_direction(line: str) -> str:
    """ "L" or "R": the direction of the line's first strong letter outside isolates (rules P2,
    P3), else "L"."""
    isolated = 0
    for ch in line:
        bidi = unicodedata.bidirectional(ch)
        if bidi in ("LRI", "RLI", "FSI"):
            isolated += 1
        elif bidi == "PDI":
            isolated = max(0, isolated - 1)
        elif isolated:
            continue
        elif bidi == "L":
            return "L"
        elif bidi in _STRONG_RTL:
            return "R"
    return "L"


def _strong_types(line: str, base: str) -> list[str]:
    """Per character: "L", "R" or "" (neutral), as rule N0 sees them.

    Arabic and European digits count as R (N0), except European digits after left-to-right text
    (or at the start of a left-to-right line), which become L (rule W7).
    """
    kinds: list[str] = []
    last_letter = base
    for ch in line:
        bidi = unicodedata.bidirectional(ch)
        if bidi == "L":
            kinds.append("L")
            last_letter = "L"
        elif bidi in _STRONG_RTL:
            kinds.append("R")
            last_letter = "R"
        elif bidi == "AN":
            kinds.append("R")
        elif bidi == "EN":
            kinds.append("L" if last_letter == "L" else "R")
        else:
            kinds.append("")
    return kinds


__all__ = ["has_rtl", "is_rtl", "shape_line"]
