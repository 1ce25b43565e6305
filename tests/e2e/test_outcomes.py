"""Hearing back: good news keeps the thank-yous owed; a rejection gets a gracious reply."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from slackbot.blocks import ids
from slackbot.models import Interview
from slackbot.sandbox.answers import visible_text
from tests.conftest import Bot
from tests.e2e.helpers import eventually, opened_view
from tests.e2e.test_conversation import _person_value, _thank_you_sent, _thread
from tests.e2e.test_home import home_showing
from tests.e2e.test_prompt_flow import CHICAGO, DANA, at, dms, run_until


def _choose(bot: Bot, outcome: str) -> dict:
    prompt = dms(bot, DANA)[0]
    bot.slack.click(DANA, action_id=ids.HEARD_BACK, message=prompt)
    assert eventually(lambda: "Offer" in visible_text(dms(bot, DANA)[0]))
    choice = dms(bot, DANA)[0]
    value = f"{choice['metadata']['event_payload']['prompt_id']}:{outcome}"
    bot.slack.click(DANA, action_id=ids.PROMPT_OUTCOME, value=value, message=choice)
    return choice


def test_next_round_keeps_the_nudge_for_the_unthanked_and_offers_the_next_round(
    bot: Bot,
) -> None:
    prompt = _thank_you_sent(bot)
    bot.slack.click(
        DANA, action_id=ids.MARK_SENT, value=_person_value(prompt, "Maria Lopez"), message=prompt
    )
    assert eventually(lambda: "Thank-you sent" in visible_text(dms(bot, DANA)[0]))

    _choose(bot, "next-round")

    assert eventually(lambda: "Recorded *next round*" in visible_text(dms(bot, DANA)[0]))
    shown = visible_text(dms(bot, DANA)[0])
    assert "I'll keep reminding you about Sanjay Rao" in shown
    assert "Log the next round" in shown
    bot.slack.click(DANA, action_id=ids.LOG_NEXT_ROUND, message=dms(bot, DANA)[0])
    form = opened_view(bot.fake)
    assert "Initrode" in str(form["blocks"])

    run_until(bot, at(CHICAGO, 2026, 12, 3, 9, 0))
    nudge = dms(bot, DANA)[-1]
    assert "Still to thank" in visible_text(nudge)
    assert "Sanjay Rao" in visible_text(nudge)
    # Once Sanjay is thanked, nothing more comes: no follow-up after a next round.
    bot.slack.dm(DANA, "sent sanjay", thread_ts=nudge["ts"])
    assert eventually(
        lambda: "Marked thank-you sent to Sanjay Rao" in "".join(_thread(bot, nudge["ts"]))
    )
    count = len(dms(bot, DANA))
    run_until(bot, at(CHICAGO, 2026, 12, 20, 12, 0), step=timedelta(hours=3))
    assert len(dms(bot, DANA)) == count
    assert "no open interviews" in bot.slack.command(DANA, "list").text


def test_an_offer_is_congratulated(bot: Bot) -> None:
    _thank_you_sent(bot)

    bot.slack.dm(DANA, "offer")

    assert eventually(
        lambda: (
            "Congratulations on the offer from Initrode!"
            in "\n".join(visible_text(m) for m in dms(bot, DANA))
        )
    )


def test_a_rejection_offers_a_gracious_reply_and_closes(bot: Bot) -> None:
    _thank_you_sent(bot)

    _choose(bot, "rejected")

    assert eventually(lambda: "Recorded *rejected*" in visible_text(dms(bot, DANA)[0]))
    shown = visible_text(dms(bot, DANA)[0])
    assert "`after-rejection` template" in shown
    assert "Hi Sanjay," in shown  # the recruiter first
    assert "feedback on how I could have been a stronger candidate" in shown
    assert "Dana Whitfield" in shown
    assert "no open interviews" in bot.slack.command(DANA, "list").text


def test_the_next_round_is_logged_linked_and_counts_as_one_application(bot: Bot) -> None:
    _thank_you_sent(bot)
    _choose(bot, "next-round")
    assert eventually(lambda: "Log the next round" in visible_text(dms(bot, DANA)[0]))

    bot.slack.click(DANA, action_id=ids.LOG_NEXT_ROUND, message=dms(bot, DANA)[0])
    form = opened_view(bot.fake)
    fields = {b["block_id"]: b["element"] for b in form["blocks"] if b["type"] == "input"}
    assert fields[ids.F_COMPANY]["initial_value"] == "Initrode"
    assert fields[ids.F_ROLE]["initial_value"] == "Data Engineer"
    submitted = bot.slack.submit(
        DANA,
        form,
        {ids.F_DATE: "2026-12-09", ids.F_TIME: "11:00", ids.F_INTERVIEWERS: "Ann Lee, CTO"},
    )
    assert submitted.status == 200

    with bot.sessions() as session:
        first, second = session.scalars(select(Interview).order_by(Interview.number)).all()
        assert second.previous_id == first.id
    stats = bot.slack.command(DANA, "stats").text
    assert "Interviews logged: 2, for 1 application" in stats
    bot.clock.set(at(CHICAGO, 2026, 12, 9, 13, 0))  # the second round has taken place
    bot.slack.open_home(DANA)
    home = home_showing(bot, DANA, "round 2")
    assert "Initrode* — Data Engineer · round 2" in visible_text(home)
