"""Reading dates and times out of URLs, where anything at all may arrive."""

from datetime import UTC, date, datetime

from django.utils import timezone

# Far enough either way for any real appointment; near enough that adding a
# week or converting between zones can never overflow.
EARLIEST_YEAR, LATEST_YEAR = 2000, 2100


def day_from(value: str | None) -> date | None:
    """An ISO date (2026-12-07), or None for anything else, out-of-range years included."""
    try:
        day = date.fromisoformat((value or "").strip())
    except ValueError:
        return None
    return day if EARLIEST_YEAR <= day.year <= LATEST_YEAR else None


def day_or_today(value: str | None) -> date:
    """The ISO date asked for, or today (UK) when there is none or it cannot be read."""
    return day_from(value) or timezone.localdate()


def aware_from(value: str) -> datetime | None:
    """An ISO date-time with its offset, in UTC; None for anything else."""
    try:
        moment = datetime.fromisoformat(value.strip().replace(" ", "+"))
    except ValueError:
        return None
    if moment.tzinfo is None or not EARLIEST_YEAR <= moment.year <= LATEST_YEAR:
        return None
    return moment.astimezone(UTC)
