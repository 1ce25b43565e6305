"""Interviews: log, look up (always scoped to workspace + user), edit, cancel, hear back."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import Select, select
from sqlalchemy.orm import Session, selectinload

from slackbot.domain.cadence import Preferences
from slackbot.domain.interviewer_lists import InterviewerInput
from slackbot.domain.prompts import cancel_pending, owes_no_thanks, sync_prompts
from slackbot.domain.user_input import InputError
from slackbot.models import Interview, Interviewer, Outcome, PromptKind

# Good news still deserves the thank-yous not yet sent: a next round most of all.
KEEPS_THANKS = (Outcome.NEXT_ROUND, Outcome.OFFER)

LIST_EXAMPLE = "/interview list"


class NotFound(InputError):
    """No interview of this user matches."""


@dataclass(frozen=True, kw_only=True)
class InterviewData:
    company: str
    role: str
    starts_at: datetime
    interviewers: tuple[InterviewerInput, ...]
    length_minutes: int = 60
    format: str | None = None
    decision_by: date | None = None
    notes: str | None = None
    # The calendar invite it came from, so an updated or cancelled invite finds it.
    invite_uid: str | None = None
    invite_sequence: int | None = None


@dataclass(frozen=True)
class Owner:
    team_id: str
    user_id: str


def _owned(owner: Owner) -> Select[Interview]:
    return select(Interview).where(
        Interview.team_id == owner.team_id, Interview.user_id == owner.user_id
    )


def edit_interview(
    session: Session,
    interview: Interview,
    data: InterviewData,
    *,
    prefs: Preferences,
    now: datetime,
) -> Interview:
    _apply(interview, data, now)
    interview.revision += 1
    interview.updated_at = now
    session.flush()
    sync_prompts(session, interview, prefs, now)
    return interview


def _apply(interview: Interview, data: InterviewData, now: datetime) -> None:
    interview.company = data.company
    interview.role = data.role
    interview.starts_at = data.starts_at
    interview.length_minutes = data.length_minutes
    interview.format = data.format
    interview.decision_by = data.decision_by
    interview.notes = data.notes
    if data.invite_uid is not None:
        interview.invite_uid = data.invite_uid
        interview.invite_sequence = data.invite_sequence
    # Keep what is known about people who stay (topic, thanked) when the list is edited.
    known = {i.name.casefold(): i for i in interview.interviewers}
    people = []
    for position, entry in enumerate(data.interviewers):
        person = known.pop(entry.name.casefold(), None) or Interviewer(
            name=entry.name, created_at=now
        )
        person.name, person.title, person.email = entry.name, entry.title, entry.email
        person.position = position
        people.append(person)
    interview.interviewers = people


def open_interviews(session: Session, owner: Owner) -> list[Interview]:
    query = (
        _owned(owner)
        .where(Interview.closed_at.is_(None))
        .order_by(Interview.starts_at)
        .options(selectinload(Interview.prompts))
    )
    return list(session.scalars(query))


def interview_by_id(session: Session, owner: Owner, interview_id: int) -> Interview | None:
    """An interview named by an id from a payload: only returned if this user owns it."""
    return session.scalar(_owned(owner).where(Interview.id == interview_id))


def interview_by_number(session: Session, owner: Owner, number: int) -> Interview:
    interview = session.scalar(_owned(owner).where(Interview.number == number))
    if interview is None:
        raise NotFound(
            f"You have no interview #{number}.",
            example=f"{LIST_EXAMPLE} shows your interviews and their numbers",
        )
    return interview


def open_by_company(session: Session, owner: Owner, text: str) -> list[Interview]:
    needle = text.strip().casefold()
    matches = [i for i in open_interviews(session, owner) if i.company.casefold() == needle]
    if matches:
        return matches
    return [i for i in open_interviews(session, owner) if i.company.casefold().startswith(needle)]


def record_outcome(
    session: Session,
    interview: Interview,
    outcome: Outcome,
    *,
    now: datetime,
    prefs: Preferences | None = None,
) -> None:
    """Hearing back closes the interview and stops every pending prompt.

    A next round or an offer (given `prefs`) keeps the thank-you reminders for anyone not yet
    thanked; the interview closes when the last of them is thanked.
    """
    interview.outcome = outcome
    interview.heard_at = interview.updated_at = now
    if prefs is not None and outcome in KEEPS_THANKS and not owes_no_thanks(interview):
        session.flush()
        sync_prompts(session, interview, prefs, now)
        return
    interview.closed_at = now
    interview.revision += 1
    cancel_pending(interview)
    session.flush()


def cancel_interview(session: Session, interview: Interview) -> None:
    session.delete(interview)
    session.flush()


def mark_followed_up(interview: Interview, *, now: datetime) -> None:
    """The follow-up went out: closure is counted from now, and a snoozed follow-up is spent."""
    interview.follow_up_done_at = now
    if interview.snoozed_kind == PromptKind.FOLLOW_UP:
        interview.snoozed_until = interview.snoozed_kind = None


def mark_thanked(interviewer: Interviewer, *, now: datetime) -> bool:
    """Record a sent thank-you; False when it was already recorded."""
    if interviewer.thanked_at is not None:
        return False
    interviewer.thanked_at = now
    return True
