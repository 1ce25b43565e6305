"""Buttons on command replies: pick an outcome or interview, confirm a delete, open the modal."""

from __future__ import annotations

from slack_bolt import Ack, App, Respond
from sqlalchemy.orm import Session

from slackbot.blocks import ids
from slackbot.blocks.interviews import (
    build_already_closed,
    build_cancelled,
    build_outcome_choice,
    build_outcome_recorded,
)
from slackbot.blocks.log_modal import build_log_modal
from slackbot.blocks.text import build_plain_reply
from slackbot.db import transaction
from slackbot.domain.heard_back import HeardBack, hear_back
from slackbot.domain.interviews import cancel_interview, interview_by_id
from slackbot.domain.profiles import signature_name
from slackbot.listeners.context import Actor, Press, data_changed, on_press, open_view, payload_id
from slackbot.models import Interview, Outcome

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


def heard_from(actor: Actor, session: Session, interview: Interview, outcome: Outcome) -> HeardBack:
    """Record what the user heard back, signed with their name when a reply is drafted."""
    return hear_back(
        session,
        interview,
        outcome,
        prefs=actor.prefs,
        now=actor.now,
        my_name=signature_name(actor.settings),
    )


@on_press
def handle_heard(press: Press) -> None:
    actor = press.actor
    interview_id, outcome_value = parse_value(press.value)
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
            heard = heard_from(actor, session, interview, outcome)
            reply = build_outcome_recorded(interview, heard)
    press.respond(replace_original=True, **reply)
    data_changed(actor)


@on_press
def handle_cancel_confirm(press: Press) -> None:
    actor = press.actor
    interview_id, _ = parse_value(press.value)
    with transaction(actor.services.sessions) as session:
        interview = interview_by_id(session, actor.owner, interview_id or -1)
        if interview is None:
            reply = build_plain_reply(GONE)
        else:
            reply = build_cancelled(interview.number, interview.company, interview.role)
            cancel_interview(session, interview)
    press.respond(replace_original=True, **reply)
    data_changed(actor)


def handle_cancel_keep(ack: Ack, respond: Respond) -> None:
    ack()
    respond(replace_original=True, **build_plain_reply("Kept it. Nothing was deleted."))


@on_press
def handle_open_log(press: Press) -> None:
    actor = press.actor
    company = role = previous_id = None
    if press.action.get("action_id") == ids.LOG_NEXT_ROUND:
        interview_id, _ = parse_value(press.value)
        with actor.services.sessions() as session:
            previous = interview_by_id(session, actor.owner, interview_id or -1)
            if previous is not None:
                company, role, previous_id = previous.company, previous.role, previous.id
    view = build_log_modal(
        zone=actor.zone,
        now=actor.now,
        company=company,
        role=role,
        response_url=press.body.get("response_url"),
        previous_id=previous_id,
    )
    open_view(actor, press.body["trigger_id"], view)
