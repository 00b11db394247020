"""Meeting requests: a draft composed from the person and the ask, and mailto: links.

A good request (METHOD.md, step 4) is short (75 words or fewer), says how you know the person,
asks for 15–20 minutes of their advice — never for a job, openings or to pass a résumé on —
is about them at least as much as about you, and ends with a question. ``draft_request``
writes one, warmer for someone you lost touch with (hello and news first); the checker in
``request_check`` (re-exported here) flags what a hand-edited one lacks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import quote

from workbook.core.meetings import MeetingView
from workbook.core.models import Channel, Circle, Strength
from workbook.core.request_check import (
    MAX_WORDS,
    RequestFlag,
    check_request,
    count_words,
    length_note,
    me_and_you,
)

SHORT_MINUTES = (15, 20)  # what a request may ask for; anything else asks for 20
NO_ASK = "I'm taking a fresh look at my next step."  # when the target has no ask yet


@dataclass(frozen=True)
class RequestDraft:
    """A request ready to edit: its subject line and its message."""

    subject: str
    body: str


# -- the draft -------------------------------------------------------------------------------

# Circle -> (how we know each other, with "{place}" / without a detail). Said warmly, to them.
_HOW: dict[str, tuple[str, str]] = {
    Circle.FAMILY: ("", "I hope you and the family are well."),
    Circle.FRIENDS: ("", "I hope life is treating you well."),
    Circle.NEIGHBOURS: ("", "I still miss our chats as neighbours."),
    Circle.WORK: (
        "I often think back to working with you at {place}.",
        "I often think back to working with you.",
    ),
    Circle.SCHOOL: (
        "I often think back to our days at {place}.",
        "I often think back to our school days.",
    ),
    Circle.SERVICES: ("", "Thank you for all your help over the years."),
    Circle.COMMUNITY: ("It's always good to see you at {place}.", "It's always good to see you."),
    Circle.PARENTS: (
        "It's always nice to chat with you at {place}.",
        "It's always nice to chat with you while the kids play.",
    ),
    Circle.ONLINE: ("I always enjoy your posts in {place}.", "I always enjoy your posts online."),
    Circle.EVENTS: ("It was a pleasure meeting you at {place}.", "It was a pleasure meeting you."),
}
# Lost touch: "It's been far too long since …": with "{place}" / without.
_SINCE: dict[str, tuple[str, str]] = {
    Circle.FAMILY: ("", "since we caught up"),
    Circle.FRIENDS: ("", "since we last talked"),
    Circle.NEIGHBOURS: ("", "since we were neighbours"),
    Circle.WORK: ("since our days at {place}", "since we worked together"),
    Circle.SCHOOL: ("since our days at {place}", "since our school days"),
    Circle.COMMUNITY: ("since we last met at {place}", "since we last met"),
    Circle.PARENTS: ("since our chats at {place}", "since our chats at the school gate"),
    Circle.ONLINE: ("since we last talked in {place}", "since we last talked online"),
    Circle.EVENTS: ("since we met at {place}", "since we met"),
}
_HOW_ARE_YOU: dict[str, str] = {
    Circle.FAMILY: "you and the family",
    Circle.PARENTS: "you and the kids",
}
_THE_PLACE: frozenset[str] = frozenset({Circle.COMMUNITY, Circle.ONLINE, Circle.EVENTS})
_ARTICLES = re.compile(r"(?:the|a|an|our|my|their|your)\s", re.I)
# Channel -> (a noun phrase, how we would meet).
_CHANNELS: dict[str, tuple[str, str]] = {
    Channel.COFFEE: ("a coffee", "over coffee"),
    Channel.PHONE: ("a short phone call", "on the phone"),
    Channel.VIDEO: ("a short video call", "on a video call"),
    Channel.OFFICE: ("a short visit to your office", "at your office"),
}
_SHARED_MEMORY = re.compile(r"\b(?:we|us|our)\b", re.I)
_OUR_VERBS = re.compile(r"(?:met|worked|studied|sang|played|volunteered|trained|lived)\b", re.I)


def draft_request(view: MeetingView, ask: str | None, *, my_name: str = "") -> RequestDraft:
    """A short request for ``view``'s person, shaped by how well the user knows them."""
    strength = view.person_strength
    minutes = (
        view.duration_minutes
        if SHORT_MINUTES[0] <= view.duration_minutes <= SHORT_MINUTES[1]
        else 20
    )
    noun, over = _CHANNELS.get(view.channel, ("a short call", "on a call"))
    name = greeting_name(view.person_name, formal=strength == Strength.TEN)
    hello = ("Dear " if strength == Strength.TEN else "Hi ") + name if name else "Hello"
    sign_off = f"\n\nBest wishes,\n{my_name.strip()}" if my_name.strip() else ""
    ask_sentence = _sentence(ask or "") or NO_ASK
    lost = strength == Strength.LOST_TOUCH
    if lost:
        news = f"My news: {ask_sentence}"
        closing = (
            f"I'd love to hear your news and your advice: could you spare {minutes} minutes "
            f"{over} soon?"
        )
        extras = [""]
    else:
        news = ask_sentence
        closing = _closing(strength, minutes, noun, over)
        org = " ".join(view.person_organisation.split())
        inside = org if org and len(org) <= 40 else "your field"
        extras = [f" You know {inside} from the inside, and your view would mean a lot.", ""]
    # The richest version that keeps to the limit: drop the extra line, then the detail.
    candidates = [
        f"{hello},\n\n{how} {news}{extra}\n\n{closing}{sign_off}"
        for level in (0, 1, 2)
        for how in [_since(view, level) if lost else _how(view, level)]
        for extra in extras
    ]
    body = next((c for c in candidates if count_words(c) <= MAX_WORDS), candidates[-1])
    return RequestDraft(_subject(strength, minutes, my_name.strip()), body)


def _closing(strength: str, minutes: int, noun: str, over: str) -> str:
    if strength == Strength.THOUSAND:
        return (
            f"Could you spare {minutes} minutes for your honest advice? "
            f"Would {noun} this week or next suit you?"
        )
    if strength == Strength.HUNDRED:
        return (
            f"Could you spare {minutes} minutes to share your advice? "
            f"Would {noun} in the next two weeks suit you?"
        )
    return (
        f"Would you be open to sharing {minutes} minutes of your advice {over}, "
        "whenever it suits you?"
    )


def _subject(strength: str, minutes: int, my_name: str) -> str:
    if strength == Strength.LOST_TOUCH:
        return f"Hello again from {my_name}" if my_name else "Hello again, and some news"
    if strength == Strength.TEN:
        return f"{minutes} minutes of your advice?"
    return "Could I ask your advice?"


def _how(view: MeetingView, level: int) -> str:
    """How you know them: with the circle's detail (0), without (1), or briefly (2)."""
    with_place, plain = _HOW.get(view.person_circle, ("", ""))
    place = _place(view) if level == 0 else ""
    if with_place and place:
        return with_place.format(place=place)
    if plain and level < 2:
        return plain
    return _own_words(view.person_how_we_know) or "I hope you're well."


def _since(view: MeetingView, level: int) -> str:
    """Lost touch: hello first, then how you know them (as for ``_how``)."""
    with_place, plain = _SINCE.get(view.person_circle, ("", "since we last talked"))
    place = _place(view) if level == 0 else ""
    since = with_place.format(place=place) if with_place and place else plain
    whom = _HOW_ARE_YOU.get(view.person_circle, "you")
    if level == 2:
        return f"It's been far too long — how are {whom}?"
    return f"It's been far too long {since} — how are {whom}?"


def _place(view: MeetingView) -> str:
    """The circle detail as a place to name ("Globex, 2016–2019" -> "Globex")."""
    place = " ".join(view.person_circle_detail.split(",")[0].split()).rstrip(".")
    if not place or len(place.split()) > 6:
        return ""
    owned = "'s " in place + " " or "’s " in place + " "
    if view.person_circle in _THE_PLACE and not _ARTICLES.match(place + " ") and not owned:
        place = "the " + place
    return place


def _own_words(note: str) -> str:
    """``how_we_know`` when it reads as a memory you share ("We met at …"), else ""."""
    note = " ".join(note.split())
    if not note or len(note.split()) > 14 or me_and_you(note)[0]:
        return ""
    if _OUR_VERBS.match(note):
        note = "We " + note[0].lower() + note[1:]
    if not _SHARED_MEMORY.search(note):
        return ""
    return _sentence(note)


def _sentence(text: str) -> str:
    text = " ".join(text.split())
    if not text:
        return ""
    return text if text[-1] in ".!?…。！？" else text + "."


# -- whom to greet -----------------------------------------------------------------------------

_ORGANISATION = re.compile(
    r"[&<>@/\\|\d]|\b(?:inc|ltd|llc|gmbh|corp|co|company|sons|group|partners|associates|plc|"
    r"limited|holdings|team|agency|studio|clinic|services|office|department)\b\.?",
    re.I,
)
_ASIDE = re.compile(r"\s*[(\[{\"“].*?[)\]}\"”]|\s+(?:from|at|the|of|in|via|aka)\s.*$", re.I)
_CJK_NAME = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af]")
_TITLES = frozenset(
    {
        "dr",
        "doctor",
        "prof",
        "professor",
        "mr",
        "mrs",
        "ms",
        "miss",
        "mx",
        "sir",
        "dame",
        "rev",
        "reverend",
        "fr",
        "father",
        "sr",
        "sra",
        "herr",
        "frau",
        "mme",
        "mlle",
        "m",
    }
)
_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv", "phd", "md", "esq", "mba", "cpa"})
_KIN = frozenset(
    {
        "aunt",
        "auntie",
        "aunty",
        "uncle",
        "grandma",
        "grandpa",
        "granny",
        "grandad",
        "nana",
        "cousin",
    }
)
_VIETNAMESE = frozenset(
    {
        "nguyễn",
        "trần",
        "lê",
        "phạm",
        "hoàng",
        "huỳnh",
        "phan",
        "vũ",
        "võ",
        "đặng",
        "bùi",
        "đỗ",
        "hồ",
        "ngô",
        "dương",
        "lý",
    }
)


def greeting_name(name: str, *, formal: bool = False) -> str:
    """The name to greet someone by, or "" when the entry is not a person's name.

    The given name ("Seán O'Brien" -> "Seán", "Maya (Leo's mum)" -> "Maya"); the whole name
    for Chinese, Japanese and Korean names ("李小龙"); kin kept ("Aunt Rosa"); a title with the
    family name when ``formal`` ("Dr. Susan Park" -> "Dr. Park"); "" for organisations and
    addresses ("Smith & Sons <NYSE>").
    """
    text = " ".join(name.split())
    if not text or _ORGANISATION.search(text):
        return ""
    text = _ASIDE.sub("", text).strip(" ,;:-–—")
    if "," in text:  # "Park, Susan"
        family, _, given = text.partition(",")
        if given.strip().lower().replace(".", "") in _SUFFIXES:
            given = ""
        text = f"{given.strip()} {family.strip()}".strip()
    if not text:
        return ""
    if _CJK_NAME.search(text):
        return text
    parts = [part.strip(",") for part in text.split()]
    if parts[0].lower() in _KIN and len(parts) > 1:
        return " ".join(parts[:2])
    titles: list[str] = []
    while parts and parts[0].lower().rstrip(".") in _TITLES:
        titles.append(parts.pop(0))
    while len(parts) > 1 and parts[-1].lower().replace(".", "") in _SUFFIXES:
        parts.pop()
    if not parts:
        return ""
    if titles and (formal or len(parts) == 1):
        return f"{titles[0]} {_tidy(parts[-1])}"
    if len(parts) > 1 and parts[0].lower() in _VIETNAMESE:
        return _tidy(parts[-1])
    first = parts[0].rstrip(".,")
    if len(first) <= 1 or (len(first) <= 3 and parts[0].endswith(".")):  # an initial
        return " ".join(_tidy(part) for part in parts)
    return _tidy(first)


def _tidy(word: str) -> str:
    return word.capitalize() if word.isupper() and len(word) > 1 else word


# -- mailto: ---------------------------------------------------------------------------------

_UNRESERVED = "-._~"


def mailto_url(to: str, subject: str, body: str) -> str:
    """A ``mailto:`` URL (RFC 6068): every other character percent-encoded as UTF-8, spaces
    as %20 (never "+"), line breaks as %0D%0A; line breaks in the subject become spaces."""
    address = quote(to.strip(), safe="@," + _UNRESERVED, errors="replace")
    lines = body.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    parts = []
    one_line = " ".join(subject.replace("\r\n", "\n").replace("\r", "\n").split("\n"))
    if one_line:
        parts.append("subject=" + quote(one_line, safe=_UNRESERVED, errors="replace"))
    if body:
        encoded = [quote(line, safe=_UNRESERVED, errors="replace") for line in lines]
        parts.append("body=" + "%0D%0A".join(encoded))
    return "mailto:" + address + ("?" + "&".join(parts) if parts else "")


__all__ = [
    "MAX_WORDS", "RequestDraft", "RequestFlag", "check_request", "count_words", "draft_request",
    "greeting_name", "length_note", "mailto_url",
]  # fmt: skip
