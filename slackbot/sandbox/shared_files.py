"""Files users share with the bot, served as Slack serves them.

`files.info` describes a file; its `url_private` answers only with `Authorization: Bearer
<bot token>` (without it Slack redirects to a sign-in page, as here).
"""

from __future__ import annotations

import threading
import uuid
from typing import Any

Response = tuple[int, dict[str, str], bytes]


class SharedFiles:
    def __init__(self) -> None:
        self._files: dict[str, dict[str, Any]] = {}
        self._content: dict[str, bytes] = {}
        self._broken: set[str] = set()
        self._lock = threading.Lock()

    def add(
        self,
        *,
        base_url: str,
        team_id: str,
        user_id: str,
        name: str,
        content: bytes,
        mimetype: str,
        created: int,
    ) -> dict[str, Any]:
        """Store a file as `user_id` uploaded it; returns Slack's file object."""
        file_id = "F" + uuid.uuid4().hex[:10].upper()
        url = f"{base_url.removesuffix('api/')}files-pri/{team_id}-{file_id}/{name}"
        record = {
            "id": file_id,
            "created": created,
            "timestamp": created,
            "name": name,
            "title": name,
            "mimetype": mimetype,
            "filetype": name.rsplit(".", 1)[-1].lower() if "." in name else "binary",
            "pretty_type": "iCalendar" if name.lower().endswith(".ics") else "File",
            "user": user_id,
            "user_team": team_id,
            "mode": "hosted",
            "is_external": False,
            "is_public": False,
            "size": len(content),
            "url_private": url,
            "url_private_download": url + "?download=1",
        }
        with self._lock:
            self._files[file_id] = record
            self._content[file_id] = content
        return dict(record)

    def break_download(self, file_id: str) -> None:
        """The next downloads of this file fail with a server error."""
        with self._lock:
            self._broken.add(file_id)

    def info(self, args: dict[str, Any]) -> dict[str, Any]:
        with self._lock:
            record = self._files.get(str(args.get("file")))
        if record is None:
            return {"ok": False, "error": "file_not_found"}
        return {"ok": True, "file": dict(record), "comments": [], "response_metadata": {}}

    def download(self, path: str, authorization: str, tokens: set[str]) -> Response:
        """GET /files-pri/T-F/name: the bytes for a bot token, a sign-in redirect otherwise."""
        token = authorization.removeprefix("Bearer ").strip()
        file_id = path.split("/")[2].rsplit("-", 1)[-1] if path.count("/") >= 3 else ""
        if token not in tokens:
            return 302, {"Location": "/signin?redir=" + path}, b""
        with self._lock:
            content = self._content.get(file_id)
            broken = file_id in self._broken
        if broken:
            return 500, {"Content-Type": "text/plain"}, b"internal error"
        if content is None:
            return 404, {"Content-Type": "text/plain"}, b"not found"
        return 200, {"Content-Type": "application/octet-stream"}, content
