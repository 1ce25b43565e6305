"""Applying a DM reply to the right interview: which one it means, and what it changes."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from slackbot.domain.cadence import Preferences
from slackbot.domain.interviews import Owner, mark_thanked, open_interviews, record_outcome
from slackbot.domain.names import join_names
from slackbot.domain.parsing import InputError, check_topic
from slackbot.domain.prompts import sync_prompts
from slackbot.domain.replies import (
    HeardBack,
    Reply,
    Sent,
    Snooze,
    Topic,
    match_people,
    names_someone,
)
from slackbot.models import Interview, Interviewer, Prompt, PromptStatus


@dataclass
class Target:
    interview: Interview | None = None
    choices: list[Interview] = field(default_factory=list)


@dataclass
class Applied:
    """What happened, for the one-line confirmation; `ask_*` when the bot must ask first."""

    text: str
    changed: bool = False
    ask_people: list[Interviewer] = field(default_factory=list)
    ask_outcome: bool = False


def find_target(
    session: Session, owner: Owner, reply: Reply, *, channel_id: str, thread_ts: str | None
) -> Target:
    if thread_ts:
        prompt = session.scalar(
            select(Prompt).where(
                Prompt.team_id == owner.team_id,
                Prompt.user_id == owner.user_id,
                Prompt.channel_id == channel_id,
                Prompt.message_ts == thread_ts,
            )
        )
        if prompt is not None:
            return Target(interview=prompt.interview)
    candidates = open_interviews(session, owner)
    name = names_someone(reply)
    if name:
        named = [i for i in candidates if match_people(list(i.interviewers), name)]
        candidates = named or candidates
    prompted = [i for i in candidates if _last_sent(i) is not None]
    candidates = sorted(prompted or candidates, key=_recency, reverse=True)
    if len(candidates) <= 1 or (not name and not isinstance(reply, HeardBack) and prompted):
        # One candidate; or a reply that names nobody and changes nothing final
        # (`sent all`, `snooze`): it goes to the latest prompt.
        return Target(interview=candidates[0] if candidates else None)
    return Target(choices=candidates)


def _last_sent(interview: Interview) -> datetime | None:
    sent = [p.sent_at for p in interview.prompts if p.status == PromptStatus.SENT and p.sent_at]
    return max(sent, default=None)


def _recency(interview: Interview) -> datetime:
    return _last_sent(interview) or interview.starts_at


def apply_reply(
    session: Session,
    interview: Interview,
    reply: Reply,
    *,
    prefs: Preferences,
    now: datetime,
    person: Interviewer | None = None,
) -> Applied:
    """Apply an understood reply to this interview (and person, when already chosen)."""
    if interview.closed_at is not None:
        return Applied(f"Your {interview.company} interview is already closed.")
    if isinstance(reply, HeardBack):
        if reply.outcome is None:
            return Applied("What did you hear back?", ask_outcome=True)
        record_outcome(session, interview, reply.outcome, now=now)
        label = reply.outcome.value.replace("-", " ")
        return Applied(
            f"Recorded *{label}* for {interview.company}. No more prompts for it.", changed=True
        )
    if isinstance(reply, Snooze):
        kind = _latest_kind(interview)
        if kind is None:
            return Applied(
                f"Nothing to snooze yet: no prompt about {interview.company} has been sent."
            )
        interview.snoozed_until = now + timedelta(days=reply.days)
        interview.snoozed_kind = kind
        sync_prompts(session, interview, prefs, now)
        days = "a day" if reply.days == 1 else f"{reply.days} days"
        return Applied(f"Snoozed {interview.company} for {days}.", changed=True)
    if isinstance(reply, Sent) and reply.name is None:
        people = [p for p in interview.interviewers if mark_thanked(p, now=now)]
        sync_prompts(session, interview, prefs, now)
        if not people:
            return Applied(f"Everyone at {interview.company} was already marked thanked.")
        return Applied(f"Marked thank-you sent to {_names(people)}.", changed=True)
    assert isinstance(reply, Sent | Topic)
    return _apply_to_person(session, interview, reply, prefs=prefs, now=now, person=person)


def _apply_to_person(
    session: Session,
    interview: Interview,
    reply: Sent | Topic,
    *,
    prefs: Preferences,
    now: datetime,
    person: Interviewer | None,
) -> Applied:
    name = reply.name or ""
    if person is None:
        people = match_people(list(interview.interviewers), name)
        if not people:
            everyone = _names(list(interview.interviewers))
            return Applied(
                f"No one called “{name}” interviewed you at {interview.company} ({everyone})."
            )
        if len(people) > 1:
            return Applied(f"Which “{name}” do you mean?", ask_people=people)
        person = people[0]
    if isinstance(reply, Topic):
        try:
            person.topic = check_topic(reply.topic)
        except InputError as error:
            return Applied(error.problem)
        return Applied(f"Noted for {person.name}: {person.topic}", changed=True)
    if not mark_thanked(person, now=now):
        return Applied(f"{person.name} was already marked thanked.")
    sync_prompts(session, interview, prefs, now)
    return Applied(f"Marked thank-you sent to {person.name}.", changed=True)


def _latest_kind(interview: Interview) -> str | None:
    """The kind of the prompt most recently sent: what `snooze` snoozes."""
    sent = [p for p in interview.prompts if p.status == PromptStatus.SENT and p.sent_at]
    latest = max(sent, key=lambda p: p.sent_at or interview.starts_at, default=None)
    return latest.kind if latest else None


def _names(people: list[Interviewer]) -> str:
    return join_names([p.name for p in people])
