"""Waiting list entries and offers saved straight to their tables, to set up a page."""

from datetime import date, datetime

from bookings.availability import LONDON
from bookings.models import Channel, WaitlistEntry, WaitlistOffer
from tests.factories import NOW, patient_record_make


def entry_row_make(*, treatment, **fields) -> WaitlistEntry:
    """Sarah Thompson waiting for `treatment` with anyone, any time, for the next three weeks."""
    values = {
        "treatment": treatment,
        "first_day": date(2026, 12, 2),
        "last_day": date(2026, 12, 22),
        "parts_of_day": ["morning", "afternoon", "evening"],
        "name": "Sarah Thompson",
        "email": "sarah.thompson@example.com",
        "phone": "+447700900123",
        "created_at": NOW,
    }
    values.update(fields)
    if "patient" not in values:
        values["patient"] = patient_record_make(
            name=values["name"],
            email=values["email"],
            phone=values["phone"],
            date_of_birth=date(1988, 4, 12),
        )
    return WaitlistEntry.objects.create(**values)


def offer_row_make(*, entry, dermatologist, start: datetime, **fields) -> WaitlistOffer:
    """An offer of `start` to `entry`, by email, as the worker makes one."""
    values = {
        "entry": entry,
        "dermatologist": dermatologist,
        "gap_starts_at": start,
        "gap_ends_at": start + entry.treatment.duration,
        "starts_at": start,
        "channel": Channel.EMAIL,
        "day": NOW.astimezone(LONDON).date(),
        "created_at": NOW,
    }
    values.update(fields)
    return WaitlistOffer.objects.create(**values)
