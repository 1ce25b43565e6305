"""The App Home tab, through the real app over HTTP."""

from __future__ import annotations

import json
import threading
from datetime import UTC, datetime
from typing import Any

import pytest
from sqlalchemy import select

from slackbot.blocks import ids
from slackbot.interactions import home_tab as home
from slackbot.models import Interview, Interviewer, Prompt, PromptKind, PromptStatus
from slackbot.republisher import Republisher
from slackbot.sandbox.answers import visible_text
from slackbot.sandbox.fake_slack import FakeSlack
from slackbot.sandbox.limits import Limiter, SlackLimits
from tests.conftest import Bot, make_settings, running_bot
from tests.e2e.helpers import LOG_TEXT, eventually, opened_view

DANA = "U0DANA001"
LEE = "U0LEE0001"
MALLORY = "U0MALLORY"
# Now is Wed Dec 2, 09:00 in Chicago: this interview ended at 08:00, its thank-you is due.
JUST_HAD = "log Initrode | Data Engineer | today 7am | Maria Lopez (Director), Sanjay Rao"


def home_showing(bot: Bot, user: str, *needles: str, absent: tuple[str, ...] = ()) -> dict:
    """The user's Home once it shows every needle (Home is published just after the ack)."""

    def check() -> dict[str, Any] | None:
        view = bot.fake.home_view(user)
        if view is None:
            return None
        text = visible_text(view)
        ok = all(n in text for n in needles) and not any(a in text for a in absent)
        return view if ok else None

    view = eventually(check)
    shown = bot.fake.home_view(user)
    assert view, f"Home never showed {needles} without {absent}: {visible_text(shown or {})}"
    return view


def pending(bot: Bot, kind: PromptKind) -> Prompt | None:
    with bot.sessions() as session:
        return session.scalars(
            select(Prompt).where(Prompt.status == PromptStatus.PENDING, Prompt.kind == kind)
        ).one_or_none()


def test_first_time_user_gets_an_introduction_with_an_example(bot: Bot) -> None:
    bot.slack.open_home(LEE)

    view = home_showing(bot, LEE, "Welcome to Follow-Up Coach")
    text = visible_text(view)
    assert "/interview log Initrode | Data Engineer" in text
    assert "Times are Sydney time" in text
    assert "Thank-you notes due" not in text
    assert "Log an interview" in text
    assert view["type"] == "home"


def test_home_names_interviews_interviewers_and_whats_next(bot: Bot) -> None:
    bot.slack.command(DANA, JUST_HAD)
    bot.slack.command(DANA, LOG_TEXT.replace("Initrode", "Globex"))
    bot.slack.open_home(DANA)

    view = home_showing(bot, DANA, "Thank-you notes due", "Globex")
    text = visible_text(view)
    assert "Maria Lopez* (Director)" in text
    assert "Sanjay Rao" in text
    # Only the interview that took place is waiting, and only its people are due thanks.
    assert "Waiting to hear back" in text
    assert "#1 *Initrode* — Data Engineer · today · Maria Lopez, Sanjay Rao" in text
    assert "#2 *Globex*" in text
    assert "*Thank-you notes* · Wed, Dec 2 at 9:00 AM" in text
    assert "*Thank-you notes* · Thu, Dec 3 at 12:00 PM" in text
    assert "2 interviews" in text
    assert "Times are Chicago time" in text
    marks = [e for b in view["blocks"] if (e := b.get("accessory")) and e.get("type") == "button"]
    assert [m["action_id"] for m in marks] == [ids.HOME_MARK_SENT, ids.HOME_MARK_SENT]


def test_user_text_on_home_is_escaped(bot: Bot) -> None:
    bot.slack.command(DANA, "log AT&T <!channel> | SRE <@U0LEE0001> | today 7am | Ann Lee")

    view = home_showing(bot, DANA, "AT&amp;T")
    raw = json.dumps(view)
    assert "&lt;!channel&gt;" in raw
    assert "<!channel>" not in raw
    assert "<@U0LEE0001>" not in raw


def test_mark_sent_on_home_thanks_that_person_and_updates_the_dm(bot: Bot) -> None:
    bot.slack.command(DANA, JUST_HAD)
    bot.runtime.dispatcher.poll()
    [prompt_message] = eventually(lambda: bot.fake.dm_messages(DANA))
    assert "Mark sent" in visible_text(prompt_message)
    with bot.sessions() as session:
        maria = session.scalars(select(Interviewer).where(Interviewer.name == "Maria Lopez")).one()
    bot.slack.open_home(DANA)
    view = home_showing(bot, DANA, "Maria Lopez")

    clicked = bot.slack.click(DANA, action_id=ids.HOME_MARK_SENT, value=str(maria.id), view=view)

    assert clicked.status == 200
    home_showing(bot, DANA, "Sanjay Rao", absent=("Maria Lopez* (Director)",))
    with bot.sessions() as session:
        assert session.get(Interviewer, maria.id).thanked_at == bot.clock()
    updated = eventually(
        lambda: "Thank-you sent" in visible_text(bot.fake.dm_messages(DANA)[0]) or None
    )
    assert updated


def test_snooze_on_home_pushes_the_prompt_back_a_day(bot: Bot) -> None:
    bot.slack.command(DANA, LOG_TEXT)
    view = home_showing(bot, DANA, "Thu, Dec 3 at 12:00 PM")
    thank_you = pending(bot, PromptKind.THANK_YOU)
    assert thank_you is not None

    bot.slack.click(DANA, action_id=ids.HOME_SNOOZE, value=str(thank_you.id), view=view)

    # A snoozed thank-you comes back a day later as a reminder naming those not yet thanked.
    home_showing(bot, DANA, "*Reminder: thank-you notes* · Fri, Dec 4 at 12:00 PM")
    assert pending(bot, PromptKind.THANK_YOU) is None
    nudge = pending(bot, PromptKind.NUDGE)
    assert nudge is not None
    assert nudge.due_at == datetime(2026, 12, 4, 18, 0, tzinfo=UTC)


def test_skip_thank_you_is_never_sent_and_stays_skipped(bot: Bot) -> None:
    bot.slack.command(DANA, LOG_TEXT)
    view = home_showing(bot, DANA, "Thu, Dec 3 at 12:00 PM")
    thank_you = pending(bot, PromptKind.THANK_YOU)
    assert thank_you is not None

    bot.slack.click(DANA, action_id=ids.HOME_SKIP, value=str(thank_you.id), view=view)

    # As if it had gone out on time: one reminder the next morning for whoever isn't thanked.
    home_showing(bot, DANA, "*Reminder: thank-you notes* · Fri, Dec 4 at 9:00 AM")
    with bot.sessions() as session:
        assert session.get(Prompt, thank_you.id).status == PromptStatus.SKIPPED
    bot.clock.set(datetime(2026, 12, 3, 20, 0, tzinfo=UTC))  # Thu 14:00 in Chicago
    bot.runtime.dispatcher.poll()
    assert bot.fake.dm_messages(DANA) == []
    assert pending(bot, PromptKind.THANK_YOU) is None


def test_skip_follow_up_moves_on_to_closure(bot: Bot) -> None:
    bot.slack.command(DANA, JUST_HAD)
    view = home_showing(bot, DANA, "*Follow-up* · Wed, Dec 9 at 10:00 AM")
    follow_up = pending(bot, PromptKind.FOLLOW_UP)
    assert follow_up is not None

    bot.slack.click(DANA, action_id=ids.HOME_SKIP, value=str(follow_up.id), view=view)

    view = home_showing(bot, DANA, "*Ask for closure* · Wed, Dec 16 at 10:00 AM")
    assert "*Follow-up* ·" not in visible_text(view)
    assert "0 follow-ups" in visible_text(view)  # a skip is not a follow-up sent
    assert pending(bot, PromptKind.FOLLOW_UP) is None


def test_buttons_never_touch_another_users_data(bot: Bot) -> None:
    bot.slack.command(DANA, JUST_HAD)
    with bot.sessions() as session:
        interview = session.scalars(select(Interview)).one()
        person_id = interview.interviewers[0].id
        prompt_ids = [p.id for p in interview.prompts]
    forged = [(ids.HOME_MARK_SENT, str(person_id))]
    forged += [(a, str(p)) for p in prompt_ids for a in (ids.HOME_SNOOZE, ids.HOME_SKIP)]

    for action_id, value in forged:
        button = {"type": "button", "action_id": action_id, "value": value, "text": {}}
        blocks = [{"type": "actions", "block_id": "b", "elements": [button]}]
        view = {"id": "V1", "type": "home", "blocks": blocks}
        assert bot.slack.click(MALLORY, action_id=action_id, view=view).status == 200

    eventually(lambda: bot.fake.home_view(MALLORY))
    with bot.sessions() as session:
        interview = session.scalars(select(Interview)).one()
        assert interview.snoozed_until is None
        assert interview.follow_up_done_at is None
        assert all(p.thanked_at is None for p in interview.interviewers)
        assert all(p.status == PromptStatus.PENDING for p in interview.prompts)


def test_home_is_republished_when_data_changes(bot: Bot) -> None:
    bot.slack.command(DANA, JUST_HAD)
    home_showing(bot, DANA, "Waiting to hear back", "#1 *Initrode*")

    bot.slack.command(DANA, "heard 1 withdrawn")

    view = home_showing(bot, DANA, "heard back on 1 of 1", absent=("#1 *Initrode*",))
    assert "No prompts scheduled" in visible_text(view)


def test_new_template_and_settings_buttons_open_modals(bot: Bot) -> None:
    bot.slack.open_home(LEE)
    view = home_showing(bot, LEE, "Welcome")

    # The templates listener owns this button's action, as the log listener owns OPEN_LOG.
    bot.slack.click(LEE, action_id=ids.TEMPLATE_NEW, view=view)
    assert opened_view(bot.fake)["title"]["text"] == "New template"

    bot.slack.click(LEE, action_id=ids.HOME_SETTINGS, view=view)
    settings = opened_view(bot.fake, after=1)
    assert settings["callback_id"] == ids.SETTINGS_MODAL


def test_a_home_failure_never_breaks_a_command(bot: Bot) -> None:
    bot.fake.fail_next("views.publish", status=500, times=10)

    reply = bot.slack.command(DANA, JUST_HAD)

    assert reply.status == 200
    assert "Logged #1" in reply.text
    listed = bot.slack.command(DANA, "list")
    assert "Initrode" in listed.text


def test_a_change_during_a_publish_publishes_again_afterwards_never_in_parallel() -> None:
    republisher = Republisher(workers=4)
    first_started, release, done = threading.Event(), threading.Event(), threading.Event()
    published: list[str] = []

    def slow() -> None:
        first_started.set()
        release.wait(5)
        published.append("old")

    def fresh() -> None:
        published.append("new")
        done.set()

    republisher.request("dana", slow, delay=0)
    assert first_started.wait(5)
    # Changes while the first publish is in flight: none starts alongside it.
    republisher.request("dana", fresh, delay=0)
    republisher.request("dana", fresh, delay=0)
    assert published == []
    release.set()

    assert done.wait(5)
    assert published == ["old", "new"]


def test_a_burst_of_commands_publishes_home_once(bot: Bot, monkeypatch: pytest.MonkeyPatch) -> None:
    # Room for the three commands on a busy machine, and still shown within `eventually`.
    monkeypatch.setattr(home, "OFF_SCREEN_DELAY_SECONDS", 3)
    bot.slack.open_home(DANA)
    home_showing(bot, DANA, "Welcome to Follow-Up Coach")
    before = len(bot.fake.calls("views.publish"))

    for company in ("Initrode", "Globex", "Umbrella"):
        bot.slack.command(DANA, LOG_TEXT.replace("Initrode", company))

    home_showing(bot, DANA, "Initrode", "Globex", "Umbrella")
    # Typed in a composer, so Home was not on screen: one publish for the three changes.
    assert len(bot.fake.calls("views.publish")) == before + 1


def test_opening_home_right_after_a_command_shows_the_change_at_once(
    bot: Bot, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A delay no test waits out: Home can only show up through opening the tab.
    monkeypatch.setattr(home, "OFF_SCREEN_DELAY_SECONDS", 3600)
    bot.slack.command(DANA, LOG_TEXT)
    bot.slack.open_home(DANA)

    view = eventually(lambda: bot.fake.home_view(DANA))

    assert view is not None, "Home waited for the delay meant for changes made elsewhere"
    assert "Initrode" in visible_text(view)


def test_a_stopped_app_drops_queued_publishes() -> None:
    republisher = Republisher(workers=1)
    ran: list[str] = []
    republisher.request("dana", lambda: ran.append("dana"), delay=0.2)

    republisher.close()
    republisher.request("lee", lambda: ran.append("lee"), delay=0)

    assert not eventually(lambda: ran, within=0.4)


def test_a_job_not_ready_yet_runs_again_when_it_said_unless_a_newer_one_comes() -> None:
    republisher = Republisher(workers=2)
    runs: list[str] = []

    def not_yet() -> float | None:
        runs.append("waiting")
        return 0.05 if len(runs) < 3 else None

    republisher.request("dana", not_yet, delay=0)
    assert eventually(lambda: len(runs) == 3, within=2)

    def much_later() -> float:
        runs.append("lee: not yet")
        return 3600

    republisher.request("lee", much_later, delay=0)
    assert eventually(lambda: "lee: not yet" in runs, within=2)
    republisher.request("lee", lambda: runs.append("lee: newer"), delay=0.01)
    assert eventually(lambda: "lee: newer" in runs, within=2)
    republisher.close()


def test_of_two_requests_the_more_urgent_ones_job_runs() -> None:
    republisher = Republisher(workers=1)
    ran: list[str] = []
    republisher.request("dana", lambda: ran.append("on screen"), delay=0.1)
    republisher.request("dana", lambda: ran.append("off screen"), delay=3600)

    assert eventually(lambda: ran, within=2) == ["on screen"]
    republisher.close()


def test_off_screen_publishes_keep_within_the_workspace_budget(
    fake_slack: FakeSlack, database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # One off-screen publish a second for this workspace; Slack here refuses two at once.
    monkeypatch.setattr(home, "OFF_SCREEN_DELAY_SECONDS", 0.05)
    fake_slack.add_user("U0KIM0001", name="kim", real_name="Kim Ito", tz="America/Chicago")
    settings = make_settings(fake_slack, database_url, SLACK_TIER4_PER_MINUTE="120")
    with running_bot(fake_slack, settings, forget_start=True) as bot:
        users = (DANA, LEE, MALLORY, "U0KIM0001")
        for user in users:
            bot.slack.command(user, "list")  # their profiles are read first (users.info)
        fake_slack.limits = Limiter(SlackLimits(tier4_per_minute=90, burst_seconds=0.5))

        for user, company in zip(users, ("Initrode", "Globex", "Umbrella", "Hooli"), strict=True):
            assert (
                "Logged #1" in bot.slack.command(user, LOG_TEXT.replace("Initrode", company)).text
            )

        for user, company in zip(users, ("Initrode", "Globex", "Umbrella", "Hooli"), strict=True):
            home_showing(bot, user, company)
        assert fake_slack.limits.refused[(fake_slack.team_id, "views.publish")] == 0
