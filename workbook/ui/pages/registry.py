"""Which steps have a real page: key -> a factory taking the PageContext.

Steps not listed here show their placeholder (StepPlaceholderPage).
"""

from __future__ import annotations

from workbook.ui.page_context import PageFactory

PAGE_FACTORIES: dict[str, PageFactory] = {}
