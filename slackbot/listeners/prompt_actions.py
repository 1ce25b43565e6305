"""Buttons on prompts: each checks ownership, changes what is scheduled, updates the message."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from slack_bolt import App
from sqlalchemy.orm import Session

from slackbot.blocks import ids
from slackbot.blocks.outcomes import outcome_blocks
from slackbot.blocks.prompts import build_outcome_buttons, build_stale, snooze_line
from slackbot.blocks.text import build_plain_reply
from slackbot.blocks.undo import with_undo
from slackbot.db import transaction
from slackbot.domain.interviews import mark_followed_up, mark_thanked, record_outcome
from slackbot.domain.prompts import sync_prompts
from slackbot.domain.snoozing import snooze_interview
from slackbot.domain.typed_replies import Snooze, read_reply
from slackbot.domain.undo import save_point
from slackbot.interactions.actor import Actor
from slackbot.interactions.home_tab import data_changed
from slackbot.interactions.outcomes import heard_from
from slackbot.interactions.prompt_messages import (
    followed_up,
    is_stale,
    render_sent,
    with_status_line,
)
from slackbot.interactions.shapes import Press, on_press
from slackbot.models import Interview, Outcome, Prompt, PromptKind

NOT_YOURS = "That button belongs to someone else's prompt. Nothing was changed."
# What Undo says it takes back, for both buttons that mark the follow-up done.
DONE = "the follow-up marked done"


@dataclass
class Click:
    """A press on a prompt's button, with the prompt and its interview loaded for change."""

    actor: Actor
    session: Session
    prompt: Prompt
    interview: Interview
    word: str

    def render(self) -> dict[str, Any]:
        return render_sent(self.actor, self.prompt, self.interview)

    def with_status(self, status: str) -> dict[str, Any]:
        return with_status_line(self.actor, self.prompt, self.interview, status)

    def resync(self) -> None:
        self.session.flush()
        sync_prompts(self.session, self.interview, self.actor.prefs, self.actor.now)


Change = Callable[[Click], dict[str, Any]]


def register(app: App) -> None:
    app.action(ids.MARK_SENT)(handle_mark_sent)
    app.action(ids.SNOOZE)(handle_snooze)
    app.action(ids.HEARD_BACK)(handle_heard_back)
    app.action(ids.PROMPT_OUTCOME)(handle_outcome)
    app.action(ids.FOLLOWED_UP)(handle_followed_up)
    app.action(ids.CLOSE_NO_RESPONSE)(handle_close_no_response)
    app.action(ids.CLOSURE_FOLLOWED_UP)(handle_closure_followed_up)


@on_press
def handle_mark_sent(press: Press) -> None:
    _on_prompt(press, mark_sent, undo="the thank-you marked sent")


@on_press
def handle_snooze(press: Press) -> None:
    _on_prompt(press, snooze, undo="the snooze")


@on_press
def handle_heard_back(press: Press) -> None:
    _on_prompt(press, heard_back)


@on_press
def handle_outcome(press: Press) -> None:
    _on_prompt(press, outcome, undo="the outcome")


@on_press
def handle_followed_up(press: Press) -> None:
    _on_prompt(press, follow_up_done, undo=DONE)


@on_press
def handle_close_no_response(press: Press) -> None:
    _on_prompt(press, close_no_response, undo="closing it")


@on_press
def handle_closure_followed_up(press: Press) -> None:
    _on_prompt(press, closure_followed_up, undo=DONE)


def _on_prompt(press: Press, change: Change, *, undo: str | None = None) -> None:
    """Apply the change and update the prompt's message in place, then Home.

    Only the prompt's own message (its stored channel and ts) is ever changed with
    chat.update, and only with what the bot renders itself; the container and blocks a payload
    names are never trusted. A click naming no prompt gets its notice through the click's own
    response URL, which Slack binds to the message that was clicked.
    """
    actor = press.actor
    prompt_id, word = press.id_and_word
    with actor.services.message_updates(actor.owner):
        with transaction(actor.services.sessions) as session:
            prompt = session.get(Prompt, prompt_id)
            if prompt is not None and not _owns(actor, prompt):
                if press.body.get("response_url"):
                    press.tell(build_plain_reply(NOT_YOURS))
                return
            if prompt is None:
                message, channel, ts = build_stale(is_stale(None) or ""), None, None
            else:
                click = Click(actor, session, prompt, prompt.interview, word)
                message = _changed(click, change, undo)
                channel, ts = prompt.channel_id, prompt.message_ts
        if channel and ts:
            actor.client.chat_update(
                channel=channel, ts=ts, text=message["text"], blocks=message["blocks"]
            )
        elif prompt is None and press.body.get("response_url"):
            press.replace(message)
    data_changed(actor)


def _owns(actor: Actor, prompt: Prompt) -> bool:
    return (prompt.team_id, prompt.user_id) == (actor.owner.team_id, actor.owner.user_id)


def _changed(click: Click, change: Change, undo: str | None) -> dict[str, Any]:
    """The message after the change, with Undo when it can be taken back; the message marked
    out of date, unchanged, when its buttons no longer apply."""
    reason = is_stale(click.prompt)
    if reason:
        return build_stale(reason, click.render()["blocks"])
    if undo is None:
        return change(click)
    point = save_point(click.session, click.interview, label=undo, now=click.actor.now)
    return with_undo(change(click), point.id)


def mark_sent(click: Click) -> dict[str, Any]:
    person = next((p for p in click.interview.interviewers if str(p.id) == click.word), None)
    if person is not None:
        mark_thanked(person, now=click.actor.now)
        click.resync()
    return click.render()


def snooze(click: Click) -> dict[str, Any]:
    # The button carries a reply phrase (`in 2 hours`); older buttons carry a number of days.
    wanted = read_reply(f"snooze {click.word}")
    actor = click.actor
    due = snooze_interview(
        click.session,
        click.interview,
        wanted if isinstance(wanted, Snooze) else Snooze(asked=False),
        kind=PromptKind(click.prompt.kind),
        prefs=actor.prefs,
        now=actor.now,
    )
    return click.with_status(snooze_line(due, actor.zone, actor.now) if due else ":zzz: Snoozed.")


def heard_back(click: Click) -> dict[str, Any]:
    message = click.render()
    return {**message, "blocks": build_outcome_buttons(message["blocks"], click.prompt.id)}


def outcome(click: Click) -> dict[str, Any]:
    chosen = Outcome(click.word) if click.word in set(Outcome) else None
    if chosen is None:
        return heard_back(click)
    heard = heard_from(click.actor, click.session, click.interview, chosen)
    message = click.render()
    kept = [b for b in message["blocks"] if b.get("block_id") != "prompt_actions"]
    said = outcome_blocks(click.interview, chosen, heard.words, draft=heard.draft)
    return {**message, "blocks": [*kept, *said][:50]}


def follow_up_done(click: Click) -> dict[str, Any]:
    return followed_up(click.actor, click.session, click.prompt, click.interview)


def closure_followed_up(click: Click) -> dict[str, Any]:
    """Closure asked whether they followed up, and they had: record it, then ask for closure."""
    if click.interview.follow_up_done_at is None:
        mark_followed_up(click.interview, now=click.actor.now)
        click.resync()
    return click.render()


def close_no_response(click: Click) -> dict[str, Any]:
    record_outcome(click.session, click.interview, Outcome.NO_RESPONSE, now=click.actor.now)
    return click.with_status(
        ":white_check_mark: Closed without an answer. You did everything right; on to the next."
    )
