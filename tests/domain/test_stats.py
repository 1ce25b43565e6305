"""The numbers of `/interview stats` and the Home summary, from in-memory interviews."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from slackbot.blocks.your_data import build_stats, stats_line
from slackbot.domain.stats import compute_stats
from slackbot.models import Interview, Interviewer, Outcome, Prompt, PromptKind, PromptStatus
from slackbot.sandbox.answers import visible_text

NOW = datetime(2026, 12, 20, 15, 0, tzinfo=UTC)
DAY = timedelta(days=1)


def interview(
    number: int,
    *,
    ends: datetime,
    thanked: list[timedelta | None] | None = None,
    outcome: Outcome | None = None,
    closed_after: timedelta | None = None,
    prompts: list[Prompt] | None = None,
    follow_up_done_at: datetime | None = None,
) -> Interview:
    people = [
        Interviewer(name=f"Person {number}.{i}", thanked_at=ends + delay if delay else None)
        for i, delay in enumerate(thanked or [None])
    ]
    return Interview(
        number=number,
        company=f"Company {number}",
        role="Engineer",
        starts_at=ends - timedelta(minutes=60),
        length_minutes=60,
        outcome=outcome,
        closed_at=ends + closed_after if closed_after is not None else None,
        follow_up_done_at=follow_up_done_at,
        interviewers=people,
        prompts=prompts or [],
    )


def prompt(kind: PromptKind, status: PromptStatus, sent_at: datetime | None = None) -> Prompt:
    return Prompt(kind=kind, status=status, due_at=NOW, sent_at=sent_at)


def history() -> list[Interview]:
    base = NOW - 15 * DAY
    return [
        # Thanked one within a day and one after; a follow-up went out; an offer 3 days on.
        interview(
            1,
            ends=base,
            thanked=[timedelta(hours=2), timedelta(hours=30)],
            outcome=Outcome.OFFER,
            closed_after=3 * DAY,
            prompts=[prompt(PromptKind.FOLLOW_UP, PromptStatus.SENT, base + 7 * DAY)],
        ),
        # Thanked at once; "I followed up" marked; rejected 6 days on.
        interview(
            2,
            ends=base,
            thanked=[timedelta(hours=1)],
            outcome=Outcome.REJECTED,
            closed_after=6 * DAY,
            follow_up_done_at=base + 5 * DAY,
        ),
        # Still open; the follow-up was skipped from Home, which is not a follow-up sent.
        interview(
            3,
            ends=base,
            prompts=[prompt(PromptKind.FOLLOW_UP, PromptStatus.SKIPPED, base + 7 * DAY)],
            follow_up_done_at=base + 7 * DAY,
        ),
        # Closed without an answer: took place, but is not "heard back".
        interview(4, ends=base, outcome=Outcome.NO_RESPONSE, closed_after=20 * DAY),
        # Not happened yet: cannot have been heard back on.
        interview(5, ends=NOW + 2 * DAY),
    ]


def test_stats_match_a_seeded_history() -> None:
    stats = compute_stats(history(), now=NOW)

    assert stats.interviews == 5
    assert stats.interviewers == 6
    assert stats.thanked == 3
    assert stats.thanked_within_24h == 2
    assert stats.prompt_thanks_share == pytest.approx(2 / 3)
    assert stats.follow_ups == 2
    assert stats.took_place == 4
    assert stats.heard_back == 2
    assert stats.heard_back_rate == pytest.approx(0.5)
    assert stats.median_days_to_hear == pytest.approx(4.5)
    assert stats.outcomes == {Outcome.OFFER: 1, Outcome.REJECTED: 1, Outcome.NO_RESPONSE: 1}


def test_no_history_has_no_rates() -> None:
    stats = compute_stats([], now=NOW)

    assert stats.interviews == 0
    assert stats.prompt_thanks_share is None
    assert stats.heard_back_rate is None
    assert stats.median_days_to_hear is None
    assert "No numbers yet" in build_stats(stats)["text"]


def test_stats_reply_and_summary_read_the_numbers() -> None:
    stats = compute_stats(history(), now=NOW)

    text = visible_text(build_stats(stats))
    assert "Interviews logged: 5" in text
    assert "3 of 6 interviewers, 2 within 24 hours of the interview (67% of those sent)" in text
    assert "Follow-ups sent: 2" in text
    assert "Heard back: 2 of 4 interviews (50%), median 4.5 days after the interview" in text
    assert "1 offer · 1 rejected · 1 no response" in text

    line = stats_line(stats)
    assert "5 interviews" in line
    assert "3 of 6 interviewers thanked (67% within 24 h)" in line
    assert "2 follow-ups" in line
    assert "heard back on 2 of 4 (median 4.5 days)" in line
