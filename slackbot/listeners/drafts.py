"""Draft note / follow-up / closure: open the modal, and its **Mark sent** submission."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App, BoltContext
from slack_sdk import WebClient

from slackbot.blocks import ids
from slackbot.blocks.drafts import build_draft_modal
from slackbot.blocks.text import build_plain_reply
from slackbot.db import transaction
from slackbot.domain.drafts import kind_for, make_draft, recipient, suggests_card
from slackbot.domain.interviews import mark_followed_up, mark_thanked
from slackbot.domain.profiles import signature_name
from slackbot.domain.prompts import prompt_for_user, sync_prompts
from slackbot.domain.templates import TemplateKind
from slackbot.listeners.context import (
    Press,
    actor_for,
    data_changed,
    on_press,
    open_view,
    payload_id,
    view_metadata,
)
from slackbot.listeners.interview_actions import parse_value
from slackbot.listeners.prompt_actions import is_stale, rerender_prompts
from slackbot.models import PromptKind

GONE = "That prompt is out of date: its interview was changed, closed or deleted."


def register(app: App) -> None:
    for action_id in (ids.DRAFT_NOTE, ids.DRAFT_FOLLOW_UP, ids.DRAFT_CLOSURE):
        app.action(action_id)(handle_open_draft)
    app.action(ids.DRAFT_EMAIL)(handle_email_link)
    app.view(ids.DRAFT_MODAL)(handle_mark_sent)


@on_press
def handle_open_draft(press: Press) -> None:
    actor = press.actor
    prompt_id, extra = parse_value(press.value)
    with actor.services.sessions() as session:
        prompt = prompt_for_user(
            session,
            prompt_id=prompt_id or -1,
            team_id=actor.owner.team_id,
            user_id=actor.owner.user_id,
        )
        interview = prompt.interview if prompt else None
        if prompt is None or interview is None or is_stale(prompt) is not None:
            press.respond(replace_original=False, **build_plain_reply(GONE))
            return
        kind = kind_for(PromptKind(prompt.kind), interview)
        person = next((p for p in interview.interviewers if str(p.id) == extra), None)
        draft = make_draft(
            session,
            interview,
            person or recipient(interview, kind),
            kind=kind,
            zone=actor.zone,
            my_name=signature_name(actor.settings),
        )
        view = build_draft_modal(draft, prompt_id=prompt.id, card_hint=suggests_card(interview))
    open_view(actor, press.body["trigger_id"], view)


def handle_email_link(ack: Ack) -> None:
    ack()  # the button opens the user's mail program; nothing to do here


def handle_mark_sent(
    ack: Ack,
    body: dict[str, Any],
    view: dict[str, Any],
    context: BoltContext,
    client: WebClient,
) -> None:
    ack()
    actor = actor_for(body, context, client)
    meta = _metadata(view)
    with transaction(actor.services.sessions) as session:
        prompt = prompt_for_user(
            session, prompt_id=meta["p"], team_id=actor.owner.team_id, user_id=actor.owner.user_id
        )
        if prompt is None or prompt.interview.closed_at is not None:
            return
        interview = prompt.interview
        if meta["k"] == TemplateKind.FOLLOW_UP:
            mark_followed_up(interview, now=actor.now)
        elif meta["k"] in (TemplateKind.THANK_YOU, TemplateKind.CARD):
            for person in interview.interviewers:
                if person.id == meta["i"]:
                    mark_thanked(person, now=actor.now)
        # A closure note is the last step: nothing more is scheduled until they answer.
        sync_prompts(session, interview, actor.prefs, actor.now)
        interview_id = interview.id
    rerender_prompts(actor, interview_id)
    data_changed(actor)


def _metadata(view: dict[str, Any]) -> dict[str, Any]:
    meta = view_metadata(view)
    return {
        "p": payload_id(meta.get("p")) or -1,
        "i": payload_id(meta.get("i")) or -1,
        "k": str(meta.get("k") or ""),
    }
