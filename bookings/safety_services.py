"""The safety re-check before a later session of a course: the patient confirms the answers
that may have changed since the course began, online or with reception on arrival."""

from datetime import datetime

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from bookings.models import ACTIVE_STATUSES, Booking, BookingEvent, SafetyRecheck
from bookings.services import BookingError, _record


def booking_needs_safety_recheck(booking: Booking) -> bool:
    """A later session of a course, still to come: its answers are asked again."""
    return (booking.course_session or 0) > 1 and booking.status in ACTIVE_STATUSES


def safety_recheck_save(
    *,
    booking: Booking,
    pregnancy: str,
    isotretinoin: bool,
    new_medicines: str,
    by_user: User | None = None,
    now: datetime | None = None,
) -> SafetyRecheck:
    """Keeps the answers given before a later session (the latest answers win).

    Any change from the course's first answers (pregnancy), isotretinoin, or a new
    medicine marks the session for the dermatologist: their schedule shows what
    changed. by_user is reception on arrival; None, the
    patient online.
    """
    now = now or timezone.now()
    if not booking_needs_safety_recheck(booking):
        raise BookingError("Only a later session of a course, still to come, is re-checked.")
    with transaction.atomic():
        booking = Booking.objects.select_for_update().get(pk=booking.pk)
        recheck, _ = SafetyRecheck.objects.update_or_create(
            booking=booking,
            defaults={
                "pregnancy": pregnancy,
                "isotretinoin": isotretinoin,
                "new_medicines": new_medicines.strip()[:2000],
                "answered_at": now,
                "by_user": by_user,
            },
        )
        recheck.booking = booking
        recheck.changed = bool(recheck.what_changed)
        recheck.save(update_fields=["changed"])
        _record(
            booking,
            BookingEvent.Kind.SAFETY_RECHECKED,
            by_user=by_user,
            at=now,
            detail=(
                "Changed: " + "; ".join(recheck.what_changed) if recheck.changed else "No change"
            )[:300],
        )
    return recheck
