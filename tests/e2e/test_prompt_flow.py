"""The follow-up engine end to end: real app over HTTP, a controllable clock, the dispatcher."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from slackbot.blocks import ids
from slackbot.models import UserSettings
from slackbot.sandbox.answers import visible_text
from tests.conftest import Bot
from tests.e2e.helpers import count_interviews, eventually

DANA = "U0DANA001"  # America/Chicago
LEE = "U0LEE0001"  # Australia/Sydney
CHICAGO = ZoneInfo("America/Chicago")
SYDNEY = ZoneInfo("Australia/Sydney")
WEDNESDAY_INTERVIEW = (
    "log Initrode | Data Engineer | 2026-12-02 14:00 | "
    "Maria Lopez (Director), Sanjay Rao (Recruiter) <sanjay@initrode.example>"
)


def at(zone: ZoneInfo, *args: int) -> datetime:
    return datetime(*args, tzinfo=zone).astimezone(UTC)


def run_until(bot: Bot, until: datetime, step: timedelta = timedelta(minutes=30)) -> None:
    """Advance the clock step by step, polling like the interval job, until `until`."""
    while bot.clock() < until:
        bot.clock.advance(step)
        bot.runtime.dispatcher.poll()


def dms(bot: Bot, user: str) -> list[dict[str, Any]]:
    return bot.fake.dm_messages(user)


def sent_times(bot: Bot, user: str, zone: ZoneInfo) -> list[datetime]:
    return [
        datetime.fromtimestamp(c.at, UTC).astimezone(zone)
        for c in bot.fake.calls("chat.postMessage")
        if c.args.get("channel") == user
    ]


def test_thank_you_arrives_an_hour_after_the_interview_naming_each_interviewer(bot: Bot) -> None:
    bot.fake.clock = lambda: bot.clock().timestamp()
    bot.clock.set(at(CHICAGO, 2026, 12, 2, 9, 0))
    bot.slack.command(DANA, WEDNESDAY_INTERVIEW)

    run_until(bot, at(CHICAGO, 2026, 12, 2, 15, 30))
    assert dms(bot, DANA) == []

    run_until(bot, at(CHICAGO, 2026, 12, 2, 16, 0))
    messages = dms(bot, DANA)
    assert len(messages) == 1
    text = visible_text(messages[0])
    assert "Thank-you notes for *Initrode* — Data Engineer" in text
    assert "Maria Lopez" in text
    assert "Sanjay Rao" in text
    assert "What did you talk about?" in text
    assert sent_times(bot, DANA, CHICAGO)[0].hour == 16
    assert messages[0]["metadata"]["event_payload"]["prompt_id"] > 0


def test_mark_sent_for_one_leaves_only_the_other_in_the_next_mornings_nudge(bot: Bot) -> None:
    bot.fake.clock = lambda: bot.clock().timestamp()
    bot.clock.set(at(CHICAGO, 2026, 12, 2, 9, 0))
    bot.slack.command(DANA, WEDNESDAY_INTERVIEW)
    run_until(bot, at(CHICAGO, 2026, 12, 2, 16, 0))
    prompt = dms(bot, DANA)[0]
    maria = next(
        b["elements"][1]["value"]
        for b in prompt["blocks"]
        if b["type"] == "actions" and b.get("block_id", "").startswith("person_actions")
    )

    clicked = bot.slack.click(DANA, action_id=ids.MARK_SENT, value=maria, message=prompt)
    assert clicked.status == 200
    # The message changes in place, just after the click is acknowledged.
    assert eventually(lambda: "Thank-you sent" in visible_text(dms(bot, DANA)[0]))
    assert len(dms(bot, DANA)) == 1

    run_until(bot, at(CHICAGO, 2026, 12, 3, 8, 30))
    assert len(dms(bot, DANA)) == 1
    run_until(bot, at(CHICAGO, 2026, 12, 3, 9, 0))
    nudge = dms(bot, DANA)[-1]
    assert len(dms(bot, DANA)) == 2
    text = visible_text(nudge)
    assert "Sanjay Rao" in text
    assert "Maria Lopez" not in text


def test_late_evening_interview_in_sydney_is_prompted_next_morning_sydney_time(bot: Bot) -> None:
    bot.fake.clock = lambda: bot.clock().timestamp()
    bot.clock.set(at(SYDNEY, 2026, 12, 2, 12, 0))
    bot.slack.command(LEE, "log Hooli | Product Designer | today 20:45 | Gavin Belson")

    run_until(bot, at(SYDNEY, 2026, 12, 3, 7, 30))
    assert dms(bot, LEE) == []
    run_until(bot, at(SYDNEY, 2026, 12, 3, 8, 0))
    assert len(dms(bot, LEE)) == 1
    assert sent_times(bot, LEE, SYDNEY)[0].hour == 8


def test_three_weeks_thank_you_follow_up_and_closure_all_in_day_hours(bot: Bot) -> None:
    bot.fake.clock = lambda: bot.clock().timestamp()
    bot.clock.set(at(CHICAGO, 2026, 12, 2, 9, 0))
    bot.slack.command(DANA, WEDNESDAY_INTERVIEW)
    run_until(bot, at(CHICAGO, 2026, 12, 2, 16, 0))
    prompt = dms(bot, DANA)[0]
    for block in prompt["blocks"]:
        if block.get("block_id", "").startswith("person_actions"):
            value = block["elements"][1]["value"]
            bot.slack.click(DANA, action_id=ids.MARK_SENT, value=value, message=dms(bot, DANA)[0])
    assert eventually(lambda: visible_text(dms(bot, DANA)[0]).count("Thank-you sent") == 2)

    run_until(bot, at(CHICAGO, 2026, 12, 23, 21, 0), step=timedelta(minutes=20))

    kinds = [m["metadata"]["event_payload"]["prompt_id"] for m in dms(bot, DANA)]
    assert len(kinds) == 3  # thank-you, follow-up, closure — no nudge, everyone was thanked
    texts = [visible_text(m) for m in dms(bot, DANA)]
    assert "It's been 7 days since your *Initrode* interview" in texts[1]
    assert "Write to *Sanjay Rao* (Recruiter), your main contact." in texts[1]
    # No follow-up was marked, so closure asks about it rather than assume one went out.
    assert "did you send them a follow-up?" in texts[2]
    assert "since" not in texts[2]
    times = sent_times(bot, DANA, CHICAGO)
    assert times[1].date().isoformat() == "2026-12-09"  # a Wednesday, 7 days later
    assert times[1].hour == 10
    assert times[2].date().isoformat() == "2026-12-16"
    for moment in times:
        assert 8 <= moment.hour < 21
        assert moment.weekday() < 5


def test_heard_back_silences_everything(bot: Bot) -> None:
    bot.fake.clock = lambda: bot.clock().timestamp()
    bot.clock.set(at(CHICAGO, 2026, 12, 2, 9, 0))
    bot.slack.command(DANA, WEDNESDAY_INTERVIEW)
    run_until(bot, at(CHICAGO, 2026, 12, 2, 16, 0))
    prompt = dms(bot, DANA)[0]

    bot.slack.click(DANA, action_id=ids.HEARD_BACK, message=prompt)
    assert eventually(lambda: "Offer" in visible_text(dms(bot, DANA)[0]))
    choice = dms(bot, DANA)[0]
    rejected = f"{choice['metadata']['event_payload']['prompt_id']}:rejected"
    bot.slack.click(DANA, action_id=ids.PROMPT_OUTCOME, value=rejected, message=choice)
    assert eventually(lambda: "Recorded *rejected*" in visible_text(dms(bot, DANA)[0]))

    run_until(bot, at(CHICAGO, 2026, 12, 30, 12, 0), step=timedelta(hours=2))
    assert len(dms(bot, DANA)) == 1


def snooze_value(message: dict[str, Any], label: str) -> str:
    return next(
        e["value"]
        for b in message["blocks"]
        if b["type"] == "actions"
        for e in b["elements"]
        if e["text"]["text"] == label
    )


def test_snooze_to_tomorrow_morning_is_never_later_than_the_nudge(bot: Bot) -> None:
    bot.fake.clock = lambda: bot.clock().timestamp()
    bot.clock.set(at(CHICAGO, 2026, 12, 2, 9, 0))
    bot.slack.command(DANA, WEDNESDAY_INTERVIEW)
    run_until(bot, at(CHICAGO, 2026, 12, 2, 16, 0))
    prompt = dms(bot, DANA)[0]

    bot.slack.click(
        DANA,
        action_id=ids.SNOOZE,
        value=snooze_value(prompt, "Tomorrow morning"),
        message=prompt,
    )
    assert eventually(
        lambda: "Snoozed. I'll remind you tomorrow at 9:00 AM" in visible_text(dms(bot, DANA)[0])
    )

    run_until(bot, at(CHICAGO, 2026, 12, 3, 8, 30))
    assert len(dms(bot, DANA)) == 1
    run_until(bot, at(CHICAGO, 2026, 12, 3, 9, 0))
    assert len(dms(bot, DANA)) == 2
    assert "Still to thank" in visible_text(dms(bot, DANA)[1])


def test_a_prompt_for_an_edited_interview_says_so_and_changes_nothing(bot: Bot) -> None:
    bot.fake.clock = lambda: bot.clock().timestamp()
    bot.clock.set(at(CHICAGO, 2026, 12, 2, 9, 0))
    bot.slack.command(DANA, WEDNESDAY_INTERVIEW)
    run_until(bot, at(CHICAGO, 2026, 12, 2, 16, 0))
    bot.slack.command(DANA, "heard 1 rejected")

    bot.slack.click(DANA, action_id=ids.SNOOZE, message=dms(bot, DANA)[0])

    assert eventually(
        lambda: "You've closed this interview (rejected)" in visible_text(dms(bot, DANA)[0])
    )
    stale = dms(bot, DANA)[0]
    assert "Maria Lopez" in visible_text(stale)  # the prompt stays readable
    assert [b for b in stale["blocks"] if b["type"] == "actions"] == []  # its buttons are gone


def test_a_prompt_whose_interview_was_deleted_says_so(bot: Bot) -> None:
    bot.fake.clock = lambda: bot.clock().timestamp()
    bot.clock.set(at(CHICAGO, 2026, 12, 2, 9, 0))
    bot.slack.command(DANA, WEDNESDAY_INTERVIEW)
    run_until(bot, at(CHICAGO, 2026, 12, 2, 16, 0))
    asked = bot.slack.command(DANA, "cancel 1")
    bot.slack.click(DANA, action_id=ids.CANCEL_CONFIRM, ephemeral_blocks=asked.json()["blocks"])
    assert eventually(lambda: count_interviews(bot.sessions) == 0)

    bot.slack.click(DANA, action_id=ids.HEARD_BACK, message=dms(bot, DANA)[0])

    assert eventually(lambda: "was deleted" in visible_text(dms(bot, DANA)[0]))


def test_no_dm_is_ever_sent_outside_day_hours(bot: Bot) -> None:
    bot.fake.clock = lambda: bot.clock().timestamp()
    bot.clock.set(at(CHICAGO, 2026, 12, 1, 22, 0))
    # Logged late at night for an interview that ended hours ago: due at once, but not now.
    bot.slack.command(DANA, "log Initrode | SRE | today 6pm | Ann Lee")
    bot.slack.command(LEE, "log Hooli | SRE | yesterday 19:00 | Big Head")

    run_until(bot, at(CHICAGO, 2026, 12, 20, 0, 0), step=timedelta(minutes=45))

    for user, zone in ((DANA, CHICAGO), (LEE, SYDNEY)):
        times = sent_times(bot, user, zone)
        assert times
        for moment in times:
            assert 8 <= moment.hour < 21, (user, moment)


def test_the_slack_time_zone_is_read_again_after_a_day(bot: Bot) -> None:
    bot.fake.clock = lambda: bot.clock().timestamp()
    bot.clock.set(at(CHICAGO, 2026, 12, 2, 9, 0))
    bot.slack.command(DANA, WEDNESDAY_INTERVIEW)
    bot.fake.users[DANA].tz = "Europe/Berlin"  # Dana flew to Berlin
    lookups = len(bot.fake.calls("users.info"))

    # Polling every hour, with the hourly housekeeping job between polls.
    while bot.clock() < at(CHICAGO, 2026, 12, 9, 12, 0):
        bot.clock.advance(timedelta(hours=1))
        bot.runtime.housekeeping()
        bot.runtime.dispatcher.poll()

    assert len(bot.fake.calls("users.info")) > lookups
    with bot.sessions() as session:
        settings = session.get(UserSettings, (bot.fake.team_id, DANA))
        assert settings is not None
        assert settings.slack_tz == "Europe/Berlin"
    follow_up = sent_times(bot, DANA, ZoneInfo("Europe/Berlin"))[-1]
    assert 8 <= follow_up.hour < 21
