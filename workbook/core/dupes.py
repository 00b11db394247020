"""Finding people already on the list: when one is typed in, when a file is imported.

A match is *certain* (the same person: an import merges it) or a *near miss* (offered to the
user, never merged silently). In order of strength:

Certain
  - same email (case and a ``mailto:`` prefix ignored);
  - same profile URL (scheme, ``www.``, host case, trailing slash, query and fragment ignored;
    any LinkedIn address is reduced to ``linkedin.com/in/<slug>``, slug case ignored);
  - same name and organisation: names compared by ``name_key`` (case, accents, punctuation and
    spacing ignored), organisations by ``orgmatch.organisation_key`` ("Acme, Inc." = "ACME Inc");
  - same phone (its last nine digits) under the same or a similar name.
Near miss
  - a similar name at the same organisation: rapidfuzz's token-sort ratio of the name keys is
    at least ``SIMILAR_NAME`` ("Jon Smith" / "John Smith", "Smith, John" / "John Smith");
  - the same name where one or both have no organisation to compare;
  - the same phone under a different name (a shared home or office number).
Not matched: the same name at two different organisations (different people, most likely).

Candidates for similar names are blocked by organisation key and a shared word of the name,
so a 30,000-row import compares each name with a handful of others. (A similar name that
shares no word at all, "Jon Smth" / "John Smith", is therefore not offered.)
"""

from __future__ import annotations

import contextlib
import functools
import gc
import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import NamedTuple, Protocol
from urllib.parse import quote, unquote

from rapidfuzz import fuzz, process

from workbook.core.db import SessionFactory
from workbook.core.orgmatch import _strip_accents, organisation_key

# 88: "Jon Smith" / "John Smith" (95) and "John Smith" / "John A. Smith" (91) are offered;
# "Ann Lee" / "Dan Lee" (86) and "Li Wei" / "Li Wen" (83) are not.
SIMILAR_NAME = 88.0
PHONE_DIGITS = 9  # enough to tell numbers apart, few enough to ignore country/trunk prefixes
MIN_PHONE_DIGITS = 7

SAME_EMAIL = "same email"
SAME_URL = "same profile URL"
SAME_NAME_ORG = "same name and organisation"
SAME_PHONE = "same phone"
SIMILAR_AT_ORG = "similar name at the same organisation"
SAME_NAME_NO_ORG = "same name, no organisation to compare"
SAME_PHONE_OTHER_NAME = "same phone, different name"
# Strongest first: a person matched several ways is reported by the strongest.
REASONS = (SAME_EMAIL, SAME_URL, SAME_NAME_ORG, SAME_PHONE, SIMILAR_AT_ORG, SAME_NAME_NO_ORG,
           SAME_PHONE_OTHER_NAME)  # fmt: skip
_RANK = {reason: rank for rank, reason in enumerate(REASONS)}
_JOINERS = frozenset("'’‘ʼ`´.")
_URL_SAFE = "/:@!$&'()*+,;=-._~"
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://")
_PLAIN_PATH = re.compile(r"[A-Za-z0-9/:@!$&'()*+,;=._~-]*")
# ASCII names: joiners vanish, every other character that is not a letter or digit is a space.
_ASCII_NAME = {c: None if chr(c) in "'.`" else " " for c in range(128) if not chr(c).isalnum()}


@dataclass(frozen=True)
class DuplicateMatch:
    """Someone who may be the same person as the one being added or imported."""

    person_id: int  # 0: a record earlier in the same import, not on the list yet
    name: str
    certain: bool  # True: same email / profile URL / name + organisation / phone + name
    reason: str  # one of REASONS
    organisation: str = ""
    line: int | None = None  # set for a record earlier in the same import
    source: str = ""  # that record's file name

    @property
    def rank(self) -> int:
        return _RANK[self.reason]


class PersonLike(Protocol):
    """What matching reads from a person row or a contact record."""

    @property
    def name(self) -> str: ...
    @property
    def email(self) -> str: ...
    @property
    def profile_url(self) -> str: ...
    @property
    def organisation(self) -> str: ...


# -- normalisation (each is idempotent: key(key(x)) == key(x)) ------------------------------


def email_key(email: str) -> str:
    """ "  Zoe@Example.COM " and "mailto:zoe@example.com" -> "zoe@example.com"."""
    key = email.strip().casefold()
    while key.startswith("mailto:"):
        key = key.removeprefix("mailto:").strip()
    return key


@functools.lru_cache(maxsize=1 << 16)
def profile_url_key(url: str) -> str:
    """A profile address without what does not tell two profiles apart.

    "https://www.LinkedIn.com/in/Zoe-A/" and "linkedin.com/in/zoe-a?trk=x" both give
    "linkedin.com/in/zoe-a".
    """
    key = _url_key(url)
    for _ in range(3):  # junk such as "x/ /" needs a second look to settle
        again = _url_key(key)
        if again == key:
            break
        key = again
    return key


def _url_key(url: str) -> str:
    text = url.strip()
    if scheme := _SCHEME.match(text):
        text = text[scheme.end() :]
    # Split by hand: urlsplit refuses some text people paste ("[", "http://[x").
    text, _, query = text.lstrip("/").partition("#")[0].partition("?")
    host, slash, path = text.partition("/")
    host = host.casefold()
    while host.startswith("www."):
        host = host[4:]
    path = "/" + path if slash else ""
    if not _PLAIN_PATH.fullmatch(path):  # what quote(unquote(path)) leaves as it is
        path = quote(unquote(path), safe=_URL_SAFE)
    path = path.rstrip("/")
    if host == "linkedin.com" or host.endswith(".linkedin.com"):
        host = "linkedin.com"  # uk.linkedin.com, de.linkedin.com, m.linkedin.com, ...
        segments = path.casefold().split("/")
        if len(segments) > 2 and segments[1] == "in":
            path = "/".join(segments[:3])  # drops /details/..., /en and the like
        return host + path
    return host + path + (f"?{query}" if query else "")


@functools.lru_cache(maxsize=1 << 16)
def phone_key(phone: str) -> str:
    """The last nine digits ("" when there are fewer than seven): "+1 (555) 010-2030" and
    "555 010 2030" match, as do "+33 6 12 34 56 78" and "06 12 34 56 78"."""
    digits = "".join(str(d) for d in (unicodedata.decimal(ch, -1) for ch in phone) if d >= 0)
    return digits[-PHONE_DIGITS:] if len(digits) >= MIN_PHONE_DIGITS else ""


@functools.lru_cache(maxsize=1 << 16)
def name_key(name: str) -> str:
    """ "Zoë  O'Brien-Ångström" -> "zoe obrien angstrom": case, accents (Latin, Greek, Cyrillic),
    apostrophes and dots dropped; other punctuation and runs of spaces become one space."""
    if name.isascii():  # most names: the same result as below, twenty times faster
        return " ".join(name.translate(_ASCII_NAME).lower().split())
    return _name_key(name)


def _name_key(name: str) -> str:
    # Joiners go first, so an accent after "A." meets the "A" it was left next to.
    text = "".join(c for c in unicodedata.normalize("NFKD", name) if c not in _JOINERS)
    pieces: list[str] = []
    for char in _strip_accents(text).casefold():
        keep = char.isalnum() or unicodedata.category(char).startswith("M")
        pieces.append(char if keep else " ")
    return unicodedata.normalize("NFC", " ".join("".join(pieces).split()))


@functools.lru_cache(maxsize=1 << 14)
def org_key(organisation: str) -> str:
    """``organisation_key``, cached: an import repeats the same few organisations."""
    return organisation_key(organisation)


@contextlib.contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector while building many objects that form no cycles.

    Otherwise it walks everything built so far again and again as the heap grows (the whole
    Qt and SQLAlchemy heap in the app): a 30,000-row import plan took twice as long.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


# -- the index --------------------------------------------------------------------------------


class _Entry:
    """One indexed person or record (compared by identity: two may hold the same values)."""

    __slots__ = ("line", "name", "name_key", "org_key", "organisation", "person_id",
                 "phone_key", "sorted_key", "source")  # fmt: skip

    def __init__(
        self, person_id: int, name: str, organisation: str, phone: str, line: int | None,
        source: str,
    ) -> None:  # fmt: skip
        self.person_id, self.name, self.organisation = person_id, name, organisation
        self.name_key, self.org_key = name_key(name), org_key(organisation)
        # Only the similar-name check reads it, and only within an organisation.
        self.sorted_key = _sorted_tokens(self.name_key) if self.org_key else ""
        self.phone_key, self.line, self.source = phone_key(phone), line, source


class DuplicateIndex:
    """Everyone to compare against, keyed every way a duplicate can show.

    Built once (from ``list_people`` rows or ``load_index``); ``add`` puts an imported record in
    too, so a second copy further down the same file is caught. Similar names are looked for
    among the people at the same organisation who share a word of the name with the query:
    a 30,000-row import then makes a few comparisons per row, not thousands.
    """

    def __init__(self, rows: Iterable[PersonLike] = ()) -> None:
        self._email: dict[str, list[_Entry]] = {}
        self._url: dict[str, list[_Entry]] = {}
        self._phone: dict[str, list[_Entry]] = {}
        self._name: dict[str, list[_Entry]] = {}
        # (organisation, word of the name) -> the entries there and their sorted name keys
        self._words: dict[tuple[str, str], tuple[list[_Entry], list[str]]] = {}
        for row in rows:
            self.add(row)

    def add(self, row: PersonLike, *, line: int | None = None, source: str = "") -> None:
        """Index a person row (its ``id``) or an imported record (its ``line`` and file)."""
        pid = int(getattr(row, "id", 0) or 0) if line is None else 0
        entry = _Entry(pid, row.name, row.organisation, getattr(row, "phone", "") or "",
                       line, source)  # fmt: skip
        if key := email_key(row.email):
            self._email.setdefault(key, []).append(entry)
        for other in getattr(row, "other_emails", ()):
            if (key := email_key(other)) and entry not in self._email.get(key, ()):
                self._email.setdefault(key, []).append(entry)
        if url := profile_url_key(row.profile_url):
            self._url.setdefault(url, []).append(entry)
        if entry.phone_key:
            self._phone.setdefault(entry.phone_key, []).append(entry)
        if entry.name_key:
            self._name.setdefault(entry.name_key, []).append(entry)
            if entry.org_key:
                for word in set(entry.name_key.split()):
                    block = self._words.get((entry.org_key, word))
                    if block is None:
                        self._words[entry.org_key, word] = ([entry], [entry.sorted_key])
                    else:
                        block[0].append(entry)
                        block[1].append(entry.sorted_key)

    def match(
        self,
        name: str,
        email: str = "",
        profile_url: str = "",
        organisation: str = "",
        *,
        phone: str = "",
        other_emails: Sequence[str] = (),
        exclude_id: int | None = None,
    ) -> list[DuplicateMatch]:
        """Everyone who may be this person, strongest match first (one match per person)."""
        found: dict[_Entry, int] = {}  # entry -> rank of its strongest reason

        def hit(entries: Iterable[_Entry], rank: int) -> None:
            for entry in entries:
                if (entry.line is not None or entry.person_id != exclude_id) and found.get(
                    entry, 99
                ) > rank:
                    found[entry] = rank

        for address in (email, *other_emails):
            if (key := email_key(address)) and (entries := self._email.get(key)):
                hit(entries, _RANK[SAME_EMAIL])
        if (url := profile_url_key(profile_url)) and (entries := self._url.get(url)):
            hit(entries, _RANK[SAME_URL])
        nkey, okey = name_key(name), org_key(organisation)
        if nkey and (same_name := self._name.get(nkey)):
            hit([e for e in same_name if okey and e.org_key == okey], _RANK[SAME_NAME_ORG])
            hit([e for e in same_name if not (okey and e.org_key)], _RANK[SAME_NAME_NO_ORG])
        if nkey and okey:
            hit(self._similar(nkey, okey), _RANK[SIMILAR_AT_ORG])
        if (pkey := phone_key(phone)) and (entries := self._phone.get(pkey)):
            for entry in entries:
                similar = not nkey or not entry.name_key or _similar_names(nkey, entry.name_key)
                hit((entry,), _RANK[SAME_PHONE if similar else SAME_PHONE_OTHER_NAME])
        if not found:
            return []
        matches = [
            DuplicateMatch(entry.person_id, entry.name, rank < _RANK[SIMILAR_AT_ORG],
                           REASONS[rank], entry.organisation, entry.line, entry.source)
            for entry, rank in found.items()
        ]  # fmt: skip
        matches.sort(key=lambda m: (m.rank, m.line is not None, m.line or 0, m.person_id))
        return matches

    def _similar(self, nkey: str, okey: str) -> list[_Entry]:
        """People at this organisation who share a word of the name and whose name is close.

        Each (organisation, word) keeps its entries and their sorted keys side by side, so
        rapidfuzz scores a whole list in one call; fuzz.ratio on words sorted beforehand is
        token_sort_ratio without re-sorting every candidate.
        """
        query: str | None = None
        similar: list[_Entry] = []
        for word in set(nkey.split()):
            block = self._words.get((okey, word))
            if block is None:
                continue
            query = query or _sorted_tokens(nkey)
            entries, keys = block
            for _, _, index in process.extract(
                query, keys, scorer=fuzz.ratio, score_cutoff=SIMILAR_NAME, limit=None
            ):
                if entries[index].name_key != nkey:
                    similar.append(entries[index])
        return similar


def _sorted_tokens(key: str) -> str:
    return " ".join(sorted(key.split()))


def _similar_names(a: str, b: str) -> bool:
    return fuzz.token_sort_ratio(a, b) >= SIMILAR_NAME


class _Row(NamedTuple):
    id: int
    name: str
    email: str
    phone: str
    profile_url: str
    organisation: str


_ROWS_SQL = (
    "SELECT id, name, email, phone, profile_url, organisation FROM person"
    " WHERE deleted_at IS NULL ORDER BY id"
)


def find_duplicates(
    sessions: SessionFactory,
    name: str,
    email: str = "",
    profile_url: str = "",
    organisation: str = "",
    exclude_id: int | None = None,
    *,
    phone: str = "",
) -> list[DuplicateMatch]:
    """People on the list who may be this person (``exclude_id``: the person being edited).

    Called for every name typed in: only the rows that share a key with the query (cached
    per text) go into an index, rather than all 10,000 people.
    """
    with sessions() as session:
        db = session.connection().connection.driver_connection
        assert db is not None
        rows = db.execute(_ROWS_SQL).fetchall()
    qe, qu, qp = email_key(email), profile_url_key(profile_url), phone_key(phone)
    qn, qo = name_key(name), org_key(organisation)
    candidates = [
        _Row(*row)
        for row in rows
        if (qe and row[2] and email_key(row[2]) == qe)
        or (qu and row[4] and profile_url_key(row[4]) == qu)
        or (qp and row[3] and phone_key(row[3]) == qp)
        or (qn and (name_key(row[1]) == qn or (qo and row[5] and org_key(row[5]) == qo)))
    ]
    return DuplicateIndex(candidates).match(
        name, email, profile_url, organisation, phone=phone, exclude_id=exclude_id
    )


def describe(match: DuplicateMatch, *, here: str = "") -> str:
    """The match in a few words: "same email as Zoë Ångström", "also on line 12",
    "similar to John Smith at Acme: check" (``here``: the file being imported)."""
    where = ""
    if match.line is not None:
        same_file = match.source == here
        where = f"line {match.line}" if same_file else f"{match.source} line {match.line}"
        if match.certain:
            return f"also {'on' if same_file else 'in'} {where}"
        where = f" ({where})"
    who = match.name
    if match.reason == SIMILAR_AT_ORG:
        at = f" at {match.organisation}" if match.organisation else ""
        return f"similar to {who}{at}{where}: check"
    if match.reason == SAME_NAME_NO_ORG:
        return f"same name as {who}{where}, no organisation to compare: check"
    if match.reason == SAME_PHONE_OTHER_NAME:
        return f"same phone as {who}{where}: check"
    return f"{match.reason} as {who}"
