"""Undo: every outcome, Mark sent, snooze and skip can be taken back, until the next prompt."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from slackbot.blocks import ids
from slackbot.models import Prompt, PromptKind, PromptStatus
from slackbot.sandbox.answers import visible_text
from tests.conftest import Bot
from tests.e2e.helpers import eventually
from tests.e2e.test_conversation import _person_value, _thank_you_sent, _thread
from tests.e2e.test_home import home_showing
from tests.e2e.test_outcomes import _choose
from tests.e2e.test_prompt_flow import CHICAGO, DANA, at, dms, run_until, sent_times


def _undo_value(message: dict) -> str:
    block = next(b for b in message["blocks"] if b.get("block_id") == "undo")
    return block["elements"][0]["value"]


def test_rejected_by_mistake_then_undo_and_the_follow_up_still_comes_on_time(bot: Bot) -> None:
    prompt = _thank_you_sent(bot)
    bot.slack.dm(DANA, "sent all", thread_ts=prompt["ts"])
    assert eventually(lambda: "Thank-you sent" in visible_text(dms(bot, DANA)[0]))

    _choose(bot, "rejected")
    assert eventually(lambda: "Recorded *rejected*" in visible_text(dms(bot, DANA)[0]))
    assert "no open interviews" in bot.slack.command(DANA, "list").text

    shown = dms(bot, DANA)[0]
    bot.slack.click(DANA, action_id=ids.UNDO, value=_undo_value(shown), message=shown)

    assert eventually(lambda: "Undone: the outcome" in visible_text(dms(bot, DANA)[0]))
    restored = visible_text(dms(bot, DANA)[0])
    assert "Recorded *rejected*" not in restored
    assert "I heard back" in restored  # its buttons are back
    assert "Initrode" in bot.slack.command(DANA, "list").text

    run_until(bot, at(CHICAGO, 2026, 12, 9, 11, 0), step=timedelta(hours=1))
    top = [m for m in dms(bot, DANA) if not m.get("thread_ts")]
    assert "time to follow up" in top[-1]["text"]
    follow_up_at = sent_times(bot, DANA, CHICAGO)[-1]
    assert (follow_up_at.date().isoformat(), follow_up_at.hour) == ("2026-12-09", 10)


def test_mark_sent_then_undo_and_the_next_mornings_nudge_names_that_person(bot: Bot) -> None:
    prompt = _thank_you_sent(bot)
    for name in ("Maria Lopez", "Sanjay Rao"):
        bot.slack.click(
            DANA, action_id=ids.MARK_SENT, value=_person_value(prompt, name), message=prompt
        )
        assert eventually(lambda n=name: "undo" in str(dms(bot, DANA)[0]["blocks"]))
    assert eventually(lambda: visible_text(dms(bot, DANA)[0]).count("Thank-you sent") == 2)

    shown = dms(bot, DANA)[0]
    bot.slack.click(DANA, action_id=ids.UNDO, value=_undo_value(shown), message=shown)

    assert eventually(lambda: visible_text(dms(bot, DANA)[0]).count("Thank-you sent") == 1)
    run_until(bot, at(CHICAGO, 2026, 12, 3, 9, 0))
    nudge = dms(bot, DANA)[-1]
    assert "Still to thank" in visible_text(nudge)
    assert "Sanjay Rao" in visible_text(nudge)
    assert "Maria Lopez" not in visible_text(nudge)


def test_undo_as_a_reply_takes_back_sent_all(bot: Bot) -> None:
    prompt = _thank_you_sent(bot)
    bot.slack.dm(DANA, "sent all", thread_ts=prompt["ts"])
    assert eventually(lambda: visible_text(dms(bot, DANA)[0]).count("Thank-you sent") == 2)

    bot.slack.dm(DANA, "undo")

    assert eventually(
        lambda: (
            "Undone: the thank-you marked sent (Initrode)"
            in "\n".join(visible_text(m) for m in dms(bot, DANA))
        )
    )
    assert eventually(lambda: "Thank-you sent" not in visible_text(dms(bot, DANA)[0]))
    run_until(bot, at(CHICAGO, 2026, 12, 3, 9, 0))
    assert "Still to thank" in visible_text(dms(bot, DANA)[-1])


def test_a_snooze_can_be_undone_until_the_next_prompt_is_sent(bot: Bot) -> None:
    prompt = _thank_you_sent(bot)
    bot.slack.dm(DANA, "remind me in 2 hours", thread_ts=prompt["ts"])
    assert eventually(lambda: any("Snoozed" in t for t in _thread(bot, prompt["ts"])))
    run_until(bot, at(CHICAGO, 2026, 12, 2, 18, 0))  # the snoozed reminder goes out

    bot.slack.dm(DANA, "undo", thread_ts=prompt["ts"])

    assert eventually(lambda: any("too late to undo" in t for t in _thread(bot, prompt["ts"])))


def test_a_skip_from_home_can_be_undone_with_a_reply(bot: Bot) -> None:
    _skip_the_follow_up_in_home(bot)
    assert eventually(lambda: _pending_follow_ups(bot) == 0)

    bot.slack.dm(DANA, "undo")

    assert eventually(
        lambda: "Undone: the skip (Initrode)" in "\n".join(visible_text(m) for m in dms(bot, DANA))
    )
    assert _pending_follow_ups(bot) == 1


def _pending_follow_ups(bot: Bot) -> int:
    with bot.sessions() as session:
        return len(
            session.scalars(
                select(Prompt).where(
                    Prompt.kind == PromptKind.FOLLOW_UP, Prompt.status == PromptStatus.PENDING
                )
            ).all()
        )


def test_home_offers_undo_for_a_skip_made_there(bot: Bot) -> None:
    _skip_the_follow_up_in_home(bot)

    home = home_showing(bot, DANA, "Changed your mind about the skip (Initrode)?")
    undo = next(
        b["accessory"]
        for b in home["blocks"]
        if b.get("accessory", {}).get("action_id") == ids.UNDO
    )
    bot.slack.click(DANA, action_id=ids.UNDO, value=undo["value"], view=home)

    assert eventually(lambda: _pending_follow_ups(bot) == 1)
    home_showing(bot, DANA, "follow-up", absent=("Changed your mind",))


def _skip_the_follow_up_in_home(bot: Bot) -> None:
    prompt = _thank_you_sent(bot)
    bot.slack.dm(DANA, "sent all", thread_ts=prompt["ts"])
    home = home_showing(bot, DANA, "follow-up")
    skip = next(
        e
        for b in home["blocks"]
        if b["type"] == "actions"
        for e in b["elements"]
        if e.get("action_id") == ids.HOME_SKIP
    )
    bot.slack.click(DANA, action_id=ids.HOME_SKIP, value=skip["value"], view=home)
