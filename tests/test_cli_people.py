"""`workbook import`, `workbook people` and `workbook export people`: output, exit codes, JSON."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from workbook.cli import main
from workbook.commands import people_commands

LINKEDIN = (
    "Notes:\n"
    '"When exporting your connection data, you may notice that some of the email addresses '
    'are missing."\n'
    "\n"
    "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
    'John,Smith,https://www.linkedin.com/in/jsmith,john@acme.com,"Acme, Inc.",CTO,12 Mar 2021\n'
    ",,,,Acme,CTO,01 Jan 2020\n"
    "Jon,Smith,https://www.linkedin.com/in/jon,,ACME Inc,Engineer,01 Jan 2020\n"
    "Zoë,Ångström,https://www.linkedin.com/in/zoe,zoe@example.se,Nordlys AB,Lead,02 Feb 2022\n"
    "John,Smith,https://linkedin.com/in/JSmith/,,,,\n"
)


@pytest.fixture
def setup(tmp_path: Path) -> tuple[list[str], Path, Path]:
    """Common options, a new workbook and a LinkedIn export."""
    options = ["--data-dir", str(tmp_path / "data")]
    workbook = tmp_path / "people.workbook"
    assert main(["new", str(workbook), *options]) == 0
    export = tmp_path / "Connections.csv"
    export.write_text(LINKEDIN, encoding="utf-8")
    return [*options, "--workbook", str(workbook)], workbook, export


def test_import_prints_counts_and_one_line_per_skipped_record(
    setup: tuple[list[str], Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    options, _, export = setup
    capsys.readouterr()
    assert main(["import", str(export), *options]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out == [
        f"{export} (LinkedIn): added 3, merged 0, skipped 2",
        f"{export}:6: no name, email or phone",
        f"{export}:7: Jon Smith added; similar to John Smith at Acme, Inc. (line 5): check",
        f"{export}:9: also on line 5",
    ]
    assert main(["import", str(export), *options]) == 0  # again: nothing new
    out = capsys.readouterr().out.splitlines()
    assert out[0] == f"{export} (LinkedIn): added 0, merged 0, skipped 5"
    assert f"{export}:5: nothing new: same email as John Smith" in out


def test_people_json_lists_everyone(
    setup: tuple[list[str], Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    options, _, export = setup
    assert main(["import", str(export), "--circle", "online", *options]) == 0
    capsys.readouterr()
    assert main(["people", "--json", *options]) == 0
    people = json.loads(capsys.readouterr().out)
    assert [p["name"] for p in people] == ["John Smith", "Jon Smith", "Zoë Ångström"]
    zoe = people[2]
    required = {"name", "email", "organisation", "title", "circle", "strength", "advice",
                "introduced_by", "id", "phone", "profile_url", "location", "notes",
                "last_contact", "status"}  # fmt: skip
    assert required <= set(zoe)
    assert (zoe["email"], zoe["organisation"], zoe["title"]) == (
        "zoe@example.se", "Nordlys AB", "Lead",
    )  # fmt: skip
    assert (zoe["circle"], zoe["strength"], zoe["advice"], zoe["introduced_by"]) == (
        "online", "10", [], "",
    )  # fmt: skip
    assert zoe["connected_on"] == "2022-02-02" and zoe["last_contact"] is None

    assert main(["people", *options]) == 0
    captured = capsys.readouterr()
    assert captured.out.splitlines()[0] == "1  John Smith — CTO, Acme, Inc. (Online, $10)"
    assert captured.err.strip() == "3 of 100 people"


def test_people_on_an_empty_workbook(
    setup: tuple[list[str], Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    options, _, _ = setup
    assert main(["people", "--json", *options]) == 0
    assert json.loads(capsys.readouterr().out) == []
    assert main(["people", *options]) == 0
    assert "No one on the list yet" in capsys.readouterr().err


def test_dry_run_changes_nothing(
    setup: tuple[list[str], Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    options, workbook, export = setup
    before = workbook.read_bytes()
    capsys.readouterr()
    assert main(["import", str(export), "--dry-run", *options]) == 0
    captured = capsys.readouterr()
    assert captured.out.splitlines()[0] == f"{export} (LinkedIn): would add 3, merge 0, skip 2"
    assert "nothing was written" in captured.err
    assert workbook.read_bytes() == before


def test_import_json(
    setup: tuple[list[str], Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    options, workbook, export = setup
    capsys.readouterr()
    assert main(["import", str(export), "--json", "--dry-run", *options]) == 0
    report = json.loads(capsys.readouterr().out)
    assert (report["workbook"], report["dry_run"]) == (str(workbook), True)
    [one] = report["files"]
    assert (one["file"], one["format"], one["counts"]) == (
        str(export), "linkedin", {"add": 3, "merge": 0, "skip": 2},
    )  # fmt: skip
    assert [(i["line"], i["action"]) for i in one["items"]] == [
        (5, "add"), (6, "skip"), (7, "add"), (8, "add"), (9, "skip"),
    ]  # fmt: skip
    assert one["items"][2]["reason"].startswith("similar to John Smith")


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (None, "no such file"),
        (b"", "is empty"),
        (b"\x00\x01\x02\xff" * 64, "binary"),
        (b"Name,Email\n", "no contacts"),
    ],
)
def test_an_unreadable_file_writes_nothing(
    setup: tuple[list[str], Path, Path],
    capsys: pytest.CaptureFixture[str],
    content: bytes | None,
    problem: str,
) -> None:
    options, workbook, export = setup
    bad = workbook.parent / "bad.csv"
    if content is not None:
        bad.write_bytes(content)
    before = workbook.read_bytes()
    capsys.readouterr()
    assert main(["import", str(export), str(bad), *options]) == 1  # the good file neither
    captured = capsys.readouterr()
    assert captured.out == ""
    [line] = captured.err.splitlines()
    assert line.startswith(f"workbook: {bad}: ") and problem in line
    assert workbook.read_bytes() == before


def test_two_files_in_one_import(
    setup: tuple[list[str], Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    options, workbook, export = setup
    vcard = workbook.parent / "zoe.vcf"
    vcard.write_text(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Zoë Ångström\r\nEMAIL:ZOE@example.se\r\n"
        "TEL:+46 70 123 45 67\r\nEND:VCARD\r\n",
        encoding="utf-8",
    )
    capsys.readouterr()
    assert main(["import", str(export), str(vcard), *options]) == 0
    out = capsys.readouterr().out.splitlines()
    assert f"{vcard} (vCard): added 0, merged 0, skipped 1" in out
    assert f"{vcard}:1: also in {export.name} line 8" in out


def test_export_people(
    setup: tuple[list[str], Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    options, workbook, export = setup
    assert main(["import", str(export), *options]) == 0
    csv_out, vcf_out = workbook.parent / "out.csv", workbook.parent / "out.vcf"
    assert main(["export", "people", "--format", "csv", "-o", str(csv_out), *options]) == 0
    assert "Zoë Ångström" in csv_out.read_text(encoding="utf-8-sig")
    assert main(["export", "people", "-o", str(vcf_out), *options]) == 0  # format from the name
    assert "BEGIN:VCARD" in vcf_out.read_text(encoding="utf-8")
    assert f"Exported 3 people to {vcf_out} (vcard)" in capsys.readouterr().err


def test_usage_errors(setup: tuple[list[str], Path, Path]) -> None:
    options, _, export = setup
    for argv in (
        ["export", "meetings", "-o", "x.csv"],
        ["export", "people"],
        ["import", str(export), "--format", "xls"],
        ["import", str(export), "--circle", "pets"],
        ["import"],
    ):
        with pytest.raises(SystemExit) as done:
            main([*argv, *options])
        assert done.value.code == 2, argv


def test_choices_match_the_core() -> None:
    from workbook.core.formats.records import FORMATS
    from workbook.core.models import Circle

    assert people_commands.FORMATS == FORMATS
    assert tuple(c.value for c in Circle) == people_commands.CIRCLES


def test_people_json_on_the_sample(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from datetime import datetime

    from workbook.core.sample import build_sample

    workbook = tmp_path / "sample.workbook"
    build_sample(workbook, people=40)
    options = ["--data-dir", str(tmp_path / "data"), "--workbook", str(workbook)]
    assert main(["people", "--json", *options]) == 0
    people = json.loads(capsys.readouterr().out)
    assert len(people) == 40
    contacted = [p for p in people if p["last_contact"]]
    assert contacted and all(datetime.fromisoformat(p["last_contact"]).tzinfo for p in contacted)
    assert any(p["advice"] for p in people) and any(p["introduced_by"] for p in people)
    assert {p["status"] for p in people} >= {"", "Met", "Scheduled"}
    assert {p["strength"] for p in people} == {"10", "100", "1000", "lost"}
