"""`workbook rank` and `workbook gaps`: the text, the JSON, --top, and reading a workbook that
is open in the app."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from workbook.cli import main
from workbook.core import document
from workbook.core.advice import list_kinds, set_tag
from workbook.core.organisations import add_organisation
from workbook.core.people import add_person
from workbook.core.ranking import set_pin
from workbook.core.target import update_field


@pytest.fixture
def setup(tmp_path: Path) -> tuple[list[str], Path]:
    """Options for a small hand-made workbook: a target, four people, a few tags."""
    options = ["--data-dir", str(tmp_path / "data")]
    workbook = tmp_path / "advice.workbook"
    assert main(["new", str(workbook), *options]) == 0
    with document.open_document(workbook) as doc:
        s = doc.sessions
        update_field(s, "industries", ["clean energy"])
        add_organisation(s, "Northwind Health", motivation=5)
        zoe = add_person(s, "Zoë Ångström", strength="1000", organisation="Northwind Health")
        add_person(s, "Олег", title="Clean energy analyst")
        lost = add_person(s, "Smith & Sons <NYSE>", strength="lost")
        gone = add_person(s, "Dismissed Person", strength="100")
        kinds = {k.key: k.id for k in list_kinds(s)}
        set_tag(s, zoe, kinds["people"], True, note="knows the hiring managers")
        set_tag(s, lost, kinds["introductions"], True)
        set_pin(s, gone, -1)
    return [*options, "--workbook", str(workbook)], workbook


def test_rank_prints_one_line_per_person_with_the_reasons(
    setup: tuple[list[str], Path], capsys: pytest.CaptureFixture[str]
) -> None:
    options, _ = setup
    capsys.readouterr()
    assert main(["rank", *options]) == 0
    captured = capsys.readouterr()
    assert captured.out.splitlines() == [
        "1. Zoë Ångström — works at Northwind Health (motivation 5); close relationship: can "
        "introduce you; can advise on: names of people",
        "2. Олег — works in your target industry (clean energy); acquaintance: a short chat "
        "about their experience fits",
        "3. Smith & Sons <NYSE> — lost touch: reconnect first; can advise on: introductions",
    ]
    assert captured.err == ""
    assert main(["rank", "--top", "1", *options]) == 0
    captured = capsys.readouterr()
    assert captured.out.count("\n") == 1 and captured.err == "The first 1 of 3.\n"
    assert main(["rank", "--include-dismissed", *options]) == 0
    last = capsys.readouterr().out.splitlines()[-1]
    assert last.startswith("4. Dismissed Person (dismissed) — friendly tie")


def test_rank_json_has_rank_score_reasons_and_flags(
    setup: tuple[list[str], Path], capsys: pytest.CaptureFixture[str]
) -> None:
    options, _ = setup
    capsys.readouterr()
    assert main(["rank", "--json", "--top", "2", *options]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [r["rank"] for r in rows] == [1, 2]
    first = rows[0]
    assert set(first) >= {"rank", "id", "name", "score", "reasons", "pinned", "dismissed",
                          "organisation", "strength"}  # fmt: skip
    assert (first["name"], first["score"], first["strength"]) == ("Zoë Ångström", 8.5, "1000")
    assert first["reasons"][0] == "works at Northwind Health (motivation 5)"
    assert first["points"] == [4.0, 3.0, 1.5]
    assert (first["pinned"], first["dismissed"], first["organisation"]) == (
        False, False, "Northwind Health",
    )  # fmt: skip


def test_rank_works_while_the_workbook_is_open_and_says_when_there_is_nobody(
    setup: tuple[list[str], Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    options, workbook = setup
    with document.open_document(workbook):  # the app holds it: reading still works
        capsys.readouterr()
        assert main(["rank", *options]) == 0
        assert capsys.readouterr().out.startswith("1. Zoë Ångström")
    empty = tmp_path / "empty.workbook"
    assert main(["new", str(empty), *options[:2]]) == 0
    capsys.readouterr()
    assert main(["rank", *options[:2], "--workbook", str(empty)]) == 0
    captured = capsys.readouterr()
    assert captured.out == "" and "No one to rank yet" in captured.err
    assert main(["rank", *options[:2], "--workbook", str(empty), "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []


def test_rank_suggests_the_target_when_it_is_empty(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    options = ["--data-dir", str(tmp_path / "data")]
    workbook = tmp_path / "plain.workbook"
    assert main(["new", str(workbook), *options]) == 0
    with document.open_document(workbook) as doc:
        add_person(doc.sessions, "Ada")
    capsys.readouterr()
    assert main(["rank", *options, "--workbook", str(workbook)]) == 0
    captured = capsys.readouterr()
    assert captured.out == ("1. Ada — acquaintance: a short chat about their experience fits\n")
    assert "Tip: answer the Target questions" in captured.err


def test_rank_top_must_be_positive(setup: tuple[list[str], Path]) -> None:
    options, _ = setup
    with pytest.raises(SystemExit) as done:
        main(["rank", "--top", "0", *options])
    assert done.value.code == 2


def test_gaps_prints_kinds_thinnest_first_with_where_to_look(
    setup: tuple[list[str], Path], capsys: pytest.CaptureFixture[str]
) -> None:
    options, _ = setup
    capsys.readouterr()
    assert main(["gaps", *options]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "Advice on your list, thinnest first:"
    assert " ".join(lines[1].split()) == (
        "Industry knowledge 0 people nobody yet · brainstorm next: Work, Events, Online, School"
    )
    introductions = next(line for line in lines if "Introductions" in line)
    assert "1 person" in introductions and "lost touch only: reconnect first" in introductions
    assert lines[12].split()[:5] == ["Names", "of", "people", "1", "person"]
    assert "Called out: 11 of 12 kinds nobody you are in touch with can give yet." in lines
    assert "People: 4 of 100" in lines
    assert lines[-2].startswith("  by circle:   Family 0 · Friends 0")
    assert lines[-1] == "  by strength: $10 1 · $100 1 · $1000 1 · Lost touch 1"


def test_gaps_json(setup: tuple[list[str], Path], capsys: pytest.CaptureFixture[str]) -> None:
    options, _ = setup
    capsys.readouterr()
    assert main(["gaps", "--json", *options]) == 0
    report = json.loads(capsys.readouterr().out)
    assert set(report) == {"kinds", "by_circle", "by_strength", "people", "goal"}
    assert (report["people"], report["goal"]) == (4, 100)
    assert report["by_strength"] == {"10": 1, "100": 1, "1000": 1, "lost": 1}
    assert report["by_circle"]["other"] == 4 and len(report["by_circle"]) == 11
    kinds = {k["name"]: k for k in report["kinds"]}
    assert next(iter(kinds)) == "Industry knowledge"  # the user's order
    assert kinds["Names of people"] == {
        "id": kinds["Names of people"]["id"], "name": "Names of people", "people": 1,
        "active_people": 1, "status": "thin", "suggested_circles": [
            "community", "friends", "events", "work"],
    }  # fmt: skip
    assert kinds["Introductions"]["status"] == "lost_only"
    assert kinds["Interview practice"]["status"] == "none"
