"""Pacing: token-bucket arithmetic, budgets in memory and in the database, the stand-in's limits."""

from __future__ import annotations

import pytest

from slackbot import pacing
from slackbot.budget import MemoryBudget, SharedBudget
from slackbot.config import ConfigError, Settings
from slackbot.db import SessionFactory
from slackbot.pacing import POST, Rate
from slackbot.sandbox.limits import Limiter, SlackLimits

TWO_A_SECOND = Rate(per_minute=120, burst=2)


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_a_full_bucket_grants_its_burst_at_once_then_one_call_per_interval() -> None:
    bucket = pacing.full_bucket(TWO_A_SECOND, now=0.0)
    bucket, times = pacing.grant(bucket, TWO_A_SECOND, want=10, now=0.0, horizon=2.0)

    assert times == [0.0, 0.0, 0.5, 1.0, 1.5, 2.0]
    _, later = pacing.grant(bucket, TWO_A_SECOND, want=1, now=0.0, horizon=2.0)
    assert later == []  # everything within the horizon is reserved already


def test_unused_calls_go_back_and_a_pause_holds_every_grant_until_it_ends() -> None:
    bucket = pacing.full_bucket(TWO_A_SECOND, now=0.0)
    bucket, _ = pacing.grant(bucket, TWO_A_SECOND, want=2, now=0.0, horizon=0.0)
    bucket = pacing.give_back(bucket, TWO_A_SECOND, 1)
    assert pacing.grant(bucket, TWO_A_SECOND, want=5, now=0.0, horizon=0.0)[1] == [0.0]

    bucket = pacing.paused(pacing.full_bucket(TWO_A_SECOND, now=0.0), until=20.0)
    assert pacing.grant(bucket, TWO_A_SECOND, want=1, now=0.0, horizon=1.0)[1] == []
    assert pacing.ready_at(bucket, TWO_A_SECOND, now=0.0) == 20.0
    assert pacing.grant(bucket, TWO_A_SECOND, want=1, now=20.0, horizon=0.0)[1] == [20.0]


def test_a_pause_in_one_workspace_leaves_the_others_alone() -> None:
    clock = Clock()
    budget = MemoryBudget({POST: TWO_A_SECOND}, now=clock)
    budget.pause("T0FIRST01", POST, 30)

    assert budget.grant("T0FIRST01", POST, want=1, horizon=1.0) == []
    assert budget.grant("T0SECOND1", POST, want=2) == [clock.now, clock.now]


def test_two_processes_sharing_the_database_never_exceed_one_budget(
    sessions: SessionFactory,
) -> None:
    clock = Clock()
    first = SharedBudget(sessions, {POST: TWO_A_SECOND}, now=clock)
    second = SharedBudget(sessions, {POST: TWO_A_SECOND}, now=clock)
    granted = []
    for _ in range(20):  # ten seconds, each process asking for as much as it can every 0.5 s
        granted += first.grant("T0TEAM001", POST, want=10, horizon=0.0)
        granted += second.grant("T0TEAM001", POST, want=10, horizon=0.0)
        clock.now += 0.5

    assert len(granted) == 2 + 2 * 9.5  # the burst, then two a second, whoever asks
    second.pause("T0TEAM001", POST, 5)
    assert first.grant("T0TEAM001", POST, want=1, horizon=1.0) == []


def test_rates_follow_the_settings() -> None:
    settings = Settings.from_env(
        {"SLACK_POSTS_PER_MINUTE": "600", "SLACK_TIER3_PER_MINUTE": "20"}, require_slack=False
    )
    table = pacing.rates(settings)

    assert table[POST] == Rate(600, burst=10)
    assert table["chat.update"].per_minute == 20
    assert table["views.publish"].per_minute == 100
    assert table[pacing.HISTORY].per_minute == 1
    with pytest.raises(ConfigError, match="SLACK_TIER4_PER_MINUTE must be a positive number of"):
        Settings.from_env({"SLACK_TIER4_PER_MINUTE": "0"}, require_slack=False)


def test_the_stand_in_answers_429_per_workspace_and_per_dm_like_slack() -> None:
    clock = Clock()
    limiter = Limiter(SlackLimits(posts_per_minute=60, burst_seconds=2), clock=clock)

    assert limiter.check("T0FIRST01", POST, "D01") is None
    assert limiter.check("T0FIRST01", POST, "D02") is None
    assert limiter.check("T0FIRST01", POST, "D03") == 1  # the workspace's burst is spent
    assert limiter.check("T0SECOND1", POST, "D01") is None  # another workspace is not
    clock.now += 1
    assert limiter.check("T0FIRST01", POST, "D04") is None
    assert limiter.check("T0FIRST01", "conversations.history", "D04") is None
    assert limiter.check("T0FIRST01", "conversations.history", "D04") == 60

    limiter.refuse_all("T0SECOND1", seconds=30)
    assert limiter.check("T0SECOND1", "auth.test", None) == 30
    assert limiter.refused[("T0FIRST01", POST)] == 1
    assert len(limiter.posts_by_team()["T0FIRST01"]) == 3
