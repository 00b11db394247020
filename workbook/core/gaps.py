"""Where the network is thin: for each kind of advice, how many people on the list could give
it, and which circles to brainstorm next for the kinds nobody (or too few) can give.

A kind nobody can give, or only people the user lost touch with, is called out: the first is
a gap to fill with new names, the second a reason to reconnect. Each kind has the circles
most likely to hold that kind of advice (``LIKELY_CIRCLES``); circles the user has already
walked well (``WELL_COVERED`` people or more) are left out of the suggestion, since a fresh
circle finds new names faster. Also here: the counts behind the coverage chart (people per
circle and per strength, and progress toward 100).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from workbook.core.advice_tags import dbapi
from workbook.core.circles import circle_label
from workbook.core.db import SessionFactory
from workbook.core.models import Circle, Strength

GOAL = 100  # the list of 100 (as workbook.core.people.GOAL, without importing the people stack)
THIN = 2  # a kind with only this many people in touch is thin: one busy month and it is gone
WELL_COVERED = 15  # people in a circle: walking it again finds few new names

_C = Circle
# The circles most likely to hold each built-in kind of advice, likeliest first.
LIKELY_CIRCLES: dict[str, tuple[Circle, ...]] = {
    "industry": (_C.WORK, _C.EVENTS, _C.ONLINE, _C.SCHOOL),
    "organisation": (_C.WORK, _C.FRIENDS, _C.FAMILY, _C.PARENTS),
    "role": (_C.WORK, _C.SCHOOL, _C.ONLINE, _C.EVENTS),
    "local_market": (_C.NEIGHBOURS, _C.SERVICES, _C.COMMUNITY, _C.PARENTS),
    "people": (_C.COMMUNITY, _C.FRIENDS, _C.EVENTS, _C.WORK),
    "organisations": (_C.SERVICES, _C.EVENTS, _C.COMMUNITY, _C.WORK),
    "introductions": (_C.FRIENDS, _C.FAMILY, _C.WORK),  # close ties
    "resume": (_C.WORK, _C.SCHOOL, _C.FRIENDS),
    "interview": (_C.WORK, _C.SCHOOL, _C.FRIENDS),  # people who have hired
    "hiring": (_C.WORK, _C.EVENTS, _C.ONLINE, _C.SERVICES),
    "learning": (_C.SCHOOL, _C.ONLINE, _C.EVENTS, _C.COMMUNITY),
    "encouragement": (_C.FAMILY, _C.FRIENDS, _C.COMMUNITY),
}
# A kind of the user's own: the circles where work and learning happen.
OWN_KIND_CIRCLES: tuple[Circle, ...] = (_C.WORK, _C.SCHOOL, _C.EVENTS, _C.ONLINE)


@dataclass(frozen=True)
class KindCoverage:
    """How many people on the list could give one kind of advice."""

    kind_id: int
    name: str
    people: int  # people (not deleted) who can give it
    active_people: int  # of those, not lost touch
    status: str  # "none" | "lost_only" | "thin" (1–2 active) | "ok"
    suggested_circles: tuple[str, ...]  # Circle values to brainstorm next, likeliest first
    description: str = ""  # the kind's one-line explanation
    key: str | None = None  # built-in key, None for the user's own

    @property
    def called_out(self) -> bool:
        """Nobody can give it, or only people the user lost touch with."""
        return self.status in ("none", "lost_only")


@dataclass(frozen=True)
class Coverage:
    """The gap report and the numbers behind the coverage chart."""

    kinds: list[KindCoverage]  # non-retired kinds, by position
    by_circle: dict[str, int]  # Circle value -> people (every circle, in brainstorm order)
    by_strength: dict[str, int]  # Strength value -> people (every strength)
    people: int
    goal: int  # 100

    @property
    def gaps(self) -> list[KindCoverage]:
        """The kinds called out: nobody, or only lost touch."""
        return [kind for kind in self.kinds if kind.called_out]


_KINDS_SQL = (
    "SELECT id, key, name, description FROM advice_kind WHERE NOT retired ORDER BY position, id"
)
_TAGGED_SQL = (
    "SELECT a.kind_id, p.strength = ?, count(*) FROM person_advice a"
    " JOIN person p ON p.id = a.person_id WHERE p.deleted_at IS NULL GROUP BY 1, 2"
)
_COUNT_SQL = "SELECT {column}, count(*) FROM person WHERE deleted_at IS NULL GROUP BY 1"


def coverage(sessions: SessionFactory) -> Coverage:
    """Each kind in use with how many people can give it, and the list's shape."""
    with sessions() as session:
        db = dbapi(session)
        kinds = db.execute(_KINDS_SQL).fetchall()
        tagged: dict[int, list[int]] = {}  # kind id -> [people, of whom lost touch]
        for kind_id, lost, count in db.execute(_TAGGED_SQL, (Strength.LOST_TOUCH.value,)):
            counts = tagged.setdefault(kind_id, [0, 0])
            counts[0] += count
            counts[1] += count if lost else 0
        circles = dict(db.execute(_COUNT_SQL.format(column="circle")).fetchall())
        strengths = dict(db.execute(_COUNT_SQL.format(column="strength")).fetchall())
    by_circle = {circle.value: circles.get(circle.value, 0) for circle in Circle}
    by_strength = {strength.value: strengths.get(strength.value, 0) for strength in Strength}
    rows = []
    for kind_id, key, name, description in kinds:
        people, lost = tagged.get(kind_id, (0, 0))
        active = people - lost
        status = kind_status(people, active)
        suggested = () if status == "ok" else suggest_circles(key, by_circle)
        rows.append(
            KindCoverage(kind_id, name, people, active, status, suggested, description or "", key)
        )
    return Coverage(rows, by_circle, by_strength, sum(by_circle.values()), GOAL)


def kind_status(people: int, active: int) -> str:
    if people == 0:
        return "none"
    if active == 0:
        return "lost_only"
    return "thin" if active <= THIN else "ok"


def suggest_circles(key: str | None, by_circle: dict[str, int]) -> tuple[str, ...]:
    """The circles likeliest to hold this kind, without those already walked well (all of
    them when every one is: they are still the likeliest places)."""
    likely: Sequence[Circle] = LIKELY_CIRCLES.get(key or "", OWN_KIND_CIRCLES)
    fresh = [c.value for c in likely if by_circle.get(c.value, 0) < WELL_COVERED]
    return tuple(fresh or (c.value for c in likely))


def gap_text(kind: KindCoverage) -> str:
    """One plain sentence about a kind's coverage, with where to look next."""
    name = kind.name
    if kind.status == "none":
        text = f"Nobody on your list can help with “{name}” yet."
    elif kind.status == "lost_only":
        who = "someone" if kind.people == 1 else f"{kind.people} people"
        text = (
            f"Only {who} you lost touch with can help with “{name}”: reconnect first, "
            "or find someone new."
        )
    elif kind.status == "thin":
        who = "one person" if kind.active_people == 1 else f"{kind.active_people} people"
        text = f"Only {who} you are in touch with can help with “{name}”."
    else:
        text = f"{kind.active_people} people you are in touch with can help with “{name}”."
    if kind.suggested_circles:
        labels = ", ".join(circle_label(c) for c in kind.suggested_circles)
        text += f" Brainstorm next: {labels}."
    return text
