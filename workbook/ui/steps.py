"""The pages of the guided workbook: the five steps of the method plus Today."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Step:
    key: str
    number: int | None  # None for Today, which is not a numbered step
    name: str
    purpose: str
    next_action: str


TODAY = Step(
    "today",
    None,
    "Today",
    "What is due today: nudges for unanswered requests, thank-yous, report-backs, "
    "keep-in-touch notes and promises you made.",
    "Nothing is due yet. Once you send requests and hold meetings, follow-ups appear here.",
)
STEPS: tuple[Step, ...] = (
    TODAY,
    Step(
        "target",
        1,
        "Target",
        "Decide precisely what you are looking for, so people can actually help: the work, "
        "the industry, the kind of organisation, the place, and what you bring.",
        "Answer a few questions and the workbook turns them into one sentence you can say aloud.",
    ),
    Step(
        "people",
        2,
        "People",
        "Write down 100 people you know, circle by circle. Not only people in your field: "
        "everyone knows someone.",
        "Start with family and close friends, then work outward, one circle at a time.",
    ),
    Step(
        "advice",
        3,
        "Advice",
        "Note what each person could tell you — an industry, an organisation, a role, names "
        "to talk to — and see who to meet first and where your network is thin.",
        "Tag a few people with the kinds of advice they could give.",
    ),
    Step(
        "meetings",
        4,
        "Meetings",
        "Ask for 15–20 minutes of advice, never for a job. Prepare, hold the meeting, "
        "follow up politely and keep in touch.",
        "Pick someone from the top of your list and draft a short request.",
    ),
    Step(
        "print",
        5,
        "Print",
        "Print a one-page prep sheet for every meeting, your week's agenda, the list of 100 "
        "and small cards with what you bring.",
        "Schedule a meeting first; its prep sheet will be ready to print.",
    ),
)
STEP_BY_KEY = {step.key: step for step in STEPS}
