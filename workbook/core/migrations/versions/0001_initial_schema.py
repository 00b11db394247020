"""Initial schema: the whole method, from target to give-back.

Revision ID: 0001
Revises: (none)
Create Date: 2026-11-23
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "advice_kind",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=40), nullable=True),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("retired", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_advice_kind")),
        sa.UniqueConstraint("key", name=op.f("uq_advice_kind_key")),
    )
    op.create_table(
        "bank_question",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=40), nullable=True),
        sa.Column("letter", sa.String(length=2), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("retired", sa.Boolean(), nullable=False),
        sa.CheckConstraint(
            "letter IN ('T', 'I', 'A', 'R', 'A2')", name=op.f("ck_bank_question_letter_valid")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_bank_question")),
        sa.UniqueConstraint("key", name=op.f("uq_bank_question_key")),
    )
    op.create_table(
        "person",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("circle", sa.String(length=20), nullable=False),
        sa.Column("circle_detail", sa.Text(), nullable=False),
        sa.Column("how_we_know", sa.Text(), nullable=False),
        sa.Column("strength", sa.String(length=10), nullable=False),
        sa.Column("email", sa.Text(), nullable=False),
        sa.Column("phone", sa.Text(), nullable=False),
        sa.Column("profile_url", sa.Text(), nullable=False),
        sa.Column("organisation", sa.Text(), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("location", sa.Text(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("knows_people_at", sa.JSON(), nullable=False),
        sa.Column("introduced_by_id", sa.Integer(), nullable=True),
        sa.Column("connected_on", sa.Date(), nullable=True),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("rank_pin", sa.Integer(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "circle IN ('family', 'friends', 'neighbours', 'work', 'school', 'services', 'community', 'parents', 'online', 'events', 'other')",
            name=op.f("ck_person_circle_valid"),
        ),
        sa.CheckConstraint(
            "strength IN ('10', '100', '1000', 'lost')", name=op.f("ck_person_strength_valid")
        ),
        sa.ForeignKeyConstraint(
            ["introduced_by_id"],
            ["person.id"],
            name=op.f("fk_person_introduced_by_id_person"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_person")),
    )
    with op.batch_alter_table("person", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_person_circle"), ["circle"], unique=False)
        batch_op.create_index(batch_op.f("ix_person_deleted_at"), ["deleted_at"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_person_introduced_by_id"), ["introduced_by_id"], unique=False
        )

    op.create_table(
        "setting",
        sa.Column("key", sa.String(length=80), nullable=False),
        sa.Column("value", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_setting")),
    )
    op.create_table(
        "target",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("role", sa.Text(), nullable=False),
        sa.Column("level", sa.Text(), nullable=False),
        sa.Column("skills", sa.JSON(), nullable=False),
        sa.Column("industries", sa.JSON(), nullable=False),
        sa.Column("organisation_types", sa.JSON(), nullable=False),
        sa.Column("organisation_size", sa.Text(), nullable=False),
        sa.Column("environment", sa.JSON(), nullable=False),
        sa.Column("culture", sa.Text(), nullable=False),
        sa.Column("places", sa.JSON(), nullable=False),
        sa.Column("open_to_remote", sa.Boolean(), nullable=False),
        sa.Column("willing_to_relocate", sa.Boolean(), nullable=False),
        sa.Column("value_statement", sa.Text(), nullable=False),
        sa.Column("ask_text", sa.Text(), nullable=False),
        sa.Column("ask_edited", sa.Boolean(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_target")),
    )
    op.create_table(
        "meeting",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("uid", sa.String(length=80), nullable=False),
        sa.Column("request_text", sa.Text(), nullable=False),
        sa.Column("requested_at", sa.DateTime(), nullable=True),
        sa.Column("scheduled_at", sa.DateTime(), nullable=True),
        sa.Column("timezone", sa.String(length=64), nullable=False),
        sa.Column("duration_minutes", sa.Integer(), nullable=False),
        sa.Column("channel", sa.String(length=20), nullable=False),
        sa.Column("place", sa.Text(), nullable=False),
        sa.Column("agenda_notes", sa.Text(), nullable=False),
        sa.Column("outcome_notes", sa.Text(), nullable=False),
        sa.Column("sequence", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "status IN ('idea', 'requested', 'no_answer', 'scheduled', 'postponed', 'declined', 'met', 'thanked', 'reported_back')",
            name=op.f("ck_meeting_status_valid"),
        ),
        sa.CheckConstraint("duration_minutes > 0", name=op.f("ck_meeting_duration_positive")),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["person.id"],
            name=op.f("fk_meeting_person_id_person"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_meeting")),
        sa.UniqueConstraint("uid", name=op.f("uq_meeting_uid")),
    )
    with op.batch_alter_table("meeting", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_meeting_person_id"), ["person_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_meeting_scheduled_at"), ["scheduled_at"], unique=False)

    op.create_table(
        "person_advice",
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("kind_id", sa.Integer(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["kind_id"],
            ["advice_kind.id"],
            name=op.f("fk_person_advice_kind_id_advice_kind"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["person.id"],
            name=op.f("fk_person_advice_person_id_person"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("person_id", "kind_id", name=op.f("pk_person_advice")),
    )
    with op.batch_alter_table("person_advice", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_person_advice_kind_id"), ["kind_id"], unique=False)

    op.create_table(
        "give_back",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=True),
        sa.Column("direction", sa.String(length=12), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("done", sa.Boolean(), nullable=False),
        sa.Column("due_at", sa.DateTime(), nullable=True),
        sa.Column("done_at", sa.DateTime(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "direction IN ('they_asked', 'i_offered')", name=op.f("ck_give_back_direction_valid")
        ),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["meeting.id"],
            name=op.f("fk_give_back_meeting_id_meeting"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["person.id"],
            name=op.f("fk_give_back_person_id_person"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_give_back")),
    )
    with op.batch_alter_table("give_back", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_give_back_meeting_id"), ["meeting_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_give_back_person_id"), ["person_id"], unique=False)

    op.create_table(
        "interaction",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=True),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("channel", sa.String(length=20), nullable=False),
        sa.Column("direction", sa.String(length=4), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("occurred_at", sa.DateTime(), nullable=True),
        sa.Column("due_at", sa.DateTime(), nullable=True),
        sa.Column("done", sa.Boolean(), nullable=False),
        sa.Column("done_at", sa.DateTime(), nullable=True),
        sa.Column("snoozed_until", sa.DateTime(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "direction IN ('out', 'in')", name=op.f("ck_interaction_direction_valid")
        ),
        sa.CheckConstraint(
            "kind IN ('request', 'nudge', 'meeting', 'thank_you', 'report_back', 'keep_in_touch', 'give_back', 'other')",
            name=op.f("ck_interaction_kind_valid"),
        ),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["meeting.id"],
            name=op.f("fk_interaction_meeting_id_meeting"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["person.id"],
            name=op.f("fk_interaction_person_id_person"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_interaction")),
    )
    with op.batch_alter_table("interaction", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_interaction_due_at"), ["due_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_interaction_meeting_id"), ["meeting_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_interaction_person_id"), ["person_id"], unique=False)

    op.create_table(
        "meeting_question",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("bank_question_id", sa.Integer(), nullable=True),
        sa.Column("letter", sa.String(length=2), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "letter IN ('T', 'I', 'A', 'R', 'A2')", name=op.f("ck_meeting_question_letter_valid")
        ),
        sa.ForeignKeyConstraint(
            ["bank_question_id"],
            ["bank_question.id"],
            name=op.f("fk_meeting_question_bank_question_id_bank_question"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["meeting.id"],
            name=op.f("fk_meeting_question_meeting_id_meeting"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_meeting_question")),
    )
    with op.batch_alter_table("meeting_question", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_meeting_question_bank_question_id"), ["bank_question_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_meeting_question_meeting_id"), ["meeting_id"], unique=False
        )

    op.create_table(
        "target_organisation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("motivation", sa.Integer(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("from_meeting_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "motivation BETWEEN 1 AND 5", name=op.f("ck_target_organisation_motivation_range")
        ),
        sa.ForeignKeyConstraint(
            ["from_meeting_id"],
            ["meeting.id"],
            name=op.f("fk_target_organisation_from_meeting_id_meeting"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_target_organisation")),
    )
    with op.batch_alter_table("target_organisation", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_target_organisation_from_meeting_id"), ["from_meeting_id"], unique=False
        )

    op.create_table(
        "tiara_note",
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("letter", sa.String(length=2), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.CheckConstraint(
            "letter IN ('T', 'I', 'A', 'R', 'A2')", name=op.f("ck_tiara_note_letter_valid")
        ),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["meeting.id"],
            name=op.f("fk_tiara_note_meeting_id_meeting"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("meeting_id", "letter", name=op.f("pk_tiara_note")),
    )
    op.create_table(
        "referral",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=True),
        sa.Column("from_person_id", sa.Integer(), nullable=True),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=True),
        sa.Column("organisation_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "kind IN ('person', 'organisation')", name=op.f("ck_referral_kind_valid")
        ),
        sa.ForeignKeyConstraint(
            ["from_person_id"],
            ["person.id"],
            name=op.f("fk_referral_from_person_id_person"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["meeting.id"],
            name=op.f("fk_referral_meeting_id_meeting"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["target_organisation.id"],
            name=op.f("fk_referral_organisation_id_target_organisation"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["person.id"],
            name=op.f("fk_referral_person_id_person"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_referral")),
    )
    with op.batch_alter_table("referral", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_referral_from_person_id"), ["from_person_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_referral_meeting_id"), ["meeting_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_referral_organisation_id"), ["organisation_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_referral_person_id"), ["person_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("referral", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_referral_person_id"))
        batch_op.drop_index(batch_op.f("ix_referral_organisation_id"))
        batch_op.drop_index(batch_op.f("ix_referral_meeting_id"))
        batch_op.drop_index(batch_op.f("ix_referral_from_person_id"))

    op.drop_table("referral")
    op.drop_table("tiara_note")
    with op.batch_alter_table("target_organisation", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_target_organisation_from_meeting_id"))

    op.drop_table("target_organisation")
    with op.batch_alter_table("meeting_question", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_meeting_question_meeting_id"))
        batch_op.drop_index(batch_op.f("ix_meeting_question_bank_question_id"))

    op.drop_table("meeting_question")
    with op.batch_alter_table("interaction", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_interaction_person_id"))
        batch_op.drop_index(batch_op.f("ix_interaction_meeting_id"))
        batch_op.drop_index(batch_op.f("ix_interaction_due_at"))

    op.drop_table("interaction")
    with op.batch_alter_table("give_back", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_give_back_person_id"))
        batch_op.drop_index(batch_op.f("ix_give_back_meeting_id"))

    op.drop_table("give_back")
    with op.batch_alter_table("person_advice", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_person_advice_kind_id"))

    op.drop_table("person_advice")
    with op.batch_alter_table("meeting", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_meeting_scheduled_at"))
        batch_op.drop_index(batch_op.f("ix_meeting_person_id"))

    op.drop_table("meeting")
    op.drop_table("target")
    op.drop_table("setting")
    with op.batch_alter_table("person", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_person_introduced_by_id"))
        batch_op.drop_index(batch_op.f("ix_person_deleted_at"))
        batch_op.drop_index(batch_op.f("ix_person_circle"))

    op.drop_table("person")
    op.drop_table("bank_question")
    op.drop_table("advice_kind")
