"""A waiting patient's own pages, reached by the secret links in their emails: the entry
(joined, with what happens next), leaving the list, and a time offered to them.

An offer for a new appointment opens the booking form with the offered time
chosen; one for an earlier time than a booking asks to move it. Both book
through waitlist_accept, first come first served. Every page shows the
patient's details or can change them, so none may be kept (never_cache).
"""

import uuid
from urllib.parse import urlencode

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods

from bookings.availability import LONDON, Slot
from bookings.models import WaitlistEntry, WaitlistOffer
from bookings.public.booking_views import (
    confirmation_redirect,
    confirmed_here,
    slots_url_for,
    uuid_from,
)
from bookings.public.forms import BookingDetailsForm
from bookings.selectors import dermatologists_for
from bookings.services import AlreadyBooked, BookingError
from bookings.templatetags.uk_time import ukdate, uktime
from bookings.waitlist_services import (
    OfferGone,
    WaitlistError,
    waitlist_accept,
    waitlist_entry_for_token,
    waitlist_leave,
    waitlist_offer_alternatives,
    waitlist_offer_for_token,
    waitlist_offer_not_earlier,
    waitlist_offer_open,
    waitlist_offer_too_soon,
)
from clinic.web.ratelimit import rate_limited, too_many_requests


def _entry(token: str) -> WaitlistEntry:
    entry = waitlist_entry_for_token(token)
    if entry is None:
        raise Http404("No waiting list entry has this link.")
    return entry


@never_cache
def entry_page(request: HttpRequest, token: str) -> HttpResponse:
    """Where joining leads: the entry, what happens next, and the way off the list."""
    entry = _entry(token)
    return render(request, "bookings/waitlist_entry.html", {"entry": entry})


@never_cache
@require_http_methods(["GET", "POST"])
def leave(request: HttpRequest, token: str) -> HttpResponse:
    """Shows the entry and a button; only the button's POST takes it off the list, so a
    link opened by a mail scanner leaves nothing."""
    entry = _entry(token)
    if request.method == "POST" and entry.is_waiting:
        if rate_limited(request, scope="manage"):
            return too_many_requests(request)
        entry = waitlist_leave(entry=entry)
        messages.success(request, "You have left the waiting list. We will not offer you times.")
        return redirect("bookings:waitlist-leave", token=token)
    return render(request, "bookings/waitlist_leave.html", {"entry": entry})


# Error reports never carry what the patient typed about themselves.
@sensitive_post_parameters()
@never_cache
@require_http_methods(["GET", "POST"])
def offer(request: HttpRequest, token: str) -> HttpResponse:
    found = waitlist_offer_for_token(token)
    if found is None:
        raise Http404("No offer has this link.")
    entry = found.entry
    if found.booking_id and _same_form(request, found):  # a second tap on "Book"
        return confirmation_redirect(found.booking, booked_at=request.path)
    # Booked from this very link (opened again, or a second tap on "Move"): show what it booked.
    if found.booking_id and (request.method == "GET" or entry.booking_id):
        return _booked_already(request, found)
    if not entry.is_waiting:
        return render(request, "bookings/waitlist_offer_closed.html", {"offer": found})
    if not_earlier := waitlist_offer_not_earlier(offer=found):
        context = {"offer": found, "reason": not_earlier}
        return render(request, "bookings/waitlist_offer_closed.html", context, status=409)
    if request.method == "GET" and not waitlist_offer_open(offer=found):
        alternatives = waitlist_offer_alternatives(offer=found)
        return _gone(request, found, alternatives, waitlist_offer_too_soon(offer=found))
    if entry.booking_id:
        return _move(request, found)
    return _book(request, found)


def _same_form(request: HttpRequest, offer: WaitlistOffer) -> bool:
    """Whether this POST is the form that booked from the offer, sent again (its key)."""
    key = uuid_from(request.POST.get("submission_key")) if request.method == "POST" else None
    return key is not None and key == offer.booking.submission_key


def _booked_already(request: HttpRequest, offer: WaitlistOffer) -> HttpResponse:
    if offer.entry.booking_id:  # the booking it moved: its page says where it is now
        return redirect(offer.entry.booking)
    if confirmed_here(request) == offer.booking_id:
        return redirect("bookings:confirmation")
    return render(request, "bookings/waitlist_offer_closed.html", {"offer": offer})


def _book(request: HttpRequest, offer: WaitlistOffer) -> HttpResponse:
    """The booking form with the offered time chosen; its POST books through waitlist_accept."""
    entry = offer.entry
    treatment = entry.treatment
    day = offer.starts_at.astimezone(LONDON).date()
    problem = ""
    if request.method == "GET":
        form = BookingDetailsForm(
            appointment_day=day,
            treatment=treatment,
            initial={
                "patient_name": entry.name,
                "email": entry.email,
                "phone": entry.phone_for_display,
                "date_of_birth": entry.patient.date_of_birth.strftime("%d/%m/%Y"),
            },
        )
        submission_key = uuid.uuid4()
    else:
        if rate_limited(request, scope="booking"):
            return too_many_requests(request)
        form = BookingDetailsForm(request.POST, appointment_day=day, treatment=treatment)
        submission_key = uuid_from(request.POST.get("submission_key")) or uuid.uuid4()
        if form.is_valid():
            try:
                booking = waitlist_accept(
                    offer=offer,
                    patient=form.patient(),
                    intake=form.intake(),
                    submission_key=submission_key,
                )
            except OfferGone as exc:
                return _gone(request, offer, exc.alternatives, exc.too_soon)
            except WaitlistError:  # the entry ended meanwhile (left, in another tab)
                return render(request, "bookings/waitlist_offer_closed.html", {"offer": offer})
            except AlreadyBooked as exc:
                if confirmed_here(request) == exc.booking.pk:
                    return confirmation_redirect(exc.booking, booked_at=request.path)
                return render(
                    request,
                    "bookings/already_booked.html",
                    {"treatment": treatment, "start": offer.starts_at},
                )
            except BookingError as exc:
                problem = exc.message
            else:
                return confirmation_redirect(booking, booked_at=request.path)
    return render(
        request,
        "bookings/details.html",
        {
            "treatment": treatment,
            "start": offer.starts_at,
            "who": offer.dermatologist,
            "form": form,
            "submission_key": submission_key,
            "problem": problem,
            "slots_url": slots_url_for(treatment, day, None),
            "offer": offer,
        },
        status=409 if problem else 200,
    )


def _move(request: HttpRequest, offer: WaitlistOffer) -> HttpResponse:
    """Asks to move the booking the entry waits for to the offered time; its POST moves it."""
    booking = offer.entry.booking
    problem = ""
    if request.method == "POST":
        if rate_limited(request, scope="manage"):
            return too_many_requests(request)
        try:
            moved = waitlist_accept(offer=offer)
        except OfferGone as exc:
            return _gone(request, offer, exc.alternatives, exc.too_soon)
        except BookingError as exc:
            problem = exc.message
        else:
            messages.success(
                request,
                f"Your appointment has moved to {ukdate(moved.starts_at)} at "
                f"{uktime(moved.starts_at)} with {moved.dermatologist.name}. You are off the "
                "waiting list. We have emailed you the new details.",
            )
            return redirect(moved)
    return render(
        request,
        "bookings/waitlist_offer_move.html",
        {"offer": offer, "booking": booking, "problem": problem},
        status=409 if problem else 200,
    )


def _gone(
    request: HttpRequest, offer: WaitlistOffer, alternatives: list[Slot], too_soon: bool
) -> HttpResponse:
    """Someone else booked the time first, or it is now too soon to book online: say so
    kindly, and offer the nearest free times."""
    entry = offer.entry
    if entry.booking_id:
        url = reverse("bookings:move_confirm", kwargs={"token": entry.booking.manage_token})
    else:
        url = reverse("bookings:details", kwargs={"treatment_slug": entry.treatment.slug})
    names = {d.pk: d.name for d in dermatologists_for(entry.treatment)}
    times = [
        {
            "slot": slot,
            "who": names.get(slot.dermatologist_id, ""),
            "url": "?".join(
                (
                    url,
                    urlencode(
                        {"start": slot.start.isoformat(), "dermatologist": slot.dermatologist_id}
                    ),
                )
            ),
        }
        for slot in alternatives
    ]
    return render(
        request,
        "bookings/waitlist_offer_gone.html",
        {
            "offer": offer,
            "too_soon": too_soon,
            "times": times,
            "slots_url": slots_url_for(entry.treatment, timezone.localdate(), None),
        },
        status=409,
    )
