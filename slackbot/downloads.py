"""Reading a file a user shared with the bot: files.info, then its url_private with the token."""

from __future__ import annotations

import logging
import urllib.error
import urllib.request
from dataclasses import dataclass
from urllib.parse import urlsplit

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

logger = logging.getLogger(__name__)
SLACK_FILES_HOST = "files.slack.com"


class DownloadFailed(Exception):
    """The file could not be fetched; `too_large` when it was refused for its size."""

    def __init__(self, reason: str, *, too_large: bool = False) -> None:
        super().__init__(reason)
        self.too_large = too_large


@dataclass(frozen=True)
class SharedFile:
    name: str
    content: bytes


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    """Slack answers a download it will not serve with a redirect to its sign-in page."""

    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


def fetch_shared_file(
    client: WebClient, file_id: str, *, user_id: str, max_bytes: int
) -> SharedFile:
    try:
        info = client.files_info(file=file_id)["file"]
    except SlackApiError as error:
        raise DownloadFailed(str(error.response.get("error") or "files.info failed")) from None
    if info.get("user") and info["user"] != user_id:
        raise DownloadFailed("shared by someone else")
    if int(info.get("size") or 0) > max_bytes:
        raise DownloadFailed("too large", too_large=True)
    url = str(info.get("url_private_download") or info.get("url_private") or "")
    if not _is_slacks(url, client.base_url):
        # The bot token goes only to Slack's own file host (or the configured API host).
        raise DownloadFailed("not a Slack file URL")
    return SharedFile(
        name=str(info.get("name") or ""), content=_download(url, client.token or "", max_bytes)
    )


def _is_slacks(url: str, api_url: str) -> bool:
    parts, api = urlsplit(url), urlsplit(api_url)
    if parts.scheme == "https" and parts.hostname == SLACK_FILES_HOST:
        return True
    return bool(parts.netloc) and (parts.scheme, parts.netloc) == (api.scheme, api.netloc)


def _download(url: str, token: str, max_bytes: int) -> bytes:
    request = urllib.request.Request(url, headers={"Authorization": f"Bearer {token}"})  # noqa: S310
    opener = urllib.request.build_opener(_NoRedirects)
    try:
        with opener.open(request, timeout=10) as response:
            if response.status != 200:
                raise DownloadFailed(f"HTTP {response.status}")
            data = response.read(max_bytes + 1)
    except urllib.error.HTTPError as error:
        raise DownloadFailed(f"HTTP {error.code}") from None
    except (urllib.error.URLError, TimeoutError, OSError) as error:
        logger.warning("shared file download failed: %s", type(error).__name__)
        raise DownloadFailed("unreachable") from None
    if len(data) > max_bytes:
        raise DownloadFailed("too large", too_large=True)
    return data
