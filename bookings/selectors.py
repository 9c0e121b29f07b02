from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.db import connection
from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from bookings.availability import LONDON, Rules, Schedule, Slot, free_slots
from bookings.manage_links import legacy_token_hash, manage_token_nonce, manage_token_valid
from bookings.models import (
    ACTIVE_STATUSES,
    Booking,
    BookingStatus,
    ClinicClosure,
    Dermatologist,
    DiaryVersion,
    OutboxEmail,
    OutboxStatus,
    TimeOff,
    Treatment,
    WorkingHours,
)

# Staff book further ahead than patients: a review asked for in three months is
# booked while the patient is still at the desk.
STAFF_HORIZON_WEEKS = 104


def booking_rules(*, enforce_notice: bool = True) -> Rules:
    """Patients' rules, or with enforce_notice=False staff's: no notice, a longer horizon."""
    weeks = settings.BOOKING_HORIZON_WEEKS
    return Rules(
        grid=timedelta(minutes=settings.BOOKING_GRID_MINUTES),
        min_notice=timedelta(hours=settings.BOOKING_MIN_NOTICE_HOURS if enforce_notice else 0),
        horizon=timedelta(weeks=weeks if enforce_notice else max(weeks, STAFF_HORIZON_WEEKS)),
    )


def booking_length_on_move(*, booking: Booking | None, treatment: Treatment) -> timedelta:
    """How long `booking` of `treatment` lasts once moved: a course's session keeps its own
    length (its plan's, which may differ from the treatment's); anything else, and a new
    booking (None), takes the treatment's."""
    if booking is not None and booking.course_id is not None:
        return booking.ends_at - booking.starts_at
    return treatment.duration


def dermatologists_for(treatment: Treatment) -> list[Dermatologist]:
    """Active dermatologists who offer the treatment, by name (1 query)."""
    return list(treatment.dermatologists.filter(is_active=True).order_by("name"))


def slots_available(
    *,
    treatment: Treatment,
    first_day: date,
    last_day: date,
    dermatologists: list[Dermatologist],
    now: datetime | None = None,
    enforce_notice: bool = True,
    exclude_booking: Booking | None = None,
    grid: timedelta | None = None,
    duration: timedelta | None = None,
) -> list[Slot]:
    """Free starts for `treatment` with any of `dermatologists`, first_day to last_day.

    Four queries whatever the number of bookings or days (see `diary_load`).
    `exclude_booking` leaves one booking out, so it can be moved into time
    that overlaps its own. `grid` replaces the booking grid (staff's finer step).
    `duration` replaces the treatment's length (a course's longer sessions): each
    start leaves room for all of it, and the treatment's buffer after. Without it,
    the times for moving `exclude_booking` keep its length (booking_length_on_move).
    """
    if not dermatologists:
        return []
    diary = diary_load(
        first_day=first_day,
        last_day=last_day,
        dermatologists=dermatologists,
        exclude_booking=exclude_booking,
    )
    return free_slots(
        schedules=diary.schedules,
        duration=duration or booking_length_on_move(booking=exclude_booking, treatment=treatment),
        buffer=treatment.buffer,
        first_day=first_day,
        last_day=last_day,
        closed_days=diary.closed_days,
        now=now or timezone.now(),
        rules=_with_grid(booking_rules(enforce_notice=enforce_notice), grid),
    )


def _with_grid(rules: Rules, grid: timedelta | None) -> Rules:
    return rules if grid is None else replace(rules, grid=grid)


@dataclass(frozen=True)
class Diary:
    """What the free times of some days depend on in the database, as plain data."""

    schedules: list[Schedule]
    closed_days: frozenset[date]


def diary_load(
    *,
    first_day: date,
    last_day: date,
    dermatologists: list[Dermatologist],
    exclude_booking: Booking | None = None,
) -> Diary:
    """The dermatologists' hours, time off and active bookings, and the clinic's closed
    days, from first_day to last_day.

    Four queries whatever the number of bookings or days: working hours, and
    time off, active bookings and closures in the window.
    """
    window_start = datetime.combine(first_day, time.min, tzinfo=LONDON)
    # A day past the last: an appointment late on it can reach past midnight
    # with its buffer, and must see what starts there.
    window_end = datetime.combine(last_day + timedelta(days=2), time.min, tzinfo=LONDON)
    ids = [dermatologist.pk for dermatologist in dermatologists]

    hours: dict[int, dict[int, list[tuple[time, time]]]] = {pk: {} for pk in ids}
    for dermatologist_id, weekday, starts, ends in (
        WorkingHours.objects.filter(dermatologist_id__in=ids)
        .order_by("dermatologist_id", "weekday", "starts")
        .values_list("dermatologist_id", "weekday", "starts", "ends")
    ):
        hours[dermatologist_id].setdefault(weekday, []).append((starts, ends))

    busy: dict[int, list[tuple[datetime, datetime]]] = {pk: [] for pk in ids}
    # Time off and closures unordered too: the schedules sort, and closures make a set.
    for dermatologist_id, starts_at, ends_at in (
        TimeOff.objects.filter(
            dermatologist_id__in=ids, starts_at__lt=window_end, ends_at__gt=window_start
        )
        .order_by()
        .values_list("dermatologist_id", "starts_at", "ends_at")
    ):
        busy[dermatologist_id].append((starts_at, ends_at))
    bookings = Booking.objects.filter(
        dermatologist_id__in=ids,
        status__in=ACTIVE_STATUSES,
        starts_at__lt=window_end,
        blocked_until__gt=window_start,
    )
    if exclude_booking is not None:
        bookings = bookings.exclude(pk=exclude_booking.pk)
    # Unordered: the schedules sort their own, and the database need not.
    for dermatologist_id, starts_at, blocked_until in bookings.order_by().values_list(
        "dermatologist_id", "starts_at", "blocked_until"
    ):
        busy[dermatologist_id].append((starts_at, blocked_until))

    closed_days = set()
    for first, last in (
        ClinicClosure.objects.filter(Q(first_day__lte=last_day) & Q(last_day__gte=first_day))
        .order_by()
        .values_list("first_day", "last_day")
    ):
        day = first
        while day <= last:
            closed_days.add(day)
            day += timedelta(days=1)

    # Sorted, so the same diary always reads the same (the slot page's cache key).
    schedules = [Schedule(pk, hours[pk], sorted(busy[pk])) for pk in ids]
    return Diary(schedules=schedules, closed_days=frozenset(closed_days))


def diary_version() -> str:
    """The diary's current token (1 query): it changes whenever free times might.

    Read it before loading anything it stands for: what is loaded afterwards is
    then at least as new as the token, never older.
    """
    # Asked on every visit to a slot page, kept or not: plain SQL, as the ORM would write
    # it, spares compiling the same query each time.
    table = connection.ops.quote_name(DiaryVersion._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f'SELECT "token" FROM {table} ORDER BY "id" ASC LIMIT 1')
        row = cursor.fetchone()
    token = row[0] if row else None
    if token is None:  # the table was emptied (a test's flush): start a new line of tokens
        token = DiaryVersion.objects.get_or_create(pk=1)[0].token
    return token


def booking_horizon_last_day(now: datetime | None = None, *, staff: bool = False) -> date:
    """The last day patients (or, with staff=True, staff) can book."""
    now = now or timezone.now()
    return (now + booking_rules(enforce_notice=not staff).horizon).astimezone(LONDON).date()


def _day_bounds(first_day: date, last_day: date) -> tuple[datetime, datetime]:
    """From the start of first_day to the start of the day after last_day, UK time."""
    return (
        datetime.combine(first_day, time.min, tzinfo=LONDON),
        datetime.combine(last_day + timedelta(days=1), time.min, tzinfo=LONDON),
    )


def bookings_affected_by_time_off(time_off: TimeOff) -> QuerySet[Booking]:
    """The dermatologist's active bookings that overlap the time off, in time order (1 query)."""
    return Booking.objects.filter(
        dermatologist_id=time_off.dermatologist_id,
        status__in=ACTIVE_STATUSES,
        starts_at__lt=time_off.ends_at,
        ends_at__gt=time_off.starts_at,
    ).select_related("treatment", "dermatologist")


def bookings_affected_by_closure(closure: ClinicClosure) -> QuerySet[Booking]:
    """Everyone's active bookings on the closed days (UK dates), in time order (1 query)."""
    starts, ends = _day_bounds(closure.first_day, closure.last_day)
    return Booking.objects.filter(
        status__in=ACTIVE_STATUSES, starts_at__lt=ends, ends_at__gt=starts
    ).select_related("treatment", "dermatologist")


def bookings_split_cancelled(bookings: Iterable[Booking]) -> tuple[list[Booking], list[Booking]]:
    """The appointments, and apart from them the cancelled ones, each in the order given."""
    kept: list[Booking] = []
    cancelled: list[Booking] = []
    for booking in bookings:
        (cancelled if booking.status == BookingStatus.CANCELLED else kept).append(booking)
    return kept, cancelled


def bookings_between(
    *, first_day: date, last_day: date, dermatologist: Dermatologist | None = None
) -> QuerySet[Booking]:
    """Every booking starting on first_day to last_day (UK dates), any status, in time order.

    One query, with the treatment and dermatologist; only `dermatologist`'s when given.
    """
    starts, ends = _day_bounds(first_day, last_day)
    bookings = Booking.objects.filter(starts_at__gte=starts, starts_at__lt=ends)
    if dermatologist is not None:
        bookings = bookings.filter(dermatologist=dermatologist)
    return bookings.select_related(
        "treatment", "dermatologist", "course", "safety_recheck"
    ).order_by("starts_at", "pk")


# An email is late when a try has failed and it waits for the next, or when it
# was due this long ago and has still not gone (no worker, no beat).
EMAIL_LATE_AFTER = timedelta(minutes=15)
# Failed emails are counted for reception this long; older ones were dealt with.
EMAIL_FAILED_RECENTLY = timedelta(days=7)


@dataclass(frozen=True)
class OutboxTrouble:
    failed: int
    late: int


def emails_in_trouble(trouble: str, *, now: datetime | None = None) -> Q:
    """Which emails are "failed" (in the last 7 days) or "late", as a filter on the outbox."""
    now = now or timezone.now()
    if trouble == "failed":
        return Q(status=OutboxStatus.FAILED, created_at__gte=now - EMAIL_FAILED_RECENTLY)
    if trouble == "late":
        return Q(status=OutboxStatus.PENDING, attempts__gt=0) | Q(
            status__in=[OutboxStatus.PENDING, OutboxStatus.SENDING],
            due_at__lt=now - EMAIL_LATE_AFTER,
        )
    raise ValueError(f"no such trouble: {trouble!r}")


def outbox_trouble(*, now: datetime | None = None) -> OutboxTrouble:
    """How many emails failed recently and how many are late, for reception (1 query)."""
    now = now or timezone.now()
    counts = OutboxEmail.objects.aggregate(
        failed=Count("pk", filter=emails_in_trouble("failed", now=now)),
        late=Count("pk", filter=emails_in_trouble("late", now=now)),
    )
    return OutboxTrouble(**counts)


def booking_for_manage_token(token: str) -> Booking | None:
    """The booking a manage link opens, or None (1 query).

    A keyed link names its booking by its nonce and proves it with the MAC; a
    link sent before links were keyed is found by its hash.
    """
    legacy = legacy_token_hash(token)
    # Unordered: one booking at most has the nonce, and the model's ordering would only
    # cost compiling an ORDER BY on every patient's visit to their page.
    candidates = (
        Booking.objects.select_related("treatment", "dermatologist", "patient")
        .filter(Q(manage_nonce=manage_token_nonce(token)) | Q(legacy_token_hash=legacy))
        .order_by()
    )
    for booking in candidates:
        if booking.legacy_token_hash == legacy or manage_token_valid(token, booking.manage_nonce):
            return booking
    return None


def patient_visits_before(booking: Booking, *, limit: int = 20) -> list[Booking]:
    """The patient's bookings before this one, latest first, with anyone, in any state (1 query).

    Only the same patient record's: a twin booked under the same email is another patient.
    """
    return list(
        Booking.objects.filter(patient_id=booking.patient_id, starts_at__lt=booking.starts_at)
        .exclude(pk=booking.pk)
        .select_related("treatment", "dermatologist", "treatment_record")
        .order_by("-starts_at", "-pk")[:limit]
    )
