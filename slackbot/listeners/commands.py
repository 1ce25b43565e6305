"""`/interview`: the one place a subcommand is acknowledged, and the interview subcommands.

Each subcommand takes a `Request` and returns its `Reply`; the other listener modules add
theirs (templates, settings, your data) through the table `register` is given.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

from slack_bolt import Ack, App, BoltContext
from slack_sdk import WebClient

from slackbot.blocks.help import build_help
from slackbot.blocks.interviews import (
    build_already_closed,
    build_cancel_confirm,
    build_interview_choice,
    build_list,
    build_logged,
    build_outcome_choice,
    build_outcome_recorded,
)
from slackbot.blocks.invites import build_invite_draft
from slackbot.blocks.log_modal import build_log_modal
from slackbot.blocks.text import build_error, build_plain_reply, ephemeral
from slackbot.db import transaction
from slackbot.domain.fields import parse_number
from slackbot.domain.interviews import (
    InterviewData,
    NotFound,
    interview_by_number,
    open_by_company,
)
from slackbot.domain.invite_drafts import draft_from_event
from slackbot.domain.invite_text import PastedInvite, read_pasted_invite
from slackbot.domain.log_line import parse_log_text
from slackbot.domain.new_interviews import log_interview
from slackbot.domain.outcomes import HEARD_EXAMPLE, split_outcome
from slackbot.domain.prompts import next_pending
from slackbot.domain.redeliveries import delivery_key, seen_before
from slackbot.domain.slack_text import decode_slack_text
from slackbot.domain.snapshots import load_interviews
from slackbot.domain.user_input import InputError
from slackbot.driver_sql import Driver, retrying_on_driver
from slackbot.interactions.actor import actor_for
from slackbot.interactions.home_tab import data_changed
from slackbot.interactions.outcomes import heard_from
from slackbot.interactions.shapes import Reply, Request, acknowledge, opening
from slackbot.invite_replies import me_of

Subcommand = Callable[[Request], Reply]

COMMAND = "/interview"
NUMBER = re.compile(r"#?[0-9]+")
# Subcommands after which the Home tab is republished.
CHANGES_DATA = frozenset({"log", "heard"})
ALREADY_LOGGED = (
    "That one is already logged (Slack delivered it twice). `/interview list` shows it."
)


def register(app: App, more: Mapping[str, Subcommand]) -> None:
    def handle_interview(
        ack: Ack, command: dict[str, Any], context: BoltContext, client: WebClient
    ) -> None:
        text = decode_slack_text(command.get("text") or "").strip()
        name, _, args = text.partition(" ")
        subcommand = SUBCOMMANDS.get(name.lower()) or more.get(name.lower())
        if subcommand is None or subcommand is help_command:
            # Help needs nothing stored: it never waits on the database.
            ack(**build_help(unknown=None if subcommand else name or None))
            return
        request = Request(
            actor=actor_for(command, context, client),
            args=args.strip(),
            trigger_id=command.get("trigger_id", ""),
            response_url=command.get("response_url"),
            channel_id=command.get("channel_id"),
            command=command,
        )
        acknowledge(ack, _answer(subcommand, request))
        if name.lower() in CHANGES_DATA:
            data_changed(request.actor, on_screen=False)

    app.command(COMMAND)(handle_interview)


def _answer(subcommand: Subcommand, request: Request) -> Reply:
    try:
        return subcommand(request)
    except InputError as error:
        return build_error(error.problem, error.example)


def help_command(request: Request) -> Reply:
    return build_help()


def log_command(request: Request) -> Reply:
    actor = request.actor
    if not request.args:
        view = build_log_modal(zone=actor.zone, now=actor.now, response_url=request.response_url)
        return opening(actor, request.trigger_id, view)
    if "|" not in request.args:
        pasted = read_pasted_invite(request.args, now=actor.now, zone=actor.zone)
        if pasted is not None:
            return _log_pasted(request, pasted)
    parsed = parse_log_text(request.args, now=actor.now, zone=actor.zone)
    data = InterviewData(
        company=parsed.company,
        role=parsed.role,
        starts_at=parsed.starts_at,
        interviewers=parsed.interviewers,
    )

    delivery = delivery_key("command", request.trigger_id)

    def log(driver: Driver) -> Reply:
        if request.trigger_id and seen_before(
            driver, key=delivery, team_id=actor.owner.team_id, now=actor.now
        ):
            return build_plain_reply(ALREADY_LOGGED)
        interview = log_interview(driver, actor.owner, data, prefs=actor.prefs, now=actor.now)
        return build_logged(
            interview, zone=actor.zone, first=next_pending(interview), now=actor.now
        )

    # The bot's most common write, on the driver: see driver_sql.
    return retrying_on_driver(actor.services.sessions, log)


def _log_pasted(request: Request, pasted: PastedInvite) -> Reply:
    """An invite's text after `/interview log`: Log it / Edit first when read with confidence,
    else the form, filled with what was found."""
    actor = request.actor
    draft = draft_from_event(pasted.event, me=me_of(actor))
    if pasted.certain:
        answer = build_invite_draft(draft, zone=actor.zone, now=actor.now)
        return ephemeral(answer["text"], answer["blocks"])
    view = build_log_modal(
        zone=actor.zone, now=actor.now, draft=draft, response_url=request.response_url
    )
    return opening(actor, request.trigger_id, view)


def list_command(request: Request) -> Reply:
    actor = request.actor
    with actor.services.reading() as driver:
        interviews = load_interviews(driver, actor.owner, open_only=True)
        upcoming = {i.id: next_pending(i) for i in interviews}
        return build_list(interviews, zone=actor.zone, next_prompts=upcoming)


def edit_command(request: Request) -> Reply:
    actor = request.actor
    number = _number(request.args, "/interview edit 3")
    with actor.services.sessions() as session:
        interview = interview_by_number(session, actor.owner, number)
        if interview.closed_at is not None:
            return build_already_closed(interview)
        view = build_log_modal(
            zone=actor.zone,
            now=actor.now,
            interview=interview,
            response_url=request.response_url,
        )
    return opening(actor, request.trigger_id, view)


def cancel_command(request: Request) -> Reply:
    actor = request.actor
    number = _number(request.args, "/interview cancel 3")
    with actor.services.sessions() as session:
        return build_cancel_confirm(interview_by_number(session, actor.owner, number))


def heard_command(request: Request) -> Reply:
    actor = request.actor
    target, outcome = split_outcome(request.args)
    with transaction(actor.services.sessions) as session:
        if NUMBER.fullmatch(target):
            matches = [interview_by_number(session, actor.owner, _number(target, HEARD_EXAMPLE))]
        else:
            matches = open_by_company(session, actor.owner, target)
        if not matches:
            raise NotFound(
                f"None of your open interviews is with “{target}”.",
                example="/interview heard Initrode offer",
            )
        if len(matches) > 1:
            return build_interview_choice(matches, outcome=outcome, company=target)
        interview = matches[0]
        if interview.closed_at is not None:
            return build_already_closed(interview)
        if outcome is None:
            return build_outcome_choice(interview)
        return build_outcome_recorded(interview, heard_from(actor, session, interview, outcome))


SUBCOMMANDS: dict[str, Subcommand] = {
    "help": help_command,
    "log": log_command,
    "list": list_command,
    "edit": edit_command,
    "cancel": cancel_command,
    "heard": heard_command,
}


def _number(args: str, example: str) -> int:
    try:
        return parse_number(args)
    except InputError as error:
        raise InputError(error.problem, example=example) from None
