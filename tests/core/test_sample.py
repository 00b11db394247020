"""The sample workbook: complete, awkward where it should be, deterministic, and a valid file."""

from __future__ import annotations

import re
import sqlite3
import string
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from workbook.core import document
from workbook.core.ask import TargetAnswers, compose_ask
from workbook.core.errors import WorkbookError
from workbook.core.models import (
    AdviceKind,
    Circle,
    Interaction,
    Meeting,
    MeetingQuestion,
    MeetingStatus,
    Person,
    PersonAdvice,
    Referral,
    Setting,
    Strength,
    Target,
    TargetOrganisation,
    TiaraNote,
)
from workbook.core.sample import SampleSummary, build_sample, populate_sample
from workbook.core.sample_rows import TIMEZONE

TODAY = date(2026, 3, 11)  # a Wednesday
ZONE = ZoneInfo(TIMEZONE)
TRICKY = (
    "Zoë Ångström",
    "李小龙",
    "Олег Петров",
    "محمد الأحمد",
    "Seán O'Brien",
    "Smith & Sons <NYSE>",
)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, SampleSummary]:
    path = tmp_path_factory.mktemp("sample") / "sample.workbook"
    return path, build_sample(path, today=TODAY)


@pytest.fixture
def session(built: tuple[Path, SampleSummary]) -> Iterator[Session]:
    with document.open_document(built[0]) as doc, doc.sessions() as session:
        yield session


def _dump(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, without the wall-clock columns, in a stable order."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        tables = [
            row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        ]
        dump = {}
        for table in sorted(tables):
            columns = [
                row[1]
                for row in conn.execute(f"PRAGMA table_info({table})")
                if row[1] not in ("created_at", "updated_at")
            ]
            order = ", ".join(str(i + 1) for i in range(len(columns)))
            query = f"SELECT {', '.join(columns)} FROM {table} ORDER BY {order}"
            dump[table] = conn.execute(query).fetchall()
        return dump
    finally:
        conn.close()


def _normalised(name: str) -> str:
    kept = "".join(ch for ch in name.casefold() if ch not in string.punctuation + "’")
    return " ".join(kept.split())


def test_every_circle_and_strength_is_present(session: Session) -> None:
    circles = set(session.scalars(select(Person.circle)))
    strengths = set(session.scalars(select(Person.strength)))
    assert circles == {c.value for c in Circle}
    assert strengths == {s.value for s in Strength}
    work = session.scalars(select(Person).where(Person.circle == Circle.WORK.value)).all()
    assert all(person.circle_detail for person in work)


def test_the_tricky_names_are_there_intact(session: Session) -> None:
    names = set(session.scalars(select(Person.name).where(Person.id <= 100)))
    assert set(TRICKY) <= names
    scripts = {
        "Greek": r"[\u0370-\u03ff]",
        "Japanese": r"[\u3040-\u30ff]|佐藤",
        "Korean": r"[\uac00-\ud7af]",
        "Devanagari": r"[\u0900-\u097f]",
        "Latin accents": r"[çñřéüł]",
    }
    for script, pattern in scripts.items():
        assert any(re.search(pattern, name) for name in names), script


def test_people_are_filled_in_like_a_real_list(session: Session) -> None:
    people = session.scalars(select(Person)).all()
    assert len(people) == 100
    assert sum(bool(p.email) for p in people) > 30
    assert sum(bool(p.organisation) for p in people) > 50
    assert sum(p.introduced_by_id is not None for p in people) >= 3
    assert any(p.connected_on for p in people)
    assert all(p.email.endswith((".example.com", "@example.org", "@example.net", "@example.com"))
               for p in people if p.email)  # fmt: skip


def test_target_organisations_match_people_spelled_differently(session: Session) -> None:
    orgs = session.scalars(select(TargetOrganisation)).all()
    assert len(orgs) == 12
    assert all(1 <= org.motivation <= 5 and org.notes for org in orgs)
    by_key = {_normalised(org.name).removesuffix(" co"): org.name for org in orgs}
    people = session.scalars(select(Person)).all()
    spelled = {p.organisation for p in people} | {o for p in people for o in p.knows_people_at}
    differently = {
        name for name in spelled if _normalised(name) in by_key and name not in by_key.values()
    }
    assert differently, "some people write a target organisation's name their own way"


def test_every_meeting_status_with_its_details(session: Session) -> None:
    meetings = session.scalars(select(Meeting)).all()
    assert {m.status for m in meetings} == {s.value for s in MeetingStatus}
    assert len(meetings) == 15
    assert len({m.uid for m in meetings}) == len(meetings)
    for meeting in meetings:
        if meeting.status == MeetingStatus.REQUESTED:
            words = meeting.request_text.split()
            assert len(words) < 75 and meeting.request_text.endswith("?")
            assert not re.search(r"\b(job|jobs|opening|openings|résumé|resume)\b",
                                 meeting.request_text, re.IGNORECASE)  # fmt: skip
        if meeting.status in (MeetingStatus.SCHEDULED, MeetingStatus.MET):
            assert meeting.scheduled_at is not None and meeting.timezone == TIMEZONE
            assert meeting.duration_minutes == 20
            assert 2 <= len(meeting.questions) <= 5
        if meeting.status == MeetingStatus.MET:
            assert meeting.outcome_notes and meeting.notes
            assert meeting.scheduled_at is not None
            assert meeting.scheduled_at.astimezone(ZONE).date() < TODAY
    scheduled = [m.scheduled_at.astimezone(ZONE).date() for m in meetings
                 if m.status == MeetingStatus.SCHEDULED and m.scheduled_at]  # fmt: skip
    assert TODAY in scheduled
    assert any(TODAY < day <= date(2026, 3, 15) for day in scheduled)  # later this week
    letters = [q.letter for q in session.scalars(select(MeetingQuestion))]
    assert {"T", "I", "A", "R", "A2"} <= set(letters)
    assert session.scalar(select(func.count()).select_from(TiaraNote))


def test_follow_ups_are_due_today_overdue_and_later(session: Session) -> None:
    open_items = session.scalars(
        select(Interaction).where(Interaction.due_at.is_not(None), Interaction.done.is_(False))
    ).all()
    due_days = [item.due_at.astimezone(ZONE).date() for item in open_items if item.due_at]
    assert TODAY in due_days
    assert any(day < TODAY for day in due_days)
    assert any(day > TODAY for day in due_days)
    assert session.scalar(
        select(func.count()).where(Interaction.due_at.is_not(None), Interaction.done.is_(True))
    )
    past = session.scalars(select(Interaction).where(Interaction.occurred_at.is_not(None))).all()
    assert {i.kind for i in past} >= {"request", "meeting", "thank_you"}
    assert {i.direction for i in past} == {"in", "out"}


def test_advice_has_a_gap_and_a_kind_only_lost_touch_people_hold(session: Session) -> None:
    counts = dict(
        session.execute(
            select(AdviceKind.key, func.count(PersonAdvice.person_id))
            .outerjoin(PersonAdvice, PersonAdvice.kind_id == AdviceKind.id)
            .group_by(AdviceKind.id)
        )
        .tuples()
        .all()
    )
    assert 0 in counts.values(), "a kind of advice nobody on the list can give"
    holders = session.scalars(
        select(Person.strength)
        .join(PersonAdvice, PersonAdvice.person_id == Person.id)
        .join(AdviceKind, AdviceKind.id == PersonAdvice.kind_id)
        .where(AdviceKind.key == "introductions")
    ).all()
    assert holders and set(holders) == {Strength.LOST_TOUCH.value}
    notes = session.scalars(select(PersonAdvice.note).where(PersonAdvice.note != "")).all()
    assert "knows the hiring managers at Northwind" in notes


def test_referrals_point_at_what_they_became(session: Session) -> None:
    referrals = session.scalars(select(Referral)).all()
    people = [r for r in referrals if r.kind == "person" and r.person_id is not None]
    orgs = [r for r in referrals if r.kind == "organisation"]
    assert people and orgs
    for referral in people:
        person = session.get(Person, referral.person_id)
        assert person is not None and person.introduced_by_id == referral.from_person_id
    for referral in orgs:
        assert referral.organisation_id is not None
    born = session.scalars(
        select(TargetOrganisation).where(TargetOrganisation.from_meeting_id.is_not(None))
    ).all()
    assert born
    for org in born:
        meeting = session.get(Meeting, org.from_meeting_id)
        assert meeting is not None and meeting.status in ("met", "thanked", "reported_back")


def test_target_and_settings(session: Session) -> None:
    target = session.get(Target, 1)
    assert target is not None
    assert target.role and target.level and 2 <= len(target.skills) <= 3
    assert "Boston" in target.places and target.open_to_remote
    assert target.ask_text.startswith("I'm looking for a chance to use my")
    assert "Boston" in target.ask_text and not target.ask_edited
    answers = TargetAnswers()
    for field in TargetAnswers.__dataclass_fields__:
        answers = answers.with_value(field, getattr(target, field))
    assert target.ask_text == compose_ask(answers).sentence  # what the Target page shows
    settings = {s.key: s.value for s in session.scalars(select(Setting))}
    assert settings["paper_size"] == "letter"
    assert settings["followup_intervals"]["nudge_business_days"] == 3


def test_the_file_passes_inspection_with_the_summary_counts(
    built: tuple[Path, SampleSummary],
) -> None:
    path, summary = built
    report = document.inspect(path)
    assert report.integrity == "ok" and not report.needs_migration
    assert report.counts["person"] == summary.people == 100
    assert report.counts["target_organisation"] == summary.organisations
    assert report.counts["person_advice"] == summary.tags
    assert report.counts["meeting"] == summary.meetings
    assert report.counts["interaction"] == summary.interactions
    assert report.counts["referral"] == summary.referrals
    assert report.counts["give_back"] == summary.give_backs


def test_same_seed_and_day_give_the_same_rows(
    built: tuple[Path, SampleSummary], tmp_path: Path
) -> None:
    again = tmp_path / "again.workbook"
    other = tmp_path / "other.workbook"
    build_sample(again, today=TODAY)
    build_sample(other, today=TODAY, seed=8)
    assert _dump(again) == _dump(built[0])
    assert _dump(other)["person"] != _dump(built[0])["person"]


def test_a_thousand_people(tmp_path: Path) -> None:
    path = tmp_path / "big.workbook"
    summary = build_sample(path, people=1000, today=TODAY)
    assert summary.people == 1000 and summary.meetings == 150
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("SELECT count(DISTINCT circle) FROM person").fetchone()[0] == 11
        assert conn.execute("SELECT count(DISTINCT status) FROM meeting").fetchone()[0] == 9
        names = conn.execute("SELECT count(DISTINCT name) FROM person").fetchone()[0]
        assert names > 990  # generated names stay (almost) unique
    finally:
        conn.close()
    assert document.inspect(path).counts["person"] == 1000


def test_a_workbook_with_data_is_refused(built: tuple[Path, SampleSummary]) -> None:
    with (
        document.open_document(built[0]) as doc,
        doc.sessions.begin() as session,
        pytest.raises(WorkbookError, match="empty"),
    ):
        populate_sample(session, today=TODAY)


def test_tiny_samples_still_build(tmp_path: Path) -> None:
    summary = build_sample(tmp_path / "one.workbook", people=1, today=TODAY)
    assert summary.people == 1 and summary.meetings == 1
    with pytest.raises(ValueError, match="at least 1"):
        build_sample(tmp_path / "none.workbook", people=0, today=TODAY)
    assert not (tmp_path / "none.workbook").exists()  # a failed build leaves no file
