"""An HTTP server that answers the Web API methods the bot uses, with Slack's response shapes.

It records every call, keeps posted messages and published views, and can be told to answer
429 (with Retry-After), 5xx, or an `ok: false` error for the next calls of a method.
"""

from __future__ import annotations

import itertools
import threading
import time
import uuid
from collections.abc import Callable
from http.server import ThreadingHTTPServer
from typing import Any

from slackbot.sandbox.limits import Limiter
from slackbot.sandbox.shared_files import SharedFiles
from slackbot.sandbox.socket_mode import SocketModeStandIn
from slackbot.sandbox.web_api_http import make_handler
from slackbot.sandbox.web_api_methods import WebApiMethods
from slackbot.sandbox.web_api_state import FakeUser, Fault, RecordedCall, State
from slackbot.scopes import BOT_SCOPES

DEFAULT_SCOPES = ",".join(BOT_SCOPES)


class FakeSlack(WebApiMethods):
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
        self._state = State()
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
        handler = make_handler(self)
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
                Fault(status=status, retry_after=retry_after, error=error) for _ in range(times)
            )

    def response_url(self, *, channel: str | None = None, ts: str | None = None) -> str:
        """A response_url; bound to a message, `replace_original` posts change that message."""
        key = uuid.uuid4().hex
        if channel and ts:
            with self._lock:
                self._bound[key] = (channel, ts)
        return f"{self.base_url.removesuffix('api/')}response/{key}"

    # -- what the user would see -------------------------------------------------------------
    def record(self, call: RecordedCall) -> None:
        with self._lock:
            self._state.calls.append(call)

    def calls(self, method: str | None = None) -> list[RecordedCall]:
        with self._lock:
            return [c for c in self._state.calls if method is None or c.method == method]

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
            self._state = State()

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


def _fault_response(fault: Fault) -> tuple[int, dict[str, str], dict[str, Any]]:
    if fault.error:
        return 200, {}, {"ok": False, "error": fault.error}
    headers = {}
    if fault.retry_after is not None:
        headers["Retry-After"] = str(fault.retry_after)
    error = "ratelimited" if fault.status == 429 else "internal_error"
    return fault.status, headers, {"ok": False, "error": error}
