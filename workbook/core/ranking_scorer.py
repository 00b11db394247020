"""Ranking the whole list fast: what ``workbook.core.ranking.rank_people`` runs.

``ranking.explain_person`` says, plainly, how one person is scored; the tests hold this module
to it, person by person. Here the same parts are put together for 10,000 people well within
the 200 ms the page has (bench/advice.py prints the figures):

- the list is worked on a column at a time (every title, then every place, ...), each column
  through ``map`` over a cache, so the loop runs in C and Python runs only for values not
  seen before;
- every cache is keyed by the values a result came from, so nothing kept can be stale: the
  target's words in each text (people share organisations, titles, places and notes), the
  parts each organisation, place and set of words gives, and each combination of parts put
  in order and added up. The caches live as long as the target, the day and the advice
  kinds stay the same;
- the page ranks again after every change: then only the people whose row, notes on tags or
  meetings changed are scored again (found by comparing the lists in C), the others and the
  order by name are kept from the last ranking, and nothing changed gives the last list.

The first ranking of 10,000 people takes about 15% fewer machine instructions than scoring
person by person did (callgrind: 700 M against 830 M); most of what is left is SQLite reading
the rows (~270 M), the misses of the caches, the collector's look at the new objects and
sorting.
"""

from __future__ import annotations

import functools
import operator
from collections.abc import Callable, Hashable, Iterable
from datetime import date
from itertools import compress, repeat
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

_NONE: Words = frozenset()
_PIN_BAND = 1e9  # far beyond any score: pinned people sort before it, dismissed after
_FIRST = operator.itemgetter(0)
_SCORE = operator.attrgetter("score")
_union = frozenset.union
_person = functools.partial(tuple.__new__, RankedPerson)  # RankedPerson(*values), in C


def rank(sessions: SessionFactory, include_dismissed: bool, today: date) -> list[RankedPerson]:
    """``rank_people``: see there."""
    with paused_gc():  # many small objects and no cycles: the collector would only slow it
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
    C-speed look-up: ``cache[key]``, or ``map(cache.__getitem__, keys)``)."""

    def __init__(self, work: Callable[[K], V], *known: tuple[K, V]) -> None:
        super().__init__(known)
        self.work = work

    def __missing__(self, key: K) -> V:
        value = self[key] = self.work(key)
        return value


class _PartSets:
    """Each distinct set of parts gets a number: cache keys made of numbers hash fast."""

    def __init__(self) -> None:
        self.sets: list[Parts] = [()]  # number -> parts, each with its sort key first
        self._numbers: dict[Parts, int] = {(): 0}

    def number(self, found: list[Part]) -> int:
        if not found:  # most values give nothing (no target organisation, no word, ...)
            return 0
        parts = tuple([(importance(part), *part) for part in found])
        number = self._numbers.get(parts)
        if number is None:
            number = self._numbers[parts] = len(self.sets)
            self.sets.append(parts)
        return number


class _Scores(dict[tuple[int, ...], Scores]):
    """(numbers of the orgs, fit, place, tie, introduction, advice and meeting parts) ->
    reasons, points and score, worked out once for everyone who has that combination."""

    def __init__(self, sets: list[Parts]) -> None:
        super().__init__()
        self.sets = sets  # number -> parts, each with its sort key first
        self.rounded = _Cache[float, float](lambda total: round(total, 2))  # round() is slow

    def __missing__(self, key: tuple[int, ...]) -> Scores:
        sets = self.sets
        orgs, fit, place, tie, introduction, advice, meeting = key
        found = [
            *sets[orgs], *sets[fit], *sets[place], *sets[tie], *sets[introduction],
            *sets[advice], *sets[meeting],
        ]  # fmt: skip
        if not found:
            scores: Scores = (), (), 0.0
        else:
            # As explain_person adds them, most important first: a stable sort keeps the
            # order among equals.
            found.sort(key=_FIRST)
            _, reasons, points = zip(*found)  # noqa: B905  (three equal lengths by build)
            scores = reasons, points, self.rounded[sum(points)]
        self[key] = scores
        return scores


def _same(before: RankingInput, now: RankingInput) -> bool:
    """Whether nothing the ranking reads changed (the target and kinds are the scorer's)."""
    return (
        before.people == now.people and before.notes == now.notes
        and before.meetings == now.meetings
    )  # fmt: skip


def _changed(before: RankingInput, now: RankingInput, ids: tuple[int, ...]) -> list[int] | None:
    """The positions of the people whose row, notes on tags or meetings changed since
    ``before`` (compared in C, person by person); None when people came or went."""
    if len(before.people) != len(now.people):
        return None
    differs = map(
        operator.or_,
        map(operator.ne, before.people, now.people),
        map(operator.or_,
            map(operator.ne, map(before.notes.get, ids), map(now.notes.get, ids)),
            map(operator.ne, map(before.meetings.get, ids), map(now.meetings.get, ids))),
    )  # fmt: skip
    changed = list(compress(range(len(ids)), differs))
    if any(before.people[at][0] != now.people[at][0] for at in changed):
        return None  # someone else at that place: the list itself changed
    return changed


class Scorer:
    """Scores the list for one target and one set of advice kinds.

    The caches work things out through plain closures, never through the scorer itself: a
    scorer let go is freed at once, not left (with all it holds) to the garbage collector.
    """

    def __init__(self, target: TargetFeatures, kinds: AdviceKinds) -> None:
        self.target, self.kinds = target, kinds
        vocabulary, orgs, today = target.vocabulary, target.organisations, target.today
        words = self.words = _Cache[str, Words](  # text -> the target's words in it
            lambda text: words_in(vocabulary, text), ("", _NONE)
        )
        self.tag_words = _Cache[str, Words](  # notes on tags, joined -> the words in them
            lambda notes: _union(_NONE, *map(words.__getitem__, notes.split(SEPARATOR))),
            ("", _NONE),
        )
        sets = _PartSets()
        number = sets.number
        # Each cache below gives the number of the parts found from its key.
        knows = _Cache[str, tuple[str, ...]](knows_names)  # knows_people_at JSON -> names
        self.orgs = _Cache[tuple[str, str], int](  # (organisation, knows_people_at JSON)
            lambda key: number(org_parts(orgs, key[0], knows[key[1]]))
        )
        self.fits = _Cache[tuple[Words, ...], int](  # the words in each text, org's last
            lambda key: number(_fit(target, key))
        )
        self.places = _Cache[str, int](lambda place: number(place_parts(target, place)), ("", 0))
        self.ties = _Cache[str, int](lambda strength: number(tie_parts(strength)))
        self.introductions = _Cache[str | None, int](  # the introducer's name, if any
            lambda name: number(introduction_parts(name or "")), (None, 0)
        )
        self.advice = _Cache[tuple[str | None, str], int](  # (kind ids, strength)
            lambda key: number(advice_parts(kinds.tags(key[0]), key[1]))
        )
        self.meetings = _Cache[MeetingState, int](
            lambda state: number(meeting_parts(*state, today)), (NO_MEETING, 0)
        )
        # (numbers of the orgs, fit, place, tie, introduction, advice, meeting parts) -> Scores
        self.scores = _Scores(sets.sets)
        # The last ranking's input, its people by id and in order: the page ranks again after
        # every change, and often only one person (or no one) changed.
        self.last: tuple[RankingInput, list[RankedPerson], list[RankedPerson]] | None = None
        # The names in the last list, and positions in it by name (the slowest sort).
        self.by_name: tuple[tuple[str, ...], list[int]] = ((), [])

    def rank(self, data: RankingInput) -> list[RankedPerson]:
        """Everyone in ``data.people``, in the ranking's order."""
        if not data.people:
            self.last = None
            return []
        last, changed = self.last, None
        if last is not None and _same(last[0], data):
            return list(last[2])
        columns = list(zip(*data.people, strict=True))
        ids = columns[0]
        if last is not None:
            changed = _changed(last[0], data, ids)
        if changed is not None and last is not None and len(changed) * 4 < len(ids):
            people = list(last[1])  # the same people: only those who changed are new
            if changed:  # (none when only someone no longer listed changed)
                rows = [data.people[at] for at in changed]
                again = self._people(data, list(zip(*rows, strict=True)))
                for at, person in zip(changed, again, strict=True):
                    people[at] = person
        else:
            people = self._people(data, columns)
        names = columns[1]
        if self.by_name[0] != names:  # people come by id: equal names keep that order
            folded = list(map(str.casefold, names))
            self.by_name = names, sorted(range(len(names)), key=folded.__getitem__)
        ranked = _in_order(people, self.by_name[1], columns[10])
        self.last = (data, people, ranked)
        return list(ranked)

    def _people(self, data: RankingInput, columns: list[tuple[Any, ...]]) -> list[RankedPerson]:
        """The people whose rows are ``columns`` (as ``zip(*rows)`` gives them), scored."""
        target = self.target
        (ids, names, strengths, orgs, titles, locations, notes, hows, knows, introducers,
         pins, kinds) = columns  # fmt: skip
        every = len(ids)
        fits: Iterable[int] = repeat(0, every)
        if target.vocabulary:  # what they do and what the user noted, then their org's name
            words = self.words.__getitem__
            fits = map(self.fits.__getitem__, zip(
                map(words, titles), map(words, notes), map(words, hows),
                map(self.tag_words.__getitem__, map(data.notes.get, ids, repeat(""))),
                map(words, orgs), strict=True,
            ))  # fmt: skip
        numbers = zip(
            map(self.orgs.__getitem__, zip(orgs, knows, strict=True)) if target.organisations
            else repeat(0, every),
            fits,
            map(self.places.__getitem__, locations) if target.places else repeat(0, every),
            map(self.ties.__getitem__, strengths),
            map(self.introductions.__getitem__, introducers),
            map(self.advice.__getitem__, zip(kinds, strengths, strict=True)),
            map(self.meetings.__getitem__, map(data.meetings.get, ids, repeat(NO_MEETING))),
            strict=True,
        )  # fmt: skip
        reasons, points, scores = zip(*map(self.scores.__getitem__, numbers), strict=True)
        return list(map(_person, zip(
            ids, names, scores, reasons, map(operator.gt, pins, repeat(0)),
            map(operator.lt, pins, repeat(0)), orgs, strengths, points, strict=True,
        )))  # fmt: skip


def _in_order(
    people: list[RankedPerson], by_name: list[int], pins: tuple[int, ...]
) -> list[RankedPerson]:
    """Pinned first (by name), then by score, dismissed last; then by name, then by id:
    ``by_name`` (positions in ``people`` by name, then id) sorted again, stably, by place."""
    places = list(map(operator.neg, map(_SCORE, people)))
    if any(pins):
        for at, pin in enumerate(pins):
            if pin:
                places[at] = -_PIN_BAND if pin > 0 else _PIN_BAND + places[at]
    order = list(by_name)
    order.sort(key=places.__getitem__)
    return list(map(people.__getitem__, order))


def _fit(target: TargetFeatures, found: tuple[Words, ...]) -> list[Part]:
    """Industry, role and skills from the target's words found in each text about someone
    (their title, notes, how the user knows them, notes on their tags) and in their
    organisation's name (last)."""
    *texts, at = found
    about = _union(_NONE, *texts)
    return word_parts(target, about, at) if about or at else []


_SCORER: Scorer | None = None  # the last target's: the page ranks again after every change


def forget_scores() -> None:
    """Start afresh at the next ranking (bench/advice.py times both ways; the app never needs
    to: the caches are keyed by values, so a change is always seen)."""
    global _SCORER
    _SCORER = None
