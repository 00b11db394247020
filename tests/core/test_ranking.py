"""Who to meet first: the expected order and reasons on small hand-made cases (through the
pure ``score_person``), then ``rank_people`` on a workbook (pins, dismissals, meetings,
retired kinds) and on the sample."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest

from workbook.core import document
from workbook.core.advice import add_kind, list_kinds, retire_kind, set_tag
from workbook.core.ask import TargetAnswers
from workbook.core.db import SessionFactory
from workbook.core.errors import WorkbookError
from workbook.core.models import Meeting, Strength
from workbook.core.organisations import add_organisation
from workbook.core.people import add_person, delete_people, update_person
from workbook.core.ranking import (
    WEIGHTS,
    PersonFeatures,
    TargetFeatures,
    day_text,
    explain_person,
    rank_people,
    score_person,
    set_pin,
    target_features,
)
from workbook.core.sample import build_sample
from workbook.core.target import update_field
from workbook.core.wordmatch import phrase, place_phrases, role_phrases, split_words

TODAY = date(2025, 11, 20)
TARGET = target_features(
    TargetAnswers(
        role="product analyst",
        skills=("SQL", "user research"),
        industries=("clean energy", "healthcare technology"),
        places=("Boston, MA", "Greater Cambridge area", "Remote"),
    ),
    [("Northwind Health", 5), ("Acme, Inc.", 3)],
    TODAY,
)
ACQUAINTANCE = "acquaintance: a short chat about their experience fits"


def person(**fields: Any) -> PersonFeatures:
    return PersonFeatures(**fields)


def ranked(*people: PersonFeatures, target: TargetFeatures = TARGET) -> list[str]:
    """Names, best first (ties by name), as score_person orders them."""
    scored = [(score_person(p, target)[0], p.name) for p in people]
    return [name for _, name in sorted(scored, key=lambda item: (-item[0], item[1]))]


# ---------------------------------------------------------------- hand-made orders


def test_close_friend_at_a_target_org_then_acquaintance_in_the_industry_then_lost_touch() -> None:
    friend = person(name="Friend", strength="1000", organisation="Northwind Health")
    industry = person(name="Acquaintance", title="Battery engineer", text="Clean energy storage.")
    lost = person(name="Lost", strength="lost", organisation="Globex")
    assert ranked(lost, industry, friend) == ["Friend", "Acquaintance", "Lost"]
    assert score_person(friend, TARGET) == (
        7.0, ["works at Northwind Health (motivation 5)", "close relationship: can introduce you"],
    )  # fmt: skip
    assert score_person(industry, TARGET) == (
        3.5, ["works in your target industry (clean energy)", ACQUAINTANCE],
    )  # fmt: skip
    assert score_person(lost, TARGET) == (-2.0, ["lost touch: reconnect first"])


def test_knowing_someone_at_a_target_org_counts_less_than_working_there() -> None:
    works = person(name="Works there", organisation="ACME Inc")  # matched loosely
    knows = person(name="Knows someone", knows_people_at=("acme", "Initech"))
    both = person(name="Both", organisation="Acme Inc.", knows_people_at=("Acme, Inc.",))
    assert ranked(knows, works) == ["Works there", "Knows someone"]
    assert explain_person(works, TARGET)[0] == ("works at Acme, Inc. (motivation 3)", 2.8)
    assert explain_person(knows, TARGET)[0] == ("knows someone at Acme, Inc., motivation 3", 1.7)
    # The same organisation is counted once, as the stronger link.
    assert score_person(both, TARGET)[1] == ["works at Acme, Inc. (motivation 3)", ACQUAINTANCE]
    keen = person(name="Keen", knows_people_at=("Northwind Health", "Acme"))
    assert score_person(keen, TARGET) == (
        4.7, ["knows someone at Northwind Health, motivation 5",
              "knows someone at Acme, Inc., motivation 3", ACQUAINTANCE],
    )  # fmt: skip


def test_lost_touch_stays_listed_lower_and_says_reconnect_first() -> None:
    warm = person(name="Warm", strength="100", organisation="Northwind Health")
    cold = person(name="Cold", strength="lost", organisation="Northwind Health")
    assert ranked(cold, warm) == ["Warm", "Cold"]
    score, reasons = score_person(cold, TARGET)
    assert score == 2.0 and reasons[1] == "lost touch: reconnect first"


def test_meetings_already_held_or_under_way_come_lower_with_the_date() -> None:
    base: dict[str, Any] = {"strength": "100", "organisation": "Northwind Health"}
    fresh = person(name="A fresh", **base)
    asked = person(name="B asked", meeting="requested", meeting_on=date(2025, 11, 18), **base)
    met = person(name="C met", met_on=date(2025, 11, 3), **base)
    assert ranked(met, asked, fresh) == ["A fresh", "B asked", "C met"]
    assert "already met on 3 Nov: keep in touch" in score_person(met, TARGET)[1]
    assert (
        score_person(asked, TARGET)[1][1] == "request already sent on 18 Nov: give them a few days"
    )
    texts = {
        ("scheduled", TODAY): "meeting already planned for today",
        ("scheduled", date(2026, 1, 9)): "meeting already planned for 9 Jan 2026",
        ("no_answer", date(2025, 11, 10)): (
            "request already sent on 10 Nov, no answer yet: nudge gently"
        ),
        ("postponed", None): "meeting postponed: find a new time together",
        ("declined", date(2025, 10, 1)): "said not now to a meeting: ask again in a few months",
    }  # fmt: skip
    for (status, when), text in texts.items():
        features = person(name="X", meeting=status, meeting_on=when, **base)
        assert text in score_person(features, TARGET)[1]
    # A new request after a first meeting: what is happening now is what counts.
    again = person(name="D", met_on=date(2024, 5, 2), meeting="requested", **base)
    assert score_person(again, TARGET)[1][1] == "request already sent: give them a few days"
    assert score_person(person(name="E", met_on=date(2024, 5, 2)), TARGET)[1][0] == (
        "already met on 2 May 2024: keep in touch"
    )


def test_advice_for_research_weighs_more_and_introductions_fit_close_ties() -> None:
    names = person(
        name="Names", advice=(("people", "Names of people"), ("industry", "Industry knowledge"))
    )
    cheer = person(name="Cheer", advice=(("encouragement", "Encouragement"),))
    assert ranked(cheer, names) == ["Names", "Cheer"]
    assert explain_person(names, TARGET)[0] == (
        "can advise on: names of people, industry knowledge", 3.0,
    )  # fmt: skip
    intro = (("introductions", "Introductions"),)
    close = explain_person(person(strength="1000", advice=intro), TARGET)
    loose = explain_person(person(strength="100", advice=intro), TARGET)
    assert ("can advise on: introductions", 1.5) in close
    assert ("can advise on: introductions", 0.5) in loose
    # Everything tagged still counts at most advice_max; the user's own kinds count too.
    everything = tuple((k, k.title()) for k in ("people", "organisations", "industry", "role"))
    assert explain_person(person(advice=everything), TARGET)[0][1] == WEIGHTS["advice_max"]
    own = explain_person(person(advice=((None, "SQL tips"),)), TARGET)
    assert ("can advise on: SQL tips", WEIGHTS["advice.custom"]) in own


def test_industry_role_skills_and_place_match_whole_words_loosely() -> None:
    def reasons(**fields: Any) -> list[str]:
        return score_person(person(**fields), TARGET)[1][:-1]  # without the strength

    assert reasons(title="Product analyst") == ["does the kind of work you want (product analyst)"]
    assert reasons(title="Data Analysts") == ["works close to the role you want (product analyst)"]
    assert reasons(text="Writes about healthcare startups") == [
        "works close to your target industry (healthcare technology)"
    ]
    assert reasons(text="Works in home care") == []  # "care" is not "healthcare"
    assert reasons(organisation="Globex Technology") == []  # too generic on its own
    assert reasons(text="She knows SQL and does user research") == [
        "uses skills you want to use: SQL, user research"
    ]
    assert reasons(location="Boston, MA") == ["based around Boston, MA"]
    assert reasons(location="Cambridge, Massachusetts") == ["based around Greater Cambridge area"]
    assert reasons(location="Remote") == []  # working remotely is not a place
    assert reasons(location="Bostonia") == []


def test_words_are_folded_singular_and_whole_in_any_script() -> None:
    assert split_words("Children’s Clinics in MONTRÉAL & Zürich, ﬁnance") == {
        "children", "clinic", "in", "montreal", "zurich", "finance",
    }  # fmt: skip
    assert split_words("companies boxes classes news analysis bus") == {
        "company", "box", "class", "news", "analysis", "bus",
    }  # fmt: skip
    assert split_words("प्रिया, 데이터 분석가; مُحَمَّد") == {"प्रिया", "데이터", "분석가", "محمد"}
    assert split_words("Ψηφιακή υγεία") == split_words("ψηφιακη ΥΓΕΙΑ")
    assert phrase("the and of") is None
    found = phrase("Healthcare technology")
    assert found is not None and found.distinctive == {"healthcare"}
    roles = role_phrases("product analyst / data analyst, or UX researcher")
    assert [r.label for r in roles] == ["product analyst", "data analyst", "UX researcher"]
    places = place_phrases(["Greater Boston area", "Remote", "Cambridge, MA", "Anywhere"])
    assert [(p.label, set(p.words)) for p in places] == [
        ("Greater Boston area", {"boston"}), ("Cambridge, MA", {"cambridge"}),
    ]  # fmt: skip


def test_reasons_come_most_important_first_and_add_up_to_the_score() -> None:
    someone = person(
        name="Someone", strength="lost", organisation="Acme", title="Product analyst",
        location="Boston", introduced_by="Zoë", advice=(("people", "Names of people"),),
        met_on=date(2025, 6, 1),
    )  # fmt: skip
    parts = explain_person(someone, TARGET)
    sizes = [abs(points) for _, points in parts]
    assert sizes == sorted(sizes, reverse=True)
    assert parts[0] == ("already met on 1 Jun: keep in touch", -4.0)
    assert ("introduced by Zoë: a warm start", 1.0) in parts
    assert score_person(someone, TARGET)[0] == round(sum(p for _, p in parts), 2) == 2.3


def test_an_empty_target_still_ranks_by_relationship_and_advice() -> None:
    empty = target_features(TargetAnswers(), [])
    close = person(name="Close", strength="1000")
    tagged = person(name="Tagged", strength="100", advice=(("people", "Names of people"),))
    assert ranked(tagged, close, target=empty) == ["Close", "Tagged"]
    assert score_person(person(organisation="Acme", title="Product analyst"), empty) == (
        0.5, [ACQUAINTANCE],
    )  # fmt: skip


def test_weights_live_in_one_read_only_place() -> None:
    with pytest.raises(TypeError):
        WEIGHTS["close"] = 10.0  # type: ignore[index]
    assert WEIGHTS["lost_touch"] < 0 and WEIGHTS["met"] < WEIGHTS["under_way"] < 0
    assert day_text(date(2025, 3, 4), TODAY) == "4 Mar"
    assert day_text(date(2024, 3, 4), TODAY) == "4 Mar 2024"


# ---------------------------------------------------------------- the workbook


@pytest.fixture
def sessions(new_workbook: Path) -> Iterator[SessionFactory]:
    with document.open_document(new_workbook) as doc:
        sessions = doc.sessions
        update_field(sessions, "industries", ["clean energy"])
        add_organisation(sessions, "Northwind Health", motivation=5)
        yield sessions


def meeting(sessions: SessionFactory, person_id: int, status: str, when: datetime) -> None:
    with sessions.begin() as session:
        session.add(
            Meeting(
                person_id=person_id, status=status, uid=str(uuid.uuid4()), scheduled_at=when,
                requested_at=when, timezone="America/New_York",
            )
        )  # fmt: skip


def order(sessions: SessionFactory, **options: Any) -> list[str]:
    return [p.name for p in rank_people(sessions, today=TODAY, **options)]


def test_pinned_come_first_by_name_and_dismissed_are_left_out(sessions: SessionFactory) -> None:
    ids = {
        name: add_person(sessions, name, strength=Strength(strength))
        for name, strength in (("Ann", "10"), ("bea", "100"), ("Cy", "1000"), ("Dee", "lost"))
    }
    assert order(sessions) == ["Cy", "bea", "Ann", "Dee"]
    assert set_pin(sessions, ids["Dee"], 1) == 0
    assert set_pin(sessions, ids["Ann"], 1) == 0
    assert set_pin(sessions, ids["Cy"], -1) == 0
    assert order(sessions) == ["Ann", "Dee", "bea"]
    everyone = rank_people(sessions, include_dismissed=True, today=TODAY)
    assert [(p.name, p.pinned, p.dismissed) for p in everyone] == [
        ("Ann", True, False), ("Dee", True, False), ("bea", False, False), ("Cy", False, True),
    ]  # fmt: skip
    assert set_pin(sessions, ids["Cy"], 0) == -1  # the previous state, for undo
    assert order(sessions)[2:] == ["Cy", "bea"]
    with pytest.raises(ValueError, match="1, 0 or -1"):
        set_pin(sessions, ids["Cy"], 2)
    delete_people(sessions, [ids["Cy"]])
    assert "Cy" not in order(sessions, include_dismissed=True)
    with pytest.raises(WorkbookError, match="not on the list"):
        set_pin(sessions, ids["Cy"], 1)


def test_rank_people_reads_tags_meetings_and_introducers(sessions: SessionFactory) -> None:
    zoe = add_person(
        sessions, "Zoë Ångström", strength=Strength.THOUSAND, organisation="Northwind Health"
    )
    met = add_person(
        sessions, "Met Already", strength=Strength.THOUSAND, organisation="Northwind Health"
    )
    add_person(sessions, "Олег", title="Clean energy analyst", introduced_by_id=zoe)
    kinds = {k.key: k.id for k in list_kinds(sessions)}
    set_tag(sessions, zoe, kinds["people"], True, note="knows the hiring managers")
    set_tag(sessions, zoe, kinds["hiring"], True)
    meeting(sessions, met, "met", datetime(2025, 11, 4, 2, 0, tzinfo=UTC))  # 3 Nov in New York
    rows = {p.name: p for p in rank_people(sessions, today=TODAY)}
    assert list(rows) == ["Zoë Ångström", "Олег", "Met Already"]
    assert rows["Zoë Ångström"].reasons == (
        "works at Northwind Health (motivation 5)", "close relationship: can introduce you",
        "can advise on: names of people, how hiring works in their field",
    )  # fmt: skip
    assert rows["Zoë Ångström"].points == (4.0, 3.0, 2.5)
    assert rows["Zoë Ångström"].organisation == "Northwind Health"
    assert rows["Олег"].reasons[1] == "introduced by Zoë Ångström: a warm start"
    assert "already met on 3 Nov: keep in touch" in rows["Met Already"].reasons
    # Retired kinds no longer count; the introducer's name outlives them on the list.
    retire_kind(sessions, kinds["hiring"])
    delete_people(sessions, [zoe])
    rows = {p.name: p for p in rank_people(sessions, today=TODAY)}
    assert "Zoë Ångström" not in rows
    assert rows["Олег"].reasons[1] == "introduced by Zoë Ångström: a warm start"


def test_ranking_again_sees_every_change(sessions: SessionFactory) -> None:
    ada = add_person(sessions, "Ada", title="Energy trader")
    bo = add_person(sessions, "Bo", strength=Strength.HUNDRED)
    assert order(sessions) == ["Ada", "Bo"]  # near the industry (2.0) > friendly tie (1.5)
    mine = add_kind(sessions, "Grant writing")
    set_tag(sessions, bo, mine, True)
    assert order(sessions) == ["Bo", "Ada"]
    update_field(sessions, "industries", ["public health"])
    assert rank_people(sessions, today=TODAY)[1].reasons == (ACQUAINTANCE,)
    update_person(sessions, ada, title="Public health nurse")
    assert rank_people(sessions, today=TODAY)[0].name == "Ada"


def test_the_sample_workbook_gives_an_interesting_ranking(tmp_path: Path) -> None:
    path = tmp_path / "sample.workbook"
    build_sample(path, people=100, today=TODAY)
    with document.open_document(path) as doc:
        people = rank_people(doc.sessions, today=TODAY)
    assert len(people) == 100
    reasons = [reason for p in people for reason in p.reasons]
    for start in ("works at ", "knows someone at ", "works close to your target industry",
                  "close relationship", "lost touch: reconnect first", "already met on",
                  "request already sent", "can advise on: ", "based around "):  # fmt: skip
        assert any(r.startswith(start) for r in reasons), start
    assert all(p.score == round(sum(p.points), 2) for p in people)
    assert all(len(p.points) == len(p.reasons) > 0 for p in people)
    assert people[0].strength != "lost" and "already met" not in " ".join(people[0].reasons)
    scores = [p.score for p in people]
    assert scores == sorted(scores, reverse=True)
