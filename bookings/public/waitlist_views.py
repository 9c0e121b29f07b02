"""Joining the waiting list: from the times page for a new appointment, or from a booking's
manage page for an earlier time. Thin views over bookings/waitlist_services.py."""

from datetime import date

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods

from bookings.models import Booking, Treatment
from bookings.public.manage_views import manage_booking, waitlist_earlier_days
from bookings.public.picker import ANY
from bookings.public.waitlist_forms import WaitlistJoinForm
from bookings.selectors import booking_horizon_last_day, dermatologists_for
from bookings.waitlist_services import WaitlistError, waitlist_join, waitlist_join_for_booking
from clinic.web.ratelimit import rate_limited, too_many_requests


def waitlist_join_url(treatment: Treatment, dermatologist: str = ANY) -> str:
    """The join form for `treatment`, with the dermatologist the times page showed."""
    url = reverse("bookings:waitlist-join", kwargs={"treatment_slug": treatment.slug})
    return f"{url}?{urlencode({'dermatologist': dermatologist})}" if dermatologist != ANY else url


# Error reports never carry what the patient typed about themselves.
@sensitive_post_parameters()
@never_cache  # a refused form shows what the patient typed
@require_http_methods(["GET", "POST"])
def join(request: HttpRequest, treatment_slug: str) -> HttpResponse:
    treatment = get_object_or_404(Treatment, slug=treatment_slug, is_active=True)
    first, last = timezone.localdate(), booking_horizon_last_day()
    back = reverse("bookings:slots", kwargs={"treatment_slug": treatment.slug})
    return _join_page(request, treatment, first, last, back_url=back)


@sensitive_post_parameters()
@never_cache
@require_http_methods(["GET", "POST"])
def join_earlier(request: HttpRequest, token: str) -> HttpResponse:
    booking = manage_booking(token)
    days = waitlist_earlier_days(booking)
    if days is None or not booking.is_changeable_online(timezone.now()):
        return redirect(booking)
    return _join_page(
        request,
        booking.treatment,
        *days,
        back_url=booking.get_absolute_url(),
        booking=booking,
        dermatologist=str(booking.dermatologist_id),
    )


def _join_page(
    request: HttpRequest,
    treatment: Treatment,
    first: date,
    last: date,
    *,
    back_url: str,
    booking: Booking | None = None,
    dermatologist: str = ANY,
) -> HttpResponse:
    dermatologists = dermatologists_for(treatment)
    options = {
        "dermatologists": dermatologists,
        "first_allowed": first,
        "last_allowed": last,
        "ask_contact": booking is None,
    }
    if request.method == "GET":
        asked = request.GET.get("dermatologist", dermatologist)
        if asked not in {ANY, *(str(d.pk) for d in dermatologists)}:
            asked = ANY
        form = WaitlistJoinForm(initial=WaitlistJoinForm.initial_for(first, last, asked), **options)
    else:
        if rate_limited(request, scope="booking"):
            return too_many_requests(request)
        form = WaitlistJoinForm(request.POST, **options)
        if form.is_valid():
            data = form.cleaned_data
            days = {
                "dermatologist": form.chosen_dermatologist(),
                "first_day": data["first_day"],
                "last_day": data["last_day"],
                "parts_of_day": data["parts_of_day"],
            }
            try:
                if booking is None:
                    entry = waitlist_join(treatment=treatment, patient=form.patient(), **days)
                else:
                    waitlist_join_for_booking(booking=booking, **days)
            except WaitlistError as exc:
                form.add_error(exc.field if exc.field in form.fields else None, exc.message)
            else:
                if booking is not None:
                    messages.success(
                        request,
                        "You are on the waiting list for an earlier time. We have emailed you "
                        "to confirm, with a link to leave the list.",
                    )
                    return redirect(booking)
                return redirect("bookings:waitlist-entry", token=entry.token)
    return render(
        request,
        "bookings/waitlist_join.html",
        {"treatment": treatment, "form": form, "booking": booking, "back_url": back_url},
        status=400 if form.errors else 200,
    )
