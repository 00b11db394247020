"""`python -m workbook` is the same as the `workbook` command."""

from __future__ import annotations

import sys

from workbook.cli import main

if __name__ == "__main__":
    sys.exit(main())
