"""Replies about my templates: the list, saving, defaults and deleting. User text is escaped."""

from __future__ import annotations

import re
from typing import Any

from slackbot.blocks import ids
from slackbot.blocks.text import (
    MESSAGE_BLOCKS,
    actions,
    build_plain_reply,
    button,
    clip,
    context,
    ephemeral,
    escape,
    plain,
    section,
)
from slackbot.domain.notes import BUILTINS, TemplateKind
from slackbot.domain.templates import KIND_LABELS, SavedTemplate
from slackbot.models import Template

# Room left beside the header, "and N more", built-ins header, built-ins, help line and buttons.
MAX_LISTED = MESSAGE_BLOCKS - 5 - len(TemplateKind)
PREVIEW_CHARS = 140
COMMANDS_HELP = (
    "`/interview template new` · `edit <name>` · `copy <name>` · `use <name>` · "
    "`share <name>` · `delete <name>` · `/interview templates popular`"
)
_USER_ID = re.compile(r"[UW][A-Z0-9]{2,30}")


def mention(user_id: str | None) -> str:
    """A mention built from a stored Slack user id; anything else is shown as escaped text."""
    if user_id and _USER_ID.fullmatch(user_id):
        return f"<@{user_id}>"
    return escape(user_id or "someone")


def kind_label(kind: str) -> str:
    return KIND_LABELS[TemplateKind(kind)] if kind in set(TemplateKind) else escape(kind)


def body_preview(body: str) -> str:
    return escape(clip(" ".join(body.split()), PREVIEW_CHARS))


# -- `/interview templates` ----------------------------------------------------------------------


def _mine_entry(template: Template, *, is_default: bool) -> dict[str, Any]:
    parts = [f"*{escape(template.name)}*", kind_label(template.kind)]
    if is_default:
        parts.append(":star: default")
    if template.author_user_id and template.shared_from_id is not None:
        parts.append(f"from {mention(template.author_user_id)}")
    menu = {
        "type": "overflow",
        "action_id": ids.TPL_MENU,
        "options": [
            {"text": plain(label), "value": f"{verb}:{template.id}"}
            for verb, label in (("edit", "Edit"), ("use", "Make default"), ("delete", "Delete"))
        ],
    }
    return section(" · ".join(parts) + "\n" + body_preview(template.body), accessory=menu)


def _builtin_entry(kind: TemplateKind, *, is_default: bool) -> dict[str, Any]:
    parts = [f"*{kind.value}*", KIND_LABELS[kind], "built-in"]
    if is_default:
        parts.append(":star: default")
    copy = button("Copy", ids.TPL_COPY_BUILTIN, kind.value)
    return section(" · ".join(parts) + "\n" + body_preview(BUILTINS[kind]), accessory=copy)


def build_template_list(
    templates: list[Template], *, defaults: dict[TemplateKind, int | None]
) -> dict[str, Any]:
    """My templates then the built-ins, each kind's default starred."""
    mine_ids = {t.id for t in templates}
    default_ids = {i for i in defaults.values() if i in mine_ids}
    if templates:
        blocks = [section(f"*Your templates* ({len(templates)})")]
    else:
        blocks = [section("You have no templates of your own yet; drafts use the built-ins.")]
    shown = templates[:MAX_LISTED]
    blocks += [_mine_entry(t, is_default=t.id in default_ids) for t in shown]
    if len(templates) > len(shown):
        blocks.append(context(f"…and {len(templates) - len(shown)} more."))
    blocks.append(section("*Built-in* (read-only: copy one to change it)"))
    blocks += [
        _builtin_entry(kind, is_default=defaults.get(kind) not in mine_ids) for kind in TemplateKind
    ]
    blocks.append(context(COMMANDS_HELP))
    blocks.append(actions(button("New template", ids.TEMPLATE_NEW, style="primary")))
    fallback = "Your templates: " + (", ".join(t.name for t in templates[:20]) or "none yet")
    return ephemeral(escape(fallback), blocks)


# -- managing my templates -----------------------------------------------------------------------


def build_template_saved(saved: SavedTemplate, *, is_default: bool) -> dict[str, Any]:
    template = saved.template
    name = escape(template.name)
    verb = "Saved" if saved.created else "Updated"
    label = kind_label(template.kind)
    text = f":white_check_mark: {verb} your {label} template *{name}*."
    if saved.lost_default is not None:
        old = KIND_LABELS[saved.lost_default]
        text += (
            f" It was your default {old} template, so {old} drafts use the built-in "
            f"*{saved.lost_default.value}* again."
        )
    blocks = [section(text)]
    if is_default:
        blocks.append(context(f"It's your default: {label} drafts start from it."))
    else:
        blocks.append(actions(button("Use as my default", ids.TPL_USE, str(template.id))))
    blocks.append(context(f"Share it in a channel with `/interview template share {name}`."))
    return ephemeral(text, blocks)


def build_now_default(template: Template) -> dict[str, Any]:
    label = kind_label(template.kind)
    return build_plain_reply(
        f":star: *{escape(template.name)}* is now your default {label} template: "
        f"{label} drafts start from it."
    )


def build_builtin_default(kind: TemplateKind, *, changed: bool) -> dict[str, Any]:
    label = KIND_LABELS[kind]
    first = (
        f"Your {label} drafts use the built-in *{kind.value}* template again."
        if changed
        else f"Your {label} drafts already use the built-in *{kind.value}* template."
    )
    return build_plain_reply(
        f"{first} Built-in templates are read-only; to change the wording, copy it: "
        f"`/interview template copy {kind.value}`."
    )


def build_delete_confirm(template: Template, *, default_for: TemplateKind | None) -> dict[str, Any]:
    text = f"Delete your template *{escape(template.name)}*? This can't be undone."
    if default_for is not None:
        label = KIND_LABELS[default_for]
        text += (
            f" It's your default {label} template; {label} drafts would use the built-in "
            f"*{default_for.value}* instead."
        )
    buttons = actions(
        button("Delete it", ids.TPL_DELETE_CONFIRM, str(template.id), style="danger"),
        button("Keep it", ids.TPL_DELETE_KEEP, str(template.id)),
    )
    return ephemeral(text, [section(text), buttons])


def build_deleted(name: str, *, fell_back: TemplateKind | None) -> dict[str, Any]:
    text = f":wastebasket: Deleted your template *{escape(name)}*."
    if fell_back is not None:
        label = KIND_LABELS[fell_back]
        text += (
            f" It was your default {label} template, so {label} drafts use the built-in "
            f"*{fell_back.value}* template again."
        )
    return build_plain_reply(text)


def build_kept() -> dict[str, Any]:
    return build_plain_reply("Kept it. Nothing was deleted.")


def build_template_gone() -> dict[str, Any]:
    return build_plain_reply(
        "That template no longer exists, or isn't yours. Nothing was changed. "
        "See yours with `/interview templates`."
    )
