"""How long a patient waits to book, cancel or move while Redis hangs.

Run by hand:  .venv/bin/python bench/redis_hung.py [--bookings 8]
It starts its own redis-server on a free port (never the machine's shared
one), a fresh PostgreSQL database (TEST_DATABASE_URL's server, dropped at the
end), and serves the cache (db 0) and the broker (db 1) from that Redis. It
books once with Redis up, so the process holds open connections as a running
site does, then stops Redis with SIGSTOP (a hung Redis: connections are still
accepted, nothing answers) and books, cancels and moves through the real views,
printing the time each POST took and what the outbox holds afterwards.
"""

import argparse
import contextlib
import os
import signal
import subprocess
import sys
import time
from datetime import time as clock
from datetime import timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tests.production.lineup import free_port, fresh_database  # noqa: E402


@contextlib.contextmanager
def own_redis():
    port = free_port()
    server = subprocess.Popen(
        ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", ""],
        stdout=subprocess.DEVNULL,
    )
    try:
        import redis

        deadline = time.monotonic() + 10
        while True:
            try:
                redis.Redis(port=port).ping()
                break
            except redis.ConnectionError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.05)
        yield server, port
    finally:
        server.send_signal(signal.SIGCONT)
        server.terminate()
        server.wait()


def measure(bookings: int, stop_redis) -> None:
    import django

    django.setup()

    from django.core.management import call_command
    from django.test import Client
    from django.test.utils import setup_test_environment
    from django.urls import reverse
    from django.utils import timezone

    setup_test_environment()
    call_command("migrate", verbosity=0)

    from bookings.models import Booking, OutboxEmail
    from tests.factories import dermatologist_make, treatment_make
    from tests.public.test_booking_flow import valid_answers

    treatment = treatment_make(slug="bench-hung", confirms_automatically=True)
    dermatologist_make(treatments=[treatment], hours={d: [(clock(9), clock(17))] for d in range(7)})
    client = Client()
    base = (timezone.localtime() + timedelta(days=3)).replace(
        hour=9, minute=0, second=0, microsecond=0
    )

    def book(n: int):
        return client.post(
            reverse("bookings:details", args=[treatment.slug]),
            {
                "start": (base + timedelta(minutes=30 * n)).isoformat(),
                "dermatologist": "any",
                **valid_answers(email=f"p{n}@example.com"),
            },
        )

    def timed(label: str, call) -> None:
        began = time.perf_counter()
        response = call()
        took = time.perf_counter() - began
        print(f"{label}: HTTP {response.status_code} in {took * 1000:.0f} ms", flush=True)

    timed("warm-up booking, Redis up", lambda: book(0))
    stop_redis()
    print("redis-server stopped with SIGSTOP", flush=True)
    for n in range(1, bookings + 1):
        timed(f"booking {n}", lambda n=n: book(n))
    made = list(Booking.objects.exclude(email="p0@example.com").order_by("pk"))
    for n, booking in enumerate(made[: bookings // 2], start=1):
        timed(
            f"cancel {n}",
            lambda b=booking: client.post(reverse("bookings:cancel", args=[b.manage_token]), {}),
        )
    for n, booking in enumerate(made[bookings // 2 :], start=1):
        later = booking.starts_at + timedelta(days=1)
        timed(
            f"move {n}",
            lambda b=booking, later=later: client.post(
                reverse("bookings:move_confirm", args=[b.manage_token]),
                {"start": later.isoformat(), "dermatologist": "any"},
            ),
        )
    bookings_now = list(Booking.objects.values_list("status", "sequence"))
    print("bookings (status, changes):", {b: bookings_now.count(b) for b in set(bookings_now)})
    statuses = list(OutboxEmail.objects.values_list("status", flat=True))
    print("outbox:", {status: statuses.count(status) for status in set(statuses)})


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bookings", type=int, default=8)
    args = parser.parse_args()
    server_url = os.environ.get("TEST_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/postgres")
    with own_redis() as (server, port), fresh_database(server_url) as database_url:
        os.environ.update(
            DJANGO_SETTINGS_MODULE="clinic.settings",
            DEBUG="true",
            DATABASE_URL=database_url,
            REDIS_URL=f"redis://127.0.0.1:{port}/0",
            CELERY_BROKER_URL=f"redis://127.0.0.1:{port}/1",
            RATE_LIMIT_PER_HOUR="1000000",
            LOG_LEVEL="ERROR",
        )
        measure(args.bookings, lambda: server.send_signal(signal.SIGSTOP))
        from django.db import connections

        connections.close_all()


if __name__ == "__main__":
    main()
