"""Keeps an interview's pending prompt rows in step with its cadence.

Sent prompts are history and never change; only pending rows are created, moved or cancelled.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from slackbot.domain.cadence import Preferences, Timeline, plan
from slackbot.domain.facts import InterviewFacts, PromptFacts
from slackbot.models import Interview, Prompt, PromptKind, PromptStatus


def sent_at(interview: Interview, kind: PromptKind) -> datetime | None:
    times = [
        p.sent_at
        for p in interview.prompts
        # A prompt the user skipped from Home is recorded as skipped *with* a time: it counts
        # as done. The dispatcher's own skips (superseded prompts) have no time.
        if p.kind == kind
        and p.status in (PromptStatus.SENT, PromptStatus.SKIPPED)
        and p.sent_at is not None
    ]
    return max(times, default=None)


def timeline_of(interview: Interview) -> Timeline:
    follow_ups = [
        t for t in (sent_at(interview, PromptKind.FOLLOW_UP), interview.follow_up_done_at) if t
    ]
    return Timeline(
        starts_at=interview.starts_at,
        ends_at=interview.ends_at,
        decision_by=interview.decision_by,
        thank_you_sent_at=sent_at(interview, PromptKind.THANK_YOU),
        nudge_sent_at=sent_at(interview, PromptKind.NUDGE),
        follow_up_sent_at=max(follow_ups, default=None),
        closure_sent_at=sent_at(interview, PromptKind.CLOSURE),
        everyone_thanked=all(i.thanked_at for i in interview.interviewers),
        closed=interview.closed_at is not None,
        thanks_only=interview.outcome is not None,
        snoozed_until=interview.snoozed_until,
        snoozed_kind=PromptKind(interview.snoozed_kind) if interview.snoozed_kind else None,
    )


def sync_prompts(session: Session, interview: Interview, prefs: Preferences, now: datetime) -> None:
    """Create, move or cancel the interview's pending prompts to match its plan.

    An interview heard back about while thank-yous were owed closes once the last is sent.
    """
    if interview.outcome and interview.closed_at is None and owes_no_thanks(interview):
        interview.closed_at = now
    wanted = plan(timeline_of(interview), prefs, now)
    pending = [p for p in interview.prompts if p.status == PromptStatus.PENDING]
    in_flight = {p.kind for p in interview.prompts if p.status == PromptStatus.SENDING}
    for prompt in pending:
        due = wanted.pop(PromptKind(prompt.kind), None)
        if due is None:
            prompt.status = PromptStatus.CANCELLED
        else:
            prompt.due_at = due
    for kind, due in wanted.items():
        if kind in in_flight:
            continue
        prompt = Prompt(
            team_id=interview.team_id,
            user_id=interview.user_id,
            kind=kind,
            due_at=due,
            status=PromptStatus.PENDING,
            attempts=0,
            created_at=now,
        )
        interview.prompts.append(prompt)
    session.flush()


def owes_no_thanks(interview: Interview) -> bool:
    return all(i.thanked_at for i in interview.interviewers)


def cancel_pending(interview: Interview) -> None:
    for prompt in interview.prompts:
        if prompt.status == PromptStatus.PENDING:
            prompt.status = PromptStatus.CANCELLED


def next_pending(interview: InterviewFacts) -> PromptFacts | None:
    pending = [p for p in interview.prompts if p.status == PromptStatus.PENDING]
    return min(pending, key=lambda p: p.due_at, default=None)


def prompt_for_user(
    session: Session, *, prompt_id: int, team_id: str, user_id: str
) -> Prompt | None:
    """A prompt by id, only if it belongs to this user in this workspace."""
    return session.scalar(
        select(Prompt).where(
            Prompt.id == prompt_id, Prompt.team_id == team_id, Prompt.user_id == user_id
        )
    )
