"""The bot's answer to an invite the user shared or pasted: log it, or say what it changed."""

from __future__ import annotations

from typing import Any

from slackbot.blocks.invites import (
    build_invite_cancels,
    build_invite_choice,
    build_invite_draft,
    build_invite_moved,
    build_invite_problem,
    build_invite_unchanged,
    build_nothing_to_cancel,
)
from slackbot.db import transaction
from slackbot.domain.invite_drafts import LogDraft, draft_from_event
from slackbot.domain.invite_people import Me
from slackbot.domain.invite_text import read_pasted_invite
from slackbot.domain.invite_updates import InviteResult, Outcome, apply_invite
from slackbot.domain.invites import InviteError, read_invite
from slackbot.domain.prompts import next_pending
from slackbot.interactions.actor import Actor

Answer = dict[str, Any]


def me_of(actor: Actor) -> Me:
    """How the user may appear among an invite's attendees."""
    names = (actor.settings.slack_real_name, actor.settings.sign_name)
    return Me(names=tuple(n for n in names if n))


def answer_invite_bytes(actor: Actor, data: bytes) -> tuple[Answer, bool]:
    """The reply to an .ics file, and whether the user's interviews changed."""
    try:
        invite = read_invite(data, now=actor.now, zone=actor.zone)
    except InviteError as error:
        return build_invite_problem(error.problem, error.example), False
    me = me_of(actor)
    drafts = tuple(draft_from_event(e, me=me) for e in invite.events)
    return answer_drafts(actor, drafts, cancels=invite.cancels)


def answer_pasted(actor: Actor, text: str) -> Answer | None:
    """The reply to an invite's text pasted into Slack; None when the text is not one."""
    pasted = read_pasted_invite(text, now=actor.now, zone=actor.zone)
    if pasted is None:
        return None
    draft = draft_from_event(pasted.event, me=me_of(actor))
    return build_invite_draft(draft, zone=actor.zone, now=actor.now, sure=pasted.certain)


def answer_drafts(
    actor: Actor, drafts: tuple[LogDraft, ...], *, cancels: bool = False
) -> tuple[Answer, bool]:
    with transaction(actor.services.sessions) as session:
        result = apply_invite(
            session, actor.owner, drafts, cancels=cancels, prefs=actor.prefs, now=actor.now
        )
        return _render(actor, result), result.outcome == Outcome.MOVED


def _render(actor: Actor, result: InviteResult) -> Answer:
    interview = result.interview
    if result.outcome == Outcome.NOTHING_TO_CANCEL or interview is None:
        if result.outcome == Outcome.NOTHING_TO_CANCEL:
            return build_nothing_to_cancel()
        if len(result.drafts) > 1:
            return build_invite_choice(result.drafts, zone=actor.zone)
        return build_invite_draft(result.drafts[0], zone=actor.zone, now=actor.now)
    if result.outcome == Outcome.CANCELLED:
        return build_invite_cancels(interview)
    if result.outcome == Outcome.MOVED and result.was_at is not None:
        first = next_pending(interview)
        return build_invite_moved(
            interview,
            was_at=result.was_at,
            zone=actor.zone,
            first_due=first.due_at if first else None,
        )
    return build_invite_unchanged(interview, zone=actor.zone)
