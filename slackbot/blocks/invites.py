"""What the bot answers when a calendar invite is shared with it."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from slackbot.blocks import ids
from slackbot.blocks.interviews import headline
from slackbot.blocks.text import MESSAGE_BLOCKS, actions, button, context, escape, section
from slackbot.blocks.timefmt import local_datetime, local_time, zone_label
from slackbot.domain.interviewer_lists import InterviewerInput
from slackbot.domain.invite_drafts import LogDraft, encode_draft, is_long_past
from slackbot.models import Interview, InterviewFormat

FORMAT_WORDS = {
    InterviewFormat.VIDEO: "video call",
    InterviewFormat.PHONE: "phone call",
    InterviewFormat.ONSITE: "on-site",
}
# Events shown when a calendar holds several, each with its own button.
MAX_CHOICES = 10


def build_invite_draft(
    draft: LogDraft, *, zone: ZoneInfo, now: datetime, sure: bool = True
) -> dict[str, Any]:
    """The details read from an invite, with Log it / Edit first (or only the form if unsure)."""
    value = encode_draft(draft)
    title = _draft_title(draft)
    lines = [f":calendar: From your invite: {title}", _when(draft, zone)]
    if draft.format:
        lines.append(f"Format: {_format_words(draft.format)}")
    if draft.interviewers:
        people = "\n".join("• " + _person(p) for p in draft.interviewers)
        lines.append(f"Interviewers:\n{people}")
    missing = _missing(draft)
    past = is_long_past(draft, now=now)
    if missing or not sure:
        lines.append(
            f"I couldn't tell {missing} from the invite: add it in the form."
            if missing
            else "I couldn't read all of it for certain: check it in the form."
        )
        buttons = [button("Check and log", ids.INVITE_EDIT, value, style="primary")]
    else:
        if past:
            lines.append("That was a while ago. Log it anyway?")
        label = "Log it anyway" if past else "Log it"
        buttons = [
            button(label, ids.INVITE_LOG, value, style="primary"),
            button("Edit first", ids.INVITE_EDIT, value),
        ]
    text = "\n".join(lines)
    return {"text": text, "blocks": [section(text), actions(*buttons)]}


def build_invite_choice(drafts: tuple[LogDraft, ...], *, zone: ZoneInfo) -> dict[str, Any]:
    """A calendar with several events: which one is the interview?"""
    intro = f"This calendar holds {len(drafts)} events. Which one is your interview?"
    blocks: list[dict[str, Any]] = [section(intro)]
    shown = drafts[: min(MAX_CHOICES, (MESSAGE_BLOCKS - 2) // 2)]
    for draft in shown:
        blocks.append(section(f"{_draft_title(draft)}\n{_when(draft, zone)}"))
        blocks.append(actions(button("This one", ids.INVITE_PICK, encode_draft(draft))))
    if len(drafts) > len(shown):
        blocks.append(context(f"…and {len(drafts) - len(shown)} more. Share just that event."))
    return {"text": intro, "blocks": blocks}


def build_invite_moved(
    interview: Interview, *, was_at: datetime, zone: ZoneInfo, first_due: datetime | None
) -> dict[str, Any]:
    text = (
        f":calendar: Your invite changed, so I moved #{interview.number} {headline(interview)} "
        f"from {local_datetime(was_at, zone)} to {local_datetime(interview.starts_at, zone)} "
        f"({zone_label(zone)})."
    )
    if first_due is not None:
        text += f" I'll DM you next {local_datetime(first_due, zone)}."
    return {"text": text, "blocks": [section(text)]}


def build_invite_unchanged(interview: Interview, *, zone: ZoneInfo) -> dict[str, Any]:
    text = (
        f"You already logged this invite as #{interview.number} {headline(interview)}, "
        f"{local_datetime(interview.starts_at, zone)}. Nothing changed."
    )
    return {"text": text, "blocks": [section(text)]}


def build_invite_cancels(interview: Interview) -> dict[str, Any]:
    text = (
        f":calendar: This invite cancels #{interview.number} {headline(interview)}. "
        "Delete it and its prompts?"
    )
    buttons = actions(
        button("Delete it", ids.CANCEL_CONFIRM, str(interview.id), style="danger"),
        button("Keep it", ids.CANCEL_KEEP, str(interview.id)),
    )
    return {"text": text, "blocks": [section(text), buttons]}


def build_nothing_to_cancel() -> dict[str, Any]:
    text = "This invite cancels an event you haven't logged with me, so there's nothing to cancel."
    return {"text": text, "blocks": [section(text)]}


def build_invite_problem(problem: str, instead: str) -> dict[str, Any]:
    """One line: what is wrong with what was shared, and what to do instead."""
    text = f":warning: {escape(problem)} {escape(instead)}"
    return {"text": text, "blocks": [section(text)]}


def build_already_logged(interview: Interview) -> dict[str, Any]:
    text = f"Already logged as #{interview.number} {headline(interview)}."
    return {"text": text, "blocks": [section(text)]}


def _draft_title(draft: LogDraft) -> str:
    company = f"*{escape(draft.company)}*" if draft.company else "_company unknown_"
    role = escape(draft.role) if draft.role else "_role unknown_"
    return f"{company} — {role}"


def _when(draft: LogDraft, zone: ZoneInfo) -> str:
    invite_zone = ZoneInfo(draft.zone)
    ends = draft.starts_at.timestamp() + draft.length_minutes * 60
    end = datetime.fromtimestamp(ends, tz=invite_zone)
    line = (
        f"{local_datetime(draft.starts_at, invite_zone)}–{local_time(end, invite_zone)} "
        f"({zone_label(invite_zone)})"
    )
    if invite_zone.key != zone.key:
        line += f" · {local_datetime(draft.starts_at, zone)} your time ({zone_label(zone)})"
    return line


def _missing(draft: LogDraft) -> str | None:
    gaps = [
        name
        for name, known in (
            ("the company", draft.company),
            ("the role", draft.role),
            ("who interviews you", draft.interviewers),
        )
        if not known
    ]
    return " or ".join(gaps) if gaps else None


def _person(person: InterviewerInput) -> str:
    line = f"*{escape(person.name)}*"
    if person.title:
        line += f" ({escape(person.title)})"
    return line + (f" · {escape(person.email)}" if person.email else "")


def _format_words(value: str) -> str:
    """How a format reads; a value we do not know (a draft from an old button) as it came."""
    return next((words for f, words in FORMAT_WORDS.items() if f.value == value), value)
