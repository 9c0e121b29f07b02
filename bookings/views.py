import uuid
from datetime import date, datetime, timedelta
from urllib.parse import quote

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods

from bookings.availability import LONDON, Slot
from bookings.forms import BookingDetailsForm
from bookings.models import Booking, Dermatologist, Treatment
from bookings.parsing import aware_from, day_from
from bookings.selectors import booking_horizon_last_day, dermatologists_for, slots_available
from bookings.services import NOT_FREE, BookingError, SlotUnavailable, booking_create
from bookings.templatetags.uk_time import ukdate, uktime
from clinic.ratelimit import rate_limited, too_many_requests

ANY = "any"
CONFIRMED_SESSION_KEY = "confirmed_booking"
CONFIRMATION_SECONDS = 30 * 60


def start(request: HttpRequest) -> HttpResponse:
    treatments = Treatment.objects.filter(is_active=True)
    return render(request, "bookings/start.html", {"treatments": treatments})


def slots(request: HttpRequest, treatment_slug: str) -> HttpResponse:
    treatment = get_object_or_404(Treatment, slug=treatment_slug, is_active=True)
    dermatologists = dermatologists_for(treatment)
    chosen = dermatologist_from(request.GET.get("dermatologist", ANY), dermatologists)
    context = week_of_slots(
        request,
        treatment=treatment,
        dermatologists=dermatologists,
        chosen=chosen,
        choose_url=reverse("bookings:details", kwargs={"treatment_slug": treatment.slug}),
    )
    return render(request, "bookings/slots.html", context)


def week_of_slots(
    request: HttpRequest,
    *,
    treatment: Treatment,
    dermatologists: list[Dermatologist],
    chosen: Dermatologist | None,
    choose_url: str,
    exclude_booking: Booking | None = None,
) -> dict:
    """The context of a week of free times, for the slot page and for moving a booking.

    Each time links to `choose_url` with its start and the dermatologist
    (or "any"). Labels are made here, once per time, not in the template.
    """
    today = timezone.localdate()
    this_monday = today - timedelta(days=today.weekday())
    last_day = booking_horizon_last_day()
    week = _monday_from(request.GET.get("week"), default=this_monday)
    week = min(max(week, this_monday), last_day - timedelta(days=last_day.weekday()))
    week_end = week + timedelta(days=6)

    offered = [chosen] if chosen else dermatologists
    found = slots_available(
        treatment=treatment,
        first_day=week,
        last_day=week_end,
        dermatologists=offered,
        exclude_booking=exclude_booking,
    )
    next_free_day = None
    if not found and week_end < last_day:
        later = slots_available(
            treatment=treatment,
            first_day=week_end + timedelta(days=1),
            last_day=last_day,
            dermatologists=offered,
            exclude_booking=exclude_booking,
        )
        next_free_day = later[0].local_start.date() if later else None

    # One time per start: with "first available", the first dermatologist free then.
    by_day: dict[date, list[Slot]] = {}
    seen: set[datetime] = set()
    for slot in found:
        if slot.start not in seen:
            seen.add(slot.start)
            by_day.setdefault(slot.local_start.date(), []).append(slot)
    names = {d.pk: d.name for d in dermatologists}
    dermatologist_value = chosen.pk if chosen else ANY
    days = []
    for offset in range(7):
        day = week + timedelta(days=offset)
        if day < today:
            continue
        day_label = ukdate(day)
        times = []
        for slot in by_day.get(day, ()):
            label = uktime(slot.start)
            with_name = f" with {names[slot.dermatologist_id]}" if chosen else ""
            start = quote(slot.start.isoformat(), safe="")
            times.append(
                {
                    "label": label,
                    "description": f"{label} on {day_label}{with_name}",
                    "url": f"{choose_url}?start={start}&dermatologist={dermatologist_value}",
                }
            )
        days.append({"date": day, "label": day_label, "times": times})

    return {
        "treatment": treatment,
        "dermatologists": dermatologists,
        "chosen": chosen,
        "chosen_value": chosen.pk if chosen else ANY,
        "days": days,
        "week": week,
        "previous_week": week - timedelta(days=7) if week > this_monday else None,
        "next_week": week + timedelta(days=7) if week_end < last_day else None,
        "next_free_day": next_free_day,
        "next_free_week": next_free_day - timedelta(days=next_free_day.weekday())
        if next_free_day
        else None,
        "has_times": bool(found),
    }


# Error reports never carry what the patient typed about themselves.
@sensitive_post_parameters()
@require_http_methods(["GET", "POST"])
def details(request: HttpRequest, treatment_slug: str) -> HttpResponse:
    treatment = get_object_or_404(Treatment, slug=treatment_slug, is_active=True)
    dermatologists = dermatologists_for(treatment)
    params = request.POST if request.method == "POST" else request.GET
    if request.method == "POST" and params.get("choose"):
        # The patient picked one of the nearest free times offered after a clash.
        start_text, _, dermatologist_text = params["choose"].partition("|")
    else:
        start_text, dermatologist_text = params.get("start", ""), params.get("dermatologist", ANY)
    start = aware_from(start_text)
    chosen = dermatologist_from(dermatologist_text, dermatologists)
    if start is None or (dermatologist_text != ANY and chosen is None):
        messages.error(
            request, "Sorry, we could not tell which time you chose. Please choose a time again."
        )
        return redirect("bookings:slots", treatment_slug=treatment.slug)

    day = start.astimezone(LONDON).date()
    if request.method == "GET":
        free = slots_available(
            treatment=treatment,
            first_day=day,
            last_day=day,
            dermatologists=[chosen] if chosen else dermatologists,
        )
        if not any(slot.start == start for slot in free):
            messages.error(request, NOT_FREE)
            return redirect(_slots_url(treatment, day, chosen))
        form = BookingDetailsForm(appointment_day=day)
        submission_key = uuid.uuid4()
    else:
        form = BookingDetailsForm(request.POST, appointment_day=day)
        submission_key = _uuid_from(request.POST.get("submission_key")) or uuid.uuid4()

    problem, alternatives = "", []
    if request.method == "POST" and rate_limited(request, scope="booking"):
        return too_many_requests(request)
    if request.method == "POST" and form.is_valid():
        try:
            booking = booking_create(
                treatment=treatment,
                start=start,
                dermatologist=chosen,
                patient=form.patient(),
                intake=form.intake(),
                submission_key=submission_key,
            )
        except SlotUnavailable as exc:
            problem, alternatives = exc.message, exc.alternatives
        except BookingError as exc:
            problem = exc.message
        else:
            request.session[CONFIRMED_SESSION_KEY] = [booking.pk, timezone.now().timestamp()]
            return redirect("bookings:confirmation")

    names = {d.pk: d.name for d in dermatologists}
    return render(
        request,
        "bookings/details.html",
        {
            "treatment": treatment,
            "start": start,
            "chosen": chosen,
            "dermatologist_value": chosen.pk if chosen else ANY,
            "form": form,
            "submission_key": submission_key,
            "problem": problem,
            "alternatives": [
                {
                    "slot": slot,
                    "value": _choice_value(slot, chosen),
                    "with": names.get(slot.dermatologist_id, ""),
                }
                for slot in alternatives
            ],
            "slots_url": _slots_url(treatment, day, chosen),
        },
        status=409 if problem else 200,
    )


def confirmation(request: HttpRequest) -> HttpResponse:
    # Shown for a little while only: on a shared computer, the next person must
    # not find the manage link in the history.
    booking_pk, booked_at = request.session.get(CONFIRMED_SESSION_KEY) or (None, 0)
    if timezone.now().timestamp() - booked_at > CONFIRMATION_SECONDS:
        request.session.pop(CONFIRMED_SESSION_KEY, None)
        return redirect("bookings:start")
    booking = (
        Booking.objects.select_related("treatment", "dermatologist").filter(pk=booking_pk).first()
    )
    if booking is None:
        return redirect("bookings:start")
    return render(request, "bookings/confirmation.html", {"booking": booking})


def dermatologist_from(value: str, dermatologists: list[Dermatologist]) -> Dermatologist | None:
    return next((d for d in dermatologists if str(d.pk) == value), None)


def _monday_from(value: str | None, *, default: date) -> date:
    day = day_from(value)
    return default if day is None else day - timedelta(days=day.weekday())


def _uuid_from(value: str | None) -> uuid.UUID | None:
    try:
        return uuid.UUID(value or "")
    except ValueError:
        return None


def _choice_value(slot: Slot, chosen: Dermatologist | None) -> str:
    return f"{slot.start.isoformat()}|{chosen.pk if chosen else ANY}"


def _slots_url(treatment: Treatment, day: date, chosen: Dermatologist | None) -> str:
    query = urlencode({"week": day.isoformat(), "dermatologist": chosen.pk if chosen else ANY})
    return f"{reverse('bookings:slots', kwargs={'treatment_slug': treatment.slug})}?{query}"
