"""iCalendar, one way: the patient's invites and the dermatologist's feed.

An appointment has one UID for life, stored on the booking
(`Booking.calendar_uid`): every invite, move, withdrawal and feed entry names
it, so calendar apps update the one event instead of adding another. Times are
written in UTC, so the weeks the clocks change need no time-zone table.
"""

from datetime import UTC, datetime

from django.conf import settings
from icalendar import Calendar, Event

from bookings.models import Booking


def calendar_new(*, product: str, method: str) -> Calendar:
    """An empty calendar from the clinic; `method` is REQUEST, CANCEL or PUBLISH."""
    calendar = Calendar()
    calendar.add("prodid", f"-//{settings.CLINIC_NAME}//{product}//EN")
    calendar.add("version", "2.0")
    calendar.add("method", method)
    return calendar


def booking_event(booking: Booking, *, summary: str, status: str, stamp: datetime) -> Event:
    """The appointment as an event: its UID, sequence and times; callers add what they may show."""
    event = Event()
    event.add("uid", booking.calendar_uid)
    event.add("sequence", booking.sequence)
    event.add("dtstamp", stamp)
    event.add("dtstart", booking.starts_at.astimezone(UTC))
    event.add("dtend", booking.ends_at.astimezone(UTC))
    event.add("summary", summary)
    event.add("status", status)
    return event
