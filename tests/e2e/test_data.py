"""`/interview stats`, `export` and `forget`; uninstalling the app."""

from __future__ import annotations

import csv
import io
import logging
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from slackbot import listeners
from slackbot.blocks import ids
from slackbot.db import SessionFactory, transaction
from slackbot.listeners import uninstall
from slackbot.models import (
    Interview,
    Interviewer,
    Prompt,
    SharedTemplate,
    Template,
    TemplateSave,
    UserSettings,
)
from slackbot.sandbox.answers import visible_text
from tests.conftest import START, TEAM, Bot
from tests.e2e.helpers import LOG_TEXT, eventually, last_response
from tests.e2e.test_home import home_showing

DANA = "U0DANA001"
MALLORY = "U0MALLORY"
FORMULA = '=HYPERLINK("http://x","y")'


def rows_of(sessions: SessionFactory, model: type, user: str | None = None) -> int:
    with sessions() as session:
        query = select(func.count()).select_from(model)
        if user is not None:
            query = query.where(model.user_id == user)  # type: ignore[attr-defined]
        return int(session.scalar(query) or 0)


def interviewer_id(bot: Bot, name: str) -> int:
    with bot.sessions() as session:
        return session.scalars(select(Interviewer.id).where(Interviewer.name == name)).one()


def mark_sent_on_home(bot: Bot, user: str, name: str) -> None:
    view = home_showing(bot, user, name)
    bot.slack.click(
        user, action_id=ids.HOME_MARK_SENT, value=str(interviewer_id(bot, name)), view=view
    )
    home_showing(bot, user, "Thank-you notes due", absent=(f"*{name}*",))


# -- stats ---------------------------------------------------------------------------------------


def test_stats_match_a_seeded_history(bot: Bot) -> None:
    bot.slack.command(DANA, "log Initrode | Data Engineer | today 7am | Maria Lopez, Sanjay Rao")
    bot.slack.command(DANA, "log Globex | SRE | 2026-11-30 10:00 | Hank Scorpio")
    bot.slack.command(DANA, "log Umbrella | QA | tomorrow 10:00 | Alice Wong")
    bot.slack.command(MALLORY, "log Initech | PM | today 7am | Bill Lumbergh")
    bot.slack.command(MALLORY, "heard initech offer")
    # Wed 09:00: Maria thanked an hour after the interview, Hank two days after his.
    mark_sent_on_home(bot, DANA, "Maria Lopez")
    mark_sent_on_home(bot, DANA, "Hank Scorpio")
    bot.slack.command(DANA, "heard 2 rejected")  # 46 hours after Globex ended
    bot.clock.advance(timedelta(days=3))
    bot.slack.command(DANA, "heard 1 offer")  # 73 hours after Initrode ended

    text = bot.slack.command(DANA, "stats").text

    assert "Interviews logged: 3" in text
    assert "2 of 4 interviewers, 1 within 24 hours of the interview (50% of those sent)" in text
    assert "Follow-ups sent: 0" in text
    assert "Heard back: 2 of 3 interviews (67%), median 2.5 days after the interview" in text
    assert "1 offer · 1 rejected" in text
    bot.slack.open_home(DANA)
    home_showing(bot, DANA, "*Your numbers:* 3 interviews · 2 of 4 interviewers thanked (50%")


def test_stats_for_someone_new(bot: Bot) -> None:
    assert "No numbers yet" in bot.slack.command(DANA, "stats").text


# -- export --------------------------------------------------------------------------------------


def test_export_holds_every_row_of_mine_and_none_of_anyone_elses(bot: Bot) -> None:
    bot.slack.command(DANA, f"log {FORMULA} | Analyst | today 7am | Maria Lopez, @Sanjay Rao")
    bot.slack.command(DANA, LOG_TEXT.replace("Initrode", "Globex"))
    bot.slack.command(DANA, "heard globex rejected")
    bot.slack.command(MALLORY, "log Umbrella | QA | today 7am | Albert Wesker")

    reply = bot.slack.command(DANA, "export")

    assert reply.status == 200
    done = visible_text(last_response(bot.fake, reply.response_url))
    assert "I've sent your export to our DM" in done
    [upload] = eventually(lambda: [f for f in bot.fake.files() if "content" in f])
    assert upload["channel_id"] == bot.fake.dm_channel(DANA)
    content = upload["content"].decode("utf-8-sig")
    table = list(csv.DictReader(io.StringIO(content)))
    records = [r["record"] for r in table]
    assert records.count("interview") == rows_of(bot.sessions, Interview, DANA) == 2
    with bot.sessions() as session:
        people = session.scalar(
            select(func.count())
            .select_from(Interviewer)
            .join(Interview)
            .where(Interview.user_id == DANA)
        )
    assert records.count("interviewer") == people == 4
    assert records.count("prompt") == rows_of(bot.sessions, Prompt, DANA)
    assert "Umbrella" not in content
    assert "Wesker" not in content
    assert {r["company"] for r in table} == {"'" + FORMULA, "Globex"}
    assert "'@Sanjay Rao" in {r["interviewer"] for r in table}
    assert "rejected" in {r["outcome"] for r in table}


def test_a_failed_upload_is_explained(bot: Bot) -> None:
    bot.slack.command(DANA, LOG_TEXT)
    bot.fake.fail_next("files.getUploadURLExternal", error="not_allowed_token_type")

    reply = bot.slack.command(DANA, "export")

    text = visible_text(last_response(bot.fake, reply.response_url))
    assert "couldn't send your export (not_allowed_token_type)" in text


# -- forget --------------------------------------------------------------------------------------


def seed_templates(sessions: SessionFactory) -> None:
    """Dana shared a template Mallory saved; Dana saved one of Mallory's; each has their own."""
    stamp = {"created_at": START}
    with transaction(sessions) as session:
        mine = SharedTemplate(
            team_id=TEAM,
            author_user_id=DANA,
            name="warm",
            kind="thank_you",
            body="Hi",
            save_count=1,
            **stamp,
        )
        theirs = SharedTemplate(
            team_id=TEAM,
            author_user_id=MALLORY,
            name="brief",
            kind="thank_you",
            body="Yo",
            save_count=1,
            **stamp,
        )
        session.add_all([mine, theirs])
        session.flush()
        session.add_all([
            Template(
                team_id=TEAM, user_id=DANA, name="mine", kind="thank_you", body="x",
                author_user_id=DANA, updated_at=START, **stamp,
            ),
            Template(
                team_id=TEAM, user_id=MALLORY, name="warm", kind="thank_you", body="Hi",
                author_user_id=DANA, shared_from_id=mine.id, updated_at=START, **stamp,
            ),
            TemplateSave(shared_id=mine.id, team_id=TEAM, user_id=MALLORY, **stamp),
            TemplateSave(shared_id=theirs.id, team_id=TEAM, user_id=DANA, **stamp),
        ])  # fmt: skip


def test_forget_deletes_all_my_rows_after_confirming_and_no_prompt_arrives(bot: Bot) -> None:
    bot.slack.command(DANA, LOG_TEXT)
    bot.slack.command(DANA, "log Globex | SRE | today 7am | Hank Scorpio")
    bot.slack.command(MALLORY, "log Umbrella | QA | today 7am | Albert Wesker")
    seed_templates(bot.sessions)

    asked = bot.slack.command(DANA, "forget")
    assert "Delete everything" in asked.text
    assert rows_of(bot.sessions, Interview, DANA) == 2  # nothing happens before confirming
    done = bot.slack.click(
        DANA, action_id=ids.DATA_FORGET_CONFIRM, ephemeral_blocks=asked.json()["blocks"]
    )

    text = visible_text(last_response(bot.fake, done.response_url))
    assert "deleted everything" in text
    assert "stay in Slack" in text
    for model in (Interview, Prompt, Template, TemplateSave, UserSettings):
        assert rows_of(bot.sessions, model, DANA) == 0, model
    with bot.sessions() as session:
        assert session.scalar(select(func.count()).select_from(Interviewer).join(Interview)) == 1
        shared = session.scalars(select(SharedTemplate)).one()
        assert (shared.author_user_id, shared.save_count) == (MALLORY, 0)
        copy = session.scalars(select(Template)).one()
        assert (copy.user_id, copy.author_user_id, copy.shared_from_id) == (MALLORY, None, None)
    home_showing(bot, DANA, "Welcome to Follow-Up Coach")
    assert "no open interviews" in bot.slack.command(DANA, "list").text

    bot.clock.advance(timedelta(days=30))
    bot.runtime.dispatcher.poll()
    assert bot.fake.dm_messages(DANA) == []
    assert bot.fake.dm_messages(MALLORY)


def test_keeping_my_data_deletes_nothing(bot: Bot) -> None:
    bot.slack.command(DANA, LOG_TEXT)
    asked = bot.slack.command(DANA, "forget")

    kept = bot.slack.click(
        DANA, action_id=ids.DATA_FORGET_KEEP, ephemeral_blocks=asked.json()["blocks"]
    )

    assert "Nothing was deleted" in visible_text(last_response(bot.fake, kept.response_url))
    assert rows_of(bot.sessions, Interview, DANA) == 1


# -- uninstall -----------------------------------------------------------------------------------


def wire_uninstall(bot: Bot) -> None:
    # Until listeners/__init__.py registers the uninstall listeners, the test does it.
    if "uninstall" not in listeners.register.__code__.co_names:
        uninstall.register(bot.runtime.app)


def test_uninstalling_deletes_the_workspace_and_no_prompt_arrives(bot: Bot) -> None:
    wire_uninstall(bot)
    bot.slack.command(DANA, LOG_TEXT)
    bot.slack.command(MALLORY, "log Umbrella | QA | today 7am | Albert Wesker")
    seed_templates(bot.sessions)

    assert bot.slack.event({"type": "app_uninstalled"}).status == 200

    models = (Interview, Interviewer, Prompt, Template, SharedTemplate, TemplateSave, UserSettings)
    assert eventually(lambda: all(rows_of(bot.sessions, m) == 0 for m in models))
    bot.clock.advance(timedelta(days=30))
    bot.runtime.dispatcher.poll()
    assert bot.fake.dm_messages(DANA) == []
    assert bot.fake.dm_messages(MALLORY) == []


def test_only_revoking_the_bot_token_deletes_data(
    bot: Bot, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger=uninstall.__name__)
    wire_uninstall(bot)
    bot.slack.command(DANA, LOG_TEXT)

    bot.slack.event({"type": "tokens_revoked", "tokens": {"oauth": [DANA], "bot": []}})
    assert eventually(lambda: "only user tokens were revoked" in caplog.text)
    assert rows_of(bot.sessions, Interview) == 1

    bot.slack.event({"type": "tokens_revoked", "tokens": {"oauth": [], "bot": ["U0BOT0001"]}})
    assert eventually(lambda: rows_of(bot.sessions, Interview) == 0)
