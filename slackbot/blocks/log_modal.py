"""The "Log an interview" modal: empty, filled from an interview to edit, or from an invite."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from slackbot.blocks import ids
from slackbot.blocks.modal_state import entered
from slackbot.blocks.text import plain
from slackbot.blocks.timefmt import zone_key, zone_label
from slackbot.domain.forms import LogForm
from slackbot.domain.invite_drafts import LogDraft
from slackbot.models import Interview, InterviewFormat


def build_log_modal(
    *,
    zone: ZoneInfo,
    now: datetime,
    interview: Interview | None = None,
    company: str | None = None,
    role: str | None = None,
    response_url: str | None = None,
    draft: LogDraft | None = None,
    previous_id: int | None = None,
) -> dict[str, Any]:
    """The form: empty, filled from an interview to edit, or from an invite's `draft`."""
    if draft is not None:
        company, role = draft.company, draft.role
    local_now = now.astimezone(zone)
    when = interview.starts_at if interview else (draft.starts_at if draft else None)
    start = when.astimezone(zone) if when else None
    metadata: dict[str, Any] = {
        "interview_id": interview.id if interview else None,
        "response_url": response_url,
        "previous_id": previous_id,
    }
    if draft is not None and draft.uid:
        metadata["invite"] = [draft.uid, draft.sequence]
    source = interview.interviewers if interview else (draft.interviewers if draft else [])
    people = "\n".join(", ".join(x for x in (p.name, p.title, p.email) if x) for p in source)
    length = interview.length_minutes if interview else (draft.length_minutes if draft else 60)
    kind = interview.format if interview else (draft.format if draft else None)
    blocks = [
        _text_input(
            ids.F_COMPANY, "Company", interview.company if interview else company, max_length=100
        ),
        _text_input(ids.F_ROLE, "Role", interview.role if interview else role, max_length=100),
        {
            "type": "input",
            "block_id": ids.F_DATE,
            "label": plain("Date"),
            "hint": plain(f"In your time zone ({zone_label(zone)})"),
            "element": {
                "type": "datepicker",
                "action_id": ids.F_DATE,
                "initial_date": (start or local_now).date().isoformat(),
            },
        },
        {
            "type": "input",
            "block_id": ids.F_TIME,
            "label": plain("Time"),
            "hint": plain(f"In your time zone ({zone_label(zone)})"),
            "element": {
                "type": "timepicker",
                "action_id": ids.F_TIME,
                "timezone": zone_key(zone),
                **({"initial_time": start.strftime("%H:%M")} if start else {}),
            },
        },
        _text_input(
            ids.F_LENGTH,
            "Length in minutes",
            str(length),
            optional=True,
            max_length=3,
        ),
        _text_input(
            ids.F_INTERVIEWERS,
            "Interviewers",
            people or None,
            multiline=True,
            hint="One per line: Name, Title, email — title and email are optional.",
            placeholder="Maria Lopez, Director, maria@initrode.example",
        ),
        _format_input(kind),
        _date_input(
            ids.F_DECISION,
            "Decision expected by",
            interview.decision_by.isoformat() if interview and interview.decision_by else None,
        ),
        _text_input(
            ids.F_NOTES,
            "Notes",
            interview.notes if interview else None,
            multiline=True,
            optional=True,
            max_length=2000,
        ),
    ]
    return {
        "type": "modal",
        "callback_id": ids.LOG_MODAL,
        "private_metadata": json.dumps(metadata),
        "title": plain("Edit interview" if interview else "Log an interview", 24),
        "submit": plain("Save", 24),
        "close": plain("Cancel", 24),
        "blocks": blocks,
    }


def _text_input(
    block_id: str,
    label: str,
    initial: str | None,
    *,
    multiline: bool = False,
    optional: bool = False,
    max_length: int | None = None,
    hint: str | None = None,
    placeholder: str | None = None,
) -> dict[str, Any]:
    element: dict[str, Any] = {
        "type": "plain_text_input",
        "action_id": block_id,
        "multiline": multiline,
    }
    if initial:
        element["initial_value"] = initial
    if max_length:
        element["max_length"] = max_length
    if placeholder:
        element["placeholder"] = plain(placeholder)
    block: dict[str, Any] = {
        "type": "input",
        "block_id": block_id,
        "label": plain(label),
        "optional": optional,
        "element": element,
    }
    if hint:
        block["hint"] = plain(hint, 2000)
    return block


def _format_input(current: str | None) -> dict[str, Any]:
    options = [
        {
            "text": plain(f.value.capitalize() if f != InterviewFormat.ONSITE else "On-site"),
            "value": f.value,
        }
        for f in InterviewFormat
    ]
    element: dict[str, Any] = {
        "type": "static_select",
        "action_id": ids.F_FORMAT,
        "options": options,
    }
    for option in options:
        if option["value"] == current:
            element["initial_option"] = option
    return {
        "type": "input",
        "block_id": ids.F_FORMAT,
        "label": plain("Format"),
        "optional": True,
        "element": element,
    }


def _date_input(block_id: str, label: str, initial: str | None) -> dict[str, Any]:
    element: dict[str, Any] = {"type": "datepicker", "action_id": block_id}
    if initial:
        element["initial_date"] = initial
    return {
        "type": "input",
        "block_id": block_id,
        "label": plain(label),
        "optional": True,
        "element": element,
    }


def read_log_state(values: dict[str, Any]) -> LogForm:
    """What the Log form holds, field by field, as typed or picked."""
    return LogForm(
        company=entered(values, ids.F_COMPANY),
        role=entered(values, ids.F_ROLE),
        date=entered(values, ids.F_DATE),
        time=entered(values, ids.F_TIME),
        length=entered(values, ids.F_LENGTH),
        interviewers=entered(values, ids.F_INTERVIEWERS),
        format=entered(values, ids.F_FORMAT),
        decision_by=entered(values, ids.F_DECISION),
        notes=entered(values, ids.F_NOTES),
    )
