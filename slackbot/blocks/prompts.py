"""The prompts the bot DMs: thank-you, nudge, follow-up and closure (text and Block Kit)."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from slackbot.blocks import ids
from slackbot.blocks.button_values import id_value
from slackbot.blocks.hints import SNOOZE_BUTTONS, reply_hint
from slackbot.blocks.interviews import headline, outcome_buttons
from slackbot.blocks.text import MESSAGE_BLOCKS, actions, button, context, escape, section
from slackbot.blocks.timefmt import ended_when, local_datetime, relative_datetime
from slackbot.domain.names import join_names
from slackbot.domain.roles import contact_phrase, main_contact
from slackbot.models import Interview, Interviewer, InterviewFormat, PromptKind

MAX_PEOPLE = 12


def prompt_value(prompt_id: int, extra: object = "") -> str:
    return id_value(prompt_id, extra)


def build_prompt(
    kind: PromptKind,
    interview: Interview,
    *,
    prompt_id: int,
    zone: ZoneInfo,
    now: datetime,
    sent_at: datetime | None = None,
) -> dict[str, Any]:
    """The whole message for one prompt: {"text": fallback, "blocks": [...]}.

    `sent_at` is given when re-rendering a sent prompt, so a nudge keeps showing the people
    thanked since it went out (with a check mark) instead of dropping them.
    """
    builder = {
        PromptKind.THANK_YOU: _thank_you,
        PromptKind.NUDGE: _nudge,
        PromptKind.FOLLOW_UP: _follow_up,
        PromptKind.CLOSURE: _closure,
    }[kind]
    text, blocks = builder(interview, prompt_id=prompt_id, zone=zone, now=sent_at or now)
    return {"text": text, "blocks": blocks[:50]}


def _people_blocks(
    interview: Interview, people: list[Interviewer], prompt_id: int
) -> list[dict[str, Any]]:
    blocks: list[dict[str, Any]] = []
    card = interview.format == InterviewFormat.ONSITE
    for person in people[:MAX_PEOPLE]:
        line = f"*{escape(person.name)}*"
        if person.title:
            line += f" · {escape(person.title)}"
        topic = (
            f"_Talked about:_ {escape(person.topic)}"
            if person.topic
            else "_What did you talk about?_ Reply with their name and the topic."
        )
        line += f"\n{topic}"
        if person.thanked_at:
            done = "Card sent" if person.card_sent_at else "Thank-you sent"
            blocks.append(
                section(line + f"\n:white_check_mark: {done}", block_id=f"person:{person.id}")
            )
            continue
        blocks.append(section(line, block_id=f"person:{person.id}"))
        value = prompt_value(prompt_id, person.id)
        buttons = [button("Draft note", ids.DRAFT_NOTE, value)]
        if card:
            buttons.append(button("Draft card", ids.DRAFT_CARD, value))
        buttons.append(button("Mark sent", ids.MARK_SENT, value, style="primary"))
        blocks.append(actions(*buttons, block_id=f"person_actions:{person.id}"))
    if len(people) > MAX_PEOPLE:
        blocks.append(context(f"…and {len(people) - MAX_PEOPLE} more."))
    return blocks


def _card_hint(interview: Interview) -> list[dict[str, Any]]:
    if interview.format != InterviewFormat.ONSITE:
        return []
    return [
        context(
            ":envelope_with_arrow: It was on-site, so a short handwritten card stands out. "
            "*Draft card* writes one for each person: write it and mail it today."
        )
    ]


def _prompt_actions(kind: PromptKind, prompt_id: int) -> dict[str, Any]:
    return actions(
        button("I heard back", ids.HEARD_BACK, prompt_value(prompt_id)),
        *_snooze_buttons(kind, prompt_id),
        block_id="prompt_actions",
    )


def _snooze_buttons(kind: PromptKind, prompt_id: int) -> list[dict[str, Any]]:
    # The button carries the reply phrase that does the same, so both read one grammar.
    return [
        button(label, ids.SNOOZE, prompt_value(prompt_id, phrase))
        for label, phrase in SNOOZE_BUTTONS[kind]
    ]


def _pending(people: list[Interviewer]) -> list[Interviewer]:
    return [p for p in people[:MAX_PEOPLE] if not p.thanked_at]


def _thank_you(
    interview: Interview, *, prompt_id: int, zone: ZoneInfo, now: datetime
) -> tuple[str, list[dict[str, Any]]]:
    people = list(interview.interviewers)
    names = join_names([escape(p.name) for p in people])
    ended = ended_when(interview.ends_at, zone, now)
    intro = (
        f":email: Thank-you notes for {headline(interview)}\n"
        f"Your interview ended {ended}. Send each interviewer a short note today, "
        "naming something specific they talked about."
    )
    blocks = [
        section(intro),
        *_people_blocks(interview, people, prompt_id),
        *_card_hint(interview),
        _prompt_actions(PromptKind.THANK_YOU, prompt_id),
        context(reply_hint(PromptKind.THANK_YOU, _pending(people))),
    ]
    company, role = escape(interview.company), escape(interview.role)
    text = f"Time to thank {names} for your {company} interview ({role})."
    return text, blocks


def _nudge(
    interview: Interview, *, prompt_id: int, zone: ZoneInfo, now: datetime
) -> tuple[str, list[dict[str, Any]]]:
    # Re-rendered after sending, `now` is the send time: people thanked since stay, checked.
    people = [p for p in interview.interviewers if not p.thanked_at or p.thanked_at > now]
    names = join_names([escape(p.name) for p in people])
    intro = (
        f":hourglass_flowing_sand: Still to thank from {headline(interview)}\n"
        "A note today still lands well. Here's who hasn't heard from you yet:"
    )
    blocks = [
        section(intro),
        *_people_blocks(interview, people, prompt_id),
        *_card_hint(interview),
        _prompt_actions(PromptKind.NUDGE, prompt_id),
        context(reply_hint(PromptKind.NUDGE, _pending(people))),
    ]
    text = f"Still to thank for {escape(interview.company)}: {names}."
    return text, blocks


def _follow_up(
    interview: Interview, *, prompt_id: int, zone: ZoneInfo, now: datetime
) -> tuple[str, list[dict[str, Any]]]:
    days = _days_since(interview, now, zone)
    contact = main_contact(interview.interviewers)
    intro = (
        f":mailbox_with_no_mail: It's been {days} days since your *{escape(interview.company)}* "
        f"interview for {escape(interview.role)}, and no word yet. A short, friendly follow-up "
        "is the right move now."
    )
    blocks = [section(intro)]
    if contact is not None:
        whom = f"Write to {_name_title(contact)}, {contact_phrase(contact)}."
        if len(interview.interviewers) > 1:
            whom += " *Draft follow-up* lets you pick someone else."
        blocks.append(section(whom))
    blocks += [
        context(
            "If a note gets no answer within a few business days, a short call to the "
            "recruiter is fine too."
        ),
        actions(
            button("Draft follow-up", ids.DRAFT_FOLLOW_UP, prompt_value(prompt_id)),
            button("I followed up", ids.FOLLOWED_UP, prompt_value(prompt_id), style="primary"),
            button("I heard back", ids.HEARD_BACK, prompt_value(prompt_id)),
            *_snooze_buttons(PromptKind.FOLLOW_UP, prompt_id),
            block_id="prompt_actions",
        ),
        context(reply_hint(PromptKind.FOLLOW_UP, [])),
    ]
    text = (
        f"It's been {days} days since your {escape(interview.company)} interview: "
        "time to follow up."
    )
    return text, blocks


def _closure(
    interview: Interview, *, prompt_id: int, zone: ZoneInfo, now: datetime
) -> tuple[str, list[dict[str, Any]]]:
    company, role = escape(interview.company), escape(interview.role)
    if interview.follow_up_done_at is None:
        return _closure_question(interview, prompt_id=prompt_id)
    intro = (
        f":door: Still no word from *{company}* about the {role} role, even after your "
        "follow-up. It's fair, and gracious, to ask where things stand: thank them again, "
        "ask whether the role is still open, and say a clear answer either way would help."
    )
    blocks = [
        section(intro),
        actions(
            button("Draft closure note", ids.DRAFT_CLOSURE, prompt_value(prompt_id)),
            button("I heard back", ids.HEARD_BACK, prompt_value(prompt_id)),
            button("Close it without an answer", ids.CLOSE_NO_RESPONSE, prompt_value(prompt_id)),
            block_id="prompt_actions",
        ),
        context(reply_hint(PromptKind.CLOSURE, [])),
    ]
    text = f"Still no word from {company}: time to ask, graciously, where things stand."
    return text, blocks


def _closure_question(interview: Interview, *, prompt_id: int) -> tuple[str, list[dict[str, Any]]]:
    """No follow-up was marked: ask first, rather than assume one went out."""
    company = escape(interview.company)
    intro = (
        f":door: Still no word from *{company}* about the {escape(interview.role)} role. "
        "Before asking them where things stand: did you send them a follow-up?"
    )
    blocks = [
        section(intro),
        actions(
            button(
                "Yes, I followed up",
                ids.CLOSURE_FOLLOWED_UP,
                prompt_value(prompt_id),
                style="primary",
            ),
            button("Not yet: draft it now", ids.CLOSURE_NOT_YET, prompt_value(prompt_id)),
            button("I heard back", ids.HEARD_BACK, prompt_value(prompt_id)),
            block_id="prompt_actions",
        ),
        context(reply_hint(PromptKind.CLOSURE, [])),
    ]
    return f"Still no word from {company}. Did you send them a follow-up?", blocks


def closure_postponed(due: datetime, zone: ZoneInfo) -> str:
    return (
        ":memo: Send the follow-up when you're ready. If there's still no word, I'll ask about "
        f"closure {local_datetime(due, zone)}."
    )


def build_outcome_buttons(
    message_blocks: list[dict[str, Any]], prompt_id: int
) -> list[dict[str, Any]]:
    """The prompt with its message buttons swapped for a choice of outcome."""
    choice = outcome_buttons(ids.PROMPT_OUTCOME, prompt_id, block_id="prompt_actions")
    return [choice if b.get("block_id") == "prompt_actions" else b for b in message_blocks]


def with_status(message_blocks: list[dict[str, Any]], status: str) -> list[dict[str, Any]]:
    """The prompt with its message buttons replaced by a line saying what happened."""
    kept = [b for b in message_blocks if b.get("block_id") != "prompt_actions"]
    return [*kept, context(status)][:50]


def build_stale(reason: str, shown: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """The prompt as it was shown, its buttons replaced by why they no longer apply."""
    kept = [b for b in shown or [] if b.get("type") != "actions"][: MESSAGE_BLOCKS - 1]
    notice = f":information_source: {reason}"
    return {"text": reason, "blocks": [*kept, context(notice)] if kept else [section(notice)]}


def _days_since(interview: Interview, now: datetime, zone: ZoneInfo) -> int:
    return (now.astimezone(zone).date() - interview.starts_at.astimezone(zone).date()).days


def _name_title(person: Interviewer) -> str:
    return f"*{escape(person.name)}*" + (f" ({escape(person.title)})" if person.title else "")


def snooze_line(until: datetime, zone: ZoneInfo, now: datetime) -> str:
    return f":zzz: Snoozed. I'll remind you {relative_datetime(until, zone, now)}."
