"""APScheduler interval jobs: the prompt poll (the dispatcher reads the clock), hourly upkeep and
SQLite's WAL checkpoint."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime

from apscheduler.schedulers.background import BackgroundScheduler

logger = logging.getLogger(__name__)
# Often enough that the WAL stays small (a few MB at 64 logs a second), so each checkpoint is
# short; a checkpoint with nothing to copy costs next to nothing.
CHECKPOINT_SECONDS = 1.0


def _quiet_overlap(record: logging.LogRecord) -> bool:
    # A poll still delivering when the next one is due is expected (max_instances=1 skips it).
    return "maximum number of running instances reached" not in record.getMessage()


def start_scheduler(
    *,
    poll: Callable[[], object],
    poll_seconds: float,
    housekeeping: Callable[[], object] | None = None,
    checkpoint: Callable[[], object] | None = None,
) -> BackgroundScheduler:
    logging.getLogger("apscheduler.scheduler").addFilter(_quiet_overlap)
    scheduler = BackgroundScheduler(timezone=UTC)
    # One poll at a time; polls missed while the process was paused collapse into one, and the
    # poll itself reads the wall clock, so nothing due is lost or sent twice.
    scheduler.add_job(
        _logged(poll),
        "interval",
        seconds=poll_seconds,
        id="poll_prompts",
        max_instances=1,
        coalesce=True,
        misfire_grace_time=None,
        next_run_time=datetime.now(UTC),
    )
    if housekeeping is not None:
        scheduler.add_job(
            _logged(housekeeping),
            "interval",
            hours=1,
            id="housekeeping",
            coalesce=True,
            max_instances=1,
            misfire_grace_time=None,
            next_run_time=datetime.now(UTC),
        )
    if checkpoint is not None:
        scheduler.add_job(
            _logged(checkpoint),
            "interval",
            seconds=CHECKPOINT_SECONDS,
            id="checkpoint",
            coalesce=True,
            max_instances=1,
            misfire_grace_time=None,
        )
    scheduler.start()
    return scheduler


def _logged(job: Callable[[], object]) -> Callable[[], None]:
    def run() -> None:
        try:
            job()
        except Exception:
            logger.exception(
                "scheduled job %s failed; it runs again next interval",
                getattr(job, "__name__", job),
            )

    return run
