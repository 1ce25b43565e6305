"""Replies, the channel post and the modal for note templates. All user text is escaped."""

from __future__ import annotations

import json
import re
from typing import Any

from slackbot.blocks import ids
from slackbot.blocks.modal_state import errors_by_block
from slackbot.blocks.text import (
    MESSAGE_BLOCKS,
    SECTION_TEXT_LIMIT,
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
from slackbot.domain.notes import BUILTINS, MAX_BODY, PLACEHOLDERS, TemplateKind
from slackbot.domain.sharing import (
    SaveResult,
    SaveStatus,
)
from slackbot.domain.templates import (
    KIND_LABELS,
    MAX_NAME,
    SavedTemplate,
)
from slackbot.models import SharedTemplate, Template

# Room left beside the header, "and N more", built-ins header, built-ins, help line and buttons.
MAX_LISTED = MESSAGE_BLOCKS - 5 - len(TemplateKind)
PREVIEW_CHARS = 140
KIND_OPTION_LABELS = {
    TemplateKind.THANK_YOU: "Thank-you note",
    TemplateKind.CARD: "Thank-you card",
    TemplateKind.FOLLOW_UP: "Follow-up",
    TemplateKind.CLOSURE: "Closure",
}
FORM_BLOCKS = {"name": ids.TPL_F_NAME, "kind": ids.TPL_F_KIND, "body": ids.TPL_F_BODY}
PLACEHOLDER_LIST = " ".join("{" + name + "}" for name in PLACEHOLDERS)
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


def saves_text(count: int) -> str:
    if count <= 0:
        return "Not saved yet"
    return "Saved by 1 person" if count == 1 else f"Saved by {count} people"


def _preview(body: str) -> str:
    return escape(clip(" ".join(body.split()), PREVIEW_CHARS))


def _escaped_chunks(text: str, limit: int = SECTION_TEXT_LIMIT - 100) -> list[str]:
    """Escaped text split into section-sized pieces, never inside an entity like `&amp;`."""
    chunks: list[str] = []
    current = ""
    for char in text:
        piece = escape(char)
        if len(current) + len(piece) > limit:
            chunks.append(current)
            current = ""
        current += piece
    return [*chunks, current] if current else chunks


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
    return section(" · ".join(parts) + "\n" + _preview(template.body), accessory=menu)


def _builtin_entry(kind: TemplateKind, *, is_default: bool) -> dict[str, Any]:
    parts = [f"*{kind.value}*", KIND_LABELS[kind], "built-in"]
    if is_default:
        parts.append(":star: default")
    copy = button("Copy", ids.TPL_COPY_BUILTIN, kind.value)
    return section(" · ".join(parts) + "\n" + _preview(BUILTINS[kind]), accessory=copy)


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


# -- `/interview templates popular` --------------------------------------------------------------


def _popular_entry(shared: SharedTemplate, *, viewer_id: str) -> dict[str, Any]:
    by = "you" if shared.author_user_id == viewer_id else mention(shared.author_user_id)
    line = (
        f"*{escape(shared.name)}* · {kind_label(shared.kind)} · by {by}"
        f" · {saves_text(shared.save_count)}\n{_preview(shared.body)}"
    )
    # Every entry gets the button, the author's too: saving one's own is answered kindly.
    return section(line, accessory=button("Save", ids.TPL_SAVE_POPULAR, str(shared.id)))


def build_popular(shared: list[SharedTemplate], *, viewer_id: str) -> dict[str, Any]:
    if not shared:
        text = (
            "Nobody in this workspace has shared a template yet. "
            "Share one of yours in a channel with `/interview template share <name>`."
        )
        return build_plain_reply(text)
    blocks = [section("*Most-saved templates in this workspace*")]
    blocks += [_popular_entry(s, viewer_id=viewer_id) for s in shared]
    listing = ", ".join(f"{s.name} ({s.save_count})" for s in shared)
    return ephemeral(escape("Most-saved templates: " + listing), blocks)


# -- the channel post ----------------------------------------------------------------------------


def build_shared_post(shared: SharedTemplate) -> dict[str, Any]:
    """The in-channel message: who shared what, the body (escaped), save count, Save button."""
    headline = (
        f"{mention(shared.author_user_id)} shared a {kind_label(shared.kind)} template: "
        f"*{escape(shared.name)}*"
    )
    blocks = [section(headline)]
    blocks += [section(chunk) for chunk in _escaped_chunks(shared.body)]
    blocks.append(
        context(
            f"{saves_text(shared.save_count)} · Placeholders such as {{first_name}} and "
            "{topic} are filled in for each interviewer when you draft a note."
        )
    )
    blocks.append(
        actions(
            button("Save to my templates", ids.TPL_SAVE_SHARED, str(shared.id), style="primary")
        )
    )
    return {"response_type": "in_channel", "text": headline, "blocks": blocks}


def build_save_result(result: SaveResult) -> dict[str, Any]:
    """What the saver is told after clicking Save."""
    shared, template = result.shared, result.template
    author = mention(shared.author_user_id)
    if result.status == SaveStatus.OWN:
        return build_plain_reply(
            f"*{escape(shared.name)}* is your own template, so there is nothing to save."
        )
    name = escape(template.name if template else shared.name)
    if result.status == SaveStatus.ALREADY:
        return build_plain_reply(
            f"You already have *{name}* in your templates (from {author}). Nothing changed."
        )
    text = (
        f":white_check_mark: Saved *{name}* to your templates — a {kind_label(shared.kind)} "
        f"template from {author}."
    )
    blocks = [section(text)]
    if template is not None:
        blocks.append(actions(button("Use as my default", ids.TPL_USE, str(template.id))))
        blocks.append(context(f"Change the wording with `/interview template edit {name}`."))
    return ephemeral(text, blocks)


def build_save_gone() -> dict[str, Any]:
    return build_plain_reply(
        "That shared template is no longer available in this workspace. Nothing was saved."
    )


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


# -- the template modal --------------------------------------------------------------------------


def _kind_option(kind: TemplateKind) -> dict[str, Any]:
    return {"text": plain(KIND_OPTION_LABELS[kind]), "value": kind.value}


def build_template_modal(
    *,
    title: str = "New template",
    name: str | None = None,
    kind: TemplateKind = TemplateKind.THANK_YOU,
    body: str | None = None,
    template_id: int | None = None,
    response_url: str | None = None,
) -> dict[str, Any]:
    """Name, kind and body; `template_id` set means saving edits that template."""
    metadata = {"template_id": template_id, "response_url": response_url}
    name_element: dict[str, Any] = {
        "type": "plain_text_input",
        "action_id": ids.TPL_F_NAME,
        "max_length": MAX_NAME,
        "placeholder": plain("Short and sincere"),
    }
    if name:
        name_element["initial_value"] = name[:MAX_NAME]
    body_element: dict[str, Any] = {
        "type": "plain_text_input",
        "action_id": ids.TPL_F_BODY,
        "multiline": True,
        "max_length": MAX_BODY,
        "placeholder": plain("Hi {first_name}, thank you for talking with me about {topic}…"),
    }
    if body:
        body_element["initial_value"] = body[:MAX_BODY]
    blocks = [
        {
            "type": "input",
            "block_id": ids.TPL_F_NAME,
            "label": plain("Name"),
            "hint": plain("Unique among your templates; you type it after /interview template."),
            "element": name_element,
        },
        {
            "type": "input",
            "block_id": ids.TPL_F_KIND,
            "label": plain("Kind"),
            "element": {
                "type": "static_select",
                "action_id": ids.TPL_F_KIND,
                "options": [_kind_option(k) for k in TemplateKind],
                "initial_option": _kind_option(kind),
            },
        },
        {
            "type": "input",
            "block_id": ids.TPL_F_BODY,
            "label": plain("Note"),
            "hint": plain(f"Placeholders: {PLACEHOLDER_LIST}", 2000),
            "element": body_element,
        },
        context(
            "When you haven't noted a {topic} for someone, the draft asks you for it. "
            "{interview_day} reads “today”, “yesterday”, “on Tuesday” or “on Tuesday, "
            "December 1”. {formal_name} is “Dr. Smith” for Dr. Jane Smith, else “Jane”."
        ),
    ]
    return {
        "type": "modal",
        "callback_id": ids.TEMPLATE_MODAL,
        "private_metadata": json.dumps(metadata),
        "title": plain(title, 24),
        "submit": plain("Save", 24),
        "close": plain("Cancel", 24),
        "blocks": blocks,
    }


def build_form_errors(errors: dict[str, str]) -> dict[str, str]:
    """The template form's field errors under the modal's blocks."""
    return errors_by_block(errors, FORM_BLOCKS, fallback=ids.TPL_F_NAME)
