"""Who to meet first: everyone on the list ranked by what a research meeting with them could
give, with every point of the score explained in plain words.

The score adds up named parts, each with its weight in ``WEIGHTS`` (the only place they
live) and a reason the user reads: fit with the target (their industry, role, skills, place,
a target organisation they work at or know someone at), the strength of the relationship,
the advice they could give (retired kinds do not count) and whether a meeting already
happened or is under way. People the user lost touch with stay on the list, lower, with
"reconnect first". The user can pin someone to the top or dismiss them (``Person.rank_pin``).

``score_person`` and ``explain_person`` are pure (the tests state expected orders through
them). ``rank_people`` reads the workbook with a handful of plain queries
(``ranking_store``) and puts the same parts together a column at a time, each distinct value
worked out once (``ranking_scorer``; a test holds it to ``explain_person`` on the sample):
10,000 people well under 200 ms, the first time too (bench/advice.py prints the figures).
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from types import MappingProxyType
from typing import NamedTuple

from workbook.core.ask import TargetAnswers
from workbook.core.db import SessionFactory
from workbook.core.models import MeetingStatus, Strength
from workbook.core.orgmatch import organisation_key
from workbook.core.ranking_store import UNDER_WAY, AdviceTag, set_pin
from workbook.core.wordmatch import Phrase, found_words, phrases, place_phrases, role_phrases

__all__ = [
    "WEIGHTS", "PersonFeatures", "RankedPerson", "TargetFeatures", "day_text", "explain_person",
    "rank_people", "score_person", "set_pin", "target_features",
]  # fmt: skip

Part = tuple[str, float]  # (reason, points)

WEIGHTS: Mapping[str, float] = MappingProxyType({
    # Fit with the target. The target organisations matter most: the research is about them.
    "works_at": 1.0,  # works at a target organisation...
    "works_at_motivation": 0.6,  # ...plus this per point of motivation (1-5): 1.6 to 4.0
    "knows_at": 0.5,  # knows someone at a target organisation (each one counts)...
    "knows_at_motivation": 0.4,  # ...plus this per point of motivation: 0.9 to 2.5
    "industry": 3.0,  # every word of a target industry in what they do or what you noted
    "industry_part": 1.5,  # a telling word of it ("healthcare" for "healthcare technology")
    "role": 2.0,  # does the kind of work you want: knows what it is like day to day
    "role_part": 1.0,  # a related role ("data analyst" when you want "product analyst")
    "skill": 0.75,  # each skill you want to use that shows in their work...
    "skills_max": 1.5,  # ...up to this much
    "place": 1.0,  # based where you want to work: knows the local market
    # The relationship: what it is fair to ask ($10 / $100 / $1000, or lost touch).
    "close": 3.0,  # $1000: can introduce you or speak up for you
    "friendly": 1.5,  # $100: glad to share advice and names
    "acquaintance": 0.5,  # $10: a short chat about their experience still fits
    "lost_touch": -2.0,  # say hello and share news first, ask later
    "introduced": 1.0,  # someone on your list introduced them: a warm start
    # Advice tags, per built-in kind (by key). Names and industry knowledge feed research most.
    "advice.people": 1.5,  # names of people: each meeting should lead to the next
    "advice.organisations": 1.5,  # names of organisations: the target list grows
    "advice.industry": 1.5,  # industry knowledge: the heart of a research meeting
    "advice.organisation": 1.0,  # the inside of one organisation
    "advice.role": 1.0,  # what the work is like
    "advice.hiring": 1.0,  # how hiring really works in their field
    "advice.local_market": 0.75,  # who is growing around you
    "advice.introductions": 0.5,  # an introduction from a looser tie is a big favour to ask
    "advice.introductions_close": 1.5,  # ... and a natural one from a close tie ($1000)
    "advice.resume": 0.5,  # useful, later in the search
    "advice.interview": 0.5,  # useful, later in the search
    "advice.learning": 0.5,  # courses, associations, groups
    "advice.encouragement": 0.25,  # precious, but not what a research meeting is for
    "advice.custom": 0.75,  # a kind of your own: you added it because it matters to you
    "advice_max": 3.0,  # all tags together count at most this: fit still comes first
    # Meetings: who you already met or asked can wait; the list is about who to ask next.
    "met": -4.0,  # already met: keep in touch rather than ask again
    "under_way": -3.0,  # a request sent, a meeting planned or postponed
    "declined": -2.0,  # said "not now": ask again in a few months
})  # fmt: skip

_STRENGTH_PARTS: dict[str, Part] = {  # strength -> (reason, points)
    Strength.THOUSAND: ("close relationship: can introduce you", WEIGHTS["close"]),
    Strength.HUNDRED: ("friendly tie: glad to share advice and names", WEIGHTS["friendly"]),
    Strength.TEN: ("acquaintance: a short chat about their experience fits",
                   WEIGHTS["acquaintance"]),
    Strength.LOST_TOUCH: ("lost touch: reconnect first", WEIGHTS["lost_touch"]),
}  # fmt: skip
_CLOSE = Strength.THOUSAND.value  # compared for every person: not through the enum each time
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


@dataclass(frozen=True)
class TargetFeatures:
    """What the target gives the ranking, ready for matching (see ``target_features``)."""

    industries: tuple[Phrase, ...] = ()
    roles: tuple[Phrase, ...] = ()
    skills: tuple[Phrase, ...] = ()
    places: tuple[Phrase, ...] = ()
    organisations: Mapping[str, tuple[str, int]] = field(default_factory=dict)  # key: name, mot.
    today: date | None = None  # dates in this year are written without the year
    # Every word of the industries, roles and skills, and of the places (worked out here).
    vocabulary: frozenset[str] = field(init=False, repr=False)
    place_words: frozenset[str] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        found = (p.words for p in (*self.industries, *self.roles, *self.skills))
        object.__setattr__(self, "vocabulary", frozenset().union(*found))
        object.__setattr__(self, "place_words", frozenset().union(*(p.words for p in self.places)))


@dataclass(frozen=True)
class PersonFeatures:
    """What the ranking knows about one person (plain values; tests build them by hand)."""

    person_id: int = 0
    name: str = ""
    strength: str = Strength.TEN.value
    organisation: str = ""
    title: str = ""
    location: str = ""
    text: str = ""  # notes, how you know them, notes on their tags
    knows_people_at: tuple[str, ...] = ()
    advice: tuple[AdviceTag, ...] = ()  # kinds in use (not retired), in the user's order
    introduced_by: str = ""  # the name of who introduced them
    met_on: date | None = None  # the last research meeting held with them
    meeting: str = ""  # the latest meeting's status when under way or declined
    meeting_on: date | None = None  # its date (planned or requested), if any


class RankedPerson(NamedTuple):
    """One line of "who to meet first" (a named tuple: the ranking makes 10,000 of them in C,
    see ``ranking_scorer``)."""

    person_id: int
    name: str
    score: float
    reasons: tuple[str, ...]  # plain words, most important first
    pinned: bool
    dismissed: bool
    organisation: str
    strength: str
    points: tuple[float, ...] = ()  # what each reason adds to (or takes off) the score


def target_features(
    answers: TargetAnswers,
    organisations: Iterable[tuple[str, int]],
    today: date | None = None,
) -> TargetFeatures:
    """The target's answers and its organisations ((name, motivation) pairs) for matching."""
    orgs: dict[str, tuple[str, int]] = {}
    for name, motivation in organisations:
        key = _org_key(name)
        if key and (key not in orgs or orgs[key][1] < motivation):
            orgs[key] = (name, motivation)
    return TargetFeatures(
        industries=phrases(answers.industries),
        roles=role_phrases(answers.role),
        skills=phrases(answers.skills),
        places=place_phrases(answers.places),
        organisations=orgs,
        today=today,
    )


def score_person(features: PersonFeatures, target: TargetFeatures) -> tuple[float, list[str]]:
    """The score and its reasons, most important first (pure: no database)."""
    parts = explain_person(features, target)
    return round(sum(points for _, points in parts), 2), [reason for reason, _ in parts]


def explain_person(person: PersonFeatures, target: TargetFeatures) -> list[Part]:
    """(reason, points) pairs that add up to the score, most important first."""
    return _explain(
        target, person.strength, person.organisation, person.title, person.location,
        (person.text,), person.knows_people_at, person.advice, person.introduced_by,
        person.met_on, person.meeting, person.meeting_on,
    )  # fmt: skip


def _explain(
    target: TargetFeatures, strength: str, organisation: str, title: str, location: str,
    texts: Iterable[str], knows_people_at: Iterable[str], advice: tuple[AdviceTag, ...],
    introduced_by: str, met_on: date | None, meeting: str, meeting_on: date | None,
) -> list[Part]:  # fmt: skip
    # The plain way, for one person. rank_people gets the same parts faster (see _Scorer), and
    # the tests hold it to this.
    parts: list[Part] = []
    if target.organisations:
        parts += org_parts(target.organisations, organisation, knows_people_at)
    wanted = target.vocabulary
    if wanted:  # only the target's own words are looked for: most texts have none of them
        about = found_words(wanted, title)  # what they do, and what you noted about them
        for text in texts:
            if text:
                hits = found_words(wanted, text)
                if hits:
                    about = about | hits
        at = found_words(wanted, organisation) if organisation else about
        if about or at:
            parts += word_parts(target, about, at)
    if location and target.places:
        parts += place_parts(target, location)
    parts += tie_parts(strength)
    parts += introduction_parts(introduced_by)
    parts += advice_parts(advice, strength)
    parts += meeting_parts(met_on, meeting, meeting_on, target.today)
    if len(parts) > 1:  # most important first: by size, either way; ties keep the order above
        parts.sort(key=importance)
    return parts


def org_parts(
    orgs: Mapping[str, tuple[str, int]], organisation: str, knows_people_at: Iterable[str]
) -> list[Part]:
    """Working at a target organisation, then knowing someone at one (each counted once)."""
    parts: list[Part] = []
    seen: set[str] = set()
    org = orgs.get(_org_key(organisation)) if organisation else None
    if org is not None:
        seen.add(org[0])
        parts.append(_org_part(org, works=True))
    for name in knows_people_at:
        known = orgs.get(_org_key(name))
        if known is not None and known[0] not in seen:
            seen.add(known[0])
            parts.append(_org_part(known, works=False))
    return parts


def word_parts(target: TargetFeatures, about: frozenset[str], at: frozenset[str]) -> list[Part]:
    """Industry, role and skills, from the target's words found in what a person does and
    what the user noted (``about``) and in their organisation's name (``at``)."""
    parts: list[Part] = []
    if target.industries:
        _best(parts, target.industries, about | at, _INDUSTRY)
    if target.roles and about:
        _best(parts, target.roles, about, _ROLE)
    skills = [skill.label for skill in target.skills if skill.words <= about]
    if skills:
        points = min(WEIGHTS["skill"] * len(skills), WEIGHTS["skills_max"])
        parts.append((f"uses skills you want to use: {', '.join(skills)}", points))
    return parts


def place_parts(target: TargetFeatures, location: str) -> list[Part]:
    here = found_words(target.place_words, location)
    for place in target.places:
        if place.words <= here:
            return [(f"based around {place.label}", WEIGHTS["place"])]
    return []


def tie_parts(strength: str) -> list[Part]:
    return [_STRENGTH_PARTS[strength]] if strength in _STRENGTH_PARTS else []


def introduction_parts(introduced_by: str) -> list[Part]:
    if not introduced_by:
        return []
    return [(f"introduced by {introduced_by}: a warm start", WEIGHTS["introduced"])]


def advice_parts(advice: tuple[AdviceTag, ...], strength: str) -> list[Part]:
    return [_advice_part(advice, strength == _CLOSE)] if advice else []


def meeting_parts(
    met_on: date | None, meeting: str, meeting_on: date | None, today: date | None
) -> list[Part]:
    parts: list[Part] = []
    if meeting or met_on is not None:
        _meetings(parts, meeting, meeting_on, met_on, today)
    return parts


def importance(part: Part) -> float:
    return -abs(part[1])


# (weight of a full match, of a part match, reason for a full match, for a part match)
_INDUSTRY = ("industry", "industry_part", "works in your target industry ({})",
             "works close to your target industry ({})")  # fmt: skip
_ROLE = ("role", "role_part", "does the kind of work you want ({})",
         "works close to the role you want ({})")  # fmt: skip


def _best(
    parts: list[Part], wanted: tuple[Phrase, ...], found: frozenset[str],
    what: tuple[str, str, str, str],
) -> None:  # fmt: skip
    """The best match among the target's industries (or roles): a full one, else a part."""
    for phrase in wanted:
        if phrase.words <= found:
            parts.append((what[2].format(phrase.label), WEIGHTS[what[0]]))
            return
    for phrase in wanted:
        if not phrase.distinctive.isdisjoint(found):
            parts.append((what[3].format(phrase.label), WEIGHTS[what[1]]))
            return


@functools.lru_cache(maxsize=1024)
def _org_part(org: tuple[str, int], *, works: bool) -> Part:
    name, motivation = org
    if works:
        points = WEIGHTS["works_at"] + WEIGHTS["works_at_motivation"] * motivation
        return f"works at {name} (motivation {motivation})", round(points, 2)
    points = WEIGHTS["knows_at"] + WEIGHTS["knows_at_motivation"] * motivation
    return f"knows someone at {name}, motivation {motivation}", round(points, 2)


@functools.lru_cache(maxsize=4096)  # the same few combinations of kinds come back a lot
def _advice_part(advice: tuple[AdviceTag, ...], close: bool) -> Part:
    # Heaviest first; a stable sort keeps the user's order among equals.
    weighed = sorted((_advice_tag(tag, close) for tag in advice), key=_weight, reverse=True)
    total = min(sum(weight for weight, _ in weighed), WEIGHTS["advice_max"])
    return f"can advise on: {', '.join(name for _, name in weighed)}", round(total, 2)


@functools.lru_cache(maxsize=1024)
def _advice_tag(tag: AdviceTag, close: bool) -> tuple[float, str]:
    """A tag's weight and its name as the reason writes it."""
    key, name = tag
    if key == "introductions" and close:
        return WEIGHTS["advice.introductions_close"], _lower_first(name)
    return WEIGHTS.get(f"advice.{key}", WEIGHTS["advice.custom"]), _lower_first(name)


def _weight(item: tuple[float, str]) -> float:
    return item[0]


def _meetings(
    parts: list[Part], status: str, when: date | None, met_on: date | None,
    today: date | None,
) -> None:  # fmt: skip
    if status in UNDER_WAY:
        on = _on(when, today)
        planned = f" for {_day(when, today)}" if when else ""
        reason = {
            MeetingStatus.REQUESTED: f"request already sent{on}: give them a few days",
            MeetingStatus.NO_ANSWER: f"request already sent{on}, no answer yet: nudge gently",
            MeetingStatus.SCHEDULED: f"meeting already planned{planned}",
            MeetingStatus.POSTPONED: "meeting postponed: find a new time together",
        }[MeetingStatus(status)]
        parts.append((reason, WEIGHTS["under_way"]))
    elif met_on is not None:
        parts.append((f"already met{_on(met_on, today)}: keep in touch", WEIGHTS["met"]))
    elif status == MeetingStatus.DECLINED:
        parts.append(("said not now to a meeting: ask again in a few months", WEIGHTS["declined"]))


def _on(day: date | None, today: date | None) -> str:
    """ " on 3 Nov", " today" or nothing, to follow a verb."""
    if day is None:
        return ""
    return " today" if day == today else f" on {day_text(day, today)}"


def _day(day: date, today: date | None) -> str:
    return "today" if day == today else day_text(day, today)


def day_text(day: date, today: date | None = None) -> str:
    """ "3 Nov", or "3 Nov 2023" outside the current year (English, whatever the locale)."""
    text = f"{day.day} {_MONTHS[day.month - 1]}"
    return text if today is not None and day.year == today.year else f"{text} {day.year}"


def _lower_first(name: str) -> str:
    """ "Names of people" -> "names of people", but "SQL tips" stays as written."""
    if len(name) > 1 and name[0].isupper() and not name[1].isupper():
        return name[0].lower() + name[1:]
    return name


_org_key = functools.lru_cache(maxsize=16384)(organisation_key)


# ---------------------------------------------------------------- the workbook


def rank_people(
    sessions: SessionFactory, *, include_dismissed: bool = False, today: date | None = None
) -> list[RankedPerson]:
    """Everyone on the list: pinned first (by name), then by score (then name); dismissed
    people last when asked for, else left out."""
    from workbook.core.ranking_scorer import rank  # it builds on this module

    return rank(sessions, include_dismissed, today or date.today())
