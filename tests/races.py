"""Running the same step from several threads at the same moment, for the race tests."""

import threading
from collections.abc import Callable
from datetime import datetime

import time_machine
from django.db import connections

from tests.factories import london


def all_at_once(calls: list[Callable[[], object]], *, at: datetime | None = None) -> list:
    """Runs each call in its own thread, released together by a barrier, with the clock
    ticking from `at` (a fixed morning by default); what each returned, or the exception
    it raised."""
    barrier = threading.Barrier(len(calls))
    outcomes: list = [None] * len(calls)

    def attempt(index: int, call: Callable[[], object]) -> None:
        try:
            barrier.wait(timeout=10)
            outcomes[index] = call()
        except Exception as exc:  # recorded, so the test shows it instead of a hung thread
            outcomes[index] = exc
        finally:
            connections.close_all()

    threads = [threading.Thread(target=attempt, args=(i, call)) for i, call in enumerate(calls)]
    with time_machine.travel(at or london(2026, 12, 1, 8), tick=True):
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
    return outcomes
