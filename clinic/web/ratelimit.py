"""A fixed-window rate limit per client address, kept in the cache (Redis in production)."""

import logging
import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from clinic.web.backoff import RedisBackingOff

logger = logging.getLogger(__name__)

WINDOW_SECONDS = 3600


def client_address(request: HttpRequest | None) -> str | None:
    """The client's address: REMOTE_ADDR, or the one our own proxies saw (TRUSTED_PROXIES)."""
    if request is None:
        return None
    if settings.TRUSTED_PROXIES:
        forwarded = [
            part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        ]
        forwarded = [part for part in forwarded if part]
        if len(forwarded) >= settings.TRUSTED_PROXIES:
            return forwarded[-settings.TRUSTED_PROXIES]
    return request.META.get("REMOTE_ADDR") or None


def rate_limited(request: HttpRequest, *, scope: str, limit: int | None = None) -> bool:
    """Counts this request; True once the address has made more than `limit` in the hour.

    If the cache cannot be reached the request is let through: a limit that
    fails closed would turn a Redis outage into a clinic that takes no bookings.
    """
    limit = settings.RATE_LIMIT_PER_HOUR if limit is None else limit
    window = int(time.time() // WINDOW_SECONDS)
    key = f"ratelimit:{scope}:{client_address(request) or 'unknown'}:{window}"
    try:
        count = 1 if cache.add(key, 1, timeout=WINDOW_SECONDS) else cache.incr(key)
    except RedisBackingOff:  # Redis failed a moment ago: not tried, already logged
        return False
    except Exception:  # the cache is an edge we do not control: fail open, loudly
        logger.warning("rate limit cache unavailable; letting the request through", exc_info=True)
        return False
    return count > limit


def too_many_requests(request: HttpRequest) -> HttpResponse:
    response = render(request, "429.html", status=429)
    response["Retry-After"] = str(WINDOW_SECONDS)
    return response
