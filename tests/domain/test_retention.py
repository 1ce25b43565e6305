"""Closed interviews are deleted once the retention period has passed."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select

from slackbot.db import SessionFactory, transaction
from slackbot.domain.interviewer_lists import InterviewerInput
from slackbot.domain.interviews import InterviewData, Owner, record_outcome
from slackbot.domain.new_interviews import log_interview
from slackbot.domain.profiles import preferences, settings_for
from slackbot.domain.retention import purge_closed, retention_job
from slackbot.models import Interview, Interviewer, Outcome
from slackbot.services import Services
from tests.conftest import TEAM

DANA = "U0DANA001"


def test_closed_interviews_go_after_the_retention_period(sessions: SessionFactory) -> None:
    now = datetime(2027, 6, 1, 12, 0, tzinfo=UTC)
    owner = Owner(TEAM, DANA)
    with transaction(sessions) as session:
        for company, closed_days_ago in (("Old", 400), ("Recent", 10), ("Open", None)):
            data = InterviewData(
                company=company,
                role="SRE",
                starts_at=now - timedelta(days=500),
                interviewers=(InterviewerInput(name="Ann Lee"),),
            )
            prefs = preferences(settings_for(session, team_id=TEAM, user_id=DANA, now=now))
            logged = log_interview(session, owner, data, prefs=prefs, now=now)
            if closed_days_ago is not None:
                interview = session.get(Interview, logged.id)
                assert interview is not None
                closed_at = now - timedelta(days=closed_days_ago)
                record_outcome(session, interview, Outcome.REJECTED, now=closed_at)

    job = retention_job(Services(sessions=sessions, clock=lambda: now), 365)
    assert job() == 1
    with sessions() as session:
        assert set(session.scalars(select(Interview.company))) == {"Recent", "Open"}
        assert session.scalar(select(func.count()).select_from(Interviewer)) == 2
    with transaction(sessions) as session:
        assert purge_closed(session, now + timedelta(days=356), 365) == 1
