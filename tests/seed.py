"""Interviews written straight into the database, for tests that call the domain directly."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy.orm import Session

from slackbot.domain.cadence import Preferences
from slackbot.domain.interviewer_lists import InterviewerInput
from slackbot.domain.interviews import InterviewData, Owner
from slackbot.domain.new_interviews import log_interview
from slackbot.domain.profiles import preferences, settings_for
from slackbot.models import Interview, Prompt, PromptKind, PromptStatus

TEAM = "T0TEAM001"
DANA = Owner(TEAM, "U0DANA001")
LEE = Owner(TEAM, "U0LEE0001")


def prefs_of(session: Session, owner: Owner, *, now: datetime) -> Preferences:
    """The owner's preferences, in Chicago time and already looked up in Slack."""
    settings = settings_for(session, team_id=owner.team_id, user_id=owner.user_id, now=now)
    settings.tz_override = "America/Chicago"
    settings.slack_tz_fetched_at = now
    return preferences(settings)


def log(
    session: Session,
    owner: Owner,
    *,
    starts_at: datetime,
    now: datetime,
    company: str = "Initrode",
    people: Sequence[str] = ("Maria Lopez",),
) -> Interview:
    data = InterviewData(
        company=company,
        role="Data Engineer",
        starts_at=starts_at,
        interviewers=tuple(InterviewerInput(name) for name in people),
    )
    logged = log_interview(session, owner, data, prefs=prefs_of(session, owner, now=now), now=now)
    # The ORM's copy, for tests that go on to change it.
    interview = session.get(Interview, logged.id)
    assert interview is not None
    return interview


def pending(interview: Interview, kind: PromptKind | None = None) -> list[Prompt]:
    return [
        p
        for p in interview.prompts
        if p.status == PromptStatus.PENDING and (kind is None or p.kind == kind)
    ]
