from __future__ import annotations

import threading
import urllib.request
from typing import Any

import pytest

from slackbot.server import HttpServer, build_wsgi


def _call(wsgi: Any, method: str, path: str) -> tuple[str, bytes]:
    seen: dict[str, str] = {}

    def start_response(status: str, headers: list[tuple[str, str]]) -> None:
        seen["status"] = status

    body = b"".join(wsgi({"REQUEST_METHOD": method, "PATH_INFO": path}, start_response))
    return seen["status"], body


def test_socket_mode_serves_only_healthz() -> None:
    wsgi = build_wsgi(None, lambda: (True, {"ok": True}))
    assert _call(wsgi, "GET", "/healthz")[0] == "200 OK"
    assert _call(wsgi, "POST", "/slack/events")[0] == "404 Not Found"


def test_unhealthy_is_503() -> None:
    wsgi = build_wsgi(None, lambda: (False, {"ok": False}))
    assert _call(wsgi, "GET", "/healthz")[0].startswith("503")


def test_stopping_answers_the_request_in_flight_and_logs_no_error(
    caplog: pytest.LogCaptureFixture,
) -> None:
    started, go_on = threading.Event(), threading.Event()

    def slow(environ: dict[str, Any], start_response: Any) -> list[bytes]:
        started.set()
        go_on.wait(5)
        start_response("200 OK", [("Content-Type", "text/plain")])
        return [b"done"]

    server = HttpServer(slow, host="127.0.0.1", port=0)
    serving = threading.Thread(target=server.serve)
    serving.start()
    replies: list[bytes] = []
    asking = threading.Thread(
        target=lambda: replies.append(
            urllib.request.urlopen(f"http://127.0.0.1:{server.port}/", timeout=10).read()
        )
    )
    asking.start()
    assert started.wait(5)

    server.close()  # as SIGTERM does, while the request is being answered
    go_on.set()
    asking.join(10)
    serving.join(15)

    assert replies == [b"done"]
    assert not serving.is_alive()
    assert "Exception when servicing" not in caplog.text
