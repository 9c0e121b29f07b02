"""The reception desk's own admin pages: phone bookings and moves (status changes and
cancelling are in status_views.py).

Each is a thin view over a service in bookings/services.py, wrapped by
BookingAdmin.get_urls in the admin's login and permission checks. A refusal
from a service is shown on the page, with whatever was typed kept.
"""

from datetime import date

from django.contrib import messages
from django.contrib.admin import ModelAdmin
from django.core.exceptions import PermissionDenied
from django.http import (
    HttpRequest,
    HttpResponse,
    HttpResponseRedirect,
    QueryDict,
)
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone

from bookings.availability import Slot
from bookings.course_services import course_move_session
from bookings.desk.forms import MoveForm, PhoneBookingForm
from bookings.desk.patients import patient_find_context
from bookings.models import Booking, Dermatologist, Treatment
from bookings.parsing import day_from
from bookings.refusals import day_refusal, next_free_day
from bookings.selectors import dermatologists_for, slots_available
from bookings.services import AlreadyBooked, BookingError, SlotUnavailable, booking_create
from bookings.templatetags.uk_time import ukdate, ukdate_short, uktime

PHONE_CONSENT = "Privacy consent given by phone."
# The phone form's questions after the appointment itself, as the patient's form groups them.
PHONE_GROUPS = [
    ("About the patient", ["patient_name", "date_of_birth", "email", "phone"]),
    ("If the patient is under 16", ["guardian_name", "guardian_relationship"]),
    (
        "About their milia",
        [
            "areas",
            "how_long",
            "how_many",
            "tried_home_removal",
            "warning_signs",
            "tried_already",
            "pregnancy",
            "note",
        ],
    ),
    ("Consent", ["consent_by_phone"]),
]
CHOOSE_A_TIME = "Choose one of the free times, or type a time."


def describe(booking: Booking) -> str:
    return (
        f"{booking.reference} {booking.patient_name} "
        f"({ukdate_short(booking.starts_at)}, {uktime(booking.starts_at)})"
    )


def _change_url(booking: Booking) -> str:
    return reverse("admin:bookings_booking_change", args=[booking.pk])


def _diary_url(booking: Booking, day: date | None = None) -> str:
    """A day in the diary (the booking's own by default), scrolled to the booking's block."""
    day = day or booking.local_start.date()
    return f"{reverse('admin:bookings_booking_diary')}?day={day.isoformat()}#booking-{booking.pk}"


def back_to_desk(request: HttpRequest, booking: Booking) -> HttpResponseRedirect:
    """Back where the desk came from: the diary's day (?diary=), else the booking's page."""
    day = day_from(request.GET.get("diary"))
    if day is not None:
        return HttpResponseRedirect(_diary_url(booking, day))
    return HttpResponseRedirect(_change_url(booking))


def free_time_choices(
    *,
    treatment: Treatment,
    day: date,
    chosen: Dermatologist | None,
    exclude_booking: Booking | None = None,
) -> list[tuple[str, str]]:
    """The day's free starts for the treatment, each with who is free then if anyone may do."""
    dermatologists = dermatologists_for(treatment)
    offered = [d for d in dermatologists if chosen is None or d.pk == chosen.pk]
    slots = slots_available(
        treatment=treatment,
        first_day=day,
        last_day=day,
        dermatologists=offered,
        enforce_notice=False,
        exclude_booking=exclude_booking,
    )
    names = {d.pk: d.name for d in dermatologists}
    who: dict = {}
    for slot in slots:
        who.setdefault(slot.start, []).append(names[slot.dermatologist_id])
    if chosen is not None:  # one dermatologist: their name on every time is noise
        return [(start.isoformat(), uktime(start)) for start in who]
    return [(start.isoformat(), f"{uktime(start)} · {', '.join(n)}") for start, n in who.items()]


def _alternatives(slots: list[Slot]) -> list[dict]:
    return [
        {
            "value": slot.start.isoformat(),
            "label": f"{ukdate_short(slot.start)}, {uktime(slot.start)}",
        }
        for slot in slots
    ]


def without_time(data: QueryDict) -> QueryDict:
    """The form as posted, less the time that was refused, so nothing else typed is lost."""
    data = data.copy()
    for name in ("slot", "typed_time", "choose"):
        data.pop(name, None)
    return data


def with_day_asked(request: HttpRequest) -> QueryDict:
    """The form as posted; with "_day" (the next free day's button), that day is the day."""
    data = request.POST
    if "_day" in data:
        data = data.copy()
        data["day"] = data["_day"]
    return data


def empty_day(
    *,
    treatment: Treatment,
    day: date,
    chosen: Dermatologist | None,
    exclude_booking: Booking | None = None,
) -> dict:
    """Why a day has no free times, and the next day that has one, for the desk's pages."""
    offered = [d for d in dermatologists_for(treatment) if chosen is None or d.pk == chosen.pk]
    following = next_free_day(
        treatment=treatment, after=day, dermatologists=offered, exclude_booking=exclude_booking
    )
    return {
        "no_times_reason": day_refusal(treatment=treatment, day=day, dermatologists=offered),
        "next_free_day": following,
        "next_free_day_label": ukdate(following) if following else "",
    }


def desk_view(model_admin: ModelAdmin, function):
    """A desk page `function(model_admin, request, ...)` behind the admin's login checks."""
    return model_admin.admin_site.admin_view(
        lambda request, *args, **kwargs: function(model_admin, request, *args, **kwargs)
    )


def admin_context(model_admin: ModelAdmin, request: HttpRequest, **context) -> dict:
    return {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.model._meta,
        **context,
    }


def phone_booking(model_admin: ModelAdmin, request: HttpRequest) -> HttpResponse:
    """Takes a booking for a patient on the phone, through booking_create like the public pages."""
    if not model_admin.has_add_permission(request):
        raise PermissionDenied
    problem, alternatives = "", []
    posted = with_day_asked(request)
    showing_times = request.method == "POST" and ("_show" in posted or "_day" in posted)
    if request.method == "POST":
        form = PhoneBookingForm(posted)
        if not showing_times and form.is_valid():
            start = form.chosen_start(request.POST.get("choose", ""))
            if start is None:
                problem = CHOOSE_A_TIME
            else:
                data = form.cleaned_data
                try:
                    booking = booking_create(
                        treatment=data["treatment"],
                        start=start,
                        dermatologist=data["dermatologist"],
                        patient=form.patient(),
                        intake=form.intake(),
                        record=data["patient_record"],
                        submission_key=data["submission_key"],
                        created_by=request.user,
                        enforce_notice=False,
                        confirm=not data["leave_as_request"],
                        note=PHONE_CONSENT,
                    )
                except SlotUnavailable as exc:
                    problem = f"{ukdate(start)}, {uktime(start)}: {exc.message}"
                    alternatives = _alternatives(exc.alternatives)
                except AlreadyBooked as exc:
                    problem = (
                        f"{exc.booking.patient_name} already has this appointment: "
                        f"{describe(exc.booking)}. Nothing new was booked."
                    )
                except BookingError as exc:
                    problem = exc.message
                else:
                    messages.success(
                        request,
                        f"Booked {describe(booking)} with {booking.dermatologist.name}. "
                        f"Status: {booking.get_status_display()}.",
                    )
                    if data["back_to_diary"]:
                        return HttpResponseRedirect(_diary_url(booking))
                    return HttpResponseRedirect(_change_url(booking))
                form = PhoneBookingForm(without_time(posted))
    else:
        form = PhoneBookingForm(initial=PhoneBookingForm.initial_from(request.GET))

    treatment, day, chosen = form.picked()
    no_times = {}
    if treatment and day:
        form.set_free_times(free_time_choices(treatment=treatment, day=day, chosen=chosen))
        if not form.fields["slot"].widget.choices:
            no_times = empty_day(treatment=treatment, day=day, chosen=chosen)
    return TemplateResponse(
        request,
        "admin/bookings/booking/phone_booking.html",
        admin_context(
            model_admin,
            request,
            title="Book by phone",
            form=form,
            show_errors=not showing_times,
            can_show_times=bool(treatment and day),
            problem=problem,
            alternatives=alternatives,
            picked_day=ukdate(day) if day else "",
            **no_times,
            **patient_find_context(request, form),
            fieldsets=[(legend, [form[name] for name in names]) for legend, names in PHONE_GROUPS],
        ),
        status=409 if problem else 200,
    )


def move(model_admin: ModelAdmin, request: HttpRequest, object_id: int) -> HttpResponse:
    """Moves a booking to another free time, through booking_move like the patient's own page."""
    booking = get_object_or_404(
        Booking.objects.select_related("treatment", "dermatologist"), pk=object_id
    )
    if not model_admin.has_change_permission(request, booking):
        raise PermissionDenied
    treatment = booking.treatment
    problem, alternatives = "", []
    posted = with_day_asked(request)
    showing_times = request.method == "POST" and ("_show" in posted or "_day" in posted)
    if request.method == "POST":
        form = MoveForm(posted, treatment=treatment)
        if not showing_times and form.is_valid():
            start = form.chosen_start(request.POST.get("choose", ""))
            if start is None:
                problem = CHOOSE_A_TIME
            else:
                try:
                    booking = course_move_session(  # a booking in no course: booking_move
                        booking=booking,
                        start=start,
                        dermatologist=form.cleaned_data["dermatologist"],
                        by_user=request.user,
                        override_reason=request.POST.get("override_reason", ""),
                    )
                except SlotUnavailable as exc:
                    problem = f"{ukdate(start)}, {uktime(start)}: {exc.message}"
                    alternatives = _alternatives(exc.alternatives)
                except BookingError as exc:
                    problem = exc.message
                else:
                    messages.success(
                        request,
                        f"{booking.reference} {booking.patient_name} is now on "
                        f"{ukdate(booking.starts_at)} at {uktime(booking.starts_at)} "
                        f"with {booking.dermatologist.name}.",
                    )
                    return back_to_desk(request, booking)
                form = MoveForm(without_time(posted), treatment=treatment)
    else:
        today = timezone.localdate()
        form = MoveForm(
            initial={
                "day": max(booking.local_start.date(), today),
                "dermatologist": booking.dermatologist_id,
            },
            treatment=treatment,
        )

    day, chosen = form.picked()
    no_times = {}
    if day:
        form.set_free_times(
            free_time_choices(treatment=treatment, day=day, chosen=chosen, exclude_booking=booking)
        )
        if not form.fields["slot"].widget.choices:
            no_times = empty_day(
                treatment=treatment, day=day, chosen=chosen, exclude_booking=booking
            )
    return TemplateResponse(
        request,
        "admin/bookings/booking/move.html",
        admin_context(
            model_admin,
            request,
            title=f"Move {booking.reference}",
            original=booking,
            booking=booking,
            form=form,
            show_errors=not showing_times,
            problem=problem,
            alternatives=alternatives,
            picked_day=ukdate(day) if day else "",
            **no_times,
        ),
        status=409 if problem else 200,
    )
