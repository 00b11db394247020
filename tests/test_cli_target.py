"""`workbook target`: the target, the ask and readiness, as text and as JSON."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from workbook.cli import main
from workbook.core import document
from workbook.core.organisations import add_organisation, list_organisations
from workbook.core.sample import build_sample
from workbook.core.sample_data import TARGET
from workbook.core.target import get_target, set_ask, update_field

KEYS = {
    "role", "level", "skills", "industries", "organisation_types", "organisation_size",
    "environment", "culture", "places", "open_to_remote", "willing_to_relocate",
    "value_statement", "ask", "ask_edited", "ask_outdated", "composed_ask", "missing",
    "readiness", "organisations",
}  # fmt: skip


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("cli-target") / "sample.workbook"
    build_sample(path)
    return path


def run(capsys: pytest.CaptureFixture[str], tmp_path: Path, *args: str) -> tuple[int, str, str]:
    code = main(["--data-dir", str(tmp_path / "data"), "target", *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_json_on_the_sample(
    sample: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, tmp_path, "--workbook", str(sample), "--json")
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert set(data) == KEYS
    assert list(data) == sorted(data), "keys are sorted"
    for field, value in TARGET.items():
        assert data[field] == value, field
    with document.open_document(sample) as doc:
        view = get_target(doc.sessions)
        organisations = list_organisations(doc.sessions)
    assert data["ask"] == view.composed.sentence == data["composed_ask"]
    assert data["ask"].startswith("I'm looking for a chance to use my data analysis, SQL and")
    assert data["ask_edited"] is False and data["missing"] is None
    assert data["readiness"] == []
    assert len(data["organisations"]) == 12
    assert data["organisations"] == [
        {
            "name": o.name,
            "motivation": o.motivation,
            "notes": o.notes,
            "people_count": o.people_count,
        }
        for o in organisations
    ]
    motivations = [o["motivation"] for o in data["organisations"]]
    assert motivations == sorted(motivations, reverse=True)
    acme = next(o for o in data["organisations"] if o["name"] == "Acme, Inc.")
    assert acme["people_count"] > 0, "people spell it ACME Inc, acme inc…"


def test_text_on_the_sample(
    sample: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _err = run(capsys, tmp_path, "--workbook", str(sample))
    assert code == 0
    assert out.startswith("Your target\n  Work:          ")
    assert "  Skills:        data analysis · SQL · user research\n" in out
    assert "\nYour ask:\n  I'm looking for a chance to use my data analysis" in out
    assert "Ready to network" in out
    assert "Target organisations (12):\n  5/5  Acme, Inc. — " in out
    assert "nobody you know yet" in out  # the two suggested in meetings
    assert max(len(line) for line in out.splitlines()) <= 100


def test_a_new_workbook_says_what_to_answer_first(
    new_workbook: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _err = run(capsys, tmp_path, "--workbook", str(new_workbook), "--json")
    data = json.loads(out)
    assert code == 0
    assert data["ask"] is None and data["composed_ask"] is None
    assert data["missing"] == "Which skills do you want to use?"
    assert data["skills"] == [] and data["role"] == "" and data["open_to_remote"] is False
    assert len(data["readiness"]) == 7 and data["organisations"] == []

    code, out, _err = run(capsys, tmp_path, "--workbook", str(new_workbook))
    assert "Answer this first: Which skills do you want to use?" in out
    assert "Before you network:\n  - Name the kind of work you want." in out
    assert "none yet" in out


def test_own_words_and_unicode_are_printed_intact_while_the_app_has_it_open(
    new_workbook: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    mine = "Je cherche à mettre mes données au service de la santé.\nMerci !"
    with document.open_document(new_workbook) as doc:  # as if open in the app (locked)
        update_field(doc.sessions, "role", "Zoë's\tdata «lead» 数据")
        update_field(doc.sessions, "places", ["Zürich", "東京", "zürich"])
        set_ask(doc.sessions, mine)
        add_organisation(doc.sessions, "Smith & Sons <NYSE>", motivation=4, notes="R&D\nteam")
        code, out, err = run(capsys, tmp_path, "--workbook", str(new_workbook), "--json")
        assert (code, err) == (0, "")
        data = json.loads(out)
        assert data["role"] == "Zoë's\tdata «lead» 数据"
        assert data["places"] == ["Zürich", "東京"]
        assert data["ask"] == mine and data["ask_edited"] is True
        assert data["organisations"] == [
            {
                "name": "Smith & Sons <NYSE>",
                "motivation": 4,
                "notes": "R&D\nteam",
                "people_count": 0,
            }
        ]
        code, out, _err = run(capsys, tmp_path, "--workbook", str(new_workbook))
        assert "Your ask (written by you):\n  Je cherche" in out and "\n  Merci !\n" in out
        assert "4/5  Smith & Sons <NYSE> — nobody you know yet" in out


def test_a_bad_file_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    junk = tmp_path / "junk.workbook"
    junk.write_bytes(b"not a database")
    code, out, err = run(capsys, tmp_path, "--workbook", str(junk), "--json")
    assert (code, out) == (1, "")
    assert err == f"workbook: {junk}: is not a workbook (not an SQLite database)\n"
    assert junk.read_bytes() == b"not a database"
