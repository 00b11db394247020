"""The TIARA letters and the built-in question bank, in our own words, and seeding it.

TIARA is the order of a research meeting's questions: Trends, Insights, Advice, Resources,
Assignments (the two A's are kept apart as ``A`` and ``A2``). Every built-in question has a
stable ``key``, so a workbook keeps track of which ones it already holds even after the user
reworded or retired some. The questions ask about the other person's experience, never for a
job.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from workbook.core.db import SessionFactory
from workbook.core.errors import WorkbookError
from workbook.core.models import BankQuestion, TiaraLetter

LETTERS: tuple[str, ...] = tuple(letter.value for letter in TiaraLetter)
LETTER_ORDER: dict[str, int] = {letter: index for index, letter in enumerate(LETTERS)}
LETTER_NAMES: dict[str, str] = {
    "T": "Trends",
    "I": "Insights",
    "A": "Advice",
    "R": "Resources",
    "A2": "Assignments",
}
# One line under each heading: what this part of the conversation is for.
LETTER_HINTS: dict[str, str] = {
    "T": "What is changing in their field.",
    "I": "What surprised them, and what they wish they had known.",
    "A": "What they would do in your place.",
    "R": "People, organisations, events and reading to look at next.",
    "A2": "The projects and problems their work is about.",
}


def letter_label(letter: str) -> str:
    """ "A2" -> "A — Assignments": the heading of a letter (the second A shows as an A)."""
    return f"{letter[0]} — {LETTER_NAMES.get(letter, letter)}"


def check_letter(letter: str) -> str:
    """The letter as stored; WorkbookError for anything that is not a TIARA letter."""
    value = str(letter).strip()
    if value not in LETTER_ORDER:
        raise WorkbookError(f"{letter!r} is not a TIARA letter: use one of {', '.join(LETTERS)}")
    return value


@dataclass(frozen=True)
class BuiltinQuestion:
    key: str
    letter: str
    text: str


def _letter(letter: str, *items: tuple[str, str]) -> tuple[BuiltinQuestion, ...]:
    return tuple(BuiltinQuestion(f"{letter.lower()}.{key}", letter, text) for key, text in items)


BUILTIN_QUESTIONS: tuple[BuiltinQuestion, ...] = (
    *_letter(
        "T",
        ("changing", "What is changing fastest in your field at the moment?"),
        ("three_years", "How do you expect your kind of work to look in three years' time?"),
        ("tools", "Which new tools or ways of working has your team taken up lately?"),
        ("growing", "Which corners of your field are growing, and which are getting quieter?"),
        (
            "pressures",
            "What outside pressures (rules, budgets, customers) shape your work this year?",
        ),
        ("skills", "Which skills do you see people around you wishing they had more of?"),
        ("talk", "What are people in your field talking about over coffee these days?"),
        ("overrated", "Is there a trend everyone mentions that you think is overrated?"),
    ),
    *_letter(
        "I",
        ("surprised", "What surprised you most when you started doing this work?"),
        ("wish_known", "What do you wish someone had told you before you started?"),
        ("good_day", "What does a really good day at work look like for you?"),
        ("stand_out", "What makes someone stand out in your line of work?"),
        ("hidden", "What is the hardest part of your work that people outside never see?"),
        ("path", "How did you find your way into this work?"),
        ("keeps_you", "What keeps this work interesting for you after all this time?"),
        ("misread", "What do people outside your field most often get wrong about it?"),
    ),
    *_letter(
        "A",
        ("my_place", "If you were in my place, what would you do first?"),
        ("lead_with", "Which of my strengths would you lead with, and which would you build on?"),
        ("avoid", "What would you steer clear of if you were me?"),
        ("sharpen", "Having heard what I'm looking for, how would you say it more clearly?"),
        ("next_month", "What would you read, learn or practise this month in my shoes?"),
        (
            "gap",
            "Is there a gap in my background your field would notice? How could I close it?",
        ),
        ("approach", "How would you get to know the organisations in this field if you were me?"),
        ("younger_self", "What would you tell your younger self about starting out in this field?"),
    ),
    *_letter(
        "R",
        ("organisations", "Which organisations should be on my list that aren't there yet?"),
        ("groups", "Which associations, groups or meetups are worth joining?"),
        ("events", "Are there events where people in your field really talk to each other?"),
        ("reading", "What do you read or listen to to keep up with your field?"),
        ("courses", "Is there a course or certificate people in your field genuinely respect?"),
        ("online", "Where do people in your field swap ideas online?"),
        ("admire", "Whose work in this field do you admire, and why?"),
        ("lesser_known", "Which smaller or lesser-known organisations are doing interesting work?"),
    ),
    *_letter(
        "A2",
        ("projects", "What projects are keeping your team busy this quarter?"),
        ("problem", "What problem would you love someone to solve for your team?"),
        (
            "first_months",
            "What would good first months look like for someone in a role like yours?",
        ),
        ("week", "What does a typical week of work look like for you?"),
        ("gone_well", "How do you tell when a piece of work has gone well?"),
        ("more_time", "What would your team take on if it had more time or people?"),
        ("together", "Who do you work with most closely, and what do you need from them?"),
        ("proud", "What is a recent piece of work you're proud of?"),
    ),
)
BUILTIN_KEYS: frozenset[str] = frozenset(q.key for q in BUILTIN_QUESTIONS)


def ensure_builtin_questions(session: Session) -> int:
    """Add any built-in question the workbook lacks (by key), inside the caller's
    transaction; returns how many were added. Reworded or retired ones count as present."""
    present = set(session.scalars(select(BankQuestion.key).where(BankQuestion.key.is_not(None))))
    added = 0
    places: dict[str, int] = {}
    for builtin in BUILTIN_QUESTIONS:
        position = places.get(builtin.letter, 0)
        places[builtin.letter] = position + 1
        if builtin.key not in present:
            session.add(
                BankQuestion(
                    key=builtin.key, letter=builtin.letter, text=builtin.text, position=position
                )
            )
            added += 1
    return added


def seed_question_bank(sessions: SessionFactory) -> int:
    """Add missing built-in questions to an open workbook. A read first: when none is
    missing (every open but the first after an upgrade), nothing is written."""
    with sessions() as session:
        query = select(BankQuestion.key).where(BankQuestion.key.is_not(None))
        if set(session.scalars(query)) >= BUILTIN_KEYS:
            return 0
    with sessions.begin() as session:
        return ensure_builtin_questions(session)


__all__ = [
    "BUILTIN_KEYS", "BUILTIN_QUESTIONS", "LETTERS", "LETTER_HINTS", "LETTER_NAMES",
    "LETTER_ORDER", "BuiltinQuestion", "check_letter", "ensure_builtin_questions",
    "letter_label", "seed_question_bank",
]  # fmt: skip
