"""The answer to a shared invite, as built: escaped, and honest about what it could not read."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from slackbot.blocks import ids
from slackbot.blocks.invites import build_invite_draft
from slackbot.domain.interviewer_lists import InterviewerInput
from slackbot.domain.invite_drafts import LogDraft, decode_draft

NOW = datetime(2026, 12, 2, 15, 0, tzinfo=UTC)
CHICAGO = ZoneInfo("America/Chicago")


def draft(**changes: object) -> LogDraft:
    fields: dict[str, object] = {
        "company": "Initech",
        "role": "Data Engineer",
        "starts_at": datetime(2026, 12, 3, 10, tzinfo=CHICAGO),
        "length_minutes": 60,
        "zone": "America/Chicago",
        "interviewers": (InterviewerInput(name="Maria Lopez", email="maria@initech.example"),),
    }
    fields.update(changes)
    return LogDraft(**fields)  # type: ignore[arg-type]


def buttons(message: dict) -> dict[str, dict]:
    return {
        e["action_id"]: e
        for b in message["blocks"]
        if b["type"] == "actions"
        for e in b["elements"]
    }


def test_invite_text_is_escaped_so_it_cannot_mention_anyone() -> None:
    message = build_invite_draft(
        draft(
            company="AT&T <!channel>",
            interviewers=(InterviewerInput(name="<@U0DANA001> Lee", email=None),),
        ),
        zone=CHICAGO,
        now=NOW,
    )

    assert "AT&amp;T &lt;!channel&gt;" in message["text"]
    assert "&lt;@U0DANA001&gt; Lee" in message["text"]
    shown = [b["text"]["text"] for b in message["blocks"] if b["type"] == "section"]
    assert not any("<!channel>" in text or "<@" in text for text in shown)


def test_a_complete_draft_offers_log_it_and_edit_first_carrying_the_draft() -> None:
    found = buttons(build_invite_draft(draft(), zone=CHICAGO, now=NOW))

    assert set(found) == {ids.INVITE_LOG, ids.INVITE_EDIT}
    assert decode_draft(found[ids.INVITE_LOG]["value"]) == draft()


def test_a_missing_role_sends_the_user_to_the_form() -> None:
    message = build_invite_draft(draft(role=None), zone=CHICAGO, now=NOW)

    assert "I couldn't tell the role from the invite" in message["text"]
    assert set(buttons(message)) == {ids.INVITE_EDIT}


def test_a_long_past_event_is_offered_with_log_it_anyway() -> None:
    old = draft(starts_at=NOW - timedelta(days=30))

    message = build_invite_draft(old, zone=CHICAGO, now=NOW)

    assert "That was a while ago. Log it anyway?" in message["text"]
    assert buttons(message)[ids.INVITE_LOG]["text"]["text"] == "Log it anyway"
