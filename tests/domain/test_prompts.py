"""sync_prompts on a real database: an interview's pending prompts follow its plan."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from slackbot.db import SessionFactory, transaction
from slackbot.domain.interviews import mark_thanked
from slackbot.domain.prompts import next_pending, sync_prompts
from slackbot.models import Outcome, PromptKind, PromptStatus
from tests.seed import DANA, log, pending, prefs_of

NOW = datetime(2026, 12, 2, 15, 0, tzinfo=UTC)  # Wed 09:00 in Chicago
JUST_HAD = NOW - timedelta(hours=2)


def test_a_logged_interview_gets_a_thank_you_and_a_follow_up(sessions: SessionFactory) -> None:
    with transaction(sessions) as session:
        interview = log(session, DANA, starts_at=JUST_HAD, now=NOW)

        kinds = sorted(p.kind for p in pending(interview))
        assert kinds == [PromptKind.FOLLOW_UP, PromptKind.THANK_YOU]
        first = next_pending(interview)
        assert first is not None
        assert first.kind == PromptKind.THANK_YOU


def test_moving_the_interview_moves_its_prompts_in_place(sessions: SessionFactory) -> None:
    with transaction(sessions) as session:
        interview = log(session, DANA, starts_at=JUST_HAD, now=NOW)
        before = {p.kind: (p.id, p.due_at) for p in pending(interview)}

        interview.starts_at = JUST_HAD + timedelta(days=2)
        sync_prompts(session, interview, prefs_of(session, DANA, now=NOW), NOW)

        after = {p.kind: (p.id, p.due_at) for p in pending(interview)}
        assert after.keys() == before.keys()
        for kind, (prompt_id, due) in after.items():
            assert prompt_id == before[kind][0]  # the same row, not a new one
            assert due > before[kind][1]


def test_everyone_thanked_cancels_the_nudge(sessions: SessionFactory) -> None:
    with transaction(sessions) as session:
        interview = log(session, DANA, starts_at=JUST_HAD, now=NOW)
        prefs = prefs_of(session, DANA, now=NOW)
        thank_you = pending(interview, PromptKind.THANK_YOU)[0]
        thank_you.status, thank_you.sent_at = PromptStatus.SENT, NOW
        sync_prompts(session, interview, prefs, NOW)
        [nudge] = pending(interview, PromptKind.NUDGE)

        for person in interview.interviewers:
            mark_thanked(person, now=NOW)
        sync_prompts(session, interview, prefs, NOW)

        assert nudge.status == PromptStatus.CANCELLED
        assert pending(interview, PromptKind.NUDGE) == []
        assert pending(interview, PromptKind.FOLLOW_UP)


def test_a_prompt_being_sent_is_not_planned_twice(sessions: SessionFactory) -> None:
    with transaction(sessions) as session:
        interview = log(session, DANA, starts_at=JUST_HAD, now=NOW)
        sending = pending(interview, PromptKind.THANK_YOU)[0]
        sending.status = PromptStatus.SENDING

        sync_prompts(session, interview, prefs_of(session, DANA, now=NOW), NOW)

        assert pending(interview, PromptKind.THANK_YOU) == []
        assert sending.status == PromptStatus.SENDING


def test_heard_back_with_thanks_owed_closes_once_the_last_is_thanked(
    sessions: SessionFactory,
) -> None:
    with transaction(sessions) as session:
        interview = log(session, DANA, starts_at=JUST_HAD, now=NOW, people=("Maria", "Sanjay"))
        prefs = prefs_of(session, DANA, now=NOW)
        interview.outcome = Outcome.OFFER
        maria, sanjay = interview.interviewers

        mark_thanked(maria, now=NOW)
        sync_prompts(session, interview, prefs, NOW)
        assert interview.closed_at is None

        later = NOW + timedelta(hours=3)
        mark_thanked(sanjay, now=later)
        sync_prompts(session, interview, prefs, later)
        assert interview.closed_at == later
