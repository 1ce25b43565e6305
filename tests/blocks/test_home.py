"""The Home view's builder: within Slack's block limit however much there is to show."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

from slackbot.blocks.home import VIEW_BLOCKS, build_home
from slackbot.domain.home import HomeSnapshot, NoteDue, Upcoming, Waiting
from slackbot.domain.stats import Stats
from slackbot.models import PromptKind
from slackbot.sandbox.answers import visible_text


def test_home_stays_within_100_blocks_and_says_how_many_more() -> None:
    zone = ZoneInfo("America/Chicago")
    now = datetime(2026, 12, 2, 15, 0, tzinfo=UTC)
    notes = tuple(
        NoteDue(interviewer_id=i, name="N" * 80, title="T" * 100, number=i, company="C", role="R")
        for i in range(300)
    )
    upcoming = tuple(
        Upcoming(
            prompt_id=i,
            kind=PromptKind.THANK_YOU,
            due_at=now,
            number=i,
            company="C" * 100,
            role="R" * 100,
            skippable=True,
        )
        for i in range(5)
    )
    waiting = tuple(
        Waiting(
            number=i,
            company="C" * 100,
            role="R" * 100,
            starts_at=now - timedelta(days=3),
            days_since=3,
            interviewers=tuple("P" * 80 for _ in range(12)),
        )
        for i in range(200)
    )
    snapshot = HomeSnapshot(
        first_time=False, notes_due=notes, upcoming=upcoming, pending_total=400, waiting=waiting
    )

    view = build_home(snapshot, stats=Stats(), zone=zone, day_hours=(time(8), time(21)))

    assert len(view["blocks"]) <= VIEW_BLOCKS
    text = visible_text(view)
    assert "…and 260 more" in text
    assert "…and 395 more scheduled after these." in text
    assert "more; `/interview list` shows them all." in text
    assert all(len(b.get("text", {}).get("text", "")) <= 3000 for b in view["blocks"])
