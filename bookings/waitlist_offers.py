"""Offering freed times to waiting patients: who matches, how many, and the next wave.

A freed time is a window of one dermatologist's diary that has just become
free (a cancellation, the old time of a move, time off removed, new working
hours, a closure lifted). The change that freed it calls
`waitlist_time_freed` (bookings/waitlist_triggers.py) inside its transaction;
after the commit a worker runs `waitlist_offer_freed` for each window.
"""

from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth.models import User
from django.db import IntegrityError, transaction
from django.db.models import Exists, Max, OuterRef, Q
from django.utils import timezone

from bookings.availability import LONDON, Slot
from bookings.models import (
    Channel,
    Dermatologist,
    WaitlistEntry,
    WaitlistOffer,
    part_of_day_at,
)
from bookings.notify.waitlist_messages import offer_message_due, offer_text_to
from bookings.selectors import booking_length_on_move, slots_available
from bookings.templatetags.uk_time import ukdate, uktime
from bookings.waitlist_services import WaitlistError, waitlist_time_wanted


@dataclass(frozen=True)
class Match:
    entry: WaitlistEntry
    start: datetime


def waitlist_offer_freed(
    *,
    dermatologist: Dermatologist,
    start: datetime,
    end: datetime,
    now: datetime | None = None,
) -> list[WaitlistOffer]:
    """Offers the free time in [start, end) of `dermatologist`'s diary to up to
    WAITLIST_OFFERS_PER_WAVE waiting entries, in the order they joined. Returns the offers
    made (one per entry and channel).

    An entry matches when it is waiting, its treatment is one the dermatologist
    offers, its dermatologist (if any) is this one, and a start that is really
    free now under the patients' rules (so never inside the notice period), for
    the treatment's length and buffer, and overlaps the window, falls on one of
    its days and in one of its parts of the day (before the booking's own time
    for an entry joined from a manage page); it is offered the earliest such
    start. Each entry is offered a window at most once per channel, and at most
    one automatic offer a UK day per channel (database keys, so two workers at
    once cannot double-offer). Each offer is emailed, and texted when the patient
    chose texts, through the outbox. The window's next wave is due after
    WAITLIST_WAVE_HOURS.
    """
    now = now or timezone.now()
    return _offer_window(dermatologist=dermatologist, start=start, end=end, now=now, wave=1)


def waitlist_next_wave(*, now: datetime | None = None) -> int:
    """Beat task: for each freed window whose last wave is WAITLIST_WAVE_HOURS old and whose
    offers led to no booking, offers it to the next WAITLIST_OFFERS_PER_WAVE entries (while
    the time is still free). Each window is looked at once, whichever worker claims it.
    Returns how many windows were offered again."""
    now = now or timezone.now()
    windows = (
        WaitlistOffer.objects.filter(next_wave_at__lte=now)
        .order_by()  # no ordering column in the DISTINCT
        .values_list("dermatologist_id", "gap_starts_at", "gap_ends_at")
        .distinct()
    )
    offered = 0
    for dermatologist_id, start, end in list(windows):
        with transaction.atomic():
            window = WaitlistOffer.objects.filter(
                dermatologist_id=dermatologist_id, gap_starts_at=start, gap_ends_at=end
            )
            # The claim: of two workers, the one whose UPDATE changes no row stops here.
            if not window.filter(next_wave_at__lte=now).update(next_wave_at=None):
                continue
            if window.filter(booking__isnull=False).exists():
                continue
            last = window.aggregate(last=Max("wave"))["last"] or 0
            dermatologist = Dermatologist.objects.get(pk=dermatologist_id)
            if _offer_window(
                dermatologist=dermatologist, start=start, end=end, now=now, wave=last + 1
            ):
                offered += 1
    return offered


def waitlist_offer_by_staff(
    *,
    entry: WaitlistEntry,
    dermatologist: Dermatologist,
    start: datetime,
    staff_user: User,
    now: datetime | None = None,
) -> list[WaitlistOffer]:
    """Reception offers `start` with `dermatologist` to `entry` by hand (email, and text if
    the patient chose texts). Staff rules: the time may be inside the notice period and on
    the 5-minute grid, but must be free for the treatment; the per-day limit of automatic
    offers does not apply. Raises WaitlistError when the entry has ended, the time is
    not before the booking an entry joined from, the dermatologist does not offer the
    treatment, the time is not free (saying why), or
    this time was already offered to the entry.
    """
    now = now or timezone.now()
    with transaction.atomic():
        entry = WaitlistEntry.objects.select_for_update().select_related("patient").get(pk=entry.pk)
        if not entry.is_waiting:
            raise WaitlistError(f"{entry.name} is no longer on the waiting list.")
        if entry.booking is not None and start >= entry.booking.starts_at:
            raise WaitlistError(
                f"{entry.name} waits for a time before their appointment on "
                f"{ukdate(entry.booking.starts_at)} at {uktime(entry.booking.starts_at)}."
            )
        wanted = waitlist_time_wanted(
            entry=entry, dermatologist=dermatologist, start=start, now=now, staff=True
        )
        if not wanted.candidates:
            raise WaitlistError(f"{dermatologist.name} does not offer {entry.treatment.name}.")
        if not wanted.free_ids():
            raise WaitlistError(wanted.refusal())
        end = start + booking_length_on_move(booking=entry.booking, treatment=entry.treatment)
        offers = _offer_make(
            Match(entry, start),
            dermatologist=dermatologist,
            window=(start, end + entry.treatment.buffer),
            wave=1,
            now=now,
            by_staff=staff_user,
        )
        if not offers:
            raise WaitlistError(f"{entry.name} has already been offered this time.")
    return offers


def _offer_window(
    *, dermatologist: Dermatologist, start: datetime, end: datetime, now: datetime, wave: int
) -> list[WaitlistOffer]:
    with transaction.atomic():
        # One worker at a time offers a dermatologist's freed time, so two cannot each
        # offer one window to a different five. FOR NO KEY UPDATE does not hold up the
        # bookings that reference the row.
        if not Dermatologist.objects.select_for_update(no_key=True).filter(
            pk=dermatologist.pk, is_active=True
        ):
            return []
        window = WaitlistOffer.objects.filter(
            dermatologist=dermatologist,
            gap_starts_at=start,
            gap_ends_at=end,
            channel=Channel.EMAIL,
        )
        room = settings.WAITLIST_OFFERS_PER_WAVE - window.filter(wave=wave).count()
        if room <= 0:
            return []
        offers: list[WaitlistOffer] = []
        for match in waitlist_matches(
            dermatologist=dermatologist,
            start=start,
            end=end,
            now=now,
            exclude=set(window.values_list("entry_id", flat=True)),
        ):
            made = _offer_make(
                match, dermatologist=dermatologist, window=(start, end), wave=wave, now=now
            )
            offers += made
            room -= bool(made)
            if not room:
                break
        return offers


def waitlist_matches(
    *,
    dermatologist: Dermatologist,
    start: datetime,
    end: datetime,
    now: datetime,
    exclude: Collection[int] = (),
) -> list[Match]:
    """The waiting entries (but `exclude`) that a free start of `dermatologist` overlapping
    [start, end) suits, in the order they joined, each with its earliest such start.
    Entries already offered something automatically today are left for tomorrow."""
    today = timezone.localdate(now)
    first_day = max(start.astimezone(LONDON).date(), today)
    last_day = (end - timedelta(microseconds=1)).astimezone(LONDON).date()
    if last_day < first_day:
        return []
    entries = (
        WaitlistEntry.objects.filter(
            ended_at__isnull=True,
            treatment__in=dermatologist.treatments.filter(is_active=True),
            first_day__lte=last_day,
            last_day__gte=first_day,
        )
        .filter(Q(dermatologist__isnull=True) | Q(dermatologist=dermatologist))
        .exclude(pk__in=exclude)
        .exclude(
            # One subquery, so the three conditions hold for the same offer.
            Exists(
                WaitlistOffer.objects.filter(
                    entry=OuterRef("pk"), day=today, staff_made=False, channel=Channel.EMAIL
                )
            )
        )
        .select_related("treatment", "booking", "patient")
        .order_by("created_at", "pk")
    )
    free: dict[tuple[int, int | None], list[Slot]] = {}
    matches = []
    for entry in entries:
        key = (entry.treatment_id, entry.booking_id)
        if key not in free:
            free[key] = slots_available(
                treatment=entry.treatment,
                first_day=first_day,
                last_day=last_day,
                dermatologists=[dermatologist],
                now=now,
                exclude_booking=entry.booking,
            )
        length = booking_length_on_move(booking=entry.booking, treatment=entry.treatment)
        blocked = length + entry.treatment.buffer
        suits = (
            slot.start
            for slot in free[key]
            if slot.start < end and slot.start + blocked > start and entry_suits(entry, slot.start)
        )
        if (first := next(suits, None)) is not None:
            matches.append(Match(entry, first))
    return matches


def entry_suits(entry: WaitlistEntry, start: datetime) -> bool:
    """Whether a start is on one of the entry's days, in one of its parts of the day, and,
    for an entry joined from a manage page, before its booking's own time."""
    local = start.astimezone(LONDON)
    return (
        entry.first_day <= local.date() <= entry.last_day
        and part_of_day_at(local.time()) in entry.parts_of_day
        and (entry.booking is None or start < entry.booking.starts_at)
    )


def _offer_make(
    match: Match,
    *,
    dermatologist: Dermatologist,
    window: tuple[datetime, datetime],
    wave: int,
    now: datetime,
    by_staff: User | None = None,
) -> list[WaitlistOffer]:
    """The match's offers, one per channel, each with its message in the outbox; none for
    a channel whose key already holds an offer (made by another worker meanwhile)."""
    channels = [Channel.EMAIL]
    if offer_text_to(match.entry):
        channels.append(Channel.TEXT)
    made = []
    for channel in channels:
        offer = WaitlistOffer(
            entry=match.entry,
            dermatologist=dermatologist,
            gap_starts_at=window[0],
            gap_ends_at=window[1],
            starts_at=match.start,
            channel=channel,
            day=timezone.localdate(now),
            wave=wave,
            created_at=now,
            next_wave_at=None if by_staff else now + timedelta(hours=settings.WAITLIST_WAVE_HOURS),
            by_staff=by_staff,
            staff_made=by_staff is not None,
        )
        try:
            with transaction.atomic():
                offer.save(force_insert=True)
        except IntegrityError:
            break  # the email's key is taken: so is the text's
        offer_message_due(offer=offer, now=now)
        made.append(offer)
    return made
