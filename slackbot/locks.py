"""Locks by key from a fixed set, so memory stays bounded however many keys there are."""

from __future__ import annotations

import threading
from collections.abc import Hashable

STRIPES = 64


class StripedLocks:
    """A key always gets the same lock; two keys rarely share one (and then only wait briefly).

    Re-entrant, so code holding a key's lock may call code that takes it again.
    """

    def __init__(self, stripes: int = STRIPES) -> None:
        self._locks = [threading.RLock() for _ in range(stripes)]

    def __call__(self, key: Hashable) -> threading.RLock:
        return self._locks[hash(key) % len(self._locks)]
