"""Reception offers a time to a waiting patient by hand, through waitlist_offer_by_staff.

A time freed late (inside the notice period, which automatic offers keep
out of) can be offered here: staff rules, like a phone booking. The patient
gets the same email (and text) as an automatic offer, and books it the same way.
"""

from datetime import datetime, timedelta

from django.contrib import messages
from django.contrib.admin import ModelAdmin
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone

from bookings.availability import LONDON
from bookings.desk.forms import MoveForm
from bookings.desk.views import (
    CHOOSE_A_TIME,
    admin_context,
    empty_day,
    free_time_choices,
    with_day_asked,
    without_time,
)
from bookings.models import Booking, Dermatologist, Treatment, WaitlistEntry
from bookings.selectors import dermatologists_for, slots_available
from bookings.services import STAFF_GRID_MINUTES
from bookings.templatetags.uk_time import ukdate, uktime
from bookings.waitlist_offers import waitlist_offer_by_staff
from bookings.waitlist_services import WaitlistError, waitlist_leave

NOBODY_FREE = "Nobody who offers the treatment is free then. Choose one of the free times."


def first_free_at(
    *, treatment: Treatment, start: datetime, exclude_booking: Booking | None
) -> Dermatologist | None:
    """For "Whoever is free": the first dermatologist, by name, free at `start` under staff
    rules, or None."""
    day = start.astimezone(LONDON).date()
    dermatologists = dermatologists_for(treatment)
    free = {
        slot.dermatologist_id
        for slot in slots_available(
            treatment=treatment,
            first_day=day,
            last_day=day,
            dermatologists=dermatologists,
            enforce_notice=False,
            exclude_booking=exclude_booking,
            grid=timedelta(minutes=STAFF_GRID_MINUTES),
        )
        if slot.start == start
    }
    return next((d for d in dermatologists if d.pk in free), None)


def offer_page(model_admin: ModelAdmin, request: HttpRequest, object_id: int) -> HttpResponse:
    entry = get_object_or_404(
        WaitlistEntry.objects.select_related("treatment", "dermatologist", "booking"),
        pk=object_id,
    )
    if not request.user.has_perm("bookings.add_waitlistoffer"):
        raise PermissionDenied
    treatment = entry.treatment
    problem = ""
    posted = with_day_asked(request)
    showing_times = request.method == "POST" and ("_show" in posted or "_day" in posted)
    if request.method == "POST":
        form = MoveForm(posted, treatment=treatment)
        if not showing_times and form.is_valid():
            start = form.chosen_start()
            if start is None:
                problem = CHOOSE_A_TIME
            else:
                who = form.cleaned_data["dermatologist"] or first_free_at(
                    treatment=treatment, start=start, exclude_booking=entry.booking
                )
                try:
                    if who is None:
                        raise WaitlistError(NOBODY_FREE)
                    offers = waitlist_offer_by_staff(
                        entry=entry, dermatologist=who, start=start, staff_user=request.user
                    )
                except WaitlistError as exc:
                    problem = f"{ukdate(start)}, {uktime(start)}: {exc.message}"
                else:
                    how = " and ".join(sorted({o.get_channel_display().lower() for o in offers}))
                    messages.success(
                        request,
                        f"Offered {ukdate(start)} at {uktime(start)} with {who.name} to "
                        f"{entry.name} by {how or 'email'}. The first patient to book it gets it.",
                    )
                    return HttpResponseRedirect(
                        reverse("admin:bookings_waitlistentry_change", args=[entry.pk])
                    )
                form = MoveForm(without_time(posted), treatment=treatment)
    else:
        first = max(entry.first_day, timezone.localdate())
        form = MoveForm(
            initial={"day": first, "dermatologist": entry.dermatologist_id},
            treatment=treatment,
        )

    day, chosen = form.picked()
    no_times = {}
    if day:
        form.set_free_times(
            free_time_choices(
                treatment=treatment, day=day, chosen=chosen, exclude_booking=entry.booking
            )
        )
        if not form.fields["slot"].widget.choices:
            no_times = empty_day(
                treatment=treatment, day=day, chosen=chosen, exclude_booking=entry.booking
            )
    return TemplateResponse(
        request,
        "admin/bookings/waitlistentry/offer.html",
        admin_context(
            model_admin,
            request,
            title=f"Offer a time to {entry.name}",
            original=entry,
            entry=entry,
            form=form,
            show_errors=not showing_times,
            problem=problem,
            picked_day=ukdate(day) if day else "",
            **no_times,
        ),
        status=409 if problem else 200,
    )


def leave(model_admin: ModelAdmin, request: HttpRequest, object_id: int) -> HttpResponse:
    """Takes the entry off the list (the patient phoned to say so), through waitlist_leave."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    entry = get_object_or_404(WaitlistEntry, pk=object_id)
    if not model_admin.has_change_permission(request, entry):
        raise PermissionDenied
    if entry.is_waiting:
        waitlist_leave(entry=entry, by_user=request.user)
        messages.success(request, f"{entry.name} is off the waiting list: no more offers go.")
    return HttpResponseRedirect(reverse("admin:bookings_waitlistentry_change", args=[entry.pk]))
