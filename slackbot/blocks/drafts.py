"""The draft-note modal: the note, the topic it needs, whom it goes to, and how to send it."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from slackbot.blocks import ids
from slackbot.blocks.modal_state import entered, state_values
from slackbot.blocks.text import actions, button, clip, context, escape, plain, section
from slackbot.domain.drafts import URL_LIMIT, Draft, email_link
from slackbot.domain.names import first_name
from slackbot.domain.notes import TOPIC_GAP, TemplateKind, gaps_in, word_count
from slackbot.domain.roles import ROLE_LABELS, Role, contact_phrase, role_of
from slackbot.models import Interviewer

TITLES = {
    TemplateKind.THANK_YOU: "Thank-you note",
    TemplateKind.CARD: "Thank-you card",
    TemplateKind.FOLLOW_UP: "Follow-up note",
    TemplateKind.CLOSURE: "Closure note",
}
CARD_WORDS = 60
NOTE_LIMIT = 3000  # a plain_text_input holds at most this much


@dataclass(frozen=True)
class DraftForm:
    """What the user has in the draft modal right now."""

    # None when the payload carries no note (then it is written afresh).
    text: str | None
    topic: str | None
    version: int


def build_draft_modal(
    draft: Draft,
    people: list[Interviewer],
    *,
    prompt_id: int,
    card_hint: bool,
    version: int = 0,
) -> dict[str, Any]:
    """The modal; `version` changes whenever the bot rewrites the note under the user."""
    person = draft.to
    blocks: list[dict[str, Any]] = [
        section(_to_line(draft)),
        _who_actions(draft, people),
        *_topic_input(draft),
        _note_input(draft, version),
        *_warnings(draft),
        *_sending(draft),
        context(f"From your `{escape(draft.template_name)}` template. {_next_step(draft)}"),
    ]
    if card_hint and draft.kind == TemplateKind.THANK_YOU:
        blocks.append(
            context(
                ":envelope_with_arrow: It was on-site: a handwritten card stands out too. "
                "*Draft card* in my message writes a short one."
            )
        )
    metadata = {"p": prompt_id, "i": person.id, "k": draft.kind.value, "v": version}
    return {
        "type": "modal",
        "callback_id": ids.DRAFT_MODAL,
        "private_metadata": json.dumps(metadata),
        "notify_on_close": True,
        "title": plain(TITLES[draft.kind], 24),
        "submit": plain("Mark sent", 24),
        "close": plain("Not yet", 24),
        "blocks": blocks,
    }


def _to_line(draft: Draft) -> str:
    person = draft.to
    line = f"To *{escape(person.name)}*" + (f" ({escape(person.title)})" if person.title else "")
    if draft.kind in (TemplateKind.FOLLOW_UP, TemplateKind.CLOSURE) and (
        draft.main_contact is not None and draft.main_contact.id == person.id
    ):
        line += f", {contact_phrase(person)}"
    if person.email and draft.kind != TemplateKind.CARD:
        line += f" · {escape(person.email)}"
    return line


def _option(text: str, value: str) -> dict[str, Any]:
    return {"text": plain(text, 75), "value": value}


def _who_actions(draft: Draft, people: list[Interviewer]) -> dict[str, Any]:
    person = draft.to
    roles = [_option(f"{person.name} {_is(r)}", r.value) for r in Role]
    current = next(o for o in roles if o["value"] == role_of(person).value)
    elements = []
    if draft.kind in (TemplateKind.FOLLOW_UP, TemplateKind.CLOSURE) and len(people) > 1:
        choices = [_option(f"Write to {p.name}", str(p.id)) for p in people[:100]]
        elements.append(
            {
                "type": "static_select",
                "action_id": ids.DRAFT_TO,
                "options": choices,
                "initial_option": next(o for o in choices if o["value"] == str(person.id)),
            }
        )
    elements.append(
        {
            "type": "static_select",
            "action_id": ids.DRAFT_ROLE,
            "options": roles,
            "initial_option": current,
        }
    )
    return actions(*elements, block_id=ids.DRAFT_WHO)


def _is(role: Role) -> str:
    article = "an" if role == Role.INTERVIEWER else "the"
    return f"is {article} {ROLE_LABELS[role]}"


def _topic_input(draft: Draft) -> list[dict[str, Any]]:
    if not draft.uses_topic:
        return []
    first = first_name(draft.to.name) or "them"
    element: dict[str, Any] = {
        "type": "plain_text_input",
        "action_id": ids.DRAFT_TOPIC,
        "max_length": 300,
        "placeholder": plain("their move to event sourcing"),
        "dispatch_action_config": {"trigger_actions_on": ["on_enter_pressed"]},
    }
    if draft.to.topic:
        element["initial_value"] = draft.to.topic
    return [
        {
            "type": "input",
            "block_id": ids.DRAFT_TOPIC,
            "optional": True,
            "dispatch_action": True,
            "label": plain(f"What did you talk about with {draft.to.name}?"),
            "hint": plain(f"Press Enter to put it into the note. I'll remember it for {first}."),
            "element": element,
        }
    ]


def _note_input(draft: Draft, version: int) -> dict[str, Any]:
    return {
        "type": "input",
        "block_id": note_block_id(version),
        "dispatch_action": True,
        "label": plain("Your card" if draft.kind == TemplateKind.CARD else "Your note"),
        "element": {
            "type": "plain_text_input",
            "action_id": ids.DRAFT_BODY,
            "multiline": True,
            "max_length": NOTE_LIMIT,
            "initial_value": draft.body[:NOTE_LIMIT],
            # Each edit comes back to the bot, so the email link carries what was typed.
            "dispatch_action_config": {"trigger_actions_on": ["on_character_entered"]},
        },
    }


def note_block_id(version: int) -> str:
    # A new block id makes Slack show the bot's new text instead of keeping what was typed.
    return f"{ids.DRAFT_BODY}.{version}" if version else ids.DRAFT_BODY


def _warnings(draft: Draft) -> list[dict[str, Any]]:
    lines = []
    if gaps_in(draft.body):
        lines.append(
            f":warning: The note still says “{TOPIC_GAP}”. Say what you talked about with "
            f"{escape(draft.to.name)} above, or write it into the note."
        )
    if draft.twin is not None:
        lines.append(
            f":busts_in_silhouette: This reads almost like your note to "
            f"*{escape(draft.twin.name)}*. Interviewers compare notes: add something only "
            f"{escape(draft.to.name)} would recognise."
        )
    if draft.kind == TemplateKind.CARD and word_count(draft.body) > CARD_WORDS:
        lines.append(
            f":straight_ruler: {word_count(draft.body)} words: a card fits about {CARD_WORDS}."
        )
    return [context(line) for line in lines]


def _sending(draft: Draft) -> list[dict[str, Any]]:
    if draft.kind == TemplateKind.CARD:
        return [
            context(
                ":pencil2: Write it by hand and mail it today, while they still remember "
                "your conversation."
            )
        ]
    if not draft.to.email:
        return []
    url = email_link(draft)
    if url is not None:
        return [actions(button("Open as email", ids.DRAFT_EMAIL, url=url), block_id="email")]
    return [
        context(
            f":scissors: This note is too long for an email link (Slack allows {URL_LIMIT:,} "
            "characters in one). Copy it from here into your email:"
        ),
        section(clip(f"```{escape(draft.body)}```", 3000)),
    ]


def _next_step(draft: Draft) -> str:
    if draft.kind == TemplateKind.CARD:
        return "Press *Mark sent* once it's in the mail."
    return "Edit it, send it your way (email, LinkedIn), then press *Mark sent*."


def read_draft_form(view: dict[str, Any]) -> DraftForm:
    """The note and topic as they stand in a draft modal Slack sent back."""
    values = state_values(view)
    text, version = None, 0
    for block_id in values:
        head, _, tail = block_id.partition(".")
        if head == ids.DRAFT_BODY:
            text = entered(values, block_id, ids.DRAFT_BODY) or ""
            version = int(tail) if tail.isdigit() else 0
    topic = entered(values, ids.DRAFT_TOPIC)
    return DraftForm(text=text, topic=topic or None, version=version)


def gap_error(draft: Draft, version: int) -> dict[str, str]:
    """The inline error for a note that still has a gap, keyed for `response_action: errors`."""
    problem = (
        f"The note still says “{TOPIC_GAP}”. Fill in what you talked about with {draft.to.name}, "
        "for example: their move to event sourcing."
    )
    key = ids.DRAFT_TOPIC if draft.uses_topic else note_block_id(version)
    return {key: problem}
