"""`/interview templates [popular]` and `/interview template <verb> <name>`."""

from __future__ import annotations

from collections.abc import Callable

from slackbot.blocks.template_modal import build_template_modal
from slackbot.blocks.template_sharing import build_popular, build_shared_post
from slackbot.blocks.templates import (
    build_builtin_default,
    build_delete_confirm,
    build_now_default,
    build_template_list,
)
from slackbot.blocks.text import build_error
from slackbot.db import transaction
from slackbot.domain.sharing import popular_templates, share_template
from slackbot.domain.template_forms import builtin_named, normalise_name, unique_name
from slackbot.domain.templates import (
    TemplateKind,
    default_kind_of,
    defaults_of,
    my_templates,
    taken_names,
    use_builtin,
    use_template,
)
from slackbot.domain.user_input import InputError
from slackbot.interactions.shapes import Reply, Request, opening
from slackbot.interactions.template_forms import builtin_copy_view, edit_view, mine_named

VERBS = ("new", "edit", "copy", "delete", "use", "share")


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
    return build_error(f"I don't know “templates {request.args}”.", "/interview templates popular")


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
        return build_error(error.problem, error.example)


def _new_template(request: Request, name: str) -> Reply:
    view = build_template_modal(name=name or None, response_url=request.response_url)
    return opening(request.actor, request.trigger_id, view)


def _edit_template(request: Request, name: str) -> Reply:
    actor = request.actor
    with actor.services.sessions() as session:
        template = mine_named(session, actor.owner, name, verb="edit")
        view = edit_view(template, request.response_url)
    return opening(request.actor, request.trigger_id, view)


def _copy_template(request: Request, name: str) -> Reply:
    actor = request.actor
    with actor.services.sessions() as session:
        kind = builtin_named(name)
        if kind is not None:
            view = builtin_copy_view(session, actor.owner, kind, request.response_url)
        else:
            source = mine_named(session, actor.owner, name, verb="copy")
            view = build_template_modal(
                title="Copy template",
                name=unique_name(source.name, taken_names(session, actor.owner)),
                kind=TemplateKind(source.kind),
                body=source.body,
                response_url=request.response_url,
            )
    return opening(request.actor, request.trigger_id, view)


def _delete_template(request: Request, name: str) -> Reply:
    actor = request.actor
    with actor.services.sessions() as session:
        template = mine_named(session, actor.owner, name, verb="delete")
        default_for = default_kind_of(session, actor.owner, template)
        return build_delete_confirm(template, default_for=default_for)


def _use_template(request: Request, name: str) -> Reply:
    actor = request.actor
    with transaction(actor.services.sessions) as session:
        kind = builtin_named(name)
        if kind is not None:
            # Not an edit: choosing a built-in is how a user goes back to it.
            changed = use_builtin(session, actor.owner, kind, now=actor.now)
            return build_builtin_default(kind, changed=changed)
        template = mine_named(session, actor.owner, name, verb="use")
        use_template(session, actor.owner, template, now=actor.now)
        return build_now_default(template)


def _share_template(request: Request, name: str) -> Reply:
    actor = request.actor
    with transaction(actor.services.sessions) as session:
        template = mine_named(session, actor.owner, name, verb="share")
        shared = share_template(
            session, actor.owner, template, channel_id=request.channel_id, now=actor.now
        )
        # An in-channel reply to the command: it posts even where the bot is not a member.
        return build_shared_post(shared)


TEMPLATE_VERBS: dict[str, Callable[[Request, str], Reply]] = {
    "new": _new_template,
    "edit": _edit_template,
    "copy": _copy_template,
    "delete": _delete_template,
    "use": _use_template,
    "share": _share_template,
}


def _unknown_verb(verb: str) -> InputError:
    choices = ", ".join(VERBS)
    problem = (
        f"Tell me what to do with a template: {choices}."
        if not verb
        else f"I don't know “template {verb}”. Use one of: {choices}."
    )
    return InputError(problem, example="/interview template new")


SUBCOMMANDS = {"templates": templates_command, "template": template_command}
