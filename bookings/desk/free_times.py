"""Find the next free times: the first few times a treatment can be booked, from a chosen day.

Staff rules, as on the phone form: no notice period, as far ahead as patients
may book. Each time links to the phone form with everything filled in.
"""

from datetime import date, datetime, timedelta
from urllib.parse import urlencode

from django.contrib.admin import ModelAdmin
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone

from bookings.availability import LONDON, Slot
from bookings.desk.forms import FreeTimesForm
from bookings.desk.views import admin_context
from bookings.models import Dermatologist, Treatment
from bookings.selectors import booking_horizon_last_day, dermatologists_for, slots_available

HOW_MANY = 5
NOON = 12
# Looked through a week at a time: the next free times are nearly always in the first.
CHUNK = timedelta(days=7)


def _fits(start: datetime, part_of_day: str) -> bool:
    hour = start.astimezone(LONDON).hour
    if part_of_day == "morning":
        return hour < NOON
    if part_of_day == "afternoon":
        return hour >= NOON
    return True


def next_free_times(
    *,
    treatment: Treatment,
    dermatologist: Dermatologist | None,
    part_of_day: str,
    first_day: date,
    count: int = HOW_MANY,
) -> list[tuple[Slot, Dermatologist]]:
    """The first `count` free times from first_day, with anyone who offers the treatment or one person.

    Four queries a week looked through (slots_available), and one for who offers it.
    """
    offered = dermatologists_for(treatment)
    if dermatologist is not None:
        offered = [d for d in offered if d.pk == dermatologist.pk]
    found: list[Slot] = []
    last_day = booking_horizon_last_day(staff=True)
    day = max(first_day, timezone.localdate())
    while offered and day <= last_day and len(found) < count:
        chunk_end = min(day + CHUNK - timedelta(days=1), last_day)
        found += [
            slot
            for slot in slots_available(
                treatment=treatment,
                first_day=day,
                last_day=chunk_end,
                dermatologists=offered,
                enforce_notice=False,
            )
            if _fits(slot.start, part_of_day)
        ]
        day = chunk_end + timedelta(days=1)
    by_pk = {d.pk: d for d in offered}
    return [(slot, by_pk[slot.dermatologist_id]) for slot in found[:count]]


def book_url(slot: Slot, treatment: Treatment) -> str:
    local = slot.local_start
    query = {
        "treatment": treatment.pk,
        "dermatologist": slot.dermatologist_id,
        "day": local.date().isoformat(),
        "typed_time": f"{local:%H:%M}",
    }
    return f"{reverse('admin:bookings_booking_add')}?{urlencode(query, safe=':')}"


def free_times_page(model_admin: ModelAdmin, request: HttpRequest) -> HttpResponse:
    """Reception's search for the next free times of a treatment."""
    if not model_admin.has_view_permission(request):
        raise PermissionDenied
    searched = "treatment" in request.GET
    form = FreeTimesForm(request.GET if searched else None)
    results = None
    if searched and form.is_valid():
        data = form.cleaned_data
        slots = next_free_times(
            treatment=data["treatment"],
            dermatologist=data["dermatologist"],
            part_of_day=data["part_of_day"],
            first_day=data["day"] or timezone.localdate(),
        )
        results = [
            {"slot": slot, "who": who.name, "url": book_url(slot, data["treatment"])}
            for slot, who in slots
        ]
    return TemplateResponse(
        request,
        "admin/bookings/booking/free_times.html",
        admin_context(
            model_admin,
            request,
            title="Find the next free times",
            form=form,
            results=results,
            show_errors=searched,
            can_book=model_admin.has_add_permission(request),
        ),
        status=400 if searched and form.errors else 200,
    )
