"""Where the booking POST's Python goes, and the least its statements cost through the ORM.

    . bench/env.sh && .venv/bin/python bench/booking_floor.py [--bookings 300]

In this process, on the bench database, with nothing else to do: no server,
no form, no middleware. It books the same free time again and again, each
booking in a transaction that is rolled back (so the diary never changes and
no task is published), and prints, per booking, in CPU milliseconds:

- the POST through Django's WSGI handler, as gunicorn calls it (for scale;
  these are committed, then removed by bench/prepare.py);
- booking_create alone, the service every door calls;
- the same statements, recorded from one booking and sent again as SQL
  through Django's cursor: what they cost without the ORM building them and
  making models of their rows;
- the Celery publish that follows the commit (one, for all of a booking's emails).

The ORM's share is booking_create less the raw statements and less the
service's own Python (free times, the booking's fields), which the profile
at the end splits out.
"""

import argparse
import cProfile
import os
import pstats
import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.core.handlers.wsgi import WSGIHandler  # noqa: E402
from django.db import connection, transaction  # noqa: E402

from bench import targets  # noqa: E402
from bench.middleware_cost import environ  # noqa: E402
from bench.prepare import post_starts  # noqa: E402
from bench.query_counts import PATIENT_FORM  # noqa: E402
from bookings.models import Treatment  # noqa: E402
from bookings.notify.emails import publish_task  # noqa: E402
from bookings.notify.tasks import outbox_send_many  # noqa: E402
from bookings.public.forms import BookingDetailsForm  # noqa: E402
from bookings.selectors import dermatologists_for  # noqa: E402
from bookings.services import booking_create  # noqa: E402


class Rollback(Exception):
    pass


def cpu_ms(call, n: int) -> float:
    started = time.process_time()
    for _ in range(n):
        call()
    return (time.process_time() - started) / n * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bookings", type=int, default=300)
    args = parser.parse_args()
    n = args.bookings

    treatment = Treatment.objects.get(slug=targets.POST_TREATMENT)
    offered = dermatologists_for(treatment)
    free, _ = post_starts()
    start = free[0]
    data = {"start": start.isoformat(), "dermatologist": "any", **PATIENT_FORM}
    form = BookingDetailsForm(data, appointment_day=start.date(), treatment=treatment)
    assert form.is_valid(), form.errors
    patient, intake = form.patient(), form.intake()

    def book():
        booking_create(
            treatment=treatment,
            start=start,
            dermatologist=None,
            patient=patient,
            intake=intake,
            offered_by=offered,
        )

    def book_rolled_back():
        try:
            with transaction.atomic():
                book()
                raise Rollback
        except Rollback:
            pass

    statements: list[tuple[str, object]] = []

    def note(execute, sql, params, many, context):
        statements.append((sql, params))
        return execute(sql, params, many, context)

    try:
        with transaction.atomic(), connection.execute_wrapper(note):
            book()
            raise Rollback
    except Rollback:
        pass

    def replay():
        try:
            with transaction.atomic():
                with connection.cursor() as cursor:
                    for sql, params in statements:
                        if sql.startswith(("SAVEPOINT", "RELEASE SAVEPOINT")):
                            sql = sql.replace('"s', '"r', 1)  # our own names, not Django's
                        cursor.execute(sql, params)
                        if cursor.description:
                            cursor.fetchall()
                raise Rollback
        except Rollback:
            pass

    for warm in (book_rolled_back, replay):
        warm()
    service = cpu_ms(book_rolled_back, n)
    raw = cpu_ms(replay, n)
    publish = cpu_ms(lambda: publish_task(outbox_send_many, [0], what="bench"), n)
    post = wsgi_post_ms(free[1 : 1 + min(n, len(free) - 1)])

    print(f"{len(statements)} statements a booking (rolled back: no commit, no publish)")
    print(f"POST through the WSGI handler, committed:  {post:6.2f} ms of CPU a booking")
    print(f"booking_create alone, rolled back:         {service:6.2f} ms")
    print(f"its statements as plain SQL, rolled back:  {raw:6.2f} ms")
    print(f"the Celery publish after the commit:       {publish:6.2f} ms")
    profile_split(book_rolled_back, n)


def wsgi_post_ms(starts) -> float:
    """The whole POST, as gunicorn calls it, for each free time in `starts`."""
    from urllib.parse import urlencode

    from django.middleware.csrf import _get_new_csrf_string, _mask_cipher_secret

    secret = _get_new_csrf_string()
    handler = WSGIHandler()
    path = f"/book/{targets.POST_TREATMENT}/details/"

    def post(start):
        fields = {"start": start.isoformat(), "dermatologist": "any", **PATIENT_FORM}
        fields["csrfmiddlewaretoken"] = _mask_cipher_secret(secret)
        fields["email"] = "floor@post.bench.invalid"
        body = urlencode(fields, doseq=True).encode()
        request = environ(path, form=body, cookie=f"{settings.CSRF_COOKIE_NAME}={secret}")
        statuses = []
        response = handler(request, lambda status, headers: statuses.append(status))
        b"".join(response)
        response.close()
        if not statuses[0].startswith("302"):
            sys.exit(f"the POST answered {statuses[0]}: run bench/prepare.py first")

    starts = list(starts)
    started = time.process_time()
    for start in starts:
        post(start)
    return (time.process_time() - started) / len(starts) * 1000


def profile_split(call, n: int) -> None:
    """booking_create's CPU split by where the time is spent (self time, by package)."""
    profile = cProfile.Profile(time.process_time)
    profile.enable()
    for _ in range(n):
        call()
    profile.disable()
    stats = pstats.Stats(profile)
    total = sum(row[2] for row in stats.stats.values())  # self time of every function
    shares: dict[str, float] = {}
    for (filename, _, _), row in stats.stats.items():
        shares[package_of(filename)] = shares.get(package_of(filename), 0) + row[2]
    print("\nbooking_create's CPU by where it is spent (self time, under the profiler):")
    for name, seconds in sorted(shares.items(), key=lambda item: -item[1])[:8]:
        print(f"  {name:<32} {seconds / total:6.1%}")


def package_of(filename: str) -> str:
    for pattern, name in (
        (r"django/db/models/", "Django's ORM (query, compiler, models)"),
        (r"django/db/backends/", "Django's database backend"),
        (r"django/", "Django, other"),
        (r"psycopg2|^~$", "psycopg2 and built-ins"),
        (r"/bookings/", "the site's own code (bookings/)"),
    ):
        if re.search(pattern, filename):
            return name
    return "other (standard library)" if "python3.11" in filename else filename


if __name__ == "__main__":
    main()
