"""Questions suggested for one meeting, and the set a newly scheduled meeting starts with.

Suggestions are tailored to what the person could advise on (their built-in advice tags)
and to the target: someone who knows a specific organisation gets a question naming it,
someone who knows the role gets one about their title, the local market one about the
target's place, and so on. Each comes with its reason in a few words ("they know Northwind").
Letters still without a question get the bank's first question for them.

``default_questions`` picks as many questions as the meeting's length leaves room for (about
2–3 minutes each), one per TIARA letter first when time allows, tailored ones first.
Re-exported by ``workbook.core.question_bank``: import from there.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import select

from workbook.core.agenda import person_tags, questions_that_fit
from workbook.core.ask import TargetAnswers, join_items, skills_phrase, with_article
from workbook.core.db import SessionFactory
from workbook.core.meeting_questions import add_in_session, meeting_questions, tiara_key
from workbook.core.meetings import get_meeting
from workbook.core.models import BankQuestion, MeetingQuestion
from workbook.core.organisations import find_organisation
from workbook.core.people import get_person
from workbook.core.question_texts import LETTER_NAMES, LETTER_ORDER, LETTERS
from workbook.core.target import get_target


@dataclass(frozen=True)
class Suggestion:
    """A question worth asking this person, and why ("they know Northwind")."""

    letter: str  # TiaraLetter value
    text: str
    reason: str
    bank_question_id: int | None = None  # None: written for this person, not from the bank


@dataclass(frozen=True)
class PersonFacts:
    """What the suggestions need to know about the person."""

    name: str
    organisation: str = ""
    title: str = ""
    location: str = ""
    on_target_list: bool = False  # their organisation is one of the user's targets


def tailored_questions(
    person: PersonFacts, tags: Iterable[str], answers: TargetAnswers
) -> list[Suggestion]:
    """Questions written for this person from their advice tags (built-in kind keys) and the
    target, in TIARA order. Pure: the tests and ``suggest_questions`` share it."""
    keys = frozenset(tags)
    org = " ".join(person.organisation.split())
    title = " ".join(person.title.split())
    industries = answers.industries[:2]
    field = join_items(industries, "and") if industries else "your field"
    place = answers.places[0] if answers.places else " ".join(person.location.split())
    out: list[Suggestion] = []

    def add(letter: str, text: str, reason: str) -> None:
        out.append(Suggestion(letter, text, reason))

    if org and "organisation" in keys:
        reason = (
            f"they know {org}, one of your targets"
            if person.on_target_list
            else (f"they know {org}")
        )
        add("I", f"What is it really like to work at {org}?", reason)
        add("A2", f"What are the teams at {org} busiest with right now?", reason)
    elif org and person.on_target_list:
        add("I", f"What is it like to work at {org}?", f"{org} is on your target list")
    if "role" in keys:
        if title:
            add(
                "I",
                f"What does your work as {with_article(title)} involve that the title "
                "doesn't tell you?",
                f"they know the role: {title}",
            )
        elif answers.role:
            add(
                "I",
                f"What does the work of {with_article(answers.role)} look like day to day?",
                "they know the kind of work you want",
            )
    if "industry" in keys:
        add(
            "T",
            f"Where do you see {field} heading over the next few years?",
            f"they know {field}" if industries else "they know the industry",
        )
    if "local_market" in keys:
        if place:
            add(
                "R",
                f"Which organisations around {place} are growing or worth a closer look?",
                f"they know the local market in {place}",
            )
        else:
            add(
                "R",
                "Which organisations near you are growing or worth a closer look?",
                "they know the local market",
            )
    if "hiring" in keys:
        into = join_items(industries, "and") if industries else "a field like yours"
        add(
            "A",
            f"How do people usually find their way into {into}: postings, word of mouth, "
            "something else?",
            "they know how hiring works in their field",
        )
    if "people" in keys:
        add(
            "R",
            f"Who in {field} do you think I would learn the most from?",
            "they can suggest people to talk to",
        )
    if "organisations" in keys:
        add(
            "R",
            f"Which organisations in {field} should I be looking at that I might have missed?",
            "they know organisations worth a look",
        )
    if "learning" in keys:
        add(
            "R",
            f"Which courses, groups or conferences in {field} are worth the time?",
            "they know good learning resources",
        )
    if "resume" in keys:
        add(
            "A",
            "When you read my profile, what would you want to see more of?",
            "they can give feedback on your profile",
        )
    if "interview" in keys:
        add(
            "A",
            f"When people in {field} meet someone new, what do they most want to find out?",
            "they know interviews from the other side",
        )
    if "encouragement" in keys:
        add(
            "A",
            "What kept you going when your own career hit a slow patch?",
            "they are good for encouragement",
        )
    if answers.skills and industries:
        add(
            "A",
            f"Where in {field} would someone with {skills_phrase(answers.skills)} be most useful?",
            "it tests your target against their experience",
        )
    out.sort(key=lambda s: LETTER_ORDER[s.letter])
    return _unique(out)


def suggest_questions(sessions: SessionFactory, meeting_id: int) -> list[Suggestion]:
    """Questions for this meeting that it does not have yet: tailored ones first (TIARA
    order), then the bank's first question for each letter still without any."""
    tailored, bank, chosen = _gather(sessions, meeting_id)
    folded = {text.casefold() for _letter, text, _bank in chosen}
    covered = {letter for letter, _text, _bank in chosen}
    out = [s for s in tailored if s.text.casefold() not in folded]
    covered |= {s.letter for s in out}
    used_bank = {bank_id for _l, _t, bank_id in chosen if bank_id is not None}
    for letter in LETTERS:
        if letter in covered:
            continue
        fresh = _fresh(bank.get(letter, []), used_bank, folded)
        if fresh:
            reason = f"nothing chosen for {LETTER_NAMES[letter]} yet"
            out.append(Suggestion(letter, fresh[0].text, reason, fresh[0].bank_question_id))
    return out


def default_questions(sessions: SessionFactory, meeting_id: int) -> list[Suggestion]:
    """Questions to fill the meeting's time (about 2–3 minutes each, counting the ones it
    already has): one per TIARA letter first when time allows, tailored ones first."""
    meeting = get_meeting(sessions, meeting_id)
    tailored, bank, chosen = _gather(sessions, meeting_id)
    wanted = questions_that_fit(meeting.duration_minutes, meeting.person_strength) - len(chosen)
    folded = {text.casefold() for _letter, text, _bank in chosen}
    used_bank = {bank_id for _l, _t, bank_id in chosen if bank_id is not None}
    pools: dict[str, list[Suggestion]] = {}
    for letter in LETTERS:
        mine = [s for s in tailored if s.letter == letter and s.text.casefold() not in folded]
        pools[letter] = mine + _fresh(bank.get(letter, []), used_bank, folded)
    covered = {letter for letter, _text, _bank in chosen}
    picked: list[Suggestion] = []
    seen: set[str] = set(folded)
    while len(picked) < wanted and any(pools.values()):
        # Letters not covered yet come first, those with a tailored question before others.
        order = sorted(
            (letter for letter in LETTERS if pools[letter]),
            key=lambda letter: (
                letter in covered,
                pools[letter][0].bank_question_id is not None,
                LETTER_ORDER[letter],
            ),
        )
        for letter in order:
            if len(picked) >= wanted:
                break
            suggestion = pools[letter].pop(0)
            if suggestion.text.casefold() in seen:
                continue
            seen.add(suggestion.text.casefold())
            picked.append(suggestion)
            covered.add(letter)
    picked.sort(key=lambda s: LETTER_ORDER[s.letter])
    return picked


def add_default_questions(
    sessions: SessionFactory, meeting_id: int, *, only_if_empty: bool = True
) -> tuple[int, ...]:
    """Give a meeting its default questions (by default only if it has none yet), in one
    transaction; returns the new question ids (``remove_meeting_questions`` undoes it)."""
    if only_if_empty and meeting_questions(sessions, meeting_id):
        return ()
    picks = default_questions(sessions, meeting_id)
    with sessions.begin() as session:
        return tuple(
            add_in_session(session, meeting_id, s.letter, s.text, s.bank_question_id) for s in picks
        )


# -- helpers ---------------------------------------------------------------------------------


def _gather(
    sessions: SessionFactory, meeting_id: int
) -> tuple[list[Suggestion], dict[str, list[Suggestion]], list[tuple[str, str, int | None]]]:
    """Tailored suggestions, the bank by letter (as suggestions) and what the meeting has."""
    meeting = get_meeting(sessions, meeting_id)
    person = get_person(sessions, meeting.person_id, include_deleted=True)
    organisation = person.organisation
    facts = PersonFacts(
        name=person.name,
        organisation=organisation,
        title=person.title,
        location=person.location,
        on_target_list=bool(organisation) and find_organisation(sessions, organisation) is not None,
    )
    tags = person_tags(sessions, meeting.person_id)
    tailored = tailored_questions(facts, tags, get_target(sessions).answers)
    bank: dict[str, list[Suggestion]] = {}
    with sessions() as session:
        rows = session.execute(
            select(BankQuestion.id, BankQuestion.letter, BankQuestion.text, BankQuestion.position)
            .where(BankQuestion.retired.is_(False))
        ).tuples()  # fmt: skip
        for bank_id, letter, text, _position in sorted(
            rows, key=lambda r: tiara_key(r[1], r[3], r[0])
        ):
            bank.setdefault(letter, []).append(Suggestion(letter, text, "", bank_id))
        chosen = [
            (q.letter, q.text, q.bank_question_id)
            for q in session.scalars(
                select(MeetingQuestion).where(MeetingQuestion.meeting_id == meeting_id)
            )
        ]
    return tailored, bank, chosen


def _fresh(pool: list[Suggestion], used: set[int], folded: set[str]) -> list[Suggestion]:
    return [s for s in pool if s.bank_question_id not in used and s.text.casefold() not in folded]


def _unique(suggestions: list[Suggestion]) -> list[Suggestion]:
    seen: set[str] = set()
    out = []
    for suggestion in suggestions:
        key = suggestion.text.casefold()
        if key not in seen:
            seen.add(key)
            out.append(suggestion)
    return out


__all__ = [
    "PersonFacts", "Suggestion", "add_default_questions", "default_questions",
    "suggest_questions", "tailored_questions",
]  # fmt: skip
