"""Reception's day diary as plain data: one column per dermatologist, placed by the minute.

`day_diary` loads one day in five queries whatever the number of bookings or
dermatologists, and lays it out: what shades each column (outside hours,
breaks, time off, a closure), each booking as a block, and the gaps long
enough to book into. The gaps come from `availability.free_slots`, the same
code that offers times to patients, with the staff's rules (no notice).

Positions are minutes from the top of the grid, counted in real time between
aware instants, so a 23-hour or 25-hour day needs no special case: on the
autumn Sunday the hour from 1am simply appears twice, and in spring the hour
from 1am never appears.
"""

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta

from django.db.models import IntegerField, OuterRef, Q, Subquery
from django.utils import timezone

from bookings.availability import LONDON, Schedule, free_slots
from bookings.models import (
    ACTIVE_STATUSES,
    Booking,
    BookingStatus,
    ClinicClosure,
    Dermatologist,
    EmailKind,
    OutboxEmail,
    OutboxStatus,
    TimeOff,
    Treatment,
    WorkingHours,
)
from bookings.selectors import booking_rules

QUARTER = timedelta(minutes=15)


@dataclass
class Placed:
    """Something laid on a column: from `top` minutes below the grid's top, `height` long."""

    starts: datetime
    ends: datetime
    top: int = 0
    height: int = 0


@dataclass
class Shade(Placed):
    kind: str = "off"  # off (outside hours), break, time-off, closed
    label: str = ""


@dataclass
class Block(Placed):
    booking: Booking | None = None
    buffer: int = 0  # minutes of buffer after the appointment, drawn lighter
    problems: list[str] = field(default_factory=list)
    email_failed: bool = False


@dataclass
class Gap(Placed):
    pass


@dataclass
class Column:
    dermatologist: Dermatologist
    on_leave: str = ""  # the reason, when time off covers all their hours that day
    shades: list[Shade] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)
    gaps: list[Gap] = field(default_factory=list)
    hours: list[tuple[datetime, datetime]] = field(default_factory=list)

    @property
    def items(self) -> list[Placed]:
        """Blocks and gaps in time order: the order the keyboard reaches them."""
        return sorted([*self.blocks, *self.gaps], key=lambda item: (item.top, item.height))


@dataclass
class DayDiary:
    day: date
    starts: datetime | None  # top of the grid; None when nobody works or is booked
    ends: datetime | None
    columns: list[Column]
    closure: str = ""
    cancelled: list[Booking] = field(default_factory=list)

    @property
    def minutes(self) -> int:
        if self.starts is None or self.ends is None:
            return 0
        return _minutes(self.ends - self.starts)

    @property
    def quarters(self) -> list[tuple[int, datetime]]:
        """(top, instant) of each quarter of an hour down the side."""
        if self.starts is None:
            return []
        return [(top, self.starts + timedelta(minutes=top)) for top in range(0, self.minutes, 15)]


def _minutes(span: timedelta) -> int:
    return int(span.total_seconds() // 60)


def _local(day: date, wall: time) -> datetime:
    """A wall-clock time on `day` as an instant; the first of two in the autumn's repeated hour."""
    return datetime.combine(day, wall, tzinfo=LONDON).astimezone(UTC)


def _day_bounds(day: date) -> tuple[datetime, datetime]:
    return (
        datetime.combine(day, time.min, tzinfo=LONDON),
        datetime.combine(day + timedelta(days=1), time.min, tzinfo=LONDON),
    )


def _quarter_floor(moment: datetime) -> datetime:
    local = moment.astimezone(LONDON)
    return moment - timedelta(minutes=local.minute % 15, seconds=local.second)


def _quarter_ceiling(moment: datetime) -> datetime:
    floor = _quarter_floor(moment)
    return floor if floor == moment else floor + QUARTER


def _shortest_treatment(field_name: str):
    """The active treatment a dermatologist offers that takes least time, buffer included."""
    return Subquery(
        Treatment.objects.filter(dermatologists=OuterRef("pk"), is_active=True)
        .order_by("duration_minutes", "buffer_minutes")
        .values(field_name)[:1],
        output_field=IntegerField(),
    )


def day_diary(*, day: date, now: datetime | None = None) -> DayDiary:
    """The clinic's day for reception, in five queries whatever the number of bookings.

    1 the day's bookings, cancelled ones too, with their treatment,
    dermatologist and the status of the patient's latest email, 2 the dermatologists
    who are active or booked that day, with their shortest treatment, 3 their
    working hours that weekday, 4 time off touching the day, 5 closures.
    """
    now = now or timezone.now()
    day_start, day_end = _day_bounds(day)
    latest_email = (
        OutboxEmail.objects.filter(booking=OuterRef("pk"))
        .exclude(kind=EmailKind.RECEPTION_NEW_REQUEST)
        .order_by("-created_at", "-pk")
        .values("status")[:1]
    )
    bookings = list(
        Booking.objects.filter(starts_at__lt=day_end, ends_at__gt=day_start)
        .select_related("treatment", "dermatologist")
        .annotate(latest_email_status=Subquery(latest_email))
        .order_by("starts_at", "pk")
    )
    booked_ids = {b.dermatologist_id for b in bookings if b.status != BookingStatus.CANCELLED}
    dermatologists = list(
        Dermatologist.objects.filter(Q(is_active=True) | Q(pk__in=booked_ids))
        .annotate(
            shortest_minutes=_shortest_treatment("duration_minutes"),
            shortest_buffer=_shortest_treatment("buffer_minutes"),
        )
        .order_by("name")
    )
    ids = [d.pk for d in dermatologists]
    hours: dict[int, list[tuple[time, time]]] = {pk: [] for pk in ids}
    for dermatologist_id, starts, ends in (
        WorkingHours.objects.filter(dermatologist_id__in=ids, weekday=day.weekday())
        .order_by("starts")
        .values_list("dermatologist_id", "starts", "ends")
    ):
        hours[dermatologist_id].append((starts, ends))
    time_off: dict[int, list[TimeOff]] = {pk: [] for pk in ids}
    for absence in TimeOff.objects.filter(
        dermatologist_id__in=ids, starts_at__lt=day_end, ends_at__gt=day_start
    ).order_by("starts_at"):
        time_off[absence.dermatologist_id].append(absence)
    closure = (
        ClinicClosure.objects.filter(first_day__lte=day, last_day__gte=day)
        .values_list("reason", flat=True)
        .first()
    )

    columns = []
    for dermatologist in dermatologists:
        mine = [b for b in bookings if b.dermatologist_id == dermatologist.pk]
        if not hours[dermatologist.pk] and not any(b.status != "cancelled" for b in mine):
            continue  # not working, nothing booked: no column
        column = Column(
            dermatologist=dermatologist,
            hours=[(_local(day, s), _local(day, e)) for s, e in hours[dermatologist.pk]],
        )
        column.on_leave = _on_leave(column.hours, time_off[dermatologist.pk])
        columns.append(column)

    cancelled = [b for b in bookings if b.status == BookingStatus.CANCELLED]
    shown = [b for b in bookings if b.status != BookingStatus.CANCELLED]
    edges = [edge for column in columns for span in column.hours for edge in span]
    edges += [moment for b in shown for moment in (b.starts_at, b.blocked_until)]
    if not edges:
        return DayDiary(day=day, starts=None, ends=None, columns=[], closure=closure or "")
    top = _quarter_floor(max(min(edges), day_start))
    bottom = _quarter_ceiling(min(max(edges), day_end))

    rules = booking_rules(enforce_notice=False)
    for column in columns:
        dermatologist = column.dermatologist
        absences = time_off[dermatologist.pk]
        column.shades = _shades(column.hours, absences, top, bottom, closure)
        for booking in shown:
            if booking.dermatologist_id == dermatologist.pk:
                column.blocks.append(_block(booking, column.hours, absences, closure, top))
        if dermatologist.shortest_minutes is None or closure or column.on_leave:
            continue
        busy = [(a.starts_at, a.ends_at) for a in absences]
        busy += [
            (b.starts_at, b.blocked_until)
            for b in bookings
            if b.dermatologist_id == dermatologist.pk and b.status in ACTIVE_STATUSES
        ]
        duration = timedelta(minutes=dermatologist.shortest_minutes)
        starts = [
            slot.start
            for slot in free_slots(
                schedules=[
                    Schedule(dermatologist.pk, {day.weekday(): hours[dermatologist.pk]}, busy)
                ],
                duration=duration,
                buffer=timedelta(minutes=dermatologist.shortest_buffer or 0),
                first_day=day,
                last_day=day,
                now=now,
                rules=rules,
            )
        ]
        column.gaps = [
            _placed(Gap, first, _free_until(last + duration, column.hours, busy), top)
            for first, last in _runs(starts, rules.grid)
        ]
    return DayDiary(
        day=day,
        starts=top,
        ends=bottom,
        columns=columns,
        closure=closure or "",
        cancelled=cancelled,
    )


def _placed(cls, starts: datetime, ends: datetime, top: datetime, **fields):
    return cls(
        starts=starts,
        ends=ends,
        top=_minutes(starts - top),
        height=max(_minutes(ends - starts), 1),
        **fields,
    )


def _runs(starts: list[datetime], grid: timedelta) -> list[tuple[datetime, datetime]]:
    """Consecutive free starts, one grid step apart, as (first, last) pairs."""
    runs: list[list[datetime]] = []
    for start in starts:
        if runs and start - runs[-1][1] == grid:
            runs[-1][1] = start
        else:
            runs.append([start, start])
    return [(first, last) for first, last in runs]


def _free_until(moment: datetime, hours, busy) -> datetime:
    """Where the free time that reaches `moment` ends: the next busy time or the span's end."""
    ends = [end for start, end in hours if start < moment <= end]
    ends += [start for start, _ in busy if start >= moment]
    return min(ends, default=moment)


def _on_leave(hours: list[tuple[datetime, datetime]], absences: list[TimeOff]) -> str:
    """The reason, when time off covers every working hour of the day."""
    if not hours or not absences:
        return ""
    for starts, ends in hours:
        if not any(a.starts_at <= starts and a.ends_at >= ends for a in absences):
            return ""
    return absences[0].reason or "Time off"


def _shades(hours, absences, top: datetime, bottom: datetime, closure: str | None) -> list[Shade]:
    if closure:
        return [_placed(Shade, top, bottom, top, kind="closed", label=f"Clinic closed: {closure}")]
    shades = []
    edge = top
    for index, (starts, ends) in enumerate(hours):
        if starts > edge:
            kind, label = ("break", "Break") if index else ("off", "Not working")
            shades.append(_placed(Shade, edge, starts, top, kind=kind, label=label))
        edge = max(edge, ends)
    if edge < bottom:
        shades.append(_placed(Shade, edge, bottom, top, kind="off", label="Not working"))
    for absence in absences:
        starts, ends = max(absence.starts_at, top), min(absence.ends_at, bottom)
        if starts < ends:
            label = f"Time off: {absence.reason}" if absence.reason else "Time off"
            shades.append(_placed(Shade, starts, ends, top, kind="time-off", label=label))
    return shades


def _block(booking: Booking, hours, absences, closure: str | None, top: datetime) -> Block:
    problems = []
    if closure:
        problems.append("On a day the clinic is closed")
    if any(a.starts_at < booking.ends_at and a.ends_at > booking.starts_at for a in absences):
        problems.append("Inside time off")
    if not any(s <= booking.starts_at and booking.ends_at <= e for s, e in hours):
        problems.append("Outside working hours")
    block = _placed(
        Block,
        booking.starts_at,
        booking.ends_at,
        top,
        booking=booking,
        problems=problems,
        email_failed=booking.latest_email_status == OutboxStatus.FAILED,
    )
    block.buffer = _minutes(booking.blocked_until - booking.ends_at)
    return block
