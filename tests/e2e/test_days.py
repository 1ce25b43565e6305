"""Weekends, public holidays and how days read, end to end with a moving clock."""

from __future__ import annotations

from datetime import date, timedelta

from slackbot.blocks import ids
from slackbot.models import UserSettings
from slackbot.sandbox.answers import visible_text
from tests.conftest import Bot
from tests.e2e.test_prompt_flow import CHICAGO, DANA, at, dms, run_until, sent_times


def test_a_friday_interview_gets_no_weekend_dm_but_its_same_day_thank_you(bot: Bot) -> None:
    bot.fake.clock = lambda: bot.clock().timestamp()
    bot.clock.set(at(CHICAGO, 2026, 12, 4, 9, 0))
    bot.slack.command(DANA, "log Initrode | Data Engineer | 2026-12-04 14:00 | Maria Lopez")
    bot.slack.command(DANA, "log Globex | Analyst | 2026-12-05 10:00 | Hank Scorpio")

    run_until(bot, at(CHICAGO, 2026, 12, 7, 9, 30), step=timedelta(hours=1))

    days = [(t.date(), t.hour) for t in sent_times(bot, DANA, CHICAGO)]
    texts = [visible_text(m) for m in dms(bot, DANA)]
    # Friday's thank-you, Saturday's own same-day thank-you, then Monday's nudge for both.
    assert days[0] == (date(2026, 12, 4), 16)
    assert "Initrode" in texts[0]
    assert days[1] == (date(2026, 12, 5), 12)
    assert "Globex" in texts[1]
    assert all(day == date(2026, 12, 7) for day, _ in days[2:])
    assert len(days) == 4
    assert not any(day == date(2026, 12, 6) for day, _ in days)


def test_no_follow_up_or_closure_on_december_25_or_january_1(bot: Bot) -> None:
    bot.fake.clock = lambda: bot.clock().timestamp()
    bot.clock.set(at(CHICAGO, 2026, 12, 17, 9, 0))
    bot.slack.command(DANA, "log Initrode | Data Engineer | 2026-12-18 10:00 | Maria Lopez")
    with bot.sessions.begin() as session:
        settings = session.get(UserSettings, (bot.fake.team_id, DANA))
        assert settings is not None
        settings.closure_days = 4  # the follow-up on Mon Dec 28, + 4 days = Fri Jan 1
    run_until(bot, at(CHICAGO, 2026, 12, 18, 12, 0))
    thank_you = dms(bot, DANA)[0]
    person = next(b for b in thank_you["blocks"] if b.get("block_id", "").startswith("person_ac"))
    bot.slack.click(
        DANA, action_id=ids.MARK_SENT, value=person["elements"][1]["value"], message=thank_you
    )

    run_until(bot, at(CHICAGO, 2027, 1, 5, 12, 0), step=timedelta(hours=2))

    days = [t.date() for t in sent_times(bot, DANA, CHICAGO)]
    texts = [visible_text(m) for m in dms(bot, DANA)]
    assert "time to follow up" in dms(bot, DANA)[1]["text"]
    assert days[1:] == [date(2026, 12, 28), date(2027, 1, 4)]
    assert "where things stand" in texts[2]


def test_a_late_interviews_thank_you_says_it_ended_yesterday(bot: Bot) -> None:
    bot.fake.clock = lambda: bot.clock().timestamp()
    bot.clock.set(at(CHICAGO, 2026, 12, 2, 9, 0))
    bot.slack.command(DANA, "log Initrode | SRE | 2026-12-02 19:30 | Ann Lee")

    run_until(bot, at(CHICAGO, 2026, 12, 3, 8, 30))

    assert sent_times(bot, DANA, CHICAGO)[0].hour == 8
    assert "Your interview ended yesterday at 8:30 PM." in visible_text(dms(bot, DANA)[0])
