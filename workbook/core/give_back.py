"""The give-back ledger: what each person asked for, and what the user offered or did.

An open entry is a promise, due in a week (9 am local) unless the user says when; marking
it done logs a give-back contact with the person (``followups.record_contact``), which also
restarts their follow-up clocks. Every change returns what it changed, so the UI can undo it.
``gesture_idea`` suggests a small, no-strings gesture for a keep-in-touch that is due.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any, Final

from sqlalchemy import select
from sqlalchemy.orm import Session

from workbook.core import followups
from workbook.core.ask import clean_text
from workbook.core.db import SessionFactory
from workbook.core.errors import WorkbookError
from workbook.core.models import (
    Channel,
    GiveBack,
    GiveBackDirection,
    Interaction,
    InteractionKind,
    Meeting,
    Person,
    utcnow,
)

DEFAULT_DUE_DAYS = 7
DUE_HOUR = 9
MAX_DESCRIPTION = 2_000
DIRECTION_LABELS: dict[str, str] = {
    GiveBackDirection.THEY_ASKED: "They asked for",
    GiveBackDirection.I_OFFERED: "I offered",
}
# Small ways to give without keeping score (METHOD, "Relationships, not transactions").
GESTURE_IDEAS: tuple[str, ...] = (
    "Send them an article, a talk or a podcast you think they would enjoy.",
    "Pass on the name of someone good you trust: an accountant, a designer, a mentor.",
    "Congratulate them on their news: a new role, a launch, a talk they gave.",
    "If you heard they were unwell or going through a hard time, send a kind note.",
    "Say hello with no request at all, and tell them one thing that went well lately.",
    "Point them to an event or a group that fits what they care about.",
    "Recommend their work to someone who could use it, and tell them you did.",
    "Tell them how a piece of their advice worked out for you.",
)


class _Unset:
    """Marks an argument left out (None is a value: no due date)."""


UNSET: Final = _Unset()


@dataclass(frozen=True)
class GiveBackRow:
    """One ledger entry, with the person's name for lists."""

    id: int
    person_id: int
    person_name: str
    person_deleted: bool
    meeting_id: int | None
    direction: str  # GiveBackDirection value
    description: str
    done: bool
    due_at: datetime | None  # aware UTC
    done_at: datetime | None
    created_at: datetime

    @property
    def direction_label(self) -> str:
        return DIRECTION_LABELS.get(self.direction, self.direction)

    @property
    def due_date(self) -> date | None:
        """The day it is due on the computer's calendar."""
        return None if self.due_at is None else self.due_at.astimezone().date()

    def overdue(self, now: datetime) -> bool:
        return not self.done and self.due_at is not None and self.due_at < now


@dataclass(frozen=True)
class ContactSnapshot:
    """An Interaction row as it was, to put it back with the same id."""

    values: dict[str, Any]


@dataclass(frozen=True)
class GiveBackChange:
    """What one call changed on an entry; ``logged``: the contact the change logged,
    ``unlogged``: the contact it removed (marking an entry not done after all)."""

    id: int
    before: dict[str, Any]
    after: dict[str, Any]
    logged: int | None = None
    unlogged: ContactSnapshot | None = None
    # Follow-ups the logged contact re-dated: id -> (due_at, snoozed_until) before it.
    clocks: tuple[tuple[int, datetime | None, datetime | None], ...] = ()

    @property
    def changed(self) -> bool:
        return self.before != self.after


@dataclass(frozen=True)
class DeletedGiveBack:
    """A deleted entry, to restore it as it was."""

    values: dict[str, Any]


# -- reading ---------------------------------------------------------------------------------


def list_give_back(
    sessions: SessionFactory,
    *,
    person_id: int | None = None,
    meeting_id: int | None = None,
    open_only: bool = False,
) -> list[GiveBackRow]:
    """Ledger entries: open ones first by due date (undated last), then done ones, latest
    first."""
    query = select(GiveBack, Person.name, Person.deleted_at).join(
        Person, Person.id == GiveBack.person_id
    )
    if person_id is not None:
        query = query.where(GiveBack.person_id == person_id)
    if meeting_id is not None:
        query = query.where(GiveBack.meeting_id == meeting_id)
    if open_only:
        query = query.where(GiveBack.done.is_(False))
    with sessions() as session:
        rows = [
            GiveBackRow(
                id=entry.id,
                person_id=entry.person_id,
                person_name=name,
                person_deleted=deleted_at is not None,
                meeting_id=entry.meeting_id,
                direction=entry.direction,
                description=entry.description,
                done=entry.done,
                due_at=entry.due_at,
                done_at=entry.done_at,
                created_at=entry.created_at,
            )
            for entry, name, deleted_at in session.execute(query).tuples()
        ]
    return sorted(rows, key=_order)


def _order(row: GiveBackRow) -> tuple[Any, ...]:
    if not row.done:
        due = row.due_at.timestamp() if row.due_at else float("inf")
        return (0, due, row.created_at.timestamp(), row.id)
    done = row.done_at.timestamp() if row.done_at else 0.0
    return (1, -done, -row.id, 0)


# -- writing ---------------------------------------------------------------------------------


def default_due(today: date | None = None) -> datetime:
    """A week from today, 9 am on the computer's clock, as aware UTC."""
    day = (today or datetime.now().astimezone().date()) + timedelta(days=DEFAULT_DUE_DAYS)
    return due_at_for(day)


def due_at_for(day: date) -> datetime:
    """9 am local on ``day``, as aware UTC."""
    return followups.due_on(day, DUE_HOUR)


def add_give_back(
    sessions: SessionFactory,
    person_id: int,
    direction: GiveBackDirection | str,
    description: str,
    *,
    meeting_id: int | None = None,
    due: date | None = None,
    today: date | None = None,
) -> int:
    """A new open entry (due ``due`` at 9 am, else a week from ``today``); returns its id."""
    direction = _direction(direction)
    text = _description(description)
    due_at = due_at_for(due) if due is not None else default_due(today)
    with sessions.begin() as session:
        person = session.get(Person, person_id)
        if person is None or person.deleted_at is not None:
            raise WorkbookError(f"person {person_id} is not on the list")
        if meeting_id is not None:
            meeting = session.get(Meeting, meeting_id)
            if meeting is None:
                raise WorkbookError(f"there is no meeting {meeting_id}")
            if meeting.person_id != person_id:
                raise WorkbookError("that meeting was with someone else")
        entry = GiveBack(
            person_id=person_id,
            meeting_id=meeting_id,
            direction=direction,
            description=text,
            done=False,
            due_at=due_at,
        )
        session.add(entry)
        session.flush()
        return entry.id


def set_give_back_done(
    sessions: SessionFactory,
    give_back_id: int,
    done: bool,
    now: datetime,
    *,
    channel: str = Channel.OTHER.value,
) -> GiveBackChange:
    """Mark an entry done (logging a give-back contact ``now``) or open again (removing the
    contact that marking it done logged)."""
    if now.tzinfo is None:
        raise WorkbookError("the time an entry was done needs its time zone")
    with sessions.begin() as session:
        entry = _entry(session, give_back_id)
        if entry.done == done:
            return GiveBackChange(entry.id, {}, {})
        before = {"done": entry.done, "done_at": entry.done_at}
        if done:
            entry.done, entry.done_at = True, now
            clocks = {
                item.id: (item.due_at, item.snoozed_until)
                for item in followups.open_followups(session, entry.person_id)
            }
            contact = followups.record_contact(
                session,
                entry.person_id,
                kind=InteractionKind.GIVE_BACK,
                channel=channel,
                summary=entry.description,
                when=now,
                meeting_id=entry.meeting_id,
            )
            session.flush()
            moved = tuple(
                (item.id, *clocks[item.id])
                for item in followups.open_followups(session, entry.person_id)
                if item.id in clocks and clocks[item.id] != (item.due_at, item.snoozed_until)
            )
            after = {"done": True, "done_at": now}
            return GiveBackChange(entry.id, before, after, logged=contact.id, clocks=moved)
        found = _logged_contact(session, entry)
        unlogged = None
        if found is not None:
            unlogged = ContactSnapshot(_values(found))
            session.delete(found)
        entry.done, entry.done_at = False, None
        return GiveBackChange(entry.id, before, {"done": False, "done_at": None}, None, unlogged)


def update_give_back(
    sessions: SessionFactory,
    give_back_id: int,
    *,
    description: str | None = None,
    due: date | _Unset | None = UNSET,
) -> GiveBackChange:
    """Change what an entry says and when it is due (``due=None``: no due date)."""
    values: dict[str, Any] = {}
    if description is not None:
        values["description"] = _description(description)
    if not isinstance(due, _Unset):
        values["due_at"] = None if due is None else due_at_for(due)
    with sessions.begin() as session:
        entry = _entry(session, give_back_id)
        changed = {k: v for k, v in values.items() if getattr(entry, k) != v}
        before = {k: getattr(entry, k) for k in changed}
        for key, value in changed.items():
            setattr(entry, key, value)
        return GiveBackChange(entry.id, before, changed)


def revert_give_back(sessions: SessionFactory, change: GiveBackChange) -> None:
    """Undo ``change``, the contact it logged (or removed) included."""
    with sessions.begin() as session:
        entry = _entry(session, change.id)
        for key, value in change.before.items():
            setattr(entry, key, value)
        if change.logged is not None:
            contact = session.get(Interaction, change.logged)
            if contact is not None:
                session.delete(contact)
        for item_id, due_at, snoozed_until in change.clocks:
            item = session.get(Interaction, item_id)
            if item is not None and not item.done:
                item.due_at, item.snoozed_until = due_at, snoozed_until
        if (
            change.unlogged is not None
            and session.get(Interaction, change.unlogged.values["id"]) is None
        ):
            session.add(Interaction(**change.unlogged.values))


def reapply_give_back(sessions: SessionFactory, change: GiveBackChange) -> GiveBackChange:
    """Redo ``change``; returns it as redone (a contact logged again has a new id)."""
    if "done" in change.after:
        done_at = change.after.get("done_at")
        when = done_at if isinstance(done_at, datetime) else utcnow()
        again = set_give_back_done(sessions, change.id, bool(change.after["done"]), when)
        return again if again.changed else change
    with sessions.begin() as session:
        entry = _entry(session, change.id)
        for key, value in change.after.items():
            setattr(entry, key, value)
    return change


def delete_give_back(sessions: SessionFactory, give_back_id: int) -> DeletedGiveBack:
    """Remove an entry from the ledger (contacts it logged stay: they happened)."""
    with sessions.begin() as session:
        entry = _entry(session, give_back_id)
        deleted = DeletedGiveBack(_values(entry))
        session.delete(entry)
    return deleted


def restore_give_back(sessions: SessionFactory, deleted: DeletedGiveBack) -> int:
    """Put a deleted entry back with its id."""
    with sessions.begin() as session:
        values = dict(deleted.values)
        if (
            values.get("meeting_id") is not None
            and session.get(Meeting, values["meeting_id"]) is None
        ):
            values["meeting_id"] = None
        if session.get(Person, values["person_id"]) is None:
            raise WorkbookError("the person that entry was about is no longer in the workbook")
        session.add(GiveBack(**values))
    return int(values["id"])


# -- suggestions -----------------------------------------------------------------------------


def gesture_idea(person_id: int, today: date) -> str:
    """A small gesture to suggest for this person today: the same all day, a different one
    for the next person on the list and the next day."""
    return GESTURE_IDEAS[(person_id + today.toordinal()) % len(GESTURE_IDEAS)]


# -- helpers ---------------------------------------------------------------------------------


def _entry(session: Session, give_back_id: int) -> GiveBack:
    entry = session.get(GiveBack, give_back_id)
    if entry is None:
        raise WorkbookError("that give-back entry is no longer in the ledger")
    return entry


def _direction(direction: GiveBackDirection | str) -> str:
    try:
        return GiveBackDirection(direction).value
    except ValueError:
        raise WorkbookError(
            f"{direction!r} is not a give-back direction: use they_asked or i_offered"
        ) from None


def _description(description: str) -> str:
    text = clean_text(description)
    if not text:
        raise WorkbookError("say what they asked for, or what you offered")
    if len(text) > MAX_DESCRIPTION:
        raise WorkbookError(
            f"that entry is {len(text):,} characters long: keep it under {MAX_DESCRIPTION:,}"
        )
    return text


def _logged_contact(session: Session, entry: GiveBack) -> Interaction | None:
    """The give-back contact logged when the entry was marked done, if it is still there."""
    if entry.done_at is None:
        return None
    query = (
        select(Interaction)
        .where(
            Interaction.person_id == entry.person_id,
            Interaction.kind == InteractionKind.GIVE_BACK.value,
            Interaction.occurred_at == entry.done_at,
        )
        .order_by(Interaction.id.desc())
    )
    candidates = list(session.scalars(query))
    same = [c for c in candidates if c.summary == entry.description]
    best = same or candidates
    return best[0] if best else None


def _values(row: GiveBack | Interaction) -> dict[str, Any]:
    return {column.key: getattr(row, column.key) for column in row.__table__.columns}


__all__ = [
    "DIRECTION_LABELS", "GESTURE_IDEAS", "UNSET", "ContactSnapshot", "DeletedGiveBack",
    "GiveBackChange", "GiveBackRow", "add_give_back", "default_due", "delete_give_back",
    "due_at_for", "gesture_idea", "list_give_back", "reapply_give_back", "restore_give_back",
    "revert_give_back", "set_give_back_done", "update_give_back",
]  # fmt: skip
