"""`workbook print prep|agenda|people|cards`: the PDFs (read back with poppler), paper sizes,
messages, --json, exit codes and one-line failures, on the sample workbook."""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
import sys
import unicodedata
from datetime import date, timedelta
from pathlib import Path

import pytest

import workbook
from workbook.cli import main
from workbook.core import document
from workbook.core.meetings import MeetingView, list_meetings

REPO = Path(workbook.__file__).resolve().parent.parent
TODAY = date.today()  # the sample's meetings are around today and this week
A4 = "595.276 x 841.89 pts (A4)"
LETTER = "612 x 792 pts (letter)"
LETTER_LANDSCAPE = "792 x 612 pts (letter)"  # the worksheet is landscape
A4_LANDSCAPE = "841.89 x 595.276 pts"


def poppler(tool: str, *args: str | Path) -> str:
    if shutil.which(tool) is None:
        pytest.skip(f"{tool} not found: install poppler-utils")
    done = subprocess.run([tool, *map(str, args)], capture_output=True, text=True, check=True)
    return done.stdout


def pdf_text(path: Path) -> str:
    """The PDF's words as typed: bidi controls out, Arabic presentation forms back to letters."""
    text = poppler("pdftotext", "-enc", "UTF-8", path, "-")
    text = "".join(ch for ch in text if ch not in "\u202a\u202b\u202c\u202d\u202e")
    return " ".join(unicodedata.normalize("NFKC", text).split())


def pdf_info(path: Path) -> dict[str, str]:
    rows = (line.partition(":") for line in poppler("pdfinfo", path).splitlines())
    return {key: " ".join(value.split()) for key, _, value in rows}


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from workbook.core.sample import build_sample

    path = tmp_path_factory.mktemp("sample") / "sample.workbook"
    build_sample(path, people=40, today=TODAY)
    return path


@pytest.fixture(scope="module")
def with_details(sample: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample with the user's own details (the cards need them), on A4 by choice."""
    from workbook.core.my_details import MyDetails, set_my_details
    from workbook.reports.paper import Paper, set_workbook_paper

    path = tmp_path_factory.mktemp("details") / "details.workbook"
    shutil.copy(sample, path)
    with document.open_document(path) as doc:
        set_my_details(
            doc.sessions,
            MyDetails(name="Zoë Ångström", headline="R&D <NYSE> analyst", email="zoe@example.org"),
        )
        set_workbook_paper(doc.sessions, Paper.A4)
    return path


@pytest.fixture
def options(sample: Path, tmp_path: Path) -> list[str]:
    return ["--data-dir", str(tmp_path / "data"), "--workbook", str(sample)]


def meetings(path: Path) -> list[MeetingView]:
    with document.read_only_sessions(path) as sessions:
        return list_meetings(sessions)


def scheduled_today(path: Path) -> MeetingView:
    return next(
        m
        for m in meetings(path)
        if m.status == "scheduled" and (start := m.local_start()) and start.date() == TODAY
    )


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(argv)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


# ---------------------------------------------------------------- prep


def test_prep_sheet_for_a_meeting(
    sample: Path, options: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    meeting = scheduled_today(sample)
    out = tmp_path / "prep.pdf"
    code, stdout, stderr = run(
        ["print", "prep", "--meeting", str(meeting.id), "-o", str(out), *options], capsys
    )
    assert code == 0 and stdout == ""
    # The sample's user lives in Boston: the workbook is set to US Letter.
    assert stderr == f"Wrote a 1-page prep sheet for {meeting.person_name} to {out} (US Letter)\n"
    assert meeting.person_name in pdf_text(out)
    info = pdf_info(out)
    assert info["Pages"] == "1" and info["Page size"] == LETTER


def test_prep_sheet_prints_right_to_left_and_tricky_names(
    sample: Path,
    options: list[str],
    tmp_path: Path,
    output_dir: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    names = {"محمد الأحمد", "Smith & Sons <NYSE>", "李小龙", "Олег Петров"}
    chosen = [m for m in meetings(sample) if m.person_name in names]
    assert {m.person_name for m in chosen} == names
    for meeting in chosen:
        out = tmp_path / f"{meeting.id}.pdf"
        argv = ["print", "prep", "--meeting", str(meeting.id), "-o", str(out), *options]
        assert run(argv, capsys)[0] == 0
        assert meeting.person_name in pdf_text(out)
        if meeting.person_name == "محمد الأحمد":  # for a person to look at
            poppler("pdftoppm", "-png", "-r", "60", "-singlefile", out, output_dir / "prep-rtl")


@pytest.mark.parametrize(("paper", "size"), [("letter", LETTER), ("a4", A4), ("A4", A4)])
def test_paper_option(
    paper: str,
    size: str,
    sample: Path,
    options: list[str],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    out = tmp_path / "prep.pdf"
    meeting = scheduled_today(sample)
    argv = ["print", "prep", "--meeting", str(meeting.id), "--paper", paper, "-o", str(out)]
    code, _, stderr = run([*argv, *options], capsys)
    assert code == 0 and stderr.endswith(f"({'US Letter' if paper == 'letter' else 'A4'})\n")
    assert pdf_info(out)["Page size"] == size


def test_paper_defaults_to_the_workbook_then_the_locale(
    new_workbook: Path,
    with_details: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    out = tmp_path / "sheet.pdf"
    data = ["--data-dir", str(tmp_path / "data")]
    blank = ["print", "people", "--blank", "-o", str(out), *data]
    for locale_name, size in (("en_US.UTF-8", LETTER_LANDSCAPE), ("de_DE.UTF-8", A4_LANDSCAPE)):
        monkeypatch.setenv("LC_ALL", locale_name)  # a workbook that never chose: the locale's
        assert run([*blank, "--workbook", str(new_workbook)], capsys)[0] == 0
        assert pdf_info(out)["Page size"].startswith(size)
    # A workbook that chose A4 prints on A4 in a Letter country.
    monkeypatch.setenv("LC_ALL", "en_US.UTF-8")
    assert run([*blank, "--workbook", str(with_details)], capsys)[0] == 0
    assert pdf_info(out)["Page size"].startswith(A4_LANDSCAPE)


# ---------------------------------------------------------------- agenda


def test_agenda_for_a_week(
    sample: Path, options: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    last = TODAY + timedelta(days=6)
    out = tmp_path / "week.pdf"
    argv = ["print", "agenda", "--from", "today", "--to", last.isoformat(), "-o", str(out)]
    code, stdout, stderr = run([*argv, *options, "--json"], capsys)
    assert code == 0 and stderr == ""
    data = json.loads(stdout)
    assert data == {"path": str(out), "pages": data["pages"], "paper": "letter"}
    assert int(pdf_info(out)["Pages"]) == data["pages"]
    week = [
        m
        for m in meetings(sample)
        if m.status == "scheduled" and (s := m.local_start()) and TODAY <= s.date() <= last
    ]
    assert len(week) >= 2  # today and later this week
    assert data["pages"] >= len(week) + 1  # the list, then a prep sheet each
    text = pdf_text(out)
    assert all(m.person_name in text for m in week)


def test_agenda_defaults_to_today_and_says_which_days(
    sample: Path, options: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "today.pdf"
    code, _, stderr = run(["print", "agenda", "-o", str(out), *options], capsys)
    assert code == 0
    day = f"{TODAY:%a} {TODAY.day} {TODAY:%b %Y}"
    assert re.fullmatch(
        rf"Wrote an? \d+-page agenda for {day} to {re.escape(str(out))} \(US Letter\)\n", stderr
    )
    assert scheduled_today(sample).person_name in pdf_text(out)


def test_an_empty_range_is_a_page_that_says_so(
    options: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "empty.pdf"
    argv = ["print", "agenda", "--from", "2001-01-01", "--to", "2001-01-07", "-o", str(out)]
    code, _, stderr = run([*argv, *options], capsys)
    assert code == 0
    assert stderr == f"Wrote a 1-page agenda for Mon 1 Jan – Sun 7 Jan 2001 to {out} (US Letter)\n"
    assert pdf_info(out)["Pages"] == "1"


# ---------------------------------------------------------------- people and cards


def test_people_worksheet_filled_and_blank(
    sample: Path, options: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    filled, blank = tmp_path / "filled.pdf", tmp_path / "blank.pdf"
    code, _, stderr = run(["print", "people", "-o", str(filled), *options], capsys)
    assert code == 0
    pages = int(pdf_info(filled)["Pages"])
    article = "an" if pages in (8, 11, 18) else "a"
    assert (
        stderr == f"Wrote {article} {pages}-page worksheet of your people to {filled} (US Letter)\n"
    )
    text = pdf_text(filled)
    assert all(name in text for name in ("Zoë Ångström", "محمد الأحمد", "Smith & Sons <NYSE>"))

    code, _, stderr = run(["print", "people", "--blank", "-o", str(blank), *options], capsys)
    assert code == 0 and "blank 100-people worksheet" in stderr
    assert "Zoë Ångström" not in pdf_text(blank)
    assert int(pdf_info(blank)["Pages"]) >= 2


def test_cards_need_the_users_details(
    sample: Path,
    with_details: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    out = tmp_path / "cards.pdf"
    data = ["--data-dir", str(tmp_path / "data")]
    code, stdout, stderr = run(
        ["print", "cards", "-o", str(out), "--workbook", str(sample), *data], capsys
    )
    assert code == 1 and stdout == "" and stderr.count("\n") == 1
    assert stderr.startswith(f"workbook: {sample}: add your name and contact details")
    assert not out.exists()

    argv = ["print", "cards", "-o", str(out), "--workbook", str(with_details), *data]
    code, _, stderr = run(argv, capsys)
    assert code == 0
    what = "sheet of cards (print both sides, flipping on the long edge)"
    assert stderr == f"Wrote a 2-page {what} to {out} (A4)\n"
    assert pdf_info(out)["Pages"] == "2"
    text = pdf_text(out)
    assert "Zoë Ångström" in text and "R&D <NYSE> analyst" in text


# ---------------------------------------------------------------- failures and usage


def test_failures_are_one_line(
    sample: Path, options: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out.pdf"
    out.write_bytes(b"the old file")
    folder_file = tmp_path / "a-file"
    folder_file.write_text("not a folder")
    cases = [
        (["prep", "--meeting", "9999"], f"workbook: {sample}: there is no meeting 9999"),
        (["people", "-o", str(tmp_path / "no" / "such" / "x.pdf")], "x.pdf: cannot write here"),
        (["people", "-o", str(folder_file / "x.pdf")], "x.pdf: cannot write here"),
        (["people", "-o", str(tmp_path)], "could not be written"),  # a folder, not a file
        (
            ["people", "--workbook", str(tmp_path / "gone.workbook")],
            "gone.workbook: does not exist",
        ),
    ]
    for extra, message in cases:
        target = [] if "-o" in extra else ["-o", str(out)]
        code, stdout, stderr = run(["print", extra[0], *target, *options, *extra[1:]], capsys)
        assert code == 1, extra
        assert stdout == "" and stderr.count("\n") == 1, stderr
        assert message in stderr and "Traceback" not in stderr
    assert out.read_bytes() == b"the old file"  # a failed print leaves the old file alone
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a-file", "data", "out.pdf"]


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        ([], "the following arguments are required: WHAT"),
        (["poster", "-o", "x.pdf"], "invalid choice: 'poster'"),
        (["people"], "the following arguments are required: -o/--output"),
        (["prep", "-o", "x.pdf"], "the following arguments are required: --meeting"),
        (["prep", "--meeting", "0", "-o", "x.pdf"], "'0' is not a meeting id"),
        (["prep", "--meeting", "abc", "-o", "x.pdf"], "'abc' is not a meeting id"),
        (["people", "--paper", "a5", "-o", "x.pdf"], "invalid choice: 'a5'"),
        (["people", "--paper", "legal", "-o", "x.pdf"], "invalid choice: 'legal'"),
        (
            ["agenda", "--from", "2026-11-29", "--to", "2026-11-23", "-o", "x.pdf"],
            "--to 2026-11-23 is before --from 2026-11-29",
        ),
        (["agenda", "--to", "2001-01-01", "-o", "x.pdf"], "--to 2001-01-01 is before today"),
        (["agenda", "--from", "next week", "-o", "x.pdf"], "'next week' is not a day"),
        (["people", "-o", "people.csv"], "people.csv: printing writes a PDF; name it .pdf"),
    ],
)
def test_usage_errors(
    argv: list[str],
    message: str,
    options: list[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.chdir(tmp_path)
    with pytest.raises(SystemExit) as done:
        main(["print", *argv, *(options if argv else options[:2])])
    assert done.value.code == 2
    assert message in capsys.readouterr().err
    assert [p.name for p in tmp_path.iterdir()] in ([], ["data"])  # no PDF


def test_printing_works_while_the_app_has_the_workbook_open(
    sample: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    copy = tmp_path / "open.workbook"
    shutil.copy(sample, copy)
    out = tmp_path / "prep.pdf"
    meeting = scheduled_today(copy)
    argv = ["print", "prep", "--meeting", str(meeting.id), "-o", str(out), "--workbook", str(copy)]
    with document.open_document(copy):  # holds the lock, as the app does
        assert run([*argv, "--data-dir", str(tmp_path / "data")], capsys)[0] == 0
    assert meeting.person_name in pdf_text(out)


# ---------------------------------------------------------------- the rest


def test_subprocess(sample: Path, tmp_path: Path) -> None:
    meeting = scheduled_today(sample)
    out = tmp_path / "Vorbereitung für Zoë.pdf"
    result = subprocess.run(
        [sys.executable, "-m", "workbook", "print", "prep", "--meeting", str(meeting.id),
         "--paper", "letter", "-o", str(out), "--workbook", str(sample),
         "--data-dir", str(tmp_path / "data")],
        cwd=REPO, capture_output=True, text=True, encoding="utf-8", check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
    assert result.stderr == (
        f"Wrote a 1-page prep sheet for {meeting.person_name} to {out} (US Letter)\n"
    )
    assert pdf_info(out)["Page size"] == LETTER


def test_the_command_module_loads_no_report_code() -> None:
    # The GUI start path imports the command modules: ReportLab and friends wait for a handler.
    code = "import sys, workbook.commands; print(' '.join(sorted(sys.modules)))"
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True
    )
    heavy = ("reportlab", "sqlalchemy", "pypdfium2", "arabic_reshaper", "bidi", "workbook.reports")
    assert [m for m in result.stdout.split() if m.startswith(heavy)] == []


@pytest.mark.parametrize(
    ("number", "article"),
    [(1, "a"), (2, "a"), (8, "an"), (11, "an"), (18, "an"), (80, "an"), (100, "a"),
     (118, "a"), (800, "an"), (1100, "a"), (11000, "an"), (18500, "an")],
)  # fmt: skip
def test_the_article_before_a_page_count(number: int, article: str) -> None:
    from workbook.commands.print_commands import _article

    assert _article(number) == article


def test_days_in_messages() -> None:
    from workbook.commands.print_commands import _days

    assert _days(date(2026, 11, 23), date(2026, 11, 23)) == "Mon 23 Nov 2026"
    assert _days(date(2026, 11, 23), date(2026, 11, 29)) == "Mon 23 Nov – Sun 29 Nov 2026"
    assert _days(date(2026, 12, 30), date(2027, 1, 3)) == "Wed 30 Dec 2026 – Sun 3 Jan 2027"


def test_progress_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    from workbook.commands.print_commands import _terminal_progress

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    terminal = Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    show = _terminal_progress()
    assert show is not None
    show(1, 3)
    show(3, 3)
    show(0, 0)  # done: the line is cleared
    assert terminal.getvalue() == "\rBuilding 1 of 3…\rBuilding 3 of 3…\r\033[K"
    monkeypatch.setattr(sys, "stderr", io.StringIO())
    assert _terminal_progress() is None  # not a terminal: quiet
