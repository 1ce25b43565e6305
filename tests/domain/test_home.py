"""Home's buttons on a real database: a note marked sent, a prompt snoozed or skipped, and the
Undo Home offers afterwards."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from slackbot.db import SessionFactory, transaction
from slackbot.domain.home import (
    HOME_SNOOZE_DAYS,
    home_snapshot,
    mark_note_sent,
    skip_prompt,
    snooze_prompt,
)
from slackbot.domain.prompts import sync_prompts
from slackbot.domain.snapshots import load_interviews
from slackbot.domain.undo import HOME_UNDO_WINDOW, home_undo
from slackbot.models import PromptKind, PromptStatus
from tests.seed import DANA, LEE, log, pending, prefs_of

NOW = datetime(2026, 12, 2, 15, 0, tzinfo=UTC)  # Wed 09:00 in Chicago
JUST_HAD = NOW - timedelta(hours=2)
CHICAGO = ZoneInfo("America/Chicago")


def test_home_for_a_newcomer_and_for_an_interview_just_had(sessions: SessionFactory) -> None:
    assert home_snapshot([], zone=CHICAGO, now=NOW).first_time

    with transaction(sessions) as session:
        interview = log(session, DANA, starts_at=JUST_HAD, now=NOW, people=("Maria", "Sanjay"))
        snapshot = home_snapshot([interview], zone=CHICAGO, now=NOW)

    assert not snapshot.first_time
    assert [note.name for note in snapshot.notes_due] == ["Maria", "Sanjay"]
    assert snapshot.pending_total == 2
    assert [w.company for w in snapshot.waiting] == ["Initrode"]


def test_a_note_marked_sent_is_no_longer_due_and_only_its_owner_may(
    sessions: SessionFactory,
) -> None:
    with transaction(sessions) as session:
        interview = log(session, DANA, starts_at=JUST_HAD, now=NOW, people=("Maria", "Sanjay"))
        prefs = prefs_of(session, DANA, now=NOW)
        maria = interview.interviewers[0]

        assert mark_note_sent(session, LEE, maria.id, prefs=prefs, now=NOW) is None
        assert maria.thanked_at is None
        assert mark_note_sent(session, DANA, maria.id, prefs=prefs, now=NOW) is interview
        assert maria.thanked_at == NOW
        notes = home_snapshot([interview], zone=CHICAGO, now=NOW).notes_due
        assert [note.name for note in notes] == ["Sanjay"]


def test_a_snooze_pushes_the_prompt_back_and_home_offers_to_undo_it_for_an_hour(
    sessions: SessionFactory,
) -> None:
    with transaction(sessions) as session:
        interview = log(session, DANA, starts_at=JUST_HAD, now=NOW)
        prefs = prefs_of(session, DANA, now=NOW)
        thank_you = pending(interview, PromptKind.THANK_YOU)[0]
        due = thank_you.due_at

        assert snooze_prompt(session, LEE, thank_you.id, prefs=prefs, now=NOW) is None
        assert snooze_prompt(session, DANA, thank_you.id, prefs=prefs, now=NOW) is thank_you
        assert interview.snoozed_until == max(due, NOW) + timedelta(days=HOME_SNOOZE_DAYS)
        assert all(p.due_at >= interview.snoozed_until for p in pending(interview))

        offered = home_undo(
            session, DANA, load_interviews(session, DANA), now=NOW + HOME_UNDO_WINDOW
        )
        assert offered is not None
        assert offered[1:] == ("the snooze", "Initrode")
        assert home_undo(session, LEE, load_interviews(session, LEE), now=NOW) is None
        later = NOW + HOME_UNDO_WINDOW + timedelta(seconds=1)
        assert home_undo(session, DANA, load_interviews(session, DANA), now=later) is None


def test_a_skipped_thank_you_is_never_planned_again(sessions: SessionFactory) -> None:
    with transaction(sessions) as session:
        interview = log(session, DANA, starts_at=JUST_HAD, now=NOW)
        prefs = prefs_of(session, DANA, now=NOW)
        thank_you = pending(interview, PromptKind.THANK_YOU)[0]

        assert skip_prompt(session, DANA, thank_you.id, prefs=prefs, now=NOW) is thank_you
        assert thank_you.status == PromptStatus.SKIPPED
        assert thank_you.sent_at == max(thank_you.due_at, NOW)

        sync_prompts(session, interview, prefs, NOW + timedelta(hours=1))
        assert pending(interview, PromptKind.THANK_YOU) == []
        assert skip_prompt(session, DANA, thank_you.id, prefs=prefs, now=NOW) is None


def test_no_undo_once_a_newer_prompt_went_out(sessions: SessionFactory) -> None:
    with transaction(sessions) as session:
        interview = log(session, DANA, starts_at=JUST_HAD, now=NOW)
        prefs = prefs_of(session, DANA, now=NOW)
        thank_you, follow_up = (
            pending(interview, PromptKind.THANK_YOU)[0],
            pending(interview, PromptKind.FOLLOW_UP)[0],
        )
        skip_prompt(session, DANA, thank_you.id, prefs=prefs, now=NOW)
        assert home_undo(session, DANA, load_interviews(session, DANA), now=NOW) is not None

        follow_up.status, follow_up.sent_at = PromptStatus.SENT, NOW + timedelta(minutes=5)
        session.flush()
        assert (
            home_undo(
                session, DANA, load_interviews(session, DANA), now=NOW + timedelta(minutes=10)
            )
            is None
        )
