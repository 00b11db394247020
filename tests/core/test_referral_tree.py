"""The referral tree: roots, children by name, counts, held meetings, deleted people marked,
loops in the introductions cut, long chains, and the sample workbook."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import update

from workbook.core import document
from workbook.core.db import SessionFactory
from workbook.core.meetings import create_meeting, update_meeting
from workbook.core.models import Person, Strength
from workbook.core.people import add_person, delete_people, list_people
from workbook.core.referral_tree import PersonLink, ReferralNode, build_forest, referral_forest
from workbook.core.sample import build_sample


@pytest.fixture
def sessions(new_workbook: Path) -> Iterator[SessionFactory]:
    with document.open_document(new_workbook) as doc:
        yield doc.sessions


def _shape(node: ReferralNode) -> object:
    return (node.name, [_shape(child) for child in node.children]) if node.children else node.name


def _link(sessions: SessionFactory, person: int, introducer: int | None) -> None:
    """Set an introducer directly (the people service refuses loops and deleted people)."""
    with sessions.begin() as session:
        session.execute(
            update(Person).where(Person.id == person).values(introduced_by_id=introducer)
        )


def test_empty(sessions: SessionFactory) -> None:
    add_person(sessions, "Ana")
    forest = referral_forest(sessions)
    assert forest.empty and forest.roots == () and (forest.original, forest.introduced) == (1, 0)
    assert forest.summary() == "Nobody on your list came through an introduction yet."


def test_roots_children_by_name_and_counts(sessions: SessionFactory) -> None:
    ana = add_person(sessions, "Ana", strength=Strength.THOUSAND, organisation="Globex")
    zed = add_person(sessions, "zed", introduced_by_id=ana)
    bea = add_person(sessions, "Bea", introduced_by_id=ana)
    add_person(sessions, "Carl", introduced_by_id=bea)
    omar = add_person(sessions, "Omar")
    add_person(sessions, "Ümit", introduced_by_id=omar)
    add_person(sessions, "Nobody introduced")
    meeting = create_meeting(sessions, bea)
    update_meeting(sessions, meeting, status="thanked")
    create_meeting(sessions, zed)  # an idea: not held
    forest = referral_forest(sessions)
    assert [_shape(root) for root in forest.roots] == [
        ("Ana", [("Bea", ["Carl"]), "zed"]),
        ("Omar", ["Ümit"]),
    ]
    root = forest.roots[0]
    assert (root.organisation, root.strength, root.introduced) == ("Globex", "1000", 3)
    assert root.children[0].met and not root.children[1].met and not root.met
    assert (forest.original, forest.introduced, forest.introducers, forest.deepest) == (3, 4, 3, 2)
    assert forest.summary() == (
        "4 of your people came through 3 introducers, up to 2 steps from your first list"
    )


def test_deleted_people_stay_in_the_tree_marked(sessions: SessionFactory) -> None:
    ana = add_person(sessions, "Ana")
    bea = add_person(sessions, "Bea", introduced_by_id=ana)
    carl = add_person(sessions, "Carl", introduced_by_id=bea)
    delete_people(sessions, [ana, carl])
    forest = referral_forest(sessions)
    [root] = forest.roots
    assert (root.name, root.deleted) == ("Ana", True)
    [bea_node] = root.children
    assert not bea_node.deleted and bea_node.children[0].deleted
    # Counts are of people on the list: Bea came through Ana, who is off it now.
    assert (forest.original, forest.introduced, forest.introducers) == (0, 1, 1)


def test_loops_are_cut_and_everyone_shows_once(sessions: SessionFactory) -> None:
    a = add_person(sessions, "A")
    b = add_person(sessions, "B", introduced_by_id=a)
    c = add_person(sessions, "C", introduced_by_id=b)
    add_person(sessions, "D", introduced_by_id=c)
    _link(sessions, a, c)  # A -> C -> B -> A: a loop, with D hanging off C
    me = add_person(sessions, "Me")
    _link(sessions, me, me)  # introduced by themselves
    forest = referral_forest(sessions)
    assert [_shape(root) for root in forest.roots] == [("A", [("B", [("C", ["D"])])])]
    names: list[str] = []
    stack = list(forest.roots)
    while stack:
        node = stack.pop()
        names.append(node.name)
        stack.extend(node.children)
    assert sorted(names) == ["A", "B", "C", "D"]
    assert forest.deepest == 3 and forest.introduced == 3


def test_a_very_long_chain_needs_no_recursion(sessions: SessionFactory) -> None:
    with sessions.begin() as session:
        session.add_all(
            Person(id=i, name=f"P{i:05d}", introduced_by_id=i - 1 if i > 1 else None)
            for i in range(1, 3001)
        )
    forest = referral_forest(sessions)
    assert forest.deepest == 2999 and forest.roots[0].introduced == 2999


def test_the_sample_grows_a_tree(tmp_path: Path) -> None:
    path = tmp_path / "sample.workbook"
    build_sample(path, people=100, seed=7, today=date(2026, 5, 12))
    with document.open_document(path) as doc:
        forest = referral_forest(doc.sessions)
        people = list_people(doc.sessions)
    assert not forest.empty and forest.deepest >= 1
    assert forest.introduced == sum(1 for p in people if p.introduced_by_id is not None)
    assert forest.original + forest.introduced == len(people)
    assert forest.summary().startswith(f"{forest.introduced} of your people came through")


@settings(max_examples=200, deadline=None)
@given(
    st.dictionaries(
        st.integers(1, 40),
        st.tuples(st.one_of(st.none(), st.integers(1, 45)), st.booleans()),
        max_size=40,
    )
)
def test_any_graph_shows_each_linked_person_once(graph: dict[int, tuple[int | None, bool]]) -> None:
    """Whatever the introductions (loops, self-loops, missing introducers, deleted people),
    everyone who introduced someone or was introduced shows exactly once, and the counts add
    up."""
    people = {
        pid: PersonLink(f"P{pid}", "", "10", parent, deleted)
        for pid, (parent, deleted) in graph.items()
    }
    forest = build_forest(people, set())
    seen: list[int] = []
    depths: dict[int, int] = {}
    stack = [(root, 0) for root in forest.roots]
    while stack:
        node, depth = stack.pop()
        seen.append(node.person_id)
        depths[node.person_id] = depth
        assert [c.name for c in node.children] == sorted(
            (c.name for c in node.children), key=lambda n: (n.casefold(), int(n[1:]))
        )
        stack.extend((child, depth + 1) for child in node.children)
    assert len(seen) == len(set(seen))
    linked = {
        pid for pid, (parent, _) in graph.items()
        if parent is not None and parent in graph and parent != pid
    }  # fmt: skip
    parents = {graph[pid][0] for pid in linked}
    assert linked - set(seen) == set()  # the introduced (minus loop cuts) and introducers
    assert set(seen) <= linked | parents | {pid for pid in graph if pid in parents}
    on_list = [pid for pid, (_, deleted) in graph.items() if not deleted]
    assert forest.original + forest.introduced == len(on_list)
    assert forest.deepest == max((d for pid, d in depths.items() if not graph[pid][1]), default=0)
    assert forest.empty == (not linked)
