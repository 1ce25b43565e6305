"""The Web API client follows SLACK_API_URL and rides out 429s and 5xx answers."""

from __future__ import annotations

import pytest
from slack_sdk.errors import SlackApiError

from slackbot.config import Settings
from slackbot.sandbox import FakeSlack
from slackbot.slack_client import dispatcher_client, listener_client
from tests.conftest import BOT_TOKEN


def _settings(fake: FakeSlack) -> Settings:
    return Settings.from_env(
        {"SLACK_BOT_TOKEN": BOT_TOKEN, "SLACK_SIGNING_SECRET": "s", "SLACK_API_URL": fake.base_url}
    )


def test_listener_client_retries_429_honouring_retry_after_and_5xx(fake_slack: FakeSlack) -> None:
    fake_slack.fail_next("users.info", status=429, retry_after=0)
    fake_slack.fail_next("users.info", status=503)
    response = listener_client(_settings(fake_slack)).users_info(user="U0DANA001")

    assert response["user"]["tz"] == "America/Chicago"
    assert len(fake_slack.calls("users.info")) == 3


def test_dispatcher_client_surfaces_429_to_its_caller(fake_slack: FakeSlack) -> None:
    fake_slack.fail_next("chat.postMessage", status=429, retry_after=7)
    with pytest.raises(SlackApiError) as raised:
        dispatcher_client(_settings(fake_slack)).chat_postMessage(channel="U0DANA001", text="hi")

    assert raised.value.response.status_code == 429
    assert raised.value.response.headers["Retry-After"] == "7"


def test_stand_in_posts_into_the_users_dm(fake_slack: FakeSlack) -> None:
    client = listener_client(_settings(fake_slack))
    posted = client.chat_postMessage(
        channel="U0DANA001",
        text="hello",
        metadata={"event_type": "prompt", "event_payload": {"prompt_id": 7}},
    )

    assert posted["channel"] == "D0DANA001"
    history = client.conversations_history(channel="D0DANA001", include_all_metadata=True)
    assert history["messages"][0]["metadata"]["event_payload"] == {"prompt_id": 7}
    assert "metadata" not in client.conversations_history(channel="D0DANA001")["messages"][0]


def test_stand_in_refuses_a_wrong_token(fake_slack: FakeSlack) -> None:
    client = listener_client(_settings(fake_slack))
    client.token = "xoxb-wrong"
    with pytest.raises(SlackApiError, match="invalid_auth"):
        client.auth_test()


def test_dispatcher_client_retries_a_read_after_a_5xx_but_never_a_post(
    fake_slack: FakeSlack,
) -> None:
    client = dispatcher_client(_settings(fake_slack))
    fake_slack.fail_next("conversations.history", status=503)
    assert client.conversations_history(channel="D0DANA001")["ok"]
    assert len(fake_slack.calls("conversations.history")) == 2

    fake_slack.fail_next("chat.postMessage", status=503)
    with pytest.raises(SlackApiError):
        client.chat_postMessage(channel="U0DANA001", text="hi")
    assert len(fake_slack.calls("chat.postMessage")) == 1
