"""`python -m slackbot try`: type to the bot as a Slack user would, with no Slack at all.

The real app runs against the packaged stand-in with a clock that moves only when told to.
Lines are read one at a time: `/interview …` runs the command, `press 3` clicks button [3],
`wait 2h` and `next` move the clock (prompts that come due are sent), any other text is a
reply in the DM. Every message the bot shows is printed as `preview` prints it.
"""

from __future__ import annotations

import logging
import re
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any, TextIO

from slackbot.preview import USER, ZONE, Entry, Preview, readable
from slackbot.sandbox.answers import SentRequest, visible_text

HELP = """\
Type what you would type in Slack, one line at a time:
  /interview help                 any /interview command
  Maria: their move to events     anything else is a reply in your DM with the bot
  thread: sent all                a reply in the thread of the latest prompt
  press 3                         click button [3] (or: press Mark sent)
  set Company = Globex            fill a field of the open form, then: submit (or: close)
  wait 2h                         let time pass (m, h, d); prompts due meanwhile arrive
  next                            jump to the next prompt and receive it
  home                            open the bot's Home tab
  help, quit"""
WAIT = re.compile(r"^wait\s+(\d+)\s*([mhd])\w*$", re.IGNORECASE)
UNITS = {"m": "minutes", "h": "hours", "d": "days"}


@dataclass
class Button:
    label: str
    element: dict[str, Any]
    message: dict[str, Any] | None = None
    view: dict[str, Any] | None = None
    ephemeral_blocks: list[dict[str, Any]] | None = None


class TrySession:
    """One person's conversation with the bot, typed line by line."""

    def __init__(self, preview: Preview, out: Callable[[str], None]) -> None:
        self.preview = preview
        self.out = out
        self.buttons: list[Button] = []
        self.form: dict[str, Any] | None = None
        self.filled: dict[str, Any] = {}
        self._views_seen = 0
        self._responses_seen = 0
        self._printed = 0

    # -- reading what the user types ---------------------------------------------------------
    def handle(self, line: str) -> bool:
        """Act on one typed line; False when the user is done."""
        line = line.strip()
        lowered = line.lower()
        if not line:
            return True
        if lowered in ("quit", "exit"):
            return False
        if lowered == "help":
            self.out(HELP)
        elif line.startswith("/interview"):
            self._command(line.removeprefix("/interview").strip())
        elif lowered.startswith("press "):
            self._press(line[6:].strip())
        elif lowered.startswith("set "):
            self._set(line[4:])
        elif lowered in ("submit", "close"):
            self._finish_form(submit=lowered == "submit")
        elif WAIT.match(lowered):
            self._wait(WAIT.match(lowered))
        elif lowered == "next":
            self._next()
        elif lowered == "home":
            self._answer(self.preview.slack.open_home(USER))
            self._show_home()
        elif lowered.startswith("thread:"):
            self._reply(line.split(":", 1)[1].strip(), in_thread=True)
        else:
            self._reply(line, in_thread=False)
        return True

    def _command(self, text: str) -> None:
        reply = self.preview.slack.command(USER, text)
        self._answer(reply, label="only you can see this")

    def _reply(self, text: str, *, in_thread: bool) -> None:
        prompts = [m for m in self.preview.fake.dm_messages(USER) if m.get("metadata")]
        if in_thread and not prompts:
            self.out("(no prompt to reply to yet: try `next`)")
            return
        thread = prompts[-1]["ts"] if in_thread else None
        self._answer(self.preview.slack.dm(USER, text, thread_ts=thread))

    def _press(self, which: str) -> None:
        button = self._find_button(which)
        if button is None:
            self.out(f"(no button {which!r} on screen; buttons show as [number label])")
            return
        reply = self.preview.slack.click(
            USER,
            action_id=button.element["action_id"],
            value=button.element.get("value"),
            message=button.message,
            view=button.view,
            ephemeral_blocks=button.ephemeral_blocks,
        )
        self._answer(reply, label="only you can see this")

    def _find_button(self, which: str) -> Button | None:
        if which.isdigit() and 0 < int(which) <= len(self.buttons):
            return self.buttons[int(which) - 1]
        matches = [b for b in self.buttons if b.label.lower() == which.lower()]
        if len(matches) > 1:
            number = self.buttons.index(matches[-1]) + 1
            self.out(f"(several say {matches[-1].label}: pressing [{number}]; use a number)")
        return matches[-1] if matches else None

    # -- forms ---------------------------------------------------------------------------------
    def _set(self, assignment: str) -> None:
        name, _, value = assignment.partition("=")
        block = self._field(name.strip())
        if self.form is None or block is None:
            self.out("(no open form has that field: `set <field> = <value>`)")
            return
        self.filled[block["block_id"]] = value.strip() or None

    def _field(self, name: str) -> dict[str, Any] | None:
        for block in (self.form or {}).get("blocks") or []:
            label = str((block.get("label") or {}).get("text", "")).lower()
            if block.get("type") == "input" and name.lower() in (label, block["block_id"]):
                return block
        return None

    def _finish_form(self, *, submit: bool) -> None:
        if self.form is None:
            self.out("(no form is open)")
            return
        form, values = self.form, self.filled
        self.form, self.filled = None, {}
        if not submit:
            self.preview.slack.close_view(USER, form)
            return
        reply = self.preview.slack.submit(USER, form, values)
        errors = reply.json().get("errors") if reply.body else None
        if errors:
            self.form, self.filled = form, values
            self.out("The form stays open:")
            for field, message in errors.items():
                self.out(f"   {field}: {message}")
        self._answer(reply, quiet_ack=True)

    # -- time ----------------------------------------------------------------------------------
    def _wait(self, match: re.Match[str] | None) -> None:
        assert match is not None
        end = self.preview.clock() + timedelta(**{UNITS[match[2]]: int(match[1])})
        while self.preview.step(end):  # each prompt arrives at its own time
            pass
        self.preview.clock.set(end)
        self._answer(None)
        self.out(f"(it is now {self.preview.clock().astimezone(ZONE):%a %b %-d, %-I:%M %p})")

    def _next(self) -> None:
        due = self.preview.next_due()
        if due is None:
            self.out("(no prompt is waiting: log an interview first)")
            return
        self.preview.step(due + timedelta(days=400))
        self._answer(None)

    # -- what the bot shows ----------------------------------------------------------------------
    def _answer(
        self, reply: SentRequest | None, *, label: str = "", quiet_ack: bool = False
    ) -> None:
        if reply is not None and reply.body and not quiet_ack:
            payload = reply.json()
            if payload.get("text") or payload.get("blocks"):
                self.preview.bot(payload, label=f"Follow-Up Coach ({label})")
        self.preview.settle(wait=2.0)
        self._responses()
        self._print(self.preview.entries[self._printed :])
        self._printed = len(self.preview.entries)
        self._show_new_form()

    def _responses(self) -> None:
        """What the bot posted to Slack's response URLs: replies only the user can see."""
        posted = self.preview.fake.all_responses()
        for payload in posted[self._responses_seen :]:
            if payload.get("text") or payload.get("blocks"):
                self.preview.bot(payload, label="Follow-Up Coach (only you can see this)")
        self._responses_seen = len(posted)

    def _print(self, entries: Iterable[Entry]) -> None:
        for entry in entries:
            when = entry.at.astimezone(ZONE).strftime("%a %b %-d, %-I:%M %p")
            self.out(f"── {when} · {entry.who}")
            message = self._message_for(entry)
            body = readable(entry.blocks, button=self._numbering(message)) or entry.text
            self.out("\n".join("   " + line for line in body.splitlines()))

    def _message_for(self, entry: Entry) -> dict[str, Any]:
        for message in reversed(self.preview.fake.dm_messages(USER)):
            if message.get("blocks") == entry.blocks:
                return {"where": "message", "message": message}
        return {"where": "ephemeral", "blocks": entry.blocks}

    def _numbering(self, where: dict[str, Any]) -> Callable[[dict[str, Any]], str]:
        def number(element: dict[str, Any]) -> str:
            label = str(element["text"]["text"])
            self.buttons.append(
                Button(
                    label,
                    element,
                    message=where.get("message"),
                    view=where.get("view"),
                    ephemeral_blocks=where.get("blocks") if where["where"] == "ephemeral" else None,
                )
            )
            return f"[{len(self.buttons)} {label}]"

        return number

    def _show_new_form(self) -> None:
        views = self.preview.fake.opened_views()
        if len(views) <= self._views_seen:
            return
        self._views_seen = len(views)
        self.form, self.filled = views[-1], {}
        self.out(f"── form: {views[-1].get('title', {}).get('text', '')}")
        for block in views[-1].get("blocks") or []:
            if block.get("type") == "input":
                shown = _initial(block["element"])
                self.out(f"   {block['label']['text']}: {shown}")
            elif block.get("type") in ("section", "context"):
                self.out("   " + visible_text({"blocks": [block]}).replace("\n", "\n   "))
        self.out("   (set <field> = <value>, then submit or close)")

    def _show_home(self) -> None:
        home = self.preview.fake.home_view(USER)
        if home is None:
            return
        self.out("── Home tab")
        where = {"where": "view", "view": home}
        body = readable(home.get("blocks") or [], button=self._numbering(where))
        self.out("\n".join("   " + line for line in body.splitlines()))


def _initial(element: dict[str, Any]) -> str:
    for key in ("initial_value", "initial_date", "initial_time"):
        if element.get(key):
            return str(element[key])
    option = element.get("initial_option")
    return str(option["text"]["text"]) if option else "(empty)"


def _typed(stdin: TextIO) -> Iterator[str]:
    if not stdin.isatty():
        yield from stdin
        return
    while True:
        try:
            yield input("you › ")
        except EOFError:
            return


def main(stdin: TextIO = sys.stdin, out: Callable[[str], None] = print) -> int:
    logging.getLogger().setLevel(logging.ERROR)
    out("Follow-Up Coach, against a stand-in for Slack: nothing here reaches Slack.")
    out(HELP)
    with tempfile.TemporaryDirectory() as workdir:
        preview = Preview(Path(workdir))
        session = TrySession(preview, out)
        try:
            for line in _typed(stdin):
                if not session.handle(line):
                    break
        except KeyboardInterrupt:
            pass
        finally:
            preview.close()
    return 0
