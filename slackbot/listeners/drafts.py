"""Drafts: open the modal, keep it in step as the user edits, and its **Mark sent**."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from slack_bolt import Ack, App, BoltContext
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from sqlalchemy.orm import Session

from slackbot.blocks import ids
from slackbot.blocks.drafts import build_draft_modal, gap_error, read_draft_form
from slackbot.blocks.prompts import build_prompt, closure_postponed, with_status
from slackbot.blocks.text import build_plain_reply
from slackbot.db import transaction
from slackbot.domain.drafts import (
    Draft,
    kind_for,
    make_draft,
    mark_card_sent,
    note_topic,
    person_in,
    recipient,
    remember_draft,
    set_role,
    suggests_card,
)
from slackbot.domain.interviews import mark_followed_up, mark_thanked
from slackbot.domain.notes import TemplateKind, gaps_in
from slackbot.domain.profiles import signature_name
from slackbot.domain.prompts import prompt_for_user, sync_prompts
from slackbot.domain.user_input import InputError
from slackbot.listeners.context import (
    Actor,
    Press,
    actor_for,
    data_changed,
    on_press,
    open_view,
    payload_id,
    update_view,
    view_metadata,
)
from slackbot.listeners.interview_actions import parse_value
from slackbot.listeners.prompt_actions import Click, followed_up, is_stale, rerender_prompts
from slackbot.models import Interview, Interviewer, Prompt, PromptKind

logger = logging.getLogger(__name__)

GONE = "That message is out of date: its interview was changed, closed or deleted."
OPENERS = {
    ids.DRAFT_NOTE: None,
    ids.DRAFT_CARD: TemplateKind.CARD,
    ids.DRAFT_FOLLOW_UP: None,
    ids.DRAFT_CLOSURE: None,
}


def register(app: App) -> None:
    for action_id in OPENERS:
        app.action(action_id)(handle_open_draft)
    for action_id in (ids.DRAFT_TOPIC, ids.DRAFT_BODY, ids.DRAFT_TO, ids.DRAFT_ROLE):
        app.action(action_id)(handle_draft_edit)
    app.action(ids.DRAFT_EMAIL)(handle_email_link)
    app.action(ids.CLOSURE_NOT_YET)(handle_closure_not_yet)
    app.view(ids.DRAFT_MODAL)(handle_mark_sent)
    app.view_closed(ids.DRAFT_MODAL)(handle_draft_closed)


@dataclass
class Opened:
    """The prompt a draft belongs to, its interview, and the person it is written to."""

    prompt: Prompt
    interview: Interview
    person: Interviewer
    kind: TemplateKind


def _load(session: Session, actor: Actor, prompt_id: int, person_id: object) -> Opened | None:
    prompt = prompt_for_user(
        session, prompt_id=prompt_id, team_id=actor.owner.team_id, user_id=actor.owner.user_id
    )
    if prompt is None or is_stale(prompt) is not None or not prompt.interview.interviewers:
        return None
    interview = prompt.interview
    kind = kind_for(PromptKind(prompt.kind))
    person = person_in(interview, person_id) or recipient(interview, kind)
    return Opened(prompt, interview, person, kind)


def _draft(session: Session, actor: Actor, opened: Opened, text: str | None = None) -> Draft:
    return make_draft(
        session,
        opened.interview,
        opened.person,
        kind=opened.kind,
        zone=actor.zone,
        now=actor.now,
        my_name=signature_name(actor.settings),
        text=text,
    )


def _modal(opened: Opened, draft: Draft, version: int = 0) -> dict[str, Any]:
    return build_draft_modal(
        draft,
        list(opened.interview.interviewers),
        prompt_id=opened.prompt.id,
        card_hint=suggests_card(opened.interview),
        version=version,
    )


@on_press
def handle_open_draft(press: Press) -> None:
    actor = press.actor
    prompt_id, extra = parse_value(press.value)
    with actor.services.sessions() as session:
        opened = _load(session, actor, prompt_id or -1, extra)
        if opened is None:
            press.respond(replace_original=False, **build_plain_reply(GONE))
            return
        opened.kind = OPENERS.get(str(press.action.get("action_id"))) or opened.kind
        view = _modal(opened, _draft(session, actor, opened))
    open_view(actor, press.body["trigger_id"], view)


@on_press
def handle_draft_edit(press: Press) -> None:
    """A change inside the modal: rebuild it so the note, warnings and email link stay true."""
    actor, view = press.actor, press.body.get("view") or {}
    meta, form = _metadata(view), read_draft_form(view)
    action_id = press.action.get("action_id")
    chosen = str((press.action.get("selected_option") or {}).get("value") or "")
    picked = chosen if action_id == ids.DRAFT_TO else meta["i"]
    # Only a topic or a role is saved; an edit to the note (each few keystrokes) only reads.
    writes = action_id in (ids.DRAFT_TOPIC, ids.DRAFT_ROLE)
    scope = transaction(actor.services.sessions) if writes else actor.services.sessions()
    with scope as session:
        opened = _load(session, actor, meta["p"], picked)
        if opened is None:
            return
        opened.kind = _kind(meta, opened)
        text: str | None = form.text
        version = form.version
        if action_id == ids.DRAFT_TO:
            # Another person: the note is written afresh for them.
            text, version = None, version + 1
        elif action_id == ids.DRAFT_ROLE:
            set_role(opened.person, chosen)
        elif action_id == ids.DRAFT_TOPIC:
            text, changed = _with_topic(opened.person, press.action.get("value"), form.text)
            version += changed
        elif action_id == ids.DRAFT_BODY:
            text = str(press.action.get("value") or form.text or "")
        modal = _modal(opened, _draft(session, actor, opened, text), version)
        interview_id = opened.interview.id
    try:
        update_view(actor, str(view.get("id")), modal)
    except SlackApiError as error:
        # The modal was closed meanwhile; what was saved stays saved.
        logger.info("views.update of a draft failed: %s", error.response.get("error"))
    if action_id == ids.DRAFT_TOPIC:
        # The prompt shows what was talked about, as after a `Maria: …` reply.
        rerender_prompts(actor, interview_id)


def _with_topic(person: Interviewer, typed: object, text: str | None) -> tuple[str | None, int]:
    """The note with the typed topic in it, and 1 when the text changed under the user."""
    try:
        updated = note_topic(person, str(typed or ""), text or "")
    except InputError:
        return text, 0
    if text is None:
        return None, 1  # no note in hand: it is written afresh, topic and all
    return updated, int(updated != text)


def handle_email_link(ack: Ack) -> None:
    ack()  # the button opens the user's mail program; nothing to do here


def handle_mark_sent(
    ack: Ack,
    body: dict[str, Any],
    view: dict[str, Any],
    context: BoltContext,
    client: WebClient,
) -> None:
    actor = actor_for(body, context, client)
    meta, form = _metadata(view), read_draft_form(view)
    with transaction(actor.services.sessions) as session:
        opened = _load(session, actor, meta["p"], meta["i"])
        if opened is None:
            ack()
            return
        opened.kind = _kind(meta, opened)
        text = _with_topic(opened.person, form.topic, form.text)[0] if form.topic else form.text
        draft = _draft(session, actor, opened, text)
        if gaps_in(draft.body):
            ack(response_action="errors", errors=gap_error(draft, form.version))
            return
        ack()
        remember_draft(opened.person, opened.kind, draft.body)
        update = _record_sent(session, opened, actor)
        sync_prompts(session, opened.interview, actor.prefs, actor.now)
        interview_id = opened.interview.id
        where = (opened.prompt.channel_id, opened.prompt.message_ts)
    if update is not None and where[0] and where[1]:
        actor.client.chat_update(
            channel=where[0], ts=where[1], text=update["text"], blocks=update["blocks"]
        )
    rerender_prompts(actor, interview_id)
    data_changed(actor)


def _record_sent(session: Session, opened: Opened, actor: Actor) -> dict[str, Any] | None:
    """Record what went out; the follow-up prompt's new look, when it was its note."""
    if opened.kind == TemplateKind.FOLLOW_UP:
        if opened.prompt.kind == PromptKind.FOLLOW_UP:
            # The same as pressing **I followed up** on the prompt, message and all.
            return followed_up(Click(actor, session, opened.prompt, opened.interview, ""))
        mark_followed_up(opened.interview, now=actor.now)
    elif opened.kind == TemplateKind.CARD:
        mark_card_sent(opened.person, now=actor.now)
    elif opened.kind == TemplateKind.THANK_YOU:
        mark_thanked(opened.person, now=actor.now)
    # A closure note is the last step: nothing more is scheduled until they answer.
    return None


def handle_draft_closed(
    ack: Ack, body: dict[str, Any], view: dict[str, Any], context: BoltContext, client: WebClient
) -> None:
    """**Not yet**: keep the note and any topic typed, for next time and the likeness check."""
    ack()
    actor = actor_for(body, context, client)
    meta, form = _metadata(view), read_draft_form(view)
    with transaction(actor.services.sessions) as session:
        opened = _load(session, actor, meta["p"], meta["i"])
        if opened is None:
            return
        text = _with_topic(opened.person, form.topic, form.text)[0] if form.topic else form.text
        remember_draft(opened.person, _kind(meta, opened), text or "")


@on_press
def handle_closure_not_yet(press: Press) -> None:
    """No follow-up yet: draft it now, and ask about closure again a week on."""
    actor = press.actor
    prompt_id, _ = parse_value(press.value)
    with transaction(actor.services.sessions) as session:
        opened = _load(session, actor, prompt_id or -1, None)
        if opened is None or opened.prompt.kind != PromptKind.CLOSURE:
            press.respond(replace_original=False, **build_plain_reply(GONE))
            return
        interview = opened.interview
        interview.snoozed_until = actor.now + timedelta(days=actor.prefs.closure_days)
        interview.snoozed_kind = PromptKind.CLOSURE
        sync_prompts(session, interview, actor.prefs, actor.now)
        opened.kind = TemplateKind.FOLLOW_UP
        opened.person = recipient(interview, opened.kind)
        view = _modal(opened, _draft(session, actor, opened))
        message = _postponed_message(opened, actor)
        where = (opened.prompt.channel_id, opened.prompt.message_ts)
    open_view(actor, press.body["trigger_id"], view)
    if where[0] and where[1]:
        actor.client.chat_update(
            channel=where[0], ts=where[1], text=message["text"], blocks=message["blocks"]
        )
    data_changed(actor)


def _postponed_message(opened: Opened, actor: Actor) -> dict[str, Any]:
    message = build_prompt(
        PromptKind.CLOSURE,
        opened.interview,
        prompt_id=opened.prompt.id,
        zone=actor.zone,
        now=actor.now,
        sent_at=opened.prompt.sent_at,
    )
    due = opened.interview.snoozed_until
    status = closure_postponed(due, actor.zone) if due else ""
    return {**message, "blocks": with_status(message["blocks"], status)}


def _kind(meta: dict[str, Any], opened: Opened) -> TemplateKind:
    """The kind the modal was opened for, when the prompt offers it (a card on a thank-you)."""
    offered = {
        TemplateKind.THANK_YOU: (TemplateKind.THANK_YOU, TemplateKind.CARD),
        TemplateKind.FOLLOW_UP: (TemplateKind.FOLLOW_UP,),
        TemplateKind.CLOSURE: (TemplateKind.CLOSURE, TemplateKind.FOLLOW_UP),
    }[opened.kind]
    return next((k for k in offered if k.value == meta["k"]), opened.kind)


def _metadata(view: dict[str, Any]) -> dict[str, Any]:
    meta = view_metadata(view)
    return {
        "p": payload_id(meta.get("p")) or -1,
        "i": payload_id(meta.get("i")) or -1,
        "k": str(meta.get("k") or ""),
    }
