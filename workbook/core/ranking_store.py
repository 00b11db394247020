"""The ranking's side of the workbook: what it reads, in a handful of plain queries, and the
one thing it writes (who is pinned or dismissed). ``workbook.core.ranking`` scores what
``read_ranking_input`` returns and re-exports ``set_pin``.

Rows come through the DB-API cursor as tuples (no ORM objects): the ranking reads 10,000
people in a few dozen milliseconds.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from datetime import UTC, date, datetime, tzinfo
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select, update

from workbook.core.advice_tags import dbapi
from workbook.core.ask import TargetAnswers, normalise_list
from workbook.core.db import SessionFactory
from workbook.core.errors import WorkbookError
from workbook.core.models import MeetingStatus, Person

HELD = frozenset({MeetingStatus.MET, MeetingStatus.THANKED, MeetingStatus.REPORTED_BACK})
UNDER_WAY = frozenset(
    {MeetingStatus.REQUESTED, MeetingStatus.NO_ANSWER, MeetingStatus.SCHEDULED,
     MeetingStatus.POSTPONED}
)  # fmt: skip

# Everyone on the list, by id: only what the score needs, the introducer's name (kept when the
# introducer was deleted) and the ids of the kinds they are tagged with, joined by SQLite in
# no set order (retired ones too: AdviceKinds leaves them out). "+deleted_at" reads the table
# in order instead of through the deleted_at index: nearly every row is wanted.
PEOPLE_SQL = (
    "SELECT p.id, p.name, p.strength, p.organisation, p.title, p.location, p.notes,"
    " p.how_we_know, p.knows_people_at, i.name, p.rank_pin,"
    " (SELECT group_concat(a.kind_id) FROM person_advice a WHERE a.person_id = p.id)"
    " FROM person p LEFT JOIN person i ON i.id = p.introduced_by_id"
    " WHERE +p.deleted_at IS NULL{dismissed} ORDER BY p.id"
)
_NOT_DISMISSED = " AND p.rank_pin >= 0"
_KINDS_SQL = "SELECT id, key, name FROM advice_kind WHERE NOT retired ORDER BY position, id"
SEPARATOR = "\x1e"  # ASCII record separator: never typed into a note
# Per person with any: the notes on their tags of kinds in use (few tags have one).
_NOTES_SQL = (
    "SELECT a.person_id, group_concat(a.note, char(30)) FROM person_advice a"
    " JOIN advice_kind k ON k.id = a.kind_id WHERE a.note != '' AND NOT k.retired"
    " GROUP BY a.person_id"
)
_MEETINGS_SQL = (
    "SELECT person_id, status, scheduled_at, requested_at, created_at, timezone FROM meeting"
    " ORDER BY created_at, id"
)
_ORGS_SQL = "SELECT name, motivation FROM target_organisation"
# The answers the ranking uses (``target.get_target`` reads the rest too, through the ORM).
_TARGET_SQL = "SELECT role, skills, industries, places FROM target WHERE id = 1"

AdviceTag = tuple[str | None, str]  # (built-in key or None for the user's own kind, name)
# (day of the last meeting held, latest status if under way or declined, that meeting's day)
MeetingState = tuple[date | None, str, date | None]
NO_MEETING: MeetingState = (None, "", None)


@dataclass(frozen=True)
class RankingInput:
    """Everything the ranking needs, as the database gives it: the target, then the list,
    each read in one short unit of work."""

    answers: TargetAnswers
    organisations: list[tuple[str, int]]  # (name, motivation)
    people: list[tuple[Any, ...]]  # PEOPLE_SQL rows
    kinds: AdviceKinds  # what the kind ids in those rows stand for
    notes: dict[int, str]  # person id -> the notes on their tags, joined by SEPARATOR
    meetings: dict[int, MeetingState]


def read_ranking_input(sessions: SessionFactory, *, include_dismissed: bool) -> RankingInput:
    """The target's answers and organisations, everyone on the list (dismissed people only
    when asked for), their tags of kinds in use and where their meetings stand."""
    with sessions() as session:
        db = dbapi(session)
        answers = target_answers(db.execute(_TARGET_SQL).fetchone())
        organisations = db.execute(_ORGS_SQL).fetchall()
        sql = PEOPLE_SQL.format(dismissed="" if include_dismissed else _NOT_DISMISSED)
        people = db.execute(sql).fetchall()
        kinds = advice_kinds(tuple(db.execute(_KINDS_SQL).fetchall()))
        notes = dict(db.execute(_NOTES_SQL).fetchall())
        meetings = meeting_states(db.execute(_MEETINGS_SQL).fetchall())
    return RankingInput(answers, organisations, people, kinds, notes, meetings)


def target_answers(row: tuple[Any, ...] | None) -> TargetAnswers:
    """The (role, skills, industries, places) columns as ``target.get_target`` gives them
    (lists stored as JSON text, normalised the same way)."""
    if row is None:
        return TargetAnswers()
    role, skills, industries, places = row
    return TargetAnswers(
        role=role or "", skills=_texts(skills), industries=_texts(industries),
        places=_texts(places),
    )  # fmt: skip


def _texts(stored: str | None) -> tuple[str, ...]:
    try:
        value = json.loads(stored) if stored else None
    except ValueError:
        return ()
    items = value if isinstance(value, list) else []
    return normalise_list(item if isinstance(item, str) else str(item) for item in items)


class AdviceKinds:
    """The kinds in use, to turn a person's kind ids (as SQLite joins them, in no set order)
    into their tags of kinds in use, in the user's order. Each combination is worked out
    once and shared by everyone who has it, for as long as the kinds stay the same."""

    def __init__(self, kinds: tuple[tuple[int, str | None, str], ...]) -> None:  # (id, key, name)
        self._by_id = {kid: ((key, name), at) for at, (kid, key, name) in enumerate(kinds)}
        self._combinations: dict[str | None, tuple[AdviceTag, ...]] = {None: ()}

    def tags(self, ids: str | None) -> tuple[AdviceTag, ...]:
        found = self._combinations.get(ids)
        if found is None:
            assert ids is not None  # None is known from the start
            by_id = self._by_id
            in_use = (by_id[kid] for kid in map(int, ids.split(",")) if kid in by_id)
            found = self._combinations[ids] = tuple(tag for tag, _ in sorted(in_use, key=_second))
        return found


@functools.lru_cache(maxsize=1)  # the same kinds from one ranking to the next
def advice_kinds(kinds: tuple[tuple[int, str | None, str], ...]) -> AdviceKinds:
    return AdviceKinds(kinds)


def _second(item: tuple[Any, int]) -> int:
    return item[1]


def knows_names(knows_json: str | None) -> tuple[str, ...]:
    """The stored ``knows_people_at`` list (JSON text) as names."""
    if not knows_json or knows_json == "[]":
        return ()
    try:
        value = json.loads(knows_json)
    except ValueError:
        return ()  # a damaged value counts as no organisations, not as a crash
    return tuple(v for v in value if isinstance(v, str)) if isinstance(value, list) else ()


def meeting_states(rows: list[tuple[Any, ...]]) -> dict[int, MeetingState]:
    """person id -> MeetingState, from meeting rows oldest first (so the latest one wins).

    A meeting under way (or declined) says what is happening now; an earlier meeting held
    is still remembered, so a second request after a first meeting shows the request.
    """
    states: dict[int, MeetingState] = {}
    for pid, status, scheduled, requested, created, zone in rows:
        met_on = states[pid][0] if pid in states else None
        if status in HELD:
            states[pid] = (_local_day(scheduled or requested or created, zone), "", None)
        elif status in UNDER_WAY or status == MeetingStatus.DECLINED:
            when = scheduled if status == MeetingStatus.SCHEDULED else requested
            states[pid] = (met_on, status, _local_day(when, zone))
        else:  # an idea: nothing asked yet
            states[pid] = (met_on, "", None)
    return states


@functools.lru_cache(maxsize=16384)  # read again at every ranking: parse each time once
def _local_day(stored: str | None, zone_name: str | None) -> date | None:
    """A stored UTC time as a day in the meeting's time zone (else the computer's)."""
    if not stored:
        return None
    moment = datetime.fromisoformat(stored).replace(tzinfo=UTC)
    return moment.astimezone(_zone(zone_name or "")).date()


@functools.lru_cache(maxsize=64)
def _zone(name: str) -> tzinfo | None:
    try:
        return ZoneInfo(name) if name else None
    except (KeyError, ValueError, OSError):  # unknown or malformed: use the computer's
        return None


def set_pin(sessions: SessionFactory, person_id: int, state: int) -> int:
    """Pin someone to the top (1), dismiss them (-1) or rank them normally (0); returns the
    previous state, for undo."""
    if state not in (-1, 0, 1):
        raise ValueError(f"a pin state is 1, 0 or -1, not {state!r}")
    with sessions.begin() as session:
        query = select(Person.rank_pin).where(Person.id == person_id, Person.deleted_at.is_(None))
        before = session.scalar(query)
        if before is None:
            raise WorkbookError(f"person {person_id} is not on the list")
        if before != state:  # updated_at stays: pinning is about the list, not the person
            session.execute(
                update(Person)
                .where(Person.id == person_id)
                .values(rank_pin=state, updated_at=Person.updated_at)
            )
        return before
