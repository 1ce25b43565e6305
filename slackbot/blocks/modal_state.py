"""What a submitted modal holds (its `state.values`), and its field errors keyed back to blocks.

Slack keys a view's state by block id, then by action id; every modal here gives an input
the same id for both, so the action id defaults to the block id.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from slackbot.blocks.text import clip

# Slack shows at most this much of an inline error under a field.
ERROR_LIMIT = 2000
# What an input holds under, by element: typed text, a picked date, a picked time.
_ENTERED_KEYS = ("value", "selected_date", "selected_time")


def state_values(view: Mapping[str, Any]) -> dict[str, Any]:
    """A view's `state.values`, or {} when Slack sent none."""
    state = view.get("state")
    values = state.get("values") if isinstance(state, Mapping) else None
    return values if isinstance(values, dict) else {}


def element_state(
    values: Mapping[str, Any], block_id: str, action_id: str | None = None
) -> dict[str, Any]:
    """What one input holds, as Slack sent it; {} when the block is not there."""
    block = values.get(block_id)
    element = block.get(action_id or block_id) if isinstance(block, Mapping) else None
    return element if isinstance(element, dict) else {}


def entered(values: Mapping[str, Any], block_id: str, action_id: str | None = None) -> str | None:
    """An input's value as text: what was typed, the date or time picked, or the option chosen.

    None when the input was left empty.
    """
    element = element_state(values, block_id, action_id)
    for key in _ENTERED_KEYS:
        if element.get(key) is not None:
            return str(element[key])
    option = element.get("selected_option")
    value = option.get("value") if isinstance(option, Mapping) else None
    return None if value is None else str(value)


def selected_values(
    values: Mapping[str, Any], block_id: str, action_id: str | None = None
) -> list[str]:
    """The values of the options ticked in checkboxes or chosen in a multi-select."""
    chosen = element_state(values, block_id, action_id).get("selected_options") or []
    return [
        str(option["value"])
        for option in chosen
        if isinstance(option, Mapping) and option.get("value") is not None
    ]


def errors_by_block(
    errors: Mapping[str, str], blocks: Mapping[str, str], *, fallback: str | None = None
) -> dict[str, str]:
    """A form's field errors keyed by the modal's block ids, for `response_action: errors`.

    A field the modal has no block for goes under `fallback` (else keeps its own name).
    """
    return {
        blocks.get(field, fallback or field): clip(message, ERROR_LIMIT)
        for field, message in errors.items()
    }
