"""A dermatologist's own pages: their day, their week, one booking.

Every page starts from the logged-in user's own Dermatologist, and every query
is limited to it, so another dermatologist's bookings are never reachable.
"""

from datetime import date, timedelta
from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from bookings.models import Booking, BookingStatus, Dermatologist
from bookings.selectors import bookings_between


def dermatologist_required(view):
    """Logged in, with a Dermatologist profile, which the view receives."""

    @login_required
    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs):
        dermatologist = Dermatologist.objects.filter(user=request.user).first()
        if dermatologist is None:
            raise PermissionDenied("These pages are for the clinic's dermatologists.")
        return view(request, dermatologist, *args, **kwargs)

    return wrapper


def _day_from(value: str | None) -> date:
    try:
        return date.fromisoformat(value or "")
    except ValueError:
        return timezone.localdate()


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
    return render(
        request, "staff/booking.html", {"dermatologist": dermatologist, "booking": booking}
    )
