"""Drafts end to end: no gaps, true dates, cards, one contact, twin notes, honest closure."""

from __future__ import annotations

from datetime import timedelta
from typing import Any
from urllib.parse import parse_qs, urlsplit

from sqlalchemy import select

from slackbot.blocks import ids
from slackbot.models import Interview, InterviewFormat, Prompt, PromptKind, PromptStatus
from slackbot.sandbox.answers import visible_text
from tests.conftest import Bot
from tests.e2e.helpers import eventually, opened_view
from tests.e2e.test_conversation import _person_value
from tests.e2e.test_prompt_flow import CHICAGO, WEDNESDAY_INTERVIEW, at, dms, run_until

DANA = "U0DANA001"


def _log(bot: Bot, text: str = WEDNESDAY_INTERVIEW, *, onsite: bool = False) -> None:
    bot.fake.clock = lambda: bot.clock().timestamp()
    bot.clock.set(at(CHICAGO, 2026, 12, 2, 9, 0))
    bot.slack.command(DANA, text)
    if onsite:
        with bot.sessions() as session, session.begin():
            session.scalars(select(Interview)).one().format = InterviewFormat.ONSITE


def _thank_you(bot: Bot, text: str = WEDNESDAY_INTERVIEW, *, onsite: bool = False) -> dict:
    _log(bot, text, onsite=onsite)
    run_until(bot, at(CHICAGO, 2026, 12, 2, 16, 0))
    return dms(bot, DANA)[0]


def _open(bot: Bot, action_id: str, name: str | None = None) -> dict[str, Any]:
    prompt = dms(bot, DANA)[-1] if name is None else dms(bot, DANA)[0]
    value = _person_value(prompt, name) if name else None
    before = len(bot.fake.opened_views())
    bot.slack.click(DANA, action_id=action_id, value=value, message=prompt)
    return opened_view(bot.fake, after=before)


def _note(view: dict[str, Any]) -> str:
    block = next(b for b in view["blocks"] if b.get("block_id", "").startswith(ids.DRAFT_BODY))
    return block["element"]["initial_value"]


def _updated(bot: Bot, view: dict[str, Any]) -> dict[str, Any]:
    """The modal as Slack shows it after the bot's views.update."""
    changed = eventually(
        lambda: next(
            (
                v
                for v in bot.fake.opened_views()
                if v["id"] == view["id"] and v["hash"] != view["hash"]
            ),
            None,
        )
    )
    assert changed is not None, "the modal was not updated"
    return changed


def _email_url(view: dict[str, Any]) -> str | None:
    for block in view["blocks"]:
        for element in block.get("elements") or []:
            if element.get("action_id") == ids.DRAFT_EMAIL:
                return element["url"]
    return None


def _interview(bot: Bot) -> Interview:
    with bot.sessions() as session:
        interview = session.scalars(select(Interview)).one()
        session.expunge_all()
        return interview


def _person(bot: Bot, name: str) -> Any:
    return next(p for p in _interview(bot).interviewers if p.name == name)


def test_a_draft_with_no_topic_asks_for_it_and_leaves_no_gap(bot: Bot) -> None:
    _thank_you(bot)
    view = _open(bot, ids.DRAFT_NOTE, "Maria Lopez")
    shown = visible_text(view)
    assert "What did you talk about with Maria Lopez?" in shown
    assert "The note still says" in shown

    refused = bot.slack.submit(DANA, view)
    assert refused.json()["response_action"] == "errors"
    assert "what you talked about with Maria Lopez" in refused.json()["errors"][ids.DRAFT_TOPIC]
    assert _person(bot, "Maria Lopez").thanked_at is None

    bot.slack.type_into(DANA, view, block_id=ids.DRAFT_TOPIC, value="their lineage tooling")
    view = _updated(bot, view)
    note = _note(view)
    assert "their lineage tooling" in note
    assert not set("[]{}") & set(note)
    assert "The note still says" not in visible_text(view)
    assert _person(bot, "Maria Lopez").topic == "their lineage tooling"
    assert eventually(
        lambda: "_Talked about:_ their lineage tooling" in visible_text(dms(bot, DANA)[0])
    )

    bot.slack.submit(DANA, view)
    assert eventually(lambda: _person(bot, "Maria Lopez").thanked_at is not None)
    assert _person(bot, "Maria Lopez").draft == note


def test_a_same_day_thank_you_says_today(bot: Bot) -> None:
    _thank_you(bot)
    bot.slack.dm(DANA, "Sanjay: the hiring timeline")
    assert eventually(lambda: _person(bot, "Sanjay Rao").topic)
    note = _note(_open(bot, ids.DRAFT_NOTE, "Sanjay Rao"))
    assert "Thank you for talking with me about the Data Engineer role today" in note


def test_the_email_link_carries_the_note_as_edited(bot: Bot) -> None:
    _thank_you(bot)
    bot.slack.dm(DANA, "Sanjay: the hiring timeline")
    assert eventually(lambda: _person(bot, "Sanjay Rao").topic)
    view = _open(bot, ids.DRAFT_NOTE, "Sanjay Rao")
    edited = "Hi Sanjay,\n\nThank you for the clear picture of the hiring timeline.\n\nDana"
    bot.slack.type_into(DANA, view, block_id=ids.DRAFT_BODY, value=edited)
    view = _updated(bot, view)
    url = _email_url(view)
    assert url is not None
    assert url.startswith("mailto:sanjay@initrode.example?")
    assert parse_qs(urlsplit(url).query)["body"] == [edited]

    # Too long for a link: it says so and shows the note to copy instead.
    long_note = "Hi Sanjay, " + "thank you for the hiring timeline. " * 80
    bot.slack.type_into(DANA, view, block_id=ids.DRAFT_BODY, value=long_note)
    view = _updated(bot, view)
    assert _email_url(view) is None
    assert "too long for an email link" in visible_text(view)
    assert "```" in visible_text(view)


def test_an_eleven_day_old_follow_up_names_the_date(bot: Bot) -> None:
    _thank_you(bot)
    run_until(bot, at(CHICAGO, 2026, 12, 13, 12, 0), step=timedelta(hours=2))
    follow_up = next(
        m for m in dms(bot, DANA) if "since your *Initrode* interview" in visible_text(m)
    )
    bot.slack.click(DANA, action_id=ids.DRAFT_FOLLOW_UP, message=follow_up)
    view = opened_view(bot.fake)
    assert "since we spoke on Wednesday, December 2, and I'm still very keen" in _note(view)

    bot.slack.submit(DANA, view, {ids.DRAFT_TOPIC: "the hiring timeline"})
    assert eventually(lambda: _interview(bot).follow_up_done_at is not None)
    assert eventually(
        lambda: (
            "Marked as followed up"
            in visible_text(next(m for m in dms(bot, DANA) if m["ts"] == follow_up["ts"]))
        )
    )


def test_an_onsite_prompt_drafts_a_card_for_each_interviewer(bot: Bot) -> None:
    prompt = _thank_you(bot, onsite=True)
    text = visible_text(prompt)
    assert "write it and mail it today" in text
    for block in prompt["blocks"]:
        if block.get("block_id", "").startswith("person_actions"):
            labels = [e["text"]["text"] for e in block["elements"]]
            assert labels == ["Draft note", "Draft card", "Mark sent"]

    bot.slack.dm(DANA, "Sanjay: the hiring timeline")
    assert eventually(lambda: _person(bot, "Sanjay Rao").topic)
    view = _open(bot, ids.DRAFT_CARD, "Sanjay Rao")
    assert view["title"]["text"] == "Thank-you card"
    card = _note(view)
    assert card.startswith("Dear Sanjay,")
    assert "the hiring timeline" in card
    assert len(card.split()) <= 60
    assert _email_url(view) is None
    assert "mail it today" in visible_text(view)

    bot.slack.submit(DANA, view)
    assert eventually(lambda: _person(bot, "Sanjay Rao").card_sent_at is not None)
    assert eventually(lambda: "Card sent" in visible_text(dms(bot, DANA)[0]))


def test_two_near_identical_drafts_for_one_interview_warn(bot: Bot) -> None:
    _thank_you(bot)
    bot.slack.dm(DANA, "Maria: the data mesh rollout")
    bot.slack.dm(DANA, "Sanjay: the on-call rotation")
    assert eventually(
        lambda: _person(bot, "Sanjay Rao").topic and _person(bot, "Maria Lopez").topic
    )

    first = _open(bot, ids.DRAFT_NOTE, "Maria Lopez")
    assert "reads almost like" not in visible_text(first)
    bot.slack.close_view(DANA, first)
    assert eventually(lambda: _person(bot, "Maria Lopez").draft)

    second = _open(bot, ids.DRAFT_NOTE, "Sanjay Rao")
    assert "This reads almost like your note to *Maria Lopez*" in visible_text(second)
    assert "Interviewers compare notes" in visible_text(second)

    own = "Hi Sanjay,\n\nKnowing the team shares the pager fairly matters a lot to me.\n\nDana"
    bot.slack.type_into(DANA, second, block_id=ids.DRAFT_BODY, value=own)
    assert "reads almost like" not in visible_text(_updated(bot, second))


def test_dr_jane_smith_is_greeted_by_her_name(bot: Bot) -> None:
    _thank_you(
        bot,
        "log Initrode | Data Engineer | 2026-12-02 14:00 | Dr. Jane Smith (Engineering Manager)",
        onsite=True,
    )
    bot.slack.dm(DANA, "Jane: the migration plan")
    assert eventually(lambda: _person(bot, "Dr. Jane Smith").topic)
    assert _note(_open(bot, ids.DRAFT_NOTE, "Dr. Jane Smith")).startswith("Hi Jane,")
    assert _note(_open(bot, ids.DRAFT_CARD, "Dr. Jane Smith")).startswith("Dear Dr. Smith,")


def test_a_talent_acquisition_partner_is_the_follow_up_contact(bot: Bot) -> None:
    _thank_you(
        bot,
        "log Initrode | Data Engineer | 2026-12-02 14:00 | "
        "Maria Lopez (Director), Priya Shah (Talent Acquisition Partner) <priya@initrode.example>",
    )
    run_until(bot, at(CHICAGO, 2026, 12, 9, 12, 0), step=timedelta(hours=2))
    follow_up = dms(bot, DANA)[-1]
    assert (
        "Write to *Priya Shah* (Talent Acquisition Partner), your main contact as the recruiter"
        in visible_text(follow_up)
    )
    assert "Maria Lopez" not in visible_text(follow_up)

    bot.slack.click(DANA, action_id=ids.DRAFT_FOLLOW_UP, message=follow_up)
    view = opened_view(bot.fake)
    assert "To *Priya Shah*" in visible_text(view)
    assert _note(view).startswith("Hi Priya,")

    maria = next(p for p in _interview(bot).interviewers if p.name == "Maria Lopez")
    bot.slack.click(DANA, action_id=ids.DRAFT_TO, view=view, value=str(maria.id))
    view = _updated(bot, view)
    assert "To *Maria Lopez*" in visible_text(view)
    assert _note(view).startswith("Hi Maria,")


def _closure(bot: Bot) -> dict:
    _thank_you(bot)
    run_until(bot, at(CHICAGO, 2026, 12, 16, 12, 0), step=timedelta(hours=2))
    closure = dms(bot, DANA)[-1]
    assert "did you send them a follow-up?" in visible_text(closure)
    return closure


def test_closure_with_no_follow_up_marked_asks_first(bot: Bot) -> None:
    closure = _closure(bot)
    assert "Draft closure note" not in visible_text(closure)
    assert "since" not in visible_text(closure)

    bot.slack.click(DANA, action_id=ids.CLOSURE_FOLLOWED_UP, message=closure)
    assert eventually(lambda: "Draft closure note" in visible_text(dms(bot, DANA)[-1]))
    assert _interview(bot).follow_up_done_at is not None
    closure = dms(bot, DANA)[-1]
    assert "even after your follow-up" in visible_text(closure)
    assert "Close it without an answer" in visible_text(closure)

    bot.slack.click(DANA, action_id=ids.DRAFT_CLOSURE, message=closure)
    note = _note(opened_view(bot.fake))
    assert "since my follow-up" not in note
    assert "Thank you again for considering me for the Data Engineer role" in note


def test_closure_not_yet_drafts_the_follow_up_and_asks_again_a_week_on(bot: Bot) -> None:
    closure = _closure(bot)
    bot.slack.click(DANA, action_id=ids.CLOSURE_NOT_YET, message=closure)
    view = opened_view(bot.fake)
    assert view["title"]["text"] == "Follow-up note"
    assert "To *Sanjay Rao*" in visible_text(view)
    assert eventually(lambda: "I'll ask about closure" in visible_text(dms(bot, DANA)[-1]))
    with bot.sessions() as session:
        pending = session.scalars(
            select(Prompt).where(
                Prompt.kind == PromptKind.CLOSURE, Prompt.status == PromptStatus.PENDING
            )
        ).one()
        assert pending.due_at.astimezone(CHICAGO).date().isoformat() == "2026-12-23"


def test_a_role_chosen_in_the_draft_decides_the_follow_up_contact(bot: Bot) -> None:
    _thank_you(bot)
    view = _open(bot, ids.DRAFT_NOTE, "Maria Lopez")
    bot.slack.click(DANA, action_id=ids.DRAFT_ROLE, view=view, value="hiring-manager")
    assert eventually(lambda: _person(bot, "Maria Lopez").role == "hiring-manager")
    bot.slack.close_view(DANA, view)
    view = _open(bot, ids.DRAFT_NOTE, "Sanjay Rao")
    bot.slack.click(DANA, action_id=ids.DRAFT_ROLE, view=view, value="interviewer")
    assert eventually(lambda: _person(bot, "Sanjay Rao").role == "interviewer")

    run_until(bot, at(CHICAGO, 2026, 12, 9, 12, 0), step=timedelta(hours=2))
    assert "Write to *Maria Lopez* (Director), your main contact as the hiring manager." in (
        visible_text(dms(bot, DANA)[-1])
    )
