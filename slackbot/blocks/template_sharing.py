"""Sharing templates: the most-saved list, the channel post, and saving a shared one."""

from __future__ import annotations

from typing import Any

from slackbot.blocks import ids
from slackbot.blocks.templates import body_preview, kind_label, mention
from slackbot.blocks.text import (
    SECTION_TEXT_LIMIT,
    actions,
    build_plain_reply,
    button,
    context,
    ephemeral,
    escape,
    section,
)
from slackbot.domain.sharing import SaveResult, SaveStatus
from slackbot.models import SharedTemplate


def saves_text(count: int) -> str:
    if count <= 0:
        return "Not saved yet"
    return "Saved by 1 person" if count == 1 else f"Saved by {count} people"


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


# -- `/interview templates popular` --------------------------------------------------------------


def _popular_entry(shared: SharedTemplate, *, viewer_id: str) -> dict[str, Any]:
    by = "you" if shared.author_user_id == viewer_id else mention(shared.author_user_id)
    line = (
        f"*{escape(shared.name)}* · {kind_label(shared.kind)} · by {by}"
        f" · {saves_text(shared.save_count)}\n{body_preview(shared.body)}"
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
