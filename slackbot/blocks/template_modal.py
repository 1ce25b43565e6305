"""The template modal: name, kind and note, and its errors shown under the fields."""

from __future__ import annotations

import json
from typing import Any

from slackbot.blocks import ids
from slackbot.blocks.modal_state import entered, errors_by_block, state_values
from slackbot.blocks.text import context, plain
from slackbot.domain.notes import MAX_BODY, PLACEHOLDERS, TemplateKind
from slackbot.domain.template_forms import MAX_NAME, TemplateInput, read_template_form

KIND_OPTION_LABELS = {
    TemplateKind.THANK_YOU: "Thank-you note",
    TemplateKind.CARD: "Thank-you card",
    TemplateKind.FOLLOW_UP: "Follow-up",
    TemplateKind.CLOSURE: "Closure",
}
FORM_BLOCKS = {"name": ids.TPL_F_NAME, "kind": ids.TPL_F_KIND, "body": ids.TPL_F_BODY}
PLACEHOLDER_LIST = " ".join("{" + name + "}" for name in PLACEHOLDERS)


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


def read_template_state(view: dict[str, Any]) -> TemplateInput:
    """The template modal's name, kind and text, checked (raises TemplateFormErrors)."""
    values = state_values(view)
    return read_template_form(
        name=entered(values, ids.TPL_F_NAME),
        kind=entered(values, ids.TPL_F_KIND),
        body=entered(values, ids.TPL_F_BODY),
    )
