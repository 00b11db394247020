"""The sample workbook: realistic, deterministic data for demos, screenshots and benchmarks.

``populate_sample`` fills a new, empty workbook inside the caller's transaction: a complete
target, a dozen target organisations, people in every circle and strength (names in many
scripts, a few awkward ones on purpose), advice tags with a gap, meetings in every status with
TIARA questions and notes, past contacts and follow-ups around ``today``, referrals, the
give-back ledger and settings. From about 30 people on, every circle, strength and meeting
status is there, with follow-ups due today, overdue and later, whatever the seed or day.

The same seed and ``today`` give the same rows, timestamps included. Rows are built as plain
dicts with explicit ids and go in as one Core executemany per table: 10,000 people take about
1.5 s. The names and texts live in ``sample_data``.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from workbook.core import document
from workbook.core import sample_data as data
from workbook.core.advice import ensure_builtin_kinds
from workbook.core.ask import TargetAnswers, compose_ask
from workbook.core.errors import WorkbookError
from workbook.core.models import (
    AdviceKind,
    BankQuestion,
    Circle,
    Meeting,
    Person,
    PersonAdvice,
    Setting,
    Strength,
    Target,
    TargetOrganisation,
)
from workbook.core.question_texts import ensure_builtin_questions
from workbook.core.sample_meetings import MeetingRows
from workbook.core.sample_rows import (
    _S,
    CIRCLES,
    COUNTED,
    HELD,
    LOST,
    POOLS,
    STRENGTHS,
    TABLES,
    _fold,
    _table,
)


@dataclass(frozen=True)
class SampleSummary:
    """How many rows of each kind the sample added."""

    people: int
    organisations: int
    tags: int
    meetings: int
    questions: int
    tiara_notes: int
    interactions: int
    referrals: int
    give_backs: int


def build_sample(
    path: Path, *, people: int = 100, seed: int = 7, today: date | None = None
) -> SampleSummary:
    """Create a new workbook file at ``path`` holding the sample (refuses an existing file)."""
    doc = document.create(path)
    try:
        with doc.sessions.begin() as session:
            summary = populate_sample(session, people=people, seed=seed, today=today)
    except BaseException:
        doc.close()
        doc.path.unlink(missing_ok=True)  # we created it, and it is empty after the rollback
        raise
    doc.close()
    return summary


def populate_sample(
    session: Session, *, people: int = 100, seed: int = 7, today: date | None = None
) -> SampleSummary:
    """Fill a new, empty workbook with the sample inside the caller's transaction."""
    if people < 1:
        raise ValueError(f"people must be at least 1, not {people}")
    for model in (Person, TargetOrganisation, Meeting):
        if session.scalar(select(func.count()).select_from(model)):
            raise WorkbookError("the sample fills only a new, empty workbook; this one has data")
    ensure_builtin_kinds(session)
    ensure_builtin_questions(session)
    session.flush()
    query = select(AdviceKind.key, AdviceKind.id).order_by(AdviceKind.id)  # ordered: same rng use
    kinds = {key: kind_id for key, kind_id in session.execute(query).tuples()}
    sample = _Sample(random.Random(seed), today or date.today(), seed, kinds)
    questions = select(BankQuestion.letter, BankQuestion.id, BankQuestion.text)
    for letter, question_id, text in session.execute(questions.order_by(BankQuestion.id)):
        sample.bank.setdefault(letter, []).append((question_id, text))
    sample.build(people)
    sample.write(session)
    return sample.summary()


class _Sample(MeetingRows):
    """The whole sample: people, meetings, organisations and the target."""

    # -- the whole sample ------------------------------------------------------------------------

    def build(self, count: int) -> None:
        # At least ten: every status, and a meeting both today and later this week.
        wanted = min(count, max(10, round(count * 0.15)))
        statuses = [_S(data.STATUS_CYCLE[i % len(data.STATUS_CYCLE)]) for i in range(wanted)]
        held = sum(status in HELD for status in statuses)
        # People added from meetings (and those they introduced in turn) come last on the list.
        person_referrals = sum(j % 5 in (0, 1, 3) for j in range(held))
        referred = sum(1 + (r % 3 == 0) for r in range(person_referrals))
        base = count - min(referred, count - wanted)
        names = self.names(count)
        self.build_people(names[:base])
        self.spare_names = names[base:]
        people = self.rows[Person]
        warm = [p["id"] for p in people if p["strength"] != LOST]
        lost = [p["id"] for p in people if p["strength"] == LOST]
        rest = warm[len(data.TRICKY_STRENGTHS) :]
        self.rng.shuffle(rest)
        self.rng.shuffle(lost)
        warm = warm[: len(data.TRICKY_STRENGTHS)] + rest  # the awkward names get meetings
        warm.reverse()
        lost.reverse()
        for status in statuses:
            reconnect = status is _S.IDEA and self.nth("idea-pick") % 2 == 0
            pool = lost if (reconnect and lost) or not warm else warm
            self.meeting(status, people[pool.pop() - 1])
        self.build_organisations()
        self.build_contacts(people[:base])

    def summary(self) -> SampleSummary:
        return SampleSummary(**{name: len(self.rows[model]) for name, model in COUNTED.items()})

    def write(self, session: Session) -> None:
        # Core executemany: the ORM's bulk path splits rows whenever their None pattern changes.
        for model in TABLES:
            if self.rows[model]:  # an empty list would insert one row of defaults
                session.execute(insert(_table(model)), self.rows[model])
        target = session.get(Target, 1) or Target(id=1)
        session.add(target)
        answers = TargetAnswers()
        for field, value in data.TARGET.items():  # stored as the Target page stores them
            answers = answers.with_value(field, value)
            stored = answers.value(field)
            setattr(target, field, list(stored) if isinstance(stored, tuple) else stored)
        # Not edited: the ask is the composed sentence, kept in ask_text for readers of the file.
        target.ask_text = compose_ask(answers).sentence or ""
        target.ask_edited = False
        target.updated_at = self.at(self.today - timedelta(days=60), 19)
        session.merge(Setting(key="paper_size", value="letter"))
        session.merge(Setting(key="followup_intervals", value=data.FOLLOWUP_INTERVALS))
        session.flush()

    # -- people ----------------------------------------------------------------------------------

    def names(self, count: int) -> list[tuple[str, str, str]]:
        """(name, ASCII spelling, fixed circle): the featured 100, then pooled combinations."""
        out = [(n, latin or _fold(n), circle) for n, latin, circle in data.FEATURED[:count]]
        seen = {name for name, _, _ in out}
        pools = [
            (form, [([self.pair(g) for g in gs], [self.pair(f) for f in fs]) for gs, fs in groups])
            for _, form, groups in data.POOLS
        ]
        while len(out) < count:
            for attempt in range(20):
                form, groups = pools[POOLS.pick(self.rng)]
                givens, families = self.rng.choice(groups)
                given, family = self.rng.choice(givens), self.rng.choice(families)
                if attempt and form == "{g} {f}" and given[0] == given[1]:
                    # A second "Emma Walker" becomes "Emma J. Walker", as people write it.
                    initial = f" {self.rng.choice('ABCDEFGHJKLMNPRSTW')}."
                    given = (given[0] + initial, given[1] + initial)
                name = form.format(g=given[0], f=family[0])
                if name not in seen:
                    break
            seen.add(name)  # after 20 tries a duplicate is kept, as real lists have them
            out.append((name, form.replace("}{", "} {").format(g=given[1], f=family[1]), ""))
        return out

    @staticmethod
    def pair(name: data.Name) -> tuple[str, str]:
        return (name, _fold(name)) if isinstance(name, str) else name

    def build_people(self, names: list[tuple[str, str, str]]) -> None:
        rng = self.rng
        circles, strengths = list(Circle), list(Strength)
        rng.shuffle(circles)  # the first people without a fixed circle cover every circle
        rng.shuffle(strengths)
        for index, (name, latin, fixed) in enumerate(names):
            circle = Circle(fixed) if fixed else circles.pop() if circles else CIRCLES.pick(rng)
            if index < len(data.TRICKY_STRENGTHS):
                strength = Strength(data.TRICKY_STRENGTHS[index])
            elif strengths:
                strength = strengths.pop()
            else:
                group = (
                    "close" if circle in data.CLOSE_CIRCLES
                    else "loose" if circle in data.LOOSE_CIRCLES else "other"
                )  # fmt: skip
                strength = STRENGTHS[group].pick(rng)
            row = self.person(name, latin, circle, strength)
            if index >= 10 and rng.random() < 0.03:  # a friend of someone already on the list
                row["introduced_by_id"] = rng.randint(1, index)
            self.tag(row)
        # Ranking demo: one kind held only by people the user lost touch with.
        lost_only = self.kinds[data.LOST_ONLY_KIND]
        if not any(tag["kind_id"] == lost_only for tag in self.rows[PersonAdvice]):
            lost = [p for p in self.rows[Person] if p["strength"] == LOST]
            if lost:
                note = data.TAG_NOTES[data.LOST_ONLY_KIND][0]
                self.add(PersonAdvice, person_id=lost[0]["id"], kind_id=lost_only, note=note)
