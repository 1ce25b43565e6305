"""`/interview settings`, the Home tab's Settings button, and the settings modal."""

from __future__ import annotations

from slack_bolt import App

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
from slackbot.interactions.home_tab import data_changed
from slackbot.interactions.modals import open_view
from slackbot.interactions.response_urls import reply_later
from slackbot.interactions.shapes import (
    Answer,
    Press,
    Reply,
    Request,
    Submission,
    form_errors,
    on_press,
    on_submit,
    opening,
)


def register(app: App) -> None:
    app.action(ids.HOME_SETTINGS)(handle_open_settings)
    app.view(ids.SETTINGS_MODAL)(handle_settings_submission)


def settings_command(request: Request) -> Reply:
    view = build_settings_modal(request.actor.settings, response_url=request.response_url)
    return opening(request.actor, request.trigger_id, view)


@on_press
def handle_open_settings(press: Press) -> None:
    open_view(
        press.actor, press.trigger_id, build_settings_modal(press.actor.settings, response_url=None)
    )


@on_submit
def handle_settings_submission(submission: Submission) -> Answer:
    actor = submission.actor
    try:
        choice = read_settings_form(read_settings_state(submission.values))
    except FormErrors as invalid:
        return form_errors(block_errors(invalid.errors))
    with transaction(actor.services.sessions) as session:
        settings, rescheduled = save_settings(session, actor.owner, choice, now=actor.now)
        reply = build_settings_saved(
            settings, zone=str(zone_of(settings).key), rescheduled=rescheduled
        )
    # Opened by the slash command: confirm there. From Home, the republished tab shows it.
    response_url = submission.metadata.get("response_url")

    def then() -> None:
        if response_url:
            reply_later(
                actor.client, user_id=actor.owner.user_id, response_url=response_url, reply=reply
            )
        data_changed(actor)

    return Answer(then=then)


SUBCOMMANDS = {"settings": settings_command}
