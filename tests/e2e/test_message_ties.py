"""The bot changes only messages it can tie to the clicking user, and answers only their DM."""

from __future__ import annotations

from typing import Any

from slackbot.blocks import ids
from slackbot.sandbox.answers import visible_text
from tests.conftest import Bot
from tests.e2e.helpers import eventually
from tests.e2e.test_prompt_flow import CHICAGO, WEDNESDAY_INTERVIEW, at, dms, run_until

DANA = "U0DANA001"
MALLORY = "U0MALLORY"
LIVE_LINK = "<https://evil.example/login|Re-enter your Slack password>"


def _prompts_sent(bot: Bot) -> tuple[dict[str, Any], dict[str, Any]]:
    bot.fake.clock = lambda: bot.clock().timestamp()
    bot.clock.set(at(CHICAGO, 2026, 12, 2, 9, 0))
    bot.slack.command(DANA, WEDNESDAY_INTERVIEW)
    bot.slack.command(MALLORY, "log Hooli | SRE | 2026-12-02 14:00 | Gavin Belson")
    run_until(bot, at(CHICAGO, 2026, 12, 2, 16, 0))
    return dms(bot, DANA)[0], dms(bot, MALLORY)[0]


def _forged(target: dict[str, Any], action_id: str, value: str) -> dict[str, Any]:
    """A message claiming to be `target`, carrying blocks of the sender's choosing."""
    button = {"type": "button", "action_id": action_id, "value": value, "text": {}}
    return {
        "channel": target["channel"],
        "ts": target["ts"],
        "text": LIVE_LINK,
        "blocks": [
            {"type": "section", "text": {"type": "mrkdwn", "text": LIVE_LINK}},
            {"type": "actions", "block_id": "b", "elements": [button]},
        ],
    }


def _own_response_url(bot: Bot, clicked: dict[str, Any]) -> str:
    """What Slack binds to the message Mallory really clicked: her own."""
    return bot.fake.response_url(channel=clicked["channel"], ts=clicked["ts"])


def test_a_click_naming_no_prompt_cannot_change_another_users_message(bot: Bot) -> None:
    dana_prompt, mallory_prompt = _prompts_sent(bot)
    before = visible_text(dana_prompt)
    updates = len(bot.fake.calls("chat.update"))

    for action_id in (ids.MARK_SENT, ids.SNOOZE, ids.HEARD_BACK):
        forged = _forged(dana_prompt, action_id, "987654:1")
        own = _own_response_url(bot, mallory_prompt)
        sent = bot.slack.click(MALLORY, action_id=action_id, message=forged, response_url=own)
        assert sent.status == 200

    assert len(bot.fake.calls("chat.update")) == updates
    assert visible_text(dms(bot, DANA)[0]) == before
    # Mallory's own message says the prompt is gone, in the bot's words, not the payload's.
    assert eventually(lambda: "was deleted" in visible_text(dms(bot, MALLORY)[0]))
    assert LIVE_LINK not in str(bot.fake.all_responses())


def test_a_click_on_ones_own_prompt_only_updates_that_prompt(bot: Bot) -> None:
    dana_prompt, mallory_prompt = _prompts_sent(bot)
    own_value = next(
        e["value"]
        for b in mallory_prompt["blocks"]
        for e in b.get("elements") or []
        if e.get("action_id") == ids.SNOOZE
    )
    forged = _forged(dana_prompt, ids.SNOOZE, own_value)
    own = _own_response_url(bot, mallory_prompt)

    bot.slack.click(MALLORY, action_id=ids.SNOOZE, message=forged, response_url=own)

    eventually(lambda: "Snoozed" in visible_text(dms(bot, MALLORY)[0]))
    assert {c.args["channel"] for c in bot.fake.calls("chat.update")} == {mallory_prompt["channel"]}
    assert "Snoozed" not in visible_text(dms(bot, DANA)[0])
    assert LIVE_LINK not in visible_text(dms(bot, MALLORY)[0])


def test_dm_pick_buttons_cannot_change_another_users_message(bot: Bot) -> None:
    dana_prompt, mallory_prompt = _prompts_sent(bot)
    before = visible_text(dana_prompt)

    dana_interview = '{"i":1,"r":"sent all"}'
    for action_id in (ids.DM_PICK_INTERVIEW, ids.DM_PICK_PERSON):
        forged = _forged(dana_prompt, action_id, dana_interview)
        own = _own_response_url(bot, mallory_prompt)
        bot.slack.click(MALLORY, action_id=action_id, message=forged, response_url=own)

    assert bot.fake.calls("chat.update") == []
    assert visible_text(dms(bot, DANA)[0]) == before
    assert eventually(lambda: "isn't yours" in visible_text(dms(bot, MALLORY)[0]))


def _dm_event(bot: Bot, user: str, channel: str, text: str) -> None:
    ts = "1764687600.000100"
    event = {
        "type": "message",
        "channel": channel,
        "channel_type": "im",
        "user": user,
        "text": text,
        "ts": ts,
        "event_ts": ts,
    }
    assert bot.slack.event(event).status == 200


def test_a_dm_reply_is_answered_only_in_the_senders_own_dm(bot: Bot) -> None:
    _prompts_sent(bot)
    posts = len(bot.fake.calls("chat.postMessage"))

    _dm_event(bot, MALLORY, bot.fake.dm_channel(DANA), "what can you do")
    _dm_event(bot, MALLORY, "C0JOBS001", "what can you do")
    _dm_event(bot, MALLORY, "G0PRIVATE", "sent all")

    assert len(bot.fake.calls("chat.postMessage")) == posts
    assert bot.fake.messages("C0JOBS001") == []
    assert len(dms(bot, DANA)) == 1

    bot.slack.dm(MALLORY, "what can you do")
    assert eventually(lambda: len(dms(bot, MALLORY)) > 1)
