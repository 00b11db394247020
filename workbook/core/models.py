"""The workbook's tables as typed SQLAlchemy 2.0 models.

The schema covers the whole method from the start (target, people, advice, meetings,
follow-ups, referrals, give-back, settings), so later steps add behaviour, not tables.
Changing it means a new Alembic revision in core/migrations/versions.
"""

from __future__ import annotations

import enum
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Date,
    ForeignKey,
    Integer,
    String,
    Text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from workbook.core.db import Base, UTCDateTime


def utcnow() -> datetime:
    return datetime.now(UTC)


class Circle(enum.StrEnum):
    """How the user knows someone: the circles the brainstorm walks through."""

    FAMILY = "family"
    FRIENDS = "friends"
    NEIGHBOURS = "neighbours"
    WORK = "work"
    SCHOOL = "school"
    SERVICES = "services"
    COMMUNITY = "community"
    PARENTS = "parents"
    ONLINE = "online"
    EVENTS = "events"
    OTHER = "other"


class Strength(enum.StrEnum):
    """Relationship strength: would you borrow $10, $100 or $1000 from them?"""

    TEN = "10"
    HUNDRED = "100"
    THOUSAND = "1000"
    LOST_TOUCH = "lost"


class MeetingStatus(enum.StrEnum):
    IDEA = "idea"
    REQUESTED = "requested"
    NO_ANSWER = "no_answer"
    SCHEDULED = "scheduled"
    POSTPONED = "postponed"
    DECLINED = "declined"
    MET = "met"
    THANKED = "thanked"
    REPORTED_BACK = "reported_back"


class Channel(enum.StrEnum):
    EMAIL = "email"
    PHONE = "phone"
    MESSAGE = "message"
    NOTE = "note"
    COFFEE = "coffee"
    VIDEO = "video"
    OFFICE = "office"
    OTHER = "other"


class InteractionKind(enum.StrEnum):
    REQUEST = "request"
    NUDGE = "nudge"
    MEETING = "meeting"
    THANK_YOU = "thank_you"
    REPORT_BACK = "report_back"
    KEEP_IN_TOUCH = "keep_in_touch"
    GIVE_BACK = "give_back"
    OTHER = "other"


class Direction(enum.StrEnum):
    OUT = "out"
    IN = "in"


class TiaraLetter(enum.StrEnum):
    """The TIARA question order; the two A's are kept apart."""

    TRENDS = "T"
    INSIGHTS = "I"
    ADVICE = "A"
    RESOURCES = "R"
    ASSIGNMENTS = "A2"


class ReferralKind(enum.StrEnum):
    PERSON = "person"
    ORGANISATION = "organisation"


class GiveBackDirection(enum.StrEnum):
    THEY_ASKED = "they_asked"
    I_OFFERED = "i_offered"


def _check_in(column: str, values: type[enum.StrEnum]) -> CheckConstraint:
    allowed = ", ".join(f"'{v.value}'" for v in values)
    return CheckConstraint(f"{column} IN ({allowed})", name=f"{column}_valid")


class Target(Base):
    """Step 1: what the user is looking for. One row (id 1) per workbook."""

    __tablename__ = "target"

    id: Mapped[int] = mapped_column(primary_key=True)
    role: Mapped[str] = mapped_column(Text, default="")
    level: Mapped[str] = mapped_column(Text, default="")
    skills: Mapped[list[str]] = mapped_column(JSON, default=list)
    industries: Mapped[list[str]] = mapped_column(JSON, default=list)
    organisation_types: Mapped[list[str]] = mapped_column(JSON, default=list)
    organisation_size: Mapped[str] = mapped_column(Text, default="")
    environment: Mapped[list[str]] = mapped_column(JSON, default=list)
    culture: Mapped[str] = mapped_column(Text, default="")
    places: Mapped[list[str]] = mapped_column(JSON, default=list)
    open_to_remote: Mapped[bool] = mapped_column(Boolean, default=False)
    willing_to_relocate: Mapped[bool] = mapped_column(Boolean, default=False)
    value_statement: Mapped[str] = mapped_column(Text, default="")
    ask_text: Mapped[str] = mapped_column(Text, default="")
    ask_edited: Mapped[bool] = mapped_column(Boolean, default=False)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)


class TargetOrganisation(Base):
    """An organisation the user wants to learn about or work for."""

    __tablename__ = "target_organisation"
    __table_args__ = (CheckConstraint("motivation BETWEEN 1 AND 5", name="motivation_range"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(Text)
    motivation: Mapped[int] = mapped_column(Integer, default=3)
    notes: Mapped[str] = mapped_column(Text, default="")
    position: Mapped[int] = mapped_column(Integer, default=0)
    from_meeting_id: Mapped[int | None] = mapped_column(
        ForeignKey("meeting.id", ondelete="SET NULL"), default=None, index=True
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class Person(Base):
    """Step 2: someone on the list of 100."""

    __tablename__ = "person"
    __table_args__ = (_check_in("circle", Circle), _check_in("strength", Strength))

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(Text)
    circle: Mapped[str] = mapped_column(String(20), default=Circle.OTHER.value, index=True)
    circle_detail: Mapped[str] = mapped_column(Text, default="")
    how_we_know: Mapped[str] = mapped_column(Text, default="")
    strength: Mapped[str] = mapped_column(String(10), default=Strength.TEN.value)
    email: Mapped[str] = mapped_column(Text, default="")
    phone: Mapped[str] = mapped_column(Text, default="")
    profile_url: Mapped[str] = mapped_column(Text, default="")
    organisation: Mapped[str] = mapped_column(Text, default="")
    title: Mapped[str] = mapped_column(Text, default="")
    location: Mapped[str] = mapped_column(Text, default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    # Organisations where this person knows someone (counts toward target organisations).
    knows_people_at: Mapped[list[str]] = mapped_column(JSON, default=list)
    introduced_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("person.id", ondelete="SET NULL"), default=None, index=True
    )
    connected_on: Mapped[date | None] = mapped_column(Date, default=None)
    source: Mapped[str] = mapped_column(Text, default="")
    # Who-to-meet-first: 1 pinned to the top, -1 dismissed, 0 ranked normally.
    rank_pin: Mapped[int] = mapped_column(Integer, default=0)
    # Deleting keeps history (meetings, interactions); the person leaves the list.
    deleted_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None, index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)

    introduced_by: Mapped[Person | None] = relationship(remote_side=[id])
    advice: Mapped[list[PersonAdvice]] = relationship(
        back_populates="person", cascade="all, delete-orphan"
    )


class AdviceKind(Base):
    """Step 3: a kind of advice someone could give (built-in or the user's own)."""

    __tablename__ = "advice_kind"

    id: Mapped[int] = mapped_column(primary_key=True)
    # Built-in kinds keep a stable key so renamed texts and exports still match them.
    key: Mapped[str | None] = mapped_column(String(40), unique=True, default=None)
    name: Mapped[str] = mapped_column(Text)
    description: Mapped[str] = mapped_column(Text, default="")
    position: Mapped[int] = mapped_column(Integer, default=0)
    retired: Mapped[bool] = mapped_column(Boolean, default=False)


class PersonAdvice(Base):
    """A tag: this person could give this kind of advice, with an optional note."""

    __tablename__ = "person_advice"

    person_id: Mapped[int] = mapped_column(
        ForeignKey("person.id", ondelete="CASCADE"), primary_key=True
    )
    kind_id: Mapped[int] = mapped_column(
        ForeignKey("advice_kind.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    note: Mapped[str] = mapped_column(Text, default="")

    person: Mapped[Person] = relationship(back_populates="advice")
    kind: Mapped[AdviceKind] = relationship()


class Meeting(Base):
    """Step 4: a research meeting with one person, from idea to reported back."""

    __tablename__ = "meeting"
    __table_args__ = (
        _check_in("status", MeetingStatus),
        CheckConstraint("duration_minutes > 0", name="duration_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="RESTRICT"), index=True)
    status: Mapped[str] = mapped_column(String(20), default=MeetingStatus.IDEA.value)
    uid: Mapped[str] = mapped_column(String(80), unique=True)
    request_text: Mapped[str] = mapped_column(Text, default="")
    requested_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
    scheduled_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None, index=True)
    timezone: Mapped[str] = mapped_column(String(64), default="")
    duration_minutes: Mapped[int] = mapped_column(Integer, default=20)
    channel: Mapped[str] = mapped_column(String(20), default=Channel.COFFEE.value)
    place: Mapped[str] = mapped_column(Text, default="")
    agenda_notes: Mapped[str] = mapped_column(Text, default="")
    outcome_notes: Mapped[str] = mapped_column(Text, default="")
    # Bumped whenever calendar-relevant fields change (ICS SEQUENCE).
    sequence: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)

    person: Mapped[Person] = relationship()
    questions: Mapped[list[MeetingQuestion]] = relationship(
        back_populates="meeting", cascade="all, delete-orphan", order_by="MeetingQuestion.position"
    )
    notes: Mapped[list[TiaraNote]] = relationship(
        back_populates="meeting", cascade="all, delete-orphan"
    )


class BankQuestion(Base):
    """A question in the TIARA question bank (built-in or added by the user)."""

    __tablename__ = "bank_question"
    __table_args__ = (_check_in("letter", TiaraLetter),)

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str | None] = mapped_column(String(40), unique=True, default=None)
    letter: Mapped[str] = mapped_column(String(2))
    text: Mapped[str] = mapped_column(Text)
    position: Mapped[int] = mapped_column(Integer, default=0)
    retired: Mapped[bool] = mapped_column(Boolean, default=False)


class MeetingQuestion(Base):
    """A question chosen for one meeting (copied, so editing the bank keeps history)."""

    __tablename__ = "meeting_question"
    __table_args__ = (_check_in("letter", TiaraLetter),)

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(
        ForeignKey("meeting.id", ondelete="CASCADE"), index=True
    )
    bank_question_id: Mapped[int | None] = mapped_column(
        ForeignKey("bank_question.id", ondelete="SET NULL"), default=None, index=True
    )
    letter: Mapped[str] = mapped_column(String(2))
    text: Mapped[str] = mapped_column(Text)
    position: Mapped[int] = mapped_column(Integer, default=0)

    meeting: Mapped[Meeting] = relationship(back_populates="questions")


class TiaraNote(Base):
    """What the user learned in a meeting, per TIARA letter."""

    __tablename__ = "tiara_note"
    __table_args__ = (_check_in("letter", TiaraLetter),)

    meeting_id: Mapped[int] = mapped_column(
        ForeignKey("meeting.id", ondelete="CASCADE"), primary_key=True
    )
    letter: Mapped[str] = mapped_column(String(2), primary_key=True)
    text: Mapped[str] = mapped_column(Text, default="")

    meeting: Mapped[Meeting] = relationship(back_populates="notes")


class Interaction(Base):
    """A contact that happened (date, channel, direction) or one that is due (a follow-up)."""

    __tablename__ = "interaction"
    __table_args__ = (
        _check_in("kind", InteractionKind),
        _check_in("direction", Direction),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="RESTRICT"), index=True)
    meeting_id: Mapped[int | None] = mapped_column(
        ForeignKey("meeting.id", ondelete="SET NULL"), default=None, index=True
    )
    kind: Mapped[str] = mapped_column(String(20), default=InteractionKind.OTHER.value)
    channel: Mapped[str] = mapped_column(String(20), default=Channel.EMAIL.value)
    direction: Mapped[str] = mapped_column(String(4), default=Direction.OUT.value)
    summary: Mapped[str] = mapped_column(Text, default="")
    occurred_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
    due_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None, index=True)
    done: Mapped[bool] = mapped_column(Boolean, default=False)
    done_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
    snoozed_until: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class Referral(Base):
    """A name or organisation received in a meeting, and what it became on the list."""

    __tablename__ = "referral"
    __table_args__ = (_check_in("kind", ReferralKind),)

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int | None] = mapped_column(
        ForeignKey("meeting.id", ondelete="SET NULL"), default=None, index=True
    )
    from_person_id: Mapped[int | None] = mapped_column(
        ForeignKey("person.id", ondelete="SET NULL"), default=None, index=True
    )
    kind: Mapped[str] = mapped_column(String(20))
    name: Mapped[str] = mapped_column(Text)
    notes: Mapped[str] = mapped_column(Text, default="")
    person_id: Mapped[int | None] = mapped_column(
        ForeignKey("person.id", ondelete="SET NULL"), default=None, index=True
    )
    organisation_id: Mapped[int | None] = mapped_column(
        ForeignKey("target_organisation.id", ondelete="SET NULL"), default=None, index=True
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class GiveBack(Base):
    """The give-back ledger: what a person asked for, or what the user offered or did."""

    __tablename__ = "give_back"
    __table_args__ = (_check_in("direction", GiveBackDirection),)

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="RESTRICT"), index=True)
    meeting_id: Mapped[int | None] = mapped_column(
        ForeignKey("meeting.id", ondelete="SET NULL"), default=None, index=True
    )
    direction: Mapped[str] = mapped_column(String(12))
    description: Mapped[str] = mapped_column(Text)
    done: Mapped[bool] = mapped_column(Boolean, default=False)
    due_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
    done_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class Setting(Base):
    """A workbook setting (follow-up intervals, paper size, …) as a JSON value."""

    __tablename__ = "setting"

    key: Mapped[str] = mapped_column(String(80), primary_key=True)
    value: Mapped[Any] = mapped_column(JSON)
