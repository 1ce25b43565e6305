"""Reading a submitted modal's state, and keying a form's errors back to its blocks."""

from __future__ import annotations

from slackbot.blocks.modal_state import (
    element_state,
    entered,
    errors_by_block,
    selected_values,
    state_values,
)

VALUES = {
    "company": {"company": {"type": "plain_text_input", "value": "Initrode"}},
    "empty": {"empty": {"type": "plain_text_input", "value": None}},
    "date": {"date": {"type": "datepicker", "selected_date": "2026-12-01"}},
    "time": {"time": {"type": "timepicker", "selected_time": "14:00"}},
    "kind": {"kind": {"type": "static_select", "selected_option": {"value": "closure"}}},
    "none": {"none": {"type": "static_select", "selected_option": None}},
    "days": {
        "days": {
            "type": "checkboxes",
            "selected_options": [{"value": "weekends"}, {"text": {}}, "junk"],
        }
    },
    "body.2": {"body": {"type": "plain_text_input", "value": "Hi"}},
}


def test_state_values_are_read_from_a_view_or_empty() -> None:
    assert state_values({"state": {"values": VALUES}}) is VALUES
    assert state_values({}) == {}
    assert state_values({"state": {"values": []}}) == {}


def test_each_kind_of_input_reads_as_text_or_none() -> None:
    assert entered(VALUES, "company") == "Initrode"
    assert entered(VALUES, "date") == "2026-12-01"
    assert entered(VALUES, "time") == "14:00"
    assert entered(VALUES, "kind") == "closure"
    assert entered(VALUES, "body.2", "body") == "Hi"
    for empty in ("empty", "none", "missing"):
        assert entered(VALUES, empty) is None


def test_ticked_options_are_their_values() -> None:
    assert selected_values(VALUES, "days") == ["weekends"]
    assert selected_values(VALUES, "missing") == []
    assert element_state({"x": "not a block"}, "x") == {}


def test_errors_go_under_their_blocks_within_slacks_limit() -> None:
    blocks = {"name": "tpl_name"}
    errors = errors_by_block({"name": "x" * 3000, "odd": "y"}, blocks)
    assert set(errors) == {"tpl_name", "odd"}
    assert len(errors["tpl_name"]) == 2000
    assert errors_by_block({"odd": "y"}, blocks, fallback="tpl_name") == {"tpl_name": "y"}
