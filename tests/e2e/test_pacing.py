"""Delivery at Slack's limits: several workspaces, the stand-in enforcing small limits.

Interviews are logged with signed slash commands; then the stand-in starts limiting like Slack
and the dispatcher delivers what came due. A workspace that Slack refuses waits alone, users
are served in turn, and every prompt arrives exactly once.
"""

from __future__ import annotations

import threading
import urllib.request
from collections import Counter
from collections.abc import Iterator
from datetime import timedelta

import pytest

from slackbot.blocks import ids
from slackbot.config import Settings
from slackbot.dispatch import METADATA_EVENT
from slackbot.sandbox import FakeSlack, SlackSender
from slackbot.sandbox.answers import visible_text
from slackbot.sandbox.limits import POST, Limiter, SlackLimits
from tests.conftest import SIGNING_SECRET, Bot, running_bot
from tests.e2e.helpers import eventually
from tests.e2e.test_oauth import CLIENT_ID, _install

WORKSPACES = ("T0PACE001", "T0PACE002", "T0PACE003")
POSTS_PER_MINUTE = 240  # 4 a second: a few prompts take about a second per workspace
LOG = "log Initrode | SRE | today 3pm | Ann Lee"


@pytest.fixture
def paced_bot(fake_slack: FakeSlack, database_url: str) -> Iterator[Bot]:
    settings = Settings.from_env(
        {
            "SLACK_CLIENT_ID": CLIENT_ID,
            "SLACK_CLIENT_SECRET": "client-secret",
            "SLACK_SIGNING_SECRET": SIGNING_SECRET,
            "SLACK_API_URL": fake_slack.base_url,
            "DATABASE_URL": database_url,
            "SLACK_POSTS_PER_MINUTE": str(POSTS_PER_MINUTE),
        }
    )
    with running_bot(fake_slack, settings) as bot:
        for team in WORKSPACES:
            _install(bot, team, f"xoxb-{team.lower()}")
        yield bot


def _log(bot: Bot, team: str, user: str, times: int = 1) -> None:
    bot.fake.add_user(user, tz="America/Chicago")
    slack = SlackSender(bot.slack.url, SIGNING_SECRET, fake=bot.fake, team_id=team)
    for _ in range(times):
        assert "Ann Lee" in slack.command(user, LOG).text


def _limit_like_slack(bot: Bot) -> Limiter:
    limiter = Limiter(SlackLimits(posts_per_minute=POSTS_PER_MINUTE))
    bot.fake.limits = limiter
    return limiter


def _prompts_per_dm(bot: Bot, users: list[str]) -> Counter[tuple[str, int]]:
    seen: Counter[tuple[str, int]] = Counter()
    for user in users:
        for message in bot.fake.dm_messages(user):
            metadata = message.get("metadata") or {}
            if metadata.get("event_type") == METADATA_EVENT:
                seen[(user, metadata["event_payload"]["prompt_id"])] += 1
    return seen


def test_a_workspace_slack_refuses_waits_alone_and_every_prompt_arrives_once(
    paced_bot: Bot,
) -> None:
    users = {team: [f"U0{team[-3:]}{n:04d}" for n in range(4)] for team in WORKSPACES}
    for team, members in users.items():
        for user in members:
            _log(paced_bot, team, user)
    refused, *others = WORKSPACES
    limiter = _limit_like_slack(paced_bot)
    limiter.refuse_all(refused, seconds=5, retry_after=2)
    refused_until = limiter.clock() + 5

    paced_bot.clock.advance(timedelta(hours=8))
    report = paced_bot.runtime.dispatcher.poll()

    posts = limiter.posts_by_team()
    for team in others:  # all delivered while the first workspace was still refused
        assert len(posts[team]) == 4
        assert max(posts[team]) < refused_until
    assert len(posts[refused]) == 4
    assert min(posts[refused]) >= refused_until
    # Only the refused workspace met a 429, and its pause held back only its own posts.
    assert {team for team, method in limiter.refused if method == POST} == {refused}
    assert report.sent == 12
    everyone = [user for members in users.values() for user in members]
    delivered = _prompts_per_dm(paced_bot, everyone)
    assert sorted(user for user, _ in delivered) == sorted(everyone)
    assert set(delivered.values()) == {1}

    metrics = _get(paced_bot.runtime.url + "/metrics")
    assert (
        f'followup_slack_rate_limited_total{{method="chat.postMessage",team_id="{refused}"}}'
        in (metrics)
    )
    assert 'followup_prompts_sent_total{kind="thank_you"} 12.0' in metrics


def test_users_take_turns_and_one_dm_gets_at_most_one_prompt_a_second(paced_bot: Bot) -> None:
    team = WORKSPACES[0]
    busy, *others = [f"U0TURN{n:04d}" for n in range(6)]
    _log(paced_bot, team, busy, times=5)  # five interviews: five thank-you prompts at once
    for user in others:
        _log(paced_bot, team, user)
    limiter = _limit_like_slack(paced_bot)

    paced_bot.clock.advance(timedelta(hours=8))
    report = paced_bot.runtime.dispatcher.poll()

    assert report.sent == 10
    order = [call.args["channel"] for call in paced_bot.fake.calls("chat.postMessage")]
    # Everyone's first prompt goes before the busy user's second.
    assert set(order[:6]) == {busy, *others}, [
        (c.args["channel"], c.at) for c in paced_bot.fake.calls("chat.postMessage")
    ]
    # Never faster than Slack allows, per workspace or per DM.
    assert not [key for key in limiter.refused if key[1] == POST]
    delivered = _prompts_per_dm(paced_bot, [busy, *others])
    assert sum(delivered.values()) == 10
    assert set(delivered.values()) == {1}


def test_a_click_is_answered_while_a_backlog_of_prompts_drains(paced_bot: Bot) -> None:
    team = WORKSPACES[0]
    clicker, backlog = "U0CLICK01", [f"U0BACK{n:04d}" for n in range(30)]
    _log(paced_bot, team, clicker)
    paced_bot.clock.advance(timedelta(hours=8))
    paced_bot.runtime.dispatcher.poll()
    prompt = paced_bot.fake.dm_messages(clicker)[0]
    for user in backlog:  # thirty more thank-you prompts due now: seven seconds of posts
        _log(paced_bot, team, user)
    _limit_like_slack(paced_bot)
    posts = paced_bot.fake.calls

    draining = threading.Thread(target=paced_bot.runtime.dispatcher.poll)
    draining.start()
    try:
        assert eventually(lambda: len(posts("chat.postMessage")) > 5)
        slack = SlackSender(paced_bot.slack.url, SIGNING_SECRET, fake=paced_bot.fake, team_id=team)
        button = next(
            b["elements"][1]
            for b in prompt["blocks"]
            if b["type"] == "actions" and b.get("block_id", "").startswith("person_actions")
        )
        slack.click(clicker, action_id=ids.MARK_SENT, value=button["value"], message=prompt)
        # The prompt changes in place at once, not after the scheduled sends.
        dm = paced_bot.fake.dm_messages
        assert eventually(lambda: "Thank-you sent" in visible_text(dm(clicker)[0]))
        assert len(posts("chat.postMessage")) < 1 + len(backlog)
    finally:
        draining.join()
    assert len(posts("chat.postMessage")) == 1 + len(backlog)


def _get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.read().decode()
