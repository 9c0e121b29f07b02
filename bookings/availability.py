"""Free appointment times, computed by a pure function over loaded data.

Nothing here touches the database: `bookings.selectors.slots_available` loads
what it needs in a fixed number of queries and hands it to `free_slots`, which
tests can also drive directly.

Working hours are wall-clock times in Europe/London. Each candidate start is a
wall-clock time on the grid, turned into an aware datetime and compared with
everything else as an absolute instant, so the days the clocks change need no
special case.
"""

from bisect import bisect_left
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from itertools import accumulate
from zoneinfo import ZoneInfo

LONDON = ZoneInfo("Europe/London")


@dataclass(frozen=True)
class Slot:
    start: datetime
    dermatologist_id: int

    @property
    def local_start(self) -> datetime:
        return self.start.astimezone(LONDON)


@dataclass
class Schedule:
    """What one dermatologist's diary looks like over the window asked about."""

    dermatologist_id: int
    # weekday (Monday is 0) -> [(starts, ends)] in UK wall-clock time
    hours: dict[int, list[tuple[time, time]]]
    # [(start, end)] of bookings (buffer included) and time off, any order
    busy: list[tuple[datetime, datetime]] = field(default_factory=list)


@dataclass(frozen=True)
class Rules:
    grid: timedelta = timedelta(minutes=15)
    min_notice: timedelta = timedelta(hours=24)
    horizon: timedelta = timedelta(weeks=8)

    def bounds(self, now: datetime) -> tuple[datetime, datetime]:
        """The earliest and latest a slot may start, `now` being now, to the whole minute.

        Working hours and the grid are whole minutes, and so are the starts;
        rounding the earliest up and the latest down then changes no answer,
        and the bounds move once a minute, not every microsecond, which lets
        the slot page keep what it renders for a minute (bookings/public/week.py).
        """
        earliest = now + self.min_notice
        latest = now + self.horizon
        floor = latest.replace(second=0, microsecond=0)
        ceiling = earliest.replace(second=0, microsecond=0)
        if ceiling < earliest:
            ceiling += timedelta(minutes=1)
        return ceiling, floor


class _Busy:
    """Answers "does [start, end) overlap anything busy?" in O(log n)."""

    def __init__(self, intervals: Iterable[tuple[datetime, datetime]]):
        ordered = sorted(intervals)
        self._starts = [start for start, _ in ordered]
        # The latest end among the first i intervals, so one lookup answers.
        self._max_end = list(accumulate((end for _, end in ordered), max))

    def overlaps(self, start: datetime, end: datetime) -> bool:
        before = bisect_left(self._starts, end)  # intervals starting before `end`
        return before > 0 and self._max_end[before - 1] > start


def free_slots(
    *,
    schedules: Sequence[Schedule],
    duration: timedelta,
    buffer: timedelta,
    first_day: date,
    last_day: date,
    closed_days: Iterable[date] = (),
    now: datetime,
    rules: Rules = Rules(),
) -> list[Slot]:
    """Every free start for an appointment of `duration`, from first_day to last_day.

    A start is free when the appointment fits inside one span of working hours,
    the appointment plus `buffer` overlaps no busy interval, the day is not
    closed, and it lies between now + min_notice and now + horizon. Slots come
    sorted by time, then by the order of `schedules`.
    """
    earliest, latest = rules.bounds(now)
    closed = set(closed_days)
    busy = {schedule.dermatologist_id: _Busy(schedule.busy) for schedule in schedules}
    slots: list[tuple[datetime, int, Slot]] = []
    day = first_day
    while day <= last_day:
        if day not in closed:
            for rank, schedule in enumerate(schedules):
                for starts, ends in schedule.hours.get(day.weekday(), ()):
                    for start in _starts(day, starts, ends, duration=duration, grid=rules.grid):
                        if start > latest:
                            break
                        if start >= earliest and not busy[schedule.dermatologist_id].overlaps(
                            start, start + duration + buffer
                        ):
                            slots.append((start, rank, Slot(start, schedule.dermatologist_id)))
        day += timedelta(days=1)
    return [slot for _, _, slot in sorted(slots, key=lambda item: item[:2])]


def _starts(
    day: date, starts: time, ends: time, *, duration: timedelta, grid: timedelta
) -> Iterator[datetime]:
    """Each grid start, in UTC, at which an appointment fits inside starts-ends on `day`."""
    midnight = datetime.combine(day, time.min, tzinfo=LONDON)
    offset = midnight.utcoffset() or timedelta(0)
    if offset == (midnight + timedelta(days=1)).utcoffset():
        # The clocks stay put all day, as on all but two days a year: plain
        # arithmetic in UTC, which is what makes a week of ten diaries quick.
        start = (datetime.combine(day, starts) - offset).replace(tzinfo=UTC)
        last_end = (datetime.combine(day, ends) - offset).replace(tzinfo=UTC)
        while start + duration <= last_end:
            yield start
            start += grid
        return
    # The clocks change today: step through wall-clock times, skipping the hour
    # that never happens in spring; the autumn hour that happens twice is
    # offered once, at its first (BST) instant.
    span_end = datetime.combine(day, ends, tzinfo=LONDON)
    wall = datetime.combine(day, starts, tzinfo=LONDON)
    while True:
        start = wall.astimezone(UTC)
        if start + duration > span_end:
            return
        if not _skipped_by_the_clocks(wall, start):
            yield start
        wall += grid


def _skipped_by_the_clocks(wall: datetime, start: datetime) -> bool:
    """True for wall-clock times that never happen (01:00-02:00 on the spring change)."""
    return start.astimezone(LONDON).replace(tzinfo=None) != wall.replace(tzinfo=None)


def nearest(slots: Sequence[Slot], to: datetime, count: int = 3) -> list[Slot]:
    """The `count` free slots closest in time to `to`, one per start time, in time order."""
    by_start: dict[datetime, Slot] = {}
    for slot in slots:
        by_start.setdefault(slot.start, slot)
    closest = sorted(by_start.values(), key=lambda slot: abs(slot.start - to))[:count]
    return sorted(closest, key=lambda slot: slot.start)
