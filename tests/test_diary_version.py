"""The diary's version changes with everything free times depend on, however it changes.

Runs on PostgreSQL (statement triggers) and, marked sqlite, on SQLite (row triggers).
"""

from datetime import time

import pytest
from django.db import connection

from bookings.models import (
    AuditEntry,
    Booking,
    BookingStatus,
    ClinicClosure,
    Dermatologist,
    DiaryVersion,
    TimeOff,
    Treatment,
    WorkingHours,
)
from bookings.selectors import diary_version
from tests.factories import booking_row_make, dermatologist_make, london, treatment_make

pytestmark = [pytest.mark.django_db, pytest.mark.sqlite]


@pytest.fixture
def diary():
    extraction = treatment_make(slug="milia-extraction")
    okafor = dermatologist_make(treatments=[extraction])
    booking = booking_row_make(
        treatment=extraction, dermatologist=okafor, start=london(2026, 12, 7, 9, 0)
    )
    return extraction, okafor, booking


def _sql(statement):
    with connection.cursor() as cursor:
        cursor.execute(statement)


CHANGES = {
    "a booking made": lambda t, d, b: booking_row_make(
        treatment=t, dermatologist=d, start=london(2026, 12, 7, 11, 0)
    ),
    "a booking cancelled": lambda t, d, b: Booking.objects.filter(pk=b.pk).update(
        status=BookingStatus.CANCELLED
    ),
    "a booking deleted": lambda t, d, b: b.delete(),
    "time off": lambda t, d, b: TimeOff.objects.create(
        dermatologist=d, starts_at=london(2026, 12, 8, 9), ends_at=london(2026, 12, 8, 12)
    ),
    "working hours changed": lambda t, d, b: WorkingHours.objects.filter(dermatologist=d).update(
        starts=time(10)
    ),
    "a closure": lambda t, d, b: ClinicClosure.objects.create(
        first_day=london(2026, 12, 9).date(), last_day=london(2026, 12, 9).date(), reason="Shut"
    ),
    "a longer treatment": lambda t, d, b: Treatment.objects.filter(pk=t.pk).update(
        duration_minutes=45
    ),
    "a dermatologist leaving": lambda t, d, b: Dermatologist.objects.filter(pk=d.pk).update(
        is_active=False
    ),
    "a treatment no longer offered": lambda t, d, b: d.treatments.remove(t),
    "SQL typed by hand": lambda t, d, b: _sql("UPDATE bookings_booking SET phone = phone"),
}


@pytest.mark.parametrize("change", CHANGES.values(), ids=CHANGES.keys())
def test_every_change_to_the_diary_gives_it_a_new_version(diary, change):
    before = diary_version()

    change(*diary)

    assert diary_version() != before


def test_writes_elsewhere_leave_the_version_alone(diary):
    before = diary_version()

    AuditEntry.objects.create(actor="test", action="changed", target="nothing")

    assert diary_version() == before


def test_a_version_lost_with_its_table_starts_afresh_never_repeating_an_old_one(diary):
    before = diary_version()
    DiaryVersion.objects.all().delete()

    after = diary_version()

    assert after != before
    assert diary_version() == after
