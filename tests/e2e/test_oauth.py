"""Multi-workspace installs: the OAuth flow, per-workspace tokens, and workspaces kept apart."""

from __future__ import annotations

import re
import urllib.error
import urllib.request
from collections.abc import Iterator
from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

import pytest

from slackbot.config import Settings
from slackbot.sandbox import FakeSlack, SlackSender
from slackbot.scopes import BOT_SCOPES
from tests.conftest import SIGNING_SECRET, Bot, running_bot
from tests.e2e.helpers import eventually

CLIENT_ID = "1111.2222"
FIRST, SECOND = "T0FIRST01", "T0SECOND1"
USER = "U0SAMEID1"  # the same user id in both workspaces


@pytest.fixture
def oauth_bot(fake_slack: FakeSlack, database_url: str) -> Iterator[Bot]:
    settings = Settings.from_env(
        {
            "SLACK_CLIENT_ID": CLIENT_ID,
            "SLACK_CLIENT_SECRET": "client-secret",
            "SLACK_SIGNING_SECRET": SIGNING_SECRET,
            "SLACK_API_URL": fake_slack.base_url,
            "DATABASE_URL": database_url,
        }
    )
    fake_slack.add_user(USER, tz="America/Chicago")
    with running_bot(fake_slack, settings) as bot:
        yield bot


def _get(url: str, cookie: str | None = None) -> tuple[int, str, dict[str, str]]:
    request = urllib.request.Request(url)
    if cookie:
        request.add_header("Cookie", cookie)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.read().decode(), dict(response.headers)
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode(), dict(error.headers)


def _install(bot: Bot, team_id: str, token: str) -> None:
    status, _page, headers = _get(bot.runtime.url + "/slack/install")
    assert status == 200
    state = re.search(r"slack-app-oauth-state=([^;]+)", headers["Set-Cookie"]).group(1)
    code = f"code-{team_id}"
    bot.fake.add_install(code, team_id=team_id, token=token)
    status, _, _ = _get(
        f"{bot.runtime.url}/slack/oauth_redirect?code={code}&state={state}",
        cookie=f"slack-app-oauth-state={state}",
    )
    assert status == 200


def test_install_page_leads_to_slacks_authorize_url_with_our_scopes(oauth_bot: Bot) -> None:
    status, page, _ = _get(oauth_bot.runtime.url + "/slack/install")

    assert status == 200
    url = re.search(r'href="(https://slack\.com/oauth/v2/authorize\?[^"]+)"', page).group(1)
    query = parse_qs(urlsplit(url.replace("&amp;", "&")).query)
    assert query["client_id"] == [CLIENT_ID]
    assert query["scope"][0].split(",") == list(BOT_SCOPES)
    assert query["state"][0]


def test_a_callback_without_the_state_cookie_is_refused(oauth_bot: Bot) -> None:
    oauth_bot.fake.add_install("stolen", team_id=FIRST, token="xoxb-first")
    status, _, _ = _get(f"{oauth_bot.runtime.url}/slack/oauth_redirect?code=stolen&state=x")
    assert status in (400, 401)


def test_installed_workspaces_use_their_own_tokens_and_never_see_each_other(
    oauth_bot: Bot,
) -> None:
    _install(oauth_bot, FIRST, "xoxb-first")
    _install(oauth_bot, SECOND, "xoxb-second")
    first = SlackSender(oauth_bot.slack.url, SIGNING_SECRET, fake=oauth_bot.fake, team_id=FIRST)
    second = SlackSender(oauth_bot.slack.url, SIGNING_SECRET, fake=oauth_bot.fake, team_id=SECOND)

    logged = first.command(USER, "log Initrode | SRE | today 3pm | Ann Lee")
    assert "Ann Lee" in logged.text
    assert oauth_bot.fake.calls("users.info")[-1].token == "xoxb-first"

    assert "no open interviews" in second.command(USER, "list").text
    assert "You have no interview #1" in second.command(USER, "cancel 1").text
    assert "Initrode" in first.command(USER, "list").text

    oauth_bot.clock.advance(timedelta(hours=8))
    oauth_bot.runtime.dispatcher.poll()
    posts = oauth_bot.fake.calls("chat.postMessage")
    assert [p.token for p in posts] == ["xoxb-first"]


def test_requests_from_a_workspace_that_never_installed_are_not_served(oauth_bot: Bot) -> None:
    stranger = SlackSender(
        oauth_bot.slack.url, SIGNING_SECRET, fake=oauth_bot.fake, team_id="T0UNKNOWN"
    )
    reply = stranger.command(USER, "list")
    assert "Initrode" not in reply.body
    assert oauth_bot.fake.calls("users.info") == []


def test_revoking_a_workspaces_bot_token_forgets_its_tokens_and_data(oauth_bot: Bot) -> None:
    _install(oauth_bot, FIRST, "xoxb-first")
    _install(oauth_bot, SECOND, "xoxb-second")
    first = SlackSender(oauth_bot.slack.url, SIGNING_SECRET, fake=oauth_bot.fake, team_id=FIRST)
    second = SlackSender(oauth_bot.slack.url, SIGNING_SECRET, fake=oauth_bot.fake, team_id=SECOND)
    first.command(USER, "log Initrode | SRE | today 3pm | Ann Lee")
    second.command(USER, "log Globex | SRE | today 3pm | Bo Chen")

    # Slack sends null for a kind of token none of which was revoked.
    assert first.event({"type": "tokens_revoked", "tokens": {"oauth": None, "bot": ["U0B"]}})

    assert eventually(lambda: "Initrode" not in first.command(USER, "list").body)
    assert (
        oauth_bot.runtime.app.installation_store.find_bot(enterprise_id=None, team_id=FIRST) is None
    )
    assert "Globex" in second.command(USER, "list").text
