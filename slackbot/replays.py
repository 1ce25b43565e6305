"""A signed request seen again within its signature window gets the first answer, not a rerun.

Slack signs the timestamp and the body, so a captured request can be sent again, unchanged, for
five minutes (with or without an `X-Slack-Retry-Num` header, which the signature does not
cover). Its signature is its fingerprint: a repeat is answered with what the first delivery got
and reaches no listener. Slack's own retries of events are new deliveries with new signatures;
those are recognised by their event id (domain/redeliveries.py), and a submitted view by its id and
hash, in the database, so that they hold across processes too.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from slackbot.request_guard import SIGNATURE_WINDOW_SECONDS

# Longer than any signature stays valid: a repeat after this is refused as stale anyway.
REMEMBER_SECONDS = 2 * SIGNATURE_WINDOW_SECONDS + 60
REMEMBERED = 5_000
# A repeat arriving while the first is still being answered waits for that answer this long.
WAIT_FOR_FIRST_SECONDS = 2.5


@dataclass(frozen=True)
class Answer:
    status: int
    headers: dict[str, Sequence[str]]
    body: str


@dataclass
class _Delivery:
    seen_at: float
    done: threading.Event = field(default_factory=threading.Event)
    answer: Answer | None = None


EMPTY = Answer(200, {}, "")


class Replays:
    def __init__(self, *, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._seen: OrderedDict[str, _Delivery] = OrderedDict()
        self._lock = threading.Lock()

    def answer(self, fingerprint: str, handle: Callable[[], Answer]) -> Answer:
        """`handle()` for the first delivery of `fingerprint`; its answer for any repeat."""
        now = self._clock()
        with self._lock:
            self._forget_old(now)
            earlier = self._seen.get(fingerprint)
            if earlier is None:
                delivery = self._seen[fingerprint] = _Delivery(seen_at=now)
        if earlier is not None:
            earlier.done.wait(WAIT_FOR_FIRST_SECONDS)
            return earlier.answer or EMPTY
        try:
            delivery.answer = handle()
        finally:
            delivery.done.set()
        return delivery.answer

    def _forget_old(self, now: float) -> None:
        while self._seen:
            key, oldest = next(iter(self._seen.items()))
            if now - oldest.seen_at < REMEMBER_SECONDS and len(self._seen) < REMEMBERED:
                return
            del self._seen[key]
