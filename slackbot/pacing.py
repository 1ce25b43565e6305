"""Token-bucket arithmetic for pacing Web API calls below Slack's limits. Pure: time is a value.

Slack limits every method per app and per workspace and publishes no quota headers, so the bot
keeps one bucket per workspace and method and asks it, before calling, when each call may go.
A bucket refills at the method's rate up to `burst` calls; a grant may reserve calls a little
ahead (the bucket goes below zero), and each reserved call gets the moment it may be made.
A 429 sets `paused_until` from Slack's Retry-After: that bucket grants nothing until then.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from slackbot.config import Settings

POST = "chat.postMessage"
HISTORY = "conversations.history"
OPEN_DM = "conversations.open"
# Home publishes made off screen (after a command, a DM reply, a prompt sent) may use only
# part of the views.publish budget, leaving the rest to what users look at (home_pacing).
HOME_REFRESH = "views.publish:background"
TIER3 = ("chat.update", OPEN_DM)
TIER4 = ("views.publish", "views.open", "views.update", "users.info")
# One prompt per user's DM per second: Slack's per-channel rate for chat.postMessage.
CHANNEL_SPACING_SECONDS = 1.0


@dataclass(frozen=True)
class Rate:
    per_minute: float
    burst: float  # calls that may go at once after a quiet spell

    @property
    def per_second(self) -> float:
        return self.per_minute / 60


@dataclass(frozen=True)
class Bucket:
    tokens: float
    updated_at: float
    paused_until: float = 0.0


def full_bucket(rate: Rate, now: float) -> Bucket:
    return Bucket(tokens=rate.burst, updated_at=now)


def refilled(bucket: Bucket, rate: Rate, now: float) -> Bucket:
    elapsed = max(now - bucket.updated_at, 0.0)
    tokens = min(rate.burst, bucket.tokens + elapsed * rate.per_second)
    return replace(bucket, tokens=tokens, updated_at=max(now, bucket.updated_at))


def grant(
    bucket: Bucket, rate: Rate, *, want: int, now: float, horizon: float
) -> tuple[Bucket, list[float]]:
    """Reserve up to `want` calls that may go within `horizon` seconds; when each may go."""
    bucket = refilled(bucket, rate, now)
    tokens, times = bucket.tokens, list[float]()
    while len(times) < want:
        at = max(now + max(1 - tokens, 0.0) / rate.per_second, bucket.paused_until)
        if at > now + horizon:
            break
        times.append(at)
        tokens -= 1
    return replace(bucket, tokens=tokens), times


def give_back(bucket: Bucket, rate: Rate, count: int) -> Bucket:
    """Return reserved calls that were not made."""
    return replace(bucket, tokens=min(rate.burst, bucket.tokens + count))


def paused(bucket: Bucket, *, until: float) -> Bucket:
    return replace(bucket, paused_until=max(bucket.paused_until, until))


def ready_at(bucket: Bucket, rate: Rate, now: float) -> float:
    """The earliest moment the next call may go."""
    tokens = refilled(bucket, rate, now).tokens
    return max(now + max(1 - tokens, 0.0) / rate.per_second, bucket.paused_until)


def rates(settings: Settings) -> dict[str, Rate]:
    """Each paced method's budget per workspace, from the settings."""
    posts = settings.posts_per_minute
    table = {
        POST: Rate(posts, burst=max(1.0, posts / 60)),
        HISTORY: Rate(settings.history_per_minute, burst=1.0),
        HOME_REFRESH: Rate(settings.tier4_per_minute / 2, burst=1.0),
    }
    for method in TIER3:
        table[method] = Rate(settings.tier3_per_minute, burst=1.0)
    for method in TIER4:
        table[method] = Rate(settings.tier4_per_minute, burst=1.0)
    return table
