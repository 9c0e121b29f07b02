"""The day list: every dermatologist's appointments on one day, on screen, on paper and as CSV."""

import csv
from datetime import timedelta

from django.contrib.admin import ModelAdmin
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils import timezone

from bookings.audit import audit_record
from bookings.desk.views import admin_context
from bookings.models import AuditEntry
from bookings.parsing import day_or_today
from bookings.selectors import bookings_between, bookings_split_cancelled
from bookings.templatetags.uk_time import ukdate


def day_list(model_admin: ModelAdmin, request: HttpRequest) -> HttpResponse:
    """Every dermatologist's appointments on one day, to read or print."""
    if not model_admin.has_view_permission(request):
        raise PermissionDenied
    day = day_or_today(request.GET.get("day"))
    columns: dict[int, dict] = {}
    appointments, cancelled = bookings_split_cancelled(
        bookings_between(first_day=day, last_day=day).order_by("dermatologist__name", "starts_at")
    )
    for booking in appointments:
        column = columns.setdefault(
            booking.dermatologist_id, {"dermatologist": booking.dermatologist, "bookings": []}
        )
        column["bookings"].append(booking)
    return TemplateResponse(
        request,
        "admin/bookings/booking/day_list.html",
        admin_context(
            model_admin,
            request,
            title=f"Day list: {ukdate(day)}",
            day=day,
            previous_day=day - timedelta(days=1),
            next_day=day + timedelta(days=1),
            today=timezone.localdate(),
            columns=list(columns.values()),
            cancelled=cancelled,
        ),
    )


# A cell starting with one of these is read as a formula by spreadsheet programs.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value) -> str:
    text = str(value)
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


CSV_HEADER = [
    "Date",
    "Time (UK)",
    "Ends (UK)",
    "Dermatologist",
    "Reference",
    "Patient",
    "Age",
    "Phone",
    "Treatment",
    "Status",
    "Safety flag",
]


def day_csv(model_admin: ModelAdmin, request: HttpRequest) -> HttpResponse:
    """The day's bookings, cancelled ones included, as a spreadsheet in UK time."""
    if not model_admin.has_view_permission(request):
        raise PermissionDenied
    day = day_or_today(request.GET.get("day"))
    audit_record(
        user=request.user,
        action=AuditEntry.Action.EXPORTED,
        target=f"day list {day.isoformat()}",
        detail="CSV",
    )
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="bookings-{day.isoformat()}.csv"'
    writer = csv.writer(response)
    writer.writerow(CSV_HEADER)
    for booking in bookings_between(first_day=day, last_day=day).order_by(
        "dermatologist__name", "starts_at"
    ):
        writer.writerow(
            spreadsheet_safe(cell)
            for cell in [
                booking.local_start.date().isoformat(),
                f"{booking.local_start:%H:%M}",
                f"{booking.ends_at.astimezone(booking.local_start.tzinfo):%H:%M}",
                booking.dermatologist.name,
                booking.reference,
                booking.patient_name,
                booking.age_on(day),
                booking.phone_for_display,
                booking.treatment.name,
                booking.get_status_display(),
                "Yes" if booking.needs_attention else "",
            ]
        )
    return response
