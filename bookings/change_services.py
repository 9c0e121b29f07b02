"""Cancelling and moving a booking, by the patient online or by reception."""

from datetime import datetime

from django.conf import settings
from django.contrib.auth.models import User
from django.db import IntegrityError, OperationalError, transaction
from django.utils import timezone

from bookings.availability import LONDON
from bookings.models import (
    Booking,
    BookingAction,
    BookingEvent,
    BookingStatus,
    CancelledBy,
    Dermatologist,
    EmailKind,
)
from bookings.notify.emails import email_due
from bookings.selectors import booking_length_on_move, dermatologists_for
from bookings.services import (
    TAKEN,
    BookingError,
    SlotUnavailable,
    _lost_the_race,
    _record,
    _Wanted,
)
from bookings.waitlist_ends import waitlist_end_booked, waitlist_end_booking_closed
from bookings.waitlist_triggers import Freed, waitlist_time_freed

CLOSED: dict[str, str] = {
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
    by_user: User | None = None,
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
        waitlist_time_freed(
            [Freed(booking.dermatologist_id, booking.starts_at, booking.blocked_until)], now=now
        )
        waitlist_end_booking_closed(booking=booking, now=now)
        asked = "Asked by the patient" if cancelled_by == CancelledBy.PATIENT else "By the clinic"
        _record(
            booking,
            BookingEvent.Kind.CANCELLED,
            by_user=by_user,
            at=now,
            detail=": ".join(filter(None, [asked, booking.cancellation_reason]))[:300],
        )
        # Texted only when the clinic cancels: the patient who asked knows already.
        email_due(
            kind=EmailKind.CANCELLED, booking=booking, text=cancelled_by == CancelledBy.CLINIC
        )
    return booking


def booking_move(
    *,
    booking: Booking,
    start: datetime,
    dermatologist: Dermatologist | None = None,
    by_user: User | None = None,
    now: datetime | None = None,
) -> Booking:
    """Moves the booking to `start`, with `dermatologist` or, if None, whoever is free.

    The same rules as a new booking: a free slot of the same treatment, and the
    exclusion constraint as the final word. The patient (by_user None) must be
    before the cut-off and keeps the minimum notice; staff skip both. The
    status stays as it was. Moving to where it already is changes nothing.
    A course's session keeps its own length (the course plan's, which may differ
    from the treatment's); any other booking takes the treatment's.
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
        length = booking_length_on_move(booking=booking, treatment=treatment)
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
            duration=length,
        )
        free_ids = wanted.free_ids()
        if not free_ids:
            raise SlotUnavailable(wanted.refusal(), wanted.alternatives())
        before, before_blocked, before_with = (
            booking.starts_at,
            booking.blocked_until,
            booking.dermatologist_id,
        )
        booking.sequence += 1
        for dermatologist_id in free_ids:
            booking.dermatologist_id = dermatologist_id
            booking.starts_at = start
            booking.ends_at = start + length
            booking.blocked_until = start + length + treatment.buffer
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
            waitlist_end_booked(booking=booking, now=now)
            waitlist_time_freed([Freed(before_with, before, before_blocked)], now=now)
            # Texted when staff moved it; a patient who moved it online has just seen the page.
            email_due(kind=EmailKind.MOVED, booking=booking, text=by_user is not None)
            return booking
        raise SlotUnavailable(TAKEN, wanted.alternatives())
