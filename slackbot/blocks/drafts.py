"""The draft-note modal."""

from __future__ import annotations

import json
from typing import Any

from slackbot.blocks import ids
from slackbot.blocks.text import actions, button, context, escape, plain, section
from slackbot.domain.drafts import Draft, mailto_url
from slackbot.domain.templates import TemplateKind

TITLES = {
    TemplateKind.THANK_YOU: "Thank-you note",
    TemplateKind.CARD: "Thank-you card",
    TemplateKind.FOLLOW_UP: "Follow-up note",
    TemplateKind.CLOSURE: "Closure note",
}


def build_draft_modal(draft: Draft, *, prompt_id: int, card_hint: bool) -> dict[str, Any]:
    person = draft.to
    to = f"To *{escape(person.name)}*" + (f" ({escape(person.title)})" if person.title else "")
    if person.email:
        to += f" · {escape(person.email)}"
    blocks: list[dict[str, Any]] = [
        section(to),
        {
            "type": "input",
            "block_id": ids.DRAFT_BODY,
            "label": plain("Your note"),
            "element": {
                "type": "plain_text_input",
                "action_id": ids.DRAFT_BODY,
                "multiline": True,
                "max_length": 3000,
                "initial_value": draft.body[:3000],
            },
        },
        context(
            f"From your `{escape(draft.template_name)}` template. Edit it, send it your way "
            "(email, LinkedIn), then press *Mark sent*."
        ),
    ]
    if card_hint and draft.kind == TemplateKind.THANK_YOU:
        blocks.append(
            context(
                ":envelope_with_arrow: It was on-site: a handwritten card with "
                "the same words stands out."
            )
        )
    if person.email:
        url = mailto_url(person.email, draft.subject, draft.body)
        blocks.append(actions(button("Open as email", ids.DRAFT_EMAIL, url=url)))
    metadata = {"p": prompt_id, "i": person.id, "k": draft.kind.value}
    return {
        "type": "modal",
        "callback_id": ids.DRAFT_MODAL,
        "private_metadata": json.dumps(metadata),
        "title": plain(TITLES[draft.kind], 24),
        "submit": plain("Mark sent", 24),
        "close": plain("Not yet", 24),
        "blocks": blocks,
    }
