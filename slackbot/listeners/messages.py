"""Replies the user types in the DM with the bot, and the buttons that settle ambiguous ones."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import App, BoltContext
from slack_sdk import WebClient

from slackbot.blocks import ids
from slackbot.blocks.conversation import (
    build_applied,
    build_help_line,
    build_no_interview,
    build_pick_interview,
    read_value,
)
from slackbot.blocks.undo import build_nothing_to_undo
from slackbot.db import transaction
from slackbot.domain.conversation import apply_reply, find_target
from slackbot.domain.interviews import interview_by_id
from slackbot.domain.redeliveries import first_delivery
from slackbot.domain.slack_text import decode_slack_text
from slackbot.domain.typed_replies import NotUnderstood, Undo, read_reply
from slackbot.interactions.actor import Actor, actor_for
from slackbot.interactions.home_tab import data_changed
from slackbot.interactions.prompt_messages import rerender_prompts
from slackbot.interactions.shapes import Press, on_press
from slackbot.invite_replies import answer_pasted
from slackbot.models import Interviewer, PromptKind

logger = logging.getLogger(__name__)


def register(app: App) -> None:
    app.event({"type": "message", "channel_type": "im"})(handle_dm)
    app.action(ids.DM_PICK_INTERVIEW)(handle_pick)
    app.action(ids.DM_PICK_PERSON)(handle_pick)


def handle_dm(
    event: dict[str, Any], body: dict[str, Any], context: BoltContext, client: WebClient
) -> None:
    if event.get("bot_id") or event.get("subtype") or not event.get("user"):
        return  # bots (this one included), edits, joins: not a reply to understand
    actor = actor_for(body, context, client)
    if not _first_from_their_dm(actor, event, body):
        return
    text = decode_slack_text(event.get("text") or "")
    where = {"channel": event["channel"], "thread_ts": event.get("thread_ts") or event["ts"]}
    # An invite's text, pasted to log it: its "Interview: …" title must not read as a topic.
    pasted = answer_pasted(actor, text)
    if pasted is not None:
        client.chat_postMessage(**where, **pasted)
        return
    answer, changed, undone = _apply(actor, event, text)
    client.chat_postMessage(**where, **answer)
    if changed is not None:
        _after_change(actor, changed, everything=undone)


def _first_from_their_dm(actor: Actor, event: dict[str, Any], body: dict[str, Any]) -> bool:
    """The sender's own DM with the bot, and not a retry of an event already applied."""
    if not actor.services.dm_channels.is_dm_of(actor.client, actor.owner, event.get("channel")):
        logger.info("ignored a message event whose channel is not the sender's DM")
        return False
    event_id = str(body.get("event_id") or f"{event['channel']}:{event['ts']}")
    return first_delivery(
        actor.services.sessions, event_id=event_id, team_id=actor.owner.team_id, now=actor.now
    )


def _apply(
    actor: Actor, event: dict[str, Any], text: str
) -> tuple[dict[str, Any], int | None, bool]:
    """The answer to a typed reply, the interview it changed (if any), and whether it undid."""
    reply = read_reply(text)
    with transaction(actor.services.sessions) as session:
        target = find_target(
            session,
            actor.owner,
            reply,
            channel_id=event["channel"],
            thread_ts=event.get("thread_ts"),
        )
        if isinstance(reply, NotUnderstood):
            return build_help_line(target.prompt), None, False
        if target.choices:
            return build_pick_interview(target.choices, text), None, False
        if target.interview is None:
            nothing = build_nothing_to_undo() if isinstance(reply, Undo) else build_no_interview()
            return nothing, None, False
        kind = PromptKind(target.prompt.kind) if target.prompt else None
        applied = apply_reply(
            session,
            target.interview,
            reply,
            prefs=actor.prefs,
            now=actor.now,
            kind=kind,
            my_name=actor.my_name,
        )
        answer = build_applied(applied, target.interview, text, zone=actor.zone, now=actor.now)
        return answer, target.interview.id if applied.changed else None, applied.undone


@on_press
def handle_pick(press: Press) -> None:
    actor = press.actor
    interview_id, text, person_id = read_value(press.value)
    with transaction(actor.services.sessions) as session:
        interview = interview_by_id(session, actor.owner, interview_id or -1)
        if interview is None:
            answer = {"text": "That interview no longer exists, or isn't yours."}
            changed = False
        else:
            person = _person(interview.interviewers, person_id)
            applied = apply_reply(
                session,
                interview,
                read_reply(text),
                prefs=actor.prefs,
                now=actor.now,
                person=person,
                my_name=actor.my_name,
            )
            answer = build_applied(applied, interview, text, zone=actor.zone, now=actor.now)
            changed = applied.changed
    # The click's own response URL changes exactly the message that was clicked; a channel
    # and ts named in the payload could point anywhere.
    press.replace({"text": answer["text"], "blocks": answer.get("blocks", [])})
    if changed and interview_id is not None:
        _after_change(actor, interview_id)


def _person(people: list[Interviewer], person_id: int | None) -> Interviewer | None:
    return next((p for p in people if p.id == person_id), None) if person_id else None


def _after_change(actor: Actor, interview_id: int, *, everything: bool = False) -> None:
    rerender_prompts(actor, interview_id, everything=everything)
    data_changed(actor, on_screen=False)
