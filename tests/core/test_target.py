"""Step 1 in the core: composing the ask, normalising lists, readiness, the stored target."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from workbook.core import document
from workbook.core.ask import (
    FIELDS,
    QUESTION,
    READY_ORGANISATIONS,
    TargetAnswers,
    compose_ask,
    join_items,
    list_key,
    normalise_list,
    normalise_value,
    readiness,
    with_article,
)
from workbook.core.db import SessionFactory
from workbook.core.target import (
    AskState,
    get_ask_state,
    get_target,
    keep_ask,
    reset_ask,
    restore_ask,
    set_ask,
    update_field,
)

START = "I'm looking for a chance to use my "
BASE = TargetAnswers(
    skills=("SQL",),
    industries=("clean energy",),
    organisation_types=("start-up",),
    places=("Boston",),
)


def ask(**changes: object) -> str | None:
    answers = BASE
    for field, value in changes.items():
        answers = answers.with_value(field, value)
    return compose_ask(answers).sentence


@pytest.fixture
def sessions(new_workbook: Path) -> Iterator[SessionFactory]:
    with document.open_document(new_workbook) as doc:
        yield doc.sessions


# ---------------------------------------------------------------- composing the ask


def test_the_whole_sentence() -> None:
    answers = TargetAnswers(
        role="product analyst",
        skills=("data analysis", "SQL", "user research"),
        industries=("healthcare technology", "clean energy"),
        organisation_types=("mission-driven start-up", "mid-size company"),
        places=("Boston",),
        open_to_remote=True,
    )
    assert compose_ask(answers).sentence == (
        "I'm looking for a chance to use my data analysis, SQL and user research skills as a "
        "product analyst in a mission-driven start-up or a mid-size company in healthcare "
        "technology and clean energy, in Boston or remotely."
    )


@pytest.mark.parametrize(
    ("skills", "phrase"),
    [
        (["budgeting"], "use my budgeting skills in"),
        (["financial analysis", "budgeting"], "use my financial analysis and budgeting skills in"),
        (["SQL", "Python", "R"], "use my SQL, Python and R skills in"),
        (["a", "b", "c", "d"], "use my a, b, c and d skills in"),
        (["teaching", "people skills"], "use my teaching and people skills in"),
        (["clinical experience"], "use my clinical experience in"),
    ],
)
def test_skills_one_two_three_and_more(skills: list[str], phrase: str) -> None:
    assert phrase in (ask(skills=skills) or "")


@pytest.mark.parametrize(
    ("industries", "phrase"),
    [
        (["fintech"], "in fintech, in Boston."),
        (["health", "education"], "in health and education, in Boston."),
        (["health", "energy", "transport"], "in health, energy and transport, in Boston."),
        (["a", "b", "c", "d"], "in a, b, c and d, in Boston."),
    ],
)
def test_industries_one_two_three_and_more(industries: list[str], phrase: str) -> None:
    assert (ask(industries=industries) or "").endswith(phrase)


@pytest.mark.parametrize(
    ("kinds", "phrase"),
    [
        (["start-up"], "skills in a start-up in"),
        (["enterprise", "non-profit"], "skills in an enterprise or a non-profit in"),
        (
            ["NGO", "public sector", "university"],
            "skills in an NGO, the public sector or a university in",
        ),
        (["start-ups", "B Corp", "SME", "local government"],
         "skills in start-ups, a B Corp, an SME or local government in"),
    ],
)  # fmt: skip
def test_kinds_of_organisation_with_their_articles(kinds: list[str], phrase: str) -> None:
    assert phrase in (ask(organisation_types=kinds) or "")


@pytest.mark.parametrize(
    ("places", "remote", "relocate", "ending"),
    [
        (["Boston"], False, False, ", in Boston."),
        (["Boston"], True, False, ", in Boston or remotely."),
        (["Boston", "Lyon"], False, False, ", in Boston or Lyon."),
        (["Boston", "Lyon"], True, False, ", in Boston, Lyon or remotely."),
        (["Boston", "Lyon", "Kyiv"], False, True, ", in Boston, Lyon or Kyiv."),
        (["Boston", "Washington, DC"], False, False, ", in Boston or Washington, DC."),
        (["Boston", "Washington, DC"], True, False, ", in Boston; Washington, DC; or remotely."),
        ([], True, False, ", working remotely."),
        ([], True, True, ", working remotely."),
        ([], False, True, ", wherever the work is (I'm happy to relocate)."),
        (["Washington D.C."], False, False, ", in Washington D.C."),
    ],
)
def test_places_remote_and_moving(
    places: list[str], remote: bool, relocate: bool, ending: str
) -> None:
    sentence = ask(places=places, open_to_remote=remote, willing_to_relocate=relocate)
    assert sentence is not None and sentence.endswith(ending)


def test_the_role_is_optional_and_takes_an_article() -> None:
    assert " skills in a start-up" in (ask() or "")
    assert " skills as an engineering manager in " in (ask(role="engineering manager") or "")
    assert " skills as a UX researcher in " in (ask(role="  UX\nresearcher ") or "")


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("hour-long contract role", "an hour-long contract role"),
        ("university", "a university"),
        ("8-person team", "an 8-person team"),
        ("18-month project", "an 18-month project"),
        ("100-year-old firm", "a 100-year-old firm"),
        ("IT consultancy", "an IT consultancy"),
        ("one-person shop", "a one-person shop"),
        ("the Red Cross", "the Red Cross"),
        ("civil service", "the civil service"),
        ("公司", "公司"),
        ("", ""),
    ],
)
def test_articles(phrase: str, expected: str) -> None:
    assert with_article(phrase) == expected


def test_join_items() -> None:
    assert join_items([], "and") == ""
    assert join_items(["a"], "and") == "a"
    assert join_items(["a", "b"], "or") == "a or b"
    assert join_items(["a", "b", "c"], "and") == "a, b and c"
    assert join_items(["a", "b, c", "d"], "or") == "a; b, c; or d"


@pytest.mark.parametrize(
    ("blank", "missing"),
    [
        ({"skills": []}, "skills"),
        ({"skills": [], "industries": [], "places": []}, "skills"),
        ({"industries": []}, "industries"),
        ({"industries": [], "organisation_types": []}, "industries"),
        ({"organisation_types": []}, "organisation_types"),
        ({"places": []}, "places"),
        ({"skills": ["  \n\t "]}, "skills"),
    ],
)
def test_missing_answers_name_the_first_question(blank: dict[str, object], missing: str) -> None:
    answers = BASE
    for field, value in blank.items():
        answers = answers.with_value(field, value)
    result = compose_ask(answers)
    assert result.sentence is None
    assert result.missing_field == missing
    assert result.missing == QUESTION[missing]


def test_an_empty_target_asks_for_skills_first() -> None:
    result = compose_ask(TargetAnswers())
    assert result == compose_ask(TargetAnswers(role="nurse", value_statement="I care."))
    assert result.missing == "Which skills do you want to use?"


def test_unicode_and_long_values_go_into_the_sentence_intact() -> None:
    long_skill = "x" * 5000
    sentence = ask(skills=["Zoë's ✨ data storytelling", long_skill], places=["Zürich", "東京"])
    assert sentence is not None
    assert "use my Zoë's ✨ data storytelling and " + long_skill + " skills" in sentence
    assert sentence.endswith(", in Zürich or 東京.")


# ---------------------------------------------------------------- normalising lists


def test_normalise_list() -> None:
    assert normalise_list(["  SQL ", "sql", "Data\tanalysis", "data  ANALYSIS", "", " \n "]) == (
        "SQL",
        "Data analysis",
    )
    assert normalise_list(["Washington, DC", "Boston"]) == ("Washington, DC", "Boston")
    assert normalise_list(["e\u0301cole", "\u00e9cole", "ÉCOLE"]) == ("e\u0301cole",)


_text = st.text(st.characters(codec="utf-8"), max_size=12)


@given(st.lists(_text, max_size=12))
def test_nothing_with_visible_text_is_dropped(items: list[str]) -> None:
    kept = normalise_list(items)
    kept_keys = {list_key(item) for item in kept}
    for item in items:
        if item.strip():
            assert list_key(item) in kept_keys


@given(st.lists(_text, max_size=12))
def test_duplicates_merge_and_the_first_spelling_wins(items: list[str]) -> None:
    kept = normalise_list(items)
    keys = [list_key(item) for item in kept]
    assert len(keys) == len(set(keys))
    assert all(item and item == " ".join(item.split()) for item in kept)
    firsts = {}
    for item in items:
        firsts.setdefault(list_key(item), " ".join(item.split()))
    assert all(firsts[list_key(item)] == item for item in kept)
    assert normalise_list(kept) == kept


def test_values_are_checked_by_kind() -> None:
    assert normalise_value("skills", ("a", "A")) == ("a",)
    assert normalise_value("role", " as\ttyped \n") == " as\ttyped \n"
    with pytest.raises(TypeError):
        normalise_value("skills", "SQL")
    with pytest.raises(TypeError):
        normalise_value("open_to_remote", "yes")
    with pytest.raises(ValueError, match="unknown target field"):
        normalise_value("salary", "lots")


# ---------------------------------------------------------------- readiness


def test_readiness_of_an_empty_target_lists_the_homework_in_order() -> None:
    items = readiness(TargetAnswers(), 0)
    assert [item.field for item in items] == [
        "role",
        "skills",
        "industries",
        "organisation_types",
        "places",
        "value_statement",
        "organisations",
    ]
    assert items[-1].text == (
        f"List organisations you'd like to learn about (aim for {READY_ORGANISATIONS})."
    )


def test_readiness_of_a_full_target() -> None:
    full = BASE.with_value("role", "analyst").with_value("value_statement", "I fix things.")
    assert readiness(full, READY_ORGANISATIONS, "A short ask.") == ()
    texts = [item.text for item in readiness(full, 9)]
    assert texts == ["Add 1 more target organisation (you have 9)."]
    assert "Add 7 more target organisations (you have 3)." in [
        item.text for item in readiness(full, 3)
    ]


def test_readiness_flags_a_scattered_or_long_target() -> None:
    wide = BASE.with_value("industries", ["a", "b", "c", "d"]).with_value("role", "x")
    wordy = wide.with_value("value_statement", "word " * 100)
    fields = [item.field for item in readiness(wordy, 10, "word " * 60)]
    assert fields == ["industries", "value_statement", "ask"]
    remote_only = BASE.with_value("places", []).with_value("open_to_remote", True)
    assert "places" not in [item.field for item in readiness(remote_only, 0)]


# ---------------------------------------------------------------- the stored target


def test_a_new_workbook_has_an_empty_target(sessions: SessionFactory) -> None:
    view = get_target(sessions)
    assert view.answers == TargetAnswers()
    assert view.ask is None and not view.ask_edited and not view.ask_outdated
    assert view.composed.missing_field == "skills"
    assert view.organisation_count == 0


def test_update_field_stores_normalised_lists_and_returns_the_change(
    sessions: SessionFactory,
) -> None:
    change = update_field(sessions, "skills", ["SQL", " sql ", "Python\n"])
    assert (change.field, change.before, change.after, change.changed) == (
        "skills",
        (),
        ("SQL", "Python"),
        True,
    )
    again = update_field(sessions, "skills", ["SQL", "Python"])
    assert not again.changed
    pasted = "Senior\tproduct analyst\n(healthcare) — «Zoë» " + "y" * 10_000
    update_field(sessions, "role", pasted)
    update_field(sessions, "open_to_remote", True)
    answers = get_target(sessions).answers
    assert answers.role == pasted  # text is kept exactly as typed
    assert answers.skills == ("SQL", "Python") and answers.open_to_remote


def test_the_composed_ask_is_kept_in_the_file_while_not_edited(
    sessions: SessionFactory,
) -> None:
    for field, value in (
        ("skills", ["SQL"]),
        ("industries", ["energy"]),
        ("organisation_types", ["start-up"]),
        ("places", ["Kyiv"]),
    ):
        update_field(sessions, field, value)
    view = get_target(sessions)
    expected = START + "SQL skills in a start-up in energy, in Kyiv."
    assert view.ask == expected == get_ask_state(sessions).text
    update_field(sessions, "places", [])
    assert get_target(sessions).ask is None and get_ask_state(sessions).text == ""


def test_a_hand_edited_ask_is_never_overwritten(sessions: SessionFactory) -> None:
    for field, value in (
        ("skills", ["SQL"]),
        ("industries", ["energy"]),
        ("organisation_types", ["start-up"]),
        ("places", ["Kyiv"]),
    ):
        update_field(sessions, field, value)
    composed = get_target(sessions).ask
    mine = "I'd love to help a small energy team\nmake sense of its data."
    change = set_ask(sessions, mine)
    assert change.before == AskState(composed or "", False, None)
    assert change.after == AskState(mine, True, composed)
    assert get_target(sessions).ask == mine and not get_target(sessions).ask_outdated

    update_field(sessions, "places", ["Kyiv", "Lviv"])
    view = get_target(sessions)
    assert view.ask == mine and view.ask_edited
    assert view.ask_outdated and view.composed.sentence is not None
    assert view.composed.sentence.endswith("in Kyiv or Lviv.")

    set_ask(sessions, mine + " Soon.")  # still written against the old sentence
    assert get_target(sessions).ask_outdated
    keep_ask(sessions)
    assert not get_target(sessions).ask_outdated and get_target(sessions).ask == mine + " Soon."
    update_field(sessions, "places", ["Kyiv"])
    assert get_target(sessions).ask_outdated  # changed again since "keep mine"

    reset = reset_ask(sessions)
    assert get_target(sessions).ask == composed and not get_target(sessions).ask_edited
    restore_ask(sessions, reset.before)
    assert get_target(sessions).ask == mine + " Soon." and get_target(sessions).ask_edited


def test_a_blank_hand_written_ask_goes_back_to_the_composed_one(
    sessions: SessionFactory,
) -> None:
    set_ask(sessions, "My own words")
    assert get_target(sessions).ask == "My own words"  # even before the answers are complete
    set_ask(sessions, " \n\t")
    view = get_target(sessions)
    assert not view.ask_edited and view.ask is None
    assert not keep_ask(sessions).changed


def test_every_field_round_trips(sessions: SessionFactory) -> None:
    values: dict[str, object] = {
        "role": "r",
        "level": "l",
        "organisation_size": "s",
        "culture": "c\nc",
        "value_statement": "v",
        "skills": ("a",),
        "industries": ("b",),
        "organisation_types": ("c",),
        "environment": ("d",),
        "places": ("e",),
        "open_to_remote": True,
        "willing_to_relocate": True,
    }
    assert set(values) == set(FIELDS)
    for field, value in values.items():
        update_field(sessions, field, value)
    answers = get_target(sessions).answers
    assert {field: answers.value(field) for field in FIELDS} == values
