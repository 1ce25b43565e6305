"""Database models. Every row belongs to a workspace (team_id) and, where personal, a user."""

from __future__ import annotations

import enum
from datetime import date, datetime, timedelta

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from slackbot.clock import as_utc


class UTCDateTime(TypeDecorator[datetime]):
    """Stores naive UTC (portable across SQLite and PostgreSQL) and always returns aware UTC."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        return None if value is None else as_utc(value).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        return None if value is None else as_utc(value)


class Base(DeclarativeBase):
    pass


class PromptKind(enum.StrEnum):
    THANK_YOU = "thank_you"
    NUDGE = "nudge"
    FOLLOW_UP = "follow_up"
    CLOSURE = "closure"


class PromptStatus(enum.StrEnum):
    PENDING = "pending"
    SENDING = "sending"
    SENT = "sent"
    FAILED = "failed"
    CANCELLED = "cancelled"
    SKIPPED = "skipped"


class Outcome(enum.StrEnum):
    NEXT_ROUND = "next-round"
    OFFER = "offer"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"
    NO_RESPONSE = "no-response"


class InterviewFormat(enum.StrEnum):
    VIDEO = "video"
    PHONE = "phone"
    ONSITE = "on-site"


class Interview(Base):
    __tablename__ = "interviews"
    __table_args__ = (
        UniqueConstraint("team_id", "user_id", "number", name="uq_interviews_user_number"),
        Index("ix_interviews_owner_status", "team_id", "user_id", "closed_at"),
        Index("ix_interviews_owner_invite", "team_id", "user_id", "invite_uid"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[str] = mapped_column(String(32))
    user_id: Mapped[str] = mapped_column(String(32))
    number: Mapped[int] = mapped_column(Integer)
    company: Mapped[str] = mapped_column(String(100))
    role: Mapped[str] = mapped_column(String(100))
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime())
    length_minutes: Mapped[int] = mapped_column(Integer, default=60)
    format: Mapped[str | None] = mapped_column(String(16))
    decision_by: Mapped[date | None] = mapped_column(Date)
    notes: Mapped[str | None] = mapped_column(Text)
    outcome: Mapped[str | None] = mapped_column(String(16))
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # When the outcome was recorded (a next round stays open while thank-yous are owed).
    heard_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # The earlier round of the same application, when logged as its next round.
    previous_id: Mapped[int | None] = mapped_column(Integer)
    follow_up_done_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    snoozed_until: Mapped[datetime | None] = mapped_column(UTCDateTime())
    snoozed_kind: Mapped[str | None] = mapped_column(String(16))
    revision: Mapped[int] = mapped_column(Integer, default=1)
    # UID and SEQUENCE of the calendar invite it was logged from (RFC 5545).
    invite_uid: Mapped[str | None] = mapped_column(String(255))
    invite_sequence: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())

    @property
    def ends_at(self) -> datetime:
        return self.starts_at + timedelta(minutes=self.length_minutes)

    interviewers: Mapped[list[Interviewer]] = relationship(
        back_populates="interview",
        cascade="all, delete-orphan",
        order_by="Interviewer.position",
        lazy="selectin",
    )
    prompts: Mapped[list[Prompt]] = relationship(
        back_populates="interview", cascade="all, delete-orphan", passive_deletes=True
    )


class Interviewer(Base):
    __tablename__ = "interviewers"

    id: Mapped[int] = mapped_column(primary_key=True)
    interview_id: Mapped[int] = mapped_column(
        ForeignKey("interviews.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer, default=0)
    name: Mapped[str] = mapped_column(String(80))
    title: Mapped[str | None] = mapped_column(String(100))
    email: Mapped[str | None] = mapped_column(String(254))
    topic: Mapped[str | None] = mapped_column(String(300))
    thanked_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # Chosen by the user; None means "guess from the title" (domain/roles.py).
    role: Mapped[str | None] = mapped_column(String(16))
    card_sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # The last draft written to this person, so a near-copy for a colleague can be caught.
    draft: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())

    interview: Mapped[Interview] = relationship(back_populates="interviewers")


class Prompt(Base):
    __tablename__ = "prompts"
    __table_args__ = (
        # The dispatcher's poll: pending rows by due time, and sending rows by lease expiry.
        Index("ix_prompts_status_due", "status", "due_at"),
        Index("ix_prompts_owner", "team_id", "user_id", "status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[str] = mapped_column(String(32))
    user_id: Mapped[str] = mapped_column(String(32))
    interview_id: Mapped[int] = mapped_column(
        ForeignKey("interviews.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(16))
    due_at: Mapped[datetime] = mapped_column(UTCDateTime())
    status: Mapped[str] = mapped_column(String(16), default=PromptStatus.PENDING)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    lease_until: Mapped[datetime | None] = mapped_column(UTCDateTime())
    lease_owner: Mapped[str | None] = mapped_column(String(64))
    channel_id: Mapped[str | None] = mapped_column(String(32))
    message_ts: Mapped[str | None] = mapped_column(String(32))
    interview_revision: Mapped[int | None] = mapped_column(Integer)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    last_error: Mapped[str | None] = mapped_column(String(255))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())

    interview: Mapped[Interview] = relationship(back_populates="prompts")


class Template(Base):
    __tablename__ = "templates"
    __table_args__ = (UniqueConstraint("team_id", "user_id", "name", name="uq_templates_name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[str] = mapped_column(String(32))
    user_id: Mapped[str] = mapped_column(String(32))
    name: Mapped[str] = mapped_column(String(80))
    kind: Mapped[str] = mapped_column(String(16))
    body: Mapped[str] = mapped_column(Text)
    author_user_id: Mapped[str | None] = mapped_column(String(32))
    shared_from_id: Mapped[int | None] = mapped_column(
        ForeignKey("shared_templates.id", ondelete="SET NULL")
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())


class SharedTemplate(Base):
    __tablename__ = "shared_templates"
    __table_args__ = (Index("ix_shared_templates_team_saves", "team_id", "save_count"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[str] = mapped_column(String(32))
    author_user_id: Mapped[str] = mapped_column(String(32))
    name: Mapped[str] = mapped_column(String(80))
    kind: Mapped[str] = mapped_column(String(16))
    body: Mapped[str] = mapped_column(Text)
    channel_id: Mapped[str | None] = mapped_column(String(32))
    save_count: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


class TemplateSave(Base):
    __tablename__ = "template_saves"
    __table_args__ = (UniqueConstraint("shared_id", "user_id", name="uq_template_saves"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    shared_id: Mapped[int] = mapped_column(ForeignKey("shared_templates.id", ondelete="CASCADE"))
    team_id: Mapped[str] = mapped_column(String(32))
    user_id: Mapped[str] = mapped_column(String(32))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


class UserSettings(Base):
    __tablename__ = "user_settings"

    team_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    user_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    slack_tz: Mapped[str | None] = mapped_column(String(64))
    slack_tz_fetched_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    slack_real_name: Mapped[str | None] = mapped_column(String(120))
    tz_override: Mapped[str | None] = mapped_column(String(64))
    day_start_minute: Mapped[int] = mapped_column(Integer, default=8 * 60)
    day_end_minute: Mapped[int] = mapped_column(Integer, default=21 * 60)
    follow_up_days: Mapped[int] = mapped_column(Integer, default=7)
    closure_days: Mapped[int] = mapped_column(Integer, default=7)
    weekend_prompts: Mapped[bool] = mapped_column(Boolean, default=False)
    # Whose public holidays to skip: an ISO code, "none", or unset to guess from the time zone.
    holiday_country: Mapped[str | None] = mapped_column(String(8))
    sign_name: Mapped[str | None] = mapped_column(String(80))
    default_thank_you_id: Mapped[int | None] = mapped_column(Integer)
    default_card_id: Mapped[int | None] = mapped_column(Integer)
    default_follow_up_id: Mapped[int | None] = mapped_column(Integer)
    default_closure_id: Mapped[int | None] = mapped_column(Integer)
    dm_channel_id: Mapped[str | None] = mapped_column(String(32))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())


class UndoPoint(Base):
    """How one interview was before a change the user may take back (outcome, sent, snooze)."""

    __tablename__ = "undo_points"
    __table_args__ = (Index("ix_undo_points_owner", "team_id", "user_id", "created_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[str] = mapped_column(String(32))
    user_id: Mapped[str] = mapped_column(String(32))
    interview_id: Mapped[int] = mapped_column(
        ForeignKey("interviews.id", ondelete="CASCADE"), index=True
    )
    label: Mapped[str] = mapped_column(String(80))
    state: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


class ProcessedEvent(Base):
    """Slack event ids already applied, so a retried delivery never applies twice."""

    __tablename__ = "processed_events"

    event_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    team_id: Mapped[str] = mapped_column(String(32))
    received_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)


class SendBudget(Base):
    """One workspace's pacing bucket for one Web API method, shared by every bot process."""

    __tablename__ = "send_budget"

    team_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    method: Mapped[str] = mapped_column(String(64), primary_key=True)
    tokens: Mapped[float] = mapped_column(Float)
    # Seconds since the epoch: compared across processes and hosts (clocks kept by NTP).
    updated_at: Mapped[float] = mapped_column(Float)
    paused_until: Mapped[float] = mapped_column(Float, default=0.0)
