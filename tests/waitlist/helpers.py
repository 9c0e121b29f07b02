"""Shared steps of the waiting list's tests: a diary booked solid, patients who join."""

from datetime import date, timedelta

from django.db import transaction

from bookings.models import BookingStatus
from bookings.waitlist_services import waitlist_join, waitlist_join_for_booking
from tests.factories import booking_row_make, london, patient_make

MONDAY = date(2026, 12, 7)  # the Monday after tests.factories.NOW (Tuesday 1 December, 8am)
ALL_DAY = ["morning", "afternoon", "evening"]


def booked_solid(treatment, dermatologist, day=MONDAY):
    """`dermatologist`'s day (9 to 5) full of `treatment`, end to end from 9am: what is left
    is too short for another. The bookings, in time order."""
    start, last_end = (
        london(day.year, day.month, day.day, 9),
        london(day.year, day.month, day.day, 17),
    )
    bookings = []
    n = 0
    while start + treatment.duration <= last_end:
        n += 1
        bookings.append(
            booking_row_make(
                treatment=treatment,
                dermatologist=dermatologist,
                start=start,
                status=BookingStatus.CONFIRMED,
                patient_name=f"Booked Patient {day:%d}{n}",
                email=f"booked{day:%d}{n}@example.com",
            )
        )
        start += treatment.duration + treatment.buffer
    return bookings


def join(treatment, n=1, *, first_day=MONDAY, last_day=None, parts=ALL_DAY, **fields):
    """Patient number `n` joins the list for `treatment` (each `n` a different person)."""
    details = {
        "name": f"Waiting Patient {n}",
        "email": f"waiting{n}@example.com",
        "phone": f"07700 900{n:03d}",
        **fields.pop("patient", {}),
    }
    with transaction.atomic():
        return waitlist_join(
            treatment=treatment,
            dermatologist=fields.pop("dermatologist", None),
            first_day=first_day,
            last_day=last_day or first_day + timedelta(days=4),
            parts_of_day=parts,
            patient=patient_make(**details),
            **fields,
        )


def join_earlier(booking, *, first_day=MONDAY, last_day=MONDAY, parts=("morning",)):
    """The patient of `booking` waits for an earlier time, with anyone, on those days."""
    return waitlist_join_for_booking(
        booking=booking,
        dermatologist=None,
        first_day=first_day,
        last_day=last_day,
        parts_of_day=list(parts),
    )
