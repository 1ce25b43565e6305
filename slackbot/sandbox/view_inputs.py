"""What a person sees to click in blocks, and what they enter in a view, as Slack sends it."""

from __future__ import annotations

from typing import Any


def find_element(
    blocks: list[dict[str, Any]], action_id: str, value: str | None = None
) -> tuple[str, dict[str, Any]]:
    """The interactive element a person could click, found by its action id (and value)."""
    for block in blocks:
        candidates = list(block.get("elements") or [])
        if block.get("accessory"):
            candidates.append(block["accessory"])
        for element in candidates:
            if element.get("action_id") != action_id:
                continue
            if (
                value is None
                or element.get("value") == value
                or element.get("type")
                in (
                    "overflow",
                    "static_select",
                )
            ):
                return str(block.get("block_id", "")), element
    raise AssertionError(f"no element {action_id!r} (value {value!r}) is shown")


def fill_inputs(view: dict[str, Any], values: dict[str, Any]) -> dict[str, Any]:
    """Every input block's state as Slack sends it; an input left empty has a null value."""
    state: dict[str, Any] = {}
    for block in view.get("blocks") or []:
        if block.get("type") != "input":
            continue
        element = block["element"]
        entered = values.get(block["block_id"], element_initial(element))
        state[block["block_id"]] = {element["action_id"]: element_state(element, entered)}
    return state


def element_initial(element: dict[str, Any]) -> Any:
    for key in ("initial_value", "initial_date", "initial_time", "initial_user"):
        if key in element:
            return element[key]
    if "initial_option" in element:
        return element["initial_option"]["value"]
    if "initial_options" in element:
        return [o["value"] for o in element["initial_options"]]
    return None


def element_state(element: dict[str, Any], entered: Any) -> dict[str, Any]:
    kind = element["type"]
    if kind in ("plain_text_input", "email_text_input", "number_input", "url_text_input"):
        return {"type": kind, "value": entered}
    if kind == "datepicker":
        return {"type": kind, "selected_date": entered}
    if kind == "timepicker":
        return {"type": kind, "selected_time": entered, "timezone": element.get("timezone")}
    if kind in ("static_select", "radio_buttons", "external_select"):
        option = _option(element, entered)
        return {"type": kind, "selected_option": option}
    if kind in ("checkboxes", "multi_static_select"):
        chosen = [_option(element, v) for v in (entered or [])]
        return {"type": kind, "selected_options": chosen}
    raise AssertionError(f"cannot fill a {kind} element")


def _option(element: dict[str, Any], value: Any) -> dict[str, Any] | None:
    if value is None:
        return None
    options = list(element.get("options") or [])
    for group in element.get("option_groups") or []:
        options.extend(group["options"])
    for option in options:
        if option["value"] == value:
            return option
    if element["type"] == "external_select":
        return {"text": {"type": "plain_text", "text": str(value)}, "value": str(value)}
    raise AssertionError(f"{value!r} is not an option of {element.get('action_id')}")
