"""Sent prompt messages kept true: whether their buttons still apply, and re-rendering them
after a change made elsewhere (a DM reply, Home, a draft, an undo)."""

from __future__ import annotations

import logging
from typing import Any

from slack_sdk.errors import SlackApiError
from sqlalchemy.orm import Session

from slackbot.blocks.interviews import OUTCOME_LABELS
from slackbot.blocks.prompts import build_prompt, build_stale, with_status
from slackbot.blocks.timefmt import relative_datetime
from slackbot.domain.interviews import interview_by_id, mark_followed_up
from slackbot.domain.prompts import sync_prompts
from slackbot.domain.snoozing import next_due
from slackbot.interactions.actor import Actor
from slackbot.models import Interview, Outcome, Prompt, PromptKind, PromptStatus

logger = logging.getLogger(__name__)


def is_stale(prompt: Prompt | None) -> str | None:
    """Why the prompt's buttons no longer apply (deleted, closed or edited), or None."""
    if prompt is None:
        return "This interview was deleted, so there's nothing more to do here."
    interview = prompt.interview
    if interview.closed_at is not None:
        label = OUTCOME_LABELS[Outcome(interview.outcome)] if interview.outcome else "Closed"
        return f"You've closed this interview ({label.lower()}). Nothing was changed."
    if prompt.interview_revision is not None and prompt.interview_revision != interview.revision:
        return (
            "This interview was edited after this message was sent; `/interview list` shows "
            "it as it is now. Nothing was changed."
        )
    return None


def render_sent(actor: Actor, prompt: Prompt, interview: Interview) -> dict[str, Any]:
    """A sent prompt as it reads now, its buttons live."""
    return build_prompt(
        PromptKind(prompt.kind),
        interview,
        prompt_id=prompt.id,
        zone=actor.zone,
        now=actor.now,
        sent_at=prompt.sent_at,
    )


def with_status_line(
    actor: Actor, prompt: Prompt, interview: Interview, status: str
) -> dict[str, Any]:
    message = render_sent(actor, prompt, interview)
    return {**message, "blocks": with_status(message["blocks"], status)}


def followed_up(
    actor: Actor, session: Session, prompt: Prompt, interview: Interview
) -> dict[str, Any]:
    """Record the follow-up as done; the follow-up prompt as it reads after that."""
    mark_followed_up(interview, now=actor.now)
    session.flush()
    sync_prompts(session, interview, actor.prefs, actor.now)
    due = next_due(interview, PromptKind.CLOSURE)
    later = (
        f" If there's still no word, I'll check in {relative_datetime(due, actor.zone, actor.now)}."
        if due
        else ""
    )
    return with_status_line(
        actor, prompt, interview, f":white_check_mark: Marked as followed up.{later}"
    )


def rerender_prompts(
    actor: Actor, interview_id: int, *, everything: bool = False, besides: str | None = None
) -> None:
    """After a change made elsewhere (a DM reply), bring the interview's sent prompts up to date.

    Follow-up and closure prompts keep the status line a button left, unless `everything`
    (after an undo, when that line no longer holds). `besides`: a message already updated.
    """
    # Read and post under the lock: a render read before another change must not land after it.
    with actor.services.message_updates(actor.owner):
        _rerender(actor, interview_id, everything=everything, besides=besides)


def _rerender(actor: Actor, interview_id: int, *, everything: bool, besides: str | None) -> None:
    with actor.services.sessions() as session:
        interview = interview_by_id(session, actor.owner, interview_id)
        if interview is None:
            return
        updates = []
        for prompt in _recent_sent(interview):
            if prompt.message_ts == besides:
                continue
            reason = is_stale(prompt)
            if (
                reason is None
                and not everything
                and prompt.kind not in (PromptKind.THANK_YOU, PromptKind.NUDGE)
            ):
                continue
            message = render_sent(actor, prompt, interview)
            if reason is not None:
                message = build_stale(reason, message["blocks"])
            if prompt.channel_id and prompt.message_ts:
                updates.append((prompt.channel_id, prompt.message_ts, message))
    for channel, ts, message in updates:
        try:
            actor.client.chat_update(
                channel=channel, ts=ts, text=message["text"], blocks=message["blocks"]
            )
        except SlackApiError as error:
            # The change itself is saved; an old DM that can't be updated is cosmetic.
            logger.warning("chat.update of a sent prompt failed: %s", error.response.get("error"))


def _recent_sent(interview: Interview, limit: int = 3) -> list[Prompt]:
    sent = [
        p
        for p in interview.prompts
        if p.status == PromptStatus.SENT and p.channel_id and p.message_ts
    ]
    return sorted(sent, key=lambda p: p.sent_at or interview.starts_at)[-limit:]
