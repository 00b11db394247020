"""Advice kinds: the built-in list (with a one-line explanation each) and the user's own."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from workbook.core.models import AdviceKind


@dataclass(frozen=True)
class BuiltinKind:
    key: str
    name: str
    description: str


BUILTIN_KINDS: tuple[BuiltinKind, ...] = (
    BuiltinKind(
        "industry", "Industry knowledge", "How their industry works and where it is heading."
    ),
    BuiltinKind(
        "organisation",
        "A specific organisation",
        "What it is like inside a place you are curious about.",
    ),
    BuiltinKind("role", "A role or function", "What the work you want looks like day to day."),
    BuiltinKind(
        "local_market",
        "The local job market",
        "Who is hiring and growing around where you want to live.",
    ),
    BuiltinKind("people", "Names of people", "Others you could talk to next."),
    BuiltinKind(
        "organisations", "Names of organisations", "Places you had not thought of looking at."
    ),
    BuiltinKind(
        "introductions", "Introductions", "A warm hello to someone they know (close ties only)."
    ),
    BuiltinKind(
        "resume", "Résumé or profile feedback", "An honest read of how you come across on paper."
    ),
    BuiltinKind(
        "interview", "Interview practice", "A rehearsal with someone who has sat on the other side."
    ),
    BuiltinKind(
        "hiring",
        "How hiring works in their field",
        "Where roles are posted, who decides, what counts.",
    ),
    BuiltinKind(
        "learning",
        "Learning resources",
        "Courses, associations, conferences and groups worth joining.",
    ),
    BuiltinKind(
        "encouragement", "Encouragement", "Someone to cheer you on and keep you accountable."
    ),
)


def ensure_builtin_kinds(session: Session) -> int:
    """Add any built-in kind the workbook lacks (by key); returns how many were added."""
    present = set(session.scalars(select(AdviceKind.key).where(AdviceKind.key.is_not(None))))
    added = 0
    for position, kind in enumerate(BUILTIN_KINDS):
        if kind.key in present:
            continue
        session.add(
            AdviceKind(
                key=kind.key, name=kind.name, description=kind.description, position=position
            )
        )
        added += 1
    return added
