"""One back-off for every use of Redis in this process.

Rate limits, cached pages and free times (clinic.web.cache) and the broker
publish after a booking (bookings.notify.emails) all go to Redis. A Redis that
is down refuses at once; one that hangs answers nothing, and each call waits for its
socket time-out. After one failure this process leaves Redis alone for
BACKOFF_SECONDS, whichever use saw it: an outage costs one request one short
time-out, not every request several. Everything that uses Redis can do
without it for a while (README, "When things fail").
"""

import logging
from time import monotonic

logger = logging.getLogger(__name__)

BACKOFF_SECONDS = 30
_down_until = 0.0


class RedisBackingOff(Exception):
    """Raised instead of calling Redis while the back-off lasts."""


def redis_backing_off() -> bool:
    """True while a recent failure says Redis is not to be tried."""
    return monotonic() < _down_until


def redis_failed(what: str) -> None:
    """Starts the back-off after `what` could not reach Redis."""
    global _down_until
    _down_until = monotonic() + BACKOFF_SECONDS
    # The caller logs what failed; this says what follows from it.
    logger.warning("Redis unavailable (%s): not tried for %s s", what, BACKOFF_SECONDS)


def redis_presumed_up() -> None:
    """Ends the back-off (for tests, which must not inherit another test's outage)."""
    global _down_until
    _down_until = 0.0
