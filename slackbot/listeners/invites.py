"""Calendar invites shared in the DM: read them, then log, move or cancel the interview."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import App, BoltContext
from slack_sdk import WebClient
from sqlalchemy.orm import Session

from slackbot.blocks import ids
from slackbot.blocks.interviews import build_logged
from slackbot.blocks.invites import (
    build_already_logged,
    build_invite_draft,
    build_invite_problem,
)
from slackbot.blocks.log_modal import build_log_modal
from slackbot.db import retrying
from slackbot.domain.invite_drafts import LogDraft, as_interview_data, decode_draft
from slackbot.domain.invite_updates import logged_from_invite
from slackbot.domain.invites import MAX_INVITE_BYTES, SHARE_INSTEAD, InviteError
from slackbot.domain.new_interviews import log_interview
from slackbot.domain.prompts import next_pending
from slackbot.domain.redeliveries import first_delivery
from slackbot.domain.user_input import InputError
from slackbot.downloads import DownloadFailed, fetch_shared_file
from slackbot.interactions.actor import actor_for
from slackbot.interactions.home_tab import data_changed
from slackbot.interactions.modals import open_view
from slackbot.interactions.shapes import Press, on_press
from slackbot.invite_replies import answer_invite_bytes

logger = logging.getLogger(__name__)
CALENDAR_SUFFIXES = (".ics", ".ical", ".icalendar", ".vcs")
STALE = "That button is from an older message. Share the invite again."


def register(app: App) -> None:
    # Registered before the DM reply listener: Bolt runs the first listener that matches.
    app.event({"type": "message", "subtype": "file_share", "channel_type": "im"})(handle_file_share)
    app.action(ids.INVITE_LOG)(handle_invite_log)
    app.action(ids.INVITE_EDIT)(handle_invite_edit)
    app.action(ids.INVITE_PICK)(handle_invite_pick)


def handle_file_share(
    event: dict[str, Any], body: dict[str, Any], context: BoltContext, client: WebClient
) -> None:
    files = event.get("files") or []
    # The bot's own uploads (the export) arrive as file_share too: never read them back.
    if event.get("bot_id") or event.get("user") in (None, context.bot_user_id) or not files:
        return
    actor = actor_for(body, context, client)
    event_id = str(body.get("event_id") or f"{event['channel']}:{event['ts']}")
    if not first_delivery(
        actor.services.sessions, event_id=event_id, team_id=actor.owner.team_id, now=actor.now
    ):
        return
    shared = next((f for f in files if _looks_like_calendar(f)), None)
    try:
        if shared is None:
            raise InviteError("That file isn't a calendar invite.", example=SHARE_INSTEAD)
        if int(shared.get("size") or 0) > MAX_INVITE_BYTES:
            raise DownloadFailed("too large", too_large=True)
        downloaded = fetch_shared_file(
            client, str(shared.get("id")), user_id=actor.owner.user_id, max_bytes=MAX_INVITE_BYTES
        )
    except InviteError as error:
        answer, changed = build_invite_problem(error.problem, error.example), False
    except DownloadFailed as failed:
        logger.info("shared file not read: %s", failed)
        answer, changed = _download_problem(failed), False
    else:
        answer, changed = answer_invite_bytes(actor, downloaded.content)
    client.chat_postMessage(channel=event["channel"], text=answer["text"], blocks=answer["blocks"])
    if changed:
        data_changed(actor, on_screen=False)


@on_press
def handle_invite_log(press: Press) -> None:
    actor, draft = press.actor, _draft(press)
    if draft is None:
        return

    def log(session: Session) -> dict[str, Any]:
        known = logged_from_invite(session, actor.owner, draft.uid)
        if known is not None:
            return build_already_logged(known)
        try:
            data = as_interview_data(draft)
        except InputError as error:
            return build_invite_problem(error.problem, error.example)
        interview = log_interview(session, actor.owner, data, prefs=actor.prefs, now=actor.now)
        return build_logged(
            interview, zone=actor.zone, first=next_pending(interview), now=actor.now
        )

    _replace(press, retrying(actor.services.sessions, log))
    data_changed(actor)


@on_press
def handle_invite_edit(press: Press) -> None:
    actor, draft = press.actor, _draft(press)
    if draft is None:
        return
    view = build_log_modal(
        zone=actor.zone, now=actor.now, draft=draft, response_url=press.body.get("response_url")
    )
    open_view(actor, press.trigger_id, view)


@on_press
def handle_invite_pick(press: Press) -> None:
    draft = _draft(press)
    if draft is not None:
        _replace(press, build_invite_draft(draft, zone=press.actor.zone, now=press.actor.now))


def _draft(press: Press) -> LogDraft | None:
    """The invite's draft the button carries; one we cannot read gets a one-line answer."""
    draft = decode_draft(press.value)
    if draft is None:
        _replace(press, build_invite_problem(STALE, ""))
    return draft


def _looks_like_calendar(shared: dict[str, Any]) -> bool:
    name = str(shared.get("name") or "").lower()
    kind = str(shared.get("mimetype") or "").lower()
    return name.endswith(CALENDAR_SUFFIXES) or "calendar" in kind or shared.get("filetype") == "ics"


def _download_problem(failed: DownloadFailed) -> dict[str, Any]:
    if failed.too_large:
        return build_invite_problem(
            "That file is over 1 MB, too big to be one invite.", SHARE_INSTEAD
        )
    return build_invite_problem(
        "I couldn't download that file from Slack.",
        "Try sharing it again in a minute, or type `/interview log`.",
    )


def _replace(press: Press, answer: dict[str, Any]) -> None:
    """Update the message the button was on, through the click's own response URL: Slack binds
    it to that message, where a channel and ts named in the payload could point anywhere."""
    press.replace({"text": answer["text"], "blocks": answer.get("blocks")})
