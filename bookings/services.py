"""What a booking does. Every door (public pages, admin, commands, tasks) calls these."""

import uuid
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.contrib.auth.models import User
from django.db import IntegrityError, OperationalError, transaction
from django.db.models import Q
from django.utils import timezone

from bookings.audit import audit_record
from bookings.availability import LONDON, Slot, nearest
from bookings.models import (
    ACTIVE_STATUSES,
    AuditEntry,
    Booking,
    BookingEvent,
    BookingStatus,
    Dermatologist,
    EmailKind,
    Patient,
    Treatment,
)
from bookings.notify.emails import new_booking_emails_due
from bookings.patient_services import patient_find_or_create
from bookings.phones import phone_or_as_typed
from bookings.refusals import NOT_FREE, STEP_MINUTES, start_refusal
from bookings.selectors import dermatologists_for, slots_available
from bookings.suitability import suitability_to_discuss
from bookings.waitlist_ends import waitlist_end_booked


class BookingError(Exception):
    """A refusal with a message fit to show the person who asked."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class SlotUnavailable(BookingError):
    def __init__(self, message: str, alternatives: list[Slot]):
        super().__init__(message)
        self.alternatives = alternatives


class AlreadyBooked(BookingError):
    """The same patient already holds an active booking at that time, for that treatment."""

    def __init__(self, booking: Booking):
        super().__init__(
            "A booking already exists at that time; its details have been emailed "
            "to the address given."
        )
        self.booking = booking


@dataclass(frozen=True)
class PatientDetails:
    name: str
    email: str
    phone: str
    date_of_birth: date
    guardian_name: str = ""
    guardian_relationship: str = ""
    contact_by_text: bool = False  # ticked "text me" on the form


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
    # Only the questions asked for the chosen treatment (bookings/suitability.py).
    suitability: dict[str, str] = field(default_factory=dict)
    skin_type: str = ""


TAKEN = "Sorry, that time was just taken by someone else. Please choose another time."
# Staff may book any free start on this step, off the patients' grid.
STAFF_GRID_MINUTES = STEP_MINUTES


def booking_create(
    *,
    treatment: Treatment,
    start: datetime,
    dermatologist: Dermatologist | None,
    patient: PatientDetails,
    intake: Intake,
    record: Patient | None = None,
    submission_key: uuid.UUID | None = None,
    created_by: User | None = None,
    enforce_notice: bool = True,
    confirm: bool | None = None,
    note: str = "",
    now: datetime | None = None,
    duration: timedelta | None = None,
    offered_by: list[Dermatologist] | None = None,
) -> Booking:
    """Books `start` for the patient, with `dermatologist` or, if None, whoever is free.

    The slot must be free under the booking rules. Staff (`enforce_notice`
    False) may skip the minimum notice and book any free start on a 5-minute
    step. `confirm` True confirms at once, False leaves a request, None follows
    the treatment's setting. `note` goes into the booking's history (e.g. how
    consent was given). `record` is the patient record reception found for the
    caller: the booking joins it; otherwise the record with the same details is
    found, or made. A repeated submission_key returns the booking it
    already made. Raises AlreadyBooked when the same patient (email, name and
    date of birth) already holds an active booking for the treatment at that
    start, and SlotUnavailable, with the nearest free times, when the time is
    not free or someone else takes it first; PostgreSQL's exclusion constraint
    is the final word on that. `duration` books a length other than the
    treatment's own (a course's sessions): the whole of it, and the treatment's
    buffer after, must be free. `offered_by` is `dermatologists_for(treatment)` when the
    caller has it already.
    """
    now = now or timezone.now()
    done, own = _made_already(
        treatment=treatment, start=start, patient=patient, submission_key=submission_key
    )
    if done:
        return done
    if not treatment.is_active:
        raise BookingError(f"{treatment.name} cannot be booked at the moment. Please phone us.")
    if own:
        raise AlreadyBooked(own)

    candidates = dermatologists_for(treatment) if offered_by is None else offered_by
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
                duration=duration,
            )
            free_ids = wanted.free_ids()
            if not free_ids:
                raise SlotUnavailable(wanted.refusal(), wanted.alternatives())
            if record is None:
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
                    confirm=treatment.confirms_automatically if confirm is None else confirm,
                    now=now,
                    duration=duration or treatment.duration,
                )
                if booking is not None:
                    _record(
                        booking, BookingEvent.Kind.CREATED, by_user=created_by, at=now, detail=note
                    )
                    waitlist_end_booked(booking=booking, now=now)
                    if booking.status == BookingStatus.CONFIRMED:
                        new_booking_emails_due(booking, EmailKind.CONFIRMED)
                    elif created_by is not None:  # reception made it: no note to itself
                        new_booking_emails_due(booking, EmailKind.REQUESTED)
                    else:
                        new_booking_emails_due(
                            booking, EmailKind.REQUESTED, EmailKind.RECEPTION_NEW_REQUEST
                        )
                    return booking
            raise SlotUnavailable(TAKEN, wanted.alternatives())
    except (IntegrityError, SlotUnavailable):
        # A twin submission (a double click) waits for the first, then finds the
        # slot taken or the key used: either way, hand back the booking it made.
        done, own = _made_already(
            treatment=treatment, start=start, patient=patient, submission_key=submission_key
        )
        if done:
            return done
        # Two submissions of the same patient's form with different keys (Back,
        # then Book again): the second finds the first's booking.
        if own:
            raise AlreadyBooked(own) from None
        raise


def booking_same_patient(
    *, treatment: Treatment, start: datetime, patient: PatientDetails
) -> Booking | None:
    """The patient's own active booking for `treatment` at `start`, if they already hold one.

    The same patient: the same email (compared as the lost-link page compares
    it), name (ignoring case and spacing) and date of birth. A parent booking
    two children at one time with one email is two patients. 1 query.
    """
    return _made_already(treatment=treatment, start=start, patient=patient, submission_key=None)[1]


def _made_already(
    *,
    treatment: Treatment,
    start: datetime,
    patient: PatientDetails,
    submission_key: uuid.UUID | None,
) -> tuple[Booking | None, Booking | None]:
    """The booking this very submission made (a repeat of its key), and the patient's own
    active booking for `treatment` at `start` (booking_same_patient), in one query."""
    same_time = Q(
        treatment=treatment,
        starts_at=start,
        status__in=ACTIVE_STATUSES,
        email__iexact=patient.email.strip(),
        date_of_birth=patient.date_of_birth,
    )
    wanted = same_time | Q(submission_key=submission_key) if submission_key else same_time
    name = " ".join(patient.name.split()).casefold()
    done = own = None
    # Unordered: at most a few rows, and the database need not sort them. Their treatment
    # and dermatologist load only where a refusal names them, which is rare.
    for booking in Booking.objects.filter(wanted).order_by():
        if submission_key and booking.submission_key == submission_key:
            done = booking
        elif " ".join(booking.patient_name.split()).casefold() == name:
            own = booking  # not the key's, so the same time's: the same patient?
    return done, own


@dataclass(frozen=True)
class _Wanted:
    """A start asked for, the dermatologists who may take it, and under which rules."""

    treatment: Treatment
    start: datetime
    candidates: list[Dermatologist]
    now: datetime
    enforce_notice: bool
    exclude_booking: Booking | None = None  # the booking being moved: its own time is free
    duration: timedelta | None = None  # None: the treatment's own length

    def free_ids(self) -> list[int]:
        """Which of the candidates are free at the start, by their ids, in the order given.

        Patients keep to the booking grid; staff may take any start on a 5-minute step.
        """
        grid = None if self.enforce_notice else timedelta(minutes=STAFF_GRID_MINUTES)
        return [
            slot.dermatologist_id
            for slot in self._slots(0, 0, grid=grid)
            if slot.start == self.start
        ]

    def refusal(self) -> str:
        """Why the start is not free, for staff, who may type any time; patients only
        pick offered times, so for them it was just taken."""
        if self.enforce_notice:
            return NOT_FREE
        return start_refusal(
            treatment=self.treatment,
            start=self.start,
            dermatologists=self.candidates,
            exclude_booking=self.exclude_booking,
            now=self.now,
            duration=self.duration,
        )

    def alternatives(self, *, before: datetime | None = None) -> list[Slot]:
        """The free times nearest the start, from the day before to a week after (and,
        given `before`, starting before it), to offer instead when it is not free. Worked
        out only then: most bookings need only their own day's diary."""
        others = [
            slot
            for slot in self._slots(1, 7)
            if slot.start != self.start and (before is None or slot.start < before)
        ]
        return nearest(others, self.start)

    def _slots(
        self, days_before: int, days_after: int, grid: timedelta | None = None
    ) -> list[Slot]:
        day = self.start.astimezone(LONDON).date()
        return slots_available(
            treatment=self.treatment,
            first_day=day - timedelta(days=days_before),
            last_day=day + timedelta(days=days_after),
            dermatologists=self.candidates,
            now=self.now,
            enforce_notice=self.enforce_notice,
            exclude_booking=self.exclude_booking,
            grid=grid,
            duration=self.duration,
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
    created_by: User | None,
    confirm: bool,
    now: datetime,
    duration: timedelta,
) -> Booking | None:
    """Saves the booking in a savepoint; None if the slot was taken meanwhile."""
    confirmed = confirm
    booking = Booking(
        treatment=treatment,
        dermatologist_id=dermatologist_id,
        starts_at=start,
        ends_at=start + duration,
        blocked_until=start + duration + treatment.buffer,
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
        suitability_answers=dict(intake.suitability),
        skin_type=intake.skin_type,
        discuss_suitability=bool(
            suitability_to_discuss(
                treatment_slug=treatment.slug,
                answers=intake.suitability,
                pregnancy=intake.pregnancy,
            )
        ),
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
