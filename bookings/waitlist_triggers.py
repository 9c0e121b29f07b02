"""Telling the waiting list that time has come free. The change that frees it calls these
inside its own transaction; the offers are made by a worker after the commit."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from bookings.availability import LONDON
from bookings.models import Dermatologist, WorkingHours
from bookings.selectors import booking_horizon_last_day


@dataclass(frozen=True)
class Freed:
    """A window of one dermatologist's diary that has just become free."""

    dermatologist_id: int
    start: datetime
    end: datetime

    def as_message(self) -> list:
        return [self.dermatologist_id, self.start.isoformat(), self.end.isoformat()]

    @classmethod
    def from_message(cls, message: list) -> "Freed":
        pk, start, end = message
        return cls(pk, datetime.fromisoformat(start), datetime.fromisoformat(end))


def waitlist_time_freed(freed: Iterable[Freed], *, now: datetime | None = None) -> None:
    """Asks a worker, after the current transaction commits, to offer `freed` to the list.

    Windows already over are dropped. If the broker is down then, the change still
    stands; its windows are simply not offered (the next wave of other windows
    and the next freed time go on as usual).
    """
    now = now or timezone.now()
    messages = [window.as_message() for window in freed if window.end > now]
    if messages:
        transaction.on_commit(lambda: _queue(messages), robust=True)


def hours_freed(hours: WorkingHours, *, now: datetime | None = None) -> list[Freed]:
    """New or longer working hours: each of their days from today to the booking horizon."""
    now = now or timezone.now()
    day = timezone.localdate(now)
    windows = []
    while day <= booking_horizon_last_day(now):
        if day.weekday() == hours.weekday:
            windows.append(
                Freed(
                    hours.dermatologist_id,
                    datetime.combine(day, hours.starts, tzinfo=LONDON),
                    datetime.combine(day, hours.ends, tzinfo=LONDON),
                )
            )
        day += timedelta(days=1)
    return windows


def days_freed(
    first_day: date, last_day: date, *, dermatologist_id: int | None = None
) -> list[Freed]:
    """Whole days come free (a closure lifted): every active dermatologist's, or one's,
    up to the booking horizon."""
    last_day = min(last_day, booking_horizon_last_day())
    ids = [dermatologist_id] if dermatologist_id else _active_dermatologist_ids()
    windows = []
    day = max(first_day, timezone.localdate())
    while day <= last_day:
        start = datetime.combine(day, time.min, tzinfo=LONDON)
        end = datetime.combine(day + timedelta(days=1), time.min, tzinfo=LONDON)
        windows += [Freed(pk, start, end) for pk in ids]
        day += timedelta(days=1)
    return windows


def _active_dermatologist_ids() -> list[int]:
    return list(Dermatologist.objects.filter(is_active=True).values_list("pk", flat=True))


def _queue(messages: list[list]) -> None:
    from bookings.notify.emails import publish_task
    from bookings.notify.tasks import waitlist_offer_freed_task

    publish_task(waitlist_offer_freed_task, messages, what="freed time")
