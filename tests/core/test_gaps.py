"""Network gaps: how many people could give each kind of advice, the kinds called out (nobody,
or only people the user lost touch with), the circles to brainstorm next, and the counts
behind the coverage chart."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from workbook.core import document
from workbook.core.advice import add_kind, list_kinds, retire_kind, set_tag, set_tags
from workbook.core.db import SessionFactory
from workbook.core.gaps import (
    LIKELY_CIRCLES,
    OWN_KIND_CIRCLES,
    WELL_COVERED,
    KindCoverage,
    coverage,
    gap_text,
)
from workbook.core.models import Circle
from workbook.core.people import add_person, delete_people
from workbook.core.sample import build_sample


@pytest.fixture
def sessions(new_workbook: Path) -> Iterator[SessionFactory]:
    with document.open_document(new_workbook) as doc:
        yield doc.sessions


def kinds(sessions: SessionFactory) -> dict[str, int]:
    return {k.key or k.name: k.id for k in list_kinds(sessions, include_retired=True)}


def by_key(sessions: SessionFactory) -> dict[str, KindCoverage]:
    return {k.key or k.name: k for k in coverage(sessions).kinds}


def test_an_empty_list_has_every_kind_to_find_and_every_circle_to_walk(
    sessions: SessionFactory,
) -> None:
    report = coverage(sessions)
    assert (report.people, report.goal) == (0, 100)
    assert list(report.by_circle) == [c.value for c in Circle]
    assert set(report.by_circle.values()) == {0}
    assert report.by_strength == {"10": 0, "100": 0, "1000": 0, "lost": 0}
    assert len(report.kinds) == 12 and report.gaps == report.kinds
    for kind in report.kinds:
        assert (kind.people, kind.active_people, kind.status) == (0, 0, "none")
        assert kind.suggested_circles == tuple(c.value for c in LIKELY_CIRCLES[kind.key or ""])
        assert kind.description


def test_statuses_count_people_in_touch_and_skip_deleted_people(sessions: SessionFactory) -> None:
    ids = kinds(sessions)
    ada = add_person(sessions, "Ada", Circle.WORK, "100")
    lost = add_person(sessions, "Lost", Circle.FRIENDS, "lost")
    trio = [add_person(sessions, n, Circle.WORK, "10") for n in ("Bo", "Cy", "Di")]
    gone = add_person(sessions, "Gone", Circle.SCHOOL, "1000")
    set_tag(sessions, ada, ids["industry"], True)
    set_tag(sessions, lost, ids["introductions"], True)
    set_tags(sessions, [*trio, lost], ids["people"], True)
    set_tag(sessions, gone, ids["resume"], True)
    delete_people(sessions, [gone])
    found = by_key(sessions)
    assert (found["industry"].people, found["industry"].active_people) == (1, 1)
    assert found["industry"].status == "thin"
    assert found["introductions"].status == "lost_only"
    assert found["introductions"].suggested_circles == ("friends", "family", "work")
    assert (found["people"].people, found["people"].active_people) == (4, 3)
    assert (found["people"].status, found["people"].suggested_circles) == ("ok", ())
    assert found["resume"].status == "none"  # a deleted person's tag does not count
    report = coverage(sessions)
    assert report.people == 5
    assert (report.by_circle["work"], report.by_circle["friends"], report.by_circle["school"]) == (
        4, 1, 0,
    )  # fmt: skip
    assert report.by_strength == {"10": 3, "100": 1, "1000": 0, "lost": 1}
    assert [k.key for k in report.gaps] == [
        "organisation", "role", "local_market", "organisations", "introductions", "resume",
        "interview", "hiring", "learning", "encouragement",
    ]  # fmt: skip


def test_circles_already_walked_well_are_not_suggested_again(sessions: SessionFactory) -> None:
    for n in range(WELL_COVERED):
        add_person(sessions, f"Colleague {n}", Circle.WORK)
    found = by_key(sessions)
    assert found["interview"].suggested_circles == ("school", "friends")
    assert found["industry"].suggested_circles == ("events", "online", "school")
    for circle in (Circle.FAMILY, Circle.FRIENDS, Circle.COMMUNITY):
        for n in range(WELL_COVERED):
            add_person(sessions, f"{circle.value} {n}", circle)
    # Every likely circle walked well: they are still the likeliest places to look.
    assert by_key(sessions)["encouragement"].suggested_circles == (
        "family", "friends", "community",
    )  # fmt: skip


def test_own_kinds_are_covered_and_retired_kinds_are_left_out(sessions: SessionFactory) -> None:
    mine = add_kind(sessions, "Grant writing", "Who funds what.")
    retire_kind(sessions, kinds(sessions)["hiring"])
    report = coverage(sessions)
    assert "hiring" not in {k.key for k in report.kinds}
    own = report.kinds[-1]
    assert (own.kind_id, own.name, own.key, own.description) == (
        mine, "Grant writing", None, "Who funds what.",
    )  # fmt: skip
    assert own.suggested_circles == tuple(c.value for c in OWN_KIND_CIRCLES)


def test_gap_texts_are_plain_and_say_where_to_look() -> None:
    def kind(people: int, active: int, status: str, circles: tuple[str, ...] = ()) -> str:
        return gap_text(KindCoverage(1, "Interview practice", people, active, status, circles))

    assert kind(0, 0, "none", ("work", "services")) == (
        "Nobody on your list can help with “Interview practice” yet. "
        "Brainstorm next: Work, People who serve you."
    )
    assert kind(1, 0, "lost_only") == (
        "Only someone you lost touch with can help with “Interview practice”: reconnect "
        "first, or find someone new."
    )
    assert kind(3, 0, "lost_only").startswith("Only 3 people you lost touch with")
    assert kind(1, 1, "thin", ("school",)) == (
        "Only one person you are in touch with can help with “Interview practice”. "
        "Brainstorm next: School."
    )
    assert kind(5, 4, "ok") == "4 people you are in touch with can help with “Interview practice”."


def test_the_sample_has_two_gaps_one_kind_held_only_by_lost_touch_and_an_own_kind(
    tmp_path: Path,
) -> None:
    path = tmp_path / "sample.workbook"
    build_sample(path, people=100, today=date(2025, 11, 20))
    with document.open_document(path) as doc:
        report = coverage(doc.sessions)
    statuses = {k.key or k.name: k.status for k in report.kinds}
    assert [k for k, s in statuses.items() if s == "none"] == ["interview", "hiring"]
    assert [k for k, s in statuses.items() if s == "lost_only"] == ["introductions"]
    assert "Healthcare data privacy" in statuses
    assert report.people == 100 == sum(report.by_strength.values())
    assert all(k.suggested_circles for k in report.gaps)
