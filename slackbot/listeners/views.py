"""Modal submissions."""

from __future__ import annotations

from functools import partial
from typing import Any

from slack_bolt import App
from sqlalchemy.orm import Session

from slackbot.blocks import ids
from slackbot.blocks.button_values import read_id
from slackbot.blocks.interviews import build_logged
from slackbot.blocks.log_modal import read_log_state
from slackbot.db import retrying
from slackbot.domain.facts import InterviewFacts
from slackbot.domain.forms import FormErrors, read_log_form
from slackbot.domain.interviews import InterviewData, edit_interview, interview_by_id
from slackbot.domain.invite_drafts import with_invite
from slackbot.domain.new_interviews import log_interview
from slackbot.domain.prompts import next_pending
from slackbot.domain.redeliveries import delivery_key, seen_before
from slackbot.interactions.home_tab import data_changed
from slackbot.interactions.response_urls import reply_later
from slackbot.interactions.shapes import Answer, Submission, form_errors, on_submit

GONE = "This interview was closed or deleted meanwhile, or isn't yours."
SAVED_BEFORE: dict[str, Any] = {}


def register(app: App) -> None:
    app.view(ids.LOG_MODAL)(handle_log_submission)


@on_submit
def handle_log_submission(submission: Submission) -> Answer:
    actor = submission.actor
    try:
        data = read_log_form(read_log_state(submission.values), zone=actor.zone)
    except FormErrors as invalid:
        return form_errors(invalid.errors)
    meta = submission.metadata
    data = with_invite(data, meta.get("invite"))
    reply = retrying(actor.services.sessions, partial(_save, submission, data))
    if reply is SAVED_BEFORE:
        return Answer()  # the same view submitted again: saved and confirmed the first time
    if reply is None:
        return form_errors({ids.F_COMPANY: GONE})

    def confirm() -> None:
        user_id, response_url = actor.owner.user_id, meta.get("response_url")
        reply_later(actor.client, user_id=user_id, response_url=response_url, reply=reply)
        data_changed(actor)

    return Answer(then=confirm)


def _save(submission: Submission, data: InterviewData, session: Session) -> dict[str, Any] | None:
    """Log the interview, or save the edit; its confirmation, or None when it is gone."""
    actor, view, meta = submission.actor, submission.view, submission.metadata
    delivery = delivery_key("view", str(view["id"]), str(view.get("hash") or ""))
    if seen_before(session, key=delivery, team_id=actor.owner.team_id, now=actor.now):
        return SAVED_BEFORE
    interview_id = meta.get("interview_id")
    interview: InterviewFacts
    if interview_id is None:
        previous = read_id(meta.get("previous_id"))
        interview = log_interview(
            session, actor.owner, data, prefs=actor.prefs, now=actor.now, previous_id=previous
        )
    else:
        found = interview_by_id(session, actor.owner, _as_id(interview_id))
        if found is None or found.closed_at is not None:
            return None
        interview = edit_interview(session, found, data, prefs=actor.prefs, now=actor.now)
    first = next_pending(interview)
    edited = interview_id is not None
    return build_logged(interview, zone=actor.zone, first=first, now=actor.now, edited=edited)


def _as_id(value: object) -> int:
    found = read_id(value)
    return -1 if found is None else found
