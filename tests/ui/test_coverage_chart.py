"""The coverage chart: layout by width, words for gaps, tooltips, palettes and scale."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint
from PySide6.QtGui import QColor, QFont, QImage, QPalette
from pytestqt.qtbot import QtBot
from ui_helpers import dark_palette  # tests/ui is on the path

from workbook.ui.widgets.coverage_chart import SETTLE_MS, Bar, BarGroup, CoverageChart

GROUPS = [
    BarGroup("How close you are", (Bar("$10", 48), Bar("$100", 30), Bar("Lost touch", 8))),
    BarGroup("Circles", (Bar("Family", 7), Bar("Clubs, volunteering, faith", 12))),
    BarGroup(
        "Kinds of advice",
        (
            Bar("Industry knowledge", 15, "Industry knowledge: 15 could help"),
            Bar("Interview practice", 0, note="nobody yet", warn=True),
            Bar("Introductions", 1, note="lost touch only", warn=True),
        ),
    ),
]


def make_chart(qtbot: QtBot, width: int = 1000) -> CoverageChart:
    chart = CoverageChart()
    qtbot.addWidget(chart)
    chart.set_data(74, 100, GROUPS)
    chart.resize(width, chart.heightForWidth(width))
    with qtbot.waitExposed(chart):
        chart.show()
    return chart


def colours(image: QImage) -> set[str]:
    step = 3
    return {
        image.pixelColor(x, y).name()
        for x in range(0, image.width(), step)
        for y in range(0, image.height(), step)
    }


def test_groups_sit_side_by_side_when_wide_and_stack_when_narrow(qtbot: QtBot) -> None:
    chart = make_chart(qtbot)
    wide = chart.heightForWidth(1000)
    narrow = chart.heightForWidth(chart.minimumSizeHint().width())
    assert narrow > wide * 1.8, "one column is much taller than three"
    assert chart.hasHeightForWidth()
    assert chart.sizeHint().height() == chart.heightForWidth(chart.sizeHint().width())


def test_summary_reads_every_number_and_gaps_in_words(qtbot: QtBot) -> None:
    chart = make_chart(qtbot)
    summary = chart.accessibleDescription()
    assert summary.startswith("74 of 100 people on your list.")
    assert "Interview practice 0 (nobody yet)" in summary
    assert "Introductions 1 (lost touch only)" in summary
    assert chart.accessibleName() == "Coverage chart"


def test_bar_under_the_pointer_gives_its_tooltip(qtbot: QtBot) -> None:
    chart = make_chart(qtbot)
    found = {}
    for y in range(0, chart.height(), 4):
        for x in range(0, chart.width(), 20):
            bar = chart.bar_at(QPoint(x, y))
            if bar is not None:
                found[bar.label] = bar
    assert set(found) == {bar.label for group in GROUPS for bar in group.bars}
    assert chart.bar_at(QPoint(2, 2)) is None, "the progress heading is not a bar"


def test_light_dark_and_large_text(qtbot: QtBot, output_dir: Path) -> None:
    chart = make_chart(qtbot)
    light = chart.grab().toImage()
    light.save(str(output_dir / "chart-light.png"))
    accent = chart.palette().color(QPalette.ColorRole.Accent).name()
    assert accent in colours(light), "bars are drawn in the accent colour"
    assert QColor("#b3261e").name() in colours(light), "gaps are called out in red"

    chart.setPalette(dark_palette())
    dark = chart.grab().toImage()
    dark.save(str(output_dir / "chart-dark.png"))
    assert QColor("#5b9bf0").name() in colours(dark)
    assert QColor("#ff8a80").name() in colours(dark), "a lighter red on a dark window"

    big = QFont(chart.font())
    big.setPointSizeF(big.pointSizeF() * 2)  # what 200% scale does to the text
    before = chart.heightForWidth(1000)
    chart.setFont(big)
    assert chart.heightForWidth(1000) > before * 1.6, "rows grow with the text"
    chart.resize(1000, chart.heightForWidth(1000))
    qtbot.wait(SETTLE_MS + 50)  # a resize draws the chart again once it has settled
    chart.grab().save(str(output_dir / "chart-large-text.png"))


def test_picture_is_drawn_once_until_something_changes(qtbot: QtBot) -> None:
    chart = make_chart(qtbot)
    chart.repaint()
    first = chart.picture()
    assert first is not None
    chart.repaint()
    assert chart.picture() is first, "a repaint copies the picture"
    chart.set_data(75, 100, GROUPS)
    chart.repaint()
    assert chart.picture() is not first
    second = chart.picture()
    chart.resize(chart.width() - 100, chart.height())
    chart.repaint()
    assert chart.picture() is second, "while the size changes, the last picture stands"
    qtbot.waitUntil(lambda: chart.picture() is not second)
