"""Cancelling a session of a course from the desk: this one only, or the rest of the course."""

from collections.abc import Callable

from django.contrib import messages
from django.http import HttpRequest

from bookings.course_services import course_cancel_rest
from bookings.models import Booking, CancelledBy
from bookings.services import BookingError

REST = "rest"


def cancel_one_or_the_rest(
    request: HttpRequest,
    booking: Booking,
    *,
    cancelled_by: CancelledBy,
    reason: str,
    cancel_one: Callable[..., None],
) -> None:
    """Cancels the booking, and with "rest" chosen the later sessions of its course too."""
    if booking.course_id is None or request.POST.get("course") != REST:
        cancel_one(request, [booking], cancelled_by=cancelled_by, reason=reason)
        return
    try:
        cancelled = course_cancel_rest(
            booking=booking, by_user=request.user, cancelled_by=cancelled_by, reason=reason
        )
    except BookingError as exc:
        messages.error(request, f"{exc.message} Nothing was cancelled.")
        return
    numbers = ", ".join(str(b.course_session) for b in cancelled)
    messages.success(
        request,
        f"Cancelled sessions {numbers} of {booking.patient_name}'s course. "
        "The patient is emailed about each.",
    )
