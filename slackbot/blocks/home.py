"""The App Home tab."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import time
from typing import Any
from zoneinfo import ZoneInfo

from slackbot.blocks import ids
from slackbot.blocks.text import (
    SECTION_TEXT_LIMIT,
    actions,
    button,
    context,
    escape,
    plain,
    section,
)
from slackbot.blocks.timefmt import local_datetime, zone_label
from slackbot.blocks.your_data import stats_line
from slackbot.domain.home import HomeSnapshot, NoteDue, Upcoming, Waiting
from slackbot.domain.stats import Stats
from slackbot.models import PromptKind

VIEW_BLOCKS = 100
# Per-section caps keep the whole tab well inside Slack's 100 blocks whatever the data:
# header 4 + notes (1 + 40 + 1) + upcoming (2 + 5 * 2 + 1) + waiting (2 + 4 + 2) + footer 2 = 69.
NOTES_SHOWN = 40
WAITING_SHOWN = 40
WAITING_SECTIONS = 4
NAMES_SHOWN = 3
EXAMPLE_LOG = (
    "/interview log Initrode | Data Engineer | today 2pm | Maria Lopez (Director), Sanjay Rao"
)
PROMPT_TITLES = {
    PromptKind.THANK_YOU: "Thank-you notes",
    PromptKind.NUDGE: "Reminder: thank-you notes",
    PromptKind.FOLLOW_UP: "Follow-up",
    PromptKind.CLOSURE: "Ask for closure",
}
SKIP_EFFECTS = {
    PromptKind.THANK_YOU: "If anyone is still not thanked, I'll remind you once, the next morning.",
    PromptKind.FOLLOW_UP: "I'll count the follow-up as done and, if there's still no word, "
    "suggest asking for closure later.",
}


def build_home(
    snapshot: HomeSnapshot,
    *,
    stats: Stats,
    zone: ZoneInfo,
    day_hours: tuple[time, time],
    undo: tuple[int, str, str] | None = None,
) -> dict[str, Any]:
    """`undo`: (point id, what, company) of a recent change Home offers to take back."""
    if snapshot.first_time:
        blocks = _introduction(zone)
    else:
        blocks = [
            *_header(stats),
            *_undo(undo),
            *_notes_due(snapshot.notes_due),
            *_upcoming(snapshot.upcoming, snapshot.pending_total, zone),
            *_waiting(snapshot.waiting),
            _divider(),
            context(_footer(zone, day_hours)),
        ]
    return {"type": "home", "blocks": blocks[:VIEW_BLOCKS]}


def _undo(undo: tuple[int, str, str] | None) -> list[dict[str, Any]]:
    if undo is None:
        return []
    point_id, label, company = undo
    return [
        section(
            f":leftwards_arrow_with_hook: Changed your mind about {escape(label)} "
            f"({escape(company)})?",
            accessory=button("Undo", ids.UNDO, str(point_id)),
        )
    ]


def _main_buttons() -> dict[str, Any]:
    return actions(
        button("Log an interview", ids.OPEN_LOG, style="primary"),
        button("New template", ids.TEMPLATE_NEW),
        button("Settings", ids.HOME_SETTINGS),
        block_id="home_actions",
    )


def _header(stats: Stats) -> list[dict[str, Any]]:
    return [
        {"type": "header", "text": plain("Follow-Up Coach")},
        context(stats_line(stats)),
        _main_buttons(),
        _divider(),
    ]


def _introduction(zone: ZoneInfo) -> list[dict[str, Any]]:
    return [
        {"type": "header", "text": plain("Welcome to Follow-Up Coach")},
        section(
            "After each interview I'll DM you at the moments that matter: a thank-you note to "
            "*each* interviewer the same day, naming something they talked about; a friendly "
            "follow-up when there's no word; then a gracious request for closure. Most hiring "
            "managers weigh thank-you notes, yet only about a quarter of candidates send one."
        ),
        section(
            "*Try it* with your latest interview, in one line:\n"
            f"`{EXAMPLE_LOG}`\n"
            "An hour after it ends I'll DM you with a note to draft for Maria and one for Sanjay. "
            "Reply in the DM to record what each talked about, e.g. `Maria: their move to "
            "event sourcing`."
        ),
        _main_buttons(),
        context(
            f"Times are {zone_label(zone)} (change it in Settings). "
            "`/interview help` lists everything I can do."
        ),
    ]


def _title(text: str) -> dict[str, Any]:
    return section(f"*{text}*")


def _divider() -> dict[str, Any]:
    return {"type": "divider"}


def _interview_label(number: int, company: str, role: str) -> str:
    return f"#{number} *{escape(company)}* — {escape(role)}"


def _notes_due(notes: tuple[NoteDue, ...]) -> list[dict[str, Any]]:
    blocks = [_title(":email: Thank-you notes due")]
    if not notes:
        blocks.append(context("Nothing due. Every interviewer so far has been thanked."))
        return blocks
    for note in notes[:NOTES_SHOWN]:
        person = f"*{escape(note.name)}*" + (f" ({escape(note.title)})" if note.title else "")
        blocks.append(
            section(
                f"{person}\n{_interview_label(note.number, note.company, note.role)}",
                block_id=f"home_note:{note.interviewer_id}",
                accessory=button(
                    "Mark sent", ids.HOME_MARK_SENT, str(note.interviewer_id), style="primary"
                ),
            )
        )
    blocks.extend(_more(len(notes) - NOTES_SHOWN, "; `/interview list` shows them all."))
    return blocks


def _upcoming(upcoming: tuple[Upcoming, ...], total: int, zone: ZoneInfo) -> list[dict[str, Any]]:
    blocks = [_divider(), _title(":alarm_clock: Upcoming prompts")]
    if not upcoming:
        blocks.append(context("No prompts scheduled."))
        return blocks
    for item in upcoming:
        when = local_datetime(item.due_at, zone)
        text = f"*{PROMPT_TITLES[item.kind]}* · {when}\n" + _interview_label(
            item.number, item.company, item.role
        )
        buttons = [button("Snooze 1 day", ids.HOME_SNOOZE, str(item.prompt_id))]
        if item.skippable:
            buttons.append(
                button(
                    "Skip",
                    ids.HOME_SKIP,
                    str(item.prompt_id),
                    confirm=_skip_confirm(item),
                )
            )
        blocks.append(section(text, block_id=f"home_prompt:{item.prompt_id}"))
        blocks.append(actions(*buttons, block_id=f"home_prompt_actions:{item.prompt_id}"))
    blocks.extend(_more(total - len(upcoming), " scheduled after these."))
    return blocks


def _skip_confirm(item: Upcoming) -> dict[str, Any]:
    what = PROMPT_TITLES[item.kind].lower()
    # No company name here: confirm text is plain_text, where escaping would show literally.
    text = f"I won't send this {what} prompt. {SKIP_EFFECTS.get(item.kind, '')}"
    return {
        "title": plain("Skip this prompt?", 100),
        "text": plain(text.strip(), 300),
        "confirm": plain("Skip it", 30),
        "deny": plain("Keep it", 30),
    }


def _waiting(waiting: tuple[Waiting, ...]) -> list[dict[str, Any]]:
    blocks = [_divider(), _title(":hourglass_flowing_sand: Waiting to hear back")]
    if not waiting:
        blocks.append(context("Nothing to wait on. Interviews appear here once they've happened."))
        return blocks
    groups = _pack([_waiting_line(item) for item in waiting[:WAITING_SHOWN]])[:WAITING_SECTIONS]
    blocks.extend(section("\n".join(group)) for group in groups)
    shown = sum(len(group) for group in groups)
    blocks.extend(_more(len(waiting) - shown, "; `/interview list` shows them all."))
    example = waiting[0].number  # an example the user can use as it stands
    blocks.append(context(f"`/interview heard {example} offer` records what you heard back."))
    return blocks


def _waiting_line(item: Waiting) -> str:
    if item.days_since == 0:
        since = "today"
    elif item.days_since == 1:
        since = "1 day ago"
    else:
        since = f"{item.days_since} days ago"
    names = ", ".join(escape(n) for n in item.interviewers[:NAMES_SHOWN])
    if len(item.interviewers) > NAMES_SHOWN:
        names += f" +{len(item.interviewers) - NAMES_SHOWN}"
    label = _interview_label(item.number, item.company, item.role)
    if item.round > 1:
        label += f" · round {item.round}"
    return f"• {label} · {since} · {names}"


def _pack(lines: Iterable[str]) -> list[list[str]]:
    """Lines grouped into as few sections as fit Slack's per-section text limit."""
    groups: list[list[str]] = []
    size = 0
    for line in lines:
        line = line[: SECTION_TEXT_LIMIT - 1]
        if groups and size + 1 + len(line) <= SECTION_TEXT_LIMIT:
            groups[-1].append(line)
            size += 1 + len(line)
        else:
            groups.append([line])
            size = len(line)
    return groups


def _more(hidden: int, rest: str) -> list[dict[str, Any]]:
    return [context(f"…and {hidden} more{rest}")] if hidden > 0 else []


def _footer(zone: ZoneInfo, day_hours: tuple[time, time]) -> str:
    start, end = (t.strftime("%-I:%M %p") for t in day_hours)
    return (
        f"Times are {zone_label(zone)} · I only DM you between {start} and {end} · "
        "`/interview stats` for your numbers"
    )
