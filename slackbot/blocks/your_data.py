"""Replies for `/interview stats`, `export` and `forget`, and the one-line stats summary."""

from __future__ import annotations

from typing import Any

from slackbot.blocks import ids
from slackbot.blocks.interviews import OUTCOME_LABELS
from slackbot.blocks.text import actions, button, context, ephemeral, escape, section
from slackbot.domain.export import Export
from slackbot.domain.forget import Forgotten
from slackbot.domain.stats import Stats

DMS_STAY = (
    "The messages I sent you earlier stay in Slack; you can delete them from our DM yourself."
)


def _plural(count: int, word: str, plural: str | None = None) -> str:
    return f"{count} {word if count == 1 else plural or word + 's'}"


def _percent(share: float) -> str:
    return f"{round(share * 100)}%"


def _days(days: float) -> str:
    rounded = round(days, 1)
    shown = f"{rounded:g}"
    return f"{shown} day" if shown == "1" else f"{shown} days"


def stats_line(stats: Stats) -> str:
    """One line for Home: the same numbers as `/interview stats`, in brief."""
    parts = [_plural(stats.interviews, "interview")]
    if stats.interviewers:
        thanks = f"{stats.thanked} of {stats.interviewers} interviewers thanked"
        if stats.prompt_thanks_share is not None:
            thanks += f" ({_percent(stats.prompt_thanks_share)} within 24 h)"
        parts.append(thanks)
    parts.append(_plural(stats.follow_ups, "follow-up"))
    if stats.took_place:
        heard = f"heard back on {stats.heard_back} of {stats.took_place}"
        if stats.median_days_to_hear is not None:
            heard += f" (median {_days(stats.median_days_to_hear)})"
        parts.append(heard)
    return "*Your numbers:* " + " · ".join(parts)


def build_stats(stats: Stats) -> dict[str, Any]:
    if not stats.interviews:
        text = "No numbers yet: log an interview with `/interview log` and they start here."
        return ephemeral(text, [section(text)])
    thanks = f"{stats.thanked} of {_plural(stats.interviewers, 'interviewer')}"
    if stats.prompt_thanks_share is not None:
        thanks += (
            f", {stats.thanked_within_24h} within 24 hours of the interview "
            f"({_percent(stats.prompt_thanks_share)} of those sent)"
        )
    heard = f"{stats.heard_back} of {_plural(stats.took_place, 'interview')}"
    if stats.heard_back_rate is not None:
        heard += f" ({_percent(stats.heard_back_rate)})"
    if stats.median_days_to_hear is not None:
        heard += f", median {_days(stats.median_days_to_hear)} after the interview"
    outcomes = (
        " · ".join(
            f"{count} {OUTCOME_LABELS[outcome].lower()}"
            for outcome, count in stats.outcomes.items()
        )
        or "none recorded yet"
    )
    lines = [
        "*Your numbers*",
        f"• Interviews logged: {stats.interviews}" + _applications(stats),
        f"• Thank-you notes sent: {thanks}",
        f"• Follow-ups sent: {stats.follow_ups}",
        f"• Heard back: {heard}",
        f"• Outcomes: {outcomes}",
    ]
    text = "\n".join(lines)
    return ephemeral(
        text,
        [section(text), context("Only you can see these. `/interview export` sends you the data.")],
    )


def build_export_sent(export: Export) -> dict[str, Any]:
    text = (
        f":page_facing_up: I've sent your export to our DM: "
        f"{_plural(export.interviews, 'interview')}, "
        f"{_plural(export.interviewers, 'interviewer')}, {_plural(export.prompts, 'prompt')}."
    )
    return ephemeral(text, [section(text)])


def export_comment(export: Export) -> str:
    return (
        f"Your Follow-Up Coach data: {_plural(export.interviews, 'interview')}, "
        f"{_plural(export.interviewers, 'interviewer')} and {_plural(export.prompts, 'prompt')}. "
        "Times are in your time zone."
    )


def build_calendar_sent(events: int) -> dict[str, Any]:
    text = (
        f":calendar: I've sent your upcoming prompts to our DM as a calendar file "
        f"({_plural(events, 'event')}). Open it to add them to your calendar."
    )
    return ephemeral(text, [section(text)])


def calendar_comment(events: int, zone: str) -> str:
    if not events:
        return "No prompts are coming up, so this calendar is empty for now."
    return (
        f"Your next {_plural(events, 'prompt')} from Follow-Up Coach, times in {zone}. "
        "Open the file to add them to your calendar."
    )


def build_export_usage(args: str) -> dict[str, Any]:
    text = (
        f":warning: I can export a CSV of your data or a calendar of your upcoming prompts, "
        f"not “{escape(args[:40])}”.\nFor example: `/interview export` or "
        "`/interview export calendar`"
    )
    return ephemeral(text, [section(text)])


def build_export_failed(error: str) -> dict[str, Any]:
    text = (
        f":warning: I couldn't send your export ({escape(error)}). Nothing was changed; "
        "please try `/interview export` again in a moment."
    )
    return ephemeral(text, [section(text)])


def build_forget_confirm() -> dict[str, Any]:
    text = (
        ":warning: Delete everything Follow-Up Coach holds about you in this workspace? "
        "Your interviews, interviewers, prompts, templates, shared templates and settings "
        "will be gone for good. " + DMS_STAY
    )
    return ephemeral(
        text,
        [
            section(text),
            actions(
                button("Delete everything", ids.DATA_FORGET_CONFIRM, "forget", style="danger"),
                button("Keep my data", ids.DATA_FORGET_KEEP, "keep"),
            ),
            context("`/interview export` first if you'd like a copy."),
        ],
    )


def build_forgotten(forgotten: Forgotten) -> dict[str, Any]:
    text = (
        ":wastebasket: Done. I deleted everything I held about you here "
        f"({_plural(forgotten.interviews, 'interview')}, "
        f"{_plural(forgotten.templates, 'template')}, your settings). {DMS_STAY} "
        "Log an interview any time to start again."
    )
    return ephemeral(text, [section(text)])


def build_forget_kept() -> dict[str, Any]:
    text = "Kept everything. Nothing was deleted."
    return ephemeral(text, [section(text)])


def _applications(stats: Stats) -> str:
    if stats.applications in (0, stats.interviews):
        return ""
    return f", for {stats.applications} application" + ("" if stats.applications == 1 else "s")
