"""Moving a booking from its admin page, through the move service."""

import re

import pytest

from bookings.models import Booking, BookingEvent
from tests.desk.helpers import (
    MONDAY_9,
    YESTERDAY_9,
    change_url,
    messages_of,
    move_url,
    row,
)
from tests.factories import (
    london,
)

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.usefixtures("frozen_clock"),
]


def test_the_change_page_links_to_the_move_step(reception, peel, okafor):
    booking = row(peel, okafor, MONDAY_9)

    assert move_url(booking) in reception.get(change_url(booking)).content.decode()


def test_the_move_step_shows_the_days_free_times_for_the_treatment(reception, peel, okafor):
    booking = row(peel, okafor, MONDAY_9)
    row(peel, okafor, london(2026, 12, 7, 11, 0))

    html = reception.get(move_url(booking)).content.decode()

    times = re.findall(r'name="slot" value="([^"]+)"', html)
    assert "2026-12-07T09:15:00+00:00" in times  # overlapping its own time is fine
    assert "2026-12-07T10:15:00+00:00" in times
    assert "2026-12-07T10:30:00+00:00" not in times  # would run into 11:00
    assert "2026-12-07T11:00:00+00:00" not in times


def test_moving_to_a_free_time_goes_through_the_move_service(
    reception, receptionist, peel, okafor, raman
):
    booking = row(peel, okafor, MONDAY_9)

    response = reception.post(
        move_url(booking),
        {"day": "2026-12-01", "dermatologist": raman.pk, "typed_time": "15:00", "_move": "1"},
        follow=True,
    )

    booking.refresh_from_db()
    assert (booking.starts_at, booking.dermatologist) == (london(2026, 12, 1, 15), raman)
    assert booking.sequence == 1
    event = booking.events.get()
    assert (event.kind, event.by_user) == (BookingEvent.Kind.MOVED, receptionist)
    assert messages_of(response) == [
        f"{booking.reference} Existing Patient is now on Tuesday 1 December 2026 at 3:00pm "
        "with Dr Priya Raman."
    ]


def test_moving_onto_another_booking_is_refused_with_the_nearest_times(reception, peel, okafor):
    booking = row(peel, okafor, MONDAY_9)
    row(peel, okafor, london(2026, 12, 7, 11, 0))

    response = reception.post(
        move_url(booking),
        {"day": "2026-12-07", "dermatologist": okafor.pk, "typed_time": "11:15", "_move": "1"},
    )

    html = response.content.decode()
    assert response.status_code == 409
    assert "Monday 7 December 2026, 11:15am: It overlaps a booking at 11:00 to 11:45am." in html
    assert "The booking has not moved." in html
    assert 'name="choose"' in html
    assert Booking.objects.get(pk=booking.pk).starts_at == MONDAY_9


def test_a_booking_that_cannot_move_says_why(reception, peel, okafor):
    booking = row(peel, okafor, YESTERDAY_9, status="completed")

    response = reception.post(
        move_url(booking),
        {"day": "2026-12-07", "typed_time": "11:00", "_move": "1"},
    )

    assert response.status_code == 409
    assert "This appointment has already taken place." in response.content.decode()
