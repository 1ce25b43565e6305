"""The dispatcher called directly, on a real database and the stand-in: the uncertain-post check
fits Slack's history limit (15 messages, one call a minute per workspace), and a prompt waits for
it rather than risk a double."""

from __future__ import annotations

from datetime import datetime, timedelta

from slackbot.budget import MemoryBudget
from slackbot.clock import ManualClock
from slackbot.config import Settings
from slackbot.db import SessionFactory, transaction
from slackbot.delivery import METADATA_EVENT
from slackbot.dispatch import Dispatcher
from slackbot.domain.interviewer_lists import InterviewerInput
from slackbot.domain.interviews import InterviewData, Owner
from slackbot.domain.new_interviews import log_interview
from slackbot.domain.profiles import preferences, settings_for
from slackbot.pacing import rates
from slackbot.sandbox import FakeSlack
from slackbot.slack_client import dispatcher_client
from tests.conftest import BOT_TOKEN, START, TEAM
from tests.test_pacing import Clock

USERS = ("U0DANA001", "U0LEE0001")


def _seed(sessions: SessionFactory, now: datetime) -> None:
    with transaction(sessions) as session:
        for user in USERS:
            settings = settings_for(session, team_id=TEAM, user_id=user, now=now)
            settings.tz_override = "America/Chicago"
            settings.slack_tz_fetched_at = now
            data = InterviewData(
                company="Initrode",
                role="SRE",
                starts_at=now,
                interviewers=(InterviewerInput("Ann Lee"),),
            )
            log_interview(session, Owner(TEAM, user), data, prefs=preferences(settings), now=now)


def _prompts_in_dms(fake: FakeSlack) -> list[int]:
    return [
        message["metadata"]["event_payload"]["prompt_id"]
        for user in USERS
        for message in fake.dm_messages(user)
        if (message.get("metadata") or {}).get("event_type") == METADATA_EVENT
    ]


def test_posts_slack_may_have_taken_are_looked_for_once_a_minute_never_posted_twice(
    sessions: SessionFactory, fake_slack: FakeSlack
) -> None:
    clock, wall = ManualClock(START), Clock()
    settings = Settings.from_env(
        {"SLACK_BOT_TOKEN": BOT_TOKEN, "SLACK_API_URL": fake_slack.base_url},
        require_slack=False,
    )
    client = dispatcher_client(settings)
    dispatcher = Dispatcher(
        sessions=sessions,
        clock=clock,
        client_for=lambda _team: client,
        budget=MemoryBudget(rates(settings), now=wall),
    )
    _seed(sessions, clock())
    clock.advance(timedelta(hours=2))  # the thank-you prompts are due
    try:
        fake_slack.fail_next("chat.postMessage", status=500, times=2)  # posted? nobody knows
        assert dispatcher.poll().retried == 2

        clock.advance(timedelta(minutes=5))
        wall.now += 5  # time passes for Slack's budget too
        report = dispatcher.poll()
        # One check this minute: one prompt checked and posted, the other waits for the next.
        assert (report.sent, report.deferred) == (1, 1)
        assert [call.args["limit"] for call in fake_slack.calls("conversations.history")] == ["15"]
        assert len(_prompts_in_dms(fake_slack)) == 1

        assert dispatcher.poll().claimed == 0  # still waiting: nothing is due before then
        wall.now += 60
        clock.advance(timedelta(minutes=1))
        assert dispatcher.poll().sent == 1
    finally:
        dispatcher.stop()

    assert len(fake_slack.calls("conversations.history")) == 2
    delivered = _prompts_in_dms(fake_slack)
    assert len(delivered) == len(set(delivered)) == 2
