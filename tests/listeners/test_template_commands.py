"""`/interview template …` and `/interview templates`, called as functions on a real database:
the reply a subcommand returns is what the user reads."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from slack_sdk import WebClient

from slackbot.clock import ManualClock
from slackbot.db import SessionFactory, transaction
from slackbot.domain.interviews import Owner
from slackbot.domain.profiles import settings_for
from slackbot.interactions.actor import Actor
from slackbot.interactions.shapes import Answer, Request
from slackbot.listeners.template_commands import template_command, templates_command
from slackbot.sandbox.answers import visible_text
from slackbot.services import Services

NOW = datetime(2026, 12, 2, 15, 0, tzinfo=UTC)
DANA = Owner("T0TEAM001", "U0DANA001")


@pytest.fixture
def actor(sessions: SessionFactory) -> Actor:
    with transaction(sessions) as session:
        settings = settings_for(session, team_id=DANA.team_id, user_id=DANA.user_id, now=NOW)
    # Nothing here calls Slack: a client that could reach nobody proves it.
    client = WebClient(token="xoxb-unused", base_url="http://127.0.0.1:9/api/")
    services = Services(sessions=sessions, clock=ManualClock(NOW))
    return Actor(owner=DANA, services=services, client=client, now=NOW, settings=settings)


def _said(reply: object) -> str:
    assert isinstance(reply, dict), reply
    return visible_text(reply)


def test_an_unknown_verb_names_the_verbs_there_are(actor: Actor) -> None:
    said = _said(template_command(Request(actor, "frobnicate mine")))
    assert "I don't know “template frobnicate”" in said
    assert "new, edit, copy, delete, use, share" in said


def test_a_template_i_do_not_have_says_i_have_none_yet(actor: Actor) -> None:
    said = _said(template_command(Request(actor, "edit Warm")))
    assert "You have no template named “Warm”; you have none of your own yet." in said
    assert "/interview template new" in said


def test_built_ins_are_read_only(actor: Actor) -> None:
    said = _said(template_command(Request(actor, "delete thank-you")))
    assert "built-in template, and built-ins are read-only" in said


def test_new_opens_the_modal_after_the_ack(actor: Actor) -> None:
    reply = template_command(Request(actor, "new Warm", trigger_id="1.2"))
    assert isinstance(reply, Answer)
    assert reply.body == {}
    assert reply.then is not None


def test_my_templates_lists_the_built_ins_when_i_have_none(actor: Actor) -> None:
    said = _said(templates_command(Request(actor, "")))
    assert "thank-you" in said.lower()


def test_templates_with_a_word_it_does_not_know_shows_the_right_form(actor: Actor) -> None:
    said = _said(templates_command(Request(actor, "famous")))
    assert "I don't know “templates famous”" in said
    assert "/interview templates popular" in said
