"""The shapes Slack's payloads always have, so listeners can read them without guarding each key.

Slack never sends a view that is a string or a command without its user; a body like that was
built by hand, and is refused whole rather than half-read.
"""

from __future__ import annotations

import re
from typing import Any

# Interaction types and what each must carry besides its user and workspace.
INTERACTIONS = frozenset(
    {
        "block_actions",
        "view_submission",
        "view_closed",
        "block_suggestion",
        "message_action",
        "shortcut",
        "interactive_message",
    }
)
# Keys that, when present, are objects (and lists of objects) in every interaction payload.
OBJECTS = (
    "team",
    "enterprise",
    "container",
    "channel",
    "message",
    "view",
    "state",
    "event",
    "user",
)
LISTS = ("actions", "response_urls", "authorizations")
STRINGS = ("trigger_id", "response_url", "callback_id", "action_id", "value", "api_app_id")
# Slack's user, workspace and organisation ids: short, letters and digits.
_SLACK_ID = re.compile(r"[A-Za-z0-9_-]{1,32}")
# Deeper than any payload Slack sends; a body nested past this is not one of them.
_MAX_DEPTH = 40


def shape_problem(body: dict[str, Any]) -> str | None:
    """What is wrong with the body's shape, or None when it is one Slack sends."""
    if _has_nul(body):
        return "a NUL character, which Slack never sends"
    if "command" in body:
        return _command_problem(body)
    kind = body.get("type")
    if kind is not None and not isinstance(kind, str):
        return "a type that is not text"
    # Bolt itself reads these from any body, whatever its type.
    problem = _typed_keys(body)
    if problem is not None:
        return problem
    if not all(isinstance(a, dict) for a in body.get("actions") or []):
        return "actions that are not objects"
    for key in ("event", "view"):
        if key in body and not isinstance(body[key], dict):
            return f"{key} is not an object"
    if kind in INTERACTIONS:
        return _interaction_problem(body)
    if kind == "event_callback":
        return _event_problem(body)
    return None


def _text(value: object) -> bool:
    return isinstance(value, str) and bool(value.strip())


def _slack_id(value: object) -> bool:
    return isinstance(value, str) and bool(_SLACK_ID.fullmatch(value))


def _has_nul(node: object, depth: int = 0) -> bool:
    if depth > _MAX_DEPTH:
        return True
    if isinstance(node, str):
        return "\x00" in node
    if isinstance(node, dict):
        return any(_has_nul(k, depth + 1) or _has_nul(v, depth + 1) for k, v in node.items())
    if isinstance(node, list):
        return any(_has_nul(v, depth + 1) for v in node)
    return False


def _command_problem(body: dict[str, Any]) -> str | None:
    if not _text(body.get("command")):
        return "a command without command"
    for key in ("user_id", "team_id"):
        if not _slack_id(body.get(key)):
            return f"a command without a {key} of Slack's form"
    for key in ("text", "trigger_id", "response_url", "channel_id"):
        if key in body and not isinstance(body[key], str):
            return f"a command whose {key} is not text"
    return None


def _interaction_problem(body: dict[str, Any]) -> str | None:
    user = body.get("user")
    if not isinstance(user, dict) or not _slack_id(user.get("id")):
        return "an interaction without a user"
    team = body.get("team")
    team_id = team.get("id") if isinstance(team, dict) else None
    if not _slack_id(team_id) and not (team_id is None and _slack_id(user.get("team_id"))):
        return "an interaction without a workspace"
    kind = body.get("type")
    if kind in ("block_actions", "message_action", "shortcut") and not _text(
        body.get("trigger_id")
    ):
        return "an interaction without a trigger_id"
    if kind in ("view_submission", "view_closed") and "view" not in body:
        return "a view payload without its view"
    problem = None
    if "view" in body:
        problem = _view_problem(body["view"], submitted=kind == "view_submission")
    if problem is None and "message" in body:
        problem = _blocks_problem(body["message"], "message")
    if problem is None:
        for action in body.get("actions") or []:
            if not isinstance(action, dict) or not _text(action.get("action_id")):
                return "an action without an action_id"
            problem = problem or _typed_keys(action)
    if body.get("type") == "block_actions" and not body.get("actions"):
        return "a block action without actions"
    return problem


def _typed_keys(obj: dict[str, Any]) -> str | None:
    for key in OBJECTS:
        if obj.get(key) is not None and not isinstance(obj[key], dict):
            return f"{key} is not an object"
    for key in LISTS:
        if obj.get(key) is not None and not isinstance(obj[key], list):
            return f"{key} is not a list"
    for key in STRINGS:
        if obj.get(key) is not None and not isinstance(obj[key], str):
            return f"{key} is not text"
    if "selected_option" in obj and not isinstance(obj["selected_option"], dict | None):
        return "selected_option is not an object"
    return None


def _view_problem(view: object, *, submitted: bool) -> str | None:
    if not isinstance(view, dict):
        return "a view that is not an object"
    for key in ("id", "type"):
        if not _text(view.get(key)):
            return f"a view without {key}"
    for key in ("callback_id", "private_metadata", "hash"):
        if view.get(key) is not None and not isinstance(view[key], str):
            return f"a view whose {key} is not text"
    problem = _blocks_problem(view, "view")
    if problem is not None or not submitted:
        return problem
    state = view.get("state")
    values = state.get("values") if isinstance(state, dict) else None
    if not isinstance(values, dict):
        return "a submitted view without state values"
    for block in values.values():
        if not isinstance(block, dict) or not all(isinstance(v, dict) for v in block.values()):
            return "a submitted view whose state is not Slack's shape"
    return None


def _blocks_problem(holder: object, name: str) -> str | None:
    if not isinstance(holder, dict):
        return f"a {name} that is not an object"
    if holder.get("text") is not None and not isinstance(holder["text"], str):
        return f"a {name} whose text is not text"
    blocks = holder.get("blocks")
    if blocks is not None and (
        not isinstance(blocks, list) or not all(isinstance(b, dict) for b in blocks)
    ):
        return f"a {name} whose blocks are not a list of objects"
    return None


def _event_problem(body: dict[str, Any]) -> str | None:
    event = body.get("event")
    if not isinstance(event, dict) or not _text(event.get("type")):
        return "an event callback without an event"
    if not _slack_id(body.get("team_id")):
        return "an event callback without a workspace"
    if event.get("user") is not None and not _slack_id(event["user"]):
        return "an event whose user is not a Slack id"
    if event["type"] == "message" and not (_text(event.get("channel")) and _text(event.get("ts"))):
        return "a message event without its channel and ts"
    for key in ("user", "channel", "ts", "thread_ts", "text", "subtype", "channel_type", "tab"):
        if event.get(key) is not None and not isinstance(event[key], str):
            return f"an event whose {key} is not text"
    for key in ("event_id",):
        if body.get(key) is not None and not isinstance(body[key], str):
            return f"an event callback whose {key} is not text"
    return None
