"""Cancelling from the manage page asks first, on a page of its own; no JavaScript needed."""

import pytest

from bookings.models import Booking, BookingStatus, EmailKind, OutboxEmail
from tests.factories import booking_booked, london
from tests.public.test_manage import MONDAY_9, manage_url

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.usefixtures("frozen_clock"),
]


@pytest.fixture
def booking(peel, okafor) -> Booking:
    return booking_booked(treatment=peel, start=MONDAY_9, dermatologist=okafor)


def test_cancel_this_appointment_asks_first_and_changes_nothing(client, booking):
    manage = client.get(manage_url(booking)).content.decode()
    cancel_url = manage_url(booking, "bookings:cancel")
    assert f'<form method="post" action="{cancel_url}"' not in manage
    assert f'href="{cancel_url}"' in manage

    response = client.get(cancel_url)

    html = response.content.decode()
    assert response.status_code == 200
    assert "Cancel your appointment?" in html
    assert "Monday 7 December 2026 at 9:00am" in html and "Dr Amara Okafor" in html
    assert "Yes, cancel it" in html
    assert f'href="{booking.get_absolute_url()}"' in html  # the way back
    assert Booking.objects.get().status == BookingStatus.REQUESTED
    assert not OutboxEmail.objects.filter(kind=EmailKind.CANCELLED).exists()


def test_yes_cancel_it_cancels_and_sends_the_email(client, booking):
    response = client.post(manage_url(booking, "bookings:cancel"), {"reason": "Feeling better"})

    assert response.status_code == 302
    assert Booking.objects.get().status == BookingStatus.CANCELLED
    assert OutboxEmail.objects.filter(kind=EmailKind.CANCELLED).count() == 1


def test_a_reason_too_long_is_shown_again_on_the_cancel_page(client, booking):
    response = client.post(manage_url(booking, "bookings:cancel"), {"reason": "x" * 301})

    html = response.content.decode()
    assert response.status_code == 400
    assert "Keep the reason under 300 characters." in html
    assert "Yes, cancel it" in html and "x" * 301 in html
    assert Booking.objects.get().status == BookingStatus.REQUESTED


def test_after_the_cut_off_the_cancel_page_goes_back_to_the_booking(
    client,
    booking,
    frozen_clock,
):
    frozen_clock.move_to(london(2026, 12, 6, 9, 30))

    response = client.get(manage_url(booking, "bookings:cancel"))

    assert response.status_code == 302
    assert response.url == booking.get_absolute_url()
