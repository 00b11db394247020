"""Everything PySide6: the main window, one page per step, table models, dialogs, widgets."""
