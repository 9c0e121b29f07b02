"""The waiting list: joining, leaving, and booking a freed time offered to a waiting patient.

Every door (the times page, the manage page, the offer link, reception's admin,
the worker) calls these. Offering freed times is in bookings/waitlist_offers.py;
ending entries when their patient books is in bookings/waitlist_ends.py.
"""

import uuid
from collections.abc import Iterable
from datetime import date, datetime

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from bookings.availability import LONDON, Slot
from bookings.change_services import CLOSED, _too_late, booking_move
from bookings.manage_links import manage_token_nonce, manage_token_valid
from bookings.models import (
    Booking,
    BookingAction,
    Dermatologist,
    EmailKind,
    Patient,
    Treatment,
    WaitlistEnd,
    WaitlistEntry,
    WaitlistOffer,
)
from bookings.patient_services import patient_find_or_create
from bookings.selectors import (
    booking_length_on_move,
    booking_rules,
    dermatologists_for,
)
from bookings.services import (
    BookingError,
    Intake,
    PatientDetails,
    SlotUnavailable,
    _Wanted,
    booking_create,
)
from bookings.templatetags.uk_time import ukdate, uktime
from bookings.waitlist_checks import (
    WaitlistError,
    contact_checked,
    days_checked,
    parts_checked,
    treatment_checked,
)

# Why an offer's link no longer books, by how its entry ended.
ENDED: dict[str, str] = {
    WaitlistEnd.BOOKED: "You have already booked a time from the waiting list.",
    WaitlistEnd.LEFT: "You have left the waiting list, so this time is no longer held for you.",
    WaitlistEnd.EXPIRED: "The days you could come have passed, so you are no longer on the list.",
    WaitlistEnd.BOOKING_CLOSED: "The appointment you wanted an earlier time for was cancelled.",
    WaitlistEnd.ANONYMISED: "This offer is no longer available.",
}


class OfferGone(BookingError):
    """The offered time was booked by someone else first, or is no longer free. The entry
    stays on the list; `alternatives` are the nearest free times to offer instead."""

    def __init__(self, offer: WaitlistOffer, alternatives: list[Slot], *, too_soon: bool = False):
        why = (
            "it is now too close to the time to book it online"
            if too_soon
            else "someone else who was waiting has just booked it"
        )
        super().__init__(f"Sorry, that time has gone: {why}. You are still on the waiting list.")
        self.offer = offer
        self.alternatives = alternatives
        self.too_soon = too_soon


def waitlist_join(
    *,
    treatment: Treatment,
    dermatologist: Dermatologist | None,
    first_day: date,
    last_day: date,
    parts_of_day: Iterable[str],
    patient: PatientDetails,
    now: datetime | None = None,
) -> WaitlistEntry:
    """Puts the patient on the waiting list for `treatment`; emails them that they joined,
    with a link to leave (and texts nothing: the offer is what matters).

    `dermatologist` None means anyone who offers the treatment. The days run from
    today at the earliest to the last day patients can book; at least one part of
    the day is needed. The patient's record is found, or made, as a booking finds
    it (email, date of birth and name). Raises WaitlistError, naming the field at
    fault, for bad input, and when the patient is already waiting for the treatment
    (leave first to change the days).
    """
    now = now or timezone.now()
    parts = parts_checked(parts_of_day)
    days_checked(first_day, last_day, now=now)
    treatment_checked(treatment, dermatologist)
    email, phone = contact_checked(patient)
    details = PatientDetails(**{**patient.__dict__, "email": email, "phone": phone})
    with transaction.atomic():
        record = patient_find_or_create(details=details, now=now)
        # Locked, so the same form sent twice at once cannot make two entries.
        Patient.objects.select_for_update().filter(pk=record.pk).first()
        waiting = record.waitlist_entries.filter(
            treatment=treatment, booking__isnull=True, ended_at__isnull=True
        ).first()
        if waiting is not None:
            raise WaitlistError(
                f"You are already on the waiting list for {treatment.name}, from "
                f"{ukdate(waiting.first_day)} to {ukdate(waiting.last_day)}. To change the days, "
                "leave the list from the link in our email, then join again."
            )
        entry = WaitlistEntry.objects.create(
            treatment=treatment,
            dermatologist=dermatologist,
            first_day=first_day,
            last_day=last_day,
            parts_of_day=parts,
            name=" ".join(details.name.split()),
            email=email,
            phone=phone,
            patient=record,
            created_at=now,
        )
        _joined_email_due(entry)
    return entry


def waitlist_join_for_booking(
    *,
    booking: Booking,
    dermatologist: Dermatologist | None,
    first_day: date,
    last_day: date,
    parts_of_day: Iterable[str],
    now: datetime | None = None,
) -> WaitlistEntry:
    """Puts the patient of `booking` on the list for an earlier time (from the manage page).

    Their details come from the booking. The days must end on or before the
    booking's own day; only times before the booking are offered, and accepting
    one moves the booking there. Raises WaitlistError when the booking can no
    longer be moved online or the input is bad, and when the booking already
    has a waiting entry (one is enough: leave it first to change it).
    """
    now = now or timezone.now()
    parts = parts_checked(parts_of_day)
    days_checked(first_day, last_day, now=now)
    booking_day = booking.starts_at.astimezone(LONDON).date()
    if last_day > booking_day:
        raise WaitlistError(
            f"Your appointment is on {ukdate(booking.starts_at)}: choose days up to then.",
            field="last_day",
        )
    treatment_checked(booking.treatment, dermatologist)
    with transaction.atomic():
        booking = Booking.objects.select_for_update().select_related("treatment").get(pk=booking.pk)
        if (
            not booking.is_changeable_online(now)
            or BookingAction.MOVE not in booking.allowed_actions
        ):
            raise WaitlistError(CLOSED.get(booking.status) or _too_late(booking))
        if booking.waitlist_entries.filter(ended_at__isnull=True).exists():
            raise WaitlistError(
                "You are already on the waiting list for an earlier time for this appointment. "
                "To change the days, leave the list from the link in our email, then join again."
            )
        entry = WaitlistEntry.objects.create(
            treatment=booking.treatment,
            dermatologist=dermatologist,
            first_day=first_day,
            last_day=last_day,
            parts_of_day=parts,
            name=booking.patient_name,
            email=booking.email,
            phone=booking.phone,
            patient_id=booking.patient_id,
            booking=booking,
            created_at=now,
        )
        _joined_email_due(entry)
    return entry


def waitlist_leave(
    *, entry: WaitlistEntry, by_user: User | None = None, now: datetime | None = None
) -> WaitlistEntry:
    """Takes the entry off the list (the patient's leave link, or reception). Its offers'
    links stop booking. Leaving an entry that has already ended changes nothing."""
    now = now or timezone.now()
    with transaction.atomic():
        entry = WaitlistEntry.objects.select_for_update().get(pk=entry.pk)
        if entry.ended_at is None:
            entry.ended_at = now
            entry.end_reason = WaitlistEnd.LEFT
            entry.save(update_fields=["ended_at", "end_reason"])
    return entry


def waitlist_accept(
    *,
    offer: WaitlistOffer,
    patient: PatientDetails | None = None,
    intake: Intake | None = None,
    submission_key: uuid.UUID | None = None,
    now: datetime | None = None,
) -> Booking:
    """Books the offered time for the waiting patient, first come first served.

    A new appointment goes through booking_create (its rules, its emails, the
    database's final word on who holds the time) with the details form's
    `patient` and `intake`. An entry joined from a manage page moves that
    booking instead (booking_move; `patient` and `intake` are not needed). On
    success the entry ends as booked. Raises OfferGone, with the nearest free
    times, when the time was taken or is no longer free; WaitlistError when
    the entry has ended (left, booked, dates passed) or its booking can no
    longer be moved; BookingError and AlreadyBooked as booking_create does.
    A patient offered a time by reception may book it inside the notice period.
    """
    now = now or timezone.now()
    entry = WaitlistEntry.objects.select_related("treatment", "booking").get(pk=offer.entry_id)
    if submission_key and (done := Booking.objects.filter(submission_key=submission_key).first()):
        return done  # a double click: the first submission booked it
    if not entry.is_waiting:
        raise WaitlistError(ENDED[entry.end_reason])
    try:
        with transaction.atomic():
            if entry.booking is not None:
                # Locked, so the booking cannot move earlier between this check and the move.
                entry.booking = Booking.objects.select_for_update().get(pk=entry.booking.pk)
                if not_earlier := waitlist_offer_not_earlier(offer=offer, booking=entry.booking):
                    raise WaitlistError(not_earlier)
                booking = booking_move(
                    booking=entry.booking,
                    start=offer.starts_at,
                    dermatologist=offer.dermatologist,
                    # Reception's offer stands for the notice period it may break.
                    by_user=offer.by_staff if offer.staff_made else None,
                    now=now,
                )
            else:
                if patient is None or intake is None:
                    raise ValueError("a new booking needs the patient's details and answers")
                booking = booking_create(
                    treatment=entry.treatment,
                    start=offer.starts_at,
                    dermatologist=offer.dermatologist,
                    patient=patient,
                    intake=intake,
                    submission_key=submission_key,
                    enforce_notice=not offer.staff_made,
                    now=now,
                )
            _accepted(offer, booking, now=now)
    except SlotUnavailable:
        raise OfferGone(
            offer,
            waitlist_offer_alternatives(offer=offer, now=now),
            too_soon=waitlist_offer_too_soon(offer=offer, now=now),
        ) from None
    return booking


def waitlist_offer_too_soon(*, offer: WaitlistOffer, now: datetime | None = None) -> bool:
    """Whether the offered time is now inside the notice period, so a patient can no longer
    book it online (a time reception offered by hand may be inside it)."""
    now = now or timezone.now()
    return not offer.staff_made and offer.starts_at < now + booking_rules().min_notice


def waitlist_offer_not_earlier(*, offer: WaitlistOffer, booking: Booking | None = None) -> str:
    """For an entry joined from a booking: why the offer would no longer bring the booking
    earlier (it was moved to before the offered time since), or "" when it still would."""
    booking = booking or offer.entry.booking
    if booking is None or offer.starts_at < booking.starts_at:
        return ""
    return (
        f"Your appointment is now on {ukdate(booking.starts_at)} at {uktime(booking.starts_at)}, "
        "before this time, so it stays as it is. You are still on the waiting list for an "
        "earlier time."
    )


def waitlist_entry_for_token(token: str) -> WaitlistEntry | None:
    """The entry a leave link names, or None (1 query)."""
    entry = (
        WaitlistEntry.objects.select_related("treatment", "dermatologist")
        .filter(nonce=manage_token_nonce(token))
        .first()
    )
    if entry is not None and manage_token_valid(token, entry.nonce):
        return entry
    return None


def waitlist_offer_for_token(token: str) -> WaitlistOffer | None:
    """The offer an offer link names, with its entry, treatment and dermatologist, or None."""
    offer = (
        WaitlistOffer.objects.select_related(
            "entry__treatment", "entry__dermatologist", "entry__booking", "dermatologist"
        )
        .filter(nonce=manage_token_nonce(token))
        .first()
    )
    if offer is not None and manage_token_valid(token, offer.nonce):
        return offer
    return None


def waitlist_offer_alternatives(*, offer: WaitlistOffer, now: datetime | None = None) -> list[Slot]:
    """The free times nearest the offered one (up to 3, from the day before to a week
    after) for the entry's treatment, with its dermatologist if it named one, under the
    patients' rules: what the "gone" page offers. For an entry joined from a booking,
    only times before that booking (an earlier time is what the patient waits for)."""
    now = now or timezone.now()
    entry = offer.entry
    candidates = dermatologists_for(entry.treatment)
    if entry.dermatologist_id is not None:
        candidates = [d for d in candidates if d.pk == entry.dermatologist_id]
    wanted = _Wanted(
        treatment=entry.treatment,
        start=offer.starts_at,
        candidates=candidates,
        now=now,
        enforce_notice=True,
        exclude_booking=entry.booking,
        duration=booking_length_on_move(booking=entry.booking, treatment=entry.treatment),
    )
    return wanted.alternatives(before=entry.booking.starts_at if entry.booking else None)


def waitlist_offer_open(*, offer: WaitlistOffer, now: datetime | None = None) -> bool:
    """Whether the offer can still be booked: its entry is waiting and its time is still
    free for the entry's treatment under the patients' rules (a staff offer: staff's)."""
    now = now or timezone.now()
    if (
        not offer.entry.is_waiting
        or offer.starts_at <= now
        or waitlist_offer_not_earlier(offer=offer)
    ):
        return False
    wanted = waitlist_time_wanted(
        entry=offer.entry,
        dermatologist=offer.dermatologist,
        start=offer.starts_at,
        now=now,
        staff=offer.staff_made,
    )
    return bool(wanted.free_ids())


def waitlist_time_wanted(
    *,
    entry: WaitlistEntry,
    dermatologist: Dermatologist,
    start: datetime,
    now: datetime,
    staff: bool,
) -> _Wanted:
    """`start` with `dermatologist` for the entry's treatment, under the patients' rules or
    (staff) reception's, as booking_create and booking_move would look at it: its
    `candidates` are empty when the dermatologist does not offer the treatment."""
    return _Wanted(
        treatment=entry.treatment,
        start=start,
        candidates=[d for d in dermatologists_for(entry.treatment) if d.pk == dermatologist.pk],
        now=now,
        enforce_notice=not staff,
        exclude_booking=entry.booking,
        duration=booking_length_on_move(booking=entry.booking, treatment=entry.treatment),
    )


def _accepted(offer: WaitlistOffer, booking: Booking, *, now: datetime) -> None:
    """The offer led to `booking`, and its entry ends (if booking it did not end it already)."""
    WaitlistOffer.objects.filter(
        entry_id=offer.entry_id, gap_starts_at=offer.gap_starts_at, starts_at=offer.starts_at
    ).update(booking=booking)
    WaitlistEntry.objects.filter(pk=offer.entry_id, ended_at__isnull=True).update(
        ended_at=now, end_reason=WaitlistEnd.BOOKED, booked=booking
    )


def _joined_email_due(entry: WaitlistEntry) -> None:
    from bookings.notify.waitlist_messages import waitlist_email_due

    waitlist_email_due(kind=EmailKind.WAITLIST_JOINED, entry=entry)


__all__ = [
    "OfferGone",
    "WaitlistError",
    "waitlist_accept",
    "waitlist_entry_for_token",
    "waitlist_join",
    "waitlist_join_for_booking",
    "waitlist_leave",
    "waitlist_offer_alternatives",
    "waitlist_offer_for_token",
    "waitlist_offer_not_earlier",
    "waitlist_offer_open",
    "waitlist_offer_too_soon",
    "waitlist_time_wanted",
]
