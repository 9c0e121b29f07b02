"""The patient's own pages for a booking, reached only through its secret manage link.

Every page here shows the patient's appointment, so none may be kept by a
browser or a proxy (never_cache: private, no-store).
"""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from bookings.models import Booking
from bookings.parsing import aware_from
from bookings.public.booking_views import dermatologist_from
from bookings.public.week import ANY, week_of_slots
from bookings.selectors import booking_for_manage_token, dermatologists_for
from bookings.services import (
    BookingError,
    SlotUnavailable,
    booking_cancel,
    booking_links_request,
    booking_move,
)
from bookings.templatetags.uk_time import ukdate, uktime
from clinic.web.honeypot import HoneypotMixin
from clinic.web.ratelimit import rate_limited, too_many_requests


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


def _booking(token: str) -> Booking:
    booking = booking_for_manage_token(token)
    if booking is None:
        raise Http404("No booking has this link.")
    return booking


@never_cache
def manage(request: HttpRequest, token: str) -> HttpResponse:
    return _manage_page(request, _booking(token), CancelForm())


def _manage_page(
    request: HttpRequest, booking: Booking, cancel_form: CancelForm, status: int = 200
):
    now = timezone.now()
    return render(
        request,
        "bookings/manage.html",
        {
            "booking": booking,
            "can_change": booking.is_changeable_online(now),
            "is_past": booking.starts_at <= now,
            "cancel_form": cancel_form,
            "cutoff_hours": settings.BOOKING_CHANGE_CUTOFF_HOURS,
        },
        status=status,
    )


@never_cache
@require_POST
def cancel(request: HttpRequest, token: str) -> HttpResponse:
    booking = _booking(token)
    if rate_limited(request, scope="manage"):
        return too_many_requests(request)
    form = CancelForm(request.POST)
    if not form.is_valid():
        return _manage_page(request, booking, form, status=400)
    try:
        booking_cancel(booking=booking, reason=form.cleaned_data["reason"])
    except BookingError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request, "Your appointment has been cancelled. We have emailed you to confirm."
        )
    return redirect(booking)


@never_cache
def move(request: HttpRequest, token: str) -> HttpResponse:
    booking = _booking(token)
    if not booking.is_changeable_online(timezone.now()):
        return redirect(booking)
    dermatologists = dermatologists_for(booking.treatment)
    chosen = dermatologist_from(request.GET.get("dermatologist", ANY), dermatologists)
    context = week_of_slots(
        request,
        treatment=booking.treatment,
        dermatologists=dermatologists,
        chosen=chosen,
        choose_url=reverse("bookings:move_confirm", kwargs={"token": booking.manage_token}),
        exclude_booking=booking,
    )
    return render(request, "bookings/move.html", {**context, "booking": booking})


@never_cache
@require_http_methods(["GET", "POST"])
def move_confirm(request: HttpRequest, token: str) -> HttpResponse:
    booking = _booking(token)
    params = request.POST if request.method == "POST" else request.GET
    if params.get("choose"):
        start_text, _, dermatologist_text = params["choose"].partition("|")
    else:
        start_text, dermatologist_text = params.get("start", ""), params.get("dermatologist", ANY)
    dermatologists = dermatologists_for(booking.treatment)
    start = aware_from(start_text)
    chosen = dermatologist_from(dermatologist_text, dermatologists)
    if start is None or (dermatologist_text != ANY and chosen is None):
        messages.error(
            request, "Sorry, we could not tell which time you chose. Please choose a time again."
        )
        return redirect("bookings:move", token=booking.manage_token)

    problem, alternatives = "", []
    if request.method == "POST":
        if rate_limited(request, scope="manage"):
            return too_many_requests(request)
        try:
            booking_move(booking=booking, start=start, dermatologist=chosen)
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
            "dermatologist_value": chosen.pk if chosen else ANY,
            "problem": problem,
            "alternatives": [
                {"slot": slot, "value": f"{slot.start.isoformat()}|{chosen.pk if chosen else ANY}"}
                for slot in alternatives
            ],
        },
        status=409 if problem else 200,
    )


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
