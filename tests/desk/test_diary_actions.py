"""From a block in the diary, reception marks arrived, moves or cancels, and is back on that day."""

import pytest

from bookings.models import BookingStatus
from tests.desk.helpers import change_url, move_url, row
from tests.factories import london

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.usefixtures("frozen_clock"),
]

DIARY_TODAY = "/admin/bookings/booking/diary/?day=2026-12-01"


def test_the_booking_opened_from_the_diary_keeps_the_way_back(reception, peel, okafor):
    booking = row(peel, okafor, london(2026, 12, 1, 10))

    html = reception.get(change_url(booking), {"diary": "2026-12-01"}).content.decode()

    assert f'href="{DIARY_TODAY}#booking-{booking.pk}">Back to the diary' in html
    assert f'action="/admin/bookings/booking/{booking.pk}/status/?diary=2026-12-01"' in html
    assert f'href="{move_url(booking)}?diary=2026-12-01"' in html
    assert f'href="/admin/bookings/booking/{booking.pk}/cancel/?diary=2026-12-01"' in html


def test_marking_arrived_from_the_diary_goes_back_to_the_day(reception, peel, okafor):
    booking = row(peel, okafor, london(2026, 12, 1, 10))

    response = reception.post(
        f"/admin/bookings/booking/{booking.pk}/status/?diary=2026-12-01", {"do": "arrived"}
    )

    booking.refresh_from_db()
    assert booking.status == BookingStatus.ARRIVED
    assert response.url == f"{DIARY_TODAY}#booking-{booking.pk}"


def test_cancelling_from_the_diary_goes_back_to_the_day(reception, peel, okafor):
    booking = row(peel, okafor, london(2026, 12, 1, 10))

    response = reception.post(
        f"/admin/bookings/booking/{booking.pk}/cancel/?diary=2026-12-01",
        {"asked_by": "patient", "reason": "Patient phoned: unwell", "apply": "1"},
    )

    booking.refresh_from_db()
    assert booking.status == BookingStatus.CANCELLED
    assert response.url == f"{DIARY_TODAY}#booking-{booking.pk}"


def test_moving_from_the_diary_goes_back_to_the_day_it_started_from(reception, peel, okafor):
    booking = row(peel, okafor, london(2026, 12, 1, 10))

    response = reception.post(
        f"{move_url(booking)}?diary=2026-12-01",
        {"day": "2026-12-02", "dermatologist": okafor.pk, "typed_time": "11:00", "_move": "1"},
    )

    booking.refresh_from_db()
    assert booking.starts_at == london(2026, 12, 2, 11)
    assert response.url == f"{DIARY_TODAY}#booking-{booking.pk}"


def test_a_way_back_that_is_not_a_day_goes_to_the_booking(reception, peel, okafor):
    booking = row(peel, okafor, london(2026, 12, 1, 10))

    response = reception.post(
        f"/admin/bookings/booking/{booking.pk}/status/?diary=https://elsewhere.example",
        {"do": "arrived"},
    )

    assert response.url == change_url(booking)
    page = reception.get(change_url(booking), {"diary": "//elsewhere"}).content.decode()
    assert "Back to the diary" not in page
