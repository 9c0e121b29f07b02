"""The dermatologist's day as it is: hours, breaks, time off, closures, who is next,
what each booking needs flagged, and each patient's earlier visits with them."""

import itertools
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from bookings.availability import LONDON
from bookings.models import (
    ACTIVE_STATUSES,
    Booking,
    BookingStatus,
    ClinicClosure,
    Dermatologist,
    TimeOff,
)

UNRECORDED_SHOWN = 20


@dataclass
class Span:
    starts: datetime
    ends: datetime
    reason: str = ""


@dataclass
class ScheduleDay:
    hours: list[Span]
    breaks: list[Span]
    time_off: list[Span]
    closure: str
    day_off: str  # why there is no clinic at all that day, or ""
    flags: dict[int, list[str]] = field(default_factory=dict)
    visits: dict[int, list[Booking]] = field(default_factory=dict)
    next_booking: Booking | None = None


def _at(day: date, clock: time) -> datetime:
    return datetime.combine(day, clock, tzinfo=LONDON)


def schedule_day_load(
    *, dermatologist: Dermatologist, day: date, bookings: list[Booking], now: datetime
) -> ScheduleDay:
    """Everything the day page shows around its bookings (4 queries: hours, time off,
    closures, earlier visits with this dermatologist), whatever the number of bookings."""
    hours = [
        Span(_at(day, h.starts), _at(day, h.ends))
        for h in dermatologist.working_hours.filter(weekday=day.weekday()).order_by("starts")
    ]
    breaks = [Span(a.ends, b.starts) for a, b in itertools.pairwise(hours)]
    day_starts, day_ends = _at(day, time(0)), _at(day + timedelta(days=1), time(0))
    time_off = [
        Span(t.starts_at, t.ends_at, t.reason or "Time off")
        for t in TimeOff.objects.filter(
            dermatologist=dermatologist, starts_at__lt=day_ends, ends_at__gt=day_starts
        )
    ]
    closure = (
        ClinicClosure.objects.filter(first_day__lte=day, last_day__gte=day)
        .values_list("reason", flat=True)
        .first()
    ) or ""

    if closure:
        day_off = f"The clinic is closed: {closure}."
    elif not hours:
        day_off = f"Not one of your working days: you do not work on {day:%A}s."
    elif all(any(t.starts <= h.starts and t.ends >= h.ends for t in time_off) for h in hours):
        day_off = f"Time off: {time_off[0].reason}."
    else:
        day_off = ""

    flags: dict[int, list[str]] = {}
    for booking in bookings:
        if booking.status not in (*ACTIVE_STATUSES, BookingStatus.COMPLETED):
            continue
        mine = []
        if closure:
            mine.append(f"The clinic is closed this day ({closure}).")
        if hours and not any(
            h.starts <= booking.starts_at and booking.ends_at <= h.ends for h in hours
        ):
            mine.append("Outside your working hours.")
        for t in time_off:
            if t.starts < booking.ends_at and booking.starts_at < t.ends:
                mine.append(f"During your time off ({t.reason}).")
        if not hours and not closure:
            mine.append("On a day you do not work.")
        if mine:
            flags[booking.pk] = mine

    visits: dict[int, list[Booking]] = defaultdict(list)
    patient_ids = {b.patient_id for b in bookings}
    if patient_ids:
        earlier = (
            Booking.objects.filter(
                patient_id__in=patient_ids, dermatologist=dermatologist, starts_at__lt=day_starts
            )
            .select_related("treatment", "treatment_record")
            .order_by("-starts_at", "-pk")
        )
        for visit in earlier:
            visits[visit.patient_id].append(visit)

    upcoming = [b for b in bookings if b.status in ACTIVE_STATUSES and b.ends_at > now] or [
        b for b in bookings if b.status == BookingStatus.ARRIVED
    ]
    return ScheduleDay(
        hours=hours,
        breaks=breaks,
        time_off=time_off,
        closure=closure,
        day_off=day_off,
        flags=flags,
        visits=dict(visits),
        next_booking=upcoming[0] if upcoming and day == now.astimezone(LONDON).date() else None,
    )


def completed_without_record(*, dermatologist: Dermatologist) -> list[Booking]:
    """The dermatologist's completed visits that still have no treatment record, oldest first (1 query)."""
    return list(
        Booking.objects.filter(
            dermatologist=dermatologist,
            status=BookingStatus.COMPLETED,
            treatment_record__isnull=True,
        )
        .select_related("treatment")
        .order_by("starts_at", "pk")[:UNRECORDED_SHOWN]
    )
