"""A research meeting's agenda with times: small talk, the ask, the TIARA questions, names,
"Is there anything I can do for you?", thanks.

``build_agenda`` is pure (the picker rebuilds it on every change; the printed prep sheet uses
it too); ``agenda_for_meeting`` loads what it needs from the workbook. The minutes always add
up to the meeting's length exactly: the opening and closing parts get a few fixed minutes that
grow with a longer meeting, the questions get the rest, shared between the TIARA letters by
how many questions each has. Someone the user lost touch with gets a longer catch-up first.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from workbook.core.advice import list_kinds, tags_for
from workbook.core.db import SessionFactory
from workbook.core.meeting_questions import meeting_questions
from workbook.core.meetings import get_meeting
from workbook.core.models import Strength
from workbook.core.question_texts import LETTER_HINTS, LETTER_NAMES, LETTER_ORDER
from workbook.core.target import get_target

MINUTES_PER_QUESTION = 2.75  # "about 2–3 minutes" a question, answer included
PLANNED_RANGE = (10, 120)  # meeting lengths the agenda is designed for (others work too)

NAMES_QUESTION = "Who else should I talk to?"
ORGANISATIONS_QUESTION = "Which organisations should I look at?"
INTRODUCTION_QUESTION = "Would you be comfortable introducing me to one of them?"
GIVE_BACK_QUESTION = "Is there anything I can do for you?"
NO_ASK = "Say in one sentence what you are looking for (the Target page helps you write it)."


@dataclass(frozen=True)
class AgendaItem:
    """One part of the meeting: when it starts (minutes in), how long, what to say or ask.

    ``section`` names the part for code ("small_talk", "ask", a TIARA letter, "questions"
    when none are chosen or they are too many for separate times, "names", "give_back",
    "close")."""

    start_minute: int
    minutes: int
    title: str
    detail: str
    questions: tuple[str, ...]
    section: str = ""

    @property
    def clock(self) -> str:
        """The start as time into the meeting: "0:00", "0:14", "1:05"."""
        return elapsed(self.start_minute)


def elapsed(minute: int) -> str:
    return f"{minute // 60}:{minute % 60:02d}"


# -- time --------------------------------------------------------------------------------------


def _frame(duration: int, lost_touch: bool) -> dict[str, int]:
    """Minutes for the parts around the questions; at least one left for the questions."""
    if lost_touch:
        small = min(15, max(2, round(duration * 0.2)))
    else:
        small = min(8, max(1, round(duration * 0.1)))
    parts = {
        "small_talk": small,
        "ask": 1 if duration < 45 else 2,
        "names": 1 if duration < 30 else 2 if duration < 60 else 3,
        "give_back": 1 if duration < 60 else 2,
        "close": 1 if duration < 60 else 2,
    }
    while sum(parts.values()) > max(0, duration - 1):  # only for meetings under 10 minutes
        longest = max(parts, key=lambda key: parts[key])
        parts[longest] -= 1
    return parts


def question_budget(duration_minutes: int, strength: str = "") -> int:
    """Minutes a meeting of this length leaves for the questions."""
    frame = _frame(duration_minutes, strength == Strength.LOST_TOUCH)
    return max(0, duration_minutes - sum(frame.values()))


def question_minutes(count: int) -> int:
    """About how long ``count`` questions take (rounded half up)."""
    return int(count * MINUTES_PER_QUESTION + 0.5)


def questions_that_fit(duration_minutes: int, strength: str = "") -> int:
    """How many questions fit in the time the meeting leaves for them (at least one)."""
    budget = question_budget(duration_minutes, strength)
    return max(1, int(budget / MINUTES_PER_QUESTION + 1e-9))


def over_time(count: int, duration_minutes: int, strength: str = "") -> bool:
    return question_minutes(count) > question_budget(duration_minutes, strength)


def estimate_text(count: int, duration_minutes: int, strength: str = "") -> str:
    """ "5 questions — about 14 of your 20 minutes", or a gentle note when it is too many."""
    budget = question_budget(duration_minutes, strength)
    if count == 0:
        return (
            f"No questions yet: your {duration_minutes} minutes leave about {budget} for them "
            f"(room for {questions_that_fit(duration_minutes, strength)})."
        )
    need = question_minutes(count)
    counted = f"{count} question" if count == 1 else f"{count} questions"
    if need <= budget:
        return f"{counted} — about {need} of your {duration_minutes} minutes"
    return (
        f"{counted} — about {need} minutes, more than the {budget} your {duration_minutes} "
        "minutes leave for questions: keep the ones that matter most"
    )


# -- the agenda --------------------------------------------------------------------------------


def build_agenda(
    duration_minutes: int,
    questions: Sequence[tuple[str, str]],
    *,
    ask: str | None,
    person_name: str,
    strength: str,
    tag_keys: frozenset[str],
) -> tuple[AgendaItem, ...]:
    """The timed agenda; ``questions`` are (TIARA letter, text), kept in TIARA order."""
    duration = max(1, int(duration_minutes))
    lost = strength == Strength.LOST_TOUCH
    frame = _frame(duration, lost)
    who = " ".join(person_name.split()) or "them"
    parts: list[tuple[int, str, str, tuple[str, ...], str]] = []  # minutes, title, …, section
    if lost:
        parts.append((
            frame["small_talk"], "Catch up first",
            f"It has been a while: ask how {who} is doing and share your own news before "
            "anything else.", (), "small_talk",
        ))  # fmt: skip
    else:
        parts.append((
            frame["small_talk"], "Small talk",
            f"Ask how {who} is and what is keeping them busy; thank them for making the time.",
            (), "small_talk",
        ))  # fmt: skip
    ask_detail = " ".join((ask or "").split()) or NO_ASK
    parts.append((frame["ask"], "Your ask", ask_detail, (), "ask"))
    parts.extend(_question_parts(duration - sum(frame.values()), questions))
    names = [NAMES_QUESTION, ORGANISATIONS_QUESTION]
    if strength == Strength.THOUSAND and "introductions" in tag_keys:
        names.append(INTRODUCTION_QUESTION)
    parts.append((
        frame["names"], "Asking for names",
        "Write down every name and organisation they mention, spelled right.",
        tuple(names), "names",
    ))  # fmt: skip
    parts.append((
        frame["give_back"], "Giving back",
        "Ask, then listen: note anything you could do for them, however small.",
        (GIVE_BACK_QUESTION,), "give_back",
    ))  # fmt: skip
    parts.append((
        frame["close"], "Thanks and close",
        f"Thank {who}, finish on time, and say you will let them know how their advice "
        "helped.", (), "close",
    ))  # fmt: skip
    items: list[AgendaItem] = []
    start = 0
    for minutes, title, detail, asked, section in parts:
        if minutes <= 0:
            continue  # only in meetings shorter than the agenda is planned for
        items.append(AgendaItem(start, minutes, title, detail, asked, section))
        start += minutes
    return tuple(items)


def _question_parts(
    budget: int, questions: Sequence[tuple[str, str]]
) -> list[tuple[int, str, str, tuple[str, ...], str]]:
    """One part per TIARA letter with questions, sharing ``budget`` by their counts."""
    ordered = sorted(
        (q for q in questions if " ".join(q[1].split())),
        key=lambda q: LETTER_ORDER.get(q[0], len(LETTER_ORDER)),
    )
    groups: dict[str, list[str]] = {}
    for letter, text in ordered:
        groups.setdefault(letter, []).append(" ".join(text.split()))
    if not groups:
        return [(
            budget, "Your questions",
            "Choose a few questions, one or two for each letter of TIARA.", (), "questions",
        )]  # fmt: skip
    if budget < len(groups):
        texts = tuple(text for group in groups.values() for text in group)
        return [(budget, "Your questions", "In TIARA order, as time allows.", texts, "questions")]
    shares = _share(budget, [len(group) for group in groups.values()])
    return [
        (
            minutes,
            LETTER_NAMES.get(letter, letter),
            LETTER_HINTS.get(letter, ""),
            tuple(texts),
            letter,
        )
        for minutes, (letter, texts) in zip(shares, groups.items(), strict=True)
    ]


def _share(total: int, weights: list[int]) -> list[int]:
    """``total`` split by ``weights``, each at least 1, adding up exactly (largest remainder)."""
    spare = total - len(weights)
    whole = sum(weights)
    exact = [spare * w / whole for w in weights]
    shares = [int(x) for x in exact]
    left = spare - sum(shares)
    by_remainder = sorted(range(len(weights)), key=lambda i: (shares[i] - exact[i], i))
    for i in by_remainder[:left]:
        shares[i] += 1
    return [share + 1 for share in shares]


# -- from the workbook -------------------------------------------------------------------------


def person_tags(sessions: SessionFactory, person_id: int) -> dict[str, str]:
    """A person's advice tags as {built-in kind key: note}, retired kinds and the user's own
    kinds left out (only built-in kinds mean something to the agenda and the suggestions)."""
    keys = {kind.id: kind.key for kind in list_kinds(sessions) if kind.key is not None}
    tags = tags_for(sessions, [person_id]).get(person_id, {})
    return {keys[kind_id]: note for kind_id, note in tags.items() if kind_id in keys}


def agenda_for_meeting(sessions: SessionFactory, meeting_id: int) -> tuple[AgendaItem, ...]:
    """The agenda of a meeting as it stands: its length, chosen questions, the ask, tags."""
    meeting = get_meeting(sessions, meeting_id)
    chosen = meeting_questions(sessions, meeting_id)
    return build_agenda(
        meeting.duration_minutes,
        [(q.letter, q.text) for q in chosen],
        ask=get_target(sessions).ask,
        person_name=meeting.person_name,
        strength=meeting.person_strength,
        tag_keys=frozenset(person_tags(sessions, meeting.person_id)),
    )


__all__ = [
    "GIVE_BACK_QUESTION", "INTRODUCTION_QUESTION", "MINUTES_PER_QUESTION", "NAMES_QUESTION",
    "NO_ASK", "ORGANISATIONS_QUESTION", "PLANNED_RANGE", "AgendaItem", "agenda_for_meeting",
    "build_agenda", "elapsed", "estimate_text", "over_time", "person_tags",
    "question_budget", "question_minutes", "questions_that_fit",
]  # fmt: skip
