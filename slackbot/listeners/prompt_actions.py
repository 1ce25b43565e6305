"""Buttons on prompts: each checks ownership, changes what is scheduled, updates the message."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from slack_bolt import App, Respond
from slack_sdk.errors import SlackApiError
from sqlalchemy.orm import Session

from slackbot.blocks import ids
from slackbot.blocks.interviews import OUTCOME_LABELS
from slackbot.blocks.prompts import (
    build_outcome_buttons,
    build_prompt,
    build_stale,
    snooze_line,
    with_status,
)
from slackbot.blocks.text import actions, build_plain_reply, button
from slackbot.blocks.timefmt import local_datetime
from slackbot.db import transaction
from slackbot.domain.interviews import (
    interview_by_id,
    mark_followed_up,
    mark_thanked,
    record_outcome,
)
from slackbot.domain.prompts import sync_prompts
from slackbot.listeners.context import Actor, Press, data_changed, on_press
from slackbot.listeners.interview_actions import parse_value
from slackbot.models import Interview, Outcome, Prompt, PromptKind, PromptStatus

logger = logging.getLogger(__name__)

NOT_YOURS = "That button belongs to someone else's prompt. Nothing was changed."


@dataclass
class Click:
    actor: Actor
    session: Session
    prompt: Prompt
    interview: Interview
    extra: str


Handler = Callable[[Click], dict[str, Any] | None]


def register(app: App) -> None:
    for action_id, handler in HANDLERS.items():
        app.action(action_id)(_listener(handler))


def _listener(handler: Handler) -> Callable[..., None]:
    def press_prompt(press: Press) -> None:
        actor = press.actor
        prompt_id, extra = parse_value(press.value)
        with actor.services.message_updates(actor.owner):
            if not _apply_click(actor, handler, press.body, press.respond, prompt_id, extra):
                return
        data_changed(actor)

    press_prompt.__name__ = f"handle_{handler.__name__}"
    return on_press(press_prompt)


def _apply_click(
    actor: Actor,
    handler: Handler,
    body: dict[str, Any],
    respond: Respond,
    prompt_id: int | None,
    extra: str,
) -> bool:
    """Apply the click and update its message in place; False when the prompt isn't theirs.

    Only the prompt's own message (its stored channel and ts) is ever changed with
    chat.update, and only with what the bot renders itself; the container and blocks a payload
    names are never trusted. A click naming no prompt gets its notice through the click's own
    response URL, which Slack binds to the message that was clicked.
    """
    with transaction(actor.services.sessions) as session:
        prompt = session.get(Prompt, prompt_id or -1)
        if prompt is None:
            gone = build_stale(is_stale(None) or "")
            if body.get("response_url"):
                respond(replace_original=True, text=gone["text"], blocks=gone["blocks"])
            return True
        if prompt.team_id != actor.owner.team_id or prompt.user_id != actor.owner.user_id:
            if body.get("response_url"):
                respond(replace_original=False, **build_plain_reply(NOT_YOURS))
            return False
        reason = is_stale(prompt)
        click = Click(actor, session, prompt, prompt.interview, extra)
        message = build_stale(reason, _render(click)["blocks"]) if reason else handler(click)
        channel, ts = prompt.channel_id, prompt.message_ts
    if message is not None and channel and ts:
        actor.client.chat_update(
            channel=channel, ts=ts, text=message["text"], blocks=message["blocks"]
        )
    return True


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


def _render(click: Click) -> dict[str, Any]:
    return build_prompt(
        PromptKind(click.prompt.kind),
        click.interview,
        prompt_id=click.prompt.id,
        zone=click.actor.zone,
        now=click.actor.now,
        sent_at=click.prompt.sent_at,
    )


def _resync(click: Click) -> None:
    click.session.flush()
    sync_prompts(click.session, click.interview, click.actor.prefs, click.actor.now)


def mark_sent(click: Click) -> dict[str, Any]:
    person = next((p for p in click.interview.interviewers if str(p.id) == click.extra), None)
    if person is not None:
        mark_thanked(person, now=click.actor.now)
        _resync(click)
    return _render(click)


def snooze(click: Click) -> dict[str, Any]:
    days = int(click.extra) if click.extra.isdigit() and 0 < int(click.extra) <= 30 else 1
    click.interview.snoozed_until = click.actor.now + timedelta(days=days)
    click.interview.snoozed_kind = click.prompt.kind
    _resync(click)
    due = _next_due(click.interview)
    status = snooze_line(due, click.actor.zone) if due else ":zzz: Snoozed."
    return _with_status(click, status)


def heard_back(click: Click) -> dict[str, Any]:
    message = _render(click)
    return {**message, "blocks": build_outcome_buttons(message["blocks"], click.prompt.id)}


def outcome(click: Click) -> dict[str, Any]:
    chosen = Outcome(click.extra) if click.extra in set(Outcome) else None
    if chosen is None:
        return heard_back(click)
    record_outcome(click.session, click.interview, chosen, now=click.actor.now)
    label = OUTCOME_LABELS[chosen].lower()
    message = _with_status(
        click, f":white_check_mark: Recorded *{label}*. No more prompts for this interview."
    )
    if chosen == Outcome.NEXT_ROUND:
        message["blocks"].append(
            actions(
                button(
                    "Log the next round",
                    ids.LOG_NEXT_ROUND,
                    str(click.interview.id),
                    style="primary",
                )
            )
        )
    return message


def followed_up(click: Click) -> dict[str, Any]:
    mark_followed_up(click.interview, now=click.actor.now)
    _resync(click)
    due = _next_due(click.interview, PromptKind.CLOSURE)
    later = (
        f" If there's still no word, I'll check in {local_datetime(due, click.actor.zone)}."
        if due
        else ""
    )
    return _with_status(click, f":white_check_mark: Marked as followed up.{later}")


def close_no_response(click: Click) -> dict[str, Any]:
    record_outcome(click.session, click.interview, Outcome.NO_RESPONSE, now=click.actor.now)
    return _with_status(
        click,
        ":white_check_mark: Closed with no response. You did everything right; on to the next one.",
    )


def _with_status(click: Click, status: str) -> dict[str, Any]:
    message = _render(click)
    return {**message, "blocks": with_status(message["blocks"], status)}


def _next_due(interview: Interview, kind: PromptKind | None = None) -> datetime | None:
    pending = [
        p.due_at
        for p in interview.prompts
        if p.status == PromptStatus.PENDING and (kind is None or p.kind == kind)
    ]
    return min(pending, default=None)


def rerender_prompts(actor: Actor, interview_id: int) -> None:
    """After a change made elsewhere (a DM reply), bring the interview's sent prompts up to date."""
    # Read and post under the lock: a render read before another change must not land after it.
    with actor.services.message_updates(actor.owner):
        _rerender(actor, interview_id)


def _rerender(actor: Actor, interview_id: int) -> None:
    with actor.services.sessions() as session:
        interview = interview_by_id(session, actor.owner, interview_id)
        if interview is None:
            return
        updates = []
        for prompt in _recent_sent(interview):
            reason = is_stale(prompt)
            if reason is None and prompt.kind not in (PromptKind.THANK_YOU, PromptKind.NUDGE):
                continue
            message = build_prompt(
                PromptKind(prompt.kind),
                interview,
                prompt_id=prompt.id,
                zone=actor.zone,
                now=actor.now,
                sent_at=prompt.sent_at,
            )
            if reason is not None:
                message = build_stale(reason, message["blocks"])
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


HANDLERS: dict[str, Handler] = {
    ids.MARK_SENT: mark_sent,
    ids.SNOOZE: snooze,
    ids.HEARD_BACK: heard_back,
    ids.PROMPT_OUTCOME: outcome,
    ids.FOLLOWED_UP: followed_up,
    ids.CLOSE_NO_RESPONSE: close_no_response,
}
