"""Modal submissions."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App, BoltContext
from slack_sdk import WebClient
from sqlalchemy.orm import Session

from slackbot.blocks import ids
from slackbot.blocks.interviews import build_logged
from slackbot.db import retrying
from slackbot.domain.forms import FormErrors, LogForm, read_log_form
from slackbot.domain.interviews import edit_interview, interview_by_id, log_interview
from slackbot.domain.invite_drafts import with_invite
from slackbot.domain.prompts import next_pending
from slackbot.domain.redeliveries import delivery_key, seen_before
from slackbot.listeners.context import actor_for, data_changed, payload_id, view_metadata
from slackbot.listeners.replies import reply_later

GONE = "This interview was closed or deleted meanwhile, or isn't yours."
SAVED_BEFORE: dict[str, Any] = {}


def register(app: App) -> None:
    app.view(ids.LOG_MODAL)(handle_log_submission)


def handle_log_submission(
    ack: Ack, body: dict[str, Any], view: dict[str, Any], context: BoltContext, client: WebClient
) -> None:
    actor = actor_for(body, context, client)
    try:
        data = read_log_form(_log_form(view["state"]["values"]), zone=actor.zone)
    except FormErrors as invalid:
        ack(response_action="errors", errors=invalid.errors)
        return
    meta = view_metadata(view)
    interview_id = meta.get("interview_id")
    data = with_invite(data, meta.get("invite"))
    delivery = delivery_key("view", str(view["id"]), str(view.get("hash") or ""))

    def save(session: Session) -> dict[str, Any] | None:
        if seen_before(session, key=delivery, team_id=actor.owner.team_id, now=actor.now):
            return SAVED_BEFORE
        if interview_id is None:
            previous = payload_id(meta.get("previous_id"))
            interview = log_interview(
                session, actor.owner, data, prefs=actor.prefs, now=actor.now, previous_id=previous
            )
        else:
            interview = interview_by_id(session, actor.owner, _as_id(interview_id))
            if interview is None or interview.closed_at is not None:
                return None
            edit_interview(session, interview, data, prefs=actor.prefs, now=actor.now)
        return build_logged(
            interview,
            zone=actor.zone,
            first=next_pending(interview),
            now=actor.now,
            edited=interview_id is not None,
        )

    reply = retrying(actor.services.sessions, save)
    if reply is SAVED_BEFORE:
        ack()  # the same view submitted again: it was saved and confirmed the first time
        return
    if reply is None:
        ack(response_action="errors", errors={ids.F_COMPANY: GONE})
        return
    ack()
    reply_later(
        client, user_id=actor.owner.user_id, response_url=meta.get("response_url"), reply=reply
    )
    data_changed(actor)


def _as_id(value: object) -> int:
    found = payload_id(value)
    return -1 if found is None else found


def _log_form(values: dict[str, Any]) -> LogForm:
    def get(block: str) -> str | None:
        state = (values.get(block) or {}).get(block) or {}
        for key in ("value", "selected_date", "selected_time"):
            if state.get(key) is not None:
                return str(state[key])
        option = state.get("selected_option")
        return option.get("value") if isinstance(option, dict) else None

    return LogForm(
        company=get(ids.F_COMPANY),
        role=get(ids.F_ROLE),
        date=get(ids.F_DATE),
        time=get(ids.F_TIME),
        length=get(ids.F_LENGTH),
        interviewers=get(ids.F_INTERVIEWERS),
        format=get(ids.F_FORMAT),
        decision_by=get(ids.F_DECISION),
        notes=get(ids.F_NOTES),
    )
