"""What a shared invite means for the user's interviews: new, moved, unchanged or cancelled."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from slackbot.domain.cadence import Preferences
from slackbot.domain.interviewer_lists import InterviewerInput
from slackbot.domain.interviews import InterviewData, Owner, edit_interview
from slackbot.domain.invite_drafts import LogDraft
from slackbot.models import Interview


class Outcome(enum.StrEnum):
    NEW = "new"  # not logged yet: offer to log it
    MOVED = "moved"  # a later version of a logged invite: the interview moved with it
    UNCHANGED = "unchanged"  # this version was already logged
    CANCELLED = "cancelled"  # cancels a logged interview: offer to delete it
    NOTHING_TO_CANCEL = "nothing_to_cancel"


@dataclass(frozen=True)
class InviteResult:
    outcome: Outcome
    drafts: tuple[LogDraft, ...]
    interview: Interview | None = None
    was_at: datetime | None = None  # where a moved interview was before


def apply_invite(
    session: Session,
    owner: Owner,
    drafts: tuple[LogDraft, ...],
    *,
    cancels: bool,
    prefs: Preferences,
    now: datetime,
) -> InviteResult:
    """Match the invite to a logged interview by UID; move it when the invite is newer."""
    known = logged_from_invite(session, owner, drafts[0].uid) if len(drafts) == 1 else None
    if cancels:
        outcome = Outcome.CANCELLED if known else Outcome.NOTHING_TO_CANCEL
        return InviteResult(outcome, drafts, known)
    if known is None:
        return InviteResult(Outcome.NEW, drafts)
    draft = drafts[0]
    same_time = (draft.starts_at, draft.length_minutes) == (known.starts_at, known.length_minutes)
    if same_time or draft.sequence < (known.invite_sequence or 0):
        # The same version again, a change that does not move it, or an older copy.
        return InviteResult(Outcome.UNCHANGED, drafts, known)
    was_at = known.starts_at
    edit_interview(session, known, _moved(known, draft), prefs=prefs, now=now)
    return InviteResult(Outcome.MOVED, drafts, known, was_at=was_at)


def logged_from_invite(session: Session, owner: Owner, uid: str | None) -> Interview | None:
    if not uid:
        return None
    query = (
        select(Interview)
        .where(
            Interview.team_id == owner.team_id,
            Interview.user_id == owner.user_id,
            Interview.invite_uid == uid,
            Interview.closed_at.is_(None),
        )
        .order_by(Interview.id.desc())
        .limit(1)
    )
    return session.scalar(query)


def _moved(interview: Interview, draft: LogDraft) -> InterviewData:
    """The interview as it is, at the invite's new time; what the user wrote stays."""
    return InterviewData(
        company=interview.company,
        role=interview.role,
        starts_at=draft.starts_at,
        interviewers=tuple(
            InterviewerInput(name=p.name, title=p.title, email=p.email)
            for p in interview.interviewers
        ),
        length_minutes=draft.length_minutes,
        format=draft.format or interview.format,
        decision_by=interview.decision_by,
        notes=interview.notes,
        invite_uid=draft.uid,
        invite_sequence=draft.sequence,
    )
