"""Runs a job per key a little later, at most one at a time per key: how Home is republished."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Hashable
from concurrent.futures import ThreadPoolExecutor

# A job may answer how many seconds until it can run (the workspace's budget for it is spent
# for now): it runs again then, unless a newer request for its key comes first.
Job = Callable[[], float | None]


# Not for latency (at 64/s no delay at all measured the same): its delay keeps a burst of
# changes typed in a composer to one views.publish, within Slack's per-workspace budget.
class Republisher:
    """Coalesces requests per key: a burst of requests runs the job once, after `delay`.

    Two runs racing could land out of order and leave the older result in place, so a request
    made while that key's job is running only marks it stale; the job runs once more when the
    current run is done (reading the database afresh). The earliest requested time wins, so a
    stream of requests cannot postpone a run forever, and so does its job: of two requests for
    one key, the more urgent one's job is the one that runs.
    """

    def __init__(self, *, workers: int) -> None:
        self._workers = workers
        self._guard = threading.Condition()
        self._due: dict[Hashable, tuple[float, Job]] = {}
        self._running: set[Hashable] = set()
        self._stale: dict[Hashable, tuple[float, Job]] = {}
        self._pool: ThreadPoolExecutor | None = None
        self._timer: threading.Thread | None = None
        self._closed = False

    def request(self, key: Hashable, job: Job, *, delay: float) -> None:
        at = time.monotonic() + delay
        with self._guard:
            if self._closed:
                return
            if key in self._running:
                self._stale[key] = _sooner(self._stale.get(key), (delay, job))
                return
            self._due[key] = _sooner(self._due.get(key), (at, job))
            self._start()
            self._guard.notify()

    def close(self) -> None:
        """Drop jobs not started yet; jobs already running finish on their own."""
        with self._guard:
            self._closed = True
            self._due.clear()
            self._stale.clear()
            self._guard.notify()
        if self._pool is not None:
            self._pool.shutdown(wait=False)

    def _start(self) -> None:
        # Threads start on first use: most processes that build a Republisher never need one.
        if self._timer is None:
            self._pool = ThreadPoolExecutor(max_workers=self._workers, thread_name_prefix="home")
            self._timer = threading.Thread(target=self._loop, name="home-timer", daemon=True)
            self._timer.start()

    def _loop(self) -> None:
        while True:
            with self._guard:
                while not self._due and not self._closed:
                    self._guard.wait()
                if self._closed:
                    return
                key, (at, job) = min(self._due.items(), key=lambda item: item[1][0])
                wait = at - time.monotonic()
                if wait > 0:
                    self._guard.wait(wait)
                    continue
                del self._due[key]
                self._running.add(key)
            assert self._pool is not None
            try:
                self._pool.submit(self._run, key, job)
            except RuntimeError:  # closed meanwhile, or the interpreter is shutting down
                return

    def _run(self, key: Hashable, job: Job) -> None:
        again_in: float | None = None
        try:
            again_in = job()
        finally:
            self._after(key, job, again_in)

    def _after(self, key: Hashable, job: Job, again_in: float | None) -> None:
        with self._guard:
            self._running.discard(key)
            newer = self._stale.pop(key, None)
            if self._closed:
                return
            if newer is not None:
                self._due[key] = (time.monotonic(), newer[1])
            elif again_in is not None:
                self._due[key] = (time.monotonic() + again_in, job)
            else:
                return
            self._guard.notify()


def _sooner(kept: tuple[float, Job] | None, new: tuple[float, Job]) -> tuple[float, Job]:
    """Of two requests (when, job), the one due first; the newer when they are due together."""
    return new if kept is None or new[0] <= kept[0] else kept
