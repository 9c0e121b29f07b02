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

from bookings.availability import Slot
from bookings.manage_links import manage_token_nonce, manage_token_valid
from bookings.models import (
    Booking,
    Dermatologist,
    EmailKind,
    PartOfDay,
    Treatment,
    WaitlistEnd,
    WaitlistEntry,
    WaitlistOffer,
)
from bookings.patient_services import patient_find_or_create
from bookings.phones import PhoneError, phone_normalise
from bookings.selectors import booking_horizon_last_day, dermatologists_for
from bookings.services import BookingError, Intake, PatientDetails

PARTS = [PartOfDay.MORNING, PartOfDay.AFTERNOON, PartOfDay.EVENING]


class WaitlistError(BookingError):
    """A refusal fit to show the person who asked; `field` names the form field at fault
    ("" when it is about the whole request)."""

    def __init__(self, message: str, *, field: str = ""):
        super().__init__(message)
        self.field = field


class OfferGone(BookingError):
    """The offered time was booked by someone else first, or is no longer free. The entry
    stays on the list; `alternatives` are the nearest free times to offer instead."""

    def __init__(self, offer: WaitlistOffer, alternatives: list[Slot]):
        super().__init__(
            "Sorry, that time has just been booked by someone else who was waiting. "
            "You are still on the waiting list."
        )
        self.offer = offer
        self.alternatives = alternatives


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
    fault, for bad input.
    """
    now = now or timezone.now()
    parts = _parts_checked(parts_of_day)
    _days_checked(first_day, last_day, now=now)
    _treatment_checked(treatment, dermatologist)
    email, phone = _contact_checked(patient)
    details = PatientDetails(**{**patient.__dict__, "email": email, "phone": phone})
    with transaction.atomic():
        record = patient_find_or_create(details=details, now=now)
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
    raise NotImplementedError


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
    """
    raise NotImplementedError


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
    after) for the entry's treatment and dermatologist: what the "gone" page offers."""
    raise NotImplementedError


def waitlist_offer_open(*, offer: WaitlistOffer, now: datetime | None = None) -> bool:
    """Whether the offer can still be booked: its entry is waiting and its time is still
    free for the entry's treatment under the patients' rules (a staff offer: staff's)."""
    raise NotImplementedError


def _parts_checked(parts_of_day: Iterable[str]) -> list[str]:
    chosen = set(parts_of_day)
    if not chosen:
        raise WaitlistError(
            "Choose at least one part of the day: morning, afternoon or evening.",
            field="parts_of_day",
        )
    if chosen - set(PARTS):
        raise WaitlistError("Choose morning, afternoon or evening.", field="parts_of_day")
    return [part.value for part in PARTS if part in chosen]


def _days_checked(first_day: date, last_day: date, *, now: datetime) -> None:
    today = timezone.localdate(now)
    horizon = booking_horizon_last_day(now)
    if first_day < today:
        raise WaitlistError("The first day cannot be in the past.", field="first_day")
    if first_day > horizon:
        raise WaitlistError(
            f"We take bookings up to {horizon:%-d %B %Y}: choose a first day by then.",
            field="first_day",
        )
    if last_day < first_day:
        raise WaitlistError("The last day must be on or after the first day.", field="last_day")
    if last_day > horizon:
        raise WaitlistError(
            f"We take bookings up to {horizon:%-d %B %Y}: choose a last day by then.",
            field="last_day",
        )


def _treatment_checked(treatment: Treatment, dermatologist: Dermatologist | None) -> None:
    if not treatment.is_active:
        raise WaitlistError(f"{treatment.name} cannot be booked at the moment. Please phone us.")
    if dermatologist is not None and dermatologist.pk not in {
        d.pk for d in dermatologists_for(treatment)
    }:
        raise WaitlistError(
            f"{dermatologist.name} does not offer {treatment.name}.", field="dermatologist"
        )


def _contact_checked(patient: PatientDetails) -> tuple[str, str]:
    """The email and phone as stored (the phone as E.164), or WaitlistError: the booking
    form's rules."""
    from django.core.exceptions import ValidationError
    from django.core.validators import validate_email

    if not patient.name.strip():
        raise WaitlistError("Enter your full name.", field="name")
    email = patient.email.strip()
    if not email:
        raise WaitlistError("Enter an email address.", field="email")
    try:
        validate_email(email)
    except ValidationError:
        raise WaitlistError(
            "Enter an email address in the right format, like name@example.com.", field="email"
        ) from None
    if not patient.phone.strip():
        raise WaitlistError("Enter a phone number.", field="phone")
    try:
        phone = phone_normalise(patient.phone)
    except PhoneError as exc:
        raise WaitlistError(exc.message, field="phone") from None
    return email, phone


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
    "waitlist_offer_open",
]
