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
    BookingAction,
    BookingEvent,
    BookingStatus,
    CancelledBy,
    Dermatologist,
    EmailKind,
    LinkRequest,
    OutboxEmail,
    Patient,
    Treatment,
    new_calendar_token,
)
from bookings.notify.emails import email_due, link_request_queue, new_booking_emails_due
from bookings.patient_services import patient_find_or_create
from bookings.phones import phone_or_as_typed
from bookings.refusals import NOT_FREE, STEP_MINUTES, start_refusal
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
# Staff may book any free start on this step, off the patients' grid.
STAFF_GRID_MINUTES = STEP_MINUTES


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
    confirm: bool | None = None,
    note: str = "",
    now: datetime | None = None,
) -> Booking:
    """Books `start` for the patient, with `dermatologist` or, if None, whoever is free.

    The slot must be free under the booking rules. Staff (`enforce_notice`
    False) may skip the minimum notice and book any free start on a 5-minute
    step. `confirm` True confirms at once, False leaves a request, None follows
    the treatment's setting. `note` goes into the booking's history (e.g. how
    consent was given). A repeated submission_key returns the booking it
    already made. Raises AlreadyBooked when the same patient (email, name and
    date of birth) already holds an active booking for the treatment at that
    start, and SlotUnavailable, with the nearest free times, when the time is
    not free or someone else takes it first; PostgreSQL's exclusion constraint
    is the final word on that.
    """
    now = now or timezone.now()
    if submission_key and (done := Booking.objects.filter(submission_key=submission_key).first()):
        return done
    if not treatment.is_active:
        raise BookingError(f"{treatment.name} cannot be booked at the moment. Please phone us.")
    if own := booking_same_patient(treatment=treatment, start=start, patient=patient):
        if submission_key and own.submission_key == submission_key:
            return own  # its twin committed between the two look-ups above
        raise AlreadyBooked(own)

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
                raise SlotUnavailable(wanted.refusal(), wanted.alternatives())
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
                )
                if booking is not None:
                    _record(
                        booking, BookingEvent.Kind.CREATED, by_user=created_by, at=now, detail=note
                    )
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
        if submission_key and (
            done := Booking.objects.filter(submission_key=submission_key).first()
        ):
            return done
        # Two submissions of the same patient's form with different keys (Back,
        # then Book again): the second finds the first's booking.
        if own := booking_same_patient(treatment=treatment, start=start, patient=patient):
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
    name = " ".join(patient.name.split()).casefold()
    for booking in Booking.objects.filter(
        treatment=treatment,
        starts_at=start,
        status__in=ACTIVE_STATUSES,
        email__iexact=patient.email.strip(),
        date_of_birth=patient.date_of_birth,
    ).select_related("treatment", "dermatologist"):
        if " ".join(booking.patient_name.split()).casefold() == name:
            return booking
    return None


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
        )

    def alternatives(self) -> list[Slot]:
        """The free times nearest the start, from the day before to a week after, to offer
        instead when it is not free. Worked out only then: most bookings need only
        their own day's diary."""
        others = [slot for slot in self._slots(1, 7) if slot.start != self.start]
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
    confirm: bool,
    now: datetime,
) -> Booking | None:
    """Saves the booking in a savepoint; None if the slot was taken meanwhile."""
    confirmed = confirm
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
    cancelled_by: CancelledBy | None = None,
    reason: str = "",
    now: datetime | None = None,
) -> Booking:
    """Cancels the booking and frees its slot.

    by_user is the member of staff who presses the button; None means the
    patient online, who can only cancel a requested or confirmed booking up
    to the cut-off. `cancelled_by` is who asked for it, which decides the
    patient's email: staff cancel for the patient (a phone call) or for the
    clinic (illness, closure); without it, the patient online or the clinic.
    Cancelling a booking that is already cancelled changes nothing.
    """
    if cancelled_by is None:
        cancelled_by = CancelledBy.PATIENT if by_user is None else CancelledBy.CLINIC
    if by_user is None and cancelled_by != CancelledBy.PATIENT:
        raise BookingError("Only staff can cancel for the clinic.")
    now = now or timezone.now()
    with transaction.atomic():
        booking = Booking.objects.select_for_update().get(pk=booking.pk)
        if booking.status == BookingStatus.CANCELLED:
            return booking
        if by_user is None and not booking.is_changeable_online(now):
            raise BookingError(CLOSED.get(booking.status) or _too_late(booking))
        if BookingAction.CANCEL not in booking.allowed_actions:
            raise BookingError(CLOSED[booking.status])
        booking.status = BookingStatus.CANCELLED
        booking.cancelled_at = now
        booking.cancelled_by = cancelled_by
        booking.cancelled_by_user = by_user
        booking.cancellation_reason = reason.strip()[:300]
        booking.sequence += 1
        booking.save()
        asked = "Asked by the patient" if cancelled_by == CancelledBy.PATIENT else "By the clinic"
        _record(
            booking,
            BookingEvent.Kind.CANCELLED,
            by_user=by_user,
            at=now,
            detail=": ".join(filter(None, [asked, booking.cancellation_reason]))[:300],
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
        if BookingAction.MOVE not in booking.allowed_actions:
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
            raise SlotUnavailable(wanted.refusal(), wanted.alternatives())
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
        if BookingAction.CONFIRM not in booking.allowed_actions:
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
        if BookingAction.ARRIVED not in booking.allowed_actions:
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
        if BookingAction.COMPLETED not in booking.allowed_actions:
            raise BookingError(f"Cannot mark completed: {STATE[booking.status]}.")
        if booking.status == BookingStatus.CONFIRMED and booking.starts_at > now:
            raise BookingError("Cannot mark completed: the appointment has not started yet.")
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
        if BookingAction.NO_SHOW not in booking.allowed_actions:
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


def booking_notes_change(
    *, booking: Booking, notes: str, by_user: AbstractBaseUser, now: datetime | None = None
) -> Booking:
    """Replaces the booking's staff notes, recording who changed them and when.

    Only the notes are written, so a change another member of staff made to the
    booking meanwhile stands. The notes themselves stay out of the history and
    the audit trail. Saving the same notes again records nothing.
    """
    now = now or timezone.now()
    with transaction.atomic():
        booking = _locked(booking)
        if booking.staff_notes == notes:
            return booking
        booking.staff_notes = notes
        booking.save(update_fields=["staff_notes"])
        _record(booking, BookingEvent.Kind.NOTES, by_user=by_user, at=now)
    return booking


def dermatologist_calendar_reset(*, dermatologist: Dermatologist) -> Dermatologist:
    """Gives the dermatologist's calendar feed a new secret address; the old one stops at once."""
    dermatologist.calendar_token = new_calendar_token()
    dermatologist.save(update_fields=["calendar_token"])
    return dermatologist


def booking_links_request(*, email: str) -> LinkRequest:
    """Records that someone asked for the manage links held under `email`.

    Does not look the address up: that is for a worker (booking_links_send), so
    the page that calls this does the same work, in the same time, whether or
    not the address is a patient's, and cannot be used to learn who is one.
    """
    with transaction.atomic():
        request = LinkRequest.objects.create(email=email.strip())
        transaction.on_commit(lambda: link_request_queue(request.pk), robust=True)
    return request


def booking_links_send(*, request_id: int, now: datetime | None = None) -> int:
    """Looks up a link request, makes the manage-links email due, and deletes the request.

    The email goes to the address the patient booked with, at most
    LOST_LINK_EMAILS_PER_HOUR times an hour whoever asks, so the page cannot
    flood an inbox. Returns how many emails became due; a request already
    looked up (a task delivered twice) makes none.
    """
    now = now or timezone.now()
    with transaction.atomic():
        request = LinkRequest.objects.select_for_update(skip_locked=True).filter(pk=request_id)
        email = request.values_list("email", flat=True).first()
        if email is None:
            return 0
        # Locking the patient's bookings makes two requests for one inbox take
        # turns, so both cannot count the same hour's emails and both send.
        stored = set(
            Booking.objects.select_for_update()
            .filter(email__iexact=email, status__in=CHANGEABLE_STATUSES, starts_at__gt=now)
            .values_list("email", flat=True)
        )
        made = 0
        # Always to the address the patient booked with, never the one typed:
        # a case-insensitive match can pair look-alike Unicode addresses.
        for address in sorted(stored):
            sent_lately = OutboxEmail.objects.filter(
                kind=EmailKind.MANAGE_LINKS,
                recipient=address,
                created_at__gt=now - timedelta(hours=1),
            ).count()
            if sent_lately < settings.LOST_LINK_EMAILS_PER_HOUR:
                email_due(kind=EmailKind.MANAGE_LINKS, recipient=address)
                made += 1
        LinkRequest.objects.filter(pk=request_id).delete()
    return made
