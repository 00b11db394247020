"""The PDF font layer: escaping, per-run font choice, and the font check page read by poppler."""

from __future__ import annotations

import itertools
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph

from workbook.reports import fonts
from workbook.reports.font_check import SAMPLES, TITLE, render_font_check

STYLE = ParagraphStyle("test", fontName=fonts.BODY, fontSize=10, leading=12)

# Any code point (lone surrogates too), with the characters markup and newlines care about
# made common enough to meet each other.
TEXT = st.text(
    st.characters(codec=None, exclude_categories=())
    | st.sampled_from(list("&<>;#'\"/ \n\r\t\x00\x0b李김Zë\u0301\u2028\ufffe"))
)


def squash(text: str) -> str:
    return " ".join(text.split())


def lines(text: str) -> list[str]:
    """Text as a Paragraph shows it: line by line, runs of whitespace collapsed."""
    return [squash(line) for line in text.split("\n")]


def parsed_lines(markup: str) -> list[str]:
    """What ReportLab's Paragraph parser makes of ``markup``, as :func:`lines`."""
    paragraph = Paragraph(markup, STYLE)
    frags = paragraph.frags
    paragraph.wrap(200, 10_000)  # lays out the runs, measuring each in its own font
    return lines("".join("\n" if getattr(f, "lineBreak", False) else f.text for f in frags))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("R&D", "R&amp;D"),
        ("Smith & Sons <NYSE>", "Smith &amp; Sons &lt;NYSE&gt;"),
        ("x<y", "x&lt;y"),
        ("&amp;", "&amp;amp;"),
        ("O'Brien", "O'Brien"),
        ("a\r\nb\rc\nd", "a<br/>b<br/>c<br/>d"),
        ("a\tb\x00\x07c", "a bc"),
        ("李小龙", f'<font name="{fonts.CJK}">李小龙</font>'),
    ],
)
def test_markup_prints_user_text_as_typed(text: str, expected: str) -> None:
    assert fonts.markup(text) == expected
    assert parsed_lines(fonts.markup(text)) == lines(fonts.prepare(text))


def test_bold_markup_keeps_fallback_runs_in_their_font() -> None:
    assert fonts.markup("Zoë 李", bold=True) == f'<b>Zoë <font name="{fonts.CJK}">李</font></b>'
    paragraph = Paragraph(fonts.markup("Zoë 李", bold=True), STYLE)
    assert [(f.text, f.fontName) for f in paragraph.frags] == [
        ("Zoë ", fonts.BOLD),
        ("李", fonts.CJK),
    ]


def test_runs_split_latin_greek_cyrillic_from_cjk() -> None:
    assert fonts.runs("Zoë Γιώργος Олег 李小龙, 山田太郎") == [
        fonts.Run("Zoë Γιώργος Олег ", fonts.BODY),
        fonts.Run("李小龙", fonts.CJK),
        fonts.Run(", ", fonts.BODY),
        fonts.Run("山田太郎", fonts.CJK),
    ]
    assert fonts.runs("") == []


def test_a_combining_mark_stays_with_the_character_it_sits_on() -> None:
    assert fonts.font_for("\u20dd") == fonts.BODY  # COMBINING ENCLOSING CIRCLE: DejaVu has it
    assert fonts.runs("李\u20dd") == [fonts.Run("李\u20dd", fonts.CJK)]


def test_normalise_composes_accents_and_drops_control_characters() -> None:
    assert fonts.normalise("Zoe\u0308\u2028A\u030angstro\u0308m") == "Zoë\nÅngström"
    assert fonts.normalise("a\x00\x1b\x7f\ud800\uffffb\tc") == "ab c"


@given(TEXT)
def test_runs_cover_the_normalised_text_exactly(text: str) -> None:
    split = fonts.runs(text)
    assert "".join(run.text for run in split) == fonts.prepare(text)
    assert all(run.text for run in split)
    assert all(a.font != b.font for a, b in itertools.pairwise(split))
    for run in split:
        for ch in run.text:
            assert fonts.font_for(ch) == run.font or unicodedata.category(ch).startswith("M")


@given(TEXT, st.booleans())
def test_markup_always_parses_back_to_the_text(text: str, bold: bool) -> None:
    assert parsed_lines(fonts.markup(text, bold=bold)) == lines(fonts.prepare(text))


def test_string_width_measures_each_run_in_its_own_font() -> None:
    size = 12
    expected = fonts.string_width("Zoë ", size) + fonts.string_width("李小龙", size)
    assert fonts.string_width("Zoë 李小龙", size) == pytest.approx(expected)
    assert fonts.string_width("李", size) == pytest.approx(size)  # a full-width ideograph
    assert fonts.string_width("ab\nabc", size) == fonts.string_width("abc", size)


def test_register_fonts_is_idempotent() -> None:
    from reportlab.lib.fonts import tt2ps
    from reportlab.pdfbase import pdfmetrics

    fonts.register_fonts()
    fonts.register_fonts()
    registered = pdfmetrics.getRegisteredFontNames()
    assert {fonts.BODY, fonts.BOLD, fonts.ITALIC, fonts.CJK} <= set(registered)
    assert tt2ps(fonts.FAMILY, 1, 0) == fonts.BOLD
    assert tt2ps(fonts.FAMILY, 0, 1) == fonts.ITALIC


def test_korean_and_japanese_are_covered() -> None:
    assert all(fonts.covered(ch) for ch in "김민준 山田太郎 ひらがな カタカナ")
    assert fonts.font_for("김") == fonts.CJK


# --- The font check page, read back with poppler-utils ---------------------------------------


def poppler(tool: str, *args: str | Path) -> str:
    if shutil.which(tool) is None:
        pytest.skip(f"{tool} not found: install poppler-utils")
    done = subprocess.run([tool, *map(str, args)], capture_output=True, text=True, check=True)
    return done.stdout


@pytest.fixture(scope="module")
def font_check_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("font_check") / "font-check.pdf"
    render_font_check(path)
    return path


def sample_names() -> list[object]:
    return [name for sample in SAMPLES for name in sample.names]


@pytest.mark.parametrize("name", sample_names())
def test_font_check_prints_every_name_intact(font_check_pdf: Path, name: str) -> None:
    assert squash(name) in squash(poppler("pdftotext", "-enc", "UTF-8", font_check_pdf, "-"))


def test_font_check_is_one_page_with_embedded_fonts(font_check_pdf: Path) -> None:
    info = poppler("pdfinfo", font_check_pdf)
    fields = {
        key: squash(value) for key, _, value in (row.partition(":") for row in info.splitlines())
    }
    assert fields["Pages"] == "1"
    assert fields["Title"] == TITLE

    rows = poppler("pdffonts", font_check_pdf).splitlines()[2:]
    # Subset fonts are named "AAAAAA+DejaVuSans"; column -5 is "emb".
    embedded = {
        (row.split()[0].partition("+")[2] or row.split()[0]): row.split()[-5] for row in rows
    }
    # A face from a font collection (.ttc) is named with its index, e.g. "…MicroHei-0".
    assert embedded == {fonts.BODY: "yes", fonts.BOLD: "yes", f"{fonts.CJK}-0": "yes"}


def test_font_check_renders_for_a_person_to_look_at(font_check_pdf: Path, output_dir: Path) -> None:
    shutil.copyfile(font_check_pdf, output_dir / "font-check.pdf")
    poppler(
        "pdftoppm", "-png", "-r", "60", "-singlefile", font_check_pdf, output_dir / "font-check"
    )
    assert (output_dir / "font-check.png").stat().st_size > 0


def test_font_check_write_is_atomic(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "font-check.pdf"
    target.write_bytes(b"old")

    def fail(*args: object, **kwargs: object) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr("reportlab.platypus.SimpleDocTemplate.build", fail)
    with pytest.raises(RuntimeError):
        render_font_check(target)
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["font-check.pdf"]


# --- Arabic and Hebrew through markup, fonts and a real page (the shaping: test_rtl.py) ---------

MOHAMMAD = "محمد الأحمد"
SARAH = "שרה כהן"
SALAM = "السلام"  # lam + alef: one ligature glyph
RTL_SAMPLES = (MOHAMMAD, SARAH, SALAM, "Meeting with محمد الأحمد at 10:00", "שרה כהן (R&D)")


def test_markup_escapes_right_to_left_text_after_shaping() -> None:
    assert fonts.markup("שרה כהן (R&D)") == "(R&amp;D) ןהכ הרש"
    assert fonts.markup("Smith & Sons <NYSE> שרה") == "Smith &amp; Sons &lt;NYSE&gt; הרש"
    # In a right-to-left line "<" and ">" may be mirrored and ";" move to the far end, as the
    # bidi algorithm says; the markup stays escaped.
    text = "שרה <NYSE> & x<y &amp;"
    markup = fonts.markup(text)
    assert markup == ";NYSE&gt; &amp; x&lt;y &amp;amp&gt; הרש"
    assert parsed_lines(markup) == lines(fonts.prepare(text))


@pytest.mark.parametrize("bold", [False, True])
@pytest.mark.parametrize("italic", [False, True])
def test_shaped_text_is_drawn_by_a_font_that_has_its_glyphs(bold: bool, italic: bool) -> None:
    text = f"{MOHAMMAD} {SARAH} {SALAM} عبد الله بن خالد الزهراني · فاطمة · پرویز · گلناز"
    primary = fonts.primary_font(bold, italic)
    split = fonts.runs(text, primary)
    # DejaVu Sans Oblique has no Arabic: those runs are upright, Hebrew stays oblique.
    assert {run.font for run in split} <= {primary, fonts.BODY}
    for run in split:
        for ch in run.text:
            assert ord(ch) in fonts._cmaps[run.font], f"U+{ord(ch):04X} in {run.font}"


RTL_TEXT = st.text(
    st.sampled_from(list("محمدالأحلسمعب שרהכןםוך ()[]<>&;#'\"/ \n\t1234:,.Zoë李\u200c\u2067\u2069"))
)


@given(RTL_TEXT, st.booleans())
def test_right_to_left_markup_always_parses_back_to_the_text(text: str, bold: bool) -> None:
    assert parsed_lines(fonts.markup(text, bold=bold)) == lines(fonts.prepare(text))
    assert "".join(run.text for run in fonts.runs(text)) == fonts.prepare(text)


def logical(text: str) -> str:
    """Text read from a PDF as typed: no bidi controls, presentation forms back to letters."""
    text = "".join(ch for ch in text if ch not in "\u202a\u202b\u202c\u202d\u202e")
    return unicodedata.normalize("NFKC", text)


@pytest.fixture(scope="module")
def rtl_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from reportlab.lib.enums import TA_RIGHT
    from reportlab.platypus import SimpleDocTemplate

    # Short names and titles, as the reports print them: each fits on its line, so the
    # per-line reordering is the whole story (a wrapped right-to-left paragraph is not).
    path = tmp_path_factory.mktemp("rtl") / "rtl.pdf"
    body = ParagraphStyle("body", fontName=fonts.BODY, fontSize=14, leading=20)
    right = ParagraphStyle("right", parent=body, alignment=TA_RIGHT)
    story = [
        Paragraph(fonts.markup(text, bold=bold), right if fonts.is_rtl(text) else body)
        for text in RTL_SAMPLES
        for bold in (False, True)
    ]
    SimpleDocTemplate(str(path), initialFontName=fonts.BODY).build(story)
    return path


def test_right_to_left_names_read_back_from_the_pdf(rtl_pdf: Path) -> None:
    # Poppler puts a right-to-left line back in logical order, inside bidi controls; the
    # letters come back as the presentation forms drawn (NFKC maps them to the letters).
    text = logical(poppler("pdftotext", "-enc", "UTF-8", rtl_pdf, "-"))
    for name in (MOHAMMAD, SARAH, SALAM):
        assert text.count(name) >= 2, name


def words_on_the_page(pdf: Path) -> list[list[tuple[float, float, str]]]:
    """Each line's words as drawn, left to right: (left, right, the word as typed)."""
    import xml.etree.ElementTree as ET

    page = ET.fromstring(poppler("pdftotext", "-bbox", "-enc", "UTF-8", pdf, "-"))
    rows: dict[float, list[tuple[float, float, str]]] = {}
    for word in page.iter("{http://www.w3.org/1999/xhtml}word"):
        text = word.text or ""
        # A right-to-left word is drawn last letter first.
        typed = logical(text[::-1] if fonts.has_rtl(text) else text)
        left, right = float(word.get("xMin", 0)), float(word.get("xMax", 0))
        rows.setdefault(float(word.get("yMin", 0)), []).append((left, right, typed))
    return [sorted(row) for _, row in sorted(rows.items())]


def test_mixed_lines_are_laid_out_in_display_order(rtl_pdf: Path) -> None:
    rows = [[typed for _, _, typed in row] for row in words_on_the_page(rtl_pdf)]
    # The first name is right of the last: Arabic reads right to left, mid-sentence too.
    assert rows.count(["Meeting", "with", "الأحمد", "محمد", "at", "10:00"]) == 2
    assert rows.count(["(R&D)", "כהן", "שרה"]) == 2
    assert rows.count(["الأحمد", "محمد"]) == 2 and rows.count(["כהן", "שרה"]) == 2
    assert rows.count(["السلام"]) == 2


def test_right_to_left_lines_are_aligned_right(rtl_pdf: Path) -> None:
    rows = words_on_the_page(rtl_pdf)
    left = {row[0][0] for row in rows if row[0][2] == "Meeting"}  # mostly English: left
    right = {round(row[-1][1]) for row in rows if fonts.is_rtl(row[-1][2])}
    assert max(left) < 100
    assert min(right) > 450 and max(right) - min(right) <= 1  # one right edge


def test_right_to_left_page_renders_for_a_person_to_look_at(
    rtl_pdf: Path, output_dir: Path
) -> None:
    shutil.copyfile(rtl_pdf, output_dir / "rtl.pdf")
    poppler("pdftoppm", "-png", "-r", "60", "-singlefile", rtl_pdf, output_dir / "rtl")
    assert (output_dir / "rtl.png").stat().st_size > 0
