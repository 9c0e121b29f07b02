"""The waiting list's rules for what a patient gives when joining, in the booking form's words.

Each check raises WaitlistError naming the form field at fault, so every door (the times
page, the manage page, reception) shows the same message beside the same field.
"""

from collections.abc import Iterable
from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils import timezone

from bookings.models import Dermatologist, PartOfDay, Treatment
from bookings.phones import PhoneError, phone_normalise
from bookings.selectors import booking_horizon_last_day, dermatologists_for
from bookings.services import BookingError, PatientDetails

PARTS = [PartOfDay.MORNING, PartOfDay.AFTERNOON, PartOfDay.EVENING]


class WaitlistError(BookingError):
    """A refusal fit to show the person who asked; `field` names the form field at fault
    ("" when it is about the whole request)."""

    def __init__(self, message: str, *, field: str = ""):
        super().__init__(message)
        self.field = field


def parts_checked(parts_of_day: Iterable[str]) -> list[str]:
    chosen = set(parts_of_day)
    if not chosen:
        raise WaitlistError(
            "Choose at least one part of the day: morning, afternoon or evening.",
            field="parts_of_day",
        )
    if chosen - set(PARTS):
        raise WaitlistError("Choose morning, afternoon or evening.", field="parts_of_day")
    return [part.value for part in PARTS if part in chosen]


def days_checked(first_day: date, last_day: date, *, now: datetime) -> None:
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


def treatment_checked(treatment: Treatment, dermatologist: Dermatologist | None) -> None:
    if not treatment.is_active:
        raise WaitlistError(f"{treatment.name} cannot be booked at the moment. Please phone us.")
    if dermatologist is not None and dermatologist.pk not in {
        d.pk for d in dermatologists_for(treatment)
    }:
        raise WaitlistError(
            f"{dermatologist.name} does not offer {treatment.name}.", field="dermatologist"
        )


def contact_checked(patient: PatientDetails) -> tuple[str, str]:
    """The email and phone as stored (the phone as E.164), or WaitlistError: the booking
    form's rules."""
    if not patient.name.strip():
        raise WaitlistError("Enter your full name.", field="name")
    email = patient.email.strip()
    if not email:
        raise WaitlistError("Enter an email address.", field="email")
    try:
        validate_email(email)
        if len(email) > 254:  # what the database holds
            raise ValidationError("too long")
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
