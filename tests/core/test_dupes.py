"""Duplicate rules: what is certainly the same person, what is only offered, what is not."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workbook.core import document
from workbook.core.dupes import (
    SAME_EMAIL,
    SAME_NAME_NO_ORG,
    SAME_NAME_ORG,
    SAME_PHONE,
    SAME_PHONE_OTHER_NAME,
    SAME_URL,
    SIMILAR_AT_ORG,
    DuplicateIndex,
    DuplicateMatch,
    _name_key,
    describe,
    email_key,
    name_key,
    phone_key,
    profile_url_key,
)
from workbook.core.people import add_person, delete_people, find_duplicates


@dataclass(frozen=True)
class P:
    """A person row as the index reads it."""

    id: int
    name: str
    email: str = ""
    profile_url: str = ""
    organisation: str = ""
    phone: str = ""


EXISTING = P(1, "John Smith", "John.Smith@Acme.com", "https://www.linkedin.com/in/jsmith/",
             "Acme, Inc.", "+1 (555) 010-2030")  # fmt: skip

# (what is typed or imported, the expected reason or None); certain = the four first reasons.
RULES = [
    (dict(name="Someone", email="john.smith@acme.com"), SAME_EMAIL),
    (dict(name="Someone", email="  JOHN.SMITH@ACME.COM "), SAME_EMAIL),
    (dict(name="Someone", email="mailto:john.smith@acme.com"), SAME_EMAIL),
    (dict(name="X", profile_url="linkedin.com/in/jsmith"), SAME_URL),
    (dict(name="X", profile_url="http://LinkedIn.com/in/JSmith"), SAME_URL),
    (dict(name="X", profile_url="https://uk.linkedin.com/in/jsmith/?trk=abc#top"), SAME_URL),
    (dict(name="X", profile_url="https://www.linkedin.com/in/jsmith/details/skills/"), SAME_URL),
    (dict(name="John Smith", organisation="ACME Inc"), SAME_NAME_ORG),
    (dict(name="john  smith", organisation="Acme"), SAME_NAME_ORG),
    (dict(name="JOHN SMITH.", organisation="The Acme Corporation"), SAME_NAME_ORG),
    (dict(name="John Smith", phone="555 010 2030"), SAME_PHONE),
    (dict(name="", phone="+15550102030"), SAME_PHONE),
    (dict(name="Jon Smith", organisation="ACME Inc"), SIMILAR_AT_ORG),
    (dict(name="Smith, John", organisation="Acme"), SIMILAR_AT_ORG),
    (dict(name="John A. Smith", organisation="Acme"), SIMILAR_AT_ORG),
    (dict(name="John Smith"), SAME_NAME_NO_ORG),
    (dict(name="Mary Smith", phone="(555) 010-2030"), SAME_PHONE_OTHER_NAME),
    (dict(name="John Smith", organisation="Globex"), None),
    (dict(name="Jon Smith", organisation="Globex"), None),
    (dict(name="Jon Smith"), None),
    (dict(name="Joan Smyth", organisation="Acme"), None),
    (dict(name="Someone", email="john.smith@acme.co"), None),
    (dict(name="X", profile_url="linkedin.com/in/jsmith2"), None),
    (dict(name="X", profile_url="example.com/in/jsmith"), None),
    (dict(name="Someone", phone="555"), None),
]


@pytest.mark.parametrize(("query", "reason"), RULES)
def test_duplicate_rules(query: dict[str, str], reason: str | None) -> None:
    index = DuplicateIndex([EXISTING])
    phone = query.pop("phone", "")
    matches = index.match(**query, phone=phone)
    if reason is None:
        assert matches == []
        return
    assert [(m.person_id, m.reason) for m in matches] == [(1, reason)]
    assert matches[0].certain is (reason in (SAME_EMAIL, SAME_URL, SAME_NAME_ORG, SAME_PHONE))


def test_accents_and_punctuation_do_not_hide_a_duplicate() -> None:
    index = DuplicateIndex([P(1, "Zoë Ångström", organisation="Société Générale S.A."),
                            P(2, "Seán O'Brien", organisation="Smith & Sons")])  # fmt: skip
    assert index.match("ZOE ANGSTROM", organisation="Societe Generale")[0].person_id == 1
    assert index.match("Sean OBrien", organisation="Smith and Sons Ltd.")[0].reason == SAME_NAME_ORG


def test_the_strongest_reason_wins_and_each_person_appears_once() -> None:
    index = DuplicateIndex([EXISTING, P(2, "Jon Smith", organisation="Acme")])
    matches = index.match("John Smith", "john.smith@acme.com", organisation="Acme")
    assert [(m.person_id, m.reason) for m in matches] == [(1, SAME_EMAIL), (2, SIMILAR_AT_ORG)]


def test_exclude_id_leaves_the_person_out() -> None:
    index = DuplicateIndex([EXISTING])
    assert index.match(EXISTING.name, EXISTING.email, exclude_id=1) == []


def test_records_added_from_a_file_carry_their_line() -> None:
    index = DuplicateIndex()
    index.add(P(0, "Ann Lee", "ann@x.org"), line=12, source="a.csv")
    [match] = index.match("Ann Lee", "ANN@x.org")
    assert (match.person_id, match.line, match.certain) == (0, 12, True)
    assert describe(match, here="a.csv") == "also on line 12"
    assert describe(match, here="b.csv") == "also in a.csv line 12"


def test_describe_says_what_to_check() -> None:
    near = DuplicateMatch(3, "John Smith", False, SIMILAR_AT_ORG, "Acme")
    assert describe(near) == "similar to John Smith at Acme: check"
    assert describe(DuplicateMatch(1, "Zoë Ångström", True, SAME_EMAIL)) == (
        "same email as Zoë Ångström"
    )


def test_normalised_keys() -> None:
    assert email_key(" Zoe@Example.COM ") == "zoe@example.com"
    assert profile_url_key("https://www.LinkedIn.com/in/Zoe-A/") == "linkedin.com/in/zoe-a"
    assert profile_url_key("https://Example.com/People/Zoe/") == "example.com/People/Zoe"
    assert profile_url_key("linkedin.com/in/zo%C3%AB") == profile_url_key("linkedin.com/in/zoë")
    assert profile_url_key("   ") == ""
    assert phone_key("+33 6 12 34 56 78") == phone_key("06 12 34 56 78")
    assert name_key("  Zoë   O'Brien-Ångström ") == "zoe obrien angstrom"
    assert name_key("李小龙") == "李小龙"
    assert name_key("Олег Ёлкин") == "олег елкин"


@settings(max_examples=300)
@given(st.text(alphabet=st.characters(max_codepoint=127)))
def test_the_ascii_shortcut_gives_the_same_name_key(name: str) -> None:
    assert name_key(name) == _name_key(name)


# Text that looks like what people type, plus anything at all.
_ADDRESSES = st.one_of(
    st.text(),
    st.builds(
        lambda scheme, www, host, path, tail: f"{scheme}{www}{host}/{path}{tail}",
        st.sampled_from(["", "http://", "https://", "HTTPS://"]),
        st.sampled_from(["", "www.", "WWW.", "uk."]),
        st.sampled_from(["linkedin.com", "LinkedIn.com", "example.org"]),
        st.text(alphabet=st.characters(codec="utf-8"), max_size=20),
        st.sampled_from(["", "/", "?x=1", "#a", "/?trk=1"]),
    ),
)


@settings(max_examples=300)
@given(st.text(), _ADDRESSES)
def test_normalisation_is_idempotent(text: str, url: str) -> None:
    for key in (email_key, name_key, phone_key):
        assert key(key(text)) == key(text)
    assert profile_url_key(profile_url_key(url)) == profile_url_key(url)


_PEOPLE = st.lists(
    st.builds(
        P,
        id=st.integers(1, 10**6),
        name=st.sampled_from(["John Smith", "Jon Smith", "Zoë", "Zoe", "", "Ann Lee"]),
        email=st.sampled_from(["", "a@x.org", "A@X.org"]),
        profile_url=st.sampled_from(["", "linkedin.com/in/a", "https://www.linkedin.com/in/A/"]),
        organisation=st.sampled_from(["", "Acme", "ACME Inc.", "Globex"]),
        phone=st.sampled_from(["", "555 010 2030", "+1 555 010 2030"]),
    ),
    max_size=8,
    unique_by=lambda p: p.id,
)


@settings(max_examples=200)
@given(_PEOPLE)
def test_a_person_never_matches_themselves(people: list[P]) -> None:
    index = DuplicateIndex(people)
    for person in people:
        matches = index.match(
            person.name, person.email, person.profile_url, person.organisation,
            phone=person.phone, exclude_id=person.id,
        )  # fmt: skip
        assert person.id not in {m.person_id for m in matches}
        assert len({m.person_id for m in matches}) == len(matches)


def test_find_duplicates_on_the_workbook(new_workbook: Path) -> None:
    with document.open_document(new_workbook) as doc:
        sessions = doc.sessions
        john = add_person(sessions, "John Smith", organisation="Acme, Inc.", email="j@acme.com")
        gone = add_person(sessions, "Jon Smith", organisation="Acme")
        delete_people(sessions, [gone])
        assert [
            m.person_id for m in find_duplicates(sessions, "Jon Smith", organisation="ACME")
        ] == [john]
        assert find_duplicates(sessions, "John Smith", "J@ACME.COM", exclude_id=john) == []
        [match] = find_duplicates(sessions, "Johnny", email="j@acme.com")
        assert (match.person_id, match.certain, match.reason) == (john, True, SAME_EMAIL)
