"""`/interview log`, list, edit, cancel and heard — through the real app over HTTP."""

from __future__ import annotations

from sqlalchemy import select

from slackbot.blocks import ids
from slackbot.models import Interview, Prompt, PromptStatus
from slackbot.sandbox.answers import visible_text
from tests.conftest import Bot
from tests.e2e.helpers import (
    LOG_TEXT,
    count_interviews,
    last_response,
    opened_view,
    slack_held,
)

DANA = "U0DANA001"
MALLORY = "U0MALLORY"


def test_text_log_names_each_interviewer_and_the_resolved_time(bot: Bot) -> None:
    with slack_held(bot.fake) as order:
        reply = bot.slack.command(DANA, LOG_TEXT)
        order.append("answered")

    assert order[0] == "answered"  # the acknowledgement waited on no call to Slack
    assert reply.status == 200
    text = reply.text
    assert "Maria Lopez" in text
    assert "Director" in text
    assert "Sanjay Rao" in text
    assert "sanjay@initrode.example" in text
    # Now is Wed Dec 2, 09:00 in Chicago: "tomorrow 10:00" is Thursday.
    assert "Thu, Dec 3 at 10:00 AM" in text
    assert "Thu, Dec 3 at 10:00 AM (Chicago time)" in text
    assert "thank-you notes tomorrow at 12:00 PM" in text
    assert count_interviews(bot.sessions) == 1


def test_a_past_interviews_confirmation_promises_no_past_time(bot: Bot) -> None:
    # Now is Wed Dec 2, 09:00 in Chicago; the interview ended at 07:00, its thank-you was due
    # at 08:00: that DM comes now, never "at 8:00 AM" already gone.
    reply = bot.slack.command(DANA, "log Initrode | Data Engineer | today 6am | Maria Lopez")

    assert "I'll DM you about thank-you notes now." in reply.text
    assert "8:00 AM" not in reply.text


def test_text_log_understands_slack_link_markup_for_emails(bot: Bot) -> None:
    text = (
        "log Initrode | Data Engineer | tomorrow 10:00 | "
        "Sanjay Rao &lt;<mailto:sanjay@initrode.example|sanjay@initrode.example>&gt;"
    )
    reply = bot.slack.command(DANA, text, raw=True)

    assert "Sanjay Rao" in reply.text
    with bot.sessions() as session:
        interview = session.scalars(select(Interview)).one()
        assert interview.interviewers[0].email == "sanjay@initrode.example"


def test_company_with_ampersand_is_stored_plain_and_shown_escaped(bot: Bot) -> None:
    reply = bot.slack.command(DANA, "log AT&T <!channel> | SRE | today 3pm | Ann Lee")

    with bot.sessions() as session:
        assert session.scalars(select(Interview)).one().company == "AT&T <!channel>"
    assert "AT&amp;T &lt;!channel&gt;" in reply.body
    assert "<!channel>" not in reply.body


def test_log_alone_opens_the_modal_and_a_submission_is_listed(bot: Bot) -> None:
    opened = bot.slack.command(DANA, "log")
    assert opened.status == 200
    view = opened_view(bot.fake)
    assert view["title"]["text"] == "Log an interview"
    assert "In your time zone (Chicago time)" in visible_text(view)

    submitted = bot.slack.submit(
        DANA,
        view,
        {
            ids.F_COMPANY: "Globex",
            ids.F_ROLE: "Platform Engineer",
            ids.F_DATE: "2026-12-04",
            ids.F_TIME: "13:30",
            ids.F_INTERVIEWERS: "Hank Scorpio, CEO, hank@globex.example\nFrank Grimes",
            ids.F_FORMAT: "on-site",
        },
    )
    assert submitted.status == 200
    assert submitted.body == ""  # the modal closes
    confirmation = visible_text(last_response(bot.fake, opened.response_url))
    assert "Hank Scorpio" in confirmation
    assert "Frank Grimes" in confirmation
    assert "Fri, Dec 4 at 1:30 PM" in confirmation

    listed = bot.slack.command(DANA, "list").text
    assert "#1" in listed
    assert "Globex" in listed
    assert "Hank Scorpio" in listed
    assert "not thanked yet" in listed


def test_blank_company_comes_back_inline_and_nothing_is_stored(bot: Bot) -> None:
    bot.slack.command(DANA, "log")
    view = opened_view(bot.fake)
    reply = bot.slack.submit(
        DANA,
        view,
        {
            ids.F_COMPANY: None,
            ids.F_ROLE: "SRE",
            ids.F_TIME: "10:00",
            ids.F_INTERVIEWERS: "Ann Lee",
        },
    )

    body = reply.json()
    assert body["response_action"] == "errors"
    assert "company" in body["errors"]
    assert count_interviews(bot.sessions) == 0


def test_modal_reports_every_bad_field_inline(bot: Bot) -> None:
    bot.slack.command(DANA, "log")
    view = opened_view(bot.fake)
    reply = bot.slack.submit(
        DANA,
        view,
        {
            ids.F_COMPANY: "x" * 101,
            ids.F_ROLE: "SRE",
            ids.F_TIME: None,
            ids.F_INTERVIEWERS: "",
            ids.F_LENGTH: "forever",
        },
    )

    errors = reply.json()["errors"]
    assert set(errors) >= {ids.F_COMPANY, ids.F_TIME, ids.F_INTERVIEWERS, ids.F_LENGTH}
    assert count_interviews(bot.sessions) == 0


def test_edit_opens_a_prefilled_modal_and_reschedules(bot: Bot) -> None:
    bot.slack.command(DANA, LOG_TEXT)
    bot.slack.command(DANA, "edit #1")
    view = opened_view(bot.fake)
    assert view["title"]["text"] == "Edit interview"
    values = {b["block_id"]: b["element"] for b in view["blocks"]}
    assert values[ids.F_COMPANY]["initial_value"] == "Initrode"
    assert values[ids.F_DATE]["initial_date"] == "2026-12-03"
    assert values[ids.F_TIME]["initial_time"] == "10:00"
    assert "Sanjay Rao, sanjay@initrode.example" in values[ids.F_INTERVIEWERS]["initial_value"]

    bot.slack.submit(DANA, view, {ids.F_TIME: "15:00"})

    with bot.sessions() as session:
        prompt = session.scalars(
            select(Prompt).where(Prompt.status == PromptStatus.PENDING, Prompt.kind == "thank_you")
        ).one()
        # 15:00-16:00 Chicago, thank-you an hour after: 17:00 Chicago = 23:00 UTC.
        assert prompt.due_at.hour == 23


def test_cancel_asks_to_confirm_then_deletes(bot: Bot) -> None:
    bot.slack.command(DANA, LOG_TEXT)
    asked = bot.slack.command(DANA, "cancel 1")
    assert "Delete #1" in asked.text

    done = bot.slack.click(
        DANA, action_id=ids.CANCEL_CONFIRM, ephemeral_blocks=asked.json()["blocks"]
    )
    assert done.status == 200
    assert "Deleted #1" in visible_text(last_response(bot.fake, done.response_url))
    assert count_interviews(bot.sessions) == 0


def test_heard_with_outcome_stops_prompts(bot: Bot) -> None:
    bot.slack.command(DANA, LOG_TEXT)
    reply = bot.slack.command(DANA, "heard initrode withdrawn")

    assert "Recorded *withdrawn*" in reply.text
    with bot.sessions() as session:
        statuses = {p.status for p in session.scalars(select(Prompt))}
    assert statuses == {PromptStatus.CANCELLED}
    assert "no open interviews" in bot.slack.command(DANA, "list").text


def test_heard_without_outcome_asks_with_buttons(bot: Bot) -> None:
    bot.slack.command(DANA, LOG_TEXT)
    asked = bot.slack.command(DANA, "heard 1")
    blocks = asked.json()["blocks"]
    assert "Offer" in visible_text({"blocks": blocks})

    clicked = bot.slack.click(
        DANA, action_id=ids.HEARD_OUTCOME, value=None, ephemeral_blocks=blocks
    )
    assert clicked.status == 200
    assert "Recorded" in visible_text(last_response(bot.fake, clicked.response_url))


def test_ambiguous_company_asks_which_interview(bot: Bot) -> None:
    bot.slack.command(DANA, "log Initrode | Data Engineer | today 3pm | Maria Lopez")
    bot.slack.command(DANA, "log Initrode | Analytics Lead | tomorrow 3pm | Sanjay Rao")
    asked = bot.slack.command(DANA, "heard Initrode rejected")

    text = asked.text
    assert "Several open interviews" in text
    assert "Data Engineer" in text
    assert "Analytics Lead" in text


def test_next_round_offers_to_log_the_next_interview(bot: Bot) -> None:
    bot.slack.command(DANA, LOG_TEXT)
    reply = bot.slack.command(DANA, "heard 1 next round")
    assert "Log the next round" in reply.text

    bot.slack.click(DANA, action_id=ids.LOG_NEXT_ROUND, ephemeral_blocks=reply.json()["blocks"])
    view = opened_view(bot.fake)
    values = {b["block_id"]: b["element"] for b in view["blocks"]}
    assert values[ids.F_COMPANY]["initial_value"] == "Initrode"


# -- one user can never touch another's interviews --------------------------------------------


def test_numbers_are_per_user_and_private(bot: Bot) -> None:
    bot.slack.command(DANA, LOG_TEXT)

    assert "no open interviews" in bot.slack.command(MALLORY, "list").text
    assert "You have no interview #1" in bot.slack.command(MALLORY, "edit 1").text
    assert "You have no interview #1" in bot.slack.command(MALLORY, "cancel 1").text
    assert "You have no interview #1" in bot.slack.command(MALLORY, "heard 1 rejected").text
    assert (
        "None of your open interviews" in bot.slack.command(MALLORY, "heard Initrode rejected").text
    )
    assert bot.fake.calls("views.open") == []


def test_crafted_payloads_cannot_touch_another_users_interview(bot: Bot) -> None:
    bot.slack.command(DANA, LOG_TEXT)
    with bot.sessions() as session:
        interview = session.scalars(select(Interview)).one()
        interview_id = interview.id
        prompt_id = session.scalars(select(Prompt.id)).first()
        person_id = interview.interviewers[0].id

    forged = [
        (ids.HEARD_OUTCOME, f"{interview_id}:rejected"),
        (ids.HEARD_PICK, f"{interview_id}:withdrawn"),
        (ids.CANCEL_CONFIRM, str(interview_id)),
        (ids.MARK_SENT, f"{prompt_id}:{person_id}"),
        (ids.SNOOZE, f"{prompt_id}:3"),
        (ids.PROMPT_OUTCOME, f"{prompt_id}:rejected"),
        (ids.CLOSE_NO_RESPONSE, f"{prompt_id}:"),
        (ids.FOLLOWED_UP, f"{prompt_id}:"),
    ]
    for action_id, value in forged:
        blocks = [
            {
                "type": "actions",
                "block_id": "b",
                "elements": [
                    {
                        "type": "button",
                        "action_id": action_id,
                        "value": value,
                        "text": {"type": "plain_text", "text": "x"},
                    }
                ],
            }
        ]
        reply = bot.slack.click(MALLORY, action_id=action_id, ephemeral_blocks=blocks)
        assert reply.status == 200

    with bot.sessions() as session:
        interview = session.get(Interview, interview_id)
        assert interview is not None
        assert interview.closed_at is None
        assert interview.snoozed_until is None
        assert interview.follow_up_done_at is None
        assert all(p.thanked_at is None for p in interview.interviewers)
    assert bot.fake.calls("chat.update") == []


def test_edit_submission_for_another_users_interview_is_refused(bot: Bot) -> None:
    bot.slack.command(DANA, LOG_TEXT)
    bot.slack.command(DANA, "edit 1")
    view = opened_view(bot.fake)

    reply = bot.slack.submit(MALLORY, view, {ids.F_COMPANY: "Hijacked"})

    assert reply.json()["response_action"] == "errors"
    with bot.sessions() as session:
        assert session.scalars(select(Interview)).one().company == "Initrode"


def test_editing_a_closed_interview_says_so_instead_of_opening_the_form(bot: Bot) -> None:
    bot.slack.command(DANA, LOG_TEXT)
    bot.slack.command(DANA, "heard 1 rejected")

    reply = bot.slack.command(DANA, "edit 1")

    assert "already closed (rejected)" in reply.text
    assert bot.fake.calls("views.open") == []


def test_a_decision_date_before_the_interview_comes_back_inline(bot: Bot) -> None:
    bot.slack.command(DANA, "log")
    view = opened_view(bot.fake)
    reply = bot.slack.submit(
        DANA,
        view,
        {
            ids.F_COMPANY: "Globex",
            ids.F_ROLE: "SRE",
            ids.F_DATE: "2026-12-10",
            ids.F_TIME: "10:00",
            ids.F_INTERVIEWERS: "Ann Lee",
            ids.F_DECISION: "2026-12-01",
        },
    )

    assert set(reply.json()["errors"]) == {ids.F_DECISION}
    assert count_interviews(bot.sessions) == 0
