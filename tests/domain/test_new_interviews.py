"""Logging a new interview with plain inserts writes what the ORM's unit of work would, and
returns what a fresh read of the database gives."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import String, select, type_coerce
from sqlalchemy.orm import Session

from slackbot.db import SessionFactory, transaction
from slackbot.domain.interviewer_lists import InterviewerInput
from slackbot.domain.interviews import InterviewData
from slackbot.domain.new_interviews import log_interview
from slackbot.domain.prompts import sync_prompts
from slackbot.domain.snapshots import load_interviews
from slackbot.models import Interview, Interviewer, Prompt
from tests.seed import DANA, LEE, prefs_of

NOW = datetime(2026, 12, 2, 15, 0, tzinfo=UTC)  # Wed 09:00 in Chicago
PEOPLE = (InterviewerInput("Maria Lopez", "Director", "maria@initrode.example"),)

CASES = {
    "just had, one person": InterviewData(
        company="Initrode",
        role="Data Engineer",
        starts_at=NOW - timedelta(hours=2),
        interviewers=PEOPLE,
    ),
    "next week, on-site, decision date, two people": InterviewData(
        company="Globex",
        role="Analyst",
        starts_at=NOW + timedelta(days=6),
        length_minutes=240,
        format="on-site",
        decision_by=date(2026, 12, 20),
        notes="Bring the portfolio",
        interviewers=(*PEOPLE, InterviewerInput("Sanjay Rao")),
    ),
    "a month ago, nobody named": InterviewData(
        company="Umbrella",
        role="SRE",
        starts_at=NOW - timedelta(days=30),
        interviewers=(),
    ),
    "from an invite": InterviewData(
        company="Hooli",
        role="PM",
        starts_at=NOW + timedelta(days=1),
        interviewers=PEOPLE,
        invite_uid="abc@calendar.example",
        invite_sequence=2,
    ),
}


def _by_the_orm(session: Session, data: InterviewData) -> None:
    """How an interview was logged before: the model, its people, then sync_prompts."""
    interview = Interview(
        team_id=LEE.team_id,
        user_id=LEE.user_id,
        number=1,
        revision=1,
        company=data.company,
        role=data.role,
        starts_at=data.starts_at,
        length_minutes=data.length_minutes,
        format=data.format,
        decision_by=data.decision_by,
        notes=data.notes,
        invite_uid=data.invite_uid,
        invite_sequence=data.invite_sequence,
        created_at=NOW,
        updated_at=NOW,
        prompts=[],
        interviewers=[
            Interviewer(name=p.name, title=p.title, email=p.email, position=n, created_at=NOW)
            for n, p in enumerate(data.interviewers)
        ],
    )
    session.add(interview)
    sync_prompts(session, interview, prefs_of(session, LEE, now=NOW), NOW)


def _stored(session: Session, user_id: str) -> dict[str, Any]:
    """Every column of the user's rows, but ids and owners, as the driver hands them back (a
    datetime stored in another format would read back the same through the models)."""

    def plain(model: Any, *skip: str) -> list[dict[str, Any]]:
        columns = [
            type_coerce(c, String).label(c.name)
            for c in model.__table__.c
            if c.name not in ("id", *skip)
        ]
        query = select(*columns).order_by(model.id)
        if model is Interviewer:
            query = query.join(Interview, Interview.id == model.interview_id)
        return [dict(row._mapping) for row in session.execute(query.where(_of(model, user_id)))]

    return {
        "interviews": plain(Interview, "user_id"),
        "people": plain(Interviewer, "interview_id"),
        "prompts": plain(Prompt, "user_id", "interview_id"),
    }


def _of(model: Any, user_id: str) -> Any:
    return (Interview.user_id if model is Interviewer else model.user_id) == user_id


@pytest.mark.parametrize("case", CASES)
def test_the_rows_are_the_ones_the_orm_wrote(sessions: SessionFactory, case: str) -> None:
    data = CASES[case]
    with transaction(sessions) as session:
        log_interview(session, DANA, data, prefs=prefs_of(session, DANA, now=NOW), now=NOW)
        _by_the_orm(session, data)
    with sessions() as session:
        assert _stored(session, DANA.user_id) == _stored(session, LEE.user_id)


@pytest.mark.parametrize("case", CASES)
def test_what_comes_back_is_what_a_fresh_read_gives(sessions: SessionFactory, case: str) -> None:
    with transaction(sessions) as session:
        prefs = prefs_of(session, DANA, now=NOW)
        logged = log_interview(session, DANA, CASES[case], prefs=prefs, now=NOW)
    with sessions() as session:
        assert load_interviews(session, DANA) == [logged]


def test_numbers_count_up_per_user(sessions: SessionFactory) -> None:
    data = CASES["just had, one person"]
    with transaction(sessions) as session:
        prefs = prefs_of(session, DANA, now=NOW)
        numbers = [log_interview(session, DANA, data, prefs=prefs, now=NOW).number for _ in "abc"]
        other = log_interview(session, LEE, data, prefs=prefs, now=NOW).number
    assert numbers == [1, 2, 3]
    assert other == 1


def test_a_next_round_links_only_to_an_interview_of_the_same_user(
    sessions: SessionFactory,
) -> None:
    data = CASES["just had, one person"]
    with transaction(sessions) as session:
        prefs = prefs_of(session, DANA, now=NOW)
        first = log_interview(session, DANA, data, prefs=prefs, now=NOW)
        theirs = log_interview(session, LEE, data, prefs=prefs, now=NOW)
        second = log_interview(session, DANA, data, prefs=prefs, now=NOW, previous_id=first.id)
        sneaky = log_interview(session, DANA, data, prefs=prefs, now=NOW, previous_id=theirs.id)
    assert second.previous_id == first.id
    assert sneaky.previous_id is None
