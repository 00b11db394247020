"""Arabic and Hebrew shaped and in display order (reports/rtl.py, used by fonts.prepare)."""

from __future__ import annotations

import sys
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workbook.reports import fonts, rtl

MOHAMMAD = "محمد الأحمد"
SARAH = "שרה כהן"


def forms(*codes: int) -> str:
    return "".join(map(chr, codes))


# What ReportLab is given: presentation forms, left to right as on the page.
MOHAMMAD_DRAWN = forms(0xFEAA, 0xFEE4, 0xFEA3, 0xFEF7, 0xFE8D, 0x20, 0xFEAA, 0xFEE4, 0xFEA4, 0xFEE3)
SARAH_DRAWN = "ןהכ הרש"


@pytest.mark.parametrize(
    ("text", "drawn"),
    [
        (MOHAMMAD, MOHAMMAD_DRAWN),
        (SARAH, SARAH_DRAWN),
        # Alef, lam-alef (U+FEFC, final form), seen, lam, alef: read right to left.
        ("السلام", forms(0xFEE1, 0xFEFC, 0xFEB4, 0xFEDF, 0xFE8D)),
        ("Meeting with محمد الأحمد at 10:00", f"Meeting with {MOHAMMAD_DRAWN} at 10:00"),
        # A right-to-left line: "(R&D)" comes last, on the left, brackets the right way round.
        ("שרה כהן (R&D)", f"(R&D) {SARAH_DRAWN}"),
        ("Dr. שרה כהן, Tel Aviv", f"Dr. {SARAH_DRAWN}, Tel Aviv"),
        # Brackets take the direction of what they enclose (rule N0): "(R&D)" stays whole.
        ("שרה Zoë (R&D) כהן", "ןהכ Zoë (R&D) הרש"),
        ("מנהלת מוצר (Product) בחברה", "הרבחב (Product) רצומ תלהנמ"),
        ("Acme (שרה) Ltd", "Acme (הרש) Ltd"),
        ("שרה (2024)", "(2024) הרש"),
        ("עם שרה [R&D]", "[R&D] הרש םע"),
        # Numbers stay left to right; at the end of the line as read, so on its left.
        ("عام 2024", "2024 " + forms(0xFEE1, 0xFE8E, 0xFECB)),
        ("שרה כהן, 10:30", "10:30 ,ןהכ הרש"),
        # Vowel points are left out (ReportLab cannot place a mark over its letter).
        ("שָׁלוֹם", "םולש"),
        ("مُحَمَّد", forms(0xFEAA, 0xFEE4, 0xFEA4, 0xFEE3)),
        # Isolates (pasted from chat apps around names) do not print and do not upset the order.
        ("\u2068שרה\u2069 Zoë", "הרש Zoë"),
        ("Zoë \u2067שרה (כהן)\u2069", "Zoë (ןהכ) הרש"),
        # "عبد الله" without the ALLAH ligature, which DejaVu Sans does not have.
        ("عبد الله", forms(0xFEEA, 0xFEE0, 0xFEDF, 0xFE8D, 0x20, 0xFEAA, 0xFE92, 0xFECB)),
    ],
)
def test_right_to_left_lines_are_shaped_and_in_display_order(text: str, drawn: str) -> None:
    assert fonts.prepare(text) == drawn


def test_each_line_is_reordered_on_its_own() -> None:
    # A paragraph's lines keep their order, top to bottom; only the text in each is reordered.
    assert fonts.prepare(f"{SARAH}\nZoë\n{MOHAMMAD}") == f"{SARAH_DRAWN}\nZoë\n{MOHAMMAD_DRAWN}"


def test_left_to_right_text_never_reaches_the_shaping_libraries(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def refuse(line: str) -> str:
        raise AssertionError(f"shaped {line!r}")

    monkeypatch.setattr(rtl, "_shape", refuse)
    text = "Zoë Ångström · 李小龙 · Олег Петров · Ελένη · R&D <NYSE> x<y &amp; (10:00)"
    assert fonts.prepare(text) == text


def test_shaped_lines_are_cached() -> None:
    fonts.prepare(MOHAMMAD)
    before = rtl._shape.cache_info().hits
    fonts.prepare(f"{MOHAMMAD}\n{MOHAMMAD}")
    assert rtl._shape.cache_info().hits == before + 2


def test_the_quick_check_finds_every_right_to_left_character() -> None:
    # has_rtl tests blocks; what matters are the bidi classes. No strong one may slip by.
    strong = ("R", "AL", "RLE", "RLO", "RLI")
    missed = [
        f"U+{code:04X}"
        for code in range(sys.maxunicode + 1)
        if unicodedata.bidirectional(chr(code)) in strong and not rtl.has_rtl(chr(code))
    ]
    assert missed == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (MOHAMMAD, True),
        (SARAH, True),
        ("שרה כהן (R&D)", True),
        ("Dr. שרה כהן", True),
        ("Meeting with محمد الأحمد at 10:00", False),  # mostly English
        ("Zoë Ångström", False),
        ("李小龙", False),
        ("12:30 — 13:00", False),  # no strong characters at all
        ("", False),
    ],
)
def test_is_rtl_means_mainly_right_to_left(text: str, expected: bool) -> None:
    assert fonts.is_rtl(text) is expected
    assert rtl.is_rtl(text) is expected


@pytest.mark.parametrize(
    "text", ["\U0001e95a", "\u0378\u05d0", "\u05d0\ufdd0b", "\u2066\u05d0\u2069\u2068", "\u202e"]
)
def test_unassigned_code_points_and_stray_controls_do_not_break_shaping(text: str) -> None:
    shaped = fonts.prepare(text)
    kept = {ch for ch in text if not unicodedata.bidirectional(ch)}  # unassigned: kept as typed
    assert kept <= set(shaped)


# Letters of both directions, spaces, brackets and punctuation, no digits: see
# rtl._mark_brackets on digits next to brackets.
MIXED = st.text(st.sampled_from(list("محمدب אבש abZ ()[]{}.,:-'&<>!?/\"")), max_size=24)


@settings(max_examples=400)
@given(MIXED)
def test_the_order_matches_the_full_bidi_algorithm(text: str) -> None:
    # python-bidi's Rust get_display implements the whole algorithm but does not mirror
    # (rule L4): compare where everything goes, with mirrored characters masked.
    from bidi import get_display
    from bidi.mirror import MIRRORED

    def masked(line: str) -> str:
        return unicodedata.normalize("NFKC", "".join("|" if c in MIRRORED else c for c in line))

    assert masked(rtl.shape_line(text)) == masked(get_display(text))


@given(MIXED)
def test_brackets_come_out_facing_each_other(text: str) -> None:
    # A matched pair, mirrored or not, reads "(...)" left to right on the page.
    kept = "".join(ch for ch in text if ch in "()")
    if kept.count("(") != kept.count(")") or "(" not in kept or not _balanced(kept):
        return
    drawn = "".join(ch for ch in rtl.shape_line(text) if ch in "()")
    assert _balanced(drawn)


def _balanced(brackets: str) -> bool:
    depth = 0
    for ch in brackets:
        depth += 1 if ch == "(" else -1
        if depth < 0:
            return False
    return depth == 0
