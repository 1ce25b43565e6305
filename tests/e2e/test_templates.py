"""Templates: write, share in a channel, save, use as default, and the message shortcut."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import func, select

from slackbot.blocks import ids
from slackbot.domain.templates import BUILTINS, TemplateKind, template_for
from slackbot.models import SharedTemplate, Template
from slackbot.sandbox import SlackSender
from slackbot.sandbox.answers import visible_text
from tests.conftest import SIGNING_SECRET, TEAM, Bot
from tests.e2e.helpers import eventually, last_response, opened_view, slack_held

DANA = "U0DANA001"
LEE = "U0LEE0001"
MALLORY = "U0MALLORY"
JOBS = "C0JOBS001"
NAME = "Short and sincere"
BODY = (
    "Hi {first_name},\n\n"
    "Thank you for walking me through {topic} — it made the role feel real.\n\n"
    "{my_name}"
)


def write_template(
    bot: Bot, user: str, *, name: str = NAME, body: str = BODY, kind: str = "thank-you"
) -> Any:
    """Fill in and submit the modal `template new` opens; returns the submission's reply."""
    before = len(bot.fake.opened_views())
    bot.slack.command(user, "template new")
    view = opened_view(bot.fake, after=before)
    return bot.slack.submit(
        user, view, {ids.TPL_F_NAME: name, ids.TPL_F_KIND: kind, ids.TPL_F_BODY: body}
    )


def channel_message(reply_body: dict[str, Any], ts: str = "1796223600.000100") -> dict[str, Any]:
    """The in-channel reply as it sits in #job-search, ready to be clicked."""
    return {**reply_body, "type": "message", "channel": JOBS, "ts": ts, "user": DANA}


def templates_of(bot: Bot, user: str) -> list[Template]:
    with bot.sessions() as session:
        return list(session.scalars(select(Template).where(Template.user_id == user)))


def count_templates(bot: Bot) -> int:
    with bot.sessions() as session:
        return int(session.scalar(select(func.count()).select_from(Template)) or 0)


def test_dana_shares_and_lee_saves_it_once(bot: Bot) -> None:
    submitted = write_template(bot, DANA)
    assert submitted.status == 200
    assert submitted.body == ""  # the modal closes

    with slack_held(bot.fake) as order:
        shared = bot.slack.command(DANA, f"template share {NAME}", channel_id=JOBS)
        order.append("answered")
    assert order[0] == "answered"  # the acknowledgement waited on no call to Slack
    assert shared.status == 200
    post = shared.json()
    assert post["response_type"] == "in_channel"
    text = shared.text
    assert f"<@{DANA}> shared a thank-you template: *{NAME}*" in text
    assert "Hi {first_name}," in text
    assert "{topic}" in text
    assert "Save to my templates" in text

    saved = bot.slack.click(LEE, action_id=ids.TPL_SAVE_SHARED, message=channel_message(post))
    assert saved.status == 200
    update = last_response(bot.fake, saved.response_url)
    assert update["replace_original"] is True
    assert update["response_type"] == "in_channel"
    assert "Saved by 1 person" in visible_text(update)
    assert "Hi {first_name}," in visible_text(update)

    note = eventually(lambda: bot.fake.dm_messages(LEE))
    assert f"Saved *{NAME}* to your templates" in visible_text(note[-1])

    listed = bot.slack.command(LEE, "templates").text
    assert NAME in listed
    assert f"from <@{DANA}>" in listed

    again = bot.slack.click(LEE, action_id=ids.TPL_SAVE_SHARED, message=channel_message(update))
    assert "Saved by 1 person" in visible_text(last_response(bot.fake, again.response_url))
    assert len(templates_of(bot, LEE)) == 1
    with bot.sessions() as session:
        assert session.scalars(select(SharedTemplate)).one().save_count == 1

    popular = bot.slack.command(MALLORY, "templates popular")
    assert NAME in popular.text
    assert "Saved by 1 person" in popular.text
    assert f"by <@{DANA}>" in popular.text


def test_a_second_saver_is_counted_and_the_post_says_people(bot: Bot) -> None:
    write_template(bot, DANA)
    post = bot.slack.command(DANA, f"template share {NAME}").json()

    first = bot.slack.click(LEE, action_id=ids.TPL_SAVE_SHARED, message=channel_message(post))
    update = last_response(bot.fake, first.response_url)
    second = bot.slack.click(
        MALLORY, action_id=ids.TPL_SAVE_SHARED, message=channel_message(update)
    )

    assert "Saved by 2 people" in visible_text(last_response(bot.fake, second.response_url))
    assert [t.author_user_id for t in templates_of(bot, MALLORY)] == [DANA]


def test_saving_from_the_popular_list_confirms_beneath_it(bot: Bot) -> None:
    write_template(bot, DANA)
    bot.slack.command(DANA, f"template share {NAME}")
    popular = bot.slack.command(LEE, "templates popular").json()

    clicked = bot.slack.click(
        LEE, action_id=ids.TPL_SAVE_POPULAR, ephemeral_blocks=popular["blocks"]
    )

    reply = last_response(bot.fake, clicked.response_url)
    assert reply["replace_original"] is False
    assert reply["response_type"] == "ephemeral"
    assert f"Saved *{NAME}*" in visible_text(reply)
    assert [t.name for t in templates_of(bot, LEE)] == [NAME]


def test_a_name_clash_gets_a_suffix(bot: Bot) -> None:
    write_template(bot, DANA)
    write_template(bot, LEE, name=NAME.upper(), body="Thanks, {first_name}!")
    post = bot.slack.command(DANA, f"template share {NAME}").json()

    bot.slack.click(LEE, action_id=ids.TPL_SAVE_SHARED, message=channel_message(post))

    saved = eventually(lambda: len(templates_of(bot, LEE)) == 2)
    assert saved
    assert {t.name for t in templates_of(bot, LEE)} == {f"{NAME} (2)", NAME.upper()}


def test_the_author_saving_their_own_share_changes_nothing(bot: Bot) -> None:
    write_template(bot, DANA)
    post = bot.slack.command(DANA, f"template share {NAME}").json()

    clicked = bot.slack.click(DANA, action_id=ids.TPL_SAVE_SHARED, message=channel_message(post))

    assert "Not saved yet" in visible_text(last_response(bot.fake, clicked.response_url))
    assert len(templates_of(bot, DANA)) == 1


def test_a_click_from_another_workspace_saves_nothing(bot: Bot) -> None:
    write_template(bot, DANA)
    post = bot.slack.command(DANA, f"template share {NAME}").json()
    outsider = SlackSender(bot.slack.url, SIGNING_SECRET, fake=bot.fake, team_id="T0OTHER01")

    clicked = outsider.click(LEE, action_id=ids.TPL_SAVE_SHARED, message=channel_message(post))

    reply = last_response(bot.fake, clicked.response_url)
    assert not reply.get("replace_original")
    assert "isn't installed in this workspace" in visible_text(reply)
    assert templates_of(bot, LEE) == []
    with bot.sessions() as session:
        assert session.scalars(select(SharedTemplate)).one().save_count == 0


def test_a_mass_mention_in_a_body_never_fires(bot: Bot) -> None:
    body = "Hi {first_name} <!channel> <!here> <@U0LEE0001> & thanks"
    write_template(bot, DANA, name="Loud <!everyone>", body=body)
    with bot.sessions() as session:
        assert session.scalars(select(Template)).one().body == body

    shared = bot.slack.command(DANA, "template share Loud <!everyone>")
    saved = bot.slack.click(
        LEE, action_id=ids.TPL_SAVE_SHARED, message=channel_message(shared.json())
    )
    update = last_response(bot.fake, saved.response_url)
    listed = bot.slack.command(LEE, "templates")

    assert "&lt;!channel&gt; &lt;!here&gt; &lt;@U0LEE0001&gt; &amp; thanks" in shared.body
    for raw in (shared.body, str(update), listed.body, str(bot.fake.dm_messages(LEE))):
        for mention in ("<!channel>", "<!here>", "<!everyone>", "<@U0LEE0001>"):
            assert mention not in raw


def test_an_unknown_placeholder_is_refused_inline(bot: Bot) -> None:
    reply = write_template(bot, DANA, body="Hi {first_name}, about {nonsense}…")

    body = reply.json()
    assert body["response_action"] == "errors"
    assert "{nonsense}" in body["errors"][ids.TPL_F_BODY]
    assert count_templates(bot) == 0


@pytest.mark.parametrize(
    ("name", "body", "block"),
    [
        ("Thank-You", BODY, ids.TPL_F_NAME),
        ("x" * 81, BODY, ids.TPL_F_NAME),
        ("   ", BODY, ids.TPL_F_NAME),
        (NAME, "   ", ids.TPL_F_BODY),
        (NAME, "y" * 2001, ids.TPL_F_BODY),
        (NAME, "Hi {first_name", ids.TPL_F_BODY),
    ],
)
def test_bad_fields_are_refused_inline(bot: Bot, name: str, body: str, block: str) -> None:
    reply = write_template(bot, DANA, name=name, body=body)

    assert reply.json()["response_action"] == "errors"
    assert block in reply.json()["errors"]
    assert count_templates(bot) == 0


def test_names_are_unique_per_user_ignoring_case(bot: Bot) -> None:
    write_template(bot, DANA)
    duplicate = write_template(bot, DANA, name="  short AND sincere ")
    other_user = write_template(bot, LEE)

    assert "already have" in duplicate.json()["errors"][ids.TPL_F_NAME]
    assert other_user.body == ""
    assert len(templates_of(bot, DANA)) == 1


def test_use_makes_a_saved_template_lees_default_for_drafts(bot: Bot) -> None:
    write_template(bot, DANA)
    post = bot.slack.command(DANA, f"template share {NAME}").json()
    bot.slack.click(LEE, action_id=ids.TPL_SAVE_SHARED, message=channel_message(post))
    eventually(lambda: templates_of(bot, LEE))

    used = bot.slack.command(LEE, f"template use {NAME.lower()}")

    assert f"*{NAME}* is now your default thank-you template" in used.text
    with bot.sessions() as session:
        assert template_for(session, team_id=TEAM, user_id=LEE, kind=TemplateKind.THANK_YOU) == (
            NAME,
            BODY,
        )
        dana = template_for(session, team_id=TEAM, user_id=DANA, kind=TemplateKind.THANK_YOU)
        assert dana == ("thank-you", BUILTINS[TemplateKind.THANK_YOU])
    assert ":star: default" in bot.slack.command(LEE, "templates").text


def test_deleting_my_default_asks_first_then_falls_back_to_the_built_in(bot: Bot) -> None:
    write_template(bot, DANA)
    bot.slack.command(DANA, f"template use {NAME}")

    asked = bot.slack.command(DANA, f"template delete {NAME}")
    assert "Delete your template" in asked.text
    assert "default" in asked.text
    assert len(templates_of(bot, DANA)) == 1

    done = bot.slack.click(
        DANA, action_id=ids.TPL_DELETE_CONFIRM, ephemeral_blocks=asked.json()["blocks"]
    )
    text = visible_text(last_response(bot.fake, done.response_url))
    assert f"Deleted your template *{NAME}*" in text
    assert "use the built-in *thank-you* template again" in text
    assert templates_of(bot, DANA) == []
    with bot.sessions() as session:
        name, _ = template_for(session, team_id=TEAM, user_id=DANA, kind=TemplateKind.THANK_YOU)
    assert name == "thank-you"


def test_keep_it_deletes_nothing(bot: Bot) -> None:
    write_template(bot, DANA)
    asked = bot.slack.command(DANA, f"template delete {NAME}")

    kept = bot.slack.click(
        DANA, action_id=ids.TPL_DELETE_KEEP, ephemeral_blocks=asked.json()["blocks"]
    )

    assert "Nothing was deleted" in visible_text(last_response(bot.fake, kept.response_url))
    assert len(templates_of(bot, DANA)) == 1


@pytest.mark.parametrize("text", ["template edit thank-you", "template delete Closure"])
def test_built_ins_are_read_only_and_copy_is_suggested(bot: Bot, text: str) -> None:
    reply = bot.slack.command(DANA, text)

    assert "read-only" in reply.text
    assert "/interview template copy" in reply.text
    assert bot.fake.calls("views.open") == []


def test_use_of_a_built_in_name_goes_back_to_it_and_explains(bot: Bot) -> None:
    write_template(bot, DANA)
    bot.slack.command(DANA, f"template use {NAME}")

    reply = bot.slack.command(DANA, "template use thank-you")

    assert "built-in *thank-you* template again" in reply.text
    assert "read-only" in reply.text
    with bot.sessions() as session:
        name, _ = template_for(session, team_id=TEAM, user_id=DANA, kind=TemplateKind.THANK_YOU)
    assert name == "thank-you"


def test_copy_of_a_built_in_opens_it_prefilled_and_saves_mine(bot: Bot) -> None:
    bot.slack.command(DANA, "template copy follow-up")
    view = opened_view(bot.fake)
    inputs = {b["block_id"]: b["element"] for b in view["blocks"] if b["type"] == "input"}
    assert inputs[ids.TPL_F_NAME]["initial_value"] == "My follow-up"
    assert inputs[ids.TPL_F_KIND]["initial_option"]["value"] == "follow-up"
    assert inputs[ids.TPL_F_BODY]["initial_value"] == BUILTINS[TemplateKind.FOLLOW_UP]

    bot.slack.submit(DANA, view)

    [mine] = templates_of(bot, DANA)
    assert (mine.name, mine.kind) == ("My follow-up", "follow-up")


def test_edit_opens_my_template_and_saves_changes_in_place(bot: Bot) -> None:
    write_template(bot, DANA)
    before = len(bot.fake.opened_views())
    opened = bot.slack.command(DANA, f"template edit {NAME}")
    view = opened_view(bot.fake, after=before)
    assert view["title"]["text"] == "Edit template"

    reply = bot.slack.submit(DANA, view, {ids.TPL_F_BODY: "Thanks, {first_name}!"})

    assert reply.body == ""
    [mine] = templates_of(bot, DANA)
    assert (mine.name, mine.body) == (NAME, "Thanks, {first_name}!")
    assert "Updated your thank-you template" in visible_text(
        last_response(bot.fake, opened.response_url)
    )


def test_templates_lists_mine_and_the_built_ins(bot: Bot) -> None:
    write_template(bot, DANA, kind="closure", name="Graceful exit", body="Hi {first_name}.")

    text = bot.slack.command(DANA, "templates").text

    assert "*Graceful exit* · closure" in text
    for kind in TemplateKind:
        assert f"*{kind.value}*" in text
    assert "read-only" in text


@pytest.mark.parametrize(
    "text",
    [
        "template",
        "template frobnicate",
        "template edit",
        "template edit nope",
        "template share nope",
        "template share thank-you",
        "template use",
        "template delete <!channel>",
        "templates bogus",
    ],
)
def test_bad_template_commands_get_a_clear_answer_and_store_nothing(bot: Bot, text: str) -> None:
    reply = bot.slack.command(DANA, text)

    assert reply.status == 200
    assert reply.json()["response_type"] == "ephemeral"
    assert ":warning:" in reply.text
    assert "For example" in reply.text
    assert "<!channel>" not in reply.body
    assert count_templates(bot) == 0
    with bot.sessions() as session:
        assert session.scalar(select(func.count()).select_from(SharedTemplate)) == 0
    assert bot.fake.calls("views.open") == []


def test_the_shortcut_turns_a_message_into_readable_template_text(bot: Bot) -> None:
    message = {
        "type": "message",
        "user": DANA,
        "ts": "1796223600.000200",
        "text": "Thanks <@U0LEE0001> for {topic}! Notes: <https://example.com/notes|our notes> "
        "&amp; <https://example.com/> — write <mailto:hr@initrode.example|hr@initrode.example> "
        "in <#C0JOBS001|job-search> &lt;3 <!here>",
    }

    sent = bot.slack.message_shortcut(
        LEE, callback_id="save_as_template", message=message, channel_id=JOBS
    )

    assert sent.status == 200
    view = opened_view(bot.fake)
    assert view["title"]["text"] == "Save as template"
    body = next(b for b in view["blocks"] if b["block_id"] == ids.TPL_F_BODY)
    assert body["element"]["initial_value"] == (
        "Thanks @lee for {topic}! Notes: our notes (https://example.com/notes) & "
        "https://example.com/ — write hr@initrode.example in #job-search <3 @here"
    )

    saved = bot.slack.submit(LEE, view, {ids.TPL_F_NAME: "From the channel"})
    assert saved.body == ""
    [mine] = templates_of(bot, LEE)
    assert mine.body.startswith("Thanks @lee for {topic}!")


def test_the_shortcut_keeps_an_unknown_user_as_their_id(bot: Bot) -> None:
    message = {"type": "message", "user": DANA, "ts": "1.2", "text": "Ask <@U0NOBODY1> first"}

    bot.slack.message_shortcut(
        LEE, callback_id="save_as_template", message=message, channel_id=JOBS
    )

    body = next(b for b in opened_view(bot.fake)["blocks"] if b["block_id"] == ids.TPL_F_BODY)
    assert body["element"]["initial_value"] == "Ask @U0NOBODY1 first"


def test_the_list_menu_edits_makes_default_and_deletes(bot: Bot) -> None:
    write_template(bot, DANA)
    [mine] = templates_of(bot, DANA)
    blocks = bot.slack.command(DANA, "templates").json()["blocks"]

    used = bot.slack.click(
        DANA, action_id=ids.TPL_MENU, value=f"use:{mine.id}", ephemeral_blocks=blocks
    )
    assert "is now your default" in visible_text(last_response(bot.fake, used.response_url))

    asked = bot.slack.click(
        DANA, action_id=ids.TPL_MENU, value=f"delete:{mine.id}", ephemeral_blocks=blocks
    )
    assert "Delete your template" in visible_text(last_response(bot.fake, asked.response_url))

    bot.slack.click(DANA, action_id=ids.TPL_MENU, value=f"edit:{mine.id}", ephemeral_blocks=blocks)
    assert opened_view(bot.fake, after=1)["title"]["text"] == "Edit template"


def test_the_menu_refuses_someone_elses_template(bot: Bot) -> None:
    write_template(bot, DANA)
    [dana_s] = templates_of(bot, DANA)
    menu = {
        "type": "overflow",
        "action_id": ids.TPL_MENU,
        "options": [
            {"text": {"type": "plain_text", "text": "Make default"}, "value": f"use:{dana_s.id}"}
        ],
    }
    forged = [
        {
            "type": "section",
            "block_id": "b",
            "text": {"type": "mrkdwn", "text": "x"},
            "accessory": menu,
        }
    ]

    clicked = bot.slack.click(LEE, action_id=ids.TPL_MENU, ephemeral_blocks=forged)

    assert "isn't yours" in visible_text(last_response(bot.fake, clicked.response_url))
    with bot.sessions() as session:
        name, _ = template_for(session, team_id=TEAM, user_id=LEE, kind=TemplateKind.THANK_YOU)
    assert name == "thank-you"


def test_the_savers_note_offers_to_make_it_the_default(bot: Bot) -> None:
    write_template(bot, DANA)
    post = bot.slack.command(DANA, f"template share {NAME}").json()
    bot.slack.click(LEE, action_id=ids.TPL_SAVE_SHARED, message=channel_message(post))
    [note] = eventually(lambda: bot.fake.dm_messages(LEE))

    clicked = bot.slack.click(LEE, action_id=ids.TPL_USE, message=note)

    reply = last_response(bot.fake, clicked.response_url)
    assert reply["replace_original"] is True
    assert f"*{NAME}* is now your default" in visible_text(reply)
    with bot.sessions() as session:
        name, _ = template_for(session, team_id=TEAM, user_id=LEE, kind=TemplateKind.THANK_YOU)
    assert name == NAME


def test_new_template_and_copy_buttons_open_the_modal(bot: Bot) -> None:
    blocks = bot.slack.command(DANA, "templates").json()["blocks"]

    bot.slack.click(DANA, action_id=ids.TEMPLATE_NEW, ephemeral_blocks=blocks)
    assert opened_view(bot.fake)["title"]["text"] == "New template"

    bot.slack.click(DANA, action_id=ids.TPL_COPY_BUILTIN, value="closure", ephemeral_blocks=blocks)
    copy = opened_view(bot.fake, after=1)
    inputs = {b["block_id"]: b["element"] for b in copy["blocks"] if b["type"] == "input"}
    assert inputs[ids.TPL_F_BODY]["initial_value"] == BUILTINS[TemplateKind.CLOSURE]
