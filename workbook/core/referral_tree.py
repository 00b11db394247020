"""The referral tree: who introduced whom, so the user sees the network grow from the first list.

Drawn from ``Person.introduced_by_id``. The roots are people nobody introduced who introduced
someone; each node carries the person's strength, whether a meeting with them was held, and
whether they were taken off the list (shown, marked: they still tell the story). A loop in
the introductions (A introduced by B, B by A: typed by hand or after a merge) is cut at its
lowest id, which becomes a root, so every person shows up exactly once. Built without
recursion, so a chain of any length is fine.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from workbook.core.db import SessionFactory
from workbook.core.models import Meeting, MeetingStatus, Person

HELD = (MeetingStatus.MET, MeetingStatus.THANKED, MeetingStatus.REPORTED_BACK)


@dataclass(frozen=True)
class ReferralNode:
    """One person in the tree, with the people they introduced (by name)."""

    person_id: int
    name: str
    organisation: str
    strength: str  # Strength value
    met: bool  # a meeting with them was held (met, thanked or reported back)
    deleted: bool  # taken off the list
    children: tuple[ReferralNode, ...]

    @property
    def introduced(self) -> int:
        """How many people came through them, directly or down the line."""
        count, stack = 0, list(self.children)
        while stack:
            node = stack.pop()
            count += 1
            stack.extend(node.children)
        return count


@dataclass(frozen=True)
class ReferralForest:
    """Every chain of introductions, and the counts for the one-line summary."""

    roots: tuple[ReferralNode, ...]
    original: int  # people on the list nobody introduced
    introduced: int  # people on the list someone introduced
    introducers: int  # people (deleted ones too) who introduced someone now on the list
    deepest: int  # the longest chain to someone on the list, in steps from a root

    @property
    def empty(self) -> bool:
        return not self.roots

    def summary(self) -> str:
        """ "37 of your people came through 12 introducers, up to 3 steps from your first list"."""
        if self.empty:
            return "Nobody on your list came through an introduction yet."
        introducers = "introducer" if self.introducers == 1 else "introducers"
        steps = "1 step" if self.deepest == 1 else f"{self.deepest} steps"
        return (
            f"{self.introduced} of your people came through {self.introducers} {introducers},"
            f" up to {steps} from your first list"
        )


@dataclass(frozen=True)
class PersonLink:
    """What the tree needs about one person (deleted people too)."""

    name: str
    organisation: str
    strength: str
    introduced_by_id: int | None
    deleted: bool


def referral_forest(sessions: SessionFactory) -> ReferralForest:
    """The whole tree, read in two queries."""
    with sessions() as session:
        people = {
            pid: PersonLink(name, organisation or "", strength, parent, deleted_at is not None)
            for pid, name, organisation, strength, parent, deleted_at in session.execute(
                select(
                    Person.id,
                    Person.name,
                    Person.organisation,
                    Person.strength,
                    Person.introduced_by_id,
                    Person.deleted_at,
                )
            ).tuples()
        }
        met = set(
            session.scalars(
                select(Meeting.person_id).where(Meeting.status.in_([s.value for s in HELD]))
            )
        )
    return build_forest(people, met)


def build_forest(people: dict[int, PersonLink], met: set[int]) -> ReferralForest:
    """The forest of ``people`` (id -> link); ``met``: the ids with a held meeting."""
    parent = {
        pid: link.introduced_by_id
        for pid, link in people.items()
        if link.introduced_by_id is not None and link.introduced_by_id in people
    }
    for pid in _loop_cuts(parent):
        del parent[pid]
    children: dict[int, list[int]] = {}
    for pid, up in parent.items():
        children.setdefault(up, []).append(pid)

    def sort_key(pid: int) -> tuple[str, int]:
        return (people[pid].name.casefold(), pid)

    root_ids = sorted((pid for pid in children if pid not in parent), key=sort_key)
    # Post-order without recursion: every child is built before its parent.
    built: dict[int, ReferralNode] = {}
    depth: dict[int, int] = {}
    deepest = 0
    stack: list[tuple[int, bool]] = [(pid, False) for pid in root_ids]
    for pid in root_ids:
        depth[pid] = 0
    while stack:
        pid, ready = stack.pop()
        kids = sorted(children.get(pid, ()), key=sort_key)
        if not ready:
            stack.append((pid, True))
            for kid in kids:
                depth[kid] = depth[pid] + 1
                if not people[kid].deleted:  # the deepest chain ends at someone on the list
                    deepest = max(deepest, depth[kid])
                stack.append((kid, False))
            continue
        link = people[pid]
        built[pid] = ReferralNode(
            pid, link.name, link.organisation, link.strength, pid in met, link.deleted,
            tuple(built.pop(kid) for kid in kids),
        )  # fmt: skip
    on_list = [pid for pid, link in people.items() if not link.deleted]
    introduced = [pid for pid in on_list if pid in parent]
    return ReferralForest(
        roots=tuple(built[pid] for pid in root_ids),
        original=len(on_list) - len(introduced),
        introduced=len(introduced),
        introducers=len({parent[pid] for pid in introduced}),
        deepest=deepest,
    )


def _loop_cuts(parent: dict[int, int]) -> list[int]:
    """One person per loop of introductions (the lowest id), whose link up is to be cut."""
    state: dict[int, int] = {}  # 1: on the current walk, 2: done
    cuts: list[int] = []
    for start in parent:
        if start in state:
            continue
        walk: list[int] = []
        node: int | None = start
        while node is not None and node not in state:
            state[node] = 1
            walk.append(node)
            node = parent.get(node)
        if node is not None and state[node] == 1:  # came back onto this walk: a loop
            loop = walk[walk.index(node) :]
            cuts.append(min(loop))
        for visited in walk:
            state[visited] = 2
    return cuts


__all__ = [
    "HELD", "PersonLink", "ReferralForest", "ReferralNode", "build_forest", "referral_forest",
]  # fmt: skip
