"""Reception's day diary as plain data: one column per dermatologist, placed by the minute.

`day_diary` loads one day in five queries whatever the number of bookings or
dermatologists (`week_diary`, one dermatologist's week), and lays it out: what shades each column (outside hours,
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
    LONGEST_BOOKING,
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
    day: date
    key: str  # unique on the page: ids of its elements start with it
    closure: str = ""
    on_leave: str = ""  # the reason, when time off covers all their hours that day
    time_off: list[TimeOff] = field(default_factory=list)
    booked: list[Booking] = field(default_factory=list)  # not cancelled, starting that day
    spans: list[tuple[time, time]] = field(default_factory=list)
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


# What the diary, reception's first page and their templates read of a booking:
# a busy day's bookings with all their columns (intake answers, notes, keys)
# cost the page more CPU than laying the day out. A field read but not listed
# here costs a query per booking, which the pinned query counts catch.
DIARY_BOOKING_FIELDS = (
    "status",
    "starts_at",
    "ends_at",
    "blocked_until",
    "created_at",
    "patient_name",
    "phone",
    "needs_attention",
    "discuss_suitability",
    "dermatologist__name",
    "treatment__name",
    "course_session",
    "course__sessions",
)


@dataclass
class _Loaded:
    bookings: list[Booking]
    dermatologists: list[Dermatologist]
    hours: dict[int, dict[int, list[tuple[time, time]]]]  # pk -> weekday -> spans
    time_off: dict[int, list[TimeOff]]
    closures: dict[date, str]


def _load(first_day: date, last_day: date, only: Dermatologist | None) -> _Loaded:
    """Five queries whatever the number of bookings, dermatologists or days.

    1 the bookings (cancelled ones too) with their treatment, dermatologist
    and the status of the patient's latest email, 2 the dermatologists who
    are active or booked then (or `only`), with their shortest treatment,
    3 their working hours, 4 their time off in the window, 5 closures.
    """
    window_start = _day_bounds(first_day)[0]
    window_end = _day_bounds(last_day)[1]
    latest_email = (
        OutboxEmail.objects.filter(booking=OuterRef("pk"))
        .exclude(kind=EmailKind.RECEPTION_NEW_REQUEST)
        .order_by("-created_at", "-pk")
        .values("status")[:1]
    )
    bookings = Booking.objects.filter(
        # The lower bound on the start lets PostgreSQL use its index instead of
        # reading every booking ever made; no booking lasts a day (a constraint).
        starts_at__gt=window_start - LONGEST_BOOKING,
        starts_at__lt=window_end,
        ends_at__gt=window_start,
    )
    if only is not None:
        bookings = bookings.filter(dermatologist=only)
    bookings = list(
        bookings.select_related("treatment", "dermatologist", "course")
        .only(*DIARY_BOOKING_FIELDS)
        .annotate(latest_email_status=Subquery(latest_email))
        .order_by("starts_at", "pk")
    )
    booked_ids = {b.dermatologist_id for b in bookings if b.status != BookingStatus.CANCELLED}
    chosen = Q(pk=only.pk) if only is not None else Q(is_active=True) | Q(pk__in=booked_ids)
    dermatologists = list(
        Dermatologist.objects.filter(chosen)
        .annotate(
            shortest_minutes=_shortest_treatment("duration_minutes"),
            shortest_buffer=_shortest_treatment("buffer_minutes"),
        )
        .order_by("name")
    )
    ids = [d.pk for d in dermatologists]
    hours: dict[int, dict[int, list[tuple[time, time]]]] = {pk: {} for pk in ids}
    for dermatologist_id, weekday, starts, ends in (
        WorkingHours.objects.filter(dermatologist_id__in=ids)
        .order_by("starts")
        .values_list("dermatologist_id", "weekday", "starts", "ends")
    ):
        hours[dermatologist_id].setdefault(weekday, []).append((starts, ends))
    time_off: dict[int, list[TimeOff]] = {pk: [] for pk in ids}
    for absence in TimeOff.objects.filter(
        dermatologist_id__in=ids, starts_at__lt=window_end, ends_at__gt=window_start
    ).order_by("starts_at"):
        time_off[absence.dermatologist_id].append(absence)
    closures = {}
    for first, last, reason in ClinicClosure.objects.filter(
        first_day__lte=last_day, last_day__gte=first_day
    ).values_list("first_day", "last_day", "reason"):
        day = first
        while day <= last:
            closures.setdefault(day, reason)
            day += timedelta(days=1)
    return _Loaded(bookings, dermatologists, hours, time_off, closures)


def day_diary(*, day: date, now: datetime | None = None) -> DayDiary:
    """The clinic's day for reception: a column for each dermatologist working or booked.

    Five queries whatever the number of bookings (see `_load`).
    """
    loaded = _load(day, day, None)
    columns = []
    for dermatologist in loaded.dermatologists:
        column = _column(loaded, dermatologist, day, key=str(dermatologist.pk))
        if column.hours or column.booked:
            columns.append(column)  # not working, nothing booked: no column
    return _laid_out(loaded, columns, day=day, now=now, closure=loaded.closures.get(day, ""))


def week_diary(*, dermatologist: Dermatologist, monday: date, now: datetime | None = None):
    """One dermatologist's week, Monday to Sunday: a column a day, in five queries."""
    loaded = _load(monday, monday + timedelta(days=6), dermatologist)
    columns = [
        _column(loaded, loaded.dermatologists[0], monday + timedelta(days=n), key=str(n))
        for n in range(7)
    ]
    return _laid_out(loaded, columns, day=monday, now=now, closure="")


def _column(loaded: _Loaded, dermatologist: Dermatologist, day: date, *, key: str) -> Column:
    day_start, day_end = _day_bounds(day)
    spans = loaded.hours[dermatologist.pk].get(day.weekday(), [])
    column = Column(
        dermatologist=dermatologist,
        day=day,
        key=key,
        hours=[(_local(day, s), _local(day, e)) for s, e in spans],
        closure=loaded.closures.get(day, ""),
    )
    column.time_off = [
        a
        for a in loaded.time_off[dermatologist.pk]
        if a.starts_at < day_end and a.ends_at > day_start
    ]
    column.booked = [
        b
        for b in loaded.bookings
        if b.dermatologist_id == dermatologist.pk
        and b.status != BookingStatus.CANCELLED
        and day_start <= b.starts_at.astimezone(LONDON) < day_end
    ]
    column.on_leave = _on_leave(column.hours, column.time_off)
    column.spans = spans
    return column


def _laid_out(
    loaded: _Loaded, columns: list[Column], *, day: date, now: datetime | None, closure: str
) -> DayDiary:
    """Every column on one grid: from the earliest start to the latest end, by wall clock."""
    now = now or timezone.now()
    cancelled = [b for b in loaded.bookings if b.status == BookingStatus.CANCELLED]
    tops, bottoms = [], []
    for column in columns:
        day_start, day_end = _day_bounds(column.day)
        edges = [edge for span in column.hours for edge in span]
        edges += [moment for b in column.booked for moment in (b.starts_at, b.blocked_until)]
        if edges:
            tops.append(_wall(_quarter_floor(max(min(edges), day_start))))
            last = _quarter_ceiling(min(max(edges), day_end))
            bottoms.append(time.max if last == day_end else _wall(last))
    if not tops:
        return DayDiary(day=day, starts=None, ends=None, columns=[], closure=closure)
    top_wall, bottom_wall = min(tops), max(bottoms)
    rules = booking_rules(enforce_notice=False)
    minutes = 0
    for column in columns:
        top = _local(column.day, top_wall)
        bottom = (
            _day_bounds(column.day)[1]
            if bottom_wall == time.max
            else _local(column.day, bottom_wall)
        )
        minutes = max(minutes, _minutes(bottom - top))
        _fill(column, top, bottom, now, rules)
    starts = _local(columns[0].day, top_wall)
    return DayDiary(
        day=day,
        starts=starts,
        ends=starts + timedelta(minutes=minutes),
        columns=columns,
        closure=closure,
        cancelled=cancelled,
    )


def _wall(moment: datetime) -> time:
    return moment.astimezone(LONDON).time().replace(tzinfo=None)


def _fill(column: Column, top: datetime, bottom: datetime, now: datetime, rules) -> None:
    """The column's shades, blocks and gaps, placed from `top`."""
    dermatologist, day = column.dermatologist, column.day
    absences = column.time_off
    column.shades = _shades(column.hours, absences, top, bottom, column.closure)
    column.blocks = [
        _block(booking, column.hours, absences, column.closure, top) for booking in column.booked
    ]
    if dermatologist.shortest_minutes is None or column.closure or column.on_leave:
        return
    busy = [(a.starts_at, a.ends_at) for a in absences]
    busy += [(b.starts_at, b.blocked_until) for b in column.booked if b.status in ACTIVE_STATUSES]
    duration = timedelta(minutes=dermatologist.shortest_minutes)
    starts = [
        slot.start
        for slot in free_slots(
            schedules=[Schedule(dermatologist.pk, {day.weekday(): column.spans}, busy)],
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


def _shades(hours, absences, top: datetime, bottom: datetime, closure: str) -> list[Shade]:
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


def _block(booking: Booking, hours, absences, closure: str, top: datetime) -> Block:
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
