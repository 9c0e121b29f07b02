"""What a booking does. Every door (public pages, admin, commands, tasks) calls these."""

import uuid
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.db import IntegrityError, OperationalError, transaction
from django.utils import timezone

from bookings.audit import audit_record
from bookings.availability import LONDON, Slot, nearest
from bookings.models import (
    ACTIVE_STATUSES,
    CHANGEABLE_STATUSES,
    AuditEntry,
    Booking,
    BookingEvent,
    BookingStatus,
    CancelledBy,
    Dermatologist,
    EmailKind,
    Patient,
    Treatment,
    new_calendar_token,
)
from bookings.notify.emails import email_due, new_booking_emails_due
from bookings.patient_services import patient_find_or_create
from bookings.phones import phone_or_as_typed
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
class PatientDetails:
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
    patient: PatientDetails,
    intake: Intake,
    submission_key: uuid.UUID | None = None,
    created_by: AbstractBaseUser | None = None,
    enforce_notice: bool = True,
    note: str = "",
    now: datetime | None = None,
) -> Booking:
    """Books `start` for the patient, with `dermatologist` or, if None, whoever is free.

    The slot must be free under the booking rules (staff may skip the minimum
    notice). `note` goes into the booking's history (e.g. how consent was
    given). A repeated submission_key returns the booking it already made.
    Raises SlotUnavailable, with the nearest free times, when the time is not
    free or someone else takes it first; PostgreSQL's exclusion constraint is
    the final word on that.
    """
    now = now or timezone.now()
    if submission_key and (done := Booking.objects.filter(submission_key=submission_key).first()):
        return done
    if not treatment.is_active:
        raise BookingError(f"{treatment.name} cannot be booked at the moment. Please phone us.")

    candidates = dermatologists_for(treatment)
    if dermatologist is not None:
        candidates = [d for d in candidates if d.pk == dermatologist.pk]

    try:
        with transaction.atomic():
            wanted = _Wanted(
                treatment=treatment,
                start=start,
                candidates=candidates,
                now=now,
                enforce_notice=enforce_notice,
            )
            free_ids = wanted.free_ids()
            if not free_ids:
                raise SlotUnavailable(NOT_FREE, wanted.alternatives())
            record = patient_find_or_create(details=patient, now=now)
            for dermatologist_id in free_ids:
                booking = _insert(
                    treatment=treatment,
                    dermatologist_id=dermatologist_id,
                    start=start,
                    record=record,
                    patient=patient,
                    intake=intake,
                    submission_key=submission_key,
                    created_by=created_by,
                    now=now,
                )
                if booking is not None:
                    _record(
                        booking, BookingEvent.Kind.CREATED, by_user=created_by, at=now, detail=note
                    )
                    if booking.status == BookingStatus.CONFIRMED:
                        new_booking_emails_due(booking, EmailKind.CONFIRMED)
                    else:
                        new_booking_emails_due(
                            booking, EmailKind.REQUESTED, EmailKind.RECEPTION_NEW_REQUEST
                        )
                    return booking
            raise SlotUnavailable(TAKEN, wanted.alternatives())
    except (IntegrityError, SlotUnavailable):
        # A twin submission (a double click) waits for the first, then finds the
        # slot taken or the key used: either way, hand back the booking it made.
        if submission_key and (
            done := Booking.objects.filter(submission_key=submission_key).first()
        ):
            return done
        raise


@dataclass(frozen=True)
class _Wanted:
    """A start asked for, the dermatologists who may take it, and under which rules."""

    treatment: Treatment
    start: datetime
    candidates: list[Dermatologist]
    now: datetime
    enforce_notice: bool
    exclude_booking: Booking | None = None  # the booking being moved: its own time is free

    def free_ids(self) -> list[int]:
        """Which of the candidates are free at the start, by their ids, in the order given."""
        return [slot.dermatologist_id for slot in self._slots(0, 0) if slot.start == self.start]

    def alternatives(self) -> list[Slot]:
        """The free times nearest the start, from the day before to a week after, to offer
        instead when it is not free. Worked out only then: most bookings need only
        their own day's diary."""
        others = [slot for slot in self._slots(1, 7) if slot.start != self.start]
        return nearest(others, self.start)

    def _slots(self, days_before: int, days_after: int) -> list[Slot]:
        day = self.start.astimezone(LONDON).date()
        return slots_available(
            treatment=self.treatment,
            first_day=day - timedelta(days=days_before),
            last_day=day + timedelta(days=days_after),
            dermatologists=self.candidates,
            now=self.now,
            enforce_notice=self.enforce_notice,
            exclude_booking=self.exclude_booking,
        )


def _insert(
    *,
    treatment: Treatment,
    dermatologist_id: int,
    start: datetime,
    record: Patient,
    patient: PatientDetails,
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
        patient=record,
        patient_name=patient.name,
        email=patient.email,
        phone=phone_or_as_typed(patient.phone)[0],
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
        except (IntegrityError, OperationalError) as exc:
            if _lost_the_race(exc):
                return None
            if _constraint_name(exc) != "bookings_booking_reference_key":
                raise
            booking.reference = type(booking)._meta.get_field("reference").default()
    raise BookingError("We could not save your booking. Please try again.")


def _lost_the_race(exc: Exception) -> bool:
    """Another booking got the time first.

    Either the exclusion constraint refused ours, or PostgreSQL broke a
    deadlock between two overlapping inserts that were each waiting to see
    whether the other would commit (40P01); both mean "taken".
    """
    if getattr(exc.__cause__, "pgcode", None) == "40P01":
        return True
    return isinstance(exc, IntegrityError) and _constraint_name(exc) == "booking_no_overlap"


def _constraint_name(exc: Exception) -> str:
    diag = getattr(exc.__cause__, "diag", None)
    if diag is not None:
        return diag.constraint_name or ""
    if "bookings_booking.reference" in str(exc):  # SQLite names the column instead
        return "bookings_booking_reference_key"
    return ""


CLOSED = {
    BookingStatus.CANCELLED: "This booking has already been cancelled.",
    BookingStatus.COMPLETED: "This appointment has already taken place.",
    BookingStatus.ARRIVED: "This appointment is under way.",
    BookingStatus.NO_SHOW: "This appointment has passed.",
}


def _too_late(booking: Booking) -> str:
    return (
        "It is now less than "
        f"{settings.BOOKING_CHANGE_CUTOFF_HOURS} hours before your appointment, so it can no "
        f"longer be changed online. Please phone us on {settings.CLINIC_PHONE}."
    )


def booking_cancel(
    *,
    booking: Booking,
    by_user: AbstractBaseUser | None = None,
    reason: str = "",
    now: datetime | None = None,
) -> Booking:
    """Cancels the booking and frees its slot.

    by_user is the member of staff who cancels for the clinic; None means the
    patient, who can only cancel a requested or confirmed booking up to the
    cut-off. Cancelling a booking that is already cancelled changes nothing.
    """
    now = now or timezone.now()
    with transaction.atomic():
        booking = Booking.objects.select_for_update().get(pk=booking.pk)
        if booking.status == BookingStatus.CANCELLED:
            return booking
        if by_user is None and not booking.is_changeable_online(now):
            raise BookingError(CLOSED.get(booking.status) or _too_late(booking))
        if booking.status not in ACTIVE_STATUSES:
            raise BookingError(CLOSED[booking.status])
        booking.status = BookingStatus.CANCELLED
        booking.cancelled_at = now
        booking.cancelled_by = CancelledBy.PATIENT if by_user is None else CancelledBy.CLINIC
        booking.cancelled_by_user = by_user
        booking.cancellation_reason = reason.strip()[:300]
        booking.sequence += 1
        booking.save()
        _record(
            booking,
            BookingEvent.Kind.CANCELLED,
            by_user=by_user,
            at=now,
            detail=booking.cancellation_reason,
        )
        email_due(kind=EmailKind.CANCELLED, booking=booking)
    return booking


def booking_move(
    *,
    booking: Booking,
    start: datetime,
    dermatologist: Dermatologist | None = None,
    by_user: AbstractBaseUser | None = None,
    now: datetime | None = None,
) -> Booking:
    """Moves the booking to `start`, with `dermatologist` or, if None, whoever is free.

    The same rules as a new booking: a free slot of the same treatment, and the
    exclusion constraint as the final word. The patient (by_user None) must be
    before the cut-off and keeps the minimum notice; staff skip both. The
    status stays as it was. Moving to where it already is changes nothing.
    """
    now = now or timezone.now()
    by_patient = by_user is None
    with transaction.atomic():
        booking = Booking.objects.select_for_update().select_related("treatment").get(pk=booking.pk)
        if booking.starts_at == start and dermatologist in (None, booking.dermatologist):
            return booking
        if by_patient and not booking.is_changeable_online(now):
            raise BookingError(CLOSED.get(booking.status) or _too_late(booking))
        if booking.status not in (BookingStatus.REQUESTED, BookingStatus.CONFIRMED):
            raise BookingError(CLOSED[booking.status])

        treatment = booking.treatment
        candidates = dermatologists_for(treatment)
        if dermatologist is not None:
            candidates = [d for d in candidates if d.pk == dermatologist.pk]
        else:  # keep the same dermatologist when they are free
            candidates.sort(key=lambda d: d.pk != booking.dermatologist_id)
        wanted = _Wanted(
            treatment=treatment,
            start=start,
            candidates=candidates,
            now=now,
            enforce_notice=by_patient,
            exclude_booking=booking,
        )
        free_ids = wanted.free_ids()
        if not free_ids:
            raise SlotUnavailable(NOT_FREE, wanted.alternatives())
        before = booking.starts_at
        booking.sequence += 1
        for dermatologist_id in free_ids:
            booking.dermatologist_id = dermatologist_id
            booking.starts_at = start
            booking.ends_at = start + treatment.duration
            booking.blocked_until = start + treatment.duration + treatment.buffer
            try:
                with transaction.atomic():
                    booking.save()
            except (IntegrityError, OperationalError) as exc:
                if not _lost_the_race(exc):
                    raise
                continue
            _record(
                booking,
                BookingEvent.Kind.MOVED,
                by_user=by_user,
                at=now,
                detail=f"from {before.astimezone(LONDON):%a %d %b %Y %H:%M}",
            )
            email_due(kind=EmailKind.MOVED, booking=booking)
            return booking
        raise SlotUnavailable(TAKEN, wanted.alternatives())


# How each state reads to reception, in the refusals below.
STATE = {
    BookingStatus.REQUESTED: "it is still waiting for confirmation",
    BookingStatus.CONFIRMED: "it is already confirmed",
    BookingStatus.ARRIVED: "the patient has already arrived",
    BookingStatus.COMPLETED: "it is already marked completed",
    BookingStatus.CANCELLED: "it has been cancelled",
    BookingStatus.NO_SHOW: "it is marked as a no-show",
}


def booking_confirm(
    *, booking: Booking, by_user: AbstractBaseUser, now: datetime | None = None
) -> Booking:
    """Confirms a requested booking and tells the patient.

    Refused unless the booking is requested and its time is still to come.
    """
    now = now or timezone.now()
    with transaction.atomic():
        booking = _locked(booking)
        if booking.status != BookingStatus.REQUESTED:
            raise BookingError(f"Cannot confirm: {STATE[booking.status]}.")
        if booking.starts_at <= now:
            raise BookingError("Cannot confirm: its time has passed.")
        booking.status = BookingStatus.CONFIRMED
        booking.confirmed_at = now
        booking.sequence += 1
        booking.save(update_fields=["status", "confirmed_at", "sequence"])
        _record(booking, BookingEvent.Kind.CONFIRMED, by_user=by_user, at=now)
        email_due(kind=EmailKind.CONFIRMED, booking=booking)
    return booking


def booking_mark_arrived(
    *, booking: Booking, by_user: AbstractBaseUser, now: datetime | None = None
) -> Booking:
    """Records that the patient is here.

    Refused unless the booking is requested or confirmed (a patient still
    waiting for confirmation may walk in) and the appointment is today, UK time.
    """
    now = now or timezone.now()
    with transaction.atomic():
        booking = _locked(booking)
        if booking.status not in CHANGEABLE_STATUSES:
            raise BookingError(f"Cannot mark arrived: {STATE[booking.status]}.")
        day = booking.starts_at.astimezone(LONDON).date()
        if day != now.astimezone(LONDON).date():
            raise BookingError(
                f"Cannot mark arrived: the appointment is on {day:%A} {day.day} {day:%B}, not today."
            )
        return _set_status(
            booking,
            BookingStatus.ARRIVED,
            kind=BookingEvent.Kind.ARRIVED,
            by_user=by_user,
            now=now,
        )


def booking_mark_completed(
    *, booking: Booking, by_user: AbstractBaseUser, now: datetime | None = None
) -> Booking:
    """Records that the appointment took place.

    Allowed once the patient has arrived, or for a confirmed booking whose time
    has come (when nobody marked the arrival). Refused otherwise.
    """
    now = now or timezone.now()
    with transaction.atomic():
        booking = _locked(booking)
        if booking.status == BookingStatus.CONFIRMED:
            if booking.starts_at > now:
                raise BookingError("Cannot mark completed: the appointment has not started yet.")
        elif booking.status != BookingStatus.ARRIVED:
            raise BookingError(f"Cannot mark completed: {STATE[booking.status]}.")
        return _set_status(
            booking,
            BookingStatus.COMPLETED,
            kind=BookingEvent.Kind.COMPLETED,
            by_user=by_user,
            now=now,
        )


def booking_mark_no_show(
    *, booking: Booking, by_user: AbstractBaseUser, now: datetime | None = None
) -> Booking:
    """Records that the patient did not come.

    Refused unless the booking is requested or confirmed and its time has come.
    """
    now = now or timezone.now()
    with transaction.atomic():
        booking = _locked(booking)
        if booking.status not in CHANGEABLE_STATUSES:
            raise BookingError(f"Cannot mark no-show: {STATE[booking.status]}.")
        if booking.starts_at > now:
            raise BookingError("Cannot mark no-show: the appointment has not started yet.")
        return _set_status(
            booking,
            BookingStatus.NO_SHOW,
            kind=BookingEvent.Kind.NO_SHOW,
            by_user=by_user,
            now=now,
        )


def _locked(booking: Booking) -> Booking:
    return Booking.objects.select_for_update().get(pk=booking.pk)


def _set_status(booking: Booking, status: str, *, kind: str, by_user, now: datetime) -> Booking:
    """A change the patient is not told about: no email, and the sequence stays."""
    booking.status = status
    booking.save(update_fields=["status"])
    _record(booking, kind, by_user=by_user, at=now)
    return booking


def _record(booking: Booking, kind: str, *, by_user, at: datetime, detail: str = "") -> None:
    """The booking's own history, and the same change in the audit trail."""
    BookingEvent.objects.create(booking=booking, kind=kind, by_user=by_user, at=at, detail=detail)
    audit_record(
        user=by_user,
        action=AuditEntry.Action.CHANGED,
        target=f"booking {booking.reference}",
        detail=BookingEvent.Kind(kind).label,  # free text stays out of the audit trail
    )


def dermatologist_calendar_reset(*, dermatologist: Dermatologist) -> Dermatologist:
    """Gives the dermatologist's calendar feed a new secret address; the old one stops at once."""
    dermatologist.calendar_token = new_calendar_token()
    dermatologist.save(update_fields=["calendar_token"])
    return dermatologist


def booking_links_request(*, email: str) -> None:
    """Sends the manage links of the upcoming bookings held under `email`, if there are any.

    Says nothing about whether there were: the page that calls it answers the
    same either way, so it cannot be used to learn who is a patient here.
    """
    stored = set(
        Booking.objects.filter(
            email__iexact=email.strip(),
            status__in=CHANGEABLE_STATUSES,
            starts_at__gt=timezone.now(),
        ).values_list("email", flat=True)
    )
    # Always to the address the patient booked with, never the one typed here:
    # a case-insensitive match can pair look-alike Unicode addresses.
    with transaction.atomic():
        for address in sorted(stored):
            email_due(kind=EmailKind.MANAGE_LINKS, recipient=address)
