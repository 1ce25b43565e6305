"""Replies the bot understands, and the hint each prompt shows, end to end."""

from __future__ import annotations

from datetime import timedelta

from slackbot.blocks import ids
from slackbot.sandbox.answers import visible_text
from tests.conftest import Bot
from tests.e2e.helpers import eventually
from tests.e2e.test_conversation import _person_value, _thank_you_sent, _thread
from tests.e2e.test_prompt_flow import CHICAGO, DANA, at, dms, run_until, sent_times


def hint(message: dict) -> str:
    return next(
        visible_text({"blocks": [b]})
        for b in message["blocks"]
        if b["type"] == "context" and "Reply here" in visible_text({"blocks": [b]})
    )


def test_each_prompts_hint_names_only_its_pending_people(bot: Bot) -> None:
    prompt = _thank_you_sent(bot)
    assert "`Maria: what you talked about`" in hint(prompt)
    assert "`sent Maria and Sanjay` or `sent all`" in hint(prompt)
    assert "`remind me in 2 hours` or `remind me tomorrow morning`" in hint(prompt)

    bot.slack.click(
        DANA,
        action_id=ids.MARK_SENT,
        value=_person_value(prompt, "Maria Lopez"),
        message=prompt,
    )
    assert eventually(lambda: "Maria" not in hint(dms(bot, DANA)[0]))
    assert "`sent` once you've thanked Sanjay" in hint(dms(bot, DANA)[0])

    run_until(bot, at(CHICAGO, 2026, 12, 3, 9, 0))
    nudge = dms(bot, DANA)[-1]
    assert "Sanjay" in hint(nudge)
    assert "Maria" not in hint(nudge)


def test_sent_maria_and_sanjay_marks_both(bot: Bot) -> None:
    prompt = _thank_you_sent(bot)

    bot.slack.dm(DANA, "sent maria and sanjay", thread_ts=prompt["ts"])

    assert eventually(
        lambda: (
            "Marked thank-you sent to Maria Lopez and Sanjay Rao"
            in "\n".join(_thread(bot, prompt["ts"]))
        )
    )
    assert eventually(lambda: visible_text(dms(bot, DANA)[0]).count("Thank-you sent") == 2)
    assert "everyone is thanked" in hint(dms(bot, DANA)[0])


def test_a_reply_not_understood_gets_the_help_for_its_prompt(bot: Bot) -> None:
    prompt = _thank_you_sent(bot)

    bot.slack.dm(DANA, "what now", thread_ts=prompt["ts"])

    assert eventually(lambda: len(_thread(bot, prompt["ts"])) == 1)
    answer = _thread(bot, prompt["ts"])[-1]
    assert answer.startswith("I didn't catch that. Reply here:")
    assert "`sent Maria and Sanjay`" in answer


def test_remind_me_in_2_hours_brings_the_prompt_back_two_hours_later(bot: Bot) -> None:
    prompt = _thank_you_sent(bot)  # sent Wed 4:00 PM

    bot.slack.dm(DANA, "remind me in 2 hours", thread_ts=prompt["ts"])
    assert eventually(
        lambda: (
            "Snoozed Initrode. I'll remind you today at 6:00 PM."
            in "\n".join(_thread(bot, prompt["ts"]))
        )
    )

    run_until(bot, at(CHICAGO, 2026, 12, 2, 17, 30))
    assert len([m for m in dms(bot, DANA) if not m.get("thread_ts")]) == 1
    run_until(bot, at(CHICAGO, 2026, 12, 2, 18, 0))
    top = [m for m in dms(bot, DANA) if not m.get("thread_ts")]
    assert len(top) == 2
    assert "Still to thank" in visible_text(top[-1])
    assert sent_times(bot, DANA, CHICAGO)[-1].hour == 18


def test_followed_up_on_a_follow_up_prompt_marks_the_follow_up(bot: Bot) -> None:
    prompt = _thank_you_sent(bot)
    bot.slack.dm(DANA, "sent all", thread_ts=prompt["ts"])
    run_until(bot, at(CHICAGO, 2026, 12, 9, 10, 0), step=timedelta(hours=1))
    follow_up = dms(bot, DANA)[-1]
    assert "`followed up`" in hint(follow_up)
    assert "sent Maria" not in hint(follow_up)

    bot.slack.dm(DANA, "sent", thread_ts=follow_up["ts"])

    assert eventually(
        lambda: (
            "Marked as followed up. If there's still no word, I'll check in Wed, Dec 16"
            in "\n".join(_thread(bot, follow_up["ts"]))
        )
    )
