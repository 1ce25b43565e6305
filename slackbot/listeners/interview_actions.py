"""Buttons on command replies: pick an outcome or interview, confirm a delete, open the modal."""

from __future__ import annotations

from slack_bolt import App

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
from slackbot.domain.interviews import cancel_interview, interview_by_id
from slackbot.interactions.home_tab import data_changed
from slackbot.interactions.modals import open_view
from slackbot.interactions.outcomes import heard_from
from slackbot.interactions.shapes import Press, on_press
from slackbot.models import Outcome

GONE = "That interview no longer exists, or isn't yours. Nothing was changed."


def register(app: App) -> None:
    app.action(ids.HEARD_OUTCOME)(handle_heard)
    app.action(ids.HEARD_PICK)(handle_heard)
    app.action(ids.CANCEL_CONFIRM)(handle_cancel_confirm)
    app.action(ids.CANCEL_KEEP)(handle_cancel_keep)
    app.action(ids.OPEN_LOG)(handle_open_log)
    app.action(ids.LOG_NEXT_ROUND)(handle_open_log)


@on_press
def handle_heard(press: Press) -> None:
    actor = press.actor
    interview_id, word = press.id_and_word
    outcome = Outcome(word) if word in set(Outcome) else None
    with transaction(actor.services.sessions) as session:
        interview = interview_by_id(session, actor.owner, interview_id)
        if interview is None:
            reply = build_plain_reply(GONE)
        elif interview.closed_at is not None:
            reply = build_already_closed(interview)
        elif outcome is None:
            reply = build_outcome_choice(interview)
        else:
            reply = build_outcome_recorded(
                interview, heard_from(actor, session, interview, outcome)
            )
    press.replace(reply)
    data_changed(actor)


@on_press
def handle_cancel_confirm(press: Press) -> None:
    actor = press.actor
    with transaction(actor.services.sessions) as session:
        interview = interview_by_id(session, actor.owner, press.id_and_word[0])
        if interview is None:
            reply = build_plain_reply(GONE)
        else:
            reply = build_cancelled(interview.number, interview.company, interview.role)
            cancel_interview(session, interview)
    press.replace(reply)
    data_changed(actor)


@on_press
def handle_cancel_keep(press: Press) -> None:
    press.replace(build_plain_reply("Kept it. Nothing was deleted."))


@on_press
def handle_open_log(press: Press) -> None:
    actor = press.actor
    company = role = previous_id = None
    if press.action.get("action_id") == ids.LOG_NEXT_ROUND:
        with actor.services.sessions() as session:
            previous = interview_by_id(session, actor.owner, press.id_and_word[0])
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
    open_view(actor, press.trigger_id, view)
