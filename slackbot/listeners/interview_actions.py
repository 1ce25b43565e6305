"""Buttons on command replies: pick an outcome or interview, confirm a delete, open the modal."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App, BoltContext, Respond
from slack_sdk import WebClient

from slackbot.blocks import ids
from slackbot.blocks.interviews import (
    build_already_closed,
    build_cancelled,
    build_log_modal,
    build_outcome_choice,
    build_outcome_recorded,
)
from slackbot.blocks.text import build_plain_reply
from slackbot.db import transaction
from slackbot.domain.interviews import cancel_interview, interview_by_id, record_outcome
from slackbot.listeners.context import actor_for, data_changed, payload_id
from slackbot.models import Outcome

GONE = "That interview no longer exists, or isn't yours. Nothing was changed."


def register(app: App) -> None:
    app.action(ids.HEARD_OUTCOME)(handle_heard)
    app.action(ids.HEARD_PICK)(handle_heard)
    app.action(ids.CANCEL_CONFIRM)(handle_cancel_confirm)
    app.action(ids.CANCEL_KEEP)(handle_cancel_keep)
    app.action(ids.OPEN_LOG)(handle_open_log)
    app.action(ids.LOG_NEXT_ROUND)(handle_open_log)


def parse_value(value: str | None) -> tuple[int | None, str]:
    """`"12:offer"` -> (12, "offer"); anything malformed -> (None, "")."""
    head, _, tail = (value or "").partition(":")
    found = payload_id(head)
    return (found, tail) if found is not None else (None, "")


def handle_heard(
    ack: Ack,
    body: dict[str, Any],
    action: dict[str, Any],
    respond: Respond,
    context: BoltContext,
    client: WebClient,
) -> None:
    ack()
    actor = actor_for(body, context, client)
    interview_id, outcome_value = parse_value(action.get("value"))
    outcome = Outcome(outcome_value) if outcome_value in set(Outcome) else None
    with transaction(actor.services.sessions) as session:
        interview = interview_by_id(session, actor.owner, interview_id or -1)
        if interview is None:
            reply = build_plain_reply(GONE)
        elif interview.closed_at is not None:
            reply = build_already_closed(interview)
        elif outcome is None:
            reply = build_outcome_choice(interview)
        else:
            record_outcome(session, interview, outcome, now=actor.now)
            reply = build_outcome_recorded(interview, outcome)
    respond(replace_original=True, **reply)
    data_changed(actor)


def handle_cancel_confirm(
    ack: Ack,
    body: dict[str, Any],
    action: dict[str, Any],
    respond: Respond,
    context: BoltContext,
    client: WebClient,
) -> None:
    ack()
    actor = actor_for(body, context, client)
    interview_id, _ = parse_value(action.get("value"))
    with transaction(actor.services.sessions) as session:
        interview = interview_by_id(session, actor.owner, interview_id or -1)
        if interview is None:
            reply = build_plain_reply(GONE)
        else:
            reply = build_cancelled(interview.number, interview.company, interview.role)
            cancel_interview(session, interview)
    respond(replace_original=True, **reply)
    data_changed(actor)


def handle_cancel_keep(ack: Ack, respond: Respond) -> None:
    ack()
    respond(replace_original=True, **build_plain_reply("Kept it. Nothing was deleted."))


def handle_open_log(
    ack: Ack,
    body: dict[str, Any],
    action: dict[str, Any],
    context: BoltContext,
    client: WebClient,
) -> None:
    ack()
    actor = actor_for(body, context, client)
    company = role = None
    if action.get("action_id") == ids.LOG_NEXT_ROUND:
        interview_id, _ = parse_value(action.get("value"))
        with actor.services.sessions() as session:
            previous = interview_by_id(session, actor.owner, interview_id or -1)
            if previous is not None:
                company, role = previous.company, previous.role
    view = build_log_modal(
        zone=actor.zone,
        now=actor.now,
        company=company,
        role=role,
        response_url=body.get("response_url"),
    )
    client.views_open(trigger_id=body["trigger_id"], view=view)
