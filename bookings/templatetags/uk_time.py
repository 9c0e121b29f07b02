"""Dates and times as UK patients read them: "Tuesday 1 December 2026", "9:15am", "GMT"."""

from datetime import date, datetime
from decimal import Decimal

from django import template

from bookings.availability import LONDON
from bookings.models.clinic import money
from bookings.privacy import email_masked

register = template.Library()


def _local(value: datetime) -> datetime:
    return value.astimezone(LONDON)


@register.filter
def ukdate(value: date | datetime | None) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = _local(value)
    return f"{value:%A} {value.day} {value:%B %Y}"


@register.filter
def ukdate_short(value: date | datetime | None) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = _local(value)
    return f"{value:%a} {value.day} {value:%b}"


@register.filter
def uktime(value: datetime) -> str:
    local = _local(value)
    hour = local.hour % 12 or 12
    suffix = "am" if local.hour < 12 else "pm"
    return f"{hour}:{local:%M}{suffix}"


def uktime_range(starts: datetime, ends: datetime) -> str:
    """2:00 to 2:45pm; 11:30am to 12:15pm."""
    first, last = uktime(starts), uktime(ends)
    if first[-2:] == last[-2:]:
        first = first[:-2]
    return f"{first} to {last}"


@register.filter
def uktz(value: datetime) -> str:
    """GMT in winter, BST in summer."""
    return _local(value).tzname() or ""


register.filter("masked_email", email_masked)


@register.filter
def gbp(value) -> str:
    return money(value if isinstance(value, Decimal) else Decimal(str(value)))
