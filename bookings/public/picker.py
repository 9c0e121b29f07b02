"""The day picker, as the slot page and the move page show it.

A row of seven days, each with its number of free times (or "Full", or
"Closed"), and the chosen day's times grouped into morning, afternoon and
evening. The row starts at the first day with a free time, unless the patient
pages it (`from=`) or picks a day (`day=`); the old `week=` links open the row
at that week.

The diary is always loaded fresh from the database; the free times worked
out from it are kept in the cache under a digest of everything they are made
from: the diary of the row's days (hours, time off, active bookings,
closures), the booking rules, the treatment's length and buffer, the days and
the notice and horizon bounds to the minute. A booking, cancellation, move or
any other change to those days changes the digest, so a time someone has
taken can never come back from the cache: the cache only spares working out
the same answer again for the same question.
"""

import hashlib
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from urllib.parse import quote, urlencode

from django.http import HttpRequest
from django.utils import timezone

from bookings.availability import Slot, free_slots
from bookings.models import Booking, Dermatologist, Treatment
from bookings.parsing import day_from
from bookings.selectors import (
    Diary,
    booking_horizon_last_day,
    booking_length_on_move,
    booking_rules,
    diary_load,
    slots_available,
)
from bookings.templatetags.uk_time import ukdate, uktime
from clinic.web.pagecache import cache_call

ANY = "any"
ROW_DAYS = 7
# The key changes every minute anyway (the notice period's bounds are in it).
TIMES_SECONDS = 90
# Where a day's times are split, in UK wall-clock time.
PARTS_OF_DAY = [("Morning", time(0)), ("Afternoon", time(12)), ("Evening", time(17))]


@dataclass(frozen=True)
class PickerAsk:
    """What the patient asked for: the row's first day and the day, as the query gave them."""

    row_start: date | None
    day: date | None
    week: date | None

    @classmethod
    def from_query(cls, query) -> "PickerAsk":
        week = day_from(query.get("week"))
        return cls(
            row_start=day_from(query.get("from")),
            day=day_from(query.get("day")),
            week=week - timedelta(days=week.weekday()) if week else None,
        )


def day_picker(
    request: HttpRequest,
    *,
    treatment: Treatment,
    dermatologists: list[Dermatologist],
    chosen: Dermatologist | None,
    choose_url: str,
    exclude_booking: Booking | None = None,
) -> dict:
    """The context of `bookings/_picker.html`: the row of days, the chosen day's times,
    the way on.

    Each time links to `choose_url` with its start and the dermatologist
    ("any" with `with`, the dermatologist it would be, for the first
    available). `exclude_booking` is the booking being moved, whose own time
    counts as free, and whose length its times keep.
    """
    now = timezone.now()
    today = timezone.localdate(now)
    last_day = booking_horizon_last_day(now)
    offered = [chosen] if chosen else dermatologists
    ask = PickerAsk.from_query(request.GET)

    def clamp(day: date) -> date:
        return min(max(day, today), last_day)

    def first_free_from(day: date) -> date | None:
        later = slots_available(
            treatment=treatment,
            first_day=day,
            last_day=last_day,
            dermatologists=offered,
            exclude_booking=exclude_booking,
            now=now,
        )
        return later[0].local_start.date() if later else None

    if ask.row_start:
        row_start = clamp(ask.row_start)
    elif ask.day:
        row_start = clamp(ask.day)
    elif ask.week:
        row_start = clamp(ask.week)
    else:
        row_start = first_free_from(today) or today
    row_end = min(row_start + timedelta(days=ROW_DAYS - 1), last_day)

    diary = diary_load(
        first_day=row_start,
        last_day=row_end,
        dermatologists=offered,
        exclude_booking=exclude_booking,
    )
    found = _free_times(
        treatment=treatment,
        duration=booking_length_on_move(booking=exclude_booking, treatment=treatment),
        diary=diary,
        first_day=row_start,
        last_day=row_end,
        now=now,
    )
    by_day: dict[date, list[Slot]] = {}
    for slot in found:
        by_day.setdefault(slot.local_start.date(), []).append(slot)

    in_row = ask.day is not None and row_start <= ask.day <= row_end
    day = ask.day if ask.day and in_row else min(by_day, default=row_start)

    next_free_day = None
    if not by_day.get(day):
        after = [d for d in by_day if d > day]
        next_free_day = min(after) if after else None
        if next_free_day is None and row_end < last_day:
            next_free_day = first_free_from(row_end + timedelta(days=1))

    dermatologist_value = str(chosen.pk) if chosen else ANY
    by_pk = {d.pk: d for d in dermatologists}

    def link(**query) -> str:
        return "?" + urlencode({**query, "dermatologist": dermatologist_value})

    row = []
    for offset in range((row_end - row_start).days + 1):
        shown = row_start + timedelta(days=offset)
        count = len(by_day.get(shown, ()))
        row.append(
            {
                "date": shown,
                "count": count,
                "state": "free" if count else _why_none(shown, diary),
                "url": link(**{"from": row_start.isoformat(), "day": shown.isoformat()}),
                "is_chosen": shown == day,
            }
        )
    later_start = row_start + timedelta(days=ROW_DAYS)
    months = [f"{d:%B %Y}" for d in (row_start, row_end)]
    return {
        "treatment": treatment,
        "dermatologists": dermatologists,
        "chosen": chosen,
        "chosen_value": chosen.pk if chosen else ANY,
        "row": row,
        "row_label": months[0] if months[0] == months[1] else " – ".join(months),
        "day": day,
        "parts": _parts_of_day(
            by_day.get(day, []),
            choose_url=choose_url,
            dermatologist_value=dermatologist_value,
            by_pk=by_pk,
            chosen=chosen,
        ),
        "earlier_url": link(**{"from": max(today, row_start - timedelta(days=ROW_DAYS))})
        if row_start > today
        else None,
        "later_url": link(**{"from": later_start.isoformat()}) if later_start <= last_day else None,
        "next_free_day": next_free_day,
        "next_free_url": link(day=next_free_day.isoformat()) if next_free_day else None,
        "has_times": bool(by_day.get(day)),
    }


def _why_none(day: date, diary: Diary) -> str:
    """ "closed" when the clinic is shut or nobody works that day, "full" when every time is taken
    (or too soon to book)."""
    if day in diary.closed_days:
        return "closed"
    if not any(schedule.hours.get(day.weekday()) for schedule in diary.schedules):
        return "closed"
    return "full"


def _free_times(
    *,
    treatment: Treatment,
    duration: timedelta,
    diary: Diary,
    first_day: date,
    last_day: date,
    now: datetime,
) -> list[Slot]:
    """The free times of the days, one per start (the first dermatologist free then), from the
    cache when the same days of the same diary were asked about before."""
    rules = booking_rules()
    earliest, latest = rules.bounds(now)
    parts = (
        rules,
        duration,
        treatment.buffer,
        first_day,
        last_day,
        diary.schedules,
        sorted(diary.closed_days),  # a set's order differs between processes
        earliest,
        latest,
    )
    key = "bookings:days:" + hashlib.sha256(repr(parts).encode()).hexdigest()
    kept = cache_call("get", key)
    if kept is not None:
        return [Slot(start, dermatologist_id) for start, dermatologist_id in kept]

    found = free_slots(
        schedules=diary.schedules,
        duration=duration,
        buffer=treatment.buffer,
        first_day=first_day,
        last_day=last_day,
        closed_days=diary.closed_days,
        now=now,
        rules=rules,
    )
    firsts: list[Slot] = []
    seen: set[datetime] = set()
    for slot in found:  # sorted by time, then by the dermatologists' order
        if slot.start not in seen:
            seen.add(slot.start)
            firsts.append(slot)
    cache_call("set", key, [(s.start, s.dermatologist_id) for s in firsts], timeout=TIMES_SECONDS)
    return firsts


def _parts_of_day(
    slots: list[Slot],
    *,
    choose_url: str,
    dermatologist_value: str,
    by_pk: dict[int, Dermatologist],
    chosen: Dermatologist | None,
) -> list[dict]:
    """The day's times in morning, afternoon and evening, each with its link and who it is with."""
    parts: list[dict] = []
    for slot in slots:
        wall = slot.local_start.time()
        name = next(n for n, starts in reversed(PARTS_OF_DAY) if wall >= starts)
        if not parts or parts[-1]["name"] != name:
            parts.append({"name": name, "times": []})
        label = uktime(slot.start)
        who = by_pk[slot.dermatologist_id]
        query = (
            f"start={quote(slot.start.isoformat(), safe='')}&dermatologist={dermatologist_value}"
        )
        if chosen is None:
            query += f"&with={slot.dermatologist_id}"
        parts[-1]["times"].append(
            {
                "label": label,
                "who": who.short_name if chosen is None else "",
                # The visible words first, as axe asks: "9:00am Dr Okafor on Monday 7 ...".
                "description": f"{label} {who.short_name} on {ukdate(slot.start)}"
                if chosen is None
                else f"{label} on {ukdate(slot.start)} with {who.name}",
                "url": f"{choose_url}?{query}",
            }
        )
    return parts
