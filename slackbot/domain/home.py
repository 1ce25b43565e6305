"""What the Home tab shows, what its buttons do, and saving settings (opened from Home too).

Every lookup is scoped to the acting user's workspace and user id: ids from payloads are never
trusted alone. The snapshot is built from plain values so the Home builder stays pure.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from slackbot.domain.cadence import Preferences, candidates
from slackbot.domain.facts import InterviewFacts, PromptFacts
from slackbot.domain.interviews import Owner, mark_thanked
from slackbot.domain.prompts import prompt_for_user, sync_prompts, timeline_of
from slackbot.domain.undo import save_point
from slackbot.models import (
    Interview,
    Interviewer,
    Prompt,
    PromptKind,
    PromptStatus,
)

UPCOMING_LIMIT = 5
HOME_SNOOZE_DAYS = 1
# Skip must move the cadence past a prompt for good, not just cancel one row that the next
# sync_prompts would recreate. Thank-you and follow-up can be moved past with fields the
# cadence already reads (see _move_past). Nudge and closure cannot: that needs prompts.sent_at
# to count a user-skipped row as done, so until then Home offers Skip for these two only.
SKIPPABLE = frozenset(PromptKind)
THANK_YOU_KINDS = frozenset({PromptKind.THANK_YOU, PromptKind.NUDGE})


# -- what Home shows ------------------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class NoteDue:
    interviewer_id: int
    name: str
    title: str | None
    number: int
    company: str
    role: str


@dataclass(frozen=True, kw_only=True)
class Upcoming:
    prompt_id: int
    kind: PromptKind
    due_at: datetime
    number: int
    company: str
    role: str
    skippable: bool


@dataclass(frozen=True, kw_only=True)
class Waiting:
    number: int
    company: str
    role: str
    starts_at: datetime
    days_since: int
    interviewers: tuple[str, ...]
    # Which round of its application (1 unless logged as a next round).
    round: int = 1


@dataclass(frozen=True, kw_only=True)
class HomeSnapshot:
    first_time: bool
    notes_due: tuple[NoteDue, ...] = ()
    upcoming: tuple[Upcoming, ...] = ()
    pending_total: int = 0
    waiting: tuple[Waiting, ...] = ()


def home_snapshot(
    interviews: Sequence[InterviewFacts], *, zone: ZoneInfo, now: datetime
) -> HomeSnapshot:
    """What Home shows, from all of the user's interviews (open and closed)."""
    if not interviews:
        return HomeSnapshot(first_time=True)
    opened = [i for i in interviews if i.closed_at is None]
    notes = [
        NoteDue(
            interviewer_id=person.id,
            name=person.name,
            title=person.title,
            number=interview.number,
            company=interview.company,
            role=interview.role,
        )
        for interview in opened
        if thank_you_started(interview, now)
        for person in interview.interviewers
        if person.thanked_at is None
    ]
    pending = sorted(
        ((p, i) for i in opened for p in i.prompts if p.status == PromptStatus.PENDING),
        key=lambda pair: (pair[0].due_at, pair[0].id),
    )
    upcoming = tuple(_upcoming(p, i) for p, i in pending[:UPCOMING_LIMIT])
    rounds = round_numbers(interviews)
    waiting = tuple(
        replace(_waiting(i, zone, now), round=rounds[i.id]) for i in opened if i.starts_at <= now
    )
    return HomeSnapshot(
        first_time=False,
        notes_due=tuple(notes),
        upcoming=upcoming,
        pending_total=len(pending),
        waiting=waiting,
    )


def round_numbers(interviews: Sequence[InterviewFacts]) -> dict[int, int]:
    """Each interview's round in its application, following the next-round links."""
    previous = {i.id: i.previous_id for i in interviews}
    rounds: dict[int, int] = {}
    for interview in interviews:
        count, seen, at = 1, {interview.id}, previous.get(interview.id)
        while at in previous and at not in seen:
            seen.add(at)
            count, at = count + 1, previous[at]
        rounds[interview.id] = count
    return rounds


def thank_you_started(interview: InterviewFacts, now: datetime) -> bool:
    """Whether thank-you notes are due: the thank-you prompt went out, or its time has come."""
    for prompt in interview.prompts:
        if prompt.kind not in THANK_YOU_KINDS:
            continue
        if prompt.status in (PromptStatus.SENT, PromptStatus.SENDING):
            return True
        if is_skipped_by_user(prompt):
            return True
        if prompt.status == PromptStatus.PENDING and prompt.due_at <= now:
            return True
    return False


def _upcoming(prompt: PromptFacts, interview: InterviewFacts) -> Upcoming:
    kind = PromptKind(prompt.kind)
    return Upcoming(
        prompt_id=prompt.id,
        kind=kind,
        due_at=prompt.due_at,
        number=interview.number,
        company=interview.company,
        role=interview.role,
        skippable=kind in SKIPPABLE,
    )


def _waiting(interview: InterviewFacts, zone: ZoneInfo, now: datetime) -> Waiting:
    # Calendar days in the user's zone: "yesterday" is 1 day even if only 10 hours ago.
    days = (now.astimezone(zone).date() - interview.starts_at.astimezone(zone).date()).days
    return Waiting(
        number=interview.number,
        company=interview.company,
        role=interview.role,
        starts_at=interview.starts_at,
        days_since=max(days, 0),
        interviewers=tuple(p.name for p in interview.interviewers),
    )


# -- Home buttons ---------------------------------------------------------------------------------


def mark_note_sent(
    session: Session, owner: Owner, interviewer_id: int, *, prefs: Preferences, now: datetime
) -> Interview | None:
    """Record a thank-you note as sent; None when that interviewer isn't this user's (open)."""
    person = session.scalar(
        select(Interviewer)
        .join(Interview)
        .where(
            Interviewer.id == interviewer_id,
            Interview.team_id == owner.team_id,
            Interview.user_id == owner.user_id,
            Interview.closed_at.is_(None),
        )
    )
    if person is None:
        return None
    interview = person.interview
    if mark_thanked(person, now=now):
        interview.updated_at = now
        session.flush()
        # Everyone thanked: the nudge is no longer wanted.
        sync_prompts(session, interview, prefs, now)
    return interview


def snooze_prompt(
    session: Session,
    owner: Owner,
    prompt_id: int,
    *,
    prefs: Preferences,
    now: datetime,
    days: int = HOME_SNOOZE_DAYS,
) -> Prompt | None:
    """Push a pending prompt back by `days`; None when it isn't this user's pending prompt."""
    prompt = _own_pending(session, owner, prompt_id)
    if prompt is None:
        return None
    interview = prompt.interview
    save_point(session, interview, label="the snooze", now=now)
    # From Home a prompt may still be days away: snoozing pushes it back from when it was due,
    # never pulls it forward to tomorrow.
    interview.snoozed_until = max(prompt.due_at, now) + timedelta(days=days)
    interview.snoozed_kind = prompt.kind
    interview.updated_at = now
    session.flush()
    sync_prompts(session, interview, prefs, now)
    return prompt


def skip_prompt(
    session: Session, owner: Owner, prompt_id: int, *, prefs: Preferences, now: datetime
) -> Prompt | None:
    """Skip one pending prompt: it is never sent, and the cadence goes on as if it had been.

    "As if it had been" at its due time (or now, if that is later): skipping the thank-you of
    an interview that is still ahead must not bring its nudge before the interview. The row
    stays as history with status "skipped" and `sent_at` = that time; the pair marks a user's
    skip, since the dispatcher's own skips never have a `sent_at`.
    """
    prompt = _own_pending(session, owner, prompt_id)
    if prompt is None or PromptKind(prompt.kind) not in SKIPPABLE:
        return None
    interview = prompt.interview
    save_point(session, interview, label="the skip", now=now)
    done_at = max(prompt.due_at, now)
    prompt.status = PromptStatus.SKIPPED
    prompt.sent_at = done_at
    _move_past(interview, PromptKind(prompt.kind), prefs, done_at)
    interview.updated_at = now
    session.flush()
    sync_prompts(session, interview, prefs, now)
    return prompt


def is_skipped_by_user(prompt: PromptFacts) -> bool:
    return prompt.status == PromptStatus.SKIPPED and prompt.sent_at is not None


def _move_past(
    interview: Interview, kind: PromptKind, prefs: Preferences, done_at: datetime
) -> None:
    """Record the skip in fields the cadence reads, so no later sync recreates the prompt."""
    if kind == PromptKind.THANK_YOU:
        # The cadence's answer to "the thank-you went out at done_at" is a nudge next morning
        # for anyone still not thanked; a thank-you snooze until then says the same to it.
        as_if_sent = replace(
            timeline_of(interview),
            thank_you_sent_at=done_at,
            snoozed_until=None,
            snoozed_kind=None,
        )
        interview.snoozed_until = candidates(as_if_sent, prefs).get(PromptKind.NUDGE, done_at)
        interview.snoozed_kind = PromptKind.THANK_YOU
    elif kind == PromptKind.FOLLOW_UP:
        # Closure is counted from the follow-up; a snoozed follow-up would come back.
        interview.follow_up_done_at = done_at
        if interview.snoozed_kind == PromptKind.FOLLOW_UP:
            interview.snoozed_until = interview.snoozed_kind = None


def _own_pending(session: Session, owner: Owner, prompt_id: int) -> Prompt | None:
    prompt = prompt_for_user(
        session, prompt_id=prompt_id, team_id=owner.team_id, user_id=owner.user_id
    )
    if prompt is None or prompt.status != PromptStatus.PENDING:
        return None
    return prompt if prompt.interview.closed_at is None else None
