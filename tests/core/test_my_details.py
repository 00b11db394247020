"""The user's own details (the card fronts): stored as a setting, checked, undoable."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from workbook.core import document
from workbook.core.db import SessionFactory
from workbook.core.errors import WorkbookError
from workbook.core.models import Setting
from workbook.core.my_details import (
    LIMITS,
    SETTING_KEY,
    MyDetails,
    get_my_details,
    parse_details,
    set_my_details,
)

ZOE = MyDetails(
    name="Zoë Ångström",
    headline="Product analyst · R&D <NYSE>",
    email="zoe@example.org",
    phone="+1 617 555 0100",
    website="zoe.example.org",
    location="Boston, MA",
)


@pytest.fixture
def sessions(new_workbook: Path) -> Iterator[SessionFactory]:
    with document.open_document(new_workbook) as doc:
        yield doc.sessions


def test_a_new_workbook_has_blank_details(sessions: SessionFactory) -> None:
    details = get_my_details(sessions)
    assert details == MyDetails()
    assert details.is_empty
    assert details.contacts() == ()


def test_round_trip_keeps_text_as_typed_and_returns_the_previous(
    sessions: SessionFactory,
) -> None:
    assert set_my_details(sessions, ZOE) == MyDetails()
    assert get_my_details(sessions) == ZOE
    other = MyDetails(name="李小龙", email="li@example.cn", location="x<y &amp;")
    assert set_my_details(sessions, other) == ZOE
    assert get_my_details(sessions) == other
    # Undo is setting the previous value back.
    set_my_details(sessions, ZOE)
    assert get_my_details(sessions) == ZOE


def test_survives_reopening(new_workbook: Path) -> None:
    with document.open_document(new_workbook) as doc:
        set_my_details(doc.sessions, ZOE)
    with document.open_document(new_workbook) as doc:
        assert get_my_details(doc.sessions) == ZOE


def test_contacts_skip_blanks_in_order() -> None:
    details = MyDetails(name="Олег Петров", email=" oleg@example.ru ", website="oleg.example")
    assert details.contacts() == ("oleg@example.ru", "oleg.example")
    assert not details.is_empty
    assert MyDetails(name="  ").is_empty


@pytest.mark.parametrize(
    ("details", "message"),
    [
        (MyDetails(name="x" * (LIMITS["name"] + 1)), "name is too long"),
        (MyDetails(headline="h" * (LIMITS["headline"] + 1)), "headline is too long"),
        (MyDetails(phone="1" * (LIMITS["phone"] + 1)), "phone number is too long"),
        (MyDetails(location="Boston\nMA"), "location must fit on one line"),
        (MyDetails(email="zoe.example.org"), "does not look like an email"),
        (MyDetails(email="zoe @example.org"), "does not look like an email"),
        (MyDetails(email="@example.org"), "does not look like an email"),
    ],
)
def test_invalid_details_are_refused_and_nothing_changes(
    sessions: SessionFactory, details: MyDetails, message: str
) -> None:
    set_my_details(sessions, ZOE)
    with pytest.raises(WorkbookError, match=message):
        set_my_details(sessions, details)
    assert get_my_details(sessions) == ZOE


def test_the_longest_allowed_values_are_kept(sessions: SessionFactory) -> None:
    longest = MyDetails(**{key: "a" * limit for key, limit in LIMITS.items() if key != "email"})
    set_my_details(sessions, longest)
    assert get_my_details(sessions) == longest


def test_non_text_is_a_programming_error(sessions: SessionFactory) -> None:
    with pytest.raises(ValueError, match="name must be text"):
        set_my_details(sessions, MyDetails(name=42))  # type: ignore[arg-type]


def test_a_hand_edited_setting_reads_as_blanks(sessions: SessionFactory) -> None:
    with sessions.begin() as session:
        session.merge(Setting(key=SETTING_KEY, value={"name": "Sara", "phone": 5, "x": "y"}))
    assert get_my_details(sessions) == MyDetails(name="Sara")
    assert parse_details(["not", "a", "dict"]) == MyDetails()
    assert parse_details(None) == MyDetails()
