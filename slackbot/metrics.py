"""What operators can watch at `GET /metrics`, in Prometheus's text format (prometheus_client).

Each runtime has a registry of its own, so several bots in one process (tests) never mix.
"""

from __future__ import annotations

from collections.abc import Callable

from prometheus_client import CollectorRegistry, Counter, Gauge, generate_latest
from prometheus_client.exposition import CONTENT_TYPE_LATEST

CONTENT_TYPE = CONTENT_TYPE_LATEST


class Metrics:
    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        self.sent = Counter(
            "followup_prompts_sent", "Prompts delivered.", ["kind"], registry=self.registry
        )
        self.failed = Counter(
            "followup_prompts_failed",
            "Prompts given up on (a permanent Slack error).",
            ["kind"],
            registry=self.registry,
        )
        self.retried = Counter(
            "followup_prompts_retried",
            "Sends put back to be tried again (429, 5xx, broken connection).",
            ["kind"],
            registry=self.registry,
        )
        self.rate_limited = Counter(
            "followup_slack_rate_limited",
            "Web API calls Slack answered with 429.",
            ["team_id", "method"],
            registry=self.registry,
        )
        self.lag = Gauge(
            "followup_dispatcher_lag_seconds",
            "How late the oldest due, unsent prompt is.",
            registry=self.registry,
        )
        self.queue = Gauge(
            "followup_prompts_due", "Prompts due and not sent yet.", registry=self.registry
        )

    def watch(self, *, lag: Callable[[], float], queue: Callable[[], float]) -> None:
        """Read the lag and the queue depth from the database at each scrape."""
        self.lag.set_function(lag)
        self.queue.set_function(queue)

    def exposition(self) -> bytes:
        return generate_latest(self.registry)
