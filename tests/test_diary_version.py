"""The diary's version changes with everything free times depend on, however it changes.

Runs on PostgreSQL (statement triggers) and, marked sqlite, on SQLite (row triggers).
"""

import re
from datetime import time, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from bookings.models import (
    AuditEntry,
    Booking,
    BookingStatus,
    ClinicClosure,
    Dermatologist,
    DiaryVersion,
    EmailKind,
    OutboxEmail,
    OutboxStatus,
    TimeOff,
    Treatment,
    WorkingHours,
)
from bookings.selectors import dermatologists_for, diary_load, diary_version, slots_available
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
    "a booking cancelled by SQL typed by hand": lambda t, d, b: _sql(
        "UPDATE bookings_booking SET status = 'cancelled'"
    ),
    "a booking given to another dermatologist": lambda t, d, b: Booking.objects.filter(
        pk=b.pk
    ).update(dermatologist=dermatologist_make(treatments=[t], name="Dr Raman")),
    "a booking's buffer lengthened": lambda t, d, b: Booking.objects.filter(pk=b.pk).update(
        blocked_until=b.blocked_until + timedelta(minutes=15)
    ),
}


@pytest.mark.parametrize("change", CHANGES.values(), ids=CHANGES.keys())
def test_every_change_to_the_diary_gives_it_a_new_version(diary, change):
    before = diary_version()

    change(*diary)

    assert diary_version() != before


def _notes_saved_as_the_desk_does(booking):
    booking.staff_notes = "Prefers mornings"
    booking.save(update_fields=["staff_notes"])


def _whole_row_saved_with_new_notes(booking):
    booking.staff_notes = "Needs a chaperone"
    booking.save()


def _email_sent(booking):
    email = OutboxEmail.objects.create(
        booking=booking, kind=EmailKind.CONFIRMED, recipient=booking.email
    )
    OutboxEmail.objects.filter(pk=email.pk).update(status=OutboxStatus.SENT)


UNCHANGED = {
    "staff notes saved by the desk": _notes_saved_as_the_desk_does,
    "the whole row saved with only new notes": _whole_row_saved_with_new_notes,
    "staff notes by a queryset": lambda b: Booking.objects.update(staff_notes="Called back"),
    "the invite sequence going up": lambda b: Booking.objects.filter(pk=b.pk).update(
        sequence=b.sequence + 1
    ),
    "an email queued and sent": _email_sent,
    "an audit entry": lambda b: AuditEntry.objects.create(
        actor="test", action="changed", target="nothing"
    ),
    "SQL that changes nothing free times use": lambda b: _sql(
        "UPDATE bookings_booking SET phone = phone, staff_notes = 'x'"
    ),
}


@pytest.mark.parametrize("write", UNCHANGED.values(), ids=UNCHANGED.keys())
def test_writes_that_cannot_change_free_times_leave_the_version_alone(diary, write):
    before = diary_version()

    write(diary[2])

    assert diary_version() == before


def test_a_version_lost_with_its_table_starts_afresh_never_repeating_an_old_one(diary):
    before = diary_version()
    DiaryVersion.objects.all().delete()

    after = diary_version()

    assert after != before
    assert diary_version() == after


def _tables_read_by(load) -> set[str]:
    with CaptureQueriesContext(connection) as queries:
        load()
    tables = set()
    for query in queries.captured_queries:
        tables.update(re.findall(r'(?:FROM|JOIN)\s+"?(\w+)"?', query["sql"]))
    return tables


def _tables_without_diary_trigger(tables: set[str]) -> set[str]:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT DISTINCT c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
                "JOIN pg_proc p ON p.oid = t.tgfoid "
                "WHERE NOT t.tgisinternal AND p.proname LIKE 'bookings_%%diary%%'"
            )
        else:
            cursor.execute(
                "SELECT DISTINCT tbl_name FROM sqlite_master "
                "WHERE type = 'trigger' AND sql LIKE '%bookings_diaryversion%'"
            )
        guarded = {name for (name,) in cursor.fetchall()}
    return tables - guarded - {"bookings_diaryversion"}


def _free_times_worked_out(treatment, dermatologist):
    monday = london(2026, 12, 7).date()
    slots_available(
        treatment=treatment,
        first_day=monday,
        last_day=monday,
        dermatologists=dermatologists_for(treatment),
        now=london(2026, 12, 1, 8),
    )
    diary_load(first_day=monday, last_day=monday, dermatologists=[dermatologist])


def test_every_table_the_free_times_are_read_from_has_a_diary_trigger(diary):
    extraction, okafor, _ = diary
    tables = _tables_read_by(lambda: _free_times_worked_out(extraction, okafor))

    assert {"bookings_booking", "bookings_workinghours", "bookings_timeoff"} <= tables
    assert _tables_without_diary_trigger(tables) == set()


def test_the_trigger_check_names_a_table_that_has_lost_its_trigger(diary):
    trigger = (
        "bookings_timeoff_diary_changed ON bookings_timeoff"
        if connection.vendor == "postgresql"
        else "bookings_timeoff_diary_changed_insert"
    )
    _sql(f"DROP TRIGGER {trigger}")
    if connection.vendor == "sqlite":
        for event in ("update", "delete"):
            _sql(f"DROP TRIGGER bookings_timeoff_diary_changed_{event}")

    assert _tables_without_diary_trigger({"bookings_timeoff"}) == {"bookings_timeoff"}


def test_every_booking_column_the_free_times_read_replaces_the_version_when_it_changes(diary):
    extraction, okafor, _ = diary
    with CaptureQueriesContext(connection) as queries:
        _free_times_worked_out(extraction, okafor)
    columns = {
        column
        for query in queries.captured_queries
        for column in re.findall(r'"bookings_booking"\."(\w+)"', query["sql"])
    }
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT pg_get_functiondef('bookings_booking_diary_updated'::regproc)")
        else:
            cursor.execute(
                "SELECT sql FROM sqlite_master WHERE name = 'bookings_booking_diary_changed_update'"
            )
        (watching,) = cursor.fetchone()

    assert {"status", "starts_at", "blocked_until", "dermatologist_id"} <= columns
    assert {c for c in columns if f".{c} " not in watching} == set()
