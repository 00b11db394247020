"""Alembic environment: always runs on a connection handed over by core/document.py."""

from __future__ import annotations

from alembic import context

from workbook.core import models  # noqa: F401  (registers every table on Base.metadata)
from workbook.core.db import Base

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("workbook migrations run only through workbook.core.document")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,  # SQLite cannot ALTER most things; batch mode copies the table
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
