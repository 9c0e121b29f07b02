"""When waiting list entries end without anyone pressing "leave": their patient booked a
time that suits them, their booking was cancelled, or their dates passed. Called by the
booking services, inside their transactions, and by a beat task."""

from datetime import datetime

from django.utils import timezone

from bookings.availability import LONDON
from bookings.models import Booking, WaitlistEnd, WaitlistEntry, part_of_day_at


def waitlist_end_booked(*, booking: Booking, now: datetime | None = None) -> list[WaitlistEntry]:
    """Ends the waiting entries that `booking` (just made, or just moved) satisfies.

    Only entries of the same patient record (a twin sharing the email is another
    patient): the same treatment, the booking's UK day within the entry's days,
    its start in one of the entry's parts of the day, with the entry's
    dermatologist if it named one. An entry waiting for an earlier time for
    another booking stays: that booking has not moved. Call it inside the
    booking's own transaction.
    """
    now = now or timezone.now()
    local = booking.starts_at.astimezone(LONDON)
    day, part = local.date(), part_of_day_at(local.time())
    # The patient's waiting entries for the treatment, matched here rather than in SQL: a
    # few at most, and every booking asks, so the simplest query to compile is the cheapest.
    entries = WaitlistEntry.objects.select_for_update().filter(
        patient_id=booking.patient_id, treatment_id=booking.treatment_id, ended_at__isnull=True
    )
    ended = [
        entry
        for entry in entries
        if entry.first_day <= day <= entry.last_day
        and entry.dermatologist_id in (None, booking.dermatologist_id)
        and entry.booking_id in (None, booking.pk)
        and part in entry.parts_of_day
    ]
    if ended:
        WaitlistEntry.objects.filter(pk__in=[entry.pk for entry in ended]).update(
            ended_at=now, end_reason=WaitlistEnd.BOOKED, booked=booking
        )
    return ended


def waitlist_end_booking_closed(*, booking: Booking, now: datetime | None = None) -> int:
    """Ends the entries waiting for an earlier time for `booking`, which was cancelled."""
    return WaitlistEntry.objects.filter(booking=booking, ended_at__isnull=True).update(
        ended_at=now or timezone.now(), end_reason=WaitlistEnd.BOOKING_CLOSED
    )


def waitlist_expire(*, now: datetime | None = None) -> int:
    """Beat task: ends the entries whose last day has passed. Returns how many."""
    now = now or timezone.now()
    return WaitlistEntry.objects.filter(
        ended_at__isnull=True, last_day__lt=timezone.localdate(now)
    ).update(ended_at=now, end_reason=WaitlistEnd.EXPIRED)
