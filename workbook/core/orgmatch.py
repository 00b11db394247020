"""Matching organisation names as people write them: "Acme, Inc." = "ACME Inc" = "acme".

``organisation_key`` turns a name into a comparison key; two names match when their keys are
equal and not empty. The rules, in order:

1. Unicode compatibility form (NFKD): full-width letters and ligatures become plain ones.
2. Accents are dropped from Latin, Greek and Cyrillic letters ("Société" = "Societe"); marks
   in other scripts (Devanagari vowel signs, Hangul, Arabic, …) are kept, since there they
   change the word.
3. Case is folded ("Straße" = "STRASSE").
4. "&" reads as "and" ("Smith & Sons" = "Smith and Sons", but not "Smith Sons").
5. Apostrophes and dots join what they separate ("Children’s" = "Childrens", "S.A." = "SA");
   every other punctuation mark or symbol separates words ("Coca-Cola" = "Coca Cola").
6. A leading "the" and trailing legal forms (inc, llc, ltd, gmbh, corp, co, plc, sa, ag, bv, …)
   are dropped, as is an "and" left dangling by them ("Smith & Co." = "Smith"), but never
   the first word ("Co." stays "co").

Words stay apart: "Smith Sons" and "Smithsons" differ. A name with no letters or digits at all
has the empty key and matches nothing.
"""

from __future__ import annotations

import unicodedata

LEGAL_FORMS = frozenset(
    {
        "ab", "ag", "as", "asa", "bhd", "bv", "co", "company", "corp", "corporation", "gmbh",
        "inc", "incorporated", "kg", "kk", "llc", "llp", "lp", "ltd", "limited", "mbh", "nv",
        "oy", "oyj", "pc", "plc", "pllc", "pte", "pty", "sa", "sarl", "sas", "se", "spa",
        "srl", "ug",
    }
)  # fmt: skip
_JOINERS = frozenset("'’‘ʼ`´.")
# Scripts whose accents are decoration for matching purposes (Latin, Greek, Cyrillic).
_ACCENT_SCRIPTS = ((0x0041, 0x024F), (0x1E00, 0x1EFF), (0x0370, 0x03FF), (0x1F00, 0x1FFF),
                   (0x0400, 0x052F))  # fmt: skip


def organisation_key(name: str) -> str:
    """The comparison key of an organisation name (see the module docstring for the rules)."""
    text = _strip_accents(unicodedata.normalize("NFKD", name)).casefold()
    pieces: list[str] = []
    for char in text:
        if char == "&":
            pieces.append(" and ")
        elif char in _JOINERS:
            continue
        elif char.isalnum() or unicodedata.category(char).startswith("M"):
            pieces.append(char)
        else:
            pieces.append(" ")
    words = unicodedata.normalize("NFC", "".join(pieces)).split()
    if len(words) > 1 and words[0] == "the":
        words.pop(0)
    while len(words) > 1 and (words[-1] in LEGAL_FORMS or words[-1] == "and"):
        words.pop()
    return " ".join(words)


def same_organisation(a: str, b: str) -> bool:
    key = organisation_key(a)
    return bool(key) and key == organisation_key(b)


def _strip_accents(text: str) -> str:
    kept: list[str] = []
    base_has_accents = False
    for char in text:
        if unicodedata.combining(char):
            if base_has_accents:
                continue
        else:
            code = ord(char)
            base_has_accents = any(low <= code <= high for low, high in _ACCENT_SCRIPTS)
        kept.append(char)
    return "".join(kept)
