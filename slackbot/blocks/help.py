"""The `/interview help` reply."""

from __future__ import annotations

from typing import Any

from slackbot.blocks.text import context, ephemeral, escape, section

COMMANDS: tuple[tuple[str, str], ...] = (
    ("log", "open the form to log an interview"),
    (
        "log Initrode | Data Engineer | tomorrow 10:00 | Maria Lopez (Director), Sanjay Rao",
        "log one in a line",
    ),
    ("list", "your open interviews, with their numbers"),
    ("edit 3", "change interview #3"),
    ("heard 3 offer", "record what you heard back (next-round, offer, rejected, withdrawn)"),
    ("cancel 3", "delete interview #3 and its reminders"),
    ("templates", "your note templates (`templates popular`: the most saved)"),
    ("template new", "write a template (also `edit`, `copy`, `delete`, `use <name>`)"),
    ("template share <name>", "share one of your templates in this channel"),
    ("settings", "time zone, day hours, follow-up timing, your signature"),
    ("stats", "your numbers"),
    ("export", "a CSV of your data, sent to you as a DM"),
    ("export calendar", "your upcoming prompts as a calendar file (.ics)"),
    ("forget", "delete everything Follow-Up Coach holds about you"),
)


def build_help(*, unknown: str | None = None) -> dict[str, Any]:
    lines = [f"• `/interview {escape(usage)}` — {escape(what)}" for usage, what in COMMANDS]
    intro = (
        f"I don't know `{escape(unknown)}`. Here's what I can do:"
        if unknown
        else "*Follow-Up Coach* — I'll prompt you to thank each interviewer, follow up, "
        "and close the loop."
    )
    blocks = [
        section(intro),
        section("\n".join(lines)),
        context(
            "Drop an interview's calendar invite (.ics) into our DM to log it. "
            "After a prompt arrives you can also reply there, e.g. `sent all`."
        ),
    ]
    fallback = intro + "\n" + "\n".join(lines)
    return ephemeral(fallback, blocks)
