"""Reception books a course of treatment: every session proposed, any changed, all or none.

Reached from the patient's page ("Book a course"), a completed visit whose record
asks for a course, and the diary, as
/admin/bookings/booking/course/?patient=&treatment=&dermatologist=.
"""

from datetime import datetime, time

from django import forms
from django.contrib import messages
from django.contrib.admin import ModelAdmin
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone

from bookings.availability import LONDON
from bookings.course_services import CourseError, course_book, course_propose
from bookings.desk.views import admin_context
from bookings.models import (
    Booking,
    CoursePlan,
    Dermatologist,
    PartOfDay,
    Patient,
    Treatment,
    Weekday,
)
from bookings.parsing import day_from
from bookings.public.safety_views import SafetyRecheckForm, safety_recheck_answer
from bookings.services import BookingError
from bookings.templatetags.uk_time import ukdate, uktime

NO_PLAN = "This treatment has no course plan yet: add one under Course plans first."


class CourseForm(forms.Form):
    """Who the course is for and what it is; the sessions' times are fields of their own."""

    patient = forms.ModelChoiceField(
        queryset=Patient.objects.filter(anonymised_at__isnull=True),
        widget=forms.HiddenInput,
        error_messages={"required": "Open this page from the patient's record."},
    )
    treatment = forms.ModelChoiceField(
        queryset=Treatment.objects.filter(course_plan__isnull=False, is_active=True),
        empty_label="Choose a course",
        error_messages={
            "required": "Choose the treatment of the course.",
            "invalid_choice": NO_PLAN,
        },
    )
    dermatologist = forms.ModelChoiceField(
        queryset=Dermatologist.objects.filter(is_active=True),
        empty_label="Choose a dermatologist",
        error_messages={"required": "Choose the dermatologist: the same one sees every session."},
    )
    first_day = forms.DateField(
        label="First session from",
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": "Type the first day as a date, e.g. 2027-01-04."},
    )
    weekday = forms.TypedChoiceField(
        label="Patient's preferred day",
        choices=[("", "Any day"), *Weekday.choices[:6]],
        coerce=int,
        empty_value=None,
        required=False,
    )
    part_of_day = forms.ChoiceField(
        label="Preferred part of the day", choices=PartOfDay.choices, required=False
    )

    def clean(self):
        data = super().clean()
        treatment, dermatologist = data.get("treatment"), data.get("dermatologist")
        if treatment and dermatologist and not dermatologist.treatments.filter(pk=treatment.pk):
            self.add_error("dermatologist", f"{dermatologist.name} does not offer {treatment}.")
        return data


def _session_fields(plan: CoursePlan, data) -> list[dict]:
    """Each session's typed day and time, as the page shows them (kept as typed)."""
    return [
        {
            "number": n,
            "day": (data.get(f"session_{n}_day") or "").strip(),
            "time": (data.get(f"session_{n}_time") or "").strip(),
        }
        for n in range(1, plan.sessions + 1)
    ]


def _starts(sessions: list[dict]) -> tuple[list[datetime], str]:
    starts = []
    for session in sessions:
        day = day_from(session["day"])
        try:
            at = time.fromisoformat(session["time"])
        except ValueError:
            at = None
        if day is None or at is None:
            return [], (f"Session {session['number']}: type a day (2027-01-04) and a time (09:30).")
        starts.append(datetime.combine(day, at, tzinfo=LONDON))
    return starts, ""


def course_page(model_admin: ModelAdmin, request: HttpRequest) -> HttpResponse:
    """Proposes a time for every session; books them all, or none, through course_book."""
    if not model_admin.has_add_permission(request):
        raise PermissionDenied
    data = request.POST if request.method == "POST" else request.GET.copy()
    if request.method == "GET":
        data.setdefault("first_day", timezone.localdate().isoformat())
    form = CourseForm(data)
    problem, sessions, plan = "", [], None
    if form.is_valid():
        plan = form.cleaned_data["treatment"].course_plan
        if request.method == "POST" and "_book" in request.POST:
            sessions = _session_fields(plan, request.POST)
            starts, problem = _starts(sessions)
            if problem:
                problem += " Nothing was booked."
            if not problem:
                try:
                    course = course_book(
                        plan=plan,
                        patient=form.cleaned_data["patient"],
                        dermatologist=form.cleaned_data["dermatologist"],
                        starts=starts,
                        created_by=request.user,
                    )
                except CourseError as exc:
                    problem = exc.message
                    if "Nothing was booked" not in problem:
                        problem += " Nothing was booked."
                else:
                    first = starts[0]
                    messages.success(
                        request,
                        f"Booked {course.sessions} sessions of {course.treatment} for "
                        f"{course.patient.name} with {course.dermatologist.name}, from "
                        f"{ukdate(first)} at {uktime(first)}. The patient is emailed each one.",
                    )
                    return HttpResponseRedirect(
                        reverse("admin:bookings_patient_change", args=[course.patient_id])
                    )
        else:
            proposed = course_propose(
                plan=plan,
                dermatologist=form.cleaned_data["dermatologist"],
                first_day=form.cleaned_data["first_day"],
                weekday=form.cleaned_data["weekday"],
                part_of_day=form.cleaned_data["part_of_day"],
            )
            sessions = [
                {
                    "number": s.number,
                    "day": s.start.astimezone(LONDON).date().isoformat() if s.start else "",
                    "time": s.start.astimezone(LONDON).strftime("%H:%M") if s.start else "",
                }
                for s in proposed
            ]
            if any(not s["day"] for s in sessions):
                problem = (
                    "No free time within the course's gaps for some sessions: type a time for "
                    "each, or try another first day or dermatologist."
                )
    patient = form.cleaned_data.get("patient") if form.is_bound else None
    if patient is None:
        patient = Patient.objects.filter(pk=_int(data.get("patient"))).first()
    return TemplateResponse(
        request,
        "admin/bookings/booking/course.html",
        admin_context(
            model_admin,
            request,
            title=f"Book a course for {patient.name}" if patient else "Book a course",
            form=form,
            patient=patient,
            plan=plan,
            sessions=sessions,
            problem=problem,
            show_errors=request.method == "POST" or {"treatment", "dermatologist"} <= set(data),
        ),
        status=409 if problem and request.method == "POST" else 200,
    )


def safety_page(model_admin: ModelAdmin, request: HttpRequest, object_id: int) -> HttpResponse:
    """Reception takes a later session's safety answers on arrival, as the patient would online."""
    booking = get_object_or_404(Booking.objects.select_related("treatment", "course"), pk=object_id)
    if not model_admin.has_change_permission(request, booking):
        raise PermissionDenied
    form = SafetyRecheckForm(request.POST if request.method == "POST" else None)
    problem = ""
    if form.is_bound and form.is_valid():
        try:
            recheck = safety_recheck_answer(form, booking, by_user=request.user)
        except BookingError as exc:
            problem = exc.message
        else:
            changed = "; ".join(recheck.what_changed)
            messages.success(
                request,
                f"Safety answers recorded for {booking.patient_name}. "
                + (
                    f"Changed, for the dermatologist: {changed}." if changed else "Nothing changed."
                ),
            )
            return HttpResponseRedirect(reverse("admin:bookings_booking_change", args=[booking.pk]))
    return TemplateResponse(
        request,
        "admin/bookings/booking/safety.html",
        admin_context(
            model_admin,
            request,
            title=f"Safety answers before {booking.course_label}",
            original=booking,
            booking=booking,
            form=form,
            problem=problem,
        ),
        status=400 if form.errors or problem else 200,
    )


def _int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None
