"""Queries per page with the full diary and with ten bookings: the two columns must match.

Run by hand after make_data.py, with the bench's settings:

    . bench/env.sh && .venv/bin/python bench/query_counts.py [--sql]

Each page is requested once to warm up; then, with the cache emptied, once
built from the database and, for the pages kept whole in the cache (the
guide, the slot page, the manage page), once more as the next visitor gets it ("kept"). The ten-booking column is measured in a transaction
that deletes every other booking and is rolled back, so the database is left
as it was; the booking POST is rolled back the same way.
"""

import argparse
import os
import random
import sys
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.core.cache import cache  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from bench import targets  # noqa: E402
from bookings.models import Booking, Treatment  # noqa: E402
from bookings.phones import phone_display  # noqa: E402
from bookings.public.booking_views import slot_pages_here  # noqa: E402
from bookings.selectors import dermatologists_for, slots_available  # noqa: E402
from education.pagecache import process_copies_forget  # noqa: E402

# Pages built for each request, never kept whole in the cache.
NEVER_KEPT = ("home", "admin", "schedule", "day diary", "week diary", "next free")


class Rollback(Exception):
    pass


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sql", action="store_true", help="print every query")
    parser.add_argument("--small", type=int, default=10, help="bookings in the small diary")
    args = parser.parse_args()

    full = Booking.objects.count()
    keep = [targets.manage_booking(), targets.history_booking()]
    columns = {full: measured_in_rollback(keep_only=None, keep=keep)}
    columns[args.small] = measured_in_rollback(keep_only=args.small, keep=keep)

    sizes = list(columns)
    print(f"| page | {' | '.join(f'queries at {n:,} bookings' for n in sizes)} | same |")
    print(f"| --- | {' | '.join('---:' for _ in sizes)} | --- |")
    for page in columns[full]:
        counts = [len(columns[n][page]) for n in sizes]
        print(
            f"| {page} | {' | '.join(map(str, counts))} | {'yes' if len(set(counts)) == 1 else 'NO'} |"
        )
    if args.sql:
        for page, queries in columns[full].items():
            print(f"\n{page}:")
            for n, query in enumerate(queries, 1):
                print(f"  {n}. {query['sql'][:300]}")


def measured_in_rollback(*, keep_only: int | None, keep: list[Booking]) -> dict[str, list[dict]]:
    """The pages' queries, with only `keep_only` bookings (`keep` among them) if given."""
    found = {}
    try:
        with transaction.atomic():
            if keep_only is not None:
                size = keep_only
                kept = [booking.pk for booking in keep]
                others = list(Booking.objects.exclude(pk__in=kept).values_list("pk", flat=True))
                chosen = [*kept, *random.Random(0).sample(others, size - len(kept))]
                Booking.objects.exclude(pk__in=chosen).delete()
                assert Booking.objects.count() == size
            found = pages_measure(history=keep[1])
            raise Rollback
    except Rollback:
        pass
    return found


def pages_measure(*, history: Booking) -> dict[str, list[dict]]:
    host = {"HTTP_HOST": settings.ALLOWED_HOSTS[0]}
    admin = targets.admin_client()
    gets = {
        "home /": (Client(**host), "/"),
        f"guide {targets.GUIDE_PATH}": (Client(**host), targets.GUIDE_PATH),
        f"slot page {targets.slot_path()}": (Client(**host), targets.slot_path()),
        "manage page /manage/<token>/": (Client(**host), targets.manage_path()),
        f"admin list {targets.ADMIN_LIST_PATH}": (admin, targets.ADMIN_LIST_PATH),
        # Reception looks the patient up by number, typed as it was said on the phone.
        "admin phone search ?q=<the patient's number, UK style>": (
            admin,
            f"{targets.ADMIN_LIST_PATH}?{urlencode({'q': phone_display(history.phone)})}",
        ),
        f"admin patients {targets.PATIENT_LIST_PATH}": (admin, targets.PATIENT_LIST_PATH),
        f"day diary {targets.DIARY_PATH}": (admin, targets.diary_path()),
        f"week diary {targets.WEEK_PATH}": (admin, targets.week_path()),
        f"next free times {targets.FREE_TIMES_PATH}": (admin, targets.free_times_path()),
        "admin patient page /admin/bookings/patient/<id>/change/": (
            admin,
            f"{targets.PATIENT_LIST_PATH}{history.patient_id}/change/",
        ),
        "schedule booking page /staff/schedule/booking/<ref>/": (
            targets.dermatologist_client(history),
            f"/staff/schedule/booking/{history.reference}/",
        ),
    }
    found = {}
    for name, (client, path) in gets.items():
        client.get(path)  # warm up: first-request work
        # Built from the database, then (for the pages kept whole) from the cache.
        cache.clear()
        # The copies this process keeps too: the guide's and the slot pages'.
        process_copies_forget()
        slot_pages_here.forget()
        for label in ("", ", kept"):
            with CaptureQueriesContext(connection) as captured:
                response = client.get(path)
            assert response.status_code == 200, (name, response.status_code)
            if label and name.startswith(NEVER_KEPT):
                continue  # never kept
            found[name + label] = captured.captured_queries

    client = Client(**host)
    path, data = booking_post_data()
    with CaptureQueriesContext(connection) as captured:
        response = client.post(path, data)
    assert response.status_code == 302, ("booking POST", response.status_code)
    found[f"booking POST {path}"] = captured.captured_queries
    return found


def booking_post_data() -> tuple[str, dict]:
    """A free time three weeks ahead for the POST treatment, and a valid form for it."""
    treatment = Treatment.objects.get(slug=targets.POST_TREATMENT)
    first_day = targets.slot_week() + timedelta(weeks=1)
    free = slots_available(
        treatment=treatment,
        first_day=first_day,
        last_day=first_day + timedelta(days=6),
        dermatologists=dermatologists_for(treatment),
    )
    slot = free[len(free) // 2]
    return f"/book/{treatment.slug}/details/", {
        "start": slot.start.isoformat(),
        "dermatologist": str(slot.dermatologist_id),
        **PATIENT_FORM,
    }


PATIENT_FORM = {
    "patient_name": "Bench Patient",
    "date_of_birth": "12/04/1988",
    "email": "patient@post.bench.invalid",
    "phone": "07700 900123",
    "areas": ["eyes", "cheeks"],
    "how_long": "1_to_6_months",
    "how_many": "6_to_20",
    "tried_home_removal": "no",
    "pregnancy": "no",
    # The POST treatment's own question (bookings/suitability.py).
    "suitability_blood_thinners": "no",
    "privacy_consent": "on",
    "note": "They are mostly under my left eye.",
    "fax_number": "",
}


if __name__ == "__main__":
    main()
