"""Which steps have a real page: key -> a factory taking the PageContext.

Steps not listed here show their placeholder (StepPlaceholderPage). The factories import
their page on first use: pages load the core services (SQLAlchemy), which must wait until
the window has painted (bench/startup.py).
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from workbook.ui.page_context import PageContext, PageFactory


def _target_page(context: PageContext) -> QWidget:
    from workbook.ui.pages.target_page import TargetPage

    return TargetPage(context)


def _people_page(context: PageContext) -> QWidget:
    from workbook.ui.pages.people_page import PeoplePage

    return PeoplePage(context)


def _advice_page(context: PageContext) -> QWidget:
    from workbook.ui.pages.advice_page import AdvicePage

    return AdvicePage(context)


PAGE_FACTORIES: dict[str, PageFactory] = {
    "target": _target_page,
    "people": _people_page,
    "advice": _advice_page,
}


def _meetings_page(context: PageContext) -> QWidget:
    from workbook.ui.pages.meetings_page import MeetingsPage

    return MeetingsPage(context)


def _today_page(context: PageContext) -> QWidget:
    from workbook.ui.pages.today_page import TodayPage

    return TodayPage(context)


PAGE_FACTORIES["meetings"] = _meetings_page
PAGE_FACTORIES["today"] = _today_page


def _print_page(context: PageContext) -> QWidget:
    from workbook.ui.pages.print_page import PrintPage

    return PrintPage(context)


PAGE_FACTORIES["print"] = _print_page
