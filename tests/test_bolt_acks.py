"""A listener's ack reaches Slack as soon as it is given, while the listener carries on."""

from __future__ import annotations

import copy
import threading
from urllib.parse import urlencode

from slack_bolt import Ack, App, BoltRequest
from slack_bolt.authorization import AuthorizeResult
from slack_sdk import WebClient

from slackbot.bolt_acks import AckWaitingExecutor, SignallingAck, await_ack


def command_app(listener: object) -> App:
    app = App(
        client=WebClient(token="xoxb-test", base_url="http://127.0.0.1:9/api/"),
        signing_secret="secret",
        request_verification_enabled=False,
        token_verification_enabled=False,
        authorize=lambda **_: AuthorizeResult(
            enterprise_id=None, team_id="T1", bot_token="xoxb-test", bot_user_id="UB", bot_id="B1"
        ),
        listener_executor=AckWaitingExecutor(max_workers=2),
    )
    app.middleware(await_ack)
    app.command("/interview")(listener)
    return app


def command() -> BoltRequest:
    body = urlencode({"command": "/interview", "text": "list", "team_id": "T1", "user_id": "U1"})
    return BoltRequest(body=body, headers={"content-type": ["application/x-www-form-urlencoded"]})


def test_the_answer_does_not_wait_for_the_listener_to_finish() -> None:
    release, finished = threading.Event(), threading.Event()

    def listener(ack: Ack) -> None:
        assert isinstance(ack, SignallingAck)
        ack(text="on it")
        release.wait(10)
        finished.set()

    response = command_app(listener).dispatch(command())

    assert response.status == 200
    assert "on it" in response.body
    assert not finished.is_set()  # the listener is still at work, after the answer left
    release.set()
    assert finished.wait(10)


def test_a_listener_that_raises_before_acking_still_gets_an_answer() -> None:
    def listener(ack: Ack) -> None:
        raise RuntimeError("boom")

    response = command_app(listener).dispatch(command())

    assert response.status == 500


def test_a_copied_request_keeps_the_ack_slack_waits_on() -> None:
    # Bolt copies a request for lazy listeners; the ack's event must survive that.
    ack = SignallingAck()
    assert copy.deepcopy({"ack": ack})["ack"] is ack
