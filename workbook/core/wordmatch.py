"""Matching the target's words (industries, role, skills, places) in what the list says about
a person: "clean energy" in "Energy consultant at Fabrikam", "Boston" in "Boston, MA".

People have no "industry" field, only free text (organisation, title, notes, how the user
knows them), so matching works on words:

1. Text is case-folded, accents are dropped from Latin, Greek and Cyrillic letters
   ("Montréal" = "montreal"), as are Hebrew points and Arabic vowel signs; apostrophes join
   ("children's" = "childrens") and every other mark separates words; only whole words
   match ("care" is not in "healthcare").
2. Plurals are cut to their singular the simple way ("clinics" = "clinic", "companies" =
   "company"), on both sides, so the two always agree.
3. Little words ("and", "of", "the", …) never count.

Scripts written without spaces between words (Chinese, Japanese) match as whole runs only.

A phrase matches **fully** when all its words are in the text, in any order, and **partly**
when at least one *distinctive* word is: one that is not a generic word such as "technology",
"industry" or "manager" (so "healthcare technology" partly matches "the healthcare data
forum", but "senior manager" never partly matches "office manager").
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

STOP_WORDS = frozenset(
    {"a", "an", "and", "the", "of", "in", "for", "to", "at", "on", "with", "or", "by", "from",
     "as", "into", "about", "their", "my", "our"}
)  # fmt: skip
# Words too common to stand for a phrase on their own (compared after plural stripping).
GENERIC_WORDS = frozenset(
    {"technology", "tech", "industry", "sector", "field", "service", "company", "business",
     "solution", "system", "group", "general", "management", "manager", "senior", "junior",
     "lead", "head", "chief", "assistant", "associate", "specialist", "officer", "director",
     "staff", "worker", "work", "team", "global", "international", "national", "new", "job",
     "role", "position", "professional", "expert", "consultant", "consulting", "skill",
     "level", "mid", "entry", "principal", "vp", "president", "executive", "area"}
)  # fmt: skip
# Words that only say where within a place ("Greater Boston area" matches "Boston, MA").
PLACE_WORDS = frozenset(
    {"greater", "area", "region", "metro", "metropolitan", "city", "county", "district",
     "around", "near", "downtown", "centre", "center"}
)  # fmt: skip
# Not places to look for in someone's location: the target says so with open_to_remote.
NOT_PLACES = frozenset({"remote", "anywhere", "online", "hybrid", "everywhere"})
_KEEP = frozenset({"news", "series", "species", "lens", "always", "perhaps"})

_APOSTROPHES = str.maketrans("", "", "'’‘ʼ`´")
# Marks that are optional when writing: accents on Latin, Greek and Cyrillic letters (as NFKD
# splits them off), Hebrew points and Arabic vowel signs. They are dropped before matching.
_MARKS = re.compile("[\u0300-\u036f\u0591-\u05bd\u05bf-\u05c7\u0610-\u061a\u064b-\u065f\u0670]")
# Letters and digits, with the vowel signs that belong inside words in the Indic scripts,
# Thai, Lao and Myanmar (Python's \w alone would cut "प्रिया" into pieces).
_WORD = re.compile("[^\\W_][\\w\u0900-\u0dff\u0e00-\u0eff\u1000-\u109f]*")
_STEMS: dict[str, str] = {}  # word -> singular: one entry per distinct word ever seen
_NONE: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Phrase:
    """A target answer made ready for matching: the text as typed and its words."""

    label: str
    words: frozenset[str]  # all its words but the little ones
    distinctive: frozenset[str]  # those that can stand for the phrase on their own

    def full_match(self, text_words: frozenset[str]) -> bool:
        return self.words <= text_words

    def part_match(self, text_words: frozenset[str]) -> bool:
        return not self.distinctive.isdisjoint(text_words)


def phrase(label: str, generic: frozenset[str] = GENERIC_WORDS) -> Phrase | None:
    """The phrase for a target answer; None when it has no word worth matching."""
    found = words(label) - STOP_WORDS
    if not found:
        return None
    return Phrase(" ".join(label.split()), found, found - generic)


def phrases(labels: Iterable[str], generic: frozenset[str] = GENERIC_WORDS) -> tuple[Phrase, ...]:
    found = (phrase(label, generic) for label in labels)
    return tuple(p for p in found if p is not None)


def place_phrases(places: Iterable[str]) -> tuple[Phrase, ...]:
    """Places to look for in a location: the part before the first comma ("Boston, MA" ->
    Boston), with "greater", "area" and the like left out; "Remote" and the like skipped."""
    found: list[Phrase] = []
    for place in places:
        head = place.split(",", 1)[0]
        words_ = words(head) - STOP_WORDS - PLACE_WORDS
        if words_ and not words_ <= NOT_PLACES:
            found.append(Phrase(" ".join(place.split()), words_, frozenset()))
    return tuple(found)


def role_phrases(role: str) -> tuple[Phrase, ...]:
    """A role as people write it, "product analyst / data analyst", is one or more roles."""
    return phrases(re.split(r"[,;/|]|\bor\b", role))


@functools.lru_cache(maxsize=32768)
def found_words(wanted: frozenset[str], text: str) -> frozenset[str]:
    """``words_in``, cached: the same texts come back for many people."""
    return words_in(wanted, text)


def words_in(wanted: frozenset[str], text: str) -> frozenset[str]:
    """Which of the ``wanted`` words (as ``split_words`` gives them) are in ``text``.

    Most texts have none of them (the ranking asks this of every text about every person),
    and splitting a text into words is the slow part: a plain-ASCII text is split only when
    some wanted word, less its last letter, is in it at all. Every word ``split_words``
    finds is in the folded text, less the last letter that a plural may change ("company"
    from "companies"), so nothing is missed. Empty answers share one object.
    """
    if not text:
        return _NONE
    if text.isascii():
        folded = text.translate(_APOSTROPHES).lower()  # as split_words folds it
        if not any(word[:-1] in folded for word in wanted):
            return _NONE
    return wanted & split_words(text) or _NONE


@functools.lru_cache(maxsize=4096)
def words(text: str) -> frozenset[str]:
    """The words of a text, folded and singular (see the module docstring); cached."""
    return split_words(text)


def split_words(text: str) -> frozenset[str]:
    """The words of a text, folded and singular (see the module docstring)."""
    if not text:
        return _NONE
    text = text.translate(_APOSTROPHES).casefold()
    if not text.isascii():  # optional marks off, the others put back on their letters
        text = unicodedata.normalize("NFC", _MARKS.sub("", unicodedata.normalize("NFKD", text)))
    stems = _STEMS
    found = set()
    for word in _WORD.findall(text):
        stem = stems.get(word)
        if stem is None:
            stem = stems[word] = _singular(word)
        found.add(stem)
    return frozenset(found)


def _singular(word: str) -> str:
    if word in _KEEP or len(word) <= 3:
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "ches", "shes", "xes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word
