"""A dermatologist's own pages: their day, their week, one booking (the feed: feed.py).

Every page starts from the logged-in user's own Dermatologist, and every query
is limited to it, so another dermatologist's bookings are never reachable.
"""

from datetime import timedelta
from functools import wraps

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django_otp.decorators import otp_required

from bookings.audit import audit_record, audit_record_views
from bookings.link_services import dermatologist_calendar_reset
from bookings.models import AuditEntry, Booking, BookingAction, Dermatologist
from bookings.parsing import day_or_today
from bookings.schedule.day import completed_without_record, schedule_day_load
from bookings.selectors import bookings_between, bookings_split_cancelled, patient_visits_before

# What a dermatologist may do to a visit from the day page (reception does the rest).
DAY_ACTIONS = (BookingAction.ARRIVED, BookingAction.COMPLETED, BookingAction.NO_SHOW)


def dermatologist_required(view):
    """Logged in with a second factor, with a Dermatologist profile, which the view receives.

    The pages show patients' details: no browser or proxy may keep them.
    """

    @never_cache
    @otp_required
    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs):
        dermatologist = Dermatologist.objects.filter(user=request.user).first()
        if dermatologist is None:
            raise PermissionDenied("These pages are for the clinic's dermatologists.")
        return view(request, dermatologist, *args, **kwargs)

    return wrapper


@dermatologist_required
def schedule_day(request: HttpRequest, dermatologist: Dermatologist) -> HttpResponse:
    day = day_or_today(request.GET.get("day"))
    appointments, cancelled = bookings_split_cancelled(
        bookings_between(first_day=day, last_day=day, dermatologist=dermatologist).select_related(
            "treatment_record"
        )
    )
    now = timezone.now()
    the_day = schedule_day_load(
        dermatologist=dermatologist, day=day, bookings=appointments, now=now
    )
    for booking in appointments:
        booking.flags = the_day.flags.get(booking.pk, [])
        booking.earlier_visits = the_day.visits.get(booking.patient_id, [])
        booking.actions_here = [
            action for action in booking.allowed_actions if action in DAY_ACTIONS
        ]
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
            "the_day": the_day,
            "unrecorded": completed_without_record(dermatologist=dermatologist),
            **_feed_urls(request, dermatologist),
        },
    )


def _feed_urls(request: HttpRequest, dermatologist: Dermatologist) -> dict:
    feed_url = request.build_absolute_uri(
        reverse("staff:calendar_feed", kwargs={"token": dermatologist.calendar_token})
    )
    # Apple Calendar and Outlook subscribe when given webcal://; Google takes either.
    return {"feed_url": feed_url, "webcal_url": "webcal://" + feed_url.split("://", 1)[1]}


@dermatologist_required
def schedule_week(request: HttpRequest, dermatologist: Dermatologist) -> HttpResponse:
    day = day_or_today(request.GET.get("week"))
    monday = day - timedelta(days=day.weekday())
    days = {monday + timedelta(days=n): {"appointments": [], "cancelled": []} for n in range(7)}
    appointments, cancelled = bookings_split_cancelled(
        bookings_between(
            first_day=monday, last_day=monday + timedelta(days=6), dermatologist=dermatologist
        )
    )
    for key, bookings in (("appointments", appointments), ("cancelled", cancelled)):
        for booking in bookings:
            days[booking.local_start.date()][key].append(booking)
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
        Booking.objects.select_related("treatment", "treatment_record", "course", "safety_recheck"),
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
