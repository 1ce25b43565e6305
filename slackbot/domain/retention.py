"""Retention: closed interviews are deleted DATA_RETENTION_DAYS after they were closed."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from slackbot.db import transaction
from slackbot.domain.forget import delete_interviews
from slackbot.models import Interview
from slackbot.services import Services

logger = logging.getLogger(__name__)


def purge_closed(session: Session, now: datetime, days: int) -> int:
    """Delete interviews (with interviewers and prompts) closed more than `days` ago."""
    cutoff = now - timedelta(days=days)
    return delete_interviews(
        session, Interview.closed_at.is_not(None) & (Interview.closed_at < cutoff)
    )


def retention_job(services: Services, days: int) -> Callable[[], int]:
    """The retention job for the scheduler: one purge per run, reading the clock once."""

    def purge_closed_interviews() -> int:
        with transaction(services.sessions) as session:
            deleted = purge_closed(session, services.clock(), days)
        if deleted:
            logger.info("retention: deleted %d interviews closed over %d days ago", deleted, days)
        return deleted

    return purge_closed_interviews
