"""The sample's meetings in every state, and what follows them: questions, notes,
referrals, follow-ups and give-backs."""

from __future__ import annotations

import uuid
from datetime import date, datetime, timedelta

from workbook.core import sample_data as data
from workbook.core.models import (
    Circle,
    GiveBack,
    GiveBackDirection,
    Interaction,
    Meeting,
    MeetingQuestion,
    MeetingStatus,
    PersonAdvice,
    Referral,
    ReferralKind,
    Strength,
    TargetOrganisation,
    TiaraNote,
)
from workbook.core.models import InteractionKind as Kind
from workbook.core.sample_rows import (
    _S,
    HELD,
    LETTERS,
    LOST,
    MEETING_CHANNELS,
    MEETING_UID_NAMESPACE,
    REQUEST_CHANNELS,
    TIMEZONE,
    Row,
    RowBuilder,
    _add_business_days,
)


class MeetingRows(RowBuilder):
    """Adds a meeting with its history for a person, and the contacts around it."""

    def meeting(self, status: MeetingStatus, person: Row) -> None:
        rng = self.rng
        n = self.nth(status.value)
        channel = MEETING_CHANNELS.pick(rng)
        row = self.add(
            Meeting,
            person_id=person["id"],
            status=status.value,
            uid=str(
                uuid.uuid5(
                    MEETING_UID_NAMESPACE, f"sample/{self.seed}/{len(self.rows[Meeting]) + 1}"
                )
            ),
            timezone=TIMEZONE,
            duration_minutes=20,
            channel=channel,
            place=rng.choice(data.MEETING_PLACES[channel]),
        )
        met_on = when = self.today
        if status in HELD:  # yesterday for the first "met", so its thank-you is due today
            met_on = self.days_ago(
                *{_S.MET: (1, 1) if n == 0 else (2, 3), _S.THANKED: (5, 12)}.get(status, (14, 60))
            )
            row["scheduled_at"] = self.at(met_on, rng.randint(8, 16), rng.choice((0, 30)))
        elif status is _S.SCHEDULED:  # today, this week, next week, then the coming month
            offset = (0, 2, 6)[n] if n < 3 else rng.randint(1, 28)
            when = self.today + timedelta(days=offset)
            while n and when.weekday() >= 5:
                when += timedelta(days=1)
            hour, minute = (16, 0) if n == 0 else (rng.randint(8, 17), rng.choice((0, 30)))
            row["scheduled_at"] = self.at(when, hour, minute)
        elif status is _S.POSTPONED:
            row["scheduled_at"] = self.at(self.today - timedelta(days=2), 11)
            row["sequence"] = 1
            row["agenda_notes"] = "They had to move it: offer two new times."
        if status is _S.IDEA:
            lost = person["strength"] == LOST
            row["agenda_notes"] = data.RECONNECT if lost else rng.choice(data.IDEA_NOTES)
            created = self.at(self.days_ago(1, 10), 20)
        else:
            asked = self.request(row, person, status, n, met_on)
            created = self.at(asked - timedelta(days=1), 21)
        row["created_at"] = row["updated_at"] = created
        if status in HELD:
            self.held(row, person, status, met_on)
        elif status is _S.SCHEDULED:
            self.choose_questions(row, person)

    def request(self, row: Row, person: Row, status: MeetingStatus, n: int, met_on: date) -> date:
        """The request and what followed (answer, nudges by another channel); returns its day."""
        rng = self.rng
        first = person["name"].split()[0] if " " in person["name"] else person["name"]
        how = data.REQUEST_HOW[person["circle"]].format(place=person["circle_detail"].split(",")[0])
        row["request_text"] = rng.choice(data.REQUESTS).format(first=first, how=how)
        spans = {_S.NO_ANSWER: (12, 16), _S.DECLINED: (10, 20), _S.POSTPONED: (10, 15)}
        asked = self.days_ago(*spans.get(status, (5, 10)))
        if status is _S.REQUESTED:  # alternately: the nudge is due today, or in a few days
            asked = _add_business_days(self.today, -3) if n % 2 == 0 else self.days_ago(1, 1)
        elif status in HELD:
            asked = met_on - timedelta(days=rng.randint(5, 12))
        row["requested_at"] = self.at(asked, 9, 30)
        channel = REQUEST_CHANNELS.pick(rng)
        other = rng.choice([c for c in data.NUDGE_CHANNELS if c != channel])
        self.log(row, Kind.REQUEST, channel, "Sent the request.", when=row["requested_at"])
        answered = row["requested_at"] + timedelta(days=1, hours=5)
        if status is _S.REQUESTED:
            due = self.today if n % 2 == 0 else _add_business_days(asked, 3)
            self.log(row, Kind.NUDGE, other, "Follow up if there is no reply yet.", due=due)
        elif status is _S.NO_ANSWER:  # one nudge sent, the next one overdue
            nudged = self.at(_add_business_days(asked, 3), 10)
            self.log(row, Kind.NUDGE, other, "Followed up; no answer yet.", when=nudged)
            due = _add_business_days(asked, 6)
            self.log(row, Kind.NUDGE, channel, "Try once more, briefly.", due=due)
        elif status is _S.DECLINED:
            row["outcome_notes"] = "A kind reply: too busy this quarter; try again in the spring."
            self.log(row, Kind.OTHER, channel, row["outcome_notes"], when=answered, inbound=True)
        else:
            self.log(row, Kind.OTHER, channel, "Said yes to a time.", when=answered, inbound=True)
            if status is _S.POSTPONED:
                due = self.today if n == 0 else self.days_ago(-3, 3)
                self.log(row, Kind.OTHER, "email", "Suggest two new times.", due=due)
        return asked

    def choose_questions(self, row: Row, person: Row) -> None:
        """Two to five questions, in TIARA order."""
        picked = sorted(self.rng.sample(range(len(LETTERS)), self.rng.randint(2, 5)))
        for position, index in enumerate(picked):
            letter = LETTERS[index]
            choices = data.QUESTIONS[letter]
            text = self.rng.choice(choices)
            # The same draw picks a question from the bank (when seeded), linked to it.
            bank = self.bank.get(letter, [])
            bank_id, text = bank[choices.index(text) % len(bank)] if bank else (None, text)
            if letter == "I" and person["organisation"] and self.rng.random() < 0.3:
                text = f"What do you wish you had known before joining {person['organisation']}?"
                bank_id = None
            self.add(
                MeetingQuestion, meeting_id=row["id"], letter=letter, text=text,
                position=position, bank_question_id=bank_id,
            )  # fmt: skip

    def held(self, row: Row, person: Row, status: MeetingStatus, met_on: date) -> None:
        """A meeting that happened: notes, the thank-you and report back, names, give-back."""
        rng = self.rng
        row["outcome_notes"] = rng.choice(data.OUTCOME_NOTES)
        self.choose_questions(row, person)
        for letter in LETTERS if rng.random() < 0.5 else LETTERS[:4]:
            text = rng.choice(data.TIARA_NOTES[letter])
            self.add(TiaraNote, meeting_id=row["id"], letter=letter, text=text)
        self.log(row, Kind.MEETING, row["channel"], "Research meeting.", when=row["scheduled_at"])
        thanks, report = met_on + timedelta(days=1), met_on + timedelta(days=7)
        if status is _S.MET:  # due today for yesterday's meeting, overdue for older ones
            self.log(row, Kind.THANK_YOU, "email", "Send a thank-you note.", due=thanks)
        else:
            self.log(row, Kind.THANK_YOU, "note", "Thank-you card.", due=thanks, done=True)
            done = status is _S.REPORTED_BACK
            self.log(
                row, Kind.REPORT_BACK, "email", "Tell them how it helped.", due=report, done=done
            )
        if status is _S.REPORTED_BACK:
            days = data.FOLLOWUP_INTERVALS["keep_in_touch_days"].get(person["strength"], 90)
            later = met_on + timedelta(days=days)
            self.log(row, Kind.KEEP_IN_TOUCH, "email", "Check in, with no request.", due=later)
        j = self.nth("held")
        if j % 5 in (0, 1, 3) and self.spare_names:
            new = self.referred_person(person, met_on, "suggested I talk to them.")
            note = f"Works at {new['organisation']}." if new["organisation"] else ""
            self.referral(row, ReferralKind.PERSON, new["name"], note, person_id=new["id"])
            if self.nth("referred") % 3 == 0 and self.spare_names:  # a referral chain
                self.referred_person(new, met_on + timedelta(days=4), "introduced us by email.")
        elif j % 5 == 2:  # a name not yet turned into a person on the list
            self.referral(row, ReferralKind.PERSON, *data.UNLISTED[j % len(data.UNLISTED)])
        if j % 5 in (1, 4):
            self.org_referrals.append(row)
        asked = j % 2 == 0
        direction = GiveBackDirection.THEY_ASKED if asked else GiveBackDirection.I_OFFERED
        text = rng.choice(data.GIVE_BACK_ASKED if asked else data.GIVE_BACK_OFFERED)
        self.give_back(row, direction, text, met_on, done=status is _S.REPORTED_BACK)

    def referred_person(self, introducer: Row, day: date, how: str) -> Row:
        name, latin, _ = self.spare_names.pop(0)
        new = self.person(name, latin, Circle.OTHER, Strength.TEN)
        new.update(
            circle_detail="",
            how_we_know=f"{introducer['name']} {how}",
            introduced_by_id=introducer["id"],
            connected_on=None,
            # Added that evening; a name from later this week was added this morning.
            created_at=self.at(day, 21) if day < self.today else self.at(self.today, 7),
        )
        new["updated_at"] = new["created_at"]
        if not new["organisation"]:
            new["organisation"], new["title"] = self.job(0.6)
        self.add(PersonAdvice, person_id=new["id"], kind_id=self.kinds["role"])
        if new["organisation"] in self.target_variants:
            note = f"{introducer['name']} says they know the team well."
            self.add(
                PersonAdvice, person_id=new["id"], kind_id=self.kinds["organisation"], note=note
            )
        return new

    def referral(
        self, meeting: Row, kind: ReferralKind, name: str, notes: str, **links: int
    ) -> None:
        self.add(
            Referral,
            meeting_id=meeting["id"],
            from_person_id=meeting["person_id"],
            kind=kind.value,
            name=name,
            notes=notes,
            created_at=meeting["scheduled_at"] + timedelta(hours=3),
            **links,
        )

    # -- organisations, contacts, give-back ------------------------------------------------------

    def build_organisations(self) -> None:
        for position, (name, motivation, notes, _) in enumerate(data.TARGET_ORGANISATIONS):
            created = self.at(self.today - timedelta(days=60 - position), 20)
            self.add(
                TargetOrganisation,
                name=name,
                motivation=motivation,
                notes=notes,
                position=position,
                created_at=created,
            )
        orgs = self.rows[TargetOrganisation]
        born_in_meetings = orgs[-data.ORGANISATIONS_FROM_MEETINGS :]
        for k, meeting in enumerate(self.org_referrals):
            if k < len(born_in_meetings):  # a new target, first heard of in this meeting
                org = born_in_meetings[k]
                org["from_meeting_id"] = meeting["id"]
                org["created_at"] = meeting["scheduled_at"] + timedelta(hours=3)
                notes = "New to me: worth a closer look."
            else:
                org = self.rng.choice(orgs[: -data.ORGANISATIONS_FROM_MEETINGS])
                notes = "Already on my list; good to hear it again."
            self.referral(
                meeting, ReferralKind.ORGANISATION, org["name"], notes, organisation_id=org["id"]
            )

    def build_contacts(self, people: list[Row]) -> None:
        """Contacts outside meetings: reconnect reminders, past check-ins, small gestures."""
        rng = self.rng
        for person in people:
            luck = rng.random()
            if person["strength"] == LOST and luck < 0.25:
                n = self.nth("reconnect")  # the first due today, the second overdue
                day = {0: self.today, 1: self.today - timedelta(days=4)}.get(n) or self.days_ago(
                    -14, 6
                )
                reminder = self.log(person, Kind.KEEP_IN_TOUCH, "message", data.RECONNECT, due=day)
                if n % 7 == 3:  # snoozed past its due day
                    reminder["snoozed_until"] = self.at(self.today + timedelta(days=3), 9)
            elif luck < 0.33:
                kind = rng.choice((Kind.KEEP_IN_TOUCH, Kind.OTHER))
                when = self.at(self.days_ago(3, 200), rng.randint(8, 20))
                inbound = rng.random() < 0.25
                text = "They wrote to catch up." if inbound else rng.choice(data.KEEP_IN_TOUCH)
                channel = rng.choice(data.NUDGE_CHANNELS)
                self.log(person, kind, channel, text, when=when, inbound=inbound)
            if rng.random() < 0.03:
                day, text = self.days_ago(5, 90), rng.choice(data.GIVE_BACK_OFFERED)
                self.give_back(person, GiveBackDirection.I_OFFERED, text, day, rng.random() < 0.5)

    def log(
        self, owner: Row, kind: Kind, channel: str, summary: str, *, when: datetime | None = None,
        due: date | None = None, done: bool = False, inbound: bool = False,
    ) -> Row:  # fmt: skip
        """A contact that happened ``when``, or a follow-up due on ``due`` (9 am local; a done
        one happened two hours later). ``owner`` is a meeting row (it has a person_id) or a
        person row."""
        in_meeting = "person_id" in owner
        key = (in_meeting, owner["id"])
        due_at = None if due is None else self.at(due, 9)
        # A follow-up is created by the contact that led to it (or this morning).
        morning = self.at(self.today, 7)
        created = when or self.last_contact.get(key) or min(due_at or morning, morning)
        if due_at is not None and done:
            when = due_at + timedelta(hours=2)
        if when is not None:
            self.last_contact[key] = when
        return self.add(
            Interaction,
            person_id=owner["person_id"] if in_meeting else owner["id"],
            meeting_id=owner["id"] if in_meeting else None,
            kind=kind.value,
            channel=channel,
            direction="in" if inbound else "out",
            summary=summary,
            occurred_at=when,
            due_at=due_at,
            done=when is not None,
            done_at=when,
            created_at=created,
        )

    def give_back(
        self, owner: Row, direction: GiveBackDirection, text: str, day: date, done: bool
    ) -> None:
        """A give-back entry for a meeting or person row; a done one is also a contact."""
        in_meeting = "person_id" in owner
        done_at = self.at(day + timedelta(days=3), 18) if done else None
        self.add(
            GiveBack,
            person_id=owner["person_id"] if in_meeting else owner["id"],
            meeting_id=owner["id"] if in_meeting else None,
            direction=direction.value,
            description=text,
            done=done,
            due_at=None if done else self.at(day + timedelta(days=10), 9),
            done_at=done_at,
            created_at=self.at(day, 20),
        )
        if done_at is not None:
            self.log(owner, Kind.GIVE_BACK, "email", text, when=done_at)
