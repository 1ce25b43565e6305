"""`/interview stats`, `export` and `forget`."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import App
from slack_sdk.errors import SlackApiError

from slackbot.blocks import ids
from slackbot.blocks.your_data import (
    build_calendar_sent,
    build_export_failed,
    build_export_sent,
    build_export_usage,
    build_forget_confirm,
    build_forget_kept,
    build_forgotten,
    build_stats,
    calendar_comment,
    export_comment,
)
from slackbot.db import transaction
from slackbot.domain.calendar_export import build_calendar
from slackbot.domain.export import build_export
from slackbot.domain.forget import forget_user
from slackbot.domain.snapshots import load_interviews
from slackbot.domain.stats import compute_stats
from slackbot.interactions.actor import Actor
from slackbot.interactions.home_tab import data_changed
from slackbot.interactions.response_urls import reply_later
from slackbot.interactions.shapes import Answer, Press, Reply, Request, on_press

logger = logging.getLogger(__name__)


def register(app: App) -> None:
    app.action(ids.DATA_FORGET_CONFIRM)(handle_forget_confirm)
    app.action(ids.DATA_FORGET_KEEP)(handle_forget_keep)


def stats_command(request: Request) -> Reply:
    actor = request.actor
    with actor.services.reading() as driver:
        stats = compute_stats(load_interviews(driver, actor.owner), now=actor.now)
    return build_stats(stats)


def export_command(request: Request) -> Reply:
    """Acknowledge at once: building and uploading the file can outlast Slack's 3 seconds.

    `export calendar` (or `ics`) sends the upcoming prompts as a calendar file instead.
    """
    actor = request.actor
    if request.args.lower() not in ("", "csv", "calendar", "ics"):
        return build_export_usage(request.args)
    return Answer(then=lambda: _export(actor, request))


def _export(actor: Actor, request: Request) -> None:
    today = actor.now.astimezone(actor.zone).date()
    with actor.services.reading() as driver:
        interviews = load_interviews(driver, actor.owner)
    if request.args.lower() in ("calendar", "ics"):
        calendar = build_calendar(interviews, zone=actor.zone, now=actor.now, today=today)
        sent = _send_file(
            actor,
            content=calendar.content,
            filename=calendar.filename,
            title="Follow-Up Coach prompts",
            comment=calendar_comment(calendar.events, actor.zone.key),
        )
        reply = sent or build_calendar_sent(calendar.events)
    else:
        export = build_export(interviews, zone=actor.zone, today=today)
        sent = _send_file(
            actor,
            content=export.content,
            filename=export.filename,
            title="Follow-Up Coach export",
            comment=export_comment(export),
        )
        reply = sent or build_export_sent(export)
    reply_later(
        actor.client, user_id=actor.owner.user_id, response_url=request.response_url, reply=reply
    )


def _send_file(
    actor: Actor, *, content: str | bytes, filename: str, title: str, comment: str
) -> dict[str, Any] | None:
    """Upload a file into the user's DM; the failure reply, or None when it went."""
    try:
        # files.completeUploadExternal needs the DM's channel id, not the user id.
        channel = actor.client.conversations_open(users=actor.owner.user_id)["channel"]["id"]
        actor.client.files_upload_v2(
            channel=channel,
            content=content,
            filename=filename,
            title=title,
            initial_comment=comment,
        )
    except SlackApiError as error:
        code = str(error.response.get("error") or "Slack error")
        logger.warning("export upload failed: %s", code)
        return build_export_failed(code)
    return None


def forget_command(request: Request) -> Reply:
    return build_forget_confirm()


@on_press
def handle_forget_confirm(press: Press) -> None:
    actor = press.actor
    with transaction(actor.services.sessions) as session:
        forgotten = forget_user(session, actor.owner)
    logger.info("forgot a user's data: %d interviews", forgotten.interviews)
    press.replace(build_forgotten(forgotten))
    # Home now shows the introduction instead of data that no longer exists.
    data_changed(actor)


@on_press
def handle_forget_keep(press: Press) -> None:
    press.replace(build_forget_kept())


SUBCOMMANDS = {"stats": stats_command, "export": export_command, "forget": forget_command}
