"""What the reception desk's tests share: a few moments, and small helpers."""

from django.contrib.messages import get_messages
from django.urls import reverse

from tests.factories import booking_row_make, london

TODAY_10 = london(2026, 12, 1, 10, 0)
TODAY_14 = london(2026, 12, 1, 14, 0)
TOMORROW_9 = london(2026, 12, 2, 9, 0)
YESTERDAY_9 = london(2026, 11, 30, 9, 0)
MONDAY_9 = london(2026, 12, 7, 9, 0)

CHANGELIST = "/admin/bookings/booking/"


def row(peel, okafor, start, **fields):
    return booking_row_make(treatment=peel, dermatologist=okafor, start=start, **fields)


def messages_of(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def change_url(booking) -> str:
    return reverse("admin:bookings_booking_change", args=[booking.pk])


def move_url(booking) -> str:
    return reverse("admin:bookings_booking_move", args=[booking.pk])
