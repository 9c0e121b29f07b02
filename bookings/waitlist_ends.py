"""When waiting list entries end without anyone pressing "leave": their patient booked a
time that suits them, or their dates passed. Called by the booking services and a beat task."""

from datetime import datetime

from django.utils import timezone

from bookings.models import Booking, WaitlistEntry


def waitlist_end_booked(*, booking: Booking, now: datetime | None = None) -> list[WaitlistEntry]:
    """Ends the waiting entries that `booking` (just made, or just moved) satisfies.

    Only entries of the same patient record (a twin sharing the email is another
    patient): the same treatment, the booking's UK day within the entry's days,
    its start in one of the entry's parts of the day, with the entry's
    dermatologist if it named one. An entry joined for an earlier time for this
    booking ends once the booking moves into its days. Call it inside the
    booking's own transaction.
    """
    raise NotImplementedError


def waitlist_end_booking_closed(*, booking: Booking, now: datetime | None = None) -> int:
    """Ends the entries waiting for an earlier time for `booking`, which was cancelled."""
    raise NotImplementedError


def waitlist_expire(*, now: datetime | None = None) -> int:
    """Beat task: ends the entries whose last day has passed. Returns how many."""
    now = now or timezone.now()
    raise NotImplementedError
