"""`/interview settings`, the Home tab's Settings button, and the settings modal."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App, BoltContext
from slack_sdk import WebClient

from slackbot.blocks import ids
from slackbot.blocks.settings import (
    block_errors,
    build_settings_modal,
    build_settings_saved,
    read_settings_state,
)
from slackbot.db import transaction
from slackbot.domain.forms import FormErrors
from slackbot.domain.profiles import zone_of
from slackbot.domain.settings import read_settings_form, save_settings
from slackbot.listeners.context import (
    Actor,
    Reply,
    Request,
    actor_for,
    data_changed,
    open_view,
    view_metadata,
)
from slackbot.listeners.replies import reply_later


def register(app: App) -> None:
    app.action(ids.HOME_SETTINGS)(handle_open_settings)
    app.view(ids.SETTINGS_MODAL)(handle_settings_submission)


def settings_command(request: Request) -> Reply:
    request.ack()
    open_settings(request.actor, trigger_id=request.trigger_id, response_url=request.response_url)
    return None


def handle_open_settings(
    ack: Ack, body: dict[str, Any], context: BoltContext, client: WebClient
) -> None:
    ack()
    open_settings(actor_for(body, context, client), trigger_id=body["trigger_id"])


def open_settings(actor: Actor, *, trigger_id: str, response_url: str | None = None) -> None:
    view = build_settings_modal(actor.settings, response_url=response_url)
    open_view(actor, trigger_id, view)


def handle_settings_submission(
    ack: Ack, body: dict[str, Any], view: dict[str, Any], context: BoltContext, client: WebClient
) -> None:
    actor = actor_for(body, context, client)
    try:
        choice = read_settings_form(read_settings_state(view["state"]["values"]))
    except FormErrors as invalid:
        ack(response_action="errors", errors=block_errors(invalid.errors))
        return
    with transaction(actor.services.sessions) as session:
        settings, rescheduled = save_settings(session, actor.owner, choice, now=actor.now)
        reply = build_settings_saved(
            settings, zone=str(zone_of(settings).key), rescheduled=rescheduled
        )
    ack()
    # Opened by the slash command: confirm there. From Home, the republished tab shows it.
    response_url = view_metadata(view).get("response_url")
    if response_url:
        reply_later(client, user_id=actor.owner.user_id, response_url=response_url, reply=reply)
    data_changed(actor)
