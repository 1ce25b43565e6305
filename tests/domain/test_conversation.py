"""A DM reply applied on a real database: which interview it means, and what it changes."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from slackbot.db import SessionFactory, transaction
from slackbot.domain.conversation import apply_reply, find_target
from slackbot.domain.typed_replies import HeardBack, Sent, Snooze, Undo, read_reply
from slackbot.models import Outcome, PromptKind, PromptStatus
from tests.seed import DANA, LEE, log, pending, prefs_of

NOW = datetime(2026, 12, 2, 15, 0, tzinfo=UTC)  # Wed 09:00 in Chicago
JUST_HAD = NOW - timedelta(hours=2)
DM = "D0DANA001"


def test_a_reply_in_a_prompts_thread_means_that_prompts_interview(
    sessions: SessionFactory,
) -> None:
    with transaction(sessions) as session:
        initrode = log(session, DANA, starts_at=JUST_HAD, now=NOW)
        log(session, DANA, starts_at=JUST_HAD, now=NOW, company="Globex")
        prompt = pending(initrode, PromptKind.THANK_YOU)[0]
        prompt.channel_id, prompt.message_ts = DM, "1796223600.000100"
        session.flush()

        target = find_target(session, DANA, Sent(), channel_id=DM, thread_ts=prompt.message_ts)
        assert target.interview is initrode
        assert target.prompt is prompt
        # Someone else's reply in that thread is not about Dana's prompt.
        theirs = find_target(session, LEE, Sent(), channel_id=DM, thread_ts=prompt.message_ts)
        assert theirs.interview is None


def test_a_top_level_reply_naming_an_interviewer_finds_their_interview(
    sessions: SessionFactory,
) -> None:
    with transaction(sessions) as session:
        log(session, DANA, starts_at=JUST_HAD, now=NOW, people=("Maria Lopez",))
        globex = log(session, DANA, starts_at=JUST_HAD, now=NOW, company="Globex", people=("Ann",))

        target = find_target(session, DANA, read_reply("sent Ann"), channel_id=DM, thread_ts=None)
        assert target.interview is globex


def test_hearing_back_with_two_open_interviews_asks_which(sessions: SessionFactory) -> None:
    with transaction(sessions) as session:
        initrode = log(session, DANA, starts_at=JUST_HAD, now=NOW)
        globex = log(session, DANA, starts_at=JUST_HAD, now=NOW, company="Globex")

        target = find_target(session, DANA, HeardBack(Outcome.OFFER), channel_id=DM, thread_ts=None)
        assert target.interview is None
        assert {i.id for i in target.choices} == {initrode.id, globex.id}


def test_sent_all_thanks_everyone_and_undo_takes_it_back(sessions: SessionFactory) -> None:
    with transaction(sessions) as session:
        interview = log(session, DANA, starts_at=JUST_HAD, now=NOW, people=("Maria", "Sanjay"))
        prefs = prefs_of(session, DANA, now=NOW)

        applied = apply_reply(session, interview, Sent(everyone=True), prefs=prefs, now=NOW)
        assert applied.changed
        assert applied.text == "Marked thank-you sent to Maria and Sanjay."
        assert applied.undo_id is not None
        assert all(person.thanked_at == NOW for person in interview.interviewers)

        later = NOW + timedelta(minutes=5)
        undone = apply_reply(session, interview, Undo(), prefs=prefs, now=later)
        assert undone.undone
        assert all(person.thanked_at is None for person in interview.interviewers)
        assert pending(interview, PromptKind.THANK_YOU)


def test_sent_with_two_still_owed_asks_whom(sessions: SessionFactory) -> None:
    with transaction(sessions) as session:
        interview = log(session, DANA, starts_at=JUST_HAD, now=NOW, people=("Maria", "Sanjay"))
        prefs = prefs_of(session, DANA, now=NOW)

        applied = apply_reply(session, interview, Sent(), prefs=prefs, now=NOW)

        assert not applied.changed
        assert [p.name for p in applied.ask_people] == ["Maria", "Sanjay"]


def test_an_offer_closes_the_interview_and_stops_its_follow_up(sessions: SessionFactory) -> None:
    with transaction(sessions) as session:
        interview = log(session, DANA, starts_at=JUST_HAD, now=NOW)
        prefs = prefs_of(session, DANA, now=NOW)

        asked = apply_reply(session, interview, HeardBack(None), prefs=prefs, now=NOW)
        assert asked.ask_outcome
        assert not asked.changed

        applied = apply_reply(session, interview, HeardBack(Outcome.REJECTED), prefs=prefs, now=NOW)
        assert applied.changed
        assert applied.outcome == Outcome.REJECTED
        assert applied.draft  # the gracious reply, drafted
        assert interview.closed_at == NOW
        assert pending(interview) == []

        again = apply_reply(session, interview, Sent(everyone=True), prefs=prefs, now=NOW)
        assert again.text == "Your Initrode interview is already closed."


def test_snoozing_before_any_prompt_went_out_says_so(sessions: SessionFactory) -> None:
    with transaction(sessions) as session:
        interview = log(session, DANA, starts_at=JUST_HAD, now=NOW)
        prefs = prefs_of(session, DANA, now=NOW)

        applied = apply_reply(session, interview, Snooze(days=2), prefs=prefs, now=NOW)
        assert not applied.changed
        assert "Nothing to snooze yet" in applied.text

        thank_you = pending(interview, PromptKind.THANK_YOU)[0]
        thank_you.status, thank_you.sent_at = PromptStatus.SENT, NOW
        snoozed = apply_reply(session, interview, Snooze(days=2), prefs=prefs, now=NOW)
        assert snoozed.changed
        assert snoozed.later is not None
        assert snoozed.later[1] >= NOW + timedelta(days=2)
