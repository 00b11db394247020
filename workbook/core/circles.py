"""The circles of people the brainstorm walks through, each with a memory-jogging question.

Qt-free so the People page, the CLI and the printable 100-people worksheet share the same
words. The texts are ours: short, warm and concrete, one question per circle. The work circle
is walked once per past job: its ``detail_label`` asks which job, kept as ``circle_detail``.
"""

from __future__ import annotations

from dataclasses import dataclass

from workbook.core.models import Circle, Strength


@dataclass(frozen=True)
class CirclePrompt:
    """One circle of the brainstorm: its label, the question to ask, and a nudge."""

    circle: Circle
    label: str  # short, for tables and lists: "People who serve you"
    question: str  # the concrete question shown large
    hint: str  # a quieter second line: more faces to think of
    detail_label: str = (
        ""  # when set, the brainstorm asks for a detail (the work circle: which job)
    )
    detail_placeholder: str = ""


CIRCLES: tuple[CirclePrompt, ...] = (
    CirclePrompt(
        Circle.FAMILY,
        "Family",
        "Who is in your family, near and far?",
        "Parents, brothers and sisters, cousins, in-laws, godparents — and the aunt who "
        "always asks how work is going.",
    ),
    CirclePrompt(
        Circle.FRIENDS,
        "Friends",
        "Who would you call first with good news?",
        "The friends you see for coffee or dinner, old friends you still message on "
        "birthdays, friends of your partner.",
    ),
    CirclePrompt(
        Circle.NEIGHBOURS,
        "Neighbours",
        "Who do you say hello to on your street — and at your last address?",
        "The people next door and across the hall, the neighbour who kept your keys, the "
        "family you shared a garden or a stairwell with.",
    ),
    CirclePrompt(
        Circle.WORK,
        "Work",
        "Think of one job you have had. Who sat near you there?",
        "Your manager and theirs, teammates, the people in the next department, clients, "
        "suppliers, the temp who became a friend. Then do the same for your other jobs.",
        detail_label="Which job?",
        detail_placeholder="The organisation, e.g. City Hospital (2019–2023)",
    ),
    CirclePrompt(
        Circle.SCHOOL,
        "School",
        "Who did you study with, or learn from?",
        "Classmates from school, college or a course, your project partners, teachers and "
        "tutors, people from the alumni group.",
    ),
    CirclePrompt(
        Circle.SERVICES,
        "People who serve you",
        "Who looks after you and your home?",
        "Your doctor, dentist, accountant, hairdresser, mechanic, the agent who sold you "
        "your home or your insurance. They talk to many people every week.",
    ),
    CirclePrompt(
        Circle.COMMUNITY,
        "Clubs, volunteering, faith",
        "Where do you spend your free time with other people?",
        "Teammates, the choir, the running club, fellow volunteers, your faith community, "
        "an association or a committee you belong to.",
    ),
    CirclePrompt(
        Circle.PARENTS,
        "Parents",
        "Whose parents do you chat with at the school gate?",
        "Parents of your children's friends and classmates, the families you meet at "
        "birthday parties, practice and school events.",
    ),
    CirclePrompt(
        Circle.ONLINE,
        "Online",
        "Who do you talk with online?",
        "People in your group chats, forums, professional networks and communities — "
        "someone whose posts you always read counts too.",
    ),
    CirclePrompt(
        Circle.EVENTS,
        "Events",
        "Who did you meet at a conference, workshop or wedding?",
        "The speaker you thanked afterwards, the person next to you at a meetup, someone "
        "whose card you kept.",
    ),
    CirclePrompt(
        Circle.OTHER,
        "Other",
        "Who else comes to mind?",
        "Old flatmates, a former landlord, someone you met travelling, a friend of a "
        "friend. Anyone counts: everyone knows someone.",
    ),
)

CIRCLE_BY_VALUE: dict[str, CirclePrompt] = {prompt.circle.value: prompt for prompt in CIRCLES}


def circle_label(value: str) -> str:
    """The short label of a circle value ("services" -> "People who serve you")."""
    prompt = CIRCLE_BY_VALUE.get(value)
    return prompt.label if prompt is not None else value.capitalize()


STRENGTH_LABELS: dict[str, str] = {
    Strength.TEN.value: "$10",
    Strength.HUNDRED.value: "$100",
    Strength.THOUSAND.value: "$1000",
    Strength.LOST_TOUCH.value: "Lost touch",
}
STRENGTH_HINTS: dict[str, str] = {
    Strength.TEN.value: "You would borrow $10 from them: an acquaintance",
    Strength.HUNDRED.value: "You would borrow $100 from them: a friendly tie",
    Strength.THOUSAND.value: "You would borrow $1000 from them: a close tie",
    Strength.LOST_TOUCH.value: "You have lost touch: say hello before asking anything",
}


def strength_label(value: str) -> str:
    return STRENGTH_LABELS.get(value, value)
