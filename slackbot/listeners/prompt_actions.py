"""Buttons on prompts: each checks ownership, changes what is scheduled, updates the message."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from slack_bolt import App, Respond
from slack_sdk.errors import SlackApiError
from sqlalchemy.orm import Session

from slackbot.blocks import ids
from slackbot.blocks.interviews import OUTCOME_LABELS
from slackbot.blocks.outcomes import outcome_blocks
from slackbot.blocks.prompts import (
    build_outcome_buttons,
    build_prompt,
    build_stale,
    snooze_line,
    with_status,
)
from slackbot.blocks.text import build_plain_reply
from slackbot.blocks.timefmt import relative_datetime
from slackbot.blocks.undo import with_undo
from slackbot.db import transaction
from slackbot.domain.interviews import (
    interview_by_id,
    mark_followed_up,
    mark_thanked,
    record_outcome,
)
from slackbot.domain.prompts import sync_prompts
from slackbot.domain.snoozing import next_due, snooze_interview
from slackbot.domain.typed_replies import Snooze, read_reply
from slackbot.domain.undo import save_point
from slackbot.listeners.context import Actor, Press, data_changed, on_press
from slackbot.listeners.interview_actions import heard_from, parse_value
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
    return render_sent(click.actor, click.prompt, click.interview)


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
    # The button carries a reply phrase (`in 2 hours`); older buttons carry a number of days.
    wanted = read_reply(f"snooze {click.extra}")
    actor = click.actor
    due = snooze_interview(
        click.session,
        click.interview,
        wanted if isinstance(wanted, Snooze) else Snooze(asked=False),
        kind=PromptKind(click.prompt.kind),
        prefs=actor.prefs,
        now=actor.now,
    )
    status = snooze_line(due, actor.zone, actor.now) if due else ":zzz: Snoozed."
    return _with_status(click, status)


def heard_back(click: Click) -> dict[str, Any]:
    message = _render(click)
    return {**message, "blocks": build_outcome_buttons(message["blocks"], click.prompt.id)}


def outcome(click: Click) -> dict[str, Any]:
    chosen = Outcome(click.extra) if click.extra in set(Outcome) else None
    if chosen is None:
        return heard_back(click)
    heard = heard_from(click.actor, click.session, click.interview, chosen)
    message = _render(click)
    kept = [b for b in message["blocks"] if b.get("block_id") != "prompt_actions"]
    said = outcome_blocks(click.interview, chosen, heard.words, draft=heard.draft)
    return {**message, "blocks": [*kept, *said][:50]}


def followed_up(click: Click) -> dict[str, Any]:
    mark_followed_up(click.interview, now=click.actor.now)
    _resync(click)
    due = next_due(click.interview, PromptKind.CLOSURE)
    later = (
        " If there's still no word, I'll check in "
        f"{relative_datetime(due, click.actor.zone, click.actor.now)}."
        if due
        else ""
    )
    return _with_status(click, f":white_check_mark: Marked as followed up.{later}")


def closure_followed_up(click: Click) -> dict[str, Any]:
    """Closure asked whether they followed up, and they had: record it, then ask for closure."""
    if click.interview.follow_up_done_at is None:
        mark_followed_up(click.interview, now=click.actor.now)
        _resync(click)
    return _render(click)


def close_no_response(click: Click) -> dict[str, Any]:
    record_outcome(click.session, click.interview, Outcome.NO_RESPONSE, now=click.actor.now)
    return _with_status(
        click,
        ":white_check_mark: Closed without an answer. You did everything right; on to the next.",
    )


def _with_status(click: Click, status: str) -> dict[str, Any]:
    message = _render(click)
    return {**message, "blocks": with_status(message["blocks"], status)}


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


def _undoable(label: str, handler: Handler) -> Handler:
    """The handler, remembering the interview first so its message can offer Undo."""

    def remembering(click: Click) -> dict[str, Any] | None:
        point = save_point(click.session, click.interview, label=label, now=click.actor.now)
        message = handler(click)
        return with_undo(message, point.id) if message is not None else None

    remembering.__name__ = handler.__name__
    return remembering


HANDLERS: dict[str, Handler] = {
    ids.MARK_SENT: _undoable("the thank-you marked sent", mark_sent),
    ids.SNOOZE: _undoable("the snooze", snooze),
    ids.HEARD_BACK: heard_back,
    ids.PROMPT_OUTCOME: _undoable("the outcome", outcome),
    ids.FOLLOWED_UP: _undoable("the follow-up marked done", followed_up),
    ids.CLOSE_NO_RESPONSE: _undoable("closing it", close_no_response),
    ids.CLOSURE_FOLLOWED_UP: _undoable("the follow-up marked done", closure_followed_up),
}
