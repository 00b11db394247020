"""Request drafts, the request checker (hand-written good and bad requests) and mailto: links."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workbook.core import document
from workbook.core.meetings import MeetingView, list_meetings
from workbook.core.models import Strength
from workbook.core.outreach import (
    MAX_WORDS,
    check_request,
    count_words,
    draft_request,
    greeting_name,
    length_note,
    mailto_url,
)
from workbook.core.request_check import me_and_you
from workbook.core.sample import build_sample
from workbook.core.target import get_target

CODES = {"empty", "job", "long", "about_me", "no_question"}

GOOD: dict[str, str] = {
    "plain": "Hi Ana,\n\nI often think back to our time at Globex. I'm exploring product "
    "analytics in healthcare and would value your perspective. Could you spare 20 minutes to "
    "share your advice? Would a coffee next week suit you?",
    "says no job": "Hi Tom,\n\nTo be clear, I'm not asking for a job — just your perspective. "
    "You know the clean energy scene in Boston better than anyone. Could you spare 15 minutes "
    "for your advice? Would a call on Thursday suit you?",
    "feedback on a résumé": "Hi Priya,\n\nYou always give honest feedback. Could you spend 20 "
    "minutes looking at my résumé with me and telling me how it reads to you? Would Saturday "
    "morning work for you?",
    "how hiring works": "Dear Mr. Haddad,\n\nWe met at the Boston Data Meetup. I'm curious how "
    "hiring works in your field and what the local job market looks like from where you sit. "
    "Would you share 15 minutes of your experience? Is there a time that suits you?",
    "about your job": "Hi Zoë,\n\nIt's been a while since Cobalt Software! I'd love to hear "
    "what you enjoy most about your job these days, and what you would do in my place. Could "
    "you spare 20 minutes next week?",
    "sign-off after the question": "Hi Sam,\n\nThank you for all your help with the garden "
    "committee. I'm looking into data work in clean energy, and you know that world well. "
    "Would you have 20 minutes for a call next week?\n\nThanks so much,\nJo",
    "in a position to": "Dear Dr. Park,\n\nYou kindly asked about my search at the clinic. "
    "If you're ever in a position to share what you've learned about health data, I'd be "
    "grateful. Would 15 minutes on the phone suit you?",
    "opening an office": "Hi Lucía,\n\nCongratulations on opening the new office in Cambridge! "
    "Your view of how the field is changing would help me a lot. Could we have a coffee for "
    "20 minutes, whenever suits you?",
    "Chinese": "王芳您好，我们的孩子在同一个足球队。我正在了解医疗科技领域的数据分析工作，"
    "想请教您二十分钟，听听您的建议。请问下周您方便喝杯咖啡吗？",
    "Arabic": "مرحبا محمد، ما زلت أفتقد أحاديثنا في الحي. هل لديك عشرون دقيقة لتشاركني نصيحتك؟",
    "Cyrillic with an email": "Привет, Олег! We worked together at Globex. Your advice would "
    "mean a lot: could you spare 20 minutes? My address is oleg.fan+work@example.org, or "
    "would a call suit you?",
}

BAD: dict[str, tuple[str, set[str]]] = {
    "openings": (
        "Hi Ana,\n\nDo you know of any openings at your company? I'd love 20 minutes of your "
        "advice. Could we meet next week?",
        {"job"},
    ),
    "hiring": (
        "Hi Tom,\n\nIs your team hiring at the moment? You know the field well, and your advice "
        "would help. Could we talk for 20 minutes?",
        {"job"},
    ),
    "pass on a résumé": (
        "Hi Priya,\n\nCould you pass my résumé on to your manager? You know the team well. Would "
        "a quick call work for you?",
        {"job"},
    ),
    "attached CV": (
        "Dear Jo,\n\nI've attached my CV in case anything comes up. Would you have 20 minutes "
        "for a call?",
        {"job"},
    ),
    "not a job, but hiring": (
        "Hi Mo,\n\nI'm not asking for a job, but are you hiring? Your team does great work. "
        "Would 20 minutes suit you?",
        {"job"},
    ),
    "open positions, non-ASCII": (
        "Hi Zoë,\n\nAre there any open positions at Ångström & Co? 你好! Could you spare 20 "
        "minutes for your advice?",
        {"job"},
    ),
    "long": (
        "Hi Ana,\n\nI hope you and the family are well and that the move went smoothly. I often "
        "think back to our time at Globex, the Friday lunches, and the quarterly report we "
        "rescued together at midnight. These days I'm exploring product analytics in "
        "healthcare technology around Boston and reading everything I can about how the field "
        "is changing. You know this world from the inside, and your view would mean a great "
        "deal to me. Could you spare 20 minutes for your advice, perhaps over coffee next week?",
        {"long"},
    ),
    "no question": (
        "Hi Ana,\n\nIt was great to see you at the food bank. I'd value 20 minutes of your advice "
        "about analytics work. Let me know when suits you.",
        {"no_question"},
    ),
    "question buried": (
        "Hi Ana, could we meet for 20 minutes? I have been thinking about analytics work for a "
        "long time and there is so much to learn about the field and the people in it, so your "
        "advice would be welcome.",
        {"no_question"},
    ),
    "about me": (
        "Hi Ben,\n\nI'm a data analyst with eight years of experience and I've led my team's "
        "reporting. I'm now exploring my next step and I'd like to learn more. Could we talk?",
        {"about_me"},
    ),
    "everything wrong": (
        "I am looking for a job in marketing. I have ten years of experience and my skills "
        "are strong. Please forward my CV to HR. I'd appreciate it.",
        {"job", "about_me", "no_question"},
    ),
    "empty": (" \n\t ", {"empty"}),
    "long Chinese": (
        "我" + "正在了解医疗科技领域的数据分析工作，" * 9 + "谢谢。",
        {"long", "no_question"},
    ),
}


@pytest.mark.parametrize("name", list(GOOD))
def test_good_requests_raise_no_flag(name: str) -> None:
    assert check_request(GOOD[name]) == ()


@pytest.mark.parametrize("name", list(BAD))
def test_bad_requests_raise_exactly_their_flags(name: str) -> None:
    text, expected = BAD[name]
    flags = check_request(text)
    assert {flag.code for flag in flags} == expected
    for flag in flags:
        assert 0 <= flag.start <= flag.end <= len(text)
        assert flag.message and len(flag.message) < 160


def highlighted(text: str, code: str) -> list[str]:
    return [text[f.start : f.end] for f in check_request(text) if f.code == code]


def test_job_flags_point_at_the_ask() -> None:
    assert highlighted(BAD["openings"][0], "job") == ["openings"]
    assert highlighted(BAD["hiring"][0], "job") == ["Is your team hiring at the moment"]
    assert highlighted(BAD["pass on a résumé"][0], "job") == ["pass my résumé on"]
    assert highlighted(BAD["not a job, but hiring"][0], "job") == ["are you hiring"]
    assert highlighted(BAD["everything wrong"][0], "job") == ["a job", "forward my CV to HR"]
    assert highlighted(BAD["open positions, non-ASCII"][0], "job") == ["any open positions"]


def test_long_flag_says_the_count_and_marks_the_overflow() -> None:
    text = BAD["long"][0]
    (flag,) = check_request(text)
    assert f"{count_words(text)} words" in flag.message
    assert count_words(text[: flag.start]) == MAX_WORDS
    assert text[flag.start : flag.end].endswith("next week?")


def test_about_me_marks_the_most_self_centred_sentence() -> None:
    text = BAD["about me"][0]
    (span,) = highlighted(text, "about_me")
    assert span.startswith("I'm a data analyst")
    assert "6 × I/me/my, 0 × you/your" in check_request(text)[0].message


def test_no_question_marks_the_last_sentence() -> None:
    assert highlighted(BAD["no question"][0], "no_question") == ["Let me know when suits you."]
    assert highlighted("Hi Ana; let me know.", "no_question") == ["Hi Ana; let me know."]
    assert check_request("Γεια σου Νίκο! Θα είχες είκοσι λεπτά για έναν καφέ\u037e") == ()


def test_word_counts_in_any_script() -> None:
    assert count_words("") == 0
    assert count_words("Hi Zoë, how's Anne-Marie?") == 4
    assert count_words("Write to ana+jobs@example.org or https://example.org/a?b=c now") == 6
    assert count_words("प्रिया शर्मा") == 2  # vowel signs stay inside their word
    assert count_words("李小龙") == 2  # two characters a word, rounded up
    assert count_words("我们在数据训练营一起学习过。") == 7
    assert count_words("สวัสดีครับ") == 3  # Thai: about four letters a word
    assert count_words("Привет, Олег! مرحبا محمد") == 4
    assert length_note(48) == "48 words — good length"
    assert length_note(1) == "1 word — short and sweet"
    assert length_note(90) == "90 words — aim for 75 or fewer"


def test_me_and_you_counts() -> None:
    assert me_and_you("I'm sure you’re right: my view, your call, me and you.") == (3, 3)


# ---------------------------------------------------------------- drafts


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[MeetingView], str | None]:
    path = tmp_path_factory.mktemp("outreach") / "sample.workbook"
    build_sample(path, people=60, seed=11, today=date(2025, 3, 12))
    with document.open_document(path) as doc:
        return list_meetings(doc.sessions), get_target(doc.sessions).ask


STRENGTHS = [s.value for s in Strength]


def test_drafts_for_the_sample_pass_the_checker(
    sample: tuple[list[MeetingView], str | None],
) -> None:
    meetings, ask = sample
    assert ask and count_words(ask) > 30  # a realistic, long ask
    for meeting in meetings:
        for strength in STRENGTHS:
            for the_ask in (ask, None):
                for my_name in ("Sam Rivera", ""):
                    view = replace(meeting, person_strength=strength)
                    draft = draft_request(view, the_ask, my_name=my_name)
                    body = draft.body
                    assert check_request(body) == (), body
                    assert count_words(body) <= MAX_WORDS
                    me, you = me_and_you(body)
                    assert you >= me, body  # about them at least as much as about you
                    assert draft.subject and "\n" not in draft.subject
                    assert body.endswith(f"Best wishes,\n{my_name}" if my_name else "?")
                    assert "20 minutes" in body
                    if the_ask:
                        assert the_ask in body


def test_draft_greets_by_a_sensible_name(sample: tuple[list[MeetingView], str | None]) -> None:
    meetings, ask = sample
    by_name = {m.person_name: m for m in meetings}
    greetings = {
        name: draft_request(replace(by_name[name], person_strength="100"), ask).body.split("\n")[0]
        for name in ("Smith & Sons <NYSE>", "李小龙", "Олег Петров", "Zoë Ångström")
        if name in by_name
    }
    assert greetings.get("Smith & Sons <NYSE>", "Hello,") == "Hello,"
    assert greetings.get("李小龙", "Hi 李小龙,") == "Hi 李小龙,"
    assert greetings.get("Олег Петров", "Hi Олег,") == "Hi Олег,"
    assert greetings.get("Zoë Ångström", "Hi Zoë,") == "Hi Zoë,"


@pytest.mark.parametrize(
    ("name", "informal", "formal"),
    [
        ("Seán O'Brien", "Seán", "Seán"),
        ("李小龙", "李小龙", "李小龙"),
        ("佐藤 花子", "佐藤 花子", "佐藤 花子"),
        ("김민준", "김민준", "김민준"),
        ("Олег Петров", "Олег", "Олег"),
        ("محمد الأحمد", "محمد", "محمد"),
        ("प्रिया शर्मा", "प्रिया", "प्रिया"),
        ("Smith & Sons <NYSE>", "", ""),
        ("ana@example.com", "", ""),
        ("Mike from the gym", "Mike", "Mike"),
        ("Maya (Leo's mum)", "Maya", "Maya"),
        ("Tom the mechanic", "Tom", "Tom"),
        ("Aunt Rosa", "Aunt Rosa", "Aunt Rosa"),
        ("Dr. Susan Park", "Susan", "Dr. Park"),
        ("Mr. John Smith Jr.", "John", "Mr. Smith"),
        ("Park, Susan", "Susan", "Susan"),
        ("Susan Park, PhD", "Susan", "Susan"),
        ("Nguyễn Thị Mai", "Mai", "Mai"),
        ("Anne-Marie Leclerc", "Anne-Marie", "Anne-Marie"),
        ("J. Smith", "J. Smith", "J. Smith"),
        ("JOHN SMITH", "John", "John"),
        ("Dr.", "", ""),
        ("   ", "", ""),
    ],
)
def test_greeting_name(name: str, informal: str, formal: str) -> None:
    assert greeting_name(name) == informal
    assert greeting_name(name, formal=True) == formal


def test_draft_by_strength_and_duration(sample: tuple[list[MeetingView], str | None]) -> None:
    meetings, ask = sample
    base = replace(meetings[0], person_name="Dr. Susan Park", channel="phone")
    acquaintance = draft_request(replace(base, person_strength="10", duration_minutes=15), ask)
    assert acquaintance.body.startswith("Dear Dr. Park,")
    assert "15 minutes" in acquaintance.body and "on the phone" in acquaintance.body
    lost = draft_request(replace(base, person_strength="lost", duration_minutes=45), ask)
    first = lost.body.split("\n\n")[1]
    assert first.startswith("It's been far too long") and "My news: " in first
    assert first.index("My news") < first.index(ask or "")  # hello and news before the ask
    assert "20 minutes" in lost.body  # 45 is more than a request should ask for
    assert lost.subject == "Hello again, and some news"
    missing = draft_request(replace(base, person_strength="1000"), None)
    assert "fresh look at my next step" in missing.body
    assert check_request(missing.body) == ()


def test_draft_uses_a_shared_memory_from_how_we_know(
    sample: tuple[list[MeetingView], str | None],
) -> None:
    view = replace(
        sample[0][0],
        person_circle="other",
        person_circle_detail="",
        person_strength="100",
        person_how_we_know="Met on a long train ride to Montréal.",
    )
    assert "We met on a long train ride to Montréal." in draft_request(view, "I'm curious.").body
    private = replace(view, person_how_we_know="Not sure where to file them; my old boss.")
    assert "I hope you're well." in draft_request(private, "I'm curious.").body


# ---------------------------------------------------------------- mailto:


def decode(url: str) -> tuple[str, dict[str, list[str]]]:
    parts = urlsplit(url)
    assert parts.scheme == "mailto"
    return unquote(parts.path), parse_qs(parts.query, keep_blank_values=True)


def test_mailto_round_trip() -> None:
    body = "Hi Zoë,\n\nCould we meet? 20 minutes & a coffee — 100% on me.\r\nBest, 李"
    url = mailto_url("ana+jobs&more@exämple.org", "Your advice? (15–20 min)", body)
    assert " " not in url and "+" not in url and "\n" not in url
    assert "%20" in url and "%0D%0A" in url and "ana%2Bjobs%26more@ex%C3%A4mple.org?" in url
    to, query = decode(url)
    assert to == "ana+jobs&more@exämple.org"
    assert query == {
        "subject": ["Your advice? (15–20 min)"],
        "body": [body.replace("\r\n", "\n").replace("\n", "\r\n")],
    }


def test_mailto_without_an_address_or_subject() -> None:
    assert mailto_url("", "", "Hi") == "mailto:?body=Hi"
    assert mailto_url("", "", "") == "mailto:"
    assert decode(mailto_url("", "Line one\nline two", ""))[1] == {"subject": ["Line one line two"]}


@settings(max_examples=300, deadline=None)
@given(st.text(), st.text(), st.text())
def test_mailto_always_decodes_back(to: str, subject: str, body: str) -> None:
    url = mailto_url(to, subject, body)
    assert url.isascii() and " " not in url and "+" not in url
    address, query = decode(url)
    assert address == to.strip()
    lines = body.replace("\r\n", "\n").replace("\r", "\n")
    one_line = subject.replace("\r\n", "\n").replace("\r", "\n").replace("\n", " ")
    assert query.get("body", [""]) == [lines.replace("\n", "\r\n")]
    assert query.get("subject", [""]) == [one_line]


@settings(max_examples=400, deadline=None)
@given(st.text())
def test_checker_never_raises_and_spans_stay_inside(text: str) -> None:
    for flag in check_request(text):
        assert flag.code in CODES
        assert 0 <= flag.start <= flag.end <= len(text)
    assert count_words(text) >= 0


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["I", "my", "you", "job", "résumé", "?", "not", "李", " ", "\n"])))
def test_checker_on_request_like_words(parts: list[str]) -> None:
    text = " ".join(parts)
    codes = [flag.code for flag in check_request(text)]
    assert set(codes) <= CODES
    assert ("empty" in codes) == (not text.strip())
