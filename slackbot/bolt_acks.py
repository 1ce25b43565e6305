"""Bolt's answer to Slack, sent the moment a listener acks rather than on Bolt's next look.

Bolt runs each listener in its executor, and the request thread looks for the ack every 10 ms
(slack_bolt.listener.thread_runner). Its first look comes before the listener has even started,
so every request waited about 10 ms after its listener acked: the floor of every command,
click and modal, whatever the listener did. Here the request thread instead waits on an event
that `ack()` sets (or the listener's end, should it raise first), inside the executor's
`submit`; when Bolt then looks, the ack is already there.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

from slack_bolt import Ack, BoltContext, BoltResponse

# Bolt's own limit on a listener's ack (Listener.ack_timeout): it stops waiting then too.
ACK_WAIT_SECONDS = 3.0

# The ack of the request this thread is dispatching, from the middleware to `submit`.
_dispatching = threading.local()


class SignallingAck(Ack):
    """Bolt's Ack, also telling the request thread that the answer is ready."""

    def __init__(self) -> None:
        super().__init__()
        self.given = threading.Event()

    def __call__(self, *args: Any, **kwargs: Any) -> BoltResponse:
        try:
            return super().__call__(*args, **kwargs)
        finally:
            self.given.set()

    def __deepcopy__(self, memo: dict[int, Any]) -> SignallingAck:
        # Bolt copies a request for its lazy listeners; an Event cannot be copied, and the
        # copy's ack is never the one Slack waits on.
        return self


def await_ack(context: BoltContext, next: Callable[[], BoltResponse]) -> BoltResponse:
    """Middleware: give this request an ack that the executor below can wait on.

    Bolt runs its listener once every middleware has returned, so the ack stays noted on this
    thread until `submit` takes it, or the next request through this thread replaces it.
    """
    ack = SignallingAck()
    context["ack"] = ack
    _dispatching.ack = ack
    return next()


class AckWaitingExecutor(ThreadPoolExecutor):
    """Bolt's listener executor: `submit` from a request thread returns once the listener acked."""

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        ack: SignallingAck | None = getattr(_dispatching, "ack", None)
        if ack is None:  # not a listener of a request being dispatched (say, a lazy one)
            return super().submit(fn, *args, **kwargs)
        _dispatching.ack = None  # one listener a request: anything submitted later runs freely

        def run() -> Any:
            try:
                return fn(*args, **kwargs)
            finally:
                ack.given.set()

        future = super().submit(run)
        ack.given.wait(ACK_WAIT_SECONDS)
        return future
