"""Offering freed times to waiting patients: who matches, how many, and the next wave.

A freed time is a window of one dermatologist's diary that has just become
free (a cancellation, the old time of a move, time off removed, new working
hours, a closure lifted). The change that freed it calls `waitlist_time_freed`
inside its transaction; after the commit a worker runs `waitlist_offer_freed`.
"""

from dataclasses import dataclass
from datetime import datetime

from django.contrib.auth.models import User

from bookings.models import Dermatologist, WaitlistEntry, WaitlistOffer


@dataclass(frozen=True)
class Freed:
    """A window of a dermatologist's diary that has just become free."""

    dermatologist_id: int
    start: datetime
    end: datetime


def waitlist_time_freed(freed: list[Freed]) -> None:
    """Asks a worker, after the current transaction commits, to offer `freed` to the list.

    Call it inside the change's own transaction. If the broker is down the
    change still stands; the windows are simply not offered.
    """
    raise NotImplementedError


def waitlist_offer_freed(
    *,
    dermatologist: Dermatologist,
    start: datetime,
    end: datetime,
    now: datetime | None = None,
) -> list[WaitlistOffer]:
    """Offers the free time in [start, end) of `dermatologist`'s diary to up to WAITLIST_OFFERS_PER_WAVE
    waiting entries, in the order they joined. Returns the offers made (one per channel).

    An entry matches when it is waiting, its treatment is one the dermatologist
    offers, its dermatologist (if any) is this one, and the earliest start that
    is really free now under the patients' rules (so never inside the notice
    period), for the treatment's length and buffer, and overlaps the window,
    falls on one of its days and in one of its parts of the day (before the
    booking's own time for an entry joined from a manage page). Each offer is
    made at most once per entry per window per channel, and at most once per
    entry per UK day per channel (database keys, so two workers at once cannot
    double-offer). Each offer is emailed, and texted when the patient chose
    texts, through the outbox. The window's next wave is due after
    WAITLIST_WAVE_HOURS.
    """
    raise NotImplementedError


def waitlist_next_wave(*, now: datetime | None = None) -> int:
    """Beat task: for each freed window whose last wave is WAITLIST_WAVE_HOURS old and
    whose offers led to no booking, offers it to the next WAITLIST_OFFERS_PER_WAVE entries (while the
    time is still free). Each window is looked at once, whichever worker claims it.
    Returns how many windows were offered again."""
    raise NotImplementedError


def waitlist_offer_by_staff(
    *,
    entry: WaitlistEntry,
    dermatologist: Dermatologist,
    start: datetime,
    staff_user: User,
    now: datetime | None = None,
) -> list[WaitlistOffer]:
    """Reception offers `start` with `dermatologist` to `entry` by hand (email, and text if
    the patient chose texts). Staff rules: the time may be inside the notice period and
    on the 5-minute grid, but must be free for the treatment; the per-day limit of
    automatic offers does not apply. Raises WaitlistError when the entry has ended,
    the dermatologist does not offer the treatment, or the time is not free (saying why).
    """
    raise NotImplementedError
