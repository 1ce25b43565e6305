"""`/interview templates`, `/interview template …`, sharing, saving and the message shortcut.

The saver of a shared template is told by DM, so that the click's response_url carries exactly
one post: the channel message updated in place with its save count.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from slack_bolt import Ack, App, BoltContext, Respond
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from sqlalchemy.orm import Session

from slackbot.blocks import ids
from slackbot.blocks.template_modal import build_form_errors, build_template_modal
from slackbot.blocks.template_sharing import (
    build_popular,
    build_save_gone,
    build_save_result,
    build_shared_post,
)
from slackbot.blocks.templates import (
    build_builtin_default,
    build_delete_confirm,
    build_deleted,
    build_kept,
    build_now_default,
    build_template_gone,
    build_template_list,
    build_template_saved,
)
from slackbot.blocks.text import build_error as build_template_error
from slackbot.db import transaction
from slackbot.domain.interviews import Owner
from slackbot.domain.sharing import (
    popular_templates,
    save_shared_template,
    share_template,
)
from slackbot.domain.slack_text import mentioned_user_ids, slack_to_plain
from slackbot.domain.template_forms import (
    NAME_EXAMPLE,
    TemplateFormErrors,
    TemplateInput,
    builtin_named,
    normalise_name,
    read_template_form,
    unique_name,
)
from slackbot.domain.templates import (
    BUILTINS,
    TemplateGone,
    TemplateKind,
    default_kind_of,
    defaults_of,
    delete_template,
    find_template,
    my_templates,
    save_template,
    taken_names,
    template_by_id,
    use_builtin,
    use_template,
)
from slackbot.domain.user_input import InputError
from slackbot.listeners.context import (
    Actor,
    Press,
    Reply,
    Request,
    actor_for,
    on_press,
    open_sealed,
    open_view,
    owner_from,
    payload_id,
    view_metadata,
)
from slackbot.listeners.replies import reply_later
from slackbot.models import Template
from slackbot.services import Services

logger = logging.getLogger(__name__)

VERBS = ("new", "edit", "copy", "delete", "use", "share")
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


# -- `/interview templates [popular]` ------------------------------------------------------------


def templates_command(request: Request) -> Reply:
    actor = request.actor
    option = request.args.strip().lower()
    with actor.services.sessions() as session:
        if not option:
            mine = my_templates(session, actor.owner)
            return build_template_list(mine, defaults=defaults_of(actor.settings))
        if option == "popular":
            shared = popular_templates(session, actor.owner.team_id)
            return build_popular(shared, viewer_id=actor.owner.user_id)
    return build_template_error(
        f"I don't know “templates {request.args}”.", "/interview templates popular"
    )


# -- `/interview template <verb> <name>` ---------------------------------------------------------


def template_command(request: Request) -> Reply:
    verb, _, rest = request.args.partition(" ")
    action = TEMPLATE_VERBS.get(verb.lower())
    try:
        if action is None:
            raise _unknown_verb(verb)
        return action(request, normalise_name(rest))
    except InputError as error:
        # Rendered here, escaped: problems quote the name as typed, which may hold markup.
        return build_template_error(error.problem, error.example)


def _new(request: Request, name: str) -> Reply:
    _open(request, build_template_modal(name=name or None, response_url=request.response_url))
    return None


def _edit(request: Request, name: str) -> Reply:
    actor = request.actor
    with actor.services.sessions() as session:
        template = _mine(session, actor.owner, name, verb="edit")
        view = _edit_view(template, request.response_url)
    _open(request, view)
    return None


def _copy(request: Request, name: str) -> Reply:
    actor = request.actor
    with actor.services.sessions() as session:
        kind = builtin_named(name)
        if kind is not None:
            view = _builtin_copy_view(session, actor.owner, kind, request.response_url)
        else:
            source = _mine(session, actor.owner, name, verb="copy")
            view = build_template_modal(
                title="Copy template",
                name=unique_name(source.name, taken_names(session, actor.owner)),
                kind=TemplateKind(source.kind),
                body=source.body,
                response_url=request.response_url,
            )
    _open(request, view)
    return None


def _delete(request: Request, name: str) -> Reply:
    actor = request.actor
    with actor.services.sessions() as session:
        template = _mine(session, actor.owner, name, verb="delete")
        default_for = default_kind_of(session, actor.owner, template)
        return build_delete_confirm(template, default_for=default_for)


def _use(request: Request, name: str) -> Reply:
    actor = request.actor
    with transaction(actor.services.sessions) as session:
        kind = builtin_named(name)
        if kind is not None:
            # Not an edit: choosing a built-in is how a user goes back to it.
            changed = use_builtin(session, actor.owner, kind, now=actor.now)
            return build_builtin_default(kind, changed=changed)
        template = _mine(session, actor.owner, name, verb="use")
        use_template(session, actor.owner, template, now=actor.now)
        return build_now_default(template)


def _share(request: Request, name: str) -> Reply:
    actor = request.actor
    with transaction(actor.services.sessions) as session:
        template = _mine(session, actor.owner, name, verb="share")
        shared = share_template(
            session, actor.owner, template, channel_id=request.channel_id, now=actor.now
        )
        # An in-channel reply to the command: it posts even where the bot is not a member.
        return build_shared_post(shared)


TEMPLATE_VERBS: dict[str, Callable[[Request, str], Reply]] = {
    "new": _new,
    "edit": _edit,
    "copy": _copy,
    "delete": _delete,
    "use": _use,
    "share": _share,
}


def _open(request: Request, view: dict[str, Any]) -> None:
    request.ack()
    open_view(request.actor, request.trigger_id, view)


def _unknown_verb(verb: str) -> InputError:
    choices = ", ".join(VERBS)
    problem = (
        f"Tell me what to do with a template: {choices}."
        if not verb
        else f"I don't know “template {verb}”. Use one of: {choices}."
    )
    return InputError(problem, example="/interview template new")


def _mine(session: Session, owner: Owner, name: str, *, verb: str) -> Template:
    """The user's template named `name`, or an InputError that says what to type instead."""
    if not name:
        raise InputError(
            "Which template? Add its name.", example=f"/interview template {verb} {NAME_EXAMPLE}"
        )
    kind = builtin_named(name)
    if kind is not None:
        problem = (
            f"Everyone already has the built-in “{kind.value}”. Copy it, make it yours, "
            "then share your copy."
            if verb == "share"
            else f"“{kind.value}” is a built-in template, and built-ins are read-only. "
            "Copy it to make your own version."
        )
        raise InputError(problem, example=f"/interview template copy {kind.value}")
    template = find_template(session, owner, name)
    if template is None:
        names = [t.name for t in my_templates(session, owner)]
        if not names:
            raise InputError(
                f"You have no template named “{name}”; you have none of your own yet.",
                example="/interview template new",
            )
        more = "…" if len(names) > 5 else ""
        raise InputError(
            f"You have no template named “{name}”. Yours: {', '.join(names[:5])}{more}",
            example=f"/interview template {verb} {names[0]}",
        )
    return template


def _builtin_copy_view(
    session: Session, owner: Owner, kind: TemplateKind, response_url: str | None
) -> dict[str, Any]:
    return build_template_modal(
        title="Copy template",
        name=unique_name(f"My {kind.value}", taken_names(session, owner)),
        kind=kind,
        body=BUILTINS[kind],
        response_url=response_url,
    )


# -- the template modal --------------------------------------------------------------------------


def handle_template_submission(
    ack: Ack, body: dict[str, Any], view: dict[str, Any], context: BoltContext, client: WebClient
) -> None:
    actor = actor_for(body, context, client)
    meta = view_metadata(view)
    try:
        data = _read_form(view)
        with transaction(actor.services.sessions) as session:
            template_id = _int(meta.get("template_id"))
            saved = save_template(
                session, actor.owner, data, template_id=template_id, now=actor.now
            )
            is_default = default_kind_of(session, actor.owner, saved.template) is not None
            reply = build_template_saved(saved, is_default=is_default)
    except TemplateFormErrors as invalid:
        ack(response_action="errors", errors=build_form_errors(invalid.errors))
        return
    except TemplateGone as gone:
        ack(response_action="errors", errors={ids.TPL_F_NAME: gone.problem})
        return
    ack()
    user_id, response_url = actor.owner.user_id, meta.get("response_url")
    reply_later(client, user_id=user_id, response_url=response_url, reply=reply)


def _read_form(view: dict[str, Any]) -> TemplateInput:
    values = (view.get("state") or {}).get("values") or {}

    def state(block_id: str) -> dict[str, Any]:
        return (values.get(block_id) or {}).get(block_id) or {}

    option = state(ids.TPL_F_KIND).get("selected_option") or {}
    return read_template_form(
        name=state(ids.TPL_F_NAME).get("value"),
        kind=option.get("value"),
        body=state(ids.TPL_F_BODY).get("value"),
    )


# -- buttons -------------------------------------------------------------------------------------


@on_press
def handle_save_shared(press: Press) -> None:
    actor = press.actor
    shared_id = _int(press.value)
    result = save_shared_template(actor.services.sessions, actor.owner, shared_id, now=actor.now)
    if result is None:
        press.respond(replace_original=False, **build_save_gone())
        return
    # The bot may not be in the channel: the click's response_url replaces the post in place.
    press.respond(replace_original=True, **build_shared_post(result.shared))
    _dm(actor.client, actor.owner.user_id, build_save_result(result))


@on_press
def handle_save_popular(press: Press) -> None:
    actor = press.actor
    shared_id = _int(press.value)
    result = save_shared_template(actor.services.sessions, actor.owner, shared_id, now=actor.now)
    # The list is the user's own ephemeral reply: keep it, and confirm beneath it.
    reply = build_save_gone() if result is None else build_save_result(result)
    press.respond(replace_original=False, **reply)


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
        template = template_by_id(session, actor.owner, _int(raw_id))
        if template is None:
            reply = build_template_gone()
        elif verb == "edit":
            view = _edit_view(template, press.body.get("response_url"))
        elif verb == "use":
            reply = _make_default(session, actor, template)
        else:
            default_for = default_kind_of(session, actor.owner, template)
            reply = build_delete_confirm(template, default_for=default_for)
    if view is not None:
        open_view(actor, press.body["trigger_id"], view)
    if reply is not None:
        press.respond(replace_original=False, **reply)


@on_press
def handle_delete_confirm(press: Press) -> None:
    _on_template(press, _delete)


def _on_template(press: Press, act: Callable[[Session, Actor, Template], dict[str, Any]]) -> None:
    """Apply `act` to the template the button names (if it is still this user's), and replace
    the message with its answer."""
    actor = press.actor
    with transaction(actor.services.sessions) as session:
        template = template_by_id(session, actor.owner, _int(press.value))
        reply = build_template_gone() if template is None else act(session, actor, template)
    press.respond(replace_original=True, **reply)


def _make_default(session: Session, actor: Actor, template: Template) -> dict[str, Any]:
    use_template(session, actor.owner, template, now=actor.now)
    return build_now_default(template)


def _delete(session: Session, actor: Actor, template: Template) -> dict[str, Any]:
    name = template.name
    fell_back = delete_template(session, actor.owner, template, now=actor.now)
    return build_deleted(name, fell_back=fell_back)


def handle_delete_keep(ack: Ack, respond: Respond) -> None:
    ack()
    respond(replace_original=True, **build_kept())


@on_press
def handle_open_modal(press: Press) -> None:
    """`New template` (list, Home tab) and `Copy` on a built-in."""
    actor = press.actor
    kind = builtin_named(press.value)
    response_url = press.body.get("response_url")
    if press.action.get("action_id") == ids.TPL_COPY_BUILTIN and kind is not None:
        with actor.services.sessions() as session:
            view = _builtin_copy_view(session, actor.owner, kind, response_url)
    else:
        view = build_template_modal(response_url=response_url)
    open_view(actor, press.body["trigger_id"], view)


def _edit_view(template: Template, response_url: str | None) -> dict[str, Any]:
    return build_template_modal(
        title="Edit template",
        name=template.name,
        kind=TemplateKind(template.kind),
        body=template.body,
        template_id=template.id,
        response_url=response_url,
    )


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


def _int(value: object) -> int | None:
    return payload_id(value)
