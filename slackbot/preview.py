"""`python -m slackbot preview`: the product in seconds, with no Slack at all.

The real app and dispatcher run against the packaged Slack stand-in with a simulated clock. An
example interview is logged, one prompt is answered as a user would, and every message the user
would see over three weeks is printed in order with its local time.
"""

from __future__ import annotations

import json
import logging
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from pathlib import Path
from time import monotonic, sleep
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import func, select

from slackbot.blocks import ids
from slackbot.clock import ManualClock, system_clock
from slackbot.config import Settings
from slackbot.domain.slack_text import decode_entities
from slackbot.models import Prompt, PromptKind, PromptStatus
from slackbot.runtime import Runtime
from slackbot.sandbox import FakeSlack, SlackSender
from slackbot.sandbox.view_inputs import find_element

USER = "U0PREVIEW"
ZONE = ZoneInfo("America/Chicago")
# Credentials of the local stand-in only; they mean nothing to Slack.
TOKEN = "xoxb-preview"  # noqa: S105
SECRET = "preview-secret"  # noqa: S105
LOG = (
    "log Initrode | Data Engineer | today 2pm | "
    "Maria Lopez (Engineering Director), Sanjay Rao (Recruiter) <sanjay@initrode.example>"
)
SPAN = timedelta(weeks=3)
INVITE = """BEGIN:VCALENDAR\r
PRODID:-//Google Inc//Google Calendar 70.9054//EN\r
VERSION:2.0\r
METHOD:REQUEST\r
BEGIN:VEVENT\r
DTSTART;TZID=America/New_York:{day}T120000\r
DTEND;TZID=America/New_York:{day}T124500\r
UID:preview-globex@google.com\r
SEQUENCE:0\r
ORGANIZER;CN=Priya Natarajan:mailto:priya@globex.example\r
ATTENDEE;CN=Priya Natarajan:mailto:priya@globex.example\r
ATTENDEE;CN=Hank Scorpio:mailto:hank@globex.example\r
ATTENDEE;CN=dana@gmail.com:mailto:dana@gmail.com\r
SUMMARY:Interview: Dana Whitfield <> Globex (Platform Engineer)\r
DESCRIPTION:Join with Google Meet: https://meet.google.com/xqd-bfpu-kzn\r
END:VEVENT\r
END:VCALENDAR\r
"""


@dataclass
class Entry:
    at: datetime
    who: str
    text: str
    blocks: list[dict[str, Any]]
    title: str = ""  # a modal's title


class Preview:
    def __init__(self, workdir: Path) -> None:
        today = system_clock().astimezone(ZONE).date()
        self.start = datetime.combine(today, time(9, 0), ZONE)
        self.clock = ManualClock(self.start)
        self.fake = FakeSlack(tokens=(TOKEN,), clock=lambda: self.clock().timestamp())
        self.fake.start()
        self.fake.add_user(USER, name="dana", real_name="Dana Whitfield", tz=ZONE.key)
        settings = Settings.from_env(
            {
                "SLACK_BOT_TOKEN": TOKEN,
                "SLACK_SIGNING_SECRET": SECRET,
                "SLACK_API_URL": self.fake.base_url,
                "DATABASE_URL": f"sqlite:///{workdir / 'preview.db'}",
            }
        )
        self.runtime = Runtime(settings, clock=self.clock, host="127.0.0.1", port=0)
        self.runtime.start(schedule=False)
        self.slack = SlackSender(self.runtime.url + "/slack/events", SECRET, fake=self.fake)
        self.entries: list[Entry] = []
        self._seen: dict[str, str] = {}

    def run(self) -> list[Entry]:
        try:
            self.you(f"/interview {LOG}")
            reply = self.slack.command(USER, LOG)
            self.bot(reply.json(), label="Follow-Up Coach (only you can see this)")
            self._share_invite()
            self._make_onsite()
            self._until_first_prompt()
            self._answer_thank_you()
            self._until_kind(PromptKind.NUDGE)
            self._answer_nudge()
            self._until_kind(PromptKind.FOLLOW_UP)
            self._send_draft(ids.DRAFT_FOLLOW_UP, "(clicks Draft follow-up)")
            self._until_kind(PromptKind.CLOSURE)
            self._send_draft(ids.DRAFT_CLOSURE, "(clicks Draft closure note)")
            self._until(self.start + SPAN)
        finally:
            self.close()
        return self.entries

    def close(self) -> None:
        self.runtime.stop()
        self.fake.stop()

    # -- the user's side ---------------------------------------------------------------------
    def _share_invite(self) -> None:
        day = (self.start + timedelta(days=2)).strftime("%Y%m%d")
        self.you("(drops globex-interview.ics, from their calendar, into the DM)")
        content = INVITE.format(day=day).encode()
        self.slack.share_file(USER, name="globex-interview.ics", content=content)
        self.settle()
        answer = self.fake.dm_messages(USER)[-1]
        self.you("(clicks Log it)")
        self.slack.click(USER, action_id=ids.INVITE_LOG, message=answer)
        self.settle()

    def _prompts(self) -> list[dict[str, Any]]:
        return [m for m in self.fake.dm_messages(USER) if m.get("metadata")]

    def _make_onsite(self) -> None:
        """The interview was on-site: set that in the edit form, so the card path shows."""
        self.you("/interview edit 1   (sets Format to On-site and saves)")
        reply = self.slack.command(USER, "edit 1")
        view = self._new_view(0)
        self.slack.submit(USER, view, {ids.F_FORMAT: "on-site"})
        posts = self._wait(lambda: self.fake.responses(reply.response_url or ""))
        if posts:
            self.bot(posts[-1], label="Follow-Up Coach (only you can see this)")

    def _answer_thank_you(self) -> None:
        prompt = self._prompts()[0]
        self.clock.advance(timedelta(minutes=20))
        topic = "Maria: their move to event sourcing"
        self.you(f"(replies in the thread) {topic}")
        self.slack.dm(USER, topic, thread_ts=prompt["ts"])
        self.settle()
        self.clock.advance(timedelta(minutes=40))
        prompt = self._prompts()[0]
        _, button = find_element(prompt["blocks"], ids.MARK_SENT)
        self.you("(clicks Draft note for Maria Lopez)")
        view = self._open_view(ids.DRAFT_NOTE, button["value"], prompt)
        self._submit(view)

    def _answer_nudge(self) -> None:
        """The next morning, from the nudge: a handwritten card for the one still to thank."""
        prompt = self._prompts()[-1]
        self.clock.advance(timedelta(minutes=10))
        _, card = find_element(prompt["blocks"], ids.DRAFT_CARD)
        self.you("(clicks Draft card for Sanjay Rao)")
        view = self._open_view(ids.DRAFT_CARD, card["value"], prompt)
        topic = "how the team plans its hiring"
        self.you(f"(types in the modal what they talked about: {topic}, and presses Enter)")
        self.slack.type_into(USER, view, block_id=ids.DRAFT_TOPIC, value=topic)
        view = self._wait(lambda: self._changed(view)) or view
        self.bot(view, label="Follow-Up Coach (updates the modal)")
        self._submit(view, "(writes the card by hand, mails it, then presses Mark sent)")

    def _send_draft(self, action_id: str, doing: str) -> None:
        prompt = self._prompts()[-1]
        self.clock.advance(timedelta(minutes=15))
        self.you(doing)
        _, element = find_element(prompt["blocks"], action_id)
        self._submit(self._open_view(action_id, element.get("value"), prompt))

    def _open_view(self, action_id: str, value: str | None, message: dict[str, Any]) -> Any:
        before = len(self.fake.opened_views())
        self.slack.click(USER, action_id=action_id, value=value, message=message)
        view = self._new_view(before)
        self.bot(view, label="Follow-Up Coach (opens a modal)")
        return view

    def _submit(
        self, view: dict[str, Any], doing: str = "(sends the note, then presses Mark sent)"
    ) -> None:
        self.you(doing)
        self.slack.submit(USER, view)
        self.settle()

    def _new_view(self, before: int) -> Any:
        views = self._wait(lambda: len(self.fake.opened_views()) > before)
        return self.fake.opened_views()[-1] if views else {}

    def _changed(self, view: dict[str, Any]) -> dict[str, Any] | None:
        current = next((v for v in self.fake.opened_views() if v["id"] == view["id"]), view)
        return current if current["hash"] != view["hash"] else None

    @staticmethod
    def _wait(check: Any, within: float = 5.0) -> Any:
        deadline = monotonic() + within
        while not (found := check()) and monotonic() < deadline:
            sleep(0.01)
        return found

    def settle(self, wait: float = 5.0, quiet: float = 0.3) -> None:
        """Replies land just after the acknowledgement, some in several steps (a thread reply,
        then the prompt updated): collect until nothing has changed for `quiet` seconds, as a
        person would read everything before acting again."""
        deadline = monotonic() + wait
        last_change: float | None = None  # quiet only counts once something has arrived
        while monotonic() < deadline and (last_change is None or monotonic() - last_change < quiet):
            if self.collect():
                last_change = monotonic()
            sleep(0.01)

    def you(self, text: str) -> None:
        self.entries.append(Entry(self.clock(), "You", text, []))

    def bot(self, message: dict[str, Any], *, label: str = "Follow-Up Coach") -> None:
        title = (message.get("title") or {}).get("text", "")
        self.entries.append(
            Entry(self.clock(), label, message.get("text", ""), message.get("blocks") or [], title)
        )

    # -- time passing -------------------------------------------------------------------------
    def next_due(self) -> datetime | None:
        with self.runtime.services.sessions() as session:
            return session.scalar(
                select(func.min(Prompt.due_at)).where(Prompt.status == PromptStatus.PENDING)
            )

    def _until_first_prompt(self) -> None:
        while not self._prompts() and self.step(self.start + SPAN):
            pass

    def _until_kind(self, kind: PromptKind) -> None:
        """Let time pass until the next prompt of this kind has gone out."""
        while self._sent(kind) == 0 and self.step(self.start + SPAN):
            pass

    def _sent(self, kind: PromptKind) -> int:
        with self.runtime.services.sessions() as session:
            query = select(func.count()).where(
                Prompt.kind == kind, Prompt.status == PromptStatus.SENT
            )
            return int(session.scalar(query) or 0)

    def _until(self, end: datetime) -> None:
        while self.step(end):
            pass

    def step(self, end: datetime) -> bool:
        due = self.next_due()
        if due is None or due > end:
            return False
        self.clock.set(max(due, self.clock()))
        self.runtime.dispatcher.poll()
        self.collect()
        return True

    def collect(self) -> bool:
        """Record new messages, and messages the bot changed in place; True if any."""
        found = False
        for message in self.fake.dm_messages(USER):
            shown = json.dumps(message.get("blocks"), sort_keys=True)
            if self._seen.get(message["ts"]) == shown:
                continue
            label = "Follow-Up Coach"
            if message["ts"] in self._seen:
                label = "Follow-Up Coach (updates that message)"
            elif message.get("thread_ts"):
                label = "Follow-Up Coach (in the thread)"
            self._seen[message["ts"]] = shown
            self.bot(message, label=label)
            found = True
        return found


def render_text(entries: list[Entry]) -> str:
    lines: list[str] = []
    for entry in entries:
        when = entry.at.astimezone(ZONE).strftime("%a %b %-d, %-I:%M %p")
        lines.append(f"── {when} ({ZONE.key}) · {entry.who}")
        body = readable(entry.blocks) if entry.blocks else entry.text
        if entry.title:
            body = f"┌ {entry.title}\n{body}"
        lines.extend("   " + line for line in body.splitlines())
        lines.append("")
    return "\n".join(lines)


def _bracketed(element: dict[str, Any]) -> str:
    return f"[{element['text']['text']}]"


def readable(
    blocks: list[dict[str, Any]], *, button: Callable[[dict[str, Any]], str] = _bracketed
) -> str:
    """Block Kit as a person reads it: text, then buttons as [Label]."""
    out: list[str] = []
    for block in blocks:
        if block.get("type") == "input":
            out.append(f"{block['label']['text']}")
            value = block["element"].get("initial_value") or "(empty)"
            out.extend("  │ " + line for line in value.splitlines())
        elif block.get("type") in ("section", "header") and block.get("text"):
            out.append(decode_entities(block["text"]["text"]))
        elif block.get("type") == "context":
            out.append(
                "  " + " ".join(decode_entities(e.get("text", "")) for e in block["elements"])
            )
        elif block.get("type") == "actions":
            out.append("  " + " ".join(_element(e, button) for e in block["elements"]))
    return "\n".join(out)


def _element(element: dict[str, Any], button: Callable[[dict[str, Any]], str]) -> str:
    """A button as [Label], a menu as [Chosen ▾]."""
    if isinstance(element.get("text"), dict):
        return button(element)
    chosen = element.get("initial_option") or {"text": element.get("placeholder") or {}}
    return f"[{chosen['text'].get('text', '')} ▾]"


def main(*, as_json: bool = False) -> int:
    logging.getLogger().setLevel(logging.ERROR)
    with tempfile.TemporaryDirectory() as tmp:
        entries = Preview(Path(tmp)).run()
    if as_json:
        print(
            json.dumps(
                [
                    {
                        "at": e.at.astimezone(ZONE).isoformat(),
                        "from": e.who,
                        "text": e.text,
                        "blocks": e.blocks,
                    }
                    for e in entries
                ],
                indent=2,
            )
        )
    else:
        print(render_text(entries))
    return 0
