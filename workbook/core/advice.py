"""Step 3, advice: the kinds of advice (built-in and the user's own) and who could give them.

Kinds: the built-in list has a stable ``key`` each, so a renamed kind still counts as, say,
"names of people" for the ranking. The user can add, rename, reorder and retire kinds;
retiring hides a kind from the matrix and the ranking but keeps its tags, so the people list
and history still show them. Only a kind of the user's own with no tags can be deleted (the
undo of adding one). Mutations return what an undo needs: ``KindChange`` (rename), the
previous order (moves), ``DeletedKind``.

Tags (who could give which kind, with a note) live in ``advice_tags`` and are re-exported
here, so the UI and the CLI import everything about advice from this module.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from workbook.core.advice_tags import (
    Tag,
    TagChange,
    TagState,
    dbapi,
    reapply,
    revert,
    set_tag,
    set_tag_note,
    set_tags,
    tags_for,
)
from workbook.core.db import SessionFactory
from workbook.core.errors import WorkbookError
from workbook.core.models import AdviceKind, PersonAdvice

__all__ = [
    "BUILTIN_KINDS",
    "BuiltinKind", "DeletedKind", "KindChange", "KindRow", "Tag", "TagChange", "TagState",
    "add_kind", "delete_kind", "ensure_builtin_kinds", "list_kinds", "move_kind", "reapply",
    "rename_kind", "restore_kind", "retire_kind", "revert", "set_kind_order", "set_tag",
    "set_tag_note", "set_tags", "shift_kind", "tags_for",
]  # fmt: skip


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


# ---------------------------------------------------------------- kinds


@dataclass(frozen=True)
class KindRow:
    """A kind of advice as the matrix, the kinds editor and the gap report show it."""

    id: int
    key: str | None  # built-in key, None for the user's own
    name: str
    description: str
    position: int
    retired: bool
    builtin: bool  # key is not None
    tag_count: int  # people (not deleted) tagged with it


@dataclass(frozen=True)
class KindChange:
    """A kind's name and description before and after ``rename_kind`` (both keys always
    there). Undo: ``rename_kind(s, c.id, c.before["name"], c.before["description"])``."""

    id: int
    before: dict[str, str]
    after: dict[str, str]

    @property
    def changed(self) -> bool:
        return self.before != self.after


@dataclass(frozen=True)
class DeletedKind:
    """Everything ``restore_kind`` needs to put a deleted kind back as it was."""

    id: int
    name: str
    description: str
    position: int
    retired: bool


_KIND_ROWS_SQL = (
    "SELECT k.id, k.key, k.name, k.description, k.position, k.retired, count(p.id)"
    " FROM advice_kind k LEFT JOIN person_advice a ON a.kind_id = k.id"
    " LEFT JOIN person p ON p.id = a.person_id AND p.deleted_at IS NULL"
    " {where} GROUP BY k.id ORDER BY k.position, k.id"
)


def list_kinds(sessions: SessionFactory, include_retired: bool = False) -> list[KindRow]:
    """The kinds in the user's order (retired ones only when asked for)."""
    where = "" if include_retired else "WHERE k.retired = 0"
    with sessions() as session:
        rows = dbapi(session).execute(_KIND_ROWS_SQL.format(where=where)).fetchall()
    return [
        KindRow(kid, key, name, description or "", position, bool(retired), key is not None, n)
        for kid, key, name, description, position, retired, n in rows
    ]


def add_kind(sessions: SessionFactory, name: str, description: str = "") -> int:
    """Add a kind of the user's own at the end of the list; returns its id."""
    cleaned = _kind_name(name)
    with sessions.begin() as session:
        _check_unique(session, cleaned, None)
        last = session.scalar(select(func.max(AdviceKind.position)))
        kind = AdviceKind(
            name=cleaned, description=description.strip(), position=0 if last is None else last + 1
        )
        session.add(kind)
        session.flush()
        return kind.id


def rename_kind(
    sessions: SessionFactory, kind_id: int, name: str, description: str | None = None
) -> KindChange:
    """Rename a kind (built-in ones too: their key stays); ``description`` None keeps it."""
    cleaned = _kind_name(name)
    with sessions.begin() as session:
        kind = _kind(session, kind_id)
        if not kind.retired:
            _check_unique(session, cleaned, kind_id)
        before = {"name": kind.name, "description": kind.description or ""}
        kind.name = cleaned
        if description is not None:
            kind.description = description.strip()
        return KindChange(kind_id, before, {"name": kind.name, "description": kind.description})


def move_kind(sessions: SessionFactory, kind_id: int, new_position: int) -> list[int]:
    """Move a kind to ``new_position`` in the full order (retired kinds included, as
    ``list_kinds(include_retired=True)`` lists them; clamped). Returns the previous order of
    ids, for ``set_kind_order``."""
    with sessions.begin() as session:
        order = _order(session)
        if kind_id not in order:
            raise WorkbookError("that kind of advice is no longer on the list")
        new = [k for k in order if k != kind_id]
        new.insert(max(0, min(new_position, len(new))), kind_id)
        _renumber(session, new)
        return order


def shift_kind(
    sessions: SessionFactory, kind_id: int, step: int, *, include_retired: bool = False
) -> list[int]:
    """Move a kind ``step`` places up (negative) or down among the kinds the user sees
    (retired ones skipped unless ``include_retired``). Returns the previous full order."""
    with sessions.begin() as session:
        order = _order(session)
        retired = set(session.scalars(select(AdviceKind.id).where(AdviceKind.retired)))
        visible = [k for k in order if include_retired or k not in retired or k == kind_id]
        if kind_id not in visible:
            raise WorkbookError("that kind of advice is no longer on the list")
        moved = [k for k in visible if k != kind_id]
        index = max(0, min(visible.index(kind_id) + step, len(moved)))
        moved.insert(index, kind_id)
        _renumber(session, _into_slots(order, visible, moved))
        return order


def set_kind_order(sessions: SessionFactory, ids: Sequence[int]) -> None:
    """Put the kinds in this order. A partial list reorders only those kinds, in the places
    they already hold (so the visible kinds can be reordered around retired ones)."""
    wanted = list(dict.fromkeys(ids))
    with sessions.begin() as session:
        order = _order(session)
        unknown = set(wanted) - set(order)
        if unknown:
            raise WorkbookError(f"advice kind {min(unknown)} is no longer on the list")
        listed = set(wanted)
        _renumber(session, _into_slots(order, [k for k in order if k in listed], wanted))


def retire_kind(sessions: SessionFactory, kind_id: int, retired: bool = True) -> None:
    """Retire a kind (its tags stay, shown greyed) or bring it back."""
    with sessions.begin() as session:
        kind = _kind(session, kind_id)
        if not retired and kind.retired:
            _check_unique(session, kind.name, kind_id, bring_back=True)
        kind.retired = retired


def delete_kind(sessions: SessionFactory, kind_id: int) -> DeletedKind:
    """Delete a kind of the user's own that nobody is tagged with (the undo of ``add_kind``).
    Built-in kinds and kinds with tags are retired instead, so their history stays."""
    with sessions.begin() as session:
        kind = _kind(session, kind_id)
        if kind.key is not None:
            raise WorkbookError(f"“{kind.name}” is built in: retire it instead")
        tagged = session.scalar(
            select(func.count()).select_from(PersonAdvice).where(PersonAdvice.kind_id == kind_id)
        )
        if tagged:
            raise WorkbookError(f"“{kind.name}” has tags: retire it instead, to keep them")
        deleted = DeletedKind(
            kind.id, kind.name, kind.description or "", kind.position, bool(kind.retired)
        )
        session.delete(kind)
    return deleted


def restore_kind(sessions: SessionFactory, deleted: DeletedKind) -> int:
    """Put a deleted kind back with its id and place (the redo of ``add_kind``)."""
    with sessions.begin() as session:
        session.add(
            AdviceKind(
                id=deleted.id,
                name=deleted.name,
                description=deleted.description,
                position=deleted.position,
                retired=deleted.retired,
            )
        )
    return deleted.id


def _kind_name(name: str) -> str:
    cleaned = " ".join(name.split())
    if not cleaned:
        raise WorkbookError("a kind of advice needs a name")
    return cleaned


def _kind(session: Session, kind_id: int) -> AdviceKind:
    kind = session.get(AdviceKind, kind_id)
    if kind is None:
        raise WorkbookError("that kind of advice is no longer on the list")
    return kind


def _check_unique(
    session: Session, name: str, kind_id: int | None, *, bring_back: bool = False
) -> None:
    """Two kinds in use cannot share a name (case aside): the matrix could not tell them apart."""
    folded = name.casefold()
    query = select(AdviceKind.id, AdviceKind.name).where(AdviceKind.retired.is_(False))
    for other_id, other in session.execute(query):
        if other_id != kind_id and other.casefold() == folded:
            if bring_back:
                raise WorkbookError(
                    f"another kind is already called “{other}”: rename one of them first"
                )
            raise WorkbookError(f"“{other}” is already on the list of kinds")


def _order(session: Session) -> list[int]:
    query = select(AdviceKind.id).order_by(AdviceKind.position, AdviceKind.id)
    return list(session.scalars(query))


def _into_slots(order: list[int], subset: list[int], new: list[int]) -> list[int]:
    """``order`` with the places held by ``subset`` filled by ``new``, in its order."""
    if sorted(subset) != sorted(new):
        raise WorkbookError("the new order must list the same kinds")
    slots = iter(new)
    members = set(subset)
    return [next(slots) if k in members else k for k in order]


def _renumber(session: Session, ids: list[int]) -> None:
    kinds = {k.id: k for k in session.scalars(select(AdviceKind))}
    for position, kind_id in enumerate(ids):
        if kinds[kind_id].position != position:
            kinds[kind_id].position = position
