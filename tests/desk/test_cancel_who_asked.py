"""Reception cancels for the patient or for the clinic; each gets its own email wording."""

import pytest
from django.urls import reverse

from bookings.change_services import booking_cancel
from bookings.models import BookingStatus, CancelledBy, EmailKind, OutboxEmail
from bookings.notify.emails import email_message
from tests.desk.helpers import MONDAY_9, row

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.usefixtures("frozen_clock"),
]


def cancel_url(booking) -> str:
    return reverse("admin:bookings_booking_cancel", args=[booking.pk])


def cancelled_email_body(booking) -> str:
    email = OutboxEmail.objects.get(booking=booking, kind=EmailKind.CANCELLED)
    return email_message(email).body


def test_cancelling_at_the_patients_request_tells_them_it_is_cancelled_as_they_asked(
    reception, receptionist, peel, okafor
):
    booking = row(peel, okafor, MONDAY_9)

    reception.post(cancel_url(booking), {"asked_by": "patient", "reason": "Phoned: feeling better"})

    booking.refresh_from_db()
    assert (booking.status, booking.cancelled_by, booking.cancelled_by_user) == (
        BookingStatus.CANCELLED,
        CancelledBy.PATIENT,
        receptionist,
    )
    assert booking.events.get().detail == "Asked by the patient: Phoned: feeling better"
    body = cancelled_email_body(booking)
    assert "cancelled, as you asked" in body
    assert "we have had to cancel" not in body


def test_cancelling_for_the_clinic_says_sorry_and_that_we_will_find_another_time(
    reception, peel, okafor
):
    booking = row(peel, okafor, MONDAY_9)

    reception.post(cancel_url(booking), {"asked_by": "clinic", "reason": "Dr Okafor is ill"})

    booking.refresh_from_db()
    assert booking.cancelled_by == CancelledBy.CLINIC
    assert booking.events.get().detail == "By the clinic: Dr Okafor is ill"
    assert "we have had to cancel your appointment" in cancelled_email_body(booking)


def test_the_cancel_page_asks_who_asked_and_keeps_the_reason(reception, peel, okafor):
    booking = row(peel, okafor, MONDAY_9)

    response = reception.post(cancel_url(booking), {"reason": "Phoned: feeling better"})

    html = response.content.decode()
    assert response.status_code == 400
    assert "Choose who asked to cancel." in html
    assert "Phoned: feeling better" in html
    booking.refresh_from_db()
    assert booking.status == BookingStatus.CONFIRMED


def test_the_service_records_who_asked_not_who_pressed_the_button(receptionist, peel, okafor):
    booking = row(peel, okafor, MONDAY_9)

    booking_cancel(booking=booking, by_user=receptionist, cancelled_by=CancelledBy.PATIENT)

    booking.refresh_from_db()
    assert (booking.cancelled_by, booking.cancelled_by_user) == ("patient", receptionist)
