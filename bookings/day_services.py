"""What reception and dermatologists do to a booking during the clinic's day: confirm it,
mark the patient arrived, the visit completed or a no-show, and keep staff notes."""

from datetime import datetime

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from bookings.availability import LONDON
from bookings.care_services import aftercare_make_due
from bookings.models import (
    Booking,
    BookingAction,
    BookingEvent,
    BookingStatus,
    EmailKind,
)
from bookings.notify.emails import email_due
from bookings.services import BookingError, _locked, _record, _set_status

# How each state reads to reception, in the refusals below.
STATE: dict[str, str] = {
    BookingStatus.REQUESTED: "it is still waiting for confirmation",
    BookingStatus.CONFIRMED: "it is already confirmed",
    BookingStatus.ARRIVED: "the patient has already arrived",
    BookingStatus.COMPLETED: "it is already marked completed",
    BookingStatus.CANCELLED: "it has been cancelled",
    BookingStatus.NO_SHOW: "it is marked as a no-show",
}


def booking_confirm(*, booking: Booking, by_user: User, now: datetime | None = None) -> Booking:
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
    *, booking: Booking, by_user: User, now: datetime | None = None
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
    *, booking: Booking, by_user: User, now: datetime | None = None
) -> Booking:
    """Records that the appointment took place.

    Allowed once the patient has arrived, or for a confirmed booking whose time
    has come (when nobody marked the arrival), on its day or later. Refused
    otherwise. With its treatment record already written, the aftercare is due.
    """
    now = now or timezone.now()
    with transaction.atomic():
        booking = _locked(booking)
        if BookingAction.COMPLETED not in booking.allowed_actions:
            raise BookingError(f"Cannot mark completed: {STATE[booking.status]}.")
        if booking.status == BookingStatus.CONFIRMED and booking.starts_at > now:
            raise BookingError("Cannot mark completed: the appointment has not started yet.")
        _set_status(
            booking,
            BookingStatus.COMPLETED,
            kind=BookingEvent.Kind.COMPLETED,
            by_user=by_user,
            now=now,
        )
        # The record may have been written first; then the aftercare goes now.
        aftercare_make_due(booking=booking)
    return booking


def booking_mark_no_show(
    *, booking: Booking, by_user: User, now: datetime | None = None
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


def booking_notes_change(
    *, booking: Booking, notes: str, by_user: User, now: datetime | None = None
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
