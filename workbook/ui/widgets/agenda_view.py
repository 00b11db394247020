"""A meeting's agenda with times ("0:00 Small talk", "0:02 Your ask", …), redrawn on demand.

The agenda itself comes from ``workbook.core.agenda`` (the printed prep sheet uses the same
items); this widget only lays it out: the time into the meeting, the part and its length,
a quiet line on what to do, and the questions to ask. Colours come from the palette, so it
reads the same in light and dark mode.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from datetime import datetime

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from workbook.core.agenda import NO_ASK, AgendaItem


class AgendaView(QWidget):
    """The timed agenda of one meeting (``show_items``), or a hint when there is none."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.items: tuple[AgendaItem, ...] = ()
        self.starts_at: datetime | None = None
        self.title = QLabel("Agenda")
        font = QFont(self.title.font())
        font.setBold(True)
        self.title.setFont(font)
        self.body = QLabel()
        self.body.setWordWrap(True)
        self.body.setTextFormat(Qt.TextFormat.RichText)
        self.body.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.body.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.body.setFocusPolicy(Qt.FocusPolicy.TabFocus)  # read it with the keyboard too
        self.body.setAccessibleName("Agenda with times")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.title)
        layout.addWidget(self.body, 1)
        self._render()

    def show_items(self, items: Sequence[AgendaItem], starts_at: datetime | None = None) -> None:
        """Show an agenda; ``starts_at`` (local time) adds the start to the title."""
        items, changed = tuple(items), starts_at != self.starts_at
        if items == self.items and not changed:
            return
        self.items, self.starts_at = items, starts_at
        self._render()

    def plain_text(self) -> str:
        """The agenda as lines of text ("0:00  Small talk (2 min)"), for tests and copying."""
        lines = []
        for item in self.items:
            lines.append(f"{item.clock}  {item.title} ({item.minutes} min)")
            lines.extend(f"      • {question}" for question in item.questions)
        return "\n".join(lines)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._render()  # the quiet colour comes from the palette

    def _render(self) -> None:
        if self.starts_at is not None:
            self.title.setText(f"Agenda — starts {self.starts_at:%H:%M, %a %d %b}")
        else:
            self.title.setText("Agenda")
        if not self.items:
            self.body.setText(_quiet(self, "Pick a meeting to see its agenda."))
            return
        quiet = quiet_colour(self.palette())
        rows = []
        for item in self.items:
            asked = "".join(f"<br>• {html.escape(q)}" for q in item.questions)
            detail = f"<span style='color: {quiet}'>{html.escape(item.detail)}</span>"
            if item.section == "ask" and item.detail != NO_ASK:  # the ask itself, said aloud
                detail = f"“{html.escape(item.detail)}”"
            rows.append(
                f"<tr><td style='padding: 0 10px 8px 0'><b>{item.clock}</b></td>"
                f"<td style='padding-bottom: 8px'><b>{html.escape(item.title)}</b>"
                f"<span style='color: {quiet}'> · {item.minutes} min</span>"
                f"<br>{detail}{asked}</td></tr>"
            )
        self.body.setText(f"<table cellspacing='0'>{''.join(rows)}</table>")


def quiet_colour(palette: QPalette) -> str:
    """The palette's placeholder colour as an opaque "#rrggbb" (rich text ignores alpha, and
    many palettes make it a half-transparent text colour)."""
    colour = palette.color(QPalette.ColorRole.PlaceholderText)
    if colour.alpha() == 255:
        return colour.name()
    under = palette.color(QPalette.ColorRole.Window)
    a = colour.alphaF()
    mixed = QColor.fromRgbF(
        colour.redF() * a + under.redF() * (1 - a),
        colour.greenF() * a + under.greenF() * (1 - a),
        colour.blueF() * a + under.blueF() * (1 - a),
    )
    return mixed.name()


def _quiet(widget: QWidget, text: str) -> str:
    return f"<span style='color: {quiet_colour(widget.palette())}'>{html.escape(text)}</span>"
