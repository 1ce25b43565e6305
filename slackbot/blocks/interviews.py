"""Replies about interviews: logged, listed, outcomes heard, cancelled."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from slackbot.blocks import ids
from slackbot.blocks.button_values import id_value
from slackbot.blocks.text import (
    MESSAGE_BLOCKS,
    actions,
    button,
    context,
    ephemeral,
    escape,
    section,
)
from slackbot.blocks.timefmt import local_datetime, promise, zone_label
from slackbot.domain.facts import InterviewFacts, PersonFacts, PromptFacts
from slackbot.domain.heard_back import HeardBack
from slackbot.models import Interview, Outcome

PROMPT_NAMES = {
    "thank_you": "thank-you notes",
    "nudge": "a reminder about thank-you notes",
    "follow_up": "a follow-up",
    "closure": "asking for closure",
}
OUTCOME_LABELS = {
    Outcome.NEXT_ROUND: "Next round",
    Outcome.OFFER: "Offer",
    Outcome.REJECTED: "Rejected",
    Outcome.WITHDRAWN: "Withdrawn",
    Outcome.NO_RESPONSE: "No response",
}


def person_line(person: PersonFacts, *, with_status: bool = False) -> str:
    line = f"*{escape(person.name)}*"
    if person.title:
        line += f" ({escape(person.title)})"
    if person.email:
        line += f" · {escape(person.email)}"
    if with_status:
        line += " — :white_check_mark: thanked" if person.thanked_at else " — not thanked yet"
    return line


def headline(interview: InterviewFacts) -> str:
    return f"*{escape(interview.company)}* — {escape(interview.role)}"


def build_logged(
    interview: InterviewFacts,
    *,
    zone: ZoneInfo,
    first: PromptFacts | None,
    now: datetime,
    edited: bool = False,
) -> dict[str, Any]:
    verb = "Updated" if edited else "Logged"
    when = local_datetime(interview.starts_at, zone)
    people = "\n".join("• " + person_line(p) for p in interview.interviewers)
    lines = [
        f":white_check_mark: {verb} #{interview.number} {headline(interview)}, "
        f"{when} ({zone_label(zone, interview.starts_at)}).",
        f"Interviewers:\n{people}",
        _first_prompt_line(first, zone, now),
    ]
    text = "\n".join(lines)
    return ephemeral(text, [section(line) for line in lines])


def _first_prompt_line(first: PromptFacts | None, zone: ZoneInfo, now: datetime) -> str:
    if first is None:
        return "No prompts are scheduled for this interview."
    name = PROMPT_NAMES.get(first.kind, first.kind)
    return f"I'll DM you about {name} {promise(first.due_at, zone, now)}."


def build_list(
    interviews: Sequence[InterviewFacts],
    *,
    zone: ZoneInfo,
    next_prompts: dict[int, PromptFacts | None],
) -> dict[str, Any]:
    if not interviews:
        text = "You have no open interviews. Log one with `/interview log`."
        return ephemeral(text, [section(text), actions(button("Log an interview", ids.OPEN_LOG))])
    blocks = [section(f"*Your open interviews* ({zone_label(zone)})")]
    shown = interviews[: MESSAGE_BLOCKS - 3]
    for interview in shown:
        blocks.append(section(_list_entry(interview, zone, next_prompts.get(interview.id))))
    if len(interviews) > len(shown):
        blocks.append(context(f"…and {len(interviews) - len(shown)} more."))
    n = shown[0].number  # examples the user can use as they stand
    blocks.append(
        context(f"`/interview edit {n}`, `/interview heard {n} offer`, `/interview cancel {n}`")
    )
    fallback = "\n".join(
        f"#{i.number} {escape(i.company)} — {escape(i.role)}" for i in interviews[:20]
    )
    return ephemeral("Your open interviews:\n" + fallback, blocks)


def _list_entry(interview: InterviewFacts, zone: ZoneInfo, upcoming: PromptFacts | None) -> str:
    people = "\n".join("    • " + person_line(p, with_status=True) for p in interview.interviewers)
    if upcoming is None:
        nxt = "No prompt scheduled."
    else:
        name = PROMPT_NAMES.get(upcoming.kind, upcoming.kind)
        nxt = f"Next: {name}, {local_datetime(upcoming.due_at, zone)}"
    when = local_datetime(interview.starts_at, zone)
    return f"*#{interview.number}* {headline(interview)} · {when}\n{people}\n_{nxt}_"


def outcome_buttons(action_id: str, an_id: int, *, block_id: str | None = None) -> dict[str, Any]:
    """The row of outcomes a person can report (no-response is the bot's own closing)."""
    return actions(
        *[
            button(label, action_id, id_value(an_id, outcome.value))
            for outcome, label in OUTCOME_LABELS.items()
            if outcome != Outcome.NO_RESPONSE
        ],
        block_id=block_id,
    )


def build_outcome_choice(interview: Interview) -> dict[str, Any]:
    text = f"What did you hear back from {headline(interview)}?"
    return ephemeral(text, [section(text), outcome_buttons(ids.HEARD_OUTCOME, interview.id)])


def build_interview_choice(
    interviews: list[Interview], *, outcome: Outcome | None, company: str
) -> dict[str, Any]:
    text = f"Several open interviews match “{escape(company)}”. Which one?"
    suffix = outcome.value if outcome else ""
    buttons = [
        button(f"#{i.number} {i.company} — {i.role}", ids.HEARD_PICK, id_value(i.id, suffix))
        for i in interviews[:25]
    ]
    return ephemeral(text, [section(text), actions(*buttons)])


def build_outcome_recorded(interview: Interview, heard: HeardBack) -> dict[str, Any]:
    # Imported here: the outcome blocks build on this module's buttons.
    from slackbot.blocks.outcomes import outcome_blocks

    blocks = outcome_blocks(interview, heard.outcome, heard.words, draft=heard.draft)
    return ephemeral(escape(heard.words), blocks)


def build_already_closed(interview: Interview) -> dict[str, Any]:
    outcome = Outcome(interview.outcome) if interview.outcome else None
    label = OUTCOME_LABELS[outcome].lower() if outcome else "closed"
    text = f"#{interview.number} {headline(interview)} is already closed ({label})."
    return ephemeral(text, [section(text)])


def build_cancel_confirm(interview: Interview) -> dict[str, Any]:
    text = (
        f"Delete #{interview.number} {headline(interview)} and all its prompts? "
        "This can't be undone."
    )
    return ephemeral(
        text,
        [
            section(text),
            actions(
                button("Delete it", ids.CANCEL_CONFIRM, str(interview.id), style="danger"),
                button("Keep it", ids.CANCEL_KEEP, str(interview.id)),
            ),
        ],
    )


def build_cancelled(number: int, company: str, role: str) -> dict[str, Any]:
    text = f":wastebasket: Deleted #{number} *{escape(company)}* — {escape(role)} and its prompts."
    return ephemeral(text, [section(text)])
