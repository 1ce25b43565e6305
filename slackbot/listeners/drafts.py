"""Drafts: open the modal, keep it in step as the user edits, and its **Mark sent**."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from slack_bolt import App
from slack_sdk.errors import SlackApiError
from sqlalchemy.orm import Session

from slackbot.blocks import ids
from slackbot.blocks.button_values import read_id
from slackbot.blocks.drafts import DraftForm, build_draft_modal, gap_error, read_draft_form
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
from slackbot.domain.prompts import prompt_for_user, sync_prompts
from slackbot.domain.user_input import InputError
from slackbot.interactions.actor import Actor
from slackbot.interactions.home_tab import data_changed
from slackbot.interactions.modals import open_view, update_view
from slackbot.interactions.prompt_messages import followed_up, is_stale, rerender_prompts
from slackbot.interactions.shapes import (
    Answer,
    Press,
    Submission,
    form_errors,
    on_close,
    on_press,
    on_submit,
)
from slackbot.models import Interview, Interviewer, Prompt, PromptKind
from slackbot.view_seal import sealed_metadata

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
        my_name=actor.my_name,
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
    prompt_id, extra = press.id_and_word
    with actor.services.sessions() as session:
        opened = _load(session, actor, prompt_id, extra)
        if opened is None:
            press.tell(build_plain_reply(GONE))
            return
        opened.kind = OPENERS.get(str(press.action.get("action_id"))) or opened.kind
        view = _modal(opened, _draft(session, actor, opened))
    open_view(actor, press.trigger_id, view)


@on_press
def handle_draft_edit(press: Press) -> None:
    """A change inside the modal: rebuild it so the note, warnings and email link stay true."""
    actor, view = press.actor, press.body.get("view") or {}
    meta, form = _metadata(view), read_draft_form(view)
    action_id = press.action.get("action_id")
    chosen = str((press.action.get("selected_option") or {}).get("value") or "")
    # Only a topic or a role is saved; an edit to the note (each few keystrokes) only reads.
    writes = action_id in (ids.DRAFT_TOPIC, ids.DRAFT_ROLE)
    scope = transaction(actor.services.sessions) if writes else actor.services.sessions()
    with scope as session:
        opened = _load(
            session, actor, meta["p"], chosen if action_id == ids.DRAFT_TO else meta["i"]
        )
        if opened is None:
            return
        opened.kind = _kind(meta, opened)
        text, version = _edited(press, opened, form)
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


def _edited(press: Press, opened: Opened, form: DraftForm) -> tuple[str | None, int]:
    """The note's text after this edit (None: write it afresh), and the form's version."""
    action_id, value = press.action.get("action_id"), press.action.get("value")
    if action_id == ids.DRAFT_TO:
        return None, form.version + 1  # another person: the note is written afresh for them
    if action_id == ids.DRAFT_ROLE:
        set_role(opened.person, str((press.action.get("selected_option") or {}).get("value") or ""))
    elif action_id == ids.DRAFT_TOPIC:
        text, changed = _with_topic(opened.person, value, form.text)
        return text, form.version + changed
    elif action_id == ids.DRAFT_BODY:
        return str(value or form.text or ""), form.version
    return form.text, form.version


def _with_topic(person: Interviewer, typed: object, text: str | None) -> tuple[str | None, int]:
    """The note with the typed topic in it, and 1 when the text changed under the user."""
    try:
        updated = note_topic(person, str(typed or ""), text or "")
    except InputError:
        return text, 0
    if text is None:
        return None, 1  # no note in hand: it is written afresh, topic and all
    return updated, int(updated != text)


@on_press
def handle_email_link(press: Press) -> None:
    """The button opens the user's mail program: nothing to do here."""


@on_submit
def handle_mark_sent(submission: Submission) -> Answer:
    actor = submission.actor
    meta, form = _metadata(submission.view), read_draft_form(submission.view)
    with transaction(actor.services.sessions) as session:
        opened = _load(session, actor, meta["p"], meta["i"])
        if opened is None:
            return Answer()
        opened.kind = _kind(meta, opened)
        text = _with_topic(opened.person, form.topic, form.text)[0] if form.topic else form.text
        draft = _draft(session, actor, opened, text)
        if gaps_in(draft.body):
            return form_errors(gap_error(draft, form.version))
        remember_draft(opened.person, opened.kind, draft.body)
        update = _record_sent(session, opened, actor)
        sync_prompts(session, opened.interview, actor.prefs, actor.now)
        interview_id = opened.interview.id
        channel, ts = opened.prompt.channel_id, opened.prompt.message_ts

    def then() -> None:
        if update is not None and channel and ts:
            actor.client.chat_update(
                channel=channel, ts=ts, text=update["text"], blocks=update["blocks"]
            )
        rerender_prompts(actor, interview_id)
        data_changed(actor)

    return Answer(then=then)


def _record_sent(session: Session, opened: Opened, actor: Actor) -> dict[str, Any] | None:
    """Record what went out; the follow-up prompt's new look, when it was its note."""
    if opened.kind == TemplateKind.FOLLOW_UP:
        if opened.prompt.kind == PromptKind.FOLLOW_UP:
            # The same as pressing **I followed up** on the prompt, message and all.
            return followed_up(actor, session, opened.prompt, opened.interview)
        mark_followed_up(opened.interview, now=actor.now)
    elif opened.kind == TemplateKind.CARD:
        mark_card_sent(opened.person, now=actor.now)
    elif opened.kind == TemplateKind.THANK_YOU:
        mark_thanked(opened.person, now=actor.now)
    # A closure note is the last step: nothing more is scheduled until they answer.
    return None


@on_close
def handle_draft_closed(submission: Submission) -> None:
    """**Not yet**: keep the note and any topic typed, for next time and the likeness check."""
    actor = submission.actor
    meta, form = _metadata(submission.view), read_draft_form(submission.view)
    with transaction(actor.services.sessions) as session:
        opened = _load(session, actor, meta["p"], meta["i"])
        if opened is not None:
            text = _with_topic(opened.person, form.topic, form.text)[0] if form.topic else form.text
            remember_draft(opened.person, _kind(meta, opened), text or "")


@on_press
def handle_closure_not_yet(press: Press) -> None:
    """No follow-up yet: draft it now, and ask about closure again a week on."""
    actor = press.actor
    with transaction(actor.services.sessions) as session:
        opened = _load(session, actor, press.id_and_word[0], None)
        if opened is None or opened.prompt.kind != PromptKind.CLOSURE:
            press.tell(build_plain_reply(GONE))
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
    open_view(actor, press.trigger_id, view)
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
    meta = sealed_metadata(view)
    return {
        "p": read_id(meta.get("p")) or -1,
        "i": read_id(meta.get("i")) or -1,
        "k": str(meta.get("k") or ""),
    }
