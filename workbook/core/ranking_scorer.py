"""Ranking the whole list fast: what ``workbook.core.ranking.rank_people`` runs.

``ranking.explain_person`` says, plainly, how one person is scored; the tests hold this module
to it, person by person. Here the same parts are put together for 10,000 people well within
the 200 ms the page has (bench/advice.py prints the figures), by never working anything out
twice:

- every cache is keyed by the values a result came from, so nothing kept can be stale: the
  target's words in each text (people share organisations, titles, places and notes), the
  parts each organisation, place and set of words gives, and each combination of parts put
  in order and added up (``round`` alone costs more than all the look-ups);
- each person's scored row is kept by id with the row, tags and meetings it came from: the
  page ranks again after every change, and only rows that differ are scored again;
- a new target (or day) or a change to the advice kinds starts afresh.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Hashable
from datetime import date
from typing import Any, TypeVar

from workbook.core.db import SessionFactory
from workbook.core.dupes import paused_gc
from workbook.core.ranking import (
    Part,
    RankedPerson,
    TargetFeatures,
    advice_parts,
    importance,
    introduction_parts,
    meeting_parts,
    org_parts,
    place_parts,
    target_features,
    tie_parts,
    word_parts,
)
from workbook.core.ranking_store import (
    NO_MEETING,
    SEPARATOR,
    AdviceKinds,
    MeetingState,
    RankingInput,
    knows_names,
    read_ranking_input,
)
from workbook.core.wordmatch import words_in

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")
Words = frozenset[str]
# Parts with their sort key first, (importance, reason, points): the parts of a combination
# are put in order by a plain look-up, not by calling ``importance`` for each.
Parts = tuple[tuple[float, str, float], ...]
Scores = tuple[tuple[str, ...], tuple[float, ...], float]  # reasons, points, score
# A scored row: the row, notes on tags and meetings it was scored from, the result, and its
# sort keys (the name folded, and its place: pinned first, then by score, dismissed last).
Scored = tuple[tuple[Any, ...], str, MeetingState, RankedPerson, str, float]

_NONE: Words = frozenset()
_PIN_BAND = 1e9  # far beyond any score: pinned people sort before it, dismissed after
_NAME, _PLACE = operator.itemgetter(4), operator.itemgetter(5)
_FIRST = operator.itemgetter(0)
_new = object.__new__


def rank(sessions: SessionFactory, include_dismissed: bool, today: date) -> list[RankedPerson]:
    """``rank_people``: see there."""
    with paused_gc():  # many small objects and no cycles: the collector would only slow it
        # What was read is let go (as _rank returns) before the collector runs again: the
        # rows of people whose score was kept die unexamined (examining them took as long as
        # ranking them).
        return _rank(sessions, include_dismissed, today)


def _rank(sessions: SessionFactory, include_dismissed: bool, today: date) -> list[RankedPerson]:
    global _SCORER
    data = read_ranking_input(sessions, include_dismissed=include_dismissed)
    target = target_features(data.answers, data.organisations, today)
    scorer = _SCORER
    if scorer is None or scorer.kinds is not data.kinds or scorer.target != target:
        scorer = _SCORER = Scorer(target, data.kinds)  # what it knew no longer holds
    return scorer.rank(data)


class _Cache(dict[K, V]):
    """A dict that works out a missing value from its key, once (a hit stays a plain,
    C-speed look-up: ``cache[key]``)."""

    def __init__(self, work: Callable[[K], V], *known: tuple[K, V]) -> None:
        super().__init__(known)
        self.work = work

    def __missing__(self, key: K) -> V:
        value = self[key] = self.work(key)
        return value


class Scorer:
    """Scores the rows of the list for one target and one set of advice kinds."""

    def __init__(self, target: TargetFeatures, kinds: AdviceKinds) -> None:
        self.target, self.kinds = target, kinds
        self.scored: dict[int, Scored] = {}  # person id -> their scored row
        self.words = _Cache(self._read, ("", _NONE))  # text -> the target's words in it
        # Each distinct set of parts gets a number (keys made of numbers hash fast), and each
        # cache below gives the number of the parts found from its key.
        self.parts: list[Parts] = [()]  # number -> parts
        self.numbers: dict[Parts, int] = {(): 0}  # parts -> number
        orgs, number, today = target.organisations, self._number, target.today
        self.orgs = _Cache[tuple[str, str], int](  # (organisation, knows_people_at JSON)
            lambda key: number(org_parts(orgs, key[0], knows_names(key[1])))
        )
        self.fits = _Cache[tuple[Words, Words], int](  # (words about them, in their org's name)
            lambda key: number(word_parts(target, *key))
        )
        self.places = _Cache[str, int](lambda place: number(place_parts(target, place)), ("", 0))
        self.ties = _Cache[str, int](lambda strength: number(tie_parts(strength)))
        self.introductions = _Cache[str, int](lambda name: number(introduction_parts(name)))
        self.advice = _Cache[tuple[str | None, str], int](  # (kind ids, strength)
            lambda key: number(advice_parts(kinds.tags(key[0]), key[1]))
        )
        self.meetings = _Cache[MeetingState, int](
            lambda state: number(meeting_parts(*state, today))
        )
        self.scores = _Cache(self._scores)  # see _score
        self.rounded = _Cache[float, float](lambda total: round(total, 2))  # round() is slow

    def rank(self, data: RankingInput) -> list[RankedPerson]:
        scored, notes, meetings = self.scored, data.notes, data.meetings
        if len(scored) > 2 * len(data.people) + 1000:  # many people deleted since
            scored.clear()
        rows: list[Scored] = []
        for row in data.people:
            pid = row[0]
            tag_notes = notes.get(pid, "")
            state = meetings.get(pid, NO_MEETING)
            known = scored.get(pid)
            if known is None or known[0] != row or known[1] != tag_notes or known[2] != state:
                known = scored[pid] = self._score(row, tag_notes, state)
            rows.append(known)
        # Two stable sorts on plain keys (by name, then by place) beat one sort on tuples;
        # people come by id, so equal names keep that order.
        rows.sort(key=_NAME)
        rows.sort(key=_PLACE)
        return [row[3] for row in rows]

    def _score(self, row: tuple[Any, ...], tag_notes: str, state: MeetingState) -> Scored:
        """The row's parts as ``ranking.explain_person`` finds them, from the caches."""
        pid, name, strength, org, title, location, note, how, knows, introducer, pin, kinds = row
        target = self.target
        orgs = self.orgs[org, knows] if target.organisations else 0
        fit = 0
        if target.vocabulary:  # what they do and what the user noted, then their org's name
            words = self.words
            about = words[title]
            for text in (note, how, *(tag_notes.split(SEPARATOR) if tag_notes else ())):
                hits = words[text]
                if hits:
                    about = about | hits
            at = words[org] if org else about
            if about or at:
                fit = self.fits[about, at]
        place = self.places[location] if target.places else 0
        reasons, points, score = self.scores[
            orgs, fit, place, strength, introducer or "", kinds, state
        ]  # fmt: skip
        person = _new(RankedPerson)  # what the frozen __init__ does, without its setattrs
        person.__dict__.update(
            person_id=pid, name=name, score=score, reasons=reasons, pinned=pin > 0,
            dismissed=pin < 0, organisation=org, strength=strength, points=points,
        )  # fmt: skip
        place_key = -_PIN_BAND if pin > 0 else _PIN_BAND - score if pin < 0 else -score
        return (row, tag_notes, state, person, name.casefold(), place_key)

    def _read(self, text: str) -> Words:
        return words_in(self.target.vocabulary, text)

    def _number(self, found: list[Part]) -> int:
        parts = tuple((importance(part), *part) for part in found)
        number = self.numbers.get(parts)
        if number is None:
            number = self.numbers[parts] = len(self.parts)
            self.parts.append(parts)
        return number

    def _scores(self, key: tuple[Any, ...]) -> Scores:
        """Reasons, points and score of a combination of parts (many people share one)."""
        orgs, fit, place, strength, introducer, kinds, state = key
        sets = self.parts
        parts = [  # in the order explain_person adds them: a stable sort keeps it among equals
            *sets[orgs], *sets[fit], *sets[place], *sets[self.ties[strength]],
            *sets[self.introductions[introducer]], *sets[self.advice[kinds, strength]],
            *sets[self.meetings[state]],
        ]  # fmt: skip
        if not parts:
            return (), (), round(sum(()), 2)
        parts.sort(key=_FIRST)
        _, reasons, points = zip(*parts, strict=True)
        return reasons, points, self.rounded[sum(points)]


_SCORER: Scorer | None = None  # the last target's: the page ranks again after every change


def forget_scores() -> None:
    """Start afresh at the next ranking (bench/advice.py times both ways; the app never needs
    to: a changed row is always scored again)."""
    global _SCORER
    _SCORER = None
