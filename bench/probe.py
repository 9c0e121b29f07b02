"""How fast this machine is at the moment, for reading a series' ratios: one line.

    . bench/env.sh && .venv/bin/python bench/probe.py

The trivial view's Python is a few small functions that stay in the processor's
caches; a page's is the ORM and the template language, which do not, and
PostgreSQL and Redis add system calls. When the machine is shared, the second
kind slows more than the first, and every ratio to the trivial view drops
with it. This prints, in this process: a tight loop (the trivial kind), the
ORM compiling the manage page's query (the page kind, no database), and a
round trip to PostgreSQL (SELECT 1), each in CPU microseconds, best of 3.
"""

import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")

import django

django.setup()

from django.db import connection  # noqa: E402
from django.db.models import Q  # noqa: E402

from bookings.models import Booking  # noqa: E402


def best_us(call, n: int) -> float:
    times = []
    for _ in range(3):
        started = time.process_time()
        for _ in range(n):
            call()
        times.append((time.process_time() - started) / n * 1e6)
    return min(times)


def main() -> None:
    query = (
        Booking.objects.select_related("treatment", "dermatologist", "patient")
        .filter(Q(manage_nonce="x") | Q(legacy_token_hash="y"))
        .order_by()
    )
    loop = best_us(lambda: sum(range(200)), 20000)
    compile_ = best_us(lambda: query.query.sql_with_params(), 1000)
    with connection.cursor() as cursor:
        round_trip = best_us(lambda: cursor.execute("SELECT 1"), 2000)
    print(
        f"probe: loop {loop:.1f} us, ORM compile {compile_:.0f} us, "
        f"PostgreSQL round trip {round_trip:.0f} us, load {os.getloadavg()[0]:.2f}"
    )


if __name__ == "__main__":
    main()
