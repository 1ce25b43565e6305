"""Deleting a user's data (`/interview forget`) and a whole workspace's (uninstall).

Children are deleted explicitly before their parents rather than left to ON DELETE CASCADE,
so the result does not depend on the database enforcing foreign keys on this connection.

Shared templates a user authored are deleted with them: a share carries their text and their
user id. The copies other people saved are those people's templates and stay, without the
author credit. The message Slack shows in the channel stays, like the bot's DMs.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from slackbot.domain.interviews import Owner
from slackbot.models import (
    Interview,
    Interviewer,
    ProcessedEvent,
    Prompt,
    SendBudget,
    SharedTemplate,
    Template,
    TemplateSave,
    UndoPoint,
    UserSettings,
)


@dataclass(frozen=True)
class Forgotten:
    interviews: int
    templates: int


def forget_user(session: Session, owner: Owner) -> Forgotten:
    """Delete every row about this user in this workspace."""
    team, user = owner.team_id, owner.user_id
    interviews = delete_interviews(
        session, (Interview.team_id == team) & (Interview.user_id == user)
    )
    session.execute(delete(Prompt).where(Prompt.team_id == team, Prompt.user_id == user))

    # Keep others' shares' counts honest: my saves of them disappear.
    my_saves = select(TemplateSave.shared_id).where(
        TemplateSave.team_id == team, TemplateSave.user_id == user
    )
    session.execute(
        update(SharedTemplate)
        .where(SharedTemplate.id.in_(my_saves), SharedTemplate.save_count > 0)
        .values(save_count=SharedTemplate.save_count - 1)
    )
    session.execute(
        delete(TemplateSave).where(TemplateSave.team_id == team, TemplateSave.user_id == user)
    )
    my_shares = select(SharedTemplate.id).where(
        SharedTemplate.team_id == team, SharedTemplate.author_user_id == user
    )
    session.execute(delete(TemplateSave).where(TemplateSave.shared_id.in_(my_shares)))
    session.execute(
        update(Template)
        .where(Template.team_id == team, Template.shared_from_id.in_(my_shares))
        .values(shared_from_id=None)
    )
    session.execute(
        update(Template)
        .where(Template.team_id == team, Template.author_user_id == user, Template.user_id != user)
        .values(author_user_id=None)
    )
    templates = _count(session, Template, (Template.team_id == team) & (Template.user_id == user))
    session.execute(delete(Template).where(Template.team_id == team, Template.user_id == user))
    session.execute(
        delete(SharedTemplate).where(
            SharedTemplate.team_id == team, SharedTemplate.author_user_id == user
        )
    )
    session.execute(
        delete(UserSettings).where(UserSettings.team_id == team, UserSettings.user_id == user)
    )
    session.expire_all()
    return Forgotten(interviews=interviews, templates=templates)


def forget_team(session: Session, team_id: str) -> int:
    """Delete every row of a workspace (the app was uninstalled); returns interviews deleted."""
    interviews = delete_interviews(session, Interview.team_id == team_id)
    session.execute(delete(Prompt).where(Prompt.team_id == team_id))
    session.execute(delete(TemplateSave).where(TemplateSave.team_id == team_id))
    session.execute(delete(Template).where(Template.team_id == team_id))
    session.execute(delete(SharedTemplate).where(SharedTemplate.team_id == team_id))
    session.execute(delete(UserSettings).where(UserSettings.team_id == team_id))
    session.execute(delete(ProcessedEvent).where(ProcessedEvent.team_id == team_id))
    session.execute(delete(SendBudget).where(SendBudget.team_id == team_id))
    session.expire_all()
    return interviews


def delete_interviews(session: Session, condition: ColumnElement[bool]) -> int:
    """Delete the interviews matching `condition` with their interviewers and prompts."""
    ids = select(Interview.id).where(condition)
    count = _count(session, Interview, condition)
    session.execute(delete(Prompt).where(Prompt.interview_id.in_(ids)))
    session.execute(delete(Interviewer).where(Interviewer.interview_id.in_(ids)))
    session.execute(delete(UndoPoint).where(UndoPoint.interview_id.in_(ids)))
    session.execute(delete(Interview).where(condition))
    return count


def _count(session: Session, model: type, condition: ColumnElement[bool]) -> int:
    return int(session.scalar(select(func.count()).select_from(model).where(condition)) or 0)
