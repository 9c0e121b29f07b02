"""The bookings list's filters, actions and paginator: what reception sorts and acts on."""

from datetime import datetime, time, timedelta

from django.contrib import admin, messages
from django.core.paginator import Paginator
from django.db.models import Max, Min, QuerySet
from django.utils import timezone

from bookings.availability import LONDON
from bookings.desk import status_views
from bookings.desk.forms import CancelReasonForm
from bookings.models import (
    BookingStatus,
    CancelledBy,
    Channel,
    EmailKind,
)
from bookings.notify.outbox import outbox_send_again


class DayFilter(admin.SimpleListFilter):
    title = "day"
    parameter_name = "day"

    def lookups(self, request, model_admin):
        return [
            ("today", "Today"),
            ("tomorrow", "Tomorrow"),
            ("this_week", "This week"),
            ("next_week", "Next week"),
        ]

    def queryset(self, request, queryset):
        today = timezone.localdate()
        monday = today - timedelta(days=today.weekday())
        first, days = {
            "today": (today, 1),
            "tomorrow": (today + timedelta(days=1), 1),
            "this_week": (monday, 7),
            "next_week": (monday + timedelta(days=7), 7),
        }.get(self.value(), (None, 0))
        if first is None:
            return queryset
        starts = datetime.combine(first, time.min, tzinfo=LONDON)
        ends = datetime.combine(first + timedelta(days=days), time.min, tzinfo=LONDON)
        return queryset.filter(starts_at__gte=starts, starts_at__lt=ends)


class WaitingFilter(admin.SimpleListFilter):
    title = "waiting for confirmation"
    parameter_name = "waiting"

    def lookups(self, request, model_admin):
        return [("over_a_day", "Longer than a day")]

    def queryset(self, request, queryset):
        if self.value() != "over_a_day":
            return queryset
        return queryset.filter(
            status=BookingStatus.REQUESTED, created_at__lt=timezone.now() - timedelta(hours=24)
        )


def booking_status_action(name: str, description: str):
    service, done_label = status_views.STATUS_CHANGES[name]

    @admin.action(description=description, permissions=["change"])
    def action(model_admin, request, queryset):
        status_views.bookings_apply(
            request, queryset, lambda b: service(booking=b, by_user=request.user), done_label
        )

    action.__name__ = f"booking_{name}"
    return action


@admin.action(description="Cancel selected bookings…", permissions=["change"])
def booking_cancel_action(model_admin, request, queryset):
    form = CancelReasonForm(request.POST if "apply" in request.POST else None)
    if form.is_bound and form.is_valid():
        status_views.bookings_cancel(
            request,
            queryset,
            cancelled_by=CancelledBy(form.cleaned_data["asked_by"]),
            reason=form.cleaned_data["reason"],
        )
        return None  # back to the list, with a message per booking
    return status_views.cancel_page(
        model_admin, request, list(queryset), form=form, action="booking_cancel_action"
    )


@admin.action(
    description="Send the latest email of each selected booking again", permissions=["change"]
)
def booking_resend_latest_email(model_admin, request, queryset):
    # The patient's latest email: the note to reception is never what they are missing.
    latest = [
        booking.emails.filter(channel=Channel.EMAIL)
        .exclude(kind=EmailKind.RECEPTION_NEW_REQUEST)
        .order_by("-created_at", "-pk")
        .values_list("pk", flat=True)
        .first()
        for booking in queryset
    ]
    resent = outbox_send_again(outbox_ids=[pk for pk in latest if pk])
    model_admin.message_user(
        request, f"{resent} email(s) will be sent again in a moment.", messages.SUCCESS
    )
    if resent < len(latest):
        model_admin.message_user(
            request,
            f"{len(latest) - resent} booking(s) had no email to send again, or it is being sent now.",
            messages.WARNING,
        )


def today_starts() -> datetime:
    return datetime.combine(timezone.localdate(), time.min, tzinfo=LONDON)


class UpcomingFirstPaginator(Paginator):
    """Pages of bookings in the list's own order, read through the index on starts_at.

    Sorting the whole diary by "upcoming first, then the past" costs a scan and
    a sort of every booking for each page (60-80 ms at 30,000 bookings). The
    same rows come from two index scans instead: today and after, soonest
    first, then before today, latest first; a page takes what it needs of each.
    """

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        today = today_starts()
        upcoming = self.object_list.filter(starts_at__gte=today).order_by("starts_at", "-pk")
        past = self.object_list.filter(starts_at__lt=today).order_by("-starts_at", "-pk")
        rows = list(upcoming[bottom:top])
        if len(rows) < top - bottom:  # the upcoming ran out on this page or before it
            upcoming_count = bottom + len(rows) if rows else upcoming.count()
            rows += past[max(bottom - upcoming_count, 0) : top - upcoming_count]
        return self._get_page(rows, number, self)


class YearsSpannedQuerySet(QuerySet):
    """The list's bookings, with the date links' years read from the first and last booking.

    The admin lists the years to drill into with a DISTINCT over the year of
    every booking ever made (8 ms of PostgreSQL at 27,000 bookings, on every
    opening of the list). The first and the last booking come from the index
    on `starts_at`, and a clinic has bookings in every year between them.
    """

    def datetimes(self, field_name, kind, order="ASC", tzinfo=None):
        if kind != "year":
            return super().datetimes(field_name, kind, order, tzinfo)
        bounds = self.aggregate(first=Min(field_name), last=Max(field_name))
        if bounds["first"] is None:
            return []
        first, last = (timezone.localtime(bounds[end], LONDON).year for end in ("first", "last"))
        years = range(first, last + 1) if order == "ASC" else range(last, first - 1, -1)
        return [datetime(year, 1, 1, tzinfo=LONDON) for year in years]

    @classmethod
    def of(cls, queryset: QuerySet) -> QuerySet:
        queryset = queryset.all()
        queryset.__class__ = cls
        return queryset
