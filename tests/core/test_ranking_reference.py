"""The fast ranking (``ranking_scorer``: raw SQL, column-wise caches) against the plain one:
every person of a sample workbook read through the ORM, scored one by one with
``explain_person`` and put in order by a plain sort key. Scores, points, reasons and the
order must be the same, also with pins, dismissals, a retired kind, a deleted introducer,
notes on tags and after changes."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from workbook.core import document
from workbook.core.advice import list_kinds, retire_kind, set_tag
from workbook.core.db import SessionFactory
from workbook.core.models import AdviceKind, Meeting, Person, TargetOrganisation
from workbook.core.people import delete_people, update_person
from workbook.core.ranking import (
    PersonFeatures,
    RankedPerson,
    explain_person,
    rank_people,
    set_pin,
    target_features,
)
from workbook.core.ranking_store import _TARGET_SQL, meeting_states, target_answers
from workbook.core.sample import build_sample
from workbook.core.target import get_target

TODAY = date(2025, 11, 20)


def reference(
    sessions: SessionFactory, today: date, include_dismissed: bool = False
) -> list[RankedPerson]:
    """rank_people the plain way: ORM objects, one explain_person per person."""
    answers = get_target(sessions).answers
    with sessions() as session:
        orgs = [(o.name, o.motivation) for o in session.scalars(select(TargetOrganisation))]
        in_use = {
            kind.id: (position, kind.key, kind.name)
            for position, kind in enumerate(
                session.scalars(
                    select(AdviceKind)
                    .where(AdviceKind.retired.is_(False))
                    .order_by(AdviceKind.position, AdviceKind.id)
                )
            )
        }
        rows = session.execute(
            select(
                Meeting.person_id, Meeting.status, Meeting.scheduled_at, Meeting.requested_at,
                Meeting.created_at, Meeting.timezone,
            ).order_by(Meeting.created_at, Meeting.id)
        ).all()  # fmt: skip
        stamp = "%Y-%m-%d %H:%M:%S.%f"  # as the ranking reads them: stored text
        meetings = meeting_states(
            [
                (pid, status, *(t.strftime(stamp) if t else None for t in (s, r, c)), zone)
                for pid, status, s, r, c, zone in rows
            ]
        )
        target = target_features(answers, orgs, today)
        people = session.scalars(
            select(Person)
            .where(Person.deleted_at.is_(None))
            .options(selectinload(Person.advice), selectinload(Person.introduced_by))
            .order_by(Person.id)
        ).all()
        ranked: list[tuple[tuple[object, ...], RankedPerson]] = []
        for p in people:
            if p.rank_pin < 0 and not include_dismissed:
                continue
            tags = sorted((in_use[a.kind_id], a.note) for a in p.advice if a.kind_id in in_use)
            texts = [p.notes, p.how_we_know, *(note for _, note in tags if note)]
            met_on, meeting, meeting_on = meetings.get(p.id, (None, "", None))
            parts = explain_person(
                PersonFeatures(
                    person_id=p.id, name=p.name, strength=p.strength,
                    organisation=p.organisation, title=p.title, location=p.location,
                    text="\n".join(texts), knows_people_at=tuple(p.knows_people_at),
                    advice=tuple((key, name) for (_, key, name), _ in tags),
                    introduced_by=p.introduced_by.name if p.introduced_by else "",
                    met_on=met_on, meeting=meeting, meeting_on=meeting_on,
                ),
                target,
            )  # fmt: skip
            score = round(sum(points for _, points in parts), 2)
            person = RankedPerson(
                p.id, p.name, score, tuple(r for r, _ in parts), p.rank_pin > 0, p.rank_pin < 0,
                p.organisation, p.strength, tuple(points for _, points in parts),
            )  # fmt: skip
            group = 0 if p.rank_pin > 0 else 2 if p.rank_pin < 0 else 1
            key = (group, 0.0 if p.rank_pin > 0 else -score, p.name.casefold(), p.id)
            ranked.append((key, person))
    return [person for _, person in sorted(ranked, key=lambda item: item[0])]


def same(sessions: SessionFactory, today: date = TODAY, include_dismissed: bool = False) -> None:
    fast = rank_people(sessions, include_dismissed=include_dismissed, today=today)
    plain = reference(sessions, today, include_dismissed)
    assert [p.person_id for p in fast] == [p.person_id for p in plain]
    for got, want in zip(fast, plain, strict=True):
        assert got == want, got.name


@pytest.fixture
def sample(tmp_path: Path) -> Iterator[SessionFactory]:
    path = tmp_path / "sample.workbook"
    build_sample(path, people=400, today=TODAY)
    doc = document.open_document(path)
    yield doc.sessions
    doc.close()


def test_the_fast_ranking_matches_explain_person_on_the_sample(sample: SessionFactory) -> None:
    same(sample)
    same(sample)  # again, from what the scorer kept
    same(sample, today=date(2026, 3, 1))  # another day: dates are written otherwise
    people = rank_people(sample, today=TODAY)
    assert len({p.reasons for p in people}) > 100  # the sample gives many combinations
    # A few people change (only they are scored again), then someone is pinned.
    update_person(sample, people[3].person_id, title="Clean energy product analyst")
    kinds = {k.key: k.id for k in list_kinds(sample)}
    set_tag(sample, people[4].person_id, kinds["industry"], True, note="Energy storage, SQL")
    same(sample)
    set_pin(sample, people[9].person_id, 1)
    same(sample)
    # Pins and dismissals, a kind retired, an introducer deleted, notes on tags, an edit.
    set_pin(sample, people[-1].person_id, 1)
    set_pin(sample, people[0].person_id, -1)
    retire_kind(sample, kinds["hiring"])
    set_tag(sample, people[5].person_id, kinds["people"], True, note="Knows the SQL team")
    update_person(sample, people[7].person_id, title="Clean energy product analyst")
    with sample() as session:
        introducer = session.scalar(
            select(Person.introduced_by_id).where(Person.introduced_by_id.is_not(None))
        )
    assert introducer is not None
    delete_people(sample, [introducer])
    same(sample)
    same(sample, include_dismissed=True)


def test_the_target_is_read_as_get_target_reads_it(sample: SessionFactory) -> None:
    answers = get_target(sample).answers
    with sample() as session:
        row = session.connection().exec_driver_sql(_TARGET_SQL).fetchone()
    read = target_answers(None if row is None else tuple(row))
    assert (read.role, read.skills, read.industries, read.places) == (
        answers.role, answers.skills, answers.industries, answers.places,
    )  # fmt: skip
    assert target_answers(None).industries == ()
