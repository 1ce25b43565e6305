"""Slack message markup to plain template text."""

from __future__ import annotations

import pytest

from slackbot.domain.slack_text import mentioned_user_ids, slack_to_plain


@pytest.mark.parametrize(
    ("markup", "plain"),
    [
        ("plain words", "plain words"),
        ("hi <@U123>", "hi @U123"),
        ("hi <@U123|dana>", "hi @dana"),
        ("hi <@W0ENT1>", "hi @W0ENT1"),
        ("<https://x.example|the docs>", "the docs (https://x.example)"),
        ("<https://x.example>", "https://x.example"),
        ("<https://x.example/|x.example>", "https://x.example/"),
        ("<https://x.example/a?b=1&amp;c=2>", "https://x.example/a?b=1&c=2"),
        ("<mailto:a@b.co|a@b.co>", "a@b.co"),
        ("<mailto:a@b.co|Ann>", "Ann (a@b.co)"),
        ("<mailto:a@b.co>", "a@b.co"),
        ("<#C1|job-search>", "#job-search"),
        ("<#C1>", "#C1"),
        ("<!here>", "@here"),
        ("<!here|here>", "@here"),
        ("<!channel> <!everyone> <!group>", "@channel @everyone @channel"),
        ("<!subteam^S1|@recruiters>", "@recruiters"),
        ("<!subteam^S1>", "@S1"),
        ("<!date^1392734382^{date}|Feb 18, 2014>", "Feb 18, 2014"),
        ("AT&amp;T &lt;3 &gt; x", "AT&T <3 > x"),
        # A typed "&lt;" arrives double-encoded and must stay the literal text.
        ("&amp;lt;b&amp;gt;", "&lt;b&gt;"),
        # Entities never turn into markup.
        ("&lt;@U123&gt;", "<@U123>"),
        ("line one\nline two", "line one\nline two"),
        ("{first_name}, thanks", "{first_name}, thanks"),
    ],
)
def test_markup_becomes_readable_text(markup: str, plain: str) -> None:
    assert slack_to_plain(markup) == plain


def test_known_users_are_named() -> None:
    text = "Thanks <@U1> and <@U2|lee> and <@U3>"

    assert slack_to_plain(text, user_names={"U1": "dana", "U2": "Lee Park"}) == (
        "Thanks @dana and @Lee Park and @U3"
    )


def test_mentioned_user_ids_are_distinct_and_ordered() -> None:
    text = "<@U2> <@U1|x> <@U2> <#C1|c> <!here> <@W3>"

    assert mentioned_user_ids(text) == ["U2", "U1", "W3"]
