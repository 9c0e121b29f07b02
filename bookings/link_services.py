"""The secret links: a dermatologist's calendar feed address, and the patient's manage links
sent again on request."""

from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from bookings.models import (
    CHANGEABLE_STATUSES,
    Booking,
    Dermatologist,
    EmailKind,
    LinkRequest,
    OutboxEmail,
    new_calendar_token,
)
from bookings.notify.emails import email_due, link_request_queue


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
