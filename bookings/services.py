"""What a booking does. Every door (public pages, admin, commands, tasks) calls these."""

import uuid
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.contrib.auth.models import AbstractBaseUser
from django.db import IntegrityError, transaction
from django.utils import timezone

from bookings.availability import LONDON, Slot, nearest
from bookings.models import Booking, BookingStatus, Dermatologist, Treatment
from bookings.selectors import dermatologists_for, slots_available


class BookingError(Exception):
    """A refusal with a message fit to show the person who asked."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class SlotUnavailable(BookingError):
    def __init__(self, message: str, alternatives: list[Slot]):
        super().__init__(message)
        self.alternatives = alternatives


@dataclass(frozen=True)
class Patient:
    name: str
    email: str
    phone: str
    date_of_birth: date
    guardian_name: str = ""
    guardian_relationship: str = ""


@dataclass(frozen=True)
class Intake:
    areas: list[str]
    how_long: str
    how_many: str
    tried_home_removal: bool
    pregnancy: str
    warning_signs: list[str] = field(default_factory=list)
    tried_already: str = ""
    note: str = ""


TAKEN = "Sorry, that time was just taken by someone else. Please choose another time."
NOT_FREE = "Sorry, that time is no longer free. Please choose another time."


def booking_create(
    *,
    treatment: Treatment,
    start: datetime,
    dermatologist: Dermatologist | None,
    patient: Patient,
    intake: Intake,
    submission_key: uuid.UUID | None = None,
    created_by: AbstractBaseUser | None = None,
    enforce_notice: bool = True,
    now: datetime | None = None,
) -> Booking:
    """Books `start` for the patient, with `dermatologist` or, if None, whoever is free.

    The slot must be free under the booking rules (staff may skip the minimum
    notice). A repeated submission_key returns the booking it already made.
    Raises SlotUnavailable, with the nearest free times, when the time is not
    free or someone else takes it first; PostgreSQL's exclusion constraint is
    the final word on that.
    """
    now = now or timezone.now()
    if submission_key and (done := Booking.objects.filter(submission_key=submission_key).first()):
        return done
    if not treatment.is_active:
        raise BookingError(f"{treatment.name} cannot be booked at the moment. Please phone us.")

    day = start.astimezone(LONDON).date()
    candidates = dermatologists_for(treatment)
    if dermatologist is not None:
        candidates = [d for d in candidates if d.pk == dermatologist.pk]

    try:
        with transaction.atomic():
            slots = slots_available(
                treatment=treatment,
                first_day=day - timedelta(days=1),
                last_day=day + timedelta(days=7),
                dermatologists=candidates,
                now=now,
                enforce_notice=enforce_notice,
            )
            free_ids = [slot.dermatologist_id for slot in slots if slot.start == start]
            if not free_ids:
                raise SlotUnavailable(NOT_FREE, nearest(slots, start))
            for dermatologist_id in free_ids:
                booking = _insert(
                    treatment=treatment,
                    dermatologist_id=dermatologist_id,
                    start=start,
                    patient=patient,
                    intake=intake,
                    submission_key=submission_key,
                    created_by=created_by,
                    now=now,
                )
                if booking is not None:
                    return booking
            others = [slot for slot in slots if slot.start != start]
            raise SlotUnavailable(TAKEN, nearest(others, start))
    except IntegrityError:
        # Only a twin submission with the same key gets here: hand back its booking.
        if submission_key and (
            done := Booking.objects.filter(submission_key=submission_key).first()
        ):
            return done
        raise


def _insert(
    *,
    treatment: Treatment,
    dermatologist_id: int,
    start: datetime,
    patient: Patient,
    intake: Intake,
    submission_key: uuid.UUID | None,
    created_by: AbstractBaseUser | None,
    now: datetime,
) -> Booking | None:
    """Saves the booking in a savepoint; None if the slot was taken meanwhile."""
    confirmed = treatment.confirms_automatically
    booking = Booking(
        treatment=treatment,
        dermatologist_id=dermatologist_id,
        starts_at=start,
        ends_at=start + treatment.duration,
        blocked_until=start + treatment.duration + treatment.buffer,
        status=BookingStatus.CONFIRMED if confirmed else BookingStatus.REQUESTED,
        confirmed_at=now if confirmed else None,
        submission_key=submission_key,
        created_by=created_by,
        created_at=now,
        patient_name=patient.name,
        email=patient.email,
        phone=patient.phone,
        date_of_birth=patient.date_of_birth,
        guardian_name=patient.guardian_name,
        guardian_relationship=patient.guardian_relationship,
        areas=list(intake.areas),
        how_long=intake.how_long,
        how_many=intake.how_many,
        tried_home_removal=intake.tried_home_removal,
        warning_signs=list(intake.warning_signs),
        tried_already=intake.tried_already,
        pregnancy=intake.pregnancy,
        patient_note=intake.note,
        privacy_consent_at=now,
        needs_attention=bool(intake.warning_signs),
    )
    for _ in range(3):
        try:
            with transaction.atomic():
                booking.save(force_insert=True)
            return booking
        except IntegrityError as exc:
            violated = _constraint_name(exc)
            if violated == "booking_no_overlap":
                return None
            if violated != "bookings_booking_reference_key":
                raise
            booking.reference = type(booking)._meta.get_field("reference").default()
    raise BookingError("We could not save your booking. Please try again.")


def _constraint_name(exc: IntegrityError) -> str:
    diag = getattr(exc.__cause__, "diag", None)
    if diag is not None:
        return diag.constraint_name or ""
    if "bookings_booking.reference" in str(exc):  # SQLite names the column instead
        return "bookings_booking_reference_key"
    return ""
