"""The waiting list's emails and texts: "you are on the list" and "a time is free".

Recorded in the outbox like every other message. They belong to no booking:
the confirmation of joining is keyed by its entry, an offer's by the offer.
"""

from django.db import transaction

from bookings.models import Channel, EmailKind, OutboxEmail, WaitlistEntry, WaitlistOffer


def waitlist_email_due(*, kind: EmailKind, entry: WaitlistEntry) -> OutboxEmail:
    """Records the "joined the list" email for `entry`, once; in the caller's transaction."""
    from bookings.notify.emails import email_queue

    email, created = OutboxEmail.objects.get_or_create(
        waitlist_entry=entry, kind=kind, channel=Channel.EMAIL, defaults={"recipient": entry.email}
    )
    if created:
        transaction.on_commit(lambda: email_queue(email.pk), robust=True)
    return email


def offer_messages_due(*, offer: WaitlistOffer) -> OutboxEmail:
    """Records the offer's message (by its channel: an email, or a text to the patient's
    mobile), once; in the caller's transaction."""
    raise NotImplementedError
