"""Shared test set-up: offscreen Qt and a UTF-8 locale before any Qt import, temp folders."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("LANG", "C.UTF-8")
os.environ["LC_ALL"] = "C.UTF-8"

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
OUTPUT = REPO / "test-output"


@pytest.fixture
def output_dir(request: pytest.FixtureRequest) -> Path:
    """A folder under test-output/ for files a person should look at (screenshots, PDFs)."""
    folder = OUTPUT / request.module.__name__.rsplit(".", 1)[-1]
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture
def dirs(tmp_path: Path):  # type: ignore[no-untyped-def]
    """The app's data and config folders, inside the test's temp folder."""
    from workbook.paths import configure

    return configure(tmp_path / "data")


@pytest.fixture
def new_workbook(tmp_path: Path) -> Path:
    """A fresh, empty workbook file (closed)."""
    from workbook.core import document

    path = tmp_path / "fresh.workbook"
    document.create(path).close()
    return path
