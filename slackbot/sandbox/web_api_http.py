"""The stand-in's HTTP side: Web API calls, response_url posts, uploads and private files."""

from __future__ import annotations

import json
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler
from typing import Any, Protocol
from urllib.parse import parse_qsl, urlsplit

from slackbot.sandbox.shared_files import SharedFiles
from slackbot.sandbox.web_api_state import RecordedCall


class WebApi(Protocol):
    """What the HTTP side asks of the stand-in (FakeSlack is one)."""

    tokens: set[str]
    shared_files: SharedFiles
    clock: Callable[[], float]

    def record(self, call: RecordedCall) -> None: ...

    def handle(
        self, method: str, args: dict[str, Any], token: str | None
    ) -> tuple[int, dict[str, str], dict[str, Any]]: ...

    def handle_response_url(self, key: str, payload: dict[str, Any]) -> None: ...

    def handle_upload(self, key: str, data: bytes) -> None: ...


JSON_FIELDS = ("blocks", "view", "metadata", "attachments", "users", "files")


def _parse_args(handler: BaseHTTPRequestHandler, raw: bytes) -> dict[str, Any]:
    query = dict(parse_qsl(urlsplit(handler.path).query))
    content_type = handler.headers.get("Content-Type", "")
    if "json" in content_type and raw:
        body = json.loads(raw)
    else:
        body = dict(parse_qsl(raw.decode("utf-8"), keep_blank_values=True))
    args = {**query, **body}
    for key in JSON_FIELDS:
        value = args.get(key)
        if isinstance(value, str) and value[:1] in "[{":
            args[key] = json.loads(value)
    return args


def make_handler(fake: WebApi) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: Any) -> None:
            return

        def _read(self) -> bytes:
            length = int(self.headers.get("Content-Length") or 0)
            return self.rfile.read(length) if length else b""

        def _send(self, status: int, body: dict[str, Any], headers: dict[str, str]) -> None:
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            for name, value in headers.items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(data)

        def do_GET(self) -> None:
            path = urlsplit(self.path).path
            if path.startswith("/files-pri/"):
                call = RecordedCall("url_private", {"path": path}, None, fake.clock())
                fake.record(call)
                auth = self.headers.get("Authorization", "")
                status, headers, data = fake.shared_files.download(path, auth, fake.tokens)
                self.send_response(status)
                for name, value in {**headers, "Content-Length": str(len(data))}.items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(data)
                return
            self._dispatch(b"")

        def do_POST(self) -> None:
            self._dispatch(self._read())

        def _dispatch(self, raw: bytes) -> None:
            path = urlsplit(self.path).path
            if path.startswith("/response/"):
                fake.handle_response_url(path.rsplit("/", 1)[-1], json.loads(raw or b"{}"))
                self._send(200, {"ok": True}, {})
                return
            if path.startswith("/upload/"):
                fake.handle_upload(path.rsplit("/", 1)[-1], raw)
                self._send(200, {"ok": True}, {})
                return
            if not path.startswith("/api/"):
                self._send(404, {"ok": False, "error": "not_found"}, {})
                return
            auth = self.headers.get("Authorization", "")
            token = auth.removeprefix("Bearer ").strip() or None
            args = _parse_args(self, raw)
            token = token or args.pop("token", None)
            status, headers, body = fake.handle(path.removeprefix("/api/"), args, token)
            self._send(status, body, headers)

    return Handler
