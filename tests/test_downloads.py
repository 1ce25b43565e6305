"""The bot token is only ever sent to Slack's own file host."""

from __future__ import annotations

import pytest

from slackbot.downloads import _is_slacks

API = "https://slack.com/api/"


@pytest.mark.parametrize(
    ("url", "allowed"),
    [
        ("https://files.slack.com/files-pri/T0-F0/invite.ics", True),
        ("http://files.slack.com/files-pri/T0-F0/invite.ics", False),
        ("https://files.slack.com.evil.example/x.ics", False),
        ("https://evil.example/files-pri/T0-F0/invite.ics", False),
        ("https://slack.com/files-pri/T0-F0/invite.ics", True),
        ("", False),
    ],
)
def test_only_slacks_hosts_get_the_token(url: str, allowed: bool) -> None:
    assert _is_slacks(url, API) is allowed


def test_a_stand_in_api_host_is_trusted_like_slack() -> None:
    assert _is_slacks("http://127.0.0.1:5000/files-pri/T-F/x.ics", "http://127.0.0.1:5000/api/")
    assert not _is_slacks("http://127.0.0.1:5001/files-pri/T-F/x.ics", "http://127.0.0.1:5000/api/")
