"""The 100 People Networking Workbook: networking as research, in five guided steps."""

from __future__ import annotations

APP_NAME = "100 People Networking Workbook"
APP_ID = "networking-workbook"
__version__ = "0.1.0"
