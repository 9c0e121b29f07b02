"""A Redis that hangs costs one request one short time-out, then nothing for a while.

Every use of Redis in a process (rate limits, cached pages and free times, the
broker publish after a booking) shares one back-off: after one failure none of
them calls Redis until it ends.
"""

from datetime import time, timedelta

import pytest
import redis
from django.conf import settings as django_settings
from django.urls import reverse
from django.utils import timezone

from bookings.models import Booking, OutboxEmail, OutboxStatus
from clinic.web import backoff
from tests.factories import dermatologist_make, treatment_make
from tests.hungredis import HungRedis
from tests.public.test_booking_flow import valid_answers

pytestmark = pytest.mark.django_db


@pytest.fixture
def redis_hung(settings):
    """The cache points at a Redis that accepts connections and never answers."""
    with HungRedis() as server:
        settings.CACHES = {
            "default": {
                "BACKEND": "clinic.web.cache.RedisCache",
                "LOCATION": server.url,
                "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
            }
        }
        yield server


@pytest.fixture
def treatment():
    treatment = treatment_make(slug="consultation")
    dermatologist_make(treatments=[treatment], hours={d: [(time(9), time(17))] for d in range(7)})
    return treatment


def book(client, treatment, hour, email):
    start = (timezone.localtime() + timedelta(days=3)).replace(
        hour=hour, minute=0, second=0, microsecond=0
    )
    return client.post(
        reverse("bookings:details", args=[treatment.slug]),
        {"start": start.isoformat(), "dermatologist": "any", **valid_answers(email=email)},
    )


def broker_queue_length() -> int:
    return redis.Redis.from_url(django_settings.CELERY_BROKER_URL).llen("celery")


@pytest.mark.skipif(
    not django_settings.CELERY_BROKER_URL.startswith("redis"),
    reason="counts the broker's queue in Redis (CELERY_BROKER_URL)",
)
def test_after_one_redis_time_out_no_request_calls_redis_until_the_back_off_ends(
    client, treatment, redis_hung, django_capture_on_commit_callbacks
):
    assert book(client, treatment, 10, "first@example.com").status_code == 302
    connections, received = redis_hung.connections, redis_hung.received
    assert received  # the first request did try Redis
    queued = broker_queue_length()

    with django_capture_on_commit_callbacks(execute=True):
        second = book(client, treatment, 11, "second@example.com")
    slots = client.get(reverse("bookings:slots", args=[treatment.slug]))
    guide = client.get("/milia/what-are-milia/")

    assert (second.status_code, slots.status_code, guide.status_code) == (302, 200, 200)
    assert (redis_hung.connections, redis_hung.received) == (connections, received)
    assert broker_queue_length() == queued  # not published: the dispatch sends them later
    assert Booking.objects.count() == 2
    assert set(
        OutboxEmail.objects.filter(booking__email="second@example.com").values_list(
            "status", flat=True
        )
    ) == {OutboxStatus.PENDING}


def test_once_the_back_off_ends_redis_is_tried_again(client, treatment, redis_hung, monkeypatch):
    book(client, treatment, 10, "first@example.com")
    received = redis_hung.received
    later = backoff.monotonic() + backoff.BACKOFF_SECONDS + 1
    monkeypatch.setattr(backoff, "monotonic", lambda: later)

    book(client, treatment, 11, "second@example.com")

    assert redis_hung.received > received
