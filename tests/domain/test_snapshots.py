"""Snapshots read with plain selects say exactly what the ORM objects say, for one user only."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from slackbot.db import SessionFactory, transaction
from slackbot.domain.interviewer_lists import InterviewerInput
from slackbot.domain.interviews import InterviewData, Owner, record_outcome
from slackbot.domain.new_interviews import log_interview
from slackbot.domain.profiles import default_settings, preferences
from slackbot.domain.snapshots import load_interviews
from slackbot.driver_sql import driver_reading
from slackbot.models import Interview, Outcome

NOW = datetime(2026, 3, 2, 15, tzinfo=UTC)
DANA = Owner("T1", "U1")
EVAN = Owner("T1", "U2")
PREFS = preferences(default_settings(team_id="T1", user_id="U1", now=NOW))


def log(sessions: SessionFactory, owner: Owner, company: str, days: int, *people: str) -> None:
    data = InterviewData(
        company=company,
        role="Data Engineer",
        starts_at=NOW + timedelta(days=days),
        interviewers=tuple(
            InterviewerInput(name=p, title="Recruiter" if p == "Ann" else None) for p in people
        ),
        length_minutes=45,
    )
    with transaction(sessions) as session:
        log_interview(session, owner, data, prefs=PREFS, now=NOW)


def test_snapshots_match_the_models_field_for_field(sessions: SessionFactory) -> None:
    log(sessions, DANA, "Initrode", 2, "Maria Lopez", "Ann", "Sanjay Rao")
    log(sessions, DANA, "Globex", -3, "Hank")
    log(sessions, DANA, "Umbrella", 1)
    log(sessions, EVAN, "Initrode", 1, "Someone Else")
    with transaction(sessions) as session:
        globex = session.scalar(select(Interview).where(Interview.company == "Globex"))
        record_outcome(session, globex, Outcome.OFFER, now=NOW)

    with sessions() as session:
        snapshots = load_interviews(session, DANA)
        models = list(
            session.scalars(
                select(Interview)
                .where(Interview.user_id == DANA.user_id)
                .order_by(Interview.starts_at, Interview.id)
            )
        )
        assert [s.company for s in snapshots] == ["Globex", "Umbrella", "Initrode"]
        for snap, model in zip(snapshots, models, strict=True):
            for name in ("id", "number", "company", "role", "starts_at", "ends_at", "outcome"):
                assert getattr(snap, name) == getattr(model, name), name
            assert [(p.id, p.name, p.title) for p in snap.interviewers] == [
                (p.id, p.name, p.title) for p in model.interviewers
            ]
            assert sorted((p.id, p.kind, p.status, p.due_at) for p in snap.prompts) == sorted(
                (p.id, p.kind, p.status, p.due_at) for p in model.prompts
            )
        assert snapshots[0].closed_at == NOW
        assert snapshots[1].interviewers == ()
    with driver_reading(sessions, several=True) as driver:
        assert load_interviews(driver, DANA) == snapshots


def test_open_only_leaves_out_closed_interviews(sessions: SessionFactory) -> None:
    log(sessions, DANA, "Initrode", 2, "Maria Lopez")
    log(sessions, DANA, "Globex", 1, "Hank")
    with transaction(sessions) as session:
        globex = session.scalar(select(Interview).where(Interview.company == "Globex"))
        record_outcome(session, globex, Outcome.REJECTED, now=NOW)

    with sessions() as session:
        assert [s.company for s in load_interviews(session, DANA, open_only=True)] == ["Initrode"]
        assert load_interviews(session, Owner("T2", "U1")) == []
