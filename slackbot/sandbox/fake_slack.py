"""An HTTP server that answers the Web API methods the bot uses, with Slack's response shapes.

It records every call, keeps posted messages and published views, and can be told to answer
429 (with Retry-After), 5xx, or an `ok: false` error for the next calls of a method.
"""

from __future__ import annotations

import itertools
import json
import threading
import time
import uuid
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from slackbot.sandbox.limits import Limiter
from slackbot.sandbox.shared_files import SharedFiles
from slackbot.sandbox.socket_mode import SocketModeStandIn
from slackbot.scopes import BOT_SCOPES

JSON_FIELDS = ("blocks", "view", "metadata", "attachments", "users", "files")
DEFAULT_SCOPES = ",".join(BOT_SCOPES)


@dataclass
class RecordedCall:
    method: str
    args: dict[str, Any]
    token: str | None
    at: float


@dataclass
class FakeUser:
    id: str
    name: str
    real_name: str
    tz: str
    dm_error: str | None = None


@dataclass
class _Fault:
    status: int
    retry_after: float | None
    error: str | None


@dataclass
class _State:
    calls: list[RecordedCall] = field(default_factory=list)
    messages: dict[str, list[dict[str, Any]]] = field(default_factory=lambda: defaultdict(list))
    ephemeral: list[dict[str, Any]] = field(default_factory=list)
    response_posts: dict[str, list[dict[str, Any]]] = field(
        default_factory=lambda: defaultdict(list)
    )
    views: dict[str, dict[str, Any]] = field(default_factory=dict)
    home: dict[str, dict[str, Any]] = field(default_factory=dict)
    files: list[dict[str, Any]] = field(default_factory=list)
    uploads: dict[str, bytes] = field(default_factory=dict)
    faults: dict[str, list[_Fault]] = field(default_factory=lambda: defaultdict(list))


class FakeSlack:
    """The Web API stand-in. `start()` returns the base URL to give the bot as SLACK_API_URL."""

    def __init__(
        self,
        *,
        team_id: str = "T0TEAM001",
        bot_user_id: str = "U0BOT0001",
        bot_id: str = "B0BOT0001",
        tokens: tuple[str, ...] = ("xoxb-sandbox-token",),
        app_tokens: tuple[str, ...] = (),
        scopes: str = DEFAULT_SCOPES,
        latency: float = 0.0,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.team_id = team_id
        self.bot_user_id = bot_user_id
        self.bot_id = bot_id
        self.tokens = set(tokens)
        self.app_tokens = set(app_tokens)
        # Socket Mode is served once an app token is known: apps.connections.open hands out URLs.
        self.socket_mode = SocketModeStandIn() if app_tokens else None
        self.scopes = scopes
        self.latency = latency
        self.clock = clock
        self.users: dict[str, FakeUser] = {}
        self.installs: dict[str, dict[str, Any]] = {}
        self.token_teams: dict[str, str] = {}
        self._state = _State()
        self.shared_files = SharedFiles()
        self._lock = threading.RLock()
        self._ts_counter = itertools.count(1)
        self._bound: dict[str, tuple[str, str]] = {}
        self._token: str | None = None
        self._server: ThreadingHTTPServer | None = None
        self.base_url = ""
        # Slack's rate limits, when a test or benchmark sets them (see limits.py).
        self.limits: Limiter | None = None

    # -- lifecycle -------------------------------------------------------------------------
    def start(self, port: int = 0) -> str:
        handler = _make_handler(self)
        self._server = ThreadingHTTPServer(("127.0.0.1", port), handler)
        self._server.daemon_threads = True
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        self.base_url = f"http://127.0.0.1:{self._server.server_address[1]}/api/"
        if self.socket_mode is not None:
            self.socket_mode.start()
        return self.base_url

    def stop(self) -> None:
        if self.socket_mode is not None:
            self.socket_mode.stop()
        if self._server:
            self._server.shutdown()
            self._server.server_close()

    # -- set-up ------------------------------------------------------------------------------
    def add_user(
        self,
        user_id: str,
        *,
        name: str | None = None,
        real_name: str | None = None,
        tz: str = "America/Chicago",
        dm_error: str | None = None,
    ) -> FakeUser:
        user = FakeUser(
            id=user_id,
            name=name or user_id.lower(),
            real_name=real_name or (name or user_id).title(),
            tz=tz,
            dm_error=dm_error,
        )
        self.users[user_id] = user
        return user

    def fail_next(
        self,
        method: str,
        *,
        status: int = 429,
        times: int = 1,
        retry_after: float | None = None,
        error: str | None = None,
    ) -> None:
        """Answer the next `times` calls of `method` with an HTTP status or an `ok: false`."""
        with self._lock:
            self._state.faults[method].extend(
                _Fault(status=status, retry_after=retry_after, error=error) for _ in range(times)
            )

    def response_url(self, *, channel: str | None = None, ts: str | None = None) -> str:
        """A response_url; bound to a message, `replace_original` posts change that message."""
        key = uuid.uuid4().hex
        if channel and ts:
            with self._lock:
                self._bound[key] = (channel, ts)
        return f"{self.base_url.removesuffix('api/')}response/{key}"

    # -- what the user would see -------------------------------------------------------------
    def calls(self, method: str | None = None) -> list[RecordedCall]:
        with self._lock:
            return [c for c in self._state.calls if method is None or c.method == method]

    def dm_channel(self, user_id: str) -> str:
        return "D" + user_id.removeprefix("U").removeprefix("W")

    def messages(self, channel: str) -> list[dict[str, Any]]:
        """Messages in a channel, oldest first, as they look now (updates applied)."""
        with self._lock:
            return [dict(m) for m in self._state.messages.get(channel, [])]

    def dm_messages(self, user_id: str) -> list[dict[str, Any]]:
        return self.messages(self.dm_channel(user_id))

    def responses(self, url: str) -> list[dict[str, Any]]:
        key = url.rsplit("/", 1)[-1]
        with self._lock:
            return list(self._state.response_posts.get(key, []))

    def all_responses(self) -> list[dict[str, Any]]:
        with self._lock:
            return [p for posts in self._state.response_posts.values() for p in posts]

    def home_view(self, user_id: str) -> dict[str, Any] | None:
        with self._lock:
            return self._state.home.get(user_id)

    def opened_views(self) -> list[dict[str, Any]]:
        with self._lock:
            return list(self._state.views.values())

    def last_view(self) -> dict[str, Any]:
        views = self.opened_views()
        if not views:
            raise AssertionError("no view was opened")
        return views[-1]

    def share_file(
        self, user_id: str, *, name: str, content: bytes, mimetype: str = "text/calendar"
    ) -> dict[str, Any]:
        """A file `user_id` uploaded: served by files.info and at its url_private."""
        return self.shared_files.add(
            base_url=self.base_url,
            team_id=self.team_id,
            user_id=user_id,
            name=name,
            content=content,
            mimetype=mimetype,
            created=int(self.clock()),
        )

    def files(self) -> list[dict[str, Any]]:
        with self._lock:
            return list(self._state.files)

    def reset(self) -> None:
        with self._lock:
            self._state = _State()

    # -- the Web API ---------------------------------------------------------------------------
    def handle(
        self, method: str, args: dict[str, Any], token: str | None
    ) -> tuple[int, dict[str, str], dict[str, Any]]:
        if self.latency:
            time.sleep(self.latency)
        with self._lock:
            self._state.calls.append(RecordedCall(method, args, token, self.clock()))
            faults = self._state.faults.get(method)
            fault = faults.pop(0) if faults else None
        if fault is not None:
            return _fault_response(fault)
        if self.limits is not None and (refused := self._rate_limited(method, args, token)):
            return refused
        refusal = self._refuse_token(method, token)
        if refusal is not None:
            return 200, {}, {"ok": False, "error": refusal}
        handler = getattr(self, "_m_" + method.replace(".", "_"), None)
        if handler is None:
            return 200, {}, {"ok": False, "error": "unknown_method"}
        with self._lock:
            self._token = token
            body = handler(args)
        headers = {"x-oauth-scopes": self.scopes} if method == "auth.test" else {}
        return 200, headers, body

    def _refuse_token(self, method: str, token: str | None) -> str | None:
        """Slack's answer to a token that cannot call `method`, or None when it can."""
        if method == "oauth.v2.access":
            return None
        if method == "apps.connections.open":
            if token in self.app_tokens:
                return None
            return "not_allowed_token_type" if token in self.tokens else "invalid_auth"
        if token in self.app_tokens:
            return "not_allowed_token_type"
        return None if token in self.tokens else "invalid_auth"

    def _rate_limited(
        self, method: str, args: dict[str, Any], token: str | None
    ) -> tuple[int, dict[str, str], dict[str, Any]] | None:
        assert self.limits is not None
        team = self.token_teams.get(token or "", self.team_id)
        channel = self._channel_for(str(args.get("channel", "")))
        retry_after = self.limits.check(team, method, channel)
        if retry_after is None:
            return None
        return 429, {"Retry-After": str(retry_after)}, {"ok": False, "error": "ratelimited"}

    def handle_response_url(self, key: str, payload: dict[str, Any]) -> None:
        with self._lock:
            self._state.response_posts[key].append(payload)
            bound = self._bound.get(key)
            if bound is None:
                return
            channel, ts = bound
            messages = self._state.messages.get(channel, [])
            for message in list(messages):
                if message["ts"] != ts:
                    continue
                if payload.get("delete_original"):
                    messages.remove(message)
                elif payload.get("replace_original"):
                    message["text"] = payload.get("text", "")
                    message["blocks"] = payload.get("blocks") or []

    def handle_upload(self, key: str, data: bytes) -> None:
        with self._lock:
            self._state.uploads[key] = data

    def _next_ts(self) -> str:
        now = self.clock()
        return f"{int(now)}.{next(self._ts_counter):06d}"

    def _channel_for(self, channel: str) -> str | None:
        if channel.startswith(("U", "W")):
            return self.dm_channel(channel)
        if channel.startswith(("D", "C", "G")):
            return channel
        return None

    def add_install(
        self,
        code: str,
        *,
        team_id: str,
        token: str,
        bot_user_id: str = "U0BOT0002",
        scopes: str = DEFAULT_SCOPES,
    ) -> None:
        """Make `code` a valid OAuth code that installs the app into `team_id` with `token`."""
        self.installs[code] = {
            "app_id": "A0APP0001",
            "authed_user": {"id": "U0INSTALL"},
            "scope": scopes,
            "token_type": "bot",
            "access_token": token,
            "bot_user_id": bot_user_id,
            "team": {"id": team_id, "name": f"Workspace {team_id}"},
            "enterprise": None,
            "is_enterprise_install": False,
        }
        self.token_teams[token] = team_id

    def _m_auth_test(self, args: dict[str, Any]) -> dict[str, Any]:
        return {
            "ok": True,
            "url": "https://sandbox.slack.com/",
            "team": "Sandbox",
            "user": "followupcoach",
            "team_id": self.token_teams.get(self._token or "", self.team_id),
            "user_id": self.bot_user_id,
            "bot_id": self.bot_id,
            "is_enterprise_install": False,
        }

    def _m_apps_connections_open(self, args: dict[str, Any]) -> dict[str, Any]:
        if self.socket_mode is None:
            return {"ok": False, "error": "invalid_auth"}
        return {"ok": True, "url": self.socket_mode.issue_url()}

    def _m_users_info(self, args: dict[str, Any]) -> dict[str, Any]:
        user = self.users.get(str(args.get("user")))
        if user is None:
            return {"ok": False, "error": "user_not_found"}
        return {
            "ok": True,
            "user": {
                "id": user.id,
                "team_id": self.team_id,
                "name": user.name,
                "real_name": user.real_name,
                "tz": user.tz,
                "tz_label": user.tz,
                "tz_offset": 0,
                "is_bot": False,
                "profile": {"real_name": user.real_name, "display_name": user.name},
            },
        }

    def _m_conversations_open(self, args: dict[str, Any]) -> dict[str, Any]:
        users = args.get("users")
        user_ids = users if isinstance(users, list) else str(users or "").split(",")
        if len(user_ids) != 1 or not user_ids[0]:
            return {"ok": False, "error": "not_enough_users"}
        return {"ok": True, "channel": {"id": self.dm_channel(user_ids[0])}}

    def _m_chat_postMessage(self, args: dict[str, Any]) -> dict[str, Any]:
        channel = self._channel_for(str(args.get("channel", "")))
        if channel is None:
            return {"ok": False, "error": "channel_not_found"}
        user = self.users.get("U" + channel[1:]) if channel.startswith("D") else None
        if user is not None and user.dm_error:
            return {"ok": False, "error": user.dm_error}
        if not args.get("text") and not args.get("blocks"):
            return {"ok": False, "error": "no_text"}
        message = {
            "type": "message",
            "channel": channel,
            "ts": self._next_ts(),
            "user": self.bot_user_id,
            "bot_id": self.bot_id,
            "text": args.get("text", ""),
            "blocks": args.get("blocks") or [],
        }
        for key in ("metadata", "thread_ts"):
            if args.get(key):
                message[key] = args[key]
        self._state.messages[channel].append(message)
        visible = {k: v for k, v in message.items() if k != "metadata"}
        return {"ok": True, "channel": channel, "ts": message["ts"], "message": visible}

    def _m_chat_update(self, args: dict[str, Any]) -> dict[str, Any]:
        channel = str(args.get("channel", ""))
        if not channel.startswith(("D", "C", "G")):
            return {"ok": False, "error": "channel_not_found"}
        for message in self._state.messages.get(channel, []):
            if message["ts"] == args.get("ts"):
                message["text"] = args.get("text", message["text"])
                if "blocks" in args:
                    message["blocks"] = args["blocks"] or []
                message["edited"] = {"user": self.bot_user_id, "ts": self._next_ts()}
                return {
                    "ok": True,
                    "channel": channel,
                    "ts": message["ts"],
                    "text": message["text"],
                }
        return {"ok": False, "error": "message_not_found"}

    def _m_chat_postEphemeral(self, args: dict[str, Any]) -> dict[str, Any]:
        self._state.ephemeral.append(dict(args))
        return {"ok": True, "message_ts": self._next_ts()}

    def _m_conversations_history(self, args: dict[str, Any]) -> dict[str, Any]:
        channel = str(args.get("channel", ""))
        if not channel.startswith(("D", "C", "G")):
            return {"ok": False, "error": "channel_not_found"}
        limit = int(args.get("limit") or 100)
        if self.limits is not None:
            limit = min(limit, self.limits.limits.history_max_messages)
        with_metadata = str(args.get("include_all_metadata", "")).lower() in ("1", "true")
        newest_first = list(reversed(self._state.messages.get(channel, [])))[:limit]
        out = [
            m if with_metadata else {k: v for k, v in m.items() if k != "metadata"}
            for m in newest_first
        ]
        return {"ok": True, "messages": out, "has_more": False}

    def _m_reactions_add(self, args: dict[str, Any]) -> dict[str, Any]:
        for message in self._state.messages.get(str(args.get("channel")), []):
            if message["ts"] == args.get("timestamp"):
                reactions = message.setdefault("reactions", [])
                reactions.append({"name": args.get("name"), "users": [self.bot_user_id]})
                return {"ok": True}
        return {"ok": False, "error": "message_not_found"}

    def _store_view(self, view: Any, *, view_id: str | None = None) -> dict[str, Any]:
        stored = json.loads(view) if isinstance(view, str) else dict(view or {})
        stored["id"] = view_id or "V" + uuid.uuid4().hex[:10].upper()
        stored["hash"] = uuid.uuid4().hex[:12]
        stored.setdefault("private_metadata", "")
        stored.setdefault("callback_id", "")
        stored.setdefault("external_id", "")
        stored["team_id"] = self.team_id
        stored["state"] = {"values": {}}
        return stored

    def _m_views_open(self, args: dict[str, Any]) -> dict[str, Any]:
        if not args.get("trigger_id"):
            return {"ok": False, "error": "invalid_trigger_id"}
        view = self._store_view(args.get("view"))
        view["root_view_id"] = view["id"]
        self._state.views[view["id"]] = view
        return {"ok": True, "view": view}

    _m_views_push = _m_views_open

    def _m_views_update(self, args: dict[str, Any]) -> dict[str, Any]:
        view_id = args.get("view_id")
        if view_id not in self._state.views:
            return {"ok": False, "error": "not_found"}
        view = self._store_view(args.get("view"), view_id=view_id)
        self._state.views[view_id] = view
        return {"ok": True, "view": view}

    def _m_views_publish(self, args: dict[str, Any]) -> dict[str, Any]:
        user_id = str(args.get("user_id"))
        view = self._store_view(args.get("view"))
        self._state.home[user_id] = view
        return {"ok": True, "view": view}

    def _m_files_getUploadURLExternal(self, args: dict[str, Any]) -> dict[str, Any]:
        file_id = "F" + uuid.uuid4().hex[:10].upper()
        base = self.base_url.removesuffix("api/")
        self._state.files.append(
            {"id": file_id, "filename": args.get("filename"), "length": args.get("length")}
        )
        return {"ok": True, "upload_url": f"{base}upload/{file_id}", "file_id": file_id}

    def _m_files_completeUploadExternal(self, args: dict[str, Any]) -> dict[str, Any]:
        files = args.get("files")
        entries = json.loads(files) if isinstance(files, str) else files or []
        done = []
        for entry in entries:
            for record in self._state.files:
                if record["id"] == entry.get("id"):
                    record["title"] = entry.get("title")
                    record["channel_id"] = args.get("channel_id")
                    record["initial_comment"] = args.get("initial_comment")
                    record["content"] = self._state.uploads.get(record["id"], b"")
                    done.append({"id": record["id"], "title": record.get("title")})
        return {"ok": True, "files": done}

    def _m_files_info(self, args: dict[str, Any]) -> dict[str, Any]:
        return self.shared_files.info(args)

    def _m_oauth_v2_access(self, args: dict[str, Any]) -> dict[str, Any]:
        install = self.installs.get(str(args.get("code")))
        if install is None:
            return {"ok": False, "error": "invalid_code"}
        self.tokens.add(install["access_token"])
        return {"ok": True, **install}


def _fault_response(fault: _Fault) -> tuple[int, dict[str, str], dict[str, Any]]:
    if fault.error:
        return 200, {}, {"ok": False, "error": fault.error}
    headers = {}
    if fault.retry_after is not None:
        headers["Retry-After"] = str(fault.retry_after)
    error = "ratelimited" if fault.status == 429 else "internal_error"
    return fault.status, headers, {"ok": False, "error": error}


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


def _make_handler(fake: FakeSlack) -> type[BaseHTTPRequestHandler]:
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
                with fake._lock:
                    fake._state.calls.append(call)
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
