"""Template buttons, the template modal, and the "Save as template" message shortcut.

The saver of a shared template is told by DM, so that the click's response_url carries exactly
one post: the channel message updated in place with its save count.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from slack_bolt import Ack, App, BoltContext
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from sqlalchemy.orm import Session

from slackbot.blocks import ids
from slackbot.blocks.button_values import read_id
from slackbot.blocks.template_modal import (
    build_form_errors,
    build_template_modal,
    read_template_state,
)
from slackbot.blocks.template_sharing import build_save_gone, build_save_result, build_shared_post
from slackbot.blocks.templates import (
    build_delete_confirm,
    build_deleted,
    build_kept,
    build_now_default,
    build_template_gone,
    build_template_saved,
)
from slackbot.db import transaction
from slackbot.domain.sharing import save_shared_template
from slackbot.domain.slack_text import mentioned_user_ids, slack_to_plain
from slackbot.domain.template_forms import (
    TemplateFormErrors,
    builtin_named,
)
from slackbot.domain.templates import (
    TemplateGone,
    default_kind_of,
    delete_template,
    save_template,
    template_by_id,
    use_template,
)
from slackbot.interactions.actor import Actor, owner_from
from slackbot.interactions.modals import open_sealed, open_view
from slackbot.interactions.response_urls import reply_later
from slackbot.interactions.shapes import Answer, Press, Submission, form_errors, on_press, on_submit
from slackbot.interactions.template_forms import builtin_copy_view, edit_view
from slackbot.models import Template
from slackbot.services import Services

logger = logging.getLogger(__name__)

# A shortcut must open its modal within the trigger's 3 seconds: look up only a few names.
MAX_NAME_LOOKUPS = 8


def register(app: App) -> None:
    app.view(ids.TEMPLATE_MODAL)(handle_template_submission)
    app.action(ids.TPL_SAVE_SHARED)(handle_save_shared)
    app.action(ids.TPL_SAVE_POPULAR)(handle_save_popular)
    app.action(ids.TPL_USE)(handle_use)
    app.action(ids.TPL_MENU)(handle_menu)
    app.action(ids.TPL_DELETE_CONFIRM)(handle_delete_confirm)
    app.action(ids.TPL_DELETE_KEEP)(handle_delete_keep)
    app.action(ids.TEMPLATE_NEW)(handle_open_modal)
    app.action(ids.TPL_COPY_BUILTIN)(handle_open_modal)
    app.shortcut(ids.TEMPLATE_SHORTCUT)(handle_save_as_template)


# -- the template modal --------------------------------------------------------------------------


@on_submit
def handle_template_submission(submission: Submission) -> Answer:
    actor, meta = submission.actor, submission.metadata
    try:
        data = read_template_state(submission.view)
        with transaction(actor.services.sessions) as session:
            template_id = read_id(meta.get("template_id"))
            saved = save_template(
                session, actor.owner, data, template_id=template_id, now=actor.now
            )
            is_default = default_kind_of(session, actor.owner, saved.template) is not None
            reply = build_template_saved(saved, is_default=is_default)
    except TemplateFormErrors as invalid:
        return form_errors(build_form_errors(invalid.errors))
    except TemplateGone as gone:
        return form_errors({ids.TPL_F_NAME: gone.problem})
    user_id, response_url = actor.owner.user_id, meta.get("response_url")
    return Answer(
        then=lambda: reply_later(
            actor.client, user_id=user_id, response_url=response_url, reply=reply
        )
    )


# -- buttons -------------------------------------------------------------------------------------


@on_press
def handle_save_shared(press: Press) -> None:
    actor = press.actor
    shared_id = read_id(press.value)
    result = save_shared_template(actor.services.sessions, actor.owner, shared_id, now=actor.now)
    if result is None:
        press.tell(build_save_gone())
        return
    # The bot may not be in the channel: the click's response_url replaces the post in place.
    press.replace(build_shared_post(result.shared))
    _dm(actor.client, actor.owner.user_id, build_save_result(result))


@on_press
def handle_save_popular(press: Press) -> None:
    actor = press.actor
    shared_id = read_id(press.value)
    result = save_shared_template(actor.services.sessions, actor.owner, shared_id, now=actor.now)
    # The list is the user's own ephemeral reply: keep it, and confirm beneath it.
    reply = build_save_gone() if result is None else build_save_result(result)
    press.tell(reply)


@on_press
def handle_use(press: Press) -> None:
    _on_template(press, _make_default)


@on_press
def handle_menu(press: Press) -> None:
    """The overflow menu on each of my templates: Edit, Make default, Delete."""
    actor = press.actor
    chosen = (press.action.get("selected_option") or {}).get("value") or ""
    verb, _, raw_id = chosen.partition(":")
    view = reply = None
    with transaction(actor.services.sessions) as session:
        template = template_by_id(session, actor.owner, read_id(raw_id))
        if template is None:
            reply = build_template_gone()
        elif verb == "edit":
            view = edit_view(template, press.body.get("response_url"))
        elif verb == "use":
            reply = _make_default(session, actor, template)
        else:
            default_for = default_kind_of(session, actor.owner, template)
            reply = build_delete_confirm(template, default_for=default_for)
    if view is not None:
        open_view(actor, press.trigger_id, view)
    if reply is not None:
        press.tell(reply)


@on_press
def handle_delete_confirm(press: Press) -> None:
    _on_template(press, _delete)


def _on_template(press: Press, act: Callable[[Session, Actor, Template], dict[str, Any]]) -> None:
    """Apply `act` to the template the button names (if it is still this user's), and replace
    the message with its answer."""
    actor = press.actor
    with transaction(actor.services.sessions) as session:
        template = template_by_id(session, actor.owner, read_id(press.value))
        reply = build_template_gone() if template is None else act(session, actor, template)
    press.replace(reply)


def _make_default(session: Session, actor: Actor, template: Template) -> dict[str, Any]:
    use_template(session, actor.owner, template, now=actor.now)
    return build_now_default(template)


def _delete(session: Session, actor: Actor, template: Template) -> dict[str, Any]:
    name = template.name
    fell_back = delete_template(session, actor.owner, template, now=actor.now)
    return build_deleted(name, fell_back=fell_back)


@on_press
def handle_delete_keep(press: Press) -> None:
    press.replace(build_kept())


@on_press
def handle_open_modal(press: Press) -> None:
    """`New template` (list, Home tab) and `Copy` on a built-in."""
    actor = press.actor
    kind = builtin_named(press.value)
    response_url = press.body.get("response_url")
    if press.action.get("action_id") == ids.TPL_COPY_BUILTIN and kind is not None:
        with actor.services.sessions() as session:
            view = builtin_copy_view(session, actor.owner, kind, response_url)
    else:
        view = build_template_modal(response_url=response_url)
    open_view(actor, press.trigger_id, view)


# -- the "Save as template" message shortcut -----------------------------------------------------


def handle_save_as_template(
    ack: Ack, body: dict[str, Any], context: BoltContext, client: WebClient
) -> None:
    ack()
    services: Services = context["services"]
    text = (body.get("message") or {}).get("text") or ""
    names = _user_names(client, mentioned_user_ids(text)[:MAX_NAME_LOOKUPS])
    view = build_template_modal(
        title="Save as template",
        body=slack_to_plain(text, user_names=names),
        response_url=body.get("response_url"),
    )
    # No Actor here: reading the user's settings first could cost the trigger's 3 seconds.
    open_sealed(client, services, owner_from(body), trigger_id=body["trigger_id"], view=view)


def _user_names(client: WebClient, user_ids: list[str]) -> dict[str, str]:
    """Display names for mentions; a user Slack can't tell us about stays an id."""
    names: dict[str, str] = {}
    for user_id in user_ids:
        try:
            user = client.users_info(user=user_id)["user"]
        except SlackApiError as error:
            logger.info("users.info failed for a mention: %s", error.response.get("error"))
            continue
        profile = user.get("profile") or {}
        name = profile.get("display_name") or user.get("real_name") or user.get("name")
        if name:
            names[user_id] = str(name)
    return names


# -- helpers -------------------------------------------------------------------------------------


def _dm(client: WebClient, user_id: str, reply: dict[str, Any]) -> None:
    try:
        client.chat_postMessage(channel=user_id, text=reply["text"], blocks=reply.get("blocks"))
    except SlackApiError as error:
        # The save itself is done and the channel post updated; only the note to the saver failed.
        logger.warning("could not DM the saver: %s", error.response.get("error"))
