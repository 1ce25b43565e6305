"""Undo: how an interview was before a change (an outcome, Mark sent, skip, snooze), and putting
it back exactly: reopened, people unthanked, skipped prompts pending again.

A point stays usable until the next prompt of that interview is sent; after that the
conversation has moved on and the point is stale.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from slackbot.domain.cadence import Preferences
from slackbot.domain.facts import InterviewFacts
from slackbot.domain.interviews import Owner
from slackbot.domain.prompts import sync_prompts
from slackbot.driver_sql import Driver, Prepared, driver_of
from slackbot.models import Interview, PromptStatus, UndoPoint

HOME_UNDO_WINDOW = timedelta(hours=1)
_TIMES = ("closed_at", "heard_at", "follow_up_done_at", "snoozed_until")
_VALUES = ("outcome", "snoozed_kind", "revision")


def save_point(session: Session, interview: Interview, *, label: str, now: datetime) -> UndoPoint:
    """Remember the interview as it is now, before the change described by `label`."""
    state: dict[str, Any] = {name: getattr(interview, name) for name in _VALUES}
    state.update({name: _iso(getattr(interview, name)) for name in _TIMES})
    state["thanked"] = {str(p.id): _iso(p.thanked_at) for p in interview.interviewers}
    state["skipped"] = [p.id for p in interview.prompts if _done_by_skip(p.status, p.sent_at)]
    point = UndoPoint(
        team_id=interview.team_id,
        user_id=interview.user_id,
        interview_id=interview.id,
        label=label[:80],
        state=json.dumps(state),
        created_at=now,
    )
    session.add(point)
    session.flush()
    return point


def point_by_id(session: Session, owner: Owner, point_id: int) -> UndoPoint | None:
    return session.scalar(_owned(owner).where(UndoPoint.id == point_id))


def latest_point(
    session: Session, owner: Owner, interview_id: int | None = None
) -> UndoPoint | None:
    """The user's most recent point (for one interview, when given)."""
    query = _owned(owner).order_by(UndoPoint.created_at.desc(), UndoPoint.id.desc()).limit(1)
    if interview_id is not None:
        query = query.where(UndoPoint.interview_id == interview_id)
    return session.scalar(query)


def interview_of(session: Session, point: UndoPoint) -> Interview | None:
    return session.get(Interview, point.interview_id)


def still_undoable(interview: InterviewFacts, changed_at: datetime) -> bool:
    """False once a prompt of the interview was sent after the change."""
    return not any(
        p.status == PromptStatus.SENT and p.sent_at and p.sent_at > changed_at
        for p in interview.prompts
    )


def undo(
    session: Session, interview: Interview, point: UndoPoint, *, prefs: Preferences, now: datetime
) -> None:
    """Put the interview back as the point saw it, and plan its prompts from there."""
    state = json.loads(point.state)
    for name in _VALUES:
        setattr(interview, name, state[name])
    for name in _TIMES:
        setattr(interview, name, _time(state[name]))
    thanked = state["thanked"]
    for person in interview.interviewers:
        if str(person.id) in thanked:
            person.thanked_at = _time(thanked[str(person.id)])
    for prompt in interview.prompts:
        if _done_by_skip(prompt.status, prompt.sent_at) and prompt.id not in state["skipped"]:
            # Skipped by the change being undone: no longer counts as done.
            prompt.status = PromptStatus.CANCELLED
    interview.updated_at = now
    # This point and any later one describe states that are gone now.
    for later in session.scalars(
        select(UndoPoint).where(
            UndoPoint.interview_id == interview.id, UndoPoint.created_at >= point.created_at
        )
    ):
        session.delete(later)
    session.flush()
    sync_prompts(session, interview, prefs, now)


def home_undo(
    on: Session | Driver, owner: Owner, interviews: Sequence[InterviewFacts], *, now: datetime
) -> tuple[int, str, str] | None:
    """(point id, label, company) of a change Home may still offer to undo, if any, read with
    the user's `interviews` that Home has loaded already.

    Only a change of the last hour: Home is not a history, and an Undo seen days later would
    read as a mystery.
    """
    who = {"team_id": owner.team_id, "user_id": owner.user_id}
    found = driver_of(on).values(_LATEST, who)
    if not found:
        return None
    point_id, label, interview_id, created_at = found[0]
    if now - created_at > HOME_UNDO_WINDOW:
        return None
    interview = next((i for i in interviews if i.id == interview_id), None)
    if interview is None or not still_undoable(interview, created_at):
        return None
    return point_id, label, interview.company


# Built once: Home reads it on every publish.
_LATEST = Prepared(
    select(UndoPoint.id, UndoPoint.label, UndoPoint.interview_id, UndoPoint.created_at)
    .where(UndoPoint.team_id == bindparam("team_id"), UndoPoint.user_id == bindparam("user_id"))
    .order_by(UndoPoint.created_at.desc(), UndoPoint.id.desc())
    .limit(1)
)


def _owned(owner: Owner) -> Any:
    return select(UndoPoint).where(
        UndoPoint.team_id == owner.team_id, UndoPoint.user_id == owner.user_id
    )


def _done_by_skip(status: str, sent_at: datetime | None) -> bool:
    return status == PromptStatus.SKIPPED and sent_at is not None


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment else None


def _time(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text) if text else None
