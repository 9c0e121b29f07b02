"""Staff notes are saved through a service that records who changed them, and when."""

import pytest

from bookings.day_services import booking_notes_change
from bookings.models import AuditEntry, BookingEvent
from tests.desk.helpers import MONDAY_9, change_url, row
from tests.factories import NOW

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_clock")]


def save_notes(client, booking, notes):
    return client.post(change_url(booking), {"staff_notes": notes, "_save": "Save"})


def test_notes_saved_in_the_admin_go_into_the_history_and_the_audit_trail(
    reception, receptionist, peel, okafor
):
    booking = row(peel, okafor, MONDAY_9)

    assert save_notes(reception, booking, "Needs a chaperone.").status_code == 302

    booking.refresh_from_db()
    assert booking.staff_notes == "Needs a chaperone."
    (event,) = BookingEvent.objects.filter(booking=booking)
    assert (event.kind, event.by_user, event.at) == ("notes", receptionist, NOW)
    entry = AuditEntry.objects.get(action=AuditEntry.Action.CHANGED)
    assert (entry.user, entry.target) == (receptionist, f"booking {booking.reference}")
    # Free text stays out of both: the notes are for the booking's page only.
    assert "chaperone" not in event.detail + entry.detail
    assert "Staff notes changed" in reception.get(change_url(booking)).content.decode()


def test_saving_the_page_without_changing_the_notes_records_nothing(reception, peel, okafor):
    booking = row(peel, okafor, MONDAY_9, staff_notes="Needs a chaperone.")

    save_notes(reception, booking, "Needs a chaperone.")

    assert not BookingEvent.objects.exists()
    assert not AuditEntry.objects.filter(action=AuditEntry.Action.CHANGED).exists()


def test_the_notes_service_keeps_the_bookings_other_fields_as_they_are_now(
    receptionist, peel, okafor
):
    booking = row(peel, okafor, MONDAY_9, status="requested")
    type(booking).objects.filter(pk=booking.pk).update(status="confirmed")  # meanwhile

    booking_notes_change(booking=booking, notes="Prefers mornings.", by_user=receptionist)

    booking.refresh_from_db()
    assert (booking.status, booking.staff_notes) == ("confirmed", "Prefers mornings.")
