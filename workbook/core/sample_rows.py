"""The sample's building blocks: constants, weighted choices, and a row builder.

``RowBuilder`` keeps every table's rows as dicts with their ids (inserted later with one
executemany per table) and makes the per-person rows; ``sample_meetings`` adds meetings and
what follows them, and ``sample`` puts the whole workbook together.
"""

from __future__ import annotations

import random
import re
import unicodedata
import uuid
from bisect import bisect
from collections.abc import Mapping
from datetime import UTC, date, datetime, time, timedelta, timezone, tzinfo
from itertools import accumulate
from typing import Any, Generic, TypeVar, cast
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import Table

from workbook.core import sample_data as data
from workbook.core.db import Base
from workbook.core.models import (
    AdviceKind,
    Circle,
    GiveBack,
    Interaction,
    Meeting,
    MeetingQuestion,
    MeetingStatus,
    Person,
    PersonAdvice,
    Referral,
    Strength,
    TargetOrganisation,
    TiaraLetter,
    TiaraNote,
)

TIMEZONE = "America/New_York"
# A fixed namespace: a meeting's uid is the same in every build (calendar updates match).
MEETING_UID_NAMESPACE = uuid.UUID("5f0c1f6e-2f64-4a8e-9d1b-8f0e6b7a1c42")

_S = MeetingStatus
HELD = frozenset({_S.MET, _S.THANKED, _S.REPORTED_BACK})
LOST = Strength.LOST_TOUCH.value
LETTERS = tuple(letter.value for letter in TiaraLetter)
# Insert order follows the foreign keys: introducers and meetings before what points at them.
TABLES: tuple[type[Base], ...] = (
    AdviceKind, Person, PersonAdvice, Meeting, TargetOrganisation, MeetingQuestion, TiaraNote,
    Interaction, Referral, GiveBack,
)  # fmt: skip
COUNTED: dict[str, type[Base]] = {
    "people": Person, "organisations": TargetOrganisation, "tags": PersonAdvice,
    "meetings": Meeting, "questions": MeetingQuestion, "tiara_notes": TiaraNote,
    "interactions": Interaction, "referrals": Referral, "give_backs": GiveBack,
}  # fmt: skip
_FOLD = str.maketrans({"ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "æ": "ae", "ß": "ss", "đ": "d",
                       "Đ": "D", "ı": "i", "œ": "oe"})  # fmt: skip

Row = dict[str, Any]
T = TypeVar("T")


def _zone() -> tzinfo:
    try:
        return ZoneInfo(TIMEZONE)
    except ZoneInfoNotFoundError:  # no tz database (Windows without tzdata): close enough
        return timezone(timedelta(hours=-5), "EST")


def _fold(text: str) -> str:
    """ASCII letters for an email or URL slug: "Dvořák" -> "Dvorak"."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_FOLD))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _slug(latin: str, sep: str = ".") -> str:
    return sep.join(re.findall(r"[a-z0-9]+", latin.lower().replace("'", "")))


def _add_business_days(day: date, days: int) -> date:
    step = 1 if days >= 0 else -1
    for _ in range(abs(days)):
        day += timedelta(days=step)
        while day.weekday() >= 5:
            day += timedelta(days=step)
    return day


def _table(model: type[Base]) -> Table:
    return cast(Table, model.__table__)


def _blank(model: type[Base]) -> Row:
    """A row of the table's plain defaults (None where nullable): executemany needs every row
    of a table to carry the same keys, and call sites then state only what differs."""
    row: Row = {}
    for column in _table(model).columns:
        if column.default is not None and column.default.is_scalar:
            row[column.key] = column.default.arg  # type: ignore[attr-defined]
        elif column.nullable:
            row[column.key] = None
    return row


class _Weighted(Generic[T]):
    """A weighted choice with its cumulative weights worked out once."""

    def __init__(self, weights: Mapping[T, int]) -> None:
        self.items = list(weights)
        self.cum = list(accumulate(weights.values()))
        self.total = self.cum[-1]

    def pick(self, rng: random.Random) -> T:
        # What rng.choices(items, cum_weights=cum)[0] does, without its per-call set-up.
        return self.items[bisect(self.cum, rng.random() * self.total)]


CIRCLES = _Weighted({Circle(k): w for k, w in data.CIRCLE_WEIGHTS.items()})
STRENGTHS = {
    group: _Weighted(dict(zip(Strength, weights, strict=True)))
    for group, weights in data.STRENGTH_WEIGHTS.items()
}
LOCATIONS = _Weighted(dict(data.LOCATIONS))
LOCAL = _Weighted(dict(data.LOCATIONS[:5]))
SECTORS = ("tech", "tech", "health", "public", "business", "business", "self")
MEETING_CHANNELS = _Weighted(data.MEETING_CHANNELS)
REQUEST_CHANNELS = _Weighted(data.REQUEST_CHANNELS)
TAG_COUNTS = _Weighted({0: 8, 1: 30, 2: 30, 3: 20, 4: 12})
POOLS = _Weighted({index: weight for index, (weight, _, _) in enumerate(data.POOLS)})


class RowBuilder:
    """Holds the rows being built (dicts with ids) and makes the rows for one person."""

    def __init__(self, rng: random.Random, today: date, seed: int, kinds: dict[Any, int]) -> None:
        self.rng, self.today, self.seed, self.zone = rng, today, seed, _zone()
        self.kinds: dict[str, int] = {key: kid for key, kid in kinds.items() if key}
        # The question bank by TIARA letter: (id, text), filled by populate_sample.
        self.bank: dict[str, list[tuple[int, str]]] = {}
        # Kinds tagged at random: never the gaps, and the lost-touch-only kind on its own.
        self.open_kinds = [
            k for k in self.kinds if k not in data.GAP_KINDS and k != data.LOST_ONLY_KIND
        ]
        self.blank = {model: _blank(model) for model in TABLES}
        self.rows: dict[type[Base], list[Row]] = {model: [] for model in TABLES}
        self.custom_kind = self.add(
            AdviceKind,
            id=max(kinds.values()) + 1,
            name=data.CUSTOM_KIND[0],
            description=data.CUSTOM_KIND[1],
            position=len(kinds),
        )
        self.target_variants = {v for org in data.TARGET_ORGANISATIONS for v in org[3]}
        self.org_referrals: list[Row] = []  # held meetings that suggested an organisation
        self.spare_names: list[tuple[str, str, str]] = []
        self.phones: set[tuple[str, int]] = set()
        self.counters: dict[str, int] = {}
        self.last_contact: dict[tuple[bool, int], datetime] = {}  # (is meeting, id) -> when

    # -- small helpers ---------------------------------------------------------------------------

    def add(self, model: type[Base], **fields: Any) -> Row:
        """A row with the table's defaults, the given fields and (for one-column keys) its id."""
        rows = self.rows[model]
        row = {**self.blank[model], **fields}
        if model not in (PersonAdvice, TiaraNote):
            row.setdefault("id", len(rows) + 1)
        rows.append(row)
        return row

    def at(self, day: date, hour: int, minute: int = 0) -> datetime:
        """A wall-clock time in the sample's zone on ``day``, as aware UTC."""
        return datetime.combine(day, time(hour, minute), tzinfo=self.zone).astimezone(UTC)

    def days_ago(self, low: int, high: int) -> date:
        return self.today - timedelta(days=self.rng.randint(low, high))

    def nth(self, name: str) -> int:
        """How often ``name`` came up before (0 the first time): spreads cases over a cycle."""
        value = self.counters.get(name, 0)
        self.counters[name] = value + 1
        return value

    def person(self, name: str, latin: str, circle: Circle, strength: Strength) -> Row:
        """A new person: contact details for some, work and location for most."""
        rng = self.rng
        details, templates = data.CIRCLE_TEXTS[circle]
        detail = rng.choice(details)
        organisation = title = phone = email = profile = ""
        if circle is Circle.SERVICES and detail in data.SERVICE_JOBS:
            organisation, title = data.SERVICE_JOBS[detail]
        elif rng.random() < (0.9 if circle is Circle.WORK else 0.7):
            organisation, title = self.job(0.15)
        if rng.random() < 0.4:
            area, line = rng.choice(data.AREA_CODES), rng.randint(0, 99)
            if (area, line) not in self.phones:  # unique, so duplicate checks stay meaningful
                self.phones.add((area, line))
                form = rng.choice(
                    ("({a}) 555-01{n:02d}", "+1 {a}-555-01{n:02d}", "{a}.555.01{n:02d}")
                )
                phone = form.format(a=area, n=line)
        knows: list[str] = []
        if rng.random() < 0.15:
            knows = list(dict.fromkeys(self.job(0.7)[0] for _ in range(rng.randint(1, 2))))
        professional = circle in data.PROFESSIONAL_CIRCLES
        # Entries like "Mike from the gym" or "Smith & Sons <NYSE>" get no made-up address.
        slug = "" if re.search(r"[&<>()]|\b(?:from|the)\b", latin) else _slug(latin)
        if slug and rng.random() < 0.6:
            email = f"{slug}@{rng.choice(('example.com', 'example.org', 'example.net'))}"
        if slug and rng.random() < (0.6 if professional else 0.2):
            profile = f"https://profiles.example.com/in/{_slug(latin, '-')}"
        connected = None
        if rng.random() < (0.5 if professional else 0.15):
            connected = self.days_ago(20, 3000)
        created = self.at(self.days_ago(7, 45), rng.randint(8, 22), rng.choice((0, 15, 30, 45)))
        return self.add(
            Person,
            name=name,
            circle=circle.value,
            circle_detail=detail,
            how_we_know=rng.choice(templates).format(detail=detail, place=detail.split(",")[0]),
            strength=strength.value,
            email=email,
            phone=phone,
            profile_url=profile,
            organisation=organisation,
            title=title,
            location=self.location(circle),
            notes=rng.choice(data.PERSON_NOTES) if rng.random() < 0.2 else "",
            knows_people_at=knows,
            connected_on=connected,
            created_at=created,
            updated_at=created,
        )

    def job(self, target_share: float) -> tuple[str, str]:
        """(organisation, title): a target as people spell it (case, punctuation) or another."""
        rng = self.rng
        if rng.random() < target_share:
            organisation = rng.choice(rng.choice(data.TARGET_ORGANISATIONS[:10])[3])
            return organisation, rng.choice(data.SECTOR_TITLES["target"])
        sector = rng.choice(SECTORS)
        return rng.choice(data.ORGANISATIONS[sector]), rng.choice(data.SECTOR_TITLES[sector])

    def location(self, circle: Circle) -> str:
        if self.rng.random() < 0.15:
            return ""
        return (LOCAL if circle in data.LOCAL_CIRCLES else LOCATIONS).pick(self.rng)

    def tag(self, person: Row) -> None:
        """Advice tags: mostly what the circle suggests, with a short note on a few."""
        rng = self.rng
        wanted: list[str] = []
        if person["organisation"] in self.target_variants:
            wanted.append("organisation")
        if person["id"] == 1:  # the ranking demo: someone who knows the hiring managers
            wanted.append("people")
        favourites = data.CIRCLE_ADVICE[person["circle"]]
        for _ in range(TAG_COUNTS.pick(rng)):
            wanted.append(rng.choice(favourites if rng.random() < 0.75 else self.open_kinds))
        if person["strength"] == LOST and rng.random() < 0.3:
            wanted.append(data.LOST_ONLY_KIND)
        for key in dict.fromkeys(wanted):  # de-duplicated, order kept
            note = ""
            if person["id"] == 1 and key == "people":
                note = data.HIRING_MANAGERS_NOTE
            elif key in data.TAG_NOTES and rng.random() < 0.15:
                note = rng.choice(data.TAG_NOTES[key])
            self.add(PersonAdvice, person_id=person["id"], kind_id=self.kinds[key], note=note)
        if person["circle"] in data.PROFESSIONAL_CIRCLES and rng.random() < 0.04:
            self.add(PersonAdvice, person_id=person["id"], kind_id=self.custom_kind["id"])

    # -- meetings --------------------------------------------------------------------------------
