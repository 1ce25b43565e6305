"""The App Home tab: published when opened; its Mark sent, Snooze and Skip buttons."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from slack_bolt import App, BoltContext
from slack_sdk import WebClient

from slackbot.blocks import ids
from slackbot.db import transaction
from slackbot.domain.home import mark_note_sent, skip_prompt, snooze_prompt
from slackbot.interactions.actor import actor_for
from slackbot.interactions.home_tab import data_changed, home_opened
from slackbot.interactions.prompt_messages import rerender_prompts
from slackbot.interactions.shapes import Press, on_press


def register(app: App) -> None:
    app.event("app_home_opened")(handle_app_home_opened)
    app.action(ids.HOME_MARK_SENT)(handle_mark_sent)
    app.action(ids.HOME_SNOOZE)(handle_snooze)
    app.action(ids.HOME_SKIP)(handle_skip)


def handle_app_home_opened(
    event: dict[str, Any], body: dict[str, Any], context: BoltContext, client: WebClient
) -> None:
    if event.get("tab") == "home":
        # actor_for refreshes the Slack profile (time zone) when the stored copy is a day old.
        home_opened(actor_for(body, context, client))


@on_press
def handle_mark_sent(press: Press) -> None:
    actor = press.actor
    with transaction(actor.services.sessions) as session:
        interview = mark_note_sent(
            session, actor.owner, press.value_id, prefs=actor.prefs, now=actor.now
        )
        interview_id = interview.id if interview else None
    if interview_id is not None:
        rerender_prompts(actor, interview_id)  # the thank-you DM gets its check mark too
    data_changed(actor)


@on_press
def handle_snooze(press: Press) -> None:
    _change_prompt(press, snooze_prompt)


@on_press
def handle_skip(press: Press) -> None:
    _change_prompt(press, skip_prompt)


def _change_prompt(press: Press, change: Callable[..., object]) -> None:
    actor = press.actor
    with transaction(actor.services.sessions) as session:
        change(session, actor.owner, press.value_id, prefs=actor.prefs, now=actor.now)
    data_changed(actor)
