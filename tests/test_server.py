from __future__ import annotations

from typing import Any

from slackbot.server import build_wsgi


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
