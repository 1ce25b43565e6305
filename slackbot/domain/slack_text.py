"""Slack message markup turned into plain text a person could paste into a note."""

from __future__ import annotations

import re
from collections.abc import Mapping

# In message text every literal < and > arrives as an entity, so any <...> is markup.
_CONTROL = re.compile(r"<([^<>]*)>")
_USER_MENTION = re.compile(r"<@([UW][A-Z0-9]+)(?:\|[^<>]*)?>")
_SPECIAL_MENTIONS = frozenset({"here", "channel", "everyone", "group"})


def mentioned_user_ids(text: str) -> list[str]:
    """The user ids mentioned in `text`, each once, in the order they first appear."""
    return list(dict.fromkeys(_USER_MENTION.findall(text)))


def decode_entities(text: str) -> str:
    """Slack's three entities (`&lt;`, `&gt;`, `&amp;`) back to the characters they stand for."""
    # &amp; last, so that `&amp;lt;` (a typed "&lt;") stays the literal text "&lt;".
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def _link(target: str, label: str) -> str:
    """`label (url)` when the label says something the url doesn't, else just the url."""
    if target.startswith("mailto:"):
        address = target.removeprefix("mailto:")
        return address if not label or label == address else f"{label} ({address})"
    bare = re.sub(r"^[a-z][a-z0-9+.-]*://", "", target, flags=re.IGNORECASE).rstrip("/")
    if not label or label in (target, bare) or label.rstrip("/") == bare:
        return target
    return f"{label} ({target})"


def _special(command: str, label: str) -> str:
    """`<!here>`, `<!subteam^S1|@team>`, `<!date^…|fallback>` as the words a reader saw."""
    name = command.split("^", 1)[0]
    if name in _SPECIAL_MENTIONS:
        return "@" + ("channel" if name == "group" else name)
    if label:
        return label
    if name == "subteam":
        return "@" + command.split("^", 1)[-1]
    return command


def _plain_control(match: re.Match[str], user_names: Mapping[str, str], as_typed: bool) -> str:
    target, _, label = match.group(1).partition("|")
    if target.startswith("@"):
        user_id = target[1:]
        return "@" + (user_names.get(user_id) or label.removeprefix("@") or user_id)
    if target.startswith("#"):
        return "#" + (label or target[1:])
    if target.startswith("!"):
        return _special(target[1:], label)
    if as_typed:
        # Slack turned what the user typed into a link; the label is what they typed.
        return label or target.removeprefix("mailto:")
    return _link(target, label)


def slack_to_plain(
    text: str, *, user_names: Mapping[str, str] | None = None, as_typed: bool = False
) -> str:
    """Message text in Slack markup as plain text; `user_names` maps user ids to names.

    `as_typed` gives back what the user typed (a command's arguments, a DM reply): a link
    becomes its label alone. Otherwise (a note someone will paste) it keeps the url.
    """
    names = user_names or {}
    # Markup first: its labels are entity-encoded too, and decoding first would fake markup.
    plain = _CONTROL.sub(lambda match: _plain_control(match, names, as_typed), text)
    return decode_entities(plain)


def decode_slack_text(text: str) -> str:
    """A command's or DM reply's text as the user typed it (Slack's link markup and entities
    undone)."""
    return slack_to_plain(text, as_typed=True)
