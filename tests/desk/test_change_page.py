"""One booking's page in the admin: its actions, cancelling with a reason, staff notes, history."""

import re
from datetime import timedelta
from unittest import mock

import pytest
from django.urls import reverse

from bookings.desk.bookings_admin import BookingAdmin
from bookings.models import Booking, BookingEvent, BookingStatus
from tests.desk.helpers import (
    MONDAY_9,
    change_url,
    messages_of,
    row,
)
from tests.factories import (
    NOW,
)

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.usefixtures("frozen_clock"),
]


def test_the_change_page_acts_on_one_booking_through_the_same_services(
    reception, receptionist, peel, okafor
):
    booking = row(peel, okafor, MONDAY_9, status="requested")
    status_url = reverse("admin:bookings_booking_status", args=[booking.pk])

    html = reception.get(change_url(booking)).content.decode()
    assert f'action="{status_url}"' in html
    assert 'value="confirm"' in html

    response = reception.post(status_url, {"do": "confirm"}, follow=True)
    booking.refresh_from_db()
    assert booking.status == BookingStatus.CONFIRMED
    assert messages_of(response) == [
        f"Confirmed: {booking.reference} Existing Patient (Mon 7 Dec, 9:00am)."
    ]

    again = reception.post(status_url, {"do": "confirm"}, follow=True)
    assert again.status_code == 200
    assert messages_of(again)[-1].endswith("Cannot confirm: it is already confirmed.")
    assert reception.get(status_url).status_code == 405


def test_one_booking_is_cancelled_from_its_change_page_with_a_reason(
    reception, receptionist, peel, okafor
):
    booking = row(peel, okafor, MONDAY_9)
    url = reverse("admin:bookings_booking_cancel", args=[booking.pk])

    assert "Why is it cancelled?" in reception.get(url).content.decode()
    response = reception.post(
        url, {"asked_by": "patient", "reason": "Patient phoned: feeling better"}
    )

    assert response.status_code == 302
    booking.refresh_from_db()
    assert booking.status == BookingStatus.CANCELLED
    assert booking.cancellation_reason == "Patient phoned: feeling better"


def test_time_and_dermatologist_are_read_only_and_staff_notes_are_saved(reception, peel, okafor):
    booking = row(peel, okafor, MONDAY_9, status="requested")

    html = reception.get(change_url(booking)).content.decode()
    for field in ["starts_at", "ends_at", "dermatologist", "treatment", "status", "email"]:
        assert f'name="{field}"' not in html, field
    assert 'name="staff_notes"' in html

    loaded = BookingAdmin.get_object

    def confirmed_meanwhile(model_admin, request, object_id, from_field=None):
        # A colleague confirms it between this page loading the row and saving it.
        booking = loaded(model_admin, request, object_id, from_field)
        Booking.objects.filter(pk=booking.pk).update(status=BookingStatus.CONFIRMED)
        return booking

    with mock.patch.object(BookingAdmin, "get_object", confirmed_meanwhile):
        response = reception.post(
            change_url(booking),
            {"staff_notes": "Needs a chaperone.", "starts_at": "2026-12-25 09:00", "_save": "Save"},
        )

    assert response.status_code == 302
    booking.refresh_from_db()
    assert booking.staff_notes == "Needs a chaperone."
    assert (booking.status, booking.starts_at) == (BookingStatus.CONFIRMED, MONDAY_9)


def test_staff_notes_never_reach_the_patients_page(reception, client, peel, okafor):
    booking = row(peel, okafor, MONDAY_9, staff_notes="Anxious about needles.")

    html = client.get(booking.get_absolute_url()).content.decode()

    assert booking.reference in html
    assert "Anxious about needles" not in html


def test_the_change_page_shows_the_history_read_only(reception, receptionist, peel, okafor):
    booking = row(peel, okafor, MONDAY_9, status="requested")
    BookingEvent.objects.create(booking=booking, kind="created", at=NOW - timedelta(days=1))
    receptionist.first_name, receptionist.last_name = "Jo", "Desk"
    receptionist.save()
    BookingEvent.objects.create(
        booking=booking, kind="moved", at=NOW, by_user=receptionist, detail="from Fri 4 Dec"
    )

    html = reception.get(change_url(booking)).content.decode()

    history = html[html.index('class="booking-history"') :]
    assert re.search(
        r"<td>Booked</td><td>Monday 30 November 2026, 8:00am</td><td>The patient", history
    )
    assert re.search(
        r"<td>Moved</td><td>Tuesday 1 December 2026, 8:00am</td><td>Jo Desk</td><td>from Fri 4 Dec",
        history,
    )
    assert "<input" not in history.split("</table>")[0]


def test_the_change_page_links_the_patient_record_and_shows_a_phone_that_differs(
    reception, peel, okafor
):
    first = row(peel, okafor, MONDAY_9, phone="+447700900123")
    later = row(peel, okafor, MONDAY_9 + timedelta(hours=2), phone="+447700900456")
    assert later.patient == first.patient

    html = reception.get(change_url(later)).content.decode()

    assert reverse("admin:bookings_patient_change", args=[later.patient_id]) in html
    assert "The record’s phone is 07700 900123; this booking gave 07700 900456." in html
    later.patient.refresh_from_db()
    assert later.patient.phone == "+447700900123"  # nothing changed until reception chooses
    same = reception.get(change_url(first)).content.decode()
    assert "this booking gave" not in same
