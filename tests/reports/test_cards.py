"""The "What I bring" cards: sheet geometry, mirrored backs, the safe margin and the PDF itself."""

from __future__ import annotations

import re
import subprocess
import unicodedata
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from reportlab.lib.units import inch, mm

from workbook.core import document
from workbook.core.db import SessionFactory
from workbook.core.errors import WorkbookError
from workbook.core.my_details import MyDetails, set_my_details
from workbook.core.sample import build_sample
from workbook.core.target import get_target, set_ask
from workbook.reports import fonts
from workbook.reports.cards import (
    A4_MARGINS,
    CARD_SIZE,
    LETTER_MARGINS,
    SAFE_MARGIN,
    Box,
    back_boxes,
    back_lines,
    card_boxes,
    cards_pdf,
    front_lines,
    inset,
)
from workbook.reports.paper import Paper, page_size

TODAY = date(2026, 11, 23)
ZOE = MyDetails(
    name="Zoë Ångström",
    headline="Product analyst · healthcare data · R&D <NYSE>",
    email="zoe.angstrom@example.org",
    phone="+1 617 555 0100",
    website="zoe-angstrom.example.org",
    location="Boston, MA",
)
LONG = MyDetails(
    name="Ελένη Παπαδοπούλου-Αλεξανδροπούλου Κωνσταντινίδου " * 2,
    headline="x<y &amp; " * 12,
    email="a.very.long.address.for.a.business.card@subdomain.example-organisation.org",
    phone="+44 20 7946 0000 ext. 12345 (ask for me at reception)",
    website="https://www.example.org/people/" + "zoe" * 40,
    location="Llanfairpwllgwyngyllgogerychwyrndrobwllllantysiliogogogoch, Wales",
)
STATEMENT = "I bring calm to messy data and I listen before I build. " * 200  # ~11,000 chars


def pdf_text(path: Path, *args: str) -> str:
    out = subprocess.run(
        ["pdftotext", *args, "-enc", "UTF-8", str(path), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    out = "".join(ch for ch in out if ch not in "\u202a\u202b\u202c\u202d\u202e")
    return unicodedata.normalize("NFKC", out)


def page_count(path: Path) -> int:
    info = subprocess.run(["pdfinfo", str(path)], check=True, capture_output=True, text=True)
    match = re.search(r"^Pages:\s+(\d+)", info.stdout, re.MULTILINE)
    assert match
    return int(match.group(1))


def render(pdf: Path, output_dir: Path) -> None:
    for old in output_dir.glob(f"{pdf.stem}-*.png"):
        old.unlink()
    subprocess.run(
        ["pdftoppm", "-png", "-r", "60", str(pdf), str(output_dir / pdf.stem)], check=True
    )


@pytest.fixture(scope="module")
def sessions(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SessionFactory]:
    path = tmp_path_factory.mktemp("cards") / "sample.workbook"
    build_sample(path, people=10, today=TODAY)
    with document.open_document(path) as doc:
        set_my_details(doc.sessions, ZOE)
        yield doc.sessions


# ---------------------------------------------------------------- the sheet geometry


@pytest.mark.parametrize(
    ("paper", "size", "margins"),
    [
        (Paper.LETTER, (3.5 * inch, 2 * inch), (0.75 * inch, 0.5 * inch)),
        (Paper.A4, (85 * mm, 54 * mm), (20 * mm, 13.5 * mm)),
    ],
)
def test_ten_cards_of_the_right_size_in_the_right_place(
    paper: Paper, size: tuple[float, float], margins: tuple[float, float]
) -> None:
    boxes = card_boxes(paper)
    page_width, page_height = page_size(paper)
    page = Box(0, 0, page_width, page_height)
    assert len(boxes) == 10
    for box in boxes:
        assert (box.width, box.height) == pytest.approx(size)
        assert page.contains(box)
    side, top = margins
    assert min(b.x for b in boxes) == pytest.approx(side)
    assert page_width - max(b.right for b in boxes) == pytest.approx(side)
    assert page_height - max(b.top for b in boxes) == pytest.approx(top)
    assert min(b.y for b in boxes) == pytest.approx(top)
    # Two columns, five rows, no gutters: neighbours share an edge; read row by row.
    assert sorted({round(b.x, 3) for b in boxes}) == [round(side, 3), round(side + size[0], 3)]
    assert len({round(b.y, 3) for b in boxes}) == 5
    for left, right in zip(boxes[::2], boxes[1::2], strict=True):
        assert left.right == pytest.approx(right.x) and left.y == pytest.approx(right.y)
    for upper, lower in zip(boxes[::2], boxes[2::2], strict=False):
        assert lower.top == pytest.approx(upper.y)
    assert boxes[0].top == pytest.approx(page_height - top)  # the first card top left


def test_letter_is_avery_5371_and_a4_is_centred() -> None:
    assert LETTER_MARGINS == (54.0, 36.0)  # 0.75 in and 0.5 in
    assert CARD_SIZE[Paper.LETTER] == (252.0, 144.0)
    width, height = page_size(Paper.A4)
    card_width, card_height = CARD_SIZE[Paper.A4]
    assert 2 * A4_MARGINS[0] + 2 * card_width == pytest.approx(width)
    assert 2 * A4_MARGINS[1] + 5 * card_height == pytest.approx(height)


@pytest.mark.parametrize("paper", list(Paper))
def test_backs_are_mirrored_for_long_edge_duplex(paper: Paper) -> None:
    page_width, _ = page_size(paper)
    centre = page_width / 2
    fronts, backs = card_boxes(paper), back_boxes(paper)
    assert len(backs) == 10
    for front, back in zip(fronts, backs, strict=True):
        # Reflected across the vertical centre line: same row, same size, other side.
        assert centre - back.right == pytest.approx(front.x - centre)
        assert back.right - centre == pytest.approx(centre - front.x)
        assert (back.y, back.width, back.height) == (front.y, front.width, front.height)
    # The left column's backs print on the right.
    assert backs[0].x == pytest.approx(fronts[1].x)
    assert backs[1].x == pytest.approx(fronts[0].x)


def test_inset_keeps_content_off_the_edges() -> None:
    assert inset(Box(10, 20, 100, 50), 9) == Box(19, 29, 82, 32)
    assert SAFE_MARGIN[Paper.LETTER] == pytest.approx(9.0)  # 1/8 in
    assert SAFE_MARGIN[Paper.A4] == pytest.approx(3 * mm)
    box = card_boxes(Paper.A4)[3]
    safe = inset(box, SAFE_MARGIN[Paper.A4])
    assert box.contains(safe) and not safe.contains(box)
    assert safe.x - box.x == pytest.approx(3 * mm) and box.top - safe.top == pytest.approx(3 * mm)


@pytest.mark.parametrize("paper", list(Paper))
@pytest.mark.parametrize("details", [ZOE, LONG, MyDetails(name="محمد الأحمد", phone="1")])
def test_every_line_stays_inside_the_safe_margin(paper: Paper, details: MyDetails) -> None:
    fonts.register_fonts()
    safe = inset(card_boxes(paper)[0], SAFE_MARGIN[paper])
    ask = "I'm looking for a chance to use my data skills in clean energy, in Boston."
    layouts = [
        front_lines(details, safe),
        back_lines(STATEMENT, ask, safe),
        back_lines("Short and sweet.", ask, safe),
        back_lines("", ask, safe),
        back_lines("李小龙" * 300, "", safe),
    ]
    for lines in layouts:
        assert lines
        for line in lines:
            assert safe.contains(line.bounds()), (line.text, line.bounds(), safe)
    front = layouts[0]
    assert front[0].bold and front[0].size >= 9  # the name first and large
    assert all(line.size >= 6 for layout in layouts for line in layout)


def test_long_text_shrinks_then_is_cut_with_an_ellipsis() -> None:
    fonts.register_fonts()
    safe = inset(card_boxes(Paper.LETTER)[0], SAFE_MARGIN[Paper.LETTER])
    front = front_lines(LONG, safe)
    assert front[0].text.endswith("…") and front[0].size == 9
    assert any(line.text.endswith("…") for line in front[1:])
    back = back_lines(STATEMENT, "an ask that no longer fits", safe)
    assert back[-1].text.endswith("…")
    assert "an ask" not in " ".join(line.text for line in back)
    short = back_lines("I listen.", "I'm looking for advice.", safe)
    texts = [line.text for line in short]
    assert texts == ["What I bring", "I listen.", "I'm looking for advice."]
    assert short[1].size == 9.5 and short[2].italic


# ---------------------------------------------------------------- the PDF


def words(pdf: Path, page_number: int) -> list[tuple[str, Box]]:
    """Each word on a page with its box in ReportLab's points (y up), from pdftotext -bbox."""
    root = ET.fromstring(pdf_text(pdf, "-bbox", "-f", str(page_number), "-l", str(page_number)))
    page = next(el for el in root.iter() if el.tag.endswith("page"))
    height = float(page.attrib["height"])
    found = []
    for el in page.iter():
        if el.tag.endswith("word"):
            x0, y0, x1, y1 = (float(el.attrib[k]) for k in ("xMin", "yMin", "xMax", "yMax"))
            found.append((el.text or "", Box(x0, height - y1, x1 - x0, y1 - y0)))
    return found


@pytest.mark.parametrize("paper", list(Paper))
def test_cards_pdf_fronts_then_mirrored_backs(
    sessions: SessionFactory, output_dir: Path, paper: Paper
) -> None:
    pdf = output_dir / f"cards_{paper}.pdf"
    pdf.write_bytes(cards_pdf(sessions, paper=paper))
    render(pdf, output_dir)
    assert page_count(pdf) == 2
    front = pdf_text(pdf, "-f", "1", "-l", "1")
    back = pdf_text(pdf, "-f", "2", "-l", "2")
    for text in (ZOE.name, ZOE.email, ZOE.phone, ZOE.website, ZOE.location):
        assert front.count(text) == 10, text
    assert " ".join(front.split()).count("healthcare data · R&D <NYSE>") == 10
    assert back.count("What I bring") == 10
    statement = get_target(sessions).answers.value_statement
    assert " ".join(back.split()).count(" ".join(statement.split()[:6])) == 10
    assert ZOE.name not in back
    # Every word printed lies inside some card's safe area (the glyph boxes poppler reports
    # are the font's, a little taller than the ink: allow half a point).
    safe = SAFE_MARGIN[paper]
    for number, boxes in ((1, card_boxes(paper)), (2, back_boxes(paper))):
        areas = [inset(box, safe - 0.5) for box in boxes]
        placed = words(pdf, number)
        assert len(placed) > 100
        for word, box in placed:
            assert any(area.contains(box) for area in areas), (number, word, box)


def test_the_left_cards_back_is_on_the_right(sessions: SessionFactory, tmp_path: Path) -> None:
    pdf = tmp_path / "cards.pdf"
    pdf.write_bytes(cards_pdf(sessions, paper=Paper.LETTER))
    width, _ = page_size(Paper.LETTER)
    # Each card's content starts at its safe margin: on the back, both columns' text starts
    # where a mirrored card's left edge plus the margin is.
    starts = {round(box.x) for word, box in words(pdf, 2) if word == "What"}
    expected = {round(box.x + SAFE_MARGIN[Paper.LETTER]) for box in back_boxes(Paper.LETTER)}
    assert starts == expected and len(starts) == 2
    assert width / 2 in {b.x for b in back_boxes(Paper.LETTER)}


def test_no_name_no_cards(new_workbook: Path) -> None:
    with document.open_document(new_workbook) as doc:
        with pytest.raises(WorkbookError, match="add your name and contact details first"):
            cards_pdf(doc.sessions, paper=Paper.A4)
        set_my_details(doc.sessions, MyDetails(email="me@example.org"))
        with pytest.raises(WorkbookError, match="add your name"):
            cards_pdf(doc.sessions, paper=Paper.A4)


def test_without_a_value_statement_the_ask_goes_on_the_back(
    new_workbook: Path, tmp_path: Path
) -> None:
    with document.open_document(new_workbook) as doc:
        set_my_details(doc.sessions, MyDetails(name="שרה כהן"))
        pdf = tmp_path / "fronts.pdf"
        pdf.write_bytes(cards_pdf(doc.sessions, paper=Paper.A4))
        assert page_count(pdf) == 1  # nothing for the backs yet
        assert pdf_text(pdf).count("שרה כהן") == 10
        set_ask(doc.sessions, "I'm looking for advice on moving into clean energy & R&D.")
        pdf.write_bytes(cards_pdf(doc.sessions, paper=Paper.A4))
        assert page_count(pdf) == 2
        back = " ".join(pdf_text(pdf, "-f", "2").split())
        assert back.count("What I'm looking for") == 10
        assert back.count("clean energy & R&D.") == 10


def test_same_data_same_bytes_and_progress(sessions: SessionFactory) -> None:
    calls: list[tuple[int, int]] = []
    first = cards_pdf(sessions, paper=Paper.LETTER, progress=lambda *a: calls.append(a))
    assert cards_pdf(sessions, paper=Paper.LETTER) == first
    assert calls == [(1, 2), (2, 2)]
    assert cards_pdf(sessions, paper=Paper.LETTER, crop_marks=False) != first
