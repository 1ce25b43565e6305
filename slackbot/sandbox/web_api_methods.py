"""The Web API methods the bot calls, answered in Slack's shapes over the stand-in's state."""

from __future__ import annotations

import itertools
import json
import uuid
from collections.abc import Callable
from typing import Any

from slackbot.sandbox.limits import Limiter
from slackbot.sandbox.shared_files import SharedFiles
from slackbot.sandbox.socket_mode import SocketModeStandIn
from slackbot.sandbox.web_api_state import FakeUser, State


class WebApiMethods:
    """`_m_<method>` answers `<method>` (dots as underscores); FakeSlack holds the state."""

    team_id: str
    bot_user_id: str
    bot_id: str
    tokens: set[str]
    users: dict[str, FakeUser]
    installs: dict[str, dict[str, Any]]
    token_teams: dict[str, str]
    socket_mode: SocketModeStandIn | None
    shared_files: SharedFiles
    limits: Limiter | None
    base_url: str
    clock: Callable[[], float]
    _state: State
    _token: str | None
    _ts_counter: itertools.count[int]

    def dm_channel(self, user_id: str) -> str:
        return "D" + user_id.removeprefix("U").removeprefix("W")

    def _next_ts(self) -> str:
        now = self.clock()
        return f"{int(now)}.{next(self._ts_counter):06d}"

    def _channel_for(self, channel: str) -> str | None:
        if channel.startswith(("U", "W")):
            return self.dm_channel(channel)
        if channel.startswith(("D", "C", "G")):
            return channel
        return None

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
