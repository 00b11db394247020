"""The meeting agenda: sections in order, minutes adding up to the meeting's length for any
length, the catch-up for people the user lost touch with, the introduction question only
for close ties, the time estimate, and an agenda loaded from a workbook."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workbook.core import document
from workbook.core.advice import list_kinds, set_tag
from workbook.core.agenda import (
    GIVE_BACK_QUESTION,
    INTRODUCTION_QUESTION,
    NAMES_QUESTION,
    AgendaItem,
    agenda_for_meeting,
    build_agenda,
    elapsed,
    estimate_text,
    over_time,
    question_budget,
    question_minutes,
    questions_that_fit,
)
from workbook.core.db import SessionFactory
from workbook.core.meetings import create_meeting, update_meeting
from workbook.core.models import Strength
from workbook.core.people import add_person
from workbook.core.question_bank import LETTERS, add_meeting_question
from workbook.core.target import update_field

ASK = "I'm looking for a chance to use my data skills in a clinic in healthcare, in Boston."
STRENGTHS = [s.value for s in Strength]
QUESTIONS = st.lists(
    st.tuples(st.sampled_from(LETTERS), st.text(min_size=1, max_size=40)), max_size=15
)
TAGS = st.frozensets(st.sampled_from(["introductions", "people", "industry", "mine"]))


def agenda(
    minutes: int = 20,
    questions: list[tuple[str, str]] | None = None,
    strength: str = Strength.HUNDRED,
    tags: frozenset[str] = frozenset(),
    ask: str | None = ASK,
) -> tuple[AgendaItem, ...]:
    return build_agenda(
        minutes,
        questions or [],
        ask=ask,
        person_name="Zoë Ångström",
        strength=strength,
        tag_keys=tags,
    )


@settings(max_examples=300, deadline=None)
@given(
    minutes=st.integers(10, 120),
    questions=QUESTIONS,
    strength=st.sampled_from(STRENGTHS),
    tags=TAGS,
    ask=st.none() | st.just(ASK),
)
def test_minutes_add_up_to_the_meeting_for_every_length(
    minutes: int,
    questions: list[tuple[str, str]],
    strength: str,
    tags: frozenset[str],
    ask: str | None,
) -> None:
    items = agenda(minutes, questions, strength, tags, ask)
    assert sum(item.minutes for item in items) == minutes
    assert all(item.minutes >= 1 for item in items)
    starts = [item.start_minute for item in items]
    assert starts[0] == 0
    assert all(
        later == item.start_minute + item.minutes
        for item, later in zip(items, starts[1:], strict=False)
    )
    sections = [item.section for item in items]
    assert sections[:2] == ["small_talk", "ask"]
    assert sections[-3:] == ["names", "give_back", "close"]
    middle = sections[2:-3]
    assert middle == ["questions"] or middle == sorted(middle, key=LETTERS.index)
    asked = [text for item in items[2:-3] for text in item.questions]
    wanted = [" ".join(t.split()) for _l, t in sorted(questions, key=lambda q: LETTERS.index(q[0]))]
    assert asked == [t for t in wanted if t]


@pytest.mark.parametrize("minutes", [1, 2, 5, 9, 121, 240, 480])
def test_lengths_outside_the_planned_range_still_add_up(minutes: int) -> None:
    items = agenda(minutes, [("T", "What is changing?")], Strength.LOST_TOUCH)
    assert sum(item.minutes for item in items) == minutes
    assert all(item.minutes >= 1 for item in items)


def test_a_twenty_minute_agenda_reads_well() -> None:
    questions = [("A", "What would you do first?"), ("T", "What is changing?"),
                 ("T", "Where is it heading?"), ("R", "What do you read?")]  # fmt: skip
    items = agenda(20, questions)
    assert [(item.clock, item.title, item.minutes) for item in items] == [
        ("0:00", "Small talk", 2),
        ("0:02", "Your ask", 1),
        ("0:03", "Trends", 6),
        ("0:09", "Advice", 4),
        ("0:13", "Resources", 4),
        ("0:17", "Asking for names", 1),
        ("0:18", "Giving back", 1),
        ("0:19", "Thanks and close", 1),
    ]
    assert items[1].detail == ASK
    assert items[2].questions == ("What is changing?", "Where is it heading?")
    assert items[2].detail == "What is changing in their field."
    assert NAMES_QUESTION in items[5].questions
    assert items[6].questions == (GIVE_BACK_QUESTION,)
    assert "Zoë Ångström" in items[0].detail and "Zoë Ångström" in items[7].detail


def test_no_ask_and_no_questions_say_what_to_do() -> None:
    items = agenda(20, [], ask=None)
    assert "Target page" in items[1].detail
    assert items[2].title == "Your questions" and items[2].minutes == 14


def test_lost_touch_gets_a_longer_catch_up_first() -> None:
    warm = agenda(30, [("T", "What is changing?")], Strength.HUNDRED)
    lost = agenda(30, [("T", "What is changing?")], Strength.LOST_TOUCH)
    assert lost[0].title == "Catch up first" and warm[0].title == "Small talk"
    assert lost[0].minutes > warm[0].minutes
    assert question_budget(30, Strength.LOST_TOUCH) < question_budget(30, Strength.HUNDRED)


@pytest.mark.parametrize(
    ("strength", "tags", "asks"),
    [
        (Strength.THOUSAND, {"introductions"}, True),
        (Strength.THOUSAND, set(), False),
        (Strength.HUNDRED, {"introductions"}, False),
        (Strength.LOST_TOUCH, {"introductions"}, False),
    ],
)
def test_an_introduction_is_asked_only_of_close_ties_tagged_for_it(
    strength: str, tags: set[str], asks: bool
) -> None:
    names = next(
        item for item in agenda(20, [], strength, frozenset(tags)) if item.section == "names"
    )
    assert (INTRODUCTION_QUESTION in names.questions) is asks
    assert names.questions[0] == NAMES_QUESTION


def test_more_letters_than_minutes_share_one_part() -> None:
    questions = [(letter, f"Question {letter}?") for letter in LETTERS]
    items = agenda(10, questions, Strength.LOST_TOUCH)
    (part,) = [item for item in items if item.section == "questions"]
    assert part.questions == tuple(f"Question {letter}?" for letter in LETTERS)


def test_the_time_estimate() -> None:
    assert question_minutes(5) == 14 and question_minutes(1) == 3 and question_minutes(0) == 0
    assert questions_that_fit(20) == 5
    assert estimate_text(5, 20) == "5 questions — about 14 of your 20 minutes"
    assert estimate_text(1, 20) == "1 question — about 3 of your 20 minutes"
    assert estimate_text(0, 20).startswith("No questions yet: your 20 minutes leave about 14")
    assert not over_time(5, 20) and over_time(6, 20)
    assert "more than the 14 your 20 minutes leave" in estimate_text(7, 20)
    assert elapsed(0) == "0:00" and elapsed(65) == "1:05"


# -- from a workbook ---------------------------------------------------------------------------


@pytest.fixture
def sessions(new_workbook: Path) -> Iterator[SessionFactory]:
    with document.open_document(new_workbook) as doc:
        yield doc.sessions


def test_agenda_for_a_meeting_uses_its_length_questions_ask_and_tags(
    sessions: SessionFactory,
) -> None:
    for field, value in (("skills", ["data"]), ("industries", ["healthcare"]),
                         ("organisation_types", ["clinic"]), ("places", ["Boston"])):  # fmt: skip
        update_field(sessions, field, value)
    person = add_person(sessions, "Sam O'Brien", strength=Strength.THOUSAND)
    kinds = {k.key: k.id for k in list_kinds(sessions)}
    set_tag(sessions, person, kinds["introductions"], True)
    meeting = create_meeting(sessions, person)
    update_meeting(sessions, meeting, duration_minutes=45)
    add_meeting_question(sessions, meeting, "R", "What do you read?")
    add_meeting_question(sessions, meeting, "T", "What is changing?")
    items = agenda_for_meeting(sessions, meeting)
    assert sum(item.minutes for item in items) == 45
    assert items[1].detail == ASK
    assert [item.title for item in items[2:4]] == ["Trends", "Resources"]
    assert INTRODUCTION_QUESTION in items[4].questions
    assert "Sam O'Brien" in items[-1].detail
