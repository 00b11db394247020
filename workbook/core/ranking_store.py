"""The ranking's side of the workbook: what it reads, in a handful of plain queries, and the
one thing it writes (who is pinned or dismissed). ``workbook.core.ranking`` scores what
``read_ranking_input`` returns and re-exports ``set_pin``.

Rows come through the DB-API cursor as tuples (no ORM objects): the ranking reads 10,000
people in a few dozen milliseconds.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Hashable
from dataclasses import dataclass
from datetime import UTC, date, datetime, tzinfo
from typing import Any, Generic, TypeVar
from zoneinfo import ZoneInfo

from sqlalchemy import select, update

from workbook.core.advice_tags import dbapi
from workbook.core.ask import TargetAnswers
from workbook.core.db import SessionFactory
from workbook.core.errors import WorkbookError
from workbook.core.models import MeetingStatus, Person
from workbook.core.target import get_target

HELD = frozenset({MeetingStatus.MET, MeetingStatus.THANKED, MeetingStatus.REPORTED_BACK})
UNDER_WAY = frozenset(
    {MeetingStatus.REQUESTED, MeetingStatus.NO_ANSWER, MeetingStatus.SCHEDULED,
     MeetingStatus.POSTPONED}
)  # fmt: skip

# Every person, deleted ones too (an introducer's name outlives them), by id.
PEOPLE_SQL = (
    "SELECT id, name, strength, organisation, title, location, notes, how_we_know,"
    " knows_people_at, introduced_by_id, rank_pin, deleted_at IS NULL FROM person ORDER BY id"
)
_KINDS_SQL = "SELECT id, key, name FROM advice_kind WHERE NOT retired ORDER BY position, id"
_SEPARATOR = "\x1e"  # ASCII record separator: never typed into a note
# Per person: the kinds in use they are tagged with, and the notes on those tags.
_TAGS_SQL = (
    "SELECT a.person_id, group_concat(a.kind_id), group_concat(nullif(a.note, ''), char(30))"
    " FROM person_advice a JOIN advice_kind k ON k.id = a.kind_id WHERE NOT k.retired"
    " GROUP BY a.person_id"
)
_MEETINGS_SQL = (
    "SELECT person_id, status, scheduled_at, requested_at, created_at, timezone FROM meeting"
    " ORDER BY created_at, id"
)
_ORGS_SQL = "SELECT name, motivation FROM target_organisation"

AdviceTag = tuple[str | None, str]  # (built-in key or None for the user's own kind, name)
# (day of the last meeting held, latest status if under way or declined, that meeting's day)
MeetingState = tuple[date | None, str, date | None]
NO_MEETING: MeetingState = (None, "", None)
T = TypeVar("T")


@dataclass(frozen=True)
class RankingInput:
    """Everything the ranking needs: the target, then the list, each read in one short unit
    of work."""

    answers: TargetAnswers
    organisations: list[tuple[str, int]]  # (name, motivation)
    people: list[tuple[Any, ...]]  # PEOPLE_SQL rows
    advice: dict[int, tuple[AdviceTag, ...]]  # person id -> kinds in use, in the user's order
    notes: dict[int, tuple[str, ...]]  # person id -> the notes on those tags
    meetings: dict[int, MeetingState]


def read_ranking_input(sessions: SessionFactory) -> RankingInput:
    """The target's answers and organisations, everyone on the list (deleted people too,
    for their names), the tags of kinds in use and where each person's meetings stand."""
    answers = get_target(sessions).answers
    with sessions() as session:
        db = dbapi(session)
        organisations = db.execute(_ORGS_SQL).fetchall()
        people = db.execute(PEOPLE_SQL).fetchall()
        kinds = db.execute(_KINDS_SQL).fetchall()
        tags = db.execute(_TAGS_SQL).fetchall()
        meetings = meeting_states(db.execute(_MEETINGS_SQL).fetchall())
    # Kind ids come joined by SQLite, in no set order: each combination is put in the user's
    # order once, and people with the same combination share the result.
    by_id = {kid: ((key, name), position) for position, (kid, key, name) in enumerate(kinds)}
    combinations: dict[str, tuple[AdviceTag, ...]] = {}
    advice: dict[int, tuple[AdviceTag, ...]] = {}
    notes: dict[int, tuple[str, ...]] = {}
    for pid, ids, joined_notes in tags:
        found = combinations.get(ids)
        if found is None:
            mine = sorted((by_id[int(kid)] for kid in ids.split(",")), key=_second)
            found = combinations[ids] = tuple(kind for kind, _ in mine)
        advice[pid] = found
        if joined_notes:
            notes[pid] = tuple(joined_notes.split(_SEPARATOR))
    return RankingInput(answers, organisations, people, advice, notes, meetings)


def _second(item: tuple[Any, int]) -> int:
    return item[1]


class RowMemo(Generic[T]):
    """Rows computed before, by everything they were computed from, within one context.

    The page ranks again after every change (a tag, a pin, an edit): people whose data did
    not change get their row back from here instead of being scored again. A key holds all
    the inputs, so a row can never be stale; a new context (target) starts afresh, and so
    does a memo grown well past the number of people.
    """

    def __init__(self) -> None:
        self.context: Hashable = None
        self.rows: dict[Hashable, T] = {}

    def clear(self) -> None:
        self.context, self.rows = None, {}

    def rows_for(self, context: Hashable, people: int) -> dict[Hashable, T]:
        if context != self.context or len(self.rows) > 2 * people + 1000:
            self.context, self.rows = context, {}
        return self.rows


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
