"""The patient-record migrations on a copy of the benchmark data, timed and checked.

Run by hand after make_data.py (the bench database is left as it was):

    . bench/env.sh && .venv/bin/python bench/migration_check.py

It copies the bench database, takes the copy back to before patient records
(migration 0011), writes its phone numbers the many ways patients typed them
(and a few that are no number at all), migrates forward again and checks that
every booking has a patient, the same people one record each, and that the
numbers it could not read were kept as typed and flagged.
"""

import os
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg2

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")

source_url = urlsplit(os.environ["DATABASE_URL"])
source = source_url.path.lstrip("/")
copy = f"{source}_migration_check"
admin = psycopg2.connect(urlunsplit(source_url._replace(path="/postgres")))
admin.autocommit = True
with admin.cursor() as cursor:
    cursor.execute(f'DROP DATABASE IF EXISTS "{copy}"')
    cursor.execute(f'CREATE DATABASE "{copy}" TEMPLATE "{source}"')
os.environ["DATABASE_URL"] = urlunsplit(source_url._replace(path=f"/{copy}"))

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402

from bookings.models import Booking, Patient  # noqa: E402

# How the bookings' numbers are written before the migration: by booking id, the many
# spellings of +447700900123 that patients type, and now and then no number at all.
RESPELL = """
UPDATE bookings_booking SET phone = CASE id % 7
    WHEN 0 THEN '0' || substr(phone, 4, 4) || ' ' || substr(phone, 8)
    WHEN 1 THEN '+44 ' || substr(phone, 4, 4) || ' ' || substr(phone, 8, 3) || ' ' || substr(phone, 11)
    WHEN 2 THEN '0' || substr(phone, 4)
    WHEN 3 THEN '(0' || substr(phone, 4, 4) || ') ' || substr(phone, 8)
    WHEN 4 THEN '0044-' || substr(phone, 4, 4) || '-' || substr(phone, 8)
    WHEN 5 THEN '+44 (0)' || substr(phone, 4)
    ELSE phone END
WHERE phone LIKE '+44%'
"""


def main() -> None:
    try:
        call_command("migrate", "bookings", "0011", verbosity=0)
        with connection.cursor() as cursor:
            cursor.execute(RESPELL)
            cursor.execute("UPDATE bookings_booking SET phone = 'mum''s mobile' WHERE id % 997 = 0")
        started = time.perf_counter()
        call_command("migrate", "bookings", verbosity=0)
        took = time.perf_counter() - started
        unlinked = Booking.objects.filter(patient__isnull=True).count()
        flagged = Patient.objects.filter(phone_unreadable=True).count()
        kept = Booking.objects.filter(phone="mum's mobile").count()
        # The bench's own few unreadable numbers, and the ones written above.
        unreadable = ["mum's mobile", "ring the school office", ""]
        not_e164 = Booking.objects.exclude(phone__startswith="+").exclude(phone__in=unreadable)
        print(f"copy {copy}: {Booking.objects.count():,} bookings")
        print(f"  migrated forward in {took:.1f} s")
        print(f"  patients          {Patient.objects.count():,}")
        print(f"  without a patient {unlinked}")
        print(f"  numbers kept as typed {kept}, on {flagged} flagged record(s)")
        print(f"  other numbers not E.164 {not_e164.count()}")
        print(
            f"  possible duplicates {Patient.objects.filter(possible_duplicate_of__isnull=False).count()}"
        )
        assert unlinked == 0 and not not_e164.exists()
    finally:
        connection.close()
        with admin.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{copy}"')


if __name__ == "__main__":
    main()
