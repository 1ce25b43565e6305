"""Replies in the DM and drafts, end to end."""

from __future__ import annotations

from datetime import timedelta
from itertools import pairwise
from urllib.parse import parse_qs, urlsplit

from sqlalchemy import select

from slackbot.blocks import ids
from slackbot.domain.interviews import Owner
from slackbot.models import Interview, Prompt, PromptKind, PromptStatus
from slackbot.sandbox.answers import visible_text
from tests.conftest import Bot
from tests.e2e.helpers import eventually, opened_view
from tests.e2e.test_prompt_flow import CHICAGO, WEDNESDAY_INTERVIEW, at, dms, run_until

DANA = "U0DANA001"


def _thank_you_sent(bot: Bot) -> dict:
    bot.fake.clock = lambda: bot.clock().timestamp()
    bot.clock.set(at(CHICAGO, 2026, 12, 2, 9, 0))
    bot.slack.command(DANA, WEDNESDAY_INTERVIEW)
    run_until(bot, at(CHICAGO, 2026, 12, 2, 16, 0))
    return dms(bot, DANA)[0]


def _person_value(prompt: dict, name: str) -> str:
    """The value of the buttons under the section naming this interviewer."""
    blocks = prompt["blocks"]
    for above, block in pairwise(blocks):
        if block.get("block_id", "").startswith("person_actions") and name in visible_text(
            {"blocks": [above]}
        ):
            return block["elements"][0]["value"]
    raise AssertionError(f"no buttons for {name}")


def _all(bot: Bot) -> str:
    return "\n".join(visible_text(m) for m in dms(bot, DANA))


def _thread(bot: Bot, ts: str) -> list[str]:
    return [visible_text(m) for m in dms(bot, DANA) if m.get("thread_ts") == ts]


def test_sent_all_in_the_prompts_thread_cancels_the_nudge(bot: Bot) -> None:
    prompt = _thank_you_sent(bot)

    reply = bot.slack.dm(DANA, "sent all", thread_ts=prompt["ts"])
    assert reply.status == 200

    assert eventually(
        lambda: (
            "Marked thank-you sent to Maria Lopez and Sanjay Rao"
            in "\n".join(_thread(bot, prompt["ts"]))
        )
    )
    # The prompt itself is updated in place.
    assert eventually(lambda: "Thank-you sent" in visible_text(dms(bot, DANA)[0]))
    with bot.sessions() as session:
        nudges = session.scalars(select(Prompt).where(Prompt.kind == PromptKind.NUDGE)).all()
        assert all(p.status != PromptStatus.PENDING for p in nudges)
    run_until(bot, at(CHICAGO, 2026, 12, 3, 12, 0))
    assert [m for m in dms(bot, DANA) if "Still to thank" in visible_text(m)] == []


def test_a_topic_reply_goes_into_that_interviewers_draft(bot: Bot) -> None:
    prompt = _thank_you_sent(bot)

    bot.slack.dm(DANA, "Sanjay: the data mesh rollout")
    assert eventually(lambda: "Noted for Sanjay Rao: the data mesh rollout" in _all(bot))

    prompt = dms(bot, DANA)[0]
    sanjay = _person_value(prompt, "Sanjay Rao")
    bot.slack.click(DANA, action_id=ids.DRAFT_NOTE, value=sanjay, message=prompt)
    draft = opened_view(bot.fake)
    body = next(b for b in draft["blocks"] if b.get("block_id") == ids.DRAFT_BODY)
    note = body["element"]["initial_value"]
    assert "Hi Sanjay" in note
    assert "the data mesh rollout" in note
    assert draft["submit"]["text"] == "Mark sent"
    assert draft["close"]["text"] == "Not yet"

    email = next(
        e
        for b in draft["blocks"]
        if b["type"] == "actions"
        for e in b["elements"]
        if e["action_id"] == ids.DRAFT_EMAIL
    )
    url = email["url"]
    assert len(url) <= 3000
    assert url.startswith("mailto:sanjay@initrode.example?")
    query = parse_qs(urlsplit(url).query)
    assert "Data Engineer" in query["subject"][0]
    assert "the data mesh rollout" in query["body"][0]

    bot.slack.submit(DANA, draft)
    assert eventually(lambda: _thanked(bot, "Sanjay Rao"))
    assert not _thanked(bot, "Maria Lopez")


def _thanked(bot: Bot, name: str) -> bool:
    with bot.sessions() as session:
        interview = session.scalars(select(Interview)).one()
        return any(p.thanked_at for p in interview.interviewers if p.name == name)


def test_top_level_outcome_with_two_open_interviews_asks_which_one(bot: Bot) -> None:
    _thank_you_sent(bot)
    bot.slack.command(DANA, "log Globex | SRE | today 3pm | Hank Scorpio")
    run_until(bot, at(CHICAGO, 2026, 12, 2, 17, 0))

    bot.slack.dm(DANA, "rejected")

    question = eventually(
        lambda: next((m for m in dms(bot, DANA) if "Which interview" in visible_text(m)), None)
    )
    assert question is not None
    assert "Initrode — Data Engineer" in visible_text(question)
    assert "Globex — SRE" in visible_text(question)

    bot.slack.click(
        DANA,
        action_id=ids.DM_PICK_INTERVIEW,
        message=question,
        value=next(
            e["value"]
            for b in question["blocks"]
            if b["type"] == "actions"
            for e in b["elements"]
            if "Globex" in e["text"]["text"]
        ),
    )
    assert eventually(lambda: "Recorded *rejected* for Globex" in _all(bot))
    with bot.sessions() as session:
        closed = {i.company: i.outcome for i in session.scalars(select(Interview))}
    assert closed == {"Initrode": None, "Globex": "rejected"}


def test_a_retried_event_changes_nothing(bot: Bot) -> None:
    prompt = _thank_you_sent(bot)

    first = bot.slack.dm(DANA, "snooze 2 days", thread_ts=prompt["ts"], event_id="Ev0RETRY01")
    eventually(lambda: _thread(bot, prompt["ts"]))
    with bot.sessions() as session:
        snoozed = session.scalars(select(Interview)).one().snoozed_until
    bot.clock.advance(timedelta(minutes=1))
    again = bot.slack.dm(
        DANA, "snooze 2 days", thread_ts=prompt["ts"], event_id="Ev0RETRY01", retry_num=1
    )

    assert first.status == again.status == 200
    with bot.sessions() as session:
        assert session.scalars(select(Interview)).one().snoozed_until == snoozed
    assert len(_thread(bot, prompt["ts"])) == 1


def test_unknown_reply_gets_one_line_of_help(bot: Bot) -> None:
    _thank_you_sent(bot)
    bot.slack.dm(DANA, "what should I do?")
    assert eventually(lambda: "I understand: `Maria: their move" in _all(bot))


def test_bot_messages_are_ignored(bot: Bot) -> None:
    _thank_you_sent(bot)
    before = len(bot.fake.calls("chat.postMessage"))
    bot.slack.event(
        {
            "type": "message",
            "channel": "D0DANA001",
            "channel_type": "im",
            "bot_id": "B0OTHER01",
            "text": "sent all",
            "ts": "1.000001",
        }
    )
    bot.slack.event(
        {
            "type": "message",
            "channel": "D0DANA001",
            "channel_type": "im",
            "user": bot.fake.bot_user_id,
            "text": "offer",
            "ts": "1.000002",
        }
    )
    assert len(bot.fake.calls("chat.postMessage")) == before


def test_a_prompt_is_rerendered_only_after_a_render_in_flight_has_landed(bot: Bot) -> None:
    prompt = _thank_you_sent(bot)
    updates = len(bot.fake.calls("chat.update"))
    owner = Owner(bot.fake.team_id, DANA)
    in_flight = bot.runtime.services.message_updates(owner)

    # A button's render of this prompt is between reading the database and posting.
    with in_flight:
        bot.slack.dm(DANA, "sent all", thread_ts=prompt["ts"])
        assert eventually(lambda: "Marked thank-you sent" in "\n".join(_thread(bot, prompt["ts"])))
        assert len(bot.fake.calls("chat.update")) == updates, "re-rendered past a render in flight"

    # Then the reply's render lands, read afresh, after it.
    assert eventually(lambda: "Thank-you sent" in visible_text(dms(bot, DANA)[0]))
