"""The patient's own pages for a booking, reached only through its secret manage link.

Every page here shows the patient's appointment, so none may be kept by a
browser or a proxy (never_cache: private, no-store).
"""

from datetime import date, datetime, time, timedelta

from django import forms
from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from bookings.availability import LONDON
from bookings.care_services import aftercare_for_visit
from bookings.change_services import booking_cancel
from bookings.course_services import course_move_session, course_sessions
from bookings.link_services import booking_links_request
from bookings.manage_links import manage_page_name, manage_token_nonce, manage_token_valid
from bookings.models import Booking, Dermatologist
from bookings.notify.emails import booking_calendar
from bookings.public.choice import (
    UNREADABLE,
    alternatives_offered,
    dermatologist_from,
    shown_with,
    time_chosen,
)
from bookings.public.picker import ANY, day_picker
from bookings.selectors import booking_for_manage_token, dermatologists_for, slots_available
from bookings.services import BookingError, SlotUnavailable
from bookings.templatetags.uk_time import ukdate, uktime
from clinic.web.honeypot import HoneypotMixin
from clinic.web.ratelimit import rate_limited, too_many_requests
from clinic.web.readcache import kept_while_reads_unchanged


class CancelForm(forms.Form):
    reason = forms.CharField(
        label="Why are you cancelling? (optional)",
        required=False,
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"max_length": "Keep the reason under 300 characters."},
    )


class LostLinkForm(HoneypotMixin, forms.Form):
    email = forms.EmailField(
        label="Email address you booked with",
        error_messages={
            "required": "Enter the email address you booked with.",
            "invalid": "Enter an email address in the right format, like name@example.com.",
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )


def manage_booking(token: str) -> Booking:
    booking = booking_for_manage_token(token)
    if booking is None:
        raise Http404("No booking has this link.")
    return booking


def waitlist_earlier_days(booking: Booking) -> tuple[date, date] | None:
    """The days an earlier time for `booking` could be on: today to the day before it, or
    None when there are none (the booking is today or past)."""
    today = timezone.localdate()
    last = booking.local_start.date() - timedelta(days=1)
    return (today, last) if last >= today else None


@never_cache
def manage(request: HttpRequest, token: str) -> HttpResponse:
    """The patient's page for their booking. Patients come back to it from every email and
    text, so it is kept (clinic/web/readcache.py) until anything it shows changes: only
    for links made with the current key, whose kept copy can be found again to be removed."""
    if not manage_token_valid(token, manage_token_nonce(token)):
        return _manage_page(request, token)[0]
    return kept_while_reads_unchanged(
        request, manage_page_name(token), lambda: _manage_page(request, token), secret=token
    )


def _manage_page(request: HttpRequest, token: str) -> tuple[HttpResponse, datetime]:
    """The page, and the moment it stops holding: when the booking starts or ends, stops
    being changeable online, or the day ends (an earlier day on the waiting list)."""
    booking = manage_booking(token)
    now = timezone.now()
    next_midnight = datetime.combine(
        timezone.localdate(now) + timedelta(days=1), time(), tzinfo=LONDON
    )
    moments = (booking.changeable_until, booking.starts_at, booking.ends_at, next_midnight)
    until = min(moment for moment in moments if moment > now)
    waitlist = _waitlist_context(booking, now)
    if waitlist.get("entry"):
        until = now  # its leave link is a secret of its own: never kept
    response = render(
        request,
        "bookings/manage.html",
        {
            "booking": booking,
            "can_change": booking.is_changeable_online(now),
            # Under way from its start to its end; passed only after its end.
            "is_under_way": booking.starts_at <= now < booking.ends_at,
            "is_past": booking.ends_at <= now,
            "cutoff_hours": settings.BOOKING_CHANGE_CUTOFF_HOURS,
            "aftercare": aftercare_for_visit(booking),
            "texts_choice": booking.is_active and not booking.ends_at <= now,
            "course_sessions": course_sessions(booking.course) if booking.course_id else [],
            "waitlist": waitlist,
        },
    )
    return response, until


def _waitlist_context(booking: Booking, now: datetime) -> dict:
    """What the manage page says of the waiting list: the entry waiting for an earlier time
    than this booking, or the way to join, when an earlier day is left."""
    if not booking.is_changeable_online(now) or waitlist_earlier_days(booking) is None:
        return {}
    # Only what the page says of it: its days and its link to leave.
    entry = (
        booking.waitlist_entries.filter(ended_at__isnull=True)
        .only("first_day", "last_day", "nonce")
        .first()
    )
    return {
        "entry": entry,
        "join_url": reverse(
            "bookings:waitlist-join-earlier", kwargs={"token": booking.manage_token}
        ),
    }


@never_cache
def calendar(request: HttpRequest, token: str) -> HttpResponse:
    """The appointment as the invite its email carries (same UID), to add to a calendar."""
    booking = manage_booking(token)
    now = timezone.now()
    if not booking.is_in_calendars(now):
        raise Http404("This appointment cannot be added to a calendar.")
    response = HttpResponse(
        booking_calendar(booking, method="REQUEST", now=now),
        content_type="text/calendar; method=REQUEST; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="appointment-{booking.reference}.ics"'
    return response


@never_cache
@require_http_methods(["GET", "POST"])
def cancel(request: HttpRequest, token: str) -> HttpResponse:
    """A page that shows what will be cancelled and asks "Yes, cancel it"; its POST cancels."""
    booking = manage_booking(token)
    if request.method == "GET":
        if not booking.is_changeable_online(timezone.now()):
            return redirect(booking)
        return _cancel_page(request, booking, CancelForm())
    if rate_limited(request, scope="manage"):
        return too_many_requests(request)
    form = CancelForm(request.POST)
    if not form.is_valid():
        return _cancel_page(request, booking, form, status=400)
    try:
        booking_cancel(booking=booking, reason=form.cleaned_data["reason"])
    except BookingError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request, "Your appointment has been cancelled. We have emailed you to confirm."
        )
    return redirect(booking)


def _cancel_page(
    request: HttpRequest, booking: Booking, form: CancelForm, status: int = 200
) -> HttpResponse:
    return render(
        request, "bookings/cancel_confirm.html", {"booking": booking, "form": form}, status=status
    )


@never_cache
def move(request: HttpRequest, token: str) -> HttpResponse:
    booking = manage_booking(token)
    if not booking.is_changeable_online(timezone.now()):
        return redirect(booking)
    dermatologists = dermatologists_for(booking.treatment)
    # The dermatologist they have, unless they ask for someone else or the first available.
    asked = request.GET.get("dermatologist", str(booking.dermatologist_id))
    chosen = dermatologist_from(asked, dermatologists)
    context = day_picker(
        request,
        treatment=booking.treatment,
        dermatologists=dermatologists,
        chosen=chosen,
        choose_url=reverse("bookings:move_confirm", kwargs={"token": booking.manage_token}),
        exclude_booking=booking,
    )
    if waitlist_earlier_days(booking):
        context["waitlist_url"] = reverse(
            "bookings:waitlist-join-earlier", kwargs={"token": booking.manage_token}
        )
    return render(request, "bookings/move.html", {**context, "booking": booking})


@never_cache
@require_http_methods(["GET", "POST"])
def move_confirm(request: HttpRequest, token: str) -> HttpResponse:
    booking = manage_booking(token)
    params = request.POST if request.method == "POST" else request.GET
    dermatologists = dermatologists_for(booking.treatment)
    picked = time_chosen(params, dermatologists)
    if picked is None:
        messages.error(request, UNREADABLE)
        return redirect("bookings:move", token=booking.manage_token)
    start, chosen = picked
    # "First available" moves to the dermatologist the time was shown with.
    shown = None if chosen else shown_with(params, dermatologists)

    problem, alternatives = "", []
    if request.method == "POST":
        if rate_limited(request, scope="manage"):
            return too_many_requests(request)
        try:
            # A session of a course keeps its gaps; any other booking simply moves.
            course_move_session(
                booking=booking, start=start, dermatologist=chosen or shown, by_user=None
            )
        except SlotUnavailable as exc:
            problem, alternatives = exc.message, exc.alternatives
        except BookingError as exc:
            messages.error(request, exc.message)
            return redirect(booking)
        else:
            messages.success(
                request,
                f"Your appointment has been moved to {ukdate(start)} at {uktime(start)}. "
                "We have emailed you the new details.",
            )
            return redirect(booking)
    elif not booking.is_changeable_online(timezone.now()):
        return redirect(booking)

    return render(
        request,
        "bookings/move_confirm.html",
        {
            "booking": booking,
            "start": start,
            "chosen": chosen,
            "who": chosen or shown or _first_available(booking, start, dermatologists),
            "shown_with": shown,
            "dermatologist_value": chosen.pk if chosen else ANY,
            "problem": problem,
            "alternatives": alternatives_offered(
                alternatives, chosen, {d.pk: d.name for d in dermatologists} if shown else None
            ),
        },
        status=409 if problem else 200,
    )


def _first_available(
    booking: Booking, start: datetime, dermatologists: list[Dermatologist]
) -> Dermatologist | None:
    """Who "first available" would give them at `start`: as booking_move picks, the
    dermatologist they have when free, else the first free by name."""
    day = start.astimezone(LONDON).date()
    free = {
        slot.dermatologist_id
        for slot in slots_available(
            treatment=booking.treatment,
            first_day=day,
            last_day=day,
            dermatologists=dermatologists,
            exclude_booking=booking,
        )
        if slot.start == start
    }
    ordered = sorted(dermatologists, key=lambda d: d.pk != booking.dermatologist_id)
    return next((d for d in ordered if d.pk in free), None)


@never_cache  # the answer repeats the address typed
@require_http_methods(["GET", "POST"])
def lost_link(request: HttpRequest) -> HttpResponse:
    if request.method == "GET":
        return render(request, "bookings/lost_link.html", {"form": LostLinkForm()})
    if rate_limited(request, scope="lost-link", limit=settings.RATE_LIMIT_LOST_LINK_PER_HOUR):
        return too_many_requests(request)
    form = LostLinkForm(request.POST)
    if not form.is_valid():
        return render(request, "bookings/lost_link.html", {"form": form}, status=400)
    booking_links_request(email=form.cleaned_data["email"])
    return render(request, "bookings/lost_link_sent.html", {"email": form.cleaned_data["email"]})
