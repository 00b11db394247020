"""Alembic environment and schema revisions for workbook files (run from core/document.py)."""
