"""Applying a DM reply to the right interview: which one it means, and what it changes."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from slackbot.domain.cadence import Preferences
from slackbot.domain.fields import check_topic
from slackbot.domain.heard_back import hear_back
from slackbot.domain.interviews import (
    Owner,
    mark_followed_up,
    mark_thanked,
    open_interviews,
)
from slackbot.domain.names import join_names
from slackbot.domain.prompts import sync_prompts
from slackbot.domain.snoozing import next_due, snooze_interview
from slackbot.domain.typed_replies import (
    FollowedUp,
    HeardBack,
    Reply,
    Sent,
    Snooze,
    Topic,
    Undo,
    match_people,
    names_someone,
)
from slackbot.domain.undo import latest_point, save_point, still_undoable, undo
from slackbot.domain.user_input import InputError
from slackbot.models import Interview, Interviewer, Outcome, Prompt, PromptKind, PromptStatus


@dataclass
class Target:
    interview: Interview | None = None
    choices: list[Interview] = field(default_factory=list)
    # The prompt replied to, when the reply is in its thread.
    prompt: Prompt | None = None


@dataclass
class Applied:
    """What happened, for the one-line confirmation; `ask_*` when the bot must ask first."""

    text: str
    changed: bool = False
    ask_people: list[Interviewer] = field(default_factory=list)
    ask_outcome: bool = False
    # "I'll remind you" and when, said in the user's time.
    later: tuple[str, datetime] | None = None
    # An outcome recorded, and for a rejection the gracious reply drafted.
    outcome: Outcome | None = None
    draft: str | None = None
    # The point an Undo button takes back; `undone` when this reply was itself an undo.
    undo_id: int | None = None
    undone: bool = False


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
            return Target(interview=prompt.interview, prompt=prompt)
    if isinstance(reply, Undo):
        # `undo` at the top level takes back the user's latest change, whichever interview.
        point = latest_point(session, owner)
        return Target(interview=session.get(Interview, point.interview_id) if point else None)
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
    kind: PromptKind | None = None,
    my_name: str = "",
) -> Applied:
    """Apply an understood reply to this interview (and person, when already chosen).

    `kind` is the prompt replied to in its thread, when known: a bare `sent` under a follow-up
    means the follow-up went out, not a thank-you.
    """
    if isinstance(reply, Undo):
        return _undo(session, interview, prefs=prefs, now=now)
    if interview.closed_at is not None:
        return Applied(f"Your {interview.company} interview is already closed.")
    if isinstance(reply, HeardBack) and reply.outcome is None:
        return Applied("What did you hear back?", ask_outcome=True)
    label = _LABELS.get(type(reply))
    # A topic is just edited again; every other change can be taken back.
    point = save_point(session, interview, label=label, now=now) if label else None
    applied = _change(
        session, interview, reply, prefs=prefs, now=now, person=person, kind=kind, my_name=my_name
    )
    if applied.changed and point is not None:
        applied.undo_id = point.id
    return applied


_LABELS = {
    HeardBack: "the outcome",
    Snooze: "the snooze",
    FollowedUp: "the follow-up marked done",
    Sent: "the thank-you marked sent",
}


def _undo(session: Session, interview: Interview, *, prefs: Preferences, now: datetime) -> Applied:
    owner = Owner(team_id=interview.team_id, user_id=interview.user_id)
    point = latest_point(session, owner, interview.id)
    if point is None:
        return Applied(f"There's nothing to undo for {interview.company}.")
    if not still_undoable(interview, point.created_at):
        return Applied(
            f"It's too late to undo that: a newer prompt for {interview.company} has gone out "
            "since. Reply to that one instead."
        )
    undo(session, interview, point, prefs=prefs, now=now)
    return Applied(
        f"Undone: {point.label} ({interview.company}). Everything is as it was before.",
        changed=True,
        undone=True,
    )


def _change(
    session: Session,
    interview: Interview,
    reply: Reply,
    *,
    prefs: Preferences,
    now: datetime,
    person: Interviewer | None,
    kind: PromptKind | None,
    my_name: str,
) -> Applied:
    if isinstance(reply, HeardBack):
        assert reply.outcome is not None
        heard = hear_back(session, interview, reply.outcome, prefs=prefs, now=now, my_name=my_name)
        return Applied(heard.words, changed=True, outcome=heard.outcome, draft=heard.draft)
    if isinstance(reply, Snooze):
        return _snooze(session, interview, reply, prefs=prefs, now=now, kind=kind)
    if isinstance(reply, FollowedUp) or (
        isinstance(reply, Sent) and not reply.names and kind in _FOLLOW_UP_KINDS
    ):
        mark_followed_up(interview, now=now)
        session.flush()
        sync_prompts(session, interview, prefs, now)
        due = next_due(interview, PromptKind.CLOSURE)
        later = ("If there's still no word, I'll check in", due) if due else None
        return Applied("Marked as followed up.", changed=True, later=later)
    if isinstance(reply, Sent):
        return _sent(session, interview, reply, prefs=prefs, now=now, person=person)
    assert isinstance(reply, Topic)
    return _topic(interview, reply, person=person)


_FOLLOW_UP_KINDS = (PromptKind.FOLLOW_UP, PromptKind.CLOSURE)


def _snooze(
    session: Session,
    interview: Interview,
    reply: Snooze,
    *,
    prefs: Preferences,
    now: datetime,
    kind: PromptKind | None,
) -> Applied:
    latest = kind or _latest_kind(interview)
    if latest is None:
        return Applied(f"Nothing to snooze yet: no prompt about {interview.company} has been sent.")
    due = snooze_interview(session, interview, reply, kind=PromptKind(latest), prefs=prefs, now=now)
    later = ("I'll remind you", due) if due else None
    return Applied(f"Snoozed {interview.company}.", changed=True, later=later)


def _sent(
    session: Session,
    interview: Interview,
    reply: Sent,
    *,
    prefs: Preferences,
    now: datetime,
    person: Interviewer | None,
) -> Applied:
    everyone = list(interview.interviewers)
    pending = [p for p in everyone if p.thanked_at is None]
    if person is not None:
        people = [person]
    elif reply.names:
        people = []
        for name in reply.names:
            found = match_people(everyone, name)
            if not found:
                return Applied(
                    f"No one called “{name}” interviewed you at {interview.company} "
                    f"({_names(everyone)})."
                )
            if len(found) > 1:
                return Applied(f"Which “{name}” do you mean?", ask_people=found)
            people.append(found[0])
    elif reply.everyone or len(pending) <= 1:
        people = pending
    else:
        return Applied("Whom did you send a thank-you to?", ask_people=pending)
    if not people:
        return Applied(f"Everyone at {interview.company} was already marked thanked.")
    marked = [p for p in people if mark_thanked(p, now=now)]
    if not marked:
        verb = "was" if len(people) == 1 else "were"
        return Applied(f"{_names(people)} {verb} already marked thanked.")
    sync_prompts(session, interview, prefs, now)
    return Applied(f"Marked thank-you sent to {_names(marked)}.", changed=True)


def _topic(interview: Interview, reply: Topic, *, person: Interviewer | None) -> Applied:
    if person is None:
        people = match_people(list(interview.interviewers), reply.name)
        if not people:
            everyone = _names(list(interview.interviewers))
            return Applied(
                f"No one called “{reply.name}” interviewed you at {interview.company} ({everyone})."
            )
        if len(people) > 1:
            return Applied(f"Which “{reply.name}” do you mean?", ask_people=people)
        person = people[0]
    try:
        person.topic = check_topic(reply.topic)
    except InputError as error:
        return Applied(error.problem)
    return Applied(f"Noted for {person.name}: {person.topic}", changed=True)


def _latest_kind(interview: Interview) -> str | None:
    """The kind of the prompt most recently sent: what `snooze` snoozes."""
    sent = [p for p in interview.prompts if p.status == PromptStatus.SENT and p.sent_at]
    latest = max(sent, key=lambda p: p.sent_at or interview.starts_at, default=None)
    return latest.kind if latest else None


def _names(people: list[Interviewer]) -> str:
    return join_names([p.name for p in people])
