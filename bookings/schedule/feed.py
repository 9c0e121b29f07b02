"""A dermatologist's calendar feed: their appointments, at a secret address, for their calendar app."""

from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone

from bookings.models import BookingStatus, Dermatologist
from bookings.notify.ical import booking_event, calendar_new
from bookings.selectors import bookings_between

FEED_DAYS_BACK = 30
FEED_DAYS_AHEAD = 90


def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    """The dermatologist's appointments as iCalendar: times, treatment and reference only.

    No names and no health details, because calendar apps copy events to other
    servers and show them on lock screens.
    """
    dermatologist = get_object_or_404(Dermatologist, calendar_token=token)
    today = timezone.localdate()
    bookings = bookings_between(
        first_day=today - timedelta(days=FEED_DAYS_BACK),
        last_day=today + timedelta(days=FEED_DAYS_AHEAD),
        dermatologist=dermatologist,
    ).exclude(status=BookingStatus.CANCELLED)  # left out, so every calendar app drops them

    calendar = calendar_new(product="Schedule", method="PUBLISH")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", f"{settings.CLINIC_NAME}: {dermatologist.name}")
    stamp = datetime.now(UTC)
    for booking in bookings:
        status = "TENTATIVE" if booking.status == BookingStatus.REQUESTED else "CONFIRMED"
        calendar.add_component(
            booking_event(
                booking,
                summary=f"{booking.treatment.name} · {booking.reference}",
                status=status,
                stamp=stamp,
            )
        )

    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="schedule.ics"'
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex"
    return response
