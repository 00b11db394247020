"""What a prep sheet shows, gathered from core in a handful of queries for any number of sheets.

A week's agenda prints dozens of sheets: asking ``agenda_for_meeting`` and friends once per
meeting would cost five or six queries each. Here the meetings, their questions, the people's
notes and tags, the advice kinds, the target and the follow-up intervals are read once, and
each sheet's agenda is built with the same pure ``build_agenda`` the Meetings page uses.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo

from sqlalchemy import select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import joinedload, sessionmaker

from workbook.core.advice import list_kinds, tags_for
from workbook.core.agenda import AgendaItem, build_agenda
from workbook.core.circles import strength_label
from workbook.core.db import SessionFactory
from workbook.core.errors import WorkbookError
from workbook.core.followups import Intervals, get_intervals, local_day
from workbook.core.meetings import MeetingView, view_of
from workbook.core.models import Meeting, MeetingQuestion, MeetingStatus, Person
from workbook.core.people import appropriate_ask
from workbook.core.question_texts import LETTER_ORDER
from workbook.core.target import get_target

# A meeting in these states has no time worth printing in an agenda (its time is stale).
NOT_ON_AGENDA = frozenset({MeetingStatus.DECLINED.value, MeetingStatus.POSTPONED.value})
_CHUNK = 500  # ids per IN (...): well under SQLite's limit on bound variables


@dataclass(frozen=True)
class Tag:
    """A kind of advice the person could give, with the user's note about it."""

    name: str
    note: str


@dataclass(frozen=True)
class FollowUpDates:
    """When to thank, report back and check in, counted from the meeting's day."""

    thank_you: date
    report_back: date
    keep_in_touch: date


@dataclass(frozen=True)
class SheetData:
    """Everything one prep sheet prints, as plain values."""

    meeting: MeetingView
    person_notes: str
    person_location: str
    tags: tuple[Tag, ...]
    questions: tuple[tuple[str, str], ...]  # (TIARA letter, text) in TIARA order
    agenda: tuple[AgendaItem, ...]
    ask: str | None
    value_statement: str
    strength: str  # "$100"
    appropriate: str  # what is fair to ask at that strength
    follow_up: FollowUpDates | None  # None until the meeting has a time


@dataclass(frozen=True)
class _Shared:
    """What every sheet of one print job has in common."""

    ask: str | None
    value_statement: str
    intervals: Intervals
    kind_names: dict[int, str]  # not retired, in the user's order
    builtin_keys: dict[int, str]
    kind_order: dict[int, int]


def sheet_data(sessions: SessionFactory, meeting_ids: Sequence[int]) -> list[SheetData]:
    """The sheets for these meetings, in the order given; WorkbookError for an unknown id."""
    ids = list(dict.fromkeys(meeting_ids))
    with one_connection(sessions) as shared:
        meetings = _meetings(shared, ids)
        missing = [mid for mid in ids if mid not in meetings]
        if missing:
            raise WorkbookError(f"there is no meeting {missing[0]}")
        return _sheets(shared, [meetings[mid] for mid in ids])


def range_data(sessions: SessionFactory, first: date, last: date) -> list[SheetData]:
    """The sheets of meetings on the local days ``first`` to ``last`` (both included), by time.

    Declined and postponed meetings are left out: their time no longer holds.
    ValueError when ``last`` is before ``first``.
    """
    start, end = day_span(first, last)
    query = (
        select(Meeting)
        .options(joinedload(Meeting.person).joinedload(Person.introduced_by))
        .where(Meeting.scheduled_at >= start, Meeting.scheduled_at < end)
        .where(Meeting.status.not_in(sorted(NOT_ON_AGENDA)))
        .order_by(Meeting.scheduled_at, Meeting.id)
    )
    with one_connection(sessions) as shared:
        with shared() as session:
            views = [view_of(m) for m in session.scalars(query).unique()]
        return _sheets(shared, views)


@contextmanager
def one_connection(sessions: SessionFactory) -> Iterator[SessionFactory]:
    """A session factory whose sessions all use one connection, for a burst of reads.

    The services each open a session, and with the workbook's NullPool each session opens
    the file and sets its pragmas again: for a sheet that was a third of its time.
    """
    engine = sessions.kw.get("bind")
    if not isinstance(engine, Engine):
        yield sessions
        return
    with engine.connect() as connection:
        yield sessionmaker(bind=connection, expire_on_commit=False)


def day_span(first: date, last: date, zone: tzinfo | None = None) -> tuple[datetime, datetime]:
    """[start, end) in aware UTC covering the local days ``first`` to ``last``.

    The same rule as the command line's ``--from``/``--to``: a day runs from its midnight to
    the next (23 or 25 hours on a DST change); ``zone`` None is the computer's.
    """
    if last < first:
        raise ValueError(f"the last day ({last.isoformat()}) is before the first")
    return _midnight(first, zone), _midnight(last + timedelta(days=1), zone)


def _midnight(day: date, zone: tzinfo | None) -> datetime:
    if zone is None:
        return datetime.combine(day, time()).astimezone().astimezone(UTC)
    return datetime.combine(day, time(), tzinfo=zone).astimezone(UTC)


def follow_up_dates(
    scheduled_at: datetime | None, strength: str, intervals: Intervals
) -> FollowUpDates | None:
    """The dates ``followups.plan_after_meeting`` and the keep-in-touch rule will set."""
    if scheduled_at is None:
        return None
    day = local_day(scheduled_at)
    report = day + timedelta(days=intervals.report_back_days)
    return FollowUpDates(
        thank_you=day + timedelta(days=intervals.thank_you_days),
        report_back=report,
        keep_in_touch=report + timedelta(days=intervals.keep_in_touch(strength)),
    )


# -- the bulk reads ----------------------------------------------------------------------------


def _meetings(sessions: SessionFactory, ids: list[int]) -> dict[int, MeetingView]:
    found: dict[int, MeetingView] = {}
    with sessions() as session:
        for chunk in _chunks(ids):
            query = (
                select(Meeting)
                .options(joinedload(Meeting.person).joinedload(Person.introduced_by))
                .where(Meeting.id.in_(chunk))
            )
            found.update((m.id, view_of(m)) for m in session.scalars(query).unique())
    return found


def _shared(sessions: SessionFactory) -> _Shared:
    target = get_target(sessions)
    kinds = list_kinds(sessions, include_retired=True)
    return _Shared(
        ask=target.ask,
        value_statement=target.answers.value_statement,
        intervals=get_intervals(sessions),
        kind_names={k.id: k.name for k in kinds if not k.retired},
        # As in agenda_for_meeting: only built-in kinds still in use shape the agenda.
        builtin_keys={k.id: k.key for k in kinds if k.key is not None and not k.retired},
        kind_order={k.id: i for i, k in enumerate(kinds)},
    )


def _sheets(sessions: SessionFactory, views: list[MeetingView]) -> list[SheetData]:
    if not views:
        return []
    shared = _shared(sessions)
    person_ids = list(dict.fromkeys(v.person_id for v in views))
    tags = tags_for(sessions, person_ids)
    questions: dict[int, list[tuple[str, str]]] = {v.id: [] for v in views}
    people: dict[int, tuple[str, str]] = {}
    with sessions() as session:
        for chunk in _chunks(list(questions)):
            query = select(
                MeetingQuestion.meeting_id,
                MeetingQuestion.letter,
                MeetingQuestion.text,
                MeetingQuestion.position,
                MeetingQuestion.id,
            ).where(MeetingQuestion.meeting_id.in_(chunk))
            rows = sorted(
                session.execute(query).tuples(),
                key=lambda r: (LETTER_ORDER.get(r[1], len(LETTER_ORDER)), r[3], r[4]),
            )
            for meeting_id, letter, text, _position, _id in rows:
                questions[meeting_id].append((letter, text))
        for chunk in _chunks(person_ids):
            notes = select(Person.id, Person.notes, Person.location).where(Person.id.in_(chunk))
            people.update((pid, (n or "", loc or "")) for pid, n, loc in session.execute(notes))
    return [
        _sheet(view, shared, tags.get(view.person_id, {}), questions[view.id], people)
        for view in views
    ]


def _sheet(
    view: MeetingView,
    shared: _Shared,
    tags: dict[int, str],
    questions: list[tuple[str, str]],
    people: dict[int, tuple[str, str]],
) -> SheetData:
    kept = sorted(
        (kind_id for kind_id in tags if kind_id in shared.kind_names),
        key=lambda kind_id: shared.kind_order.get(kind_id, 0),
    )
    keys = frozenset(shared.builtin_keys[k] for k in tags if k in shared.builtin_keys)
    agenda = build_agenda(
        view.duration_minutes,
        questions,
        ask=shared.ask,
        person_name=view.person_name,
        strength=view.person_strength,
        tag_keys=keys,
    )
    notes, location = people.get(view.person_id, ("", ""))
    try:
        appropriate = appropriate_ask(view.person_strength)
    except ValueError:  # a hand-edited file: print the sheet anyway
        appropriate = ""
    return SheetData(
        meeting=view,
        person_notes=notes,
        person_location=location,
        tags=tuple(Tag(shared.kind_names[k], tags[k]) for k in kept),
        questions=tuple(questions),
        agenda=agenda,
        ask=shared.ask,
        value_statement=shared.value_statement,
        strength=strength_label(view.person_strength),
        appropriate=appropriate,
        follow_up=follow_up_dates(view.scheduled_at, view.person_strength, shared.intervals),
    )


def _chunks(ids: list[int]) -> list[list[int]]:
    return [ids[i : i + _CHUNK] for i in range(0, len(ids), _CHUNK)]
