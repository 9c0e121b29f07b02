"""A dermatologist's own pages: their day, their week, one booking, their calendar feed.

Every page starts from the logged-in user's own Dermatologist, and every query
is limited to it, so another dermatologist's bookings are never reachable.
"""

from datetime import UTC, date, datetime, timedelta
from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST
from django_otp.decorators import otp_required
from icalendar import Calendar, Event

from bookings.audit import audit_record, audit_record_views
from bookings.models import AuditEntry, Booking, BookingStatus, Dermatologist
from bookings.parsing import day_from
from bookings.selectors import bookings_between, patient_visits_before
from bookings.services import dermatologist_calendar_reset

# UIDs must never change, whatever the site's address, or calendars duplicate events.
UID_DOMAIN = "kingsway-skin.example"
FEED_DAYS_BACK = 30
FEED_DAYS_AHEAD = 90


def dermatologist_required(view):
    """Logged in with a second factor, with a Dermatologist profile, which the view receives."""

    @otp_required
    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs):
        dermatologist = Dermatologist.objects.filter(user=request.user).first()
        if dermatologist is None:
            raise PermissionDenied("These pages are for the clinic's dermatologists.")
        return view(request, dermatologist, *args, **kwargs)

    return wrapper


def _day_from(value: str | None) -> date:
    return day_from(value) or timezone.localdate()


def _split(bookings) -> tuple[list[Booking], list[Booking]]:
    """The appointments, and apart from them the cancelled ones."""
    kept, cancelled = [], []
    for booking in bookings:
        (cancelled if booking.status == BookingStatus.CANCELLED else kept).append(booking)
    return kept, cancelled


@dermatologist_required
def schedule_day(request: HttpRequest, dermatologist: Dermatologist) -> HttpResponse:
    day = _day_from(request.GET.get("day"))
    appointments, cancelled = _split(
        bookings_between(first_day=day, last_day=day, dermatologist=dermatologist)
    )
    audit_record_views(
        user=request.user, bookings=appointments, where=f"schedule, {day.isoformat()}"
    )
    return render(
        request,
        "staff/day.html",
        {
            "dermatologist": dermatologist,
            "day": day,
            "today": timezone.localdate(),
            "previous_day": day - timedelta(days=1),
            "next_day": day + timedelta(days=1),
            "appointments": appointments,
            "cancelled": cancelled,
            "feed_url": request.build_absolute_uri(
                reverse("staff:calendar_feed", kwargs={"token": dermatologist.calendar_token})
            ),
        },
    )


@dermatologist_required
def schedule_week(request: HttpRequest, dermatologist: Dermatologist) -> HttpResponse:
    day = _day_from(request.GET.get("week"))
    monday = day - timedelta(days=day.weekday())
    days = {monday + timedelta(days=n): {"appointments": [], "cancelled": []} for n in range(7)}
    for booking in bookings_between(
        first_day=monday, last_day=monday + timedelta(days=6), dermatologist=dermatologist
    ):
        is_cancelled = booking.status == BookingStatus.CANCELLED
        days[booking.local_start.date()]["cancelled" if is_cancelled else "appointments"].append(
            booking
        )
    audit_record_views(
        user=request.user,
        bookings=[b for lists in days.values() for b in lists["appointments"]],
        where=f"schedule, week of {monday.isoformat()}",
    )
    today = timezone.localdate()
    return render(
        request,
        "staff/week.html",
        {
            "dermatologist": dermatologist,
            "monday": monday,
            "sunday": monday + timedelta(days=6),
            "this_monday": today - timedelta(days=today.weekday()),
            "today": today,
            "previous_week": monday - timedelta(days=7),
            "next_week": monday + timedelta(days=7),
            "days": [{"date": d, **lists} for d, lists in days.items()],
        },
    )


@dermatologist_required
def booking_detail(
    request: HttpRequest, dermatologist: Dermatologist, reference: str
) -> HttpResponse:
    booking = get_object_or_404(
        Booking.objects.select_related("treatment"),
        reference=reference,
        dermatologist=dermatologist,
    )
    # Another dermatologist's booking is a 404 above, so a patient's earlier
    # visits show only to dermatologists who have a booking with them.
    visits = patient_visits_before(booking)
    audit_record_views(user=request.user, bookings=[booking], where="schedule, booking page")
    audit_record(
        user=request.user,
        action=AuditEntry.Action.VIEWED_HISTORY,
        target=f"patient {booking.patient_id}",
        detail=f"schedule, booking {booking.reference}: {len(visits)} previous visit(s)",
    )
    return render(
        request,
        "staff/booking.html",
        {"dermatologist": dermatologist, "booking": booking, "visits": visits},
    )


@require_POST
@dermatologist_required
def calendar_reset(request: HttpRequest, dermatologist: Dermatologist) -> HttpResponse:
    dermatologist_calendar_reset(dermatologist=dermatologist)
    messages.success(
        request,
        "Your calendar feed has a new address. The old one has stopped working: "
        "add the new one to your calendar app.",
    )
    return redirect(f"{reverse('staff:schedule')}#calendar-feed")


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

    calendar = Calendar()
    calendar.add("prodid", f"-//{settings.CLINIC_NAME}//Schedule//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", f"{settings.CLINIC_NAME}: {dermatologist.name}")
    stamp = datetime.now(UTC)
    for booking in bookings:
        event = Event()
        event.add("uid", f"booking-{booking.reference}@{UID_DOMAIN}")
        event.add("dtstamp", stamp)
        event.add("dtstart", booking.starts_at.astimezone(UTC))
        event.add("dtend", booking.ends_at.astimezone(UTC))
        event.add("summary", f"{booking.treatment.name} · {booking.reference}")
        event.add("sequence", booking.sequence)
        event.add(
            "status", "TENTATIVE" if booking.status == BookingStatus.REQUESTED else "CONFIRMED"
        )
        calendar.add_component(event)

    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="schedule.ics"'
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex"
    return response
