"""The one shape of each kind of listener: buttons, modals and `/interview` subcommands.

A button is acknowledged at once, then its handler runs with a `Press`. A modal's handler
gets a `Submission` and returns an `Answer`; a subcommand gets a `Request` and returns a
`Reply`. Either way the wrapper acknowledges exactly once, with the answer's body, then runs
what the answer leaves for afterwards (Slack calls that must not delay the acknowledgement).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from slack_bolt import Ack, BoltContext, Respond
from slack_sdk import WebClient

from slackbot.blocks.button_values import read_id, read_id_value
from slackbot.blocks.modal_state import state_values
from slackbot.interactions.actor import Actor, actor_for
from slackbot.interactions.modals import open_view
from slackbot.view_seal import sealed_metadata


@dataclass(frozen=True)
class Answer:
    """The acknowledgement's body (a message, or a form's errors), then what to do after it."""

    body: dict[str, Any] = field(default_factory=dict)
    then: Callable[[], None] | None = None


Reply = dict[str, Any] | Answer


def form_errors(errors: dict[str, str]) -> Answer:
    """Keep the modal open with these messages under its fields (keyed by block id)."""
    return Answer({"response_action": "errors", "errors": errors})


def opening(actor: Actor, trigger_id: str, view: dict[str, Any]) -> Answer:
    """Acknowledge with nothing, then open the modal (the trigger lasts 3 seconds)."""
    return Answer(then=lambda: open_view(actor, trigger_id, view))


def acknowledge(ack: Ack, reply: Reply | None) -> None:
    answer = reply if isinstance(reply, Answer) else Answer(reply or {})
    ack(**answer.body)
    if answer.then is not None:
        answer.then()


@dataclass(frozen=True)
class Press:
    """A button press or menu choice, already acknowledged, and who made it."""

    actor: Actor
    body: dict[str, Any]
    action: dict[str, Any]
    respond: Respond

    @property
    def value(self) -> str:
        return str(self.action.get("value") or "")

    @property
    def value_id(self) -> int:
        """The id the button carries; -1 (which matches nothing) when it carries none."""
        found = read_id(self.action.get("value"))
        return -1 if found is None else found

    @property
    def id_and_word(self) -> tuple[int, str]:
        """A value like `"12:offer"` as (12, "offer"); (-1, "") when malformed."""
        found, word = read_id_value(self.value)
        return (-1, "") if found is None else (found, word)

    @property
    def trigger_id(self) -> str:
        return str(self.body.get("trigger_id") or "")

    def replace(self, message: dict[str, Any]) -> None:
        """Change the message that was clicked (its own response URL points at it)."""
        self.respond(replace_original=True, **message)

    def tell(self, message: dict[str, Any]) -> None:
        """A private note beside the clicked message, which stays as it is."""
        self.respond(replace_original=False, **message)


def on_press(handler: Callable[[Press], None]) -> Callable[..., None]:
    """A Bolt action listener that acknowledges at once, then runs `handler` for the actor."""

    def listener(
        ack: Ack,
        body: dict[str, Any],
        action: dict[str, Any],
        respond: Respond,
        context: BoltContext,
        client: WebClient,
    ) -> None:
        ack()
        handler(Press(actor_for(body, context, client), body, action, respond))

    return _named(listener, handler)


@dataclass(frozen=True)
class Submission:
    """A modal submitted (or closed), who sent it, and our own metadata back from it."""

    actor: Actor
    view: dict[str, Any]

    @property
    def values(self) -> dict[str, Any]:
        return state_values(self.view)

    @property
    def metadata(self) -> dict[str, Any]:
        """Our private_metadata (its seal was checked when the request arrived)."""
        return sealed_metadata(self.view)


def on_submit(handler: Callable[[Submission], Answer]) -> Callable[..., None]:
    """A Bolt view listener: the handler decides the answer, which is acknowledged once."""

    def listener(
        ack: Ack,
        body: dict[str, Any],
        view: dict[str, Any],
        context: BoltContext,
        client: WebClient,
    ) -> None:
        acknowledge(ack, handler(Submission(actor_for(body, context, client), view)))

    return _named(listener, handler)


def on_close(handler: Callable[[Submission], None]) -> Callable[..., None]:
    """A Bolt view_closed listener: nothing to answer, so it acknowledges before anything else."""

    def listener(
        ack: Ack,
        body: dict[str, Any],
        view: dict[str, Any],
        context: BoltContext,
        client: WebClient,
    ) -> None:
        ack()
        handler(Submission(actor_for(body, context, client), view))

    return _named(listener, handler)


@dataclass(frozen=True)
class Request:
    """One `/interview` subcommand: who sent it, the text after the subcommand, and where from."""

    actor: Actor
    args: str
    trigger_id: str = ""
    response_url: str | None = None
    channel_id: str | None = None
    command: dict[str, Any] = field(default_factory=dict)


def _named(listener: Callable[..., None], handler: Callable[..., object]) -> Callable[..., None]:
    # Not functools.wraps: Bolt picks the arguments to pass from the listener's signature,
    # and wraps would make it read the handler's instead.
    listener.__name__ = handler.__name__
    listener.__doc__ = handler.__doc__
    return listener
