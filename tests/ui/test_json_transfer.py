"""File > Export / Import > Whole workbook (JSON…), driven through json_transfer with the
prompts answered by the test: export, import as a new workbook, merge, errors, the question."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from tests.core.workbook_json_helpers import SAMPLE_TODAY
from workbook.core import document
from workbook.core.people import add_person, count_people
from workbook.core.sample import build_sample
from workbook.paths import AppDirs
from workbook.recent import AppState
from workbook.ui import json_prompts, prompts
from workbook.ui.app import make_settings
from workbook.ui.json_transfer import export_whole_workbook, import_whole_workbook
from workbook.ui.main_window import MainWindow


@pytest.fixture(scope="module")
def sample_json(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from workbook.core.formats.workbook_json import export_workbook

    folder = tmp_path_factory.mktemp("sample")
    build_sample(folder / "sample.workbook", people=30, today=SAMPLE_TODAY)
    with document.read_only_sessions(folder / "sample.workbook") as sessions:
        export_workbook(sessions, folder / "sample.json")
    return folder / "sample.json"


@pytest.fixture
def errors(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    shown: list[str] = []
    monkeypatch.setattr(prompts, "error", lambda _parent, _title, message: shown.append(message))
    return shown


def make_window(qtbot: QtBot, dirs: AppDirs, path: Path | None) -> MainWindow:
    state = AppState.load(dirs.state_file)
    state.welcomed = True
    window = MainWindow(dirs, state, make_settings(dirs))
    qtbot.addWidget(window)
    window.show()
    if path is not None:
        window.start(path, first_run=False)
    return window


def test_export_writes_the_file_and_says_so_in_the_status_bar(
    qtbot: QtBot,
    dirs: AppDirs,
    new_workbook: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    errors: list[str],
) -> None:
    window = make_window(qtbot, dirs, new_workbook)
    assert window.document is not None
    add_person(window.document.sessions, name="Zoë Ångström")
    out = tmp_path / "out.json"
    asked: list[Path] = []

    def save(_parent: object, _title: str, suggested: Path, _filter: str, suffix: str) -> Path:
        asked.append(suggested)
        assert suffix == ".json"
        return out

    monkeypatch.setattr(prompts, "save_file_path", save)
    export_whole_workbook(window)
    assert errors == []
    assert asked == [new_workbook.parent / "fresh.json"]
    assert [p["name"] for p in json.loads(out.read_bytes())["people"]] == ["Zoë Ångström"]
    assert window.statusBar().currentMessage() == (f"Exported 1 person and every record to {out}")


def test_import_as_a_new_workbook_opens_it(
    qtbot: QtBot,
    dirs: AppDirs,
    new_workbook: Path,
    sample_json: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    errors: list[str],
) -> None:
    window = make_window(qtbot, dirs, new_workbook)
    new = tmp_path / "from json.workbook"
    monkeypatch.setattr(json_prompts, "open_json_path", lambda *_args: sample_json)
    monkeypatch.setattr(json_prompts, "import_choice", lambda *_args: json_prompts.NEW)
    monkeypatch.setattr(prompts, "save_workbook_path", lambda *_args: new)
    import_whole_workbook(window)
    assert errors == []
    assert window.document is not None and window.document.path == new
    assert count_people(window.document.sessions) == 30
    assert window.statusBar().currentMessage() == "Created from json.workbook with 30 people"


def test_import_with_no_workbook_open_asks_nothing_but_the_new_name(
    qtbot: QtBot,
    dirs: AppDirs,
    sample_json: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    errors: list[str],
) -> None:
    window = make_window(qtbot, dirs, None)
    window.close_document()
    new = tmp_path / "n.workbook"
    monkeypatch.setattr(json_prompts, "open_json_path", lambda *_args: sample_json)
    monkeypatch.setattr(json_prompts, "import_choice", lambda *_args: pytest.fail("asked"))
    monkeypatch.setattr(prompts, "save_workbook_path", lambda *_args: new)
    import_whole_workbook(window)
    assert errors == []
    assert window.document is not None and window.document.path == new


def test_merge_into_the_open_workbook_refreshes_every_page(
    qtbot: QtBot,
    dirs: AppDirs,
    new_workbook: Path,
    sample_json: Path,
    monkeypatch: pytest.MonkeyPatch,
    errors: list[str],
) -> None:
    window = make_window(qtbot, dirs, new_workbook)
    assert window.document is not None
    sessions = window.document.sessions
    first = json.loads(sample_json.read_bytes())["people"][0]
    add_person(sessions, name=first["name"], email=first["email"])
    add_person(sessions, name="Someone Else", email="else@example.org")
    questions: list[tuple[str, str, int]] = []

    def choose(_parent: object, source: str, name: str, people: int) -> str:
        questions.append((source, name, people))
        return json_prompts.MERGE

    monkeypatch.setattr(json_prompts, "open_json_path", lambda *_args: sample_json)
    monkeypatch.setattr(json_prompts, "import_choice", choose)
    changed: list[frozenset[str]] = []
    window.events.changed.connect(changed.append)
    import_whole_workbook(window)
    assert errors == []
    assert questions == [("sample.json", "fresh", 2)]
    assert count_people(sessions) == 2 + 29  # the one in both is merged, not doubled
    assert changed and {"people", "meetings", "advice", "target"} <= changed[-1]
    assert window.statusBar().currentMessage() == (
        "Merged sample.json into fresh: 29 people added, 1 already there (not doubled)"
    )


def test_a_broken_file_is_reported_in_one_line_and_nothing_changes(
    qtbot: QtBot,
    dirs: AppDirs,
    new_workbook: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    errors: list[str],
) -> None:
    window = make_window(qtbot, dirs, new_workbook)
    bad = tmp_path / "bad.json"
    bad.write_text('{"format_version": 9}', encoding="utf-8")
    monkeypatch.setattr(json_prompts, "open_json_path", lambda *_args: bad)
    monkeypatch.setattr(json_prompts, "import_choice", lambda *_args: pytest.fail("asked"))
    import_whole_workbook(window)
    assert errors == [f"{bad}: format_version 9 is newer than this app reads (1); update the app"]


def test_cancelling_any_question_changes_nothing(
    qtbot: QtBot,
    dirs: AppDirs,
    new_workbook: Path,
    sample_json: Path,
    monkeypatch: pytest.MonkeyPatch,
    errors: list[str],
) -> None:
    window = make_window(qtbot, dirs, new_workbook)
    monkeypatch.setattr(json_prompts, "open_json_path", lambda *_args: sample_json)
    monkeypatch.setattr(json_prompts, "import_choice", lambda *_args: None)
    import_whole_workbook(window)
    monkeypatch.setattr(json_prompts, "import_choice", lambda *_args: json_prompts.NEW)
    monkeypatch.setattr(prompts, "save_workbook_path", lambda *_args: None)
    import_whole_workbook(window)
    monkeypatch.setattr(prompts, "save_file_path", lambda *_args: None)
    export_whole_workbook(window)
    assert errors == []
    assert window.document is not None and window.document.path == new_workbook
    assert count_people(window.document.sessions) == 0


def test_the_merge_question_names_the_workbook_and_its_people(
    qtbot: QtBot, output_dir: Path
) -> None:
    box = json_prompts.import_choice_box(None, "Sample (export).json", "Zoë’s search", 37)
    qtbot.addWidget(box)
    box.show()
    qtbot.waitExposed(box)
    assert "merge it into Zoë’s search" in box.text()
    assert "has 37 people" in box.informativeText()
    assert "merged, not doubled" in box.informativeText()
    labels = [button.text() for button in box.buttons()]
    assert "Create a New Workbook" in labels and "Merge into Zoë’s search" in labels
    box.grab().save(str(output_dir / "merge_question.png"))
