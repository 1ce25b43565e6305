"""The one wrapper per kind of listener, called as Bolt calls it: each acknowledges once."""

from __future__ import annotations

from typing import Any

import pytest

from slackbot.interactions import shapes
from slackbot.interactions.shapes import Answer, Press, Submission, acknowledge, form_errors


class Recorder:
    """Stands in for Bolt's `ack` (and `respond`), keeping every call in order."""

    def __init__(self, log: list[str]) -> None:
        self.log = log
        self.calls: list[dict[str, Any]] = []

    def __call__(self, **body: Any) -> None:
        self.log.append("ack")
        self.calls.append(body)


@pytest.fixture
def actor(monkeypatch: pytest.MonkeyPatch) -> object:
    who = object()
    monkeypatch.setattr(shapes, "actor_for", lambda body, context, client: who)
    return who


def test_a_reply_is_acknowledged_once_with_its_body() -> None:
    ack = Recorder([])
    acknowledge(ack, {"text": "Logged."})
    assert ack.calls == [{"text": "Logged."}]


def test_what_an_answer_leaves_for_later_runs_after_the_ack() -> None:
    log: list[str] = []
    acknowledge(Recorder(log), Answer(then=lambda: log.append("then")))
    assert log == ["ack", "then"]


def test_no_reply_is_an_empty_ack() -> None:
    ack = Recorder([])
    acknowledge(ack, None)
    assert ack.calls == [{}]


def test_form_errors_keep_the_modal_open() -> None:
    ack = Recorder([])
    acknowledge(ack, form_errors({"company": "Add the company."}))
    assert ack.calls == [{"response_action": "errors", "errors": {"company": "Add the company."}}]


def test_a_button_is_acknowledged_before_its_handler_runs(actor: object) -> None:
    log: list[str] = []
    pressed: list[Press] = []

    def handler(press: Press) -> None:
        log.append("handler")
        pressed.append(press)

    listener = shapes.on_press(handler)
    action = {"action_id": "snooze", "value": "12:in 2 hours"}
    listener(Recorder(log), {"trigger_id": "1.2"}, action, Recorder([]), {}, None)

    assert log == ["ack", "handler"]
    assert pressed[0].actor is actor
    assert pressed[0].id_and_word == (12, "in 2 hours")
    assert pressed[0].trigger_id == "1.2"


@pytest.mark.parametrize("value", ["", "x:1", "12", "-3:no", "1234567890123:big"])
def test_a_button_value_that_is_not_ours_names_nothing(value: str) -> None:
    press = Press(actor=None, body={}, action={"value": value}, respond=Recorder([]))  # type: ignore[arg-type]
    found, _ = press.id_and_word
    assert found == (12 if value == "12" else -1)


def test_a_modal_is_acknowledged_with_what_its_handler_answers(actor: object) -> None:
    log: list[str] = []
    seen: list[Submission] = []

    def handler(submission: Submission) -> Answer:
        seen.append(submission)
        log.append("handler")
        return Answer({"response_action": "clear"}, then=lambda: log.append("then"))

    view = {"id": "V1", "state": {"values": {"company": {"company": {"value": "Initrode"}}}}}
    ack = Recorder(log)
    shapes.on_submit(handler)(ack, {}, view, {}, None)

    assert log == ["handler", "ack", "then"]
    assert ack.calls == [{"response_action": "clear"}]
    assert seen[0].values == {"company": {"company": {"value": "Initrode"}}}
    assert seen[0].metadata == {}  # unsealed metadata reads as none


def test_the_wrappers_keep_the_handlers_name_for_bolts_logs() -> None:
    def handle_something(press: Press) -> None: ...

    assert shapes.on_press(handle_something).__name__ == "handle_something"


def test_a_closed_modal_is_acknowledged_before_anything_is_read(actor: object) -> None:
    log: list[str] = []
    shapes.on_close(lambda submission: log.append("handler"))(Recorder(log), {}, {}, {}, None)
    assert log == ["ack", "handler"]
