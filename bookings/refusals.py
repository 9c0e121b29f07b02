"""Why a time or a day has nothing free, in words reception can pass on.

Read only when something was refused, so a few extra queries do not matter.
"""

from datetime import date, datetime, time, timedelta

from django.utils import timezone

from bookings.availability import LONDON
from bookings.models import (
    ACTIVE_STATUSES,
    Booking,
    ClinicClosure,
    Dermatologist,
    TimeOff,
    Treatment,
    WorkingHours,
)
from bookings.selectors import booking_horizon_last_day, slots_available
from bookings.templatetags.uk_time import ukdate, uktime, uktime_range

STEP_MINUTES = 5
NOT_FREE = "Sorry, that time is no longer free. Please choose another time."


def start_refusal(
    *,
    treatment: Treatment,
    start: datetime,
    dermatologists: list[Dermatologist],
    exclude_booking: Booking | None = None,
    now: datetime | None = None,
    duration: timedelta | None = None,
) -> str:
    """Why `start` cannot be booked for `treatment` with any of `dermatologists`, for
    `duration` (the treatment's own length when None)."""
    now = now or timezone.now()
    duration = duration or treatment.duration
    local = start.astimezone(LONDON)
    if start < now:
        return "That time has already passed."
    if local.minute % STEP_MINUTES or local.second or local.microsecond:
        return f"Times go in {STEP_MINUTES}-minute steps, such as 2:05 or 2:10pm."
    closure = _closure_on(local.date())
    if closure is not None:
        return f"The clinic is closed on {ukdate(local.date())} ({closure.reason})."
    if not dermatologists:
        return f"No dermatologist offers {treatment.name} at the moment."
    reasons = [
        (d, _dermatologist_refusal(d, treatment, start, exclude_booking, duration))
        for d in dermatologists
    ]
    if len(reasons) == 1:
        return reasons[0][1]
    return "Nobody is free then. " + " ".join(f"{d.name}: {reason}" for d, reason in reasons)


def _dermatologist_refusal(
    dermatologist: Dermatologist,
    treatment: Treatment,
    start: datetime,
    exclude_booking: Booking | None,
    duration: timedelta,
) -> str:
    local = start.astimezone(LONDON)
    end = start + duration
    blocked_until = end + treatment.buffer
    spans = _hours_on(dermatologist, local.date())
    if not spans:
        return f"{dermatologist.name} does not work on {local:%A}s."
    fits = any(
        datetime.combine(local.date(), starts, tzinfo=LONDON) <= start
        and end <= datetime.combine(local.date(), ends, tzinfo=LONDON)
        for starts, ends in spans
    )
    if not fits:
        hours = ", ".join(uktime_range(*_wall(local.date(), s, e)) for s, e in spans)
        return (
            f"Outside {dermatologist.name}'s working hours that day ({hours}): "
            f"a {duration // timedelta(minutes=1)}-minute appointment must fit inside them."
        )
    time_off = (
        TimeOff.objects.filter(
            dermatologist=dermatologist, starts_at__lt=blocked_until, ends_at__gt=start
        )
        .order_by("starts_at")
        .first()
    )
    if time_off is not None:
        return (
            f"{dermatologist.name} has time off then ({time_off.reason or 'time off'}, "
            f"{_span(time_off.starts_at, time_off.ends_at)})."
        )
    clashes = Booking.objects.filter(
        dermatologist=dermatologist,
        status__in=ACTIVE_STATUSES,
        starts_at__lt=blocked_until,
        blocked_until__gt=start,
    ).order_by("starts_at")
    if exclude_booking is not None:
        clashes = clashes.exclude(pk=exclude_booking.pk)
    clash = clashes.first()
    if clash is not None:
        return f"It overlaps a booking at {uktime_range(clash.starts_at, clash.ends_at)}."
    return NOT_FREE


def day_refusal(*, treatment: Treatment, day: date, dermatologists: list[Dermatologist]) -> str:
    """Why `day` has no free time for `treatment` with any of `dermatologists`."""
    if day < timezone.localdate():
        return "That day has passed."
    if day > booking_horizon_last_day(staff=True):
        return "That day is beyond how far ahead bookings are taken."
    closure = _closure_on(day)
    if closure is not None:
        return f"The clinic is closed that day ({closure.reason})."
    if not dermatologists:
        return f"No dermatologist offers {treatment.name} at the moment."
    reasons = [(d, _day_refusal(d, day)) for d in dermatologists]
    if len(reasons) == 1:
        return reasons[0][1]
    return " ".join(f"{d.name}: {reason}" for d, reason in reasons)


def _day_refusal(dermatologist: Dermatologist, day: date) -> str:
    spans = _hours_on(dermatologist, day)
    if not spans:
        return f"Not a working day for {dermatologist.name} (no hours on {day:%A}s)."
    first, last = _wall(day, spans[0][0], spans[-1][1])
    time_off = list(
        TimeOff.objects.filter(
            dermatologist=dermatologist, starts_at__lt=last, ends_at__gt=first
        ).order_by("starts_at")
    )
    if time_off:
        why = ", ".join(sorted({t.reason or "time off" for t in time_off}))
        whole = any(t.starts_at <= first and t.ends_at >= last for t in time_off)
        if whole:
            return f"{dermatologist.name} is away ({why})."
        return (
            f"{dermatologist.name} is away for part of the day ({why}); the rest is fully booked."
        )
    return f"{dermatologist.name} is fully booked."


def next_free_day(
    *,
    treatment: Treatment,
    after: date,
    dermatologists: list[Dermatologist],
    exclude_booking: Booking | None = None,
) -> date | None:
    """The first day after `after` with a free time, within staff's booking horizon."""
    last_day = booking_horizon_last_day(staff=True)
    if after >= last_day or not dermatologists:
        return None
    later = slots_available(
        treatment=treatment,
        first_day=max(after + timedelta(days=1), timezone.localdate()),
        last_day=last_day,
        dermatologists=dermatologists,
        enforce_notice=False,
        exclude_booking=exclude_booking,
    )
    return later[0].local_start.date() if later else None


def _closure_on(day: date) -> ClinicClosure | None:
    return ClinicClosure.objects.filter(first_day__lte=day, last_day__gte=day).first()


def _hours_on(dermatologist: Dermatologist, day: date) -> list[tuple[time, time]]:
    return list(
        WorkingHours.objects.filter(dermatologist=dermatologist, weekday=day.weekday())
        .order_by("starts")
        .values_list("starts", "ends")
    )


def _wall(day: date, starts: time, ends: time) -> tuple[datetime, datetime]:
    return (
        datetime.combine(day, starts, tzinfo=LONDON),
        datetime.combine(day, ends, tzinfo=LONDON),
    )


def _span(starts: datetime, ends: datetime) -> str:
    if starts.astimezone(LONDON).date() == ends.astimezone(LONDON).date():
        return f"{ukdate(starts)}, {uktime_range(starts, ends)}"
    return f"{uktime(starts)} {ukdate(starts)} to {uktime(ends)} {ukdate(ends)}"
