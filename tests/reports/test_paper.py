"""Paper sizes (the locale's default, the workbook setting) and saving a PDF safely."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from workbook.core import document
from workbook.core.errors import WorkbookError
from workbook.core.models import Setting
from workbook.reports import output
from workbook.reports.paper import (
    SETTING_KEY,
    Paper,
    default_paper,
    page_size,
    parse_paper,
    set_workbook_paper,
    workbook_paper,
)


@pytest.mark.parametrize(
    ("locale_name", "expected"),
    [
        ("en_US.UTF-8", Paper.LETTER),
        ("en_CA.UTF-8", Paper.LETTER),
        ("fr_CA.UTF-8", Paper.LETTER),
        ("es_MX.UTF-8", Paper.LETTER),
        ("en_PH.UTF-8", Paper.LETTER),
        ("es_CL", Paper.LETTER),
        ("es_CO.utf8", Paper.LETTER),
        ("es_VE@euro", Paper.LETTER),
        ("en-US", Paper.LETTER),  # BCP 47, as macOS and Windows write it
        ("English_United States.1252", Paper.LETTER),  # Windows' own spelling
        ("de_DE.UTF-8", Paper.A4),
        ("en_GB.UTF-8", Paper.A4),
        ("fr_FR", Paper.A4),
        ("ja_JP.UTF-8", Paper.A4),
        ("C", Paper.A4),
        ("C.UTF-8", Paper.A4),
        ("POSIX", Paper.A4),
        ("", Paper.A4),
    ],
)
def test_default_paper_follows_the_locale(locale_name: str, expected: Paper) -> None:
    assert default_paper(locale_name) is expected


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({"LANG": "en_US.UTF-8"}, Paper.LETTER),
        ({"LANG": "de_DE.UTF-8"}, Paper.A4),
        ({"LANG": "C"}, Paper.A4),
        ({}, Paper.A4),
        # POSIX precedence: LC_ALL, then LC_PAPER, then LANG.
        ({"LANG": "de_DE.UTF-8", "LC_PAPER": "en_US.UTF-8"}, Paper.LETTER),
        ({"LANG": "en_US.UTF-8", "LC_PAPER": "de_DE.UTF-8"}, Paper.A4),
        ({"LC_ALL": "en_US.UTF-8", "LC_PAPER": "de_DE.UTF-8"}, Paper.LETTER),
    ],
)
def test_default_paper_reads_the_environment(
    monkeypatch: pytest.MonkeyPatch, env: dict[str, str], expected: Paper
) -> None:
    for name in ("LC_ALL", "LC_PAPER", "LANG"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert default_paper() is expected


def test_page_sizes_in_points() -> None:
    assert page_size(Paper.LETTER) == (612.0, 792.0)
    width, height = page_size(Paper.A4)
    assert (round(width / 72 * 25.4), round(height / 72 * 25.4)) == (210, 297)
    assert parse_paper(" A4 ") is Paper.A4 and parse_paper("legal") is None
    assert parse_paper(None) is None


def test_workbook_setting_with_undo(new_workbook: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LC_ALL", "en_US.UTF-8")
    with document.open_document(new_workbook) as doc:
        sessions = doc.sessions
        assert workbook_paper(sessions) is Paper.LETTER  # nothing chosen: the locale's
        assert set_workbook_paper(sessions, Paper.A4) is Paper.LETTER  # returns the previous
        assert workbook_paper(sessions) is Paper.A4
        monkeypatch.setenv("LC_ALL", "de_DE.UTF-8")
        assert set_workbook_paper(sessions, Paper.LETTER) is Paper.A4
        assert workbook_paper(sessions) is Paper.LETTER  # the choice beats the locale
        with sessions.begin() as session:  # a hand-edited file: the locale's default again
            session.merge(Setting(key=SETTING_KEY, value="tabloid"))
        assert workbook_paper(sessions) is Paper.A4


def test_save_pdf_replaces_the_file_whole(tmp_path: Path) -> None:
    target = tmp_path / "sheet.pdf"
    output.save_pdf(target, b"%PDF-old")
    output.save_pdf(target, b"%PDF-new")
    assert target.read_bytes() == b"%PDF-new"
    assert [p.name for p in tmp_path.iterdir()] == ["sheet.pdf"]  # no temporary file left
    assert target.stat().st_mode & 0o777 == 0o644


def test_save_pdf_keeps_the_old_file_when_writing_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "sheet.pdf"
    output.save_pdf(target, b"%PDF-old")

    def full_disk(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", full_disk)
    with pytest.raises(WorkbookError, match="No space left on device") as error:
        output.save_pdf(target, b"%PDF-new")
    assert str(target) in str(error.value)
    assert target.read_bytes() == b"%PDF-old"
    assert [p.name for p in tmp_path.iterdir()] == ["sheet.pdf"]


def test_save_pdf_in_a_read_only_folder_says_where(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        if os.name != "posix" or os.geteuid() == 0:  # root writes anywhere: refuse as it would
            import tempfile

            def refuse(*args: object, **kwargs: object) -> None:
                raise PermissionError(13, "Permission denied")

            monkeypatch.setattr(tempfile, "mkstemp", refuse)
        with pytest.raises(WorkbookError, match="cannot write here") as error:
            output.save_pdf(folder / "sheet.pdf", b"%PDF-")
        assert str(folder / "sheet.pdf") in str(error.value)
        assert "Permission denied" in str(error.value)
    finally:
        folder.chmod(0o700)


def test_save_pdf_into_a_missing_folder(tmp_path: Path) -> None:
    with pytest.raises(WorkbookError, match="cannot write here"):
        output.save_pdf(tmp_path / "nowhere" / "sheet.pdf", b"%PDF-")


def test_report_progress_may_be_none() -> None:
    calls: list[tuple[int, int]] = []
    output.report_progress(None, 1, 2)
    output.report_progress(lambda d, t: calls.append((d, t)), 1, 2)
    assert calls == [(1, 2)]
