"""What the template commands and buttons share: finding one of the user's templates by
name, and the modal that edits or copies one."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from slackbot.blocks.template_modal import build_template_modal
from slackbot.domain.interviews import Owner
from slackbot.domain.template_forms import NAME_EXAMPLE, builtin_named, unique_name
from slackbot.domain.templates import (
    BUILTINS,
    TemplateKind,
    find_template,
    my_templates,
    taken_names,
)
from slackbot.domain.user_input import InputError
from slackbot.models import Template


def mine_named(session: Session, owner: Owner, name: str, *, verb: str) -> Template:
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


def builtin_copy_view(
    session: Session, owner: Owner, kind: TemplateKind, response_url: str | None
) -> dict[str, Any]:
    return build_template_modal(
        title="Copy template",
        name=unique_name(f"My {kind.value}", taken_names(session, owner)),
        kind=kind,
        body=BUILTINS[kind],
        response_url=response_url,
    )


def edit_view(template: Template, response_url: str | None) -> dict[str, Any]:
    return build_template_modal(
        title="Edit template",
        name=template.name,
        kind=TemplateKind(template.kind),
        body=template.body,
        template_id=template.id,
        response_url=response_url,
    )
