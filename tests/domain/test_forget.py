"""Forgetting a user, or a whole workspace, on a real database: their rows go, no one else's."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from slackbot.db import SessionFactory, transaction
from slackbot.domain.forget import Forgotten, forget_team, forget_user
from slackbot.domain.interviews import Owner
from slackbot.domain.undo import save_point
from slackbot.models import Interview, Interviewer, Prompt, Template, UndoPoint, UserSettings
from tests.seed import DANA, LEE, TEAM, log

NOW = datetime(2026, 12, 2, 15, 0, tzinfo=UTC)
DANA_ELSEWHERE = Owner("T0OTHER01", DANA.user_id)


def _seed(session: Session) -> None:
    for owner, companies in ((DANA, ("Initrode", "Globex")), (LEE, ("Umbrella",))):
        for company in companies:
            interview = log(
                session, owner, starts_at=NOW - timedelta(days=1), now=NOW, company=company
            )
            save_point(session, interview, label="the snooze", now=NOW)
    log(session, DANA_ELSEWHERE, starts_at=NOW, now=NOW, company="Hooli")
    session.add(
        Template(
            team_id=TEAM,
            user_id=DANA.user_id,
            name="Warm",
            kind="thank_you",
            body="Hi {first_name}, thank you.",
            author_user_id=DANA.user_id,
            created_at=NOW,
            updated_at=NOW,
        )
    )


def _rows(session: Session, model: type, owner: Owner) -> int:
    query = select(func.count()).select_from(model)
    if hasattr(model, "user_id"):
        query = query.where(model.team_id == owner.team_id, model.user_id == owner.user_id)
    return int(session.scalar(query) or 0)


def test_forgetting_a_user_deletes_only_their_rows_in_that_workspace(
    sessions: SessionFactory,
) -> None:
    with transaction(sessions) as session:
        _seed(session)
    with transaction(sessions) as session:
        assert forget_user(session, DANA) == Forgotten(interviews=2, templates=1)

    with sessions() as session:
        for model in (Interview, Prompt, Template, UserSettings, UndoPoint):
            assert _rows(session, model, DANA) == 0, model
        assert _rows(session, Interview, LEE) == 1
        assert _rows(session, Prompt, LEE) > 0
        assert _rows(session, UndoPoint, LEE) == 1
        assert _rows(session, Interview, DANA_ELSEWHERE) == 1
        # Interviewers go with their interviews: Lee's and Dana's elsewhere are left.
        assert session.scalar(select(func.count()).select_from(Interviewer)) == 2


def test_forgetting_a_workspace_leaves_the_others(sessions: SessionFactory) -> None:
    with transaction(sessions) as session:
        _seed(session)
    with transaction(sessions) as session:
        assert forget_team(session, TEAM) == 3

    with sessions() as session:
        companies = set(session.scalars(select(Interview.company)))
        assert companies == {"Hooli"}
        assert set(session.scalars(select(Prompt.team_id))) == {DANA_ELSEWHERE.team_id}
        assert session.scalar(select(func.count()).select_from(Template)) == 0
        assert set(session.scalars(select(UserSettings.team_id))) == {DANA_ELSEWHERE.team_id}
