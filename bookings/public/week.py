"""A week of free times, as the slot page and the move page show it.

Rendering a week of "first available" times for ten dermatologists (some 190
links) costs far more than loading the diary it comes from. So the diary is
always loaded fresh from the database, and the rendered times are kept in the
cache under a digest of everything they are made from: the diary (hours, time
off, active bookings, closures), the booking rules, the treatment's length
and buffer, the days, the notice and horizon bounds to the minute, the names,
the link's address, and the release (the code and templates that render
them). A booking, cancellation, move or any other change to the diary changes
the digest, so a time someone has taken can never come back from the cache:
the cache only spares working out the same answer again for the same
question.
"""

import hashlib
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from urllib.parse import quote

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import SafeString

from bookings.availability import Slot, free_slots
from bookings.models import Booking, Dermatologist, Treatment
from bookings.parsing import day_from
from bookings.selectors import (
    Diary,
    booking_horizon_last_day,
    booking_rules,
    diary_load,
    slots_available,
)
from bookings.templatetags.uk_time import ukdate, uktime
from clinic.web.pagecache import cache_call, release

ANY = "any"
TIMES_TEMPLATE = "bookings/_week_times.html"
# The key changes every minute anyway (the notice period's bounds are in it).
TIMES_SECONDS = 90


def week_of_slots(
    request: HttpRequest,
    *,
    treatment: Treatment,
    dermatologists: list[Dermatologist],
    chosen: Dermatologist | None,
    choose_url: str,
    exclude_booking: Booking | None = None,
) -> dict:
    """The context of `bookings/_week.html`: the week asked for, its free times, the way on.

    Each time links to `choose_url` with its start and the dermatologist
    (or "any"). `exclude_booking` is the booking being moved, whose own time
    counts as free.
    """
    now = timezone.now()
    today = timezone.localdate(now)
    this_monday = today - timedelta(days=today.weekday())
    last_day = booking_horizon_last_day(now)
    week = _monday_from(request.GET.get("week"), default=this_monday)
    week = min(max(week, this_monday), last_day - timedelta(days=last_day.weekday()))
    week_end = week + timedelta(days=6)
    offered = [chosen] if chosen else dermatologists

    week_ask = _WeekAsk(
        treatment=treatment,
        first_day=max(week, today),
        last_day=week_end,
        diary=diary_load(
            first_day=week,
            last_day=week_end,
            dermatologists=offered,
            exclude_booking=exclude_booking,
        ),
        now=now,
        names={d.pk: d.name for d in offered} if chosen else {},
        dermatologist_value=str(chosen.pk) if chosen else ANY,
        choose_url=choose_url,
    )
    times_html = _times_html(week_ask)

    next_free_day = None
    if times_html is None and week_end < last_day:
        later = slots_available(
            treatment=treatment,
            first_day=week_end + timedelta(days=1),
            last_day=last_day,
            dermatologists=offered,
            exclude_booking=exclude_booking,
            now=now,
        )
        next_free_day = later[0].local_start.date() if later else None

    return {
        "treatment": treatment,
        "dermatologists": dermatologists,
        "chosen": chosen,
        "chosen_value": chosen.pk if chosen else ANY,
        "times_html": times_html,
        "week": week,
        "previous_week": week - timedelta(days=7) if week > this_monday else None,
        "next_week": week + timedelta(days=7) if week_end < last_day else None,
        "next_free_day": next_free_day,
        "next_free_week": next_free_day - timedelta(days=next_free_day.weekday())
        if next_free_day
        else None,
        "has_times": times_html is not None,
    }


@dataclass(frozen=True)
class _WeekAsk:
    """Everything a week's rendered times depend on."""

    treatment: Treatment
    first_day: date
    last_day: date
    diary: Diary
    now: datetime
    names: dict[int, str]  # filled only when one dermatologist is chosen
    dermatologist_value: str
    choose_url: str

    def key(self) -> str:
        rules = booking_rules()
        earliest, latest = rules.bounds(self.now)
        parts = (
            rules,
            self.treatment.duration,
            self.treatment.buffer,
            self.first_day,
            self.last_day,
            self.diary.schedules,
            sorted(self.diary.closed_days),  # a set's order differs between processes
            earliest,
            latest,
            self.names,
            self.dermatologist_value,
            self.choose_url,
            release(),  # the code and templates that render them
        )
        return "bookings:week:" + hashlib.sha256(repr(parts).encode()).hexdigest()


def _times_html(ask: _WeekAsk) -> SafeString | None:
    """The week's free times rendered, from the cache when the same week was asked
    of the same diary before; None when nothing is free."""
    key = ask.key()
    html = cache_call("get", key)
    if html is not None:
        return SafeString(html)

    found = free_slots(
        schedules=ask.diary.schedules,
        duration=ask.treatment.duration,
        buffer=ask.treatment.buffer,
        first_day=ask.first_day,
        last_day=ask.last_day,
        closed_days=ask.diary.closed_days,
        now=ask.now,
        rules=booking_rules(),
    )
    if not found:
        return None
    html = render_to_string(TIMES_TEMPLATE, {"days": _days(ask, found)})
    cache_call("set", key, str(html), timeout=TIMES_SECONDS)
    return html


def _days(ask: _WeekAsk, found: list[Slot]) -> list[dict]:
    """Each day of the week with its times, labels and links made once per time."""
    # One time per start: with "first available", the first dermatologist free then.
    by_day: dict[date, list[Slot]] = {}
    seen: set[datetime] = set()
    for slot in found:
        if slot.start not in seen:
            seen.add(slot.start)
            by_day.setdefault(slot.local_start.date(), []).append(slot)
    days = []
    day = ask.first_day
    while day <= ask.last_day:
        day_label = ukdate(day)
        times = []
        for slot in by_day.get(day, ()):
            label = uktime(slot.start)
            name = ask.names.get(slot.dermatologist_id)
            start = quote(slot.start.isoformat(), safe="")
            times.append(
                {
                    "label": label,
                    "description": f"{label} on {day_label}{f' with {name}' if name else ''}",
                    "url": f"{ask.choose_url}?start={start}&dermatologist={ask.dermatologist_value}",
                }
            )
        days.append({"label": day_label, "times": times})
        day += timedelta(days=1)
    return days


def _monday_from(value: str | None, *, default: date) -> date:
    day = day_from(value)
    return default if day is None else day - timedelta(days=day.weekday())
