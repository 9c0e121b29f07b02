"""The waiting list's emails and texts: "you are on the list" and "a time is free".

Recorded in the outbox like every other message, in the transaction of the
change that makes them due. They belong to no booking: the confirmation of
joining is keyed by its entry, an offer's message by the offer (one offer row
per channel, each with its own link).
"""

from datetime import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from bookings.models import (
    Channel,
    EmailKind,
    OutboxEmail,
    Patient,
    WaitlistEntry,
    WaitlistOffer,
)
from bookings.notify.texts import MAX_SEGMENTS, quiet_hours_end, text_segments
from bookings.phones import phone_is_uk_mobile
from bookings.templatetags.uk_time import ukdate_short, uktime


def waitlist_email_due(*, kind: EmailKind, entry: WaitlistEntry) -> OutboxEmail:
    """Records the "joined the list" email for `entry`, once; in the caller's transaction."""
    email, created = OutboxEmail.objects.get_or_create(
        waitlist_entry=entry, kind=kind, channel=Channel.EMAIL, defaults={"recipient": entry.email}
    )
    if created:
        _queue_after_commit(email)
    return email


def offer_text_to(entry: WaitlistEntry) -> str:
    """The mobile to text the entry's offers to, or "" when the patient did not choose texts."""
    patient: Patient = entry.patient
    if patient.contact_by_text and phone_is_uk_mobile(patient.phone):
        return patient.phone
    return ""


def offer_message_due(*, offer: WaitlistOffer, now: datetime | None = None) -> OutboxEmail:
    """Records the offer's message by its channel (an email, or a text to the patient's
    mobile outside the quiet hours), once; in the caller's transaction."""
    now = now or timezone.now()
    if offer.channel == Channel.TEXT:
        recipient, due_at = offer_text_to(offer.entry), quiet_hours_end(now)
    else:
        recipient, due_at = offer.entry.email, now
    message, created = OutboxEmail.objects.get_or_create(
        offer=offer,
        channel=offer.channel,
        defaults={
            "kind": EmailKind.WAITLIST_OFFER,
            "recipient": recipient,
            "due_at": due_at,
            "created_at": now,
        },
    )
    if created:
        _queue_after_commit(message)
    return message


def waitlist_message_still_true(message: OutboxEmail, now: datetime) -> bool:
    """At sending time: the entry is still waiting, and an offer's time still free."""
    if message.offer_id is None:
        return message.waitlist_entry.is_waiting
    from bookings.waitlist_services import waitlist_offer_open  # services import this module

    return waitlist_offer_open(offer=message.offer, now=now)


def waitlist_context(message: OutboxEmail) -> dict:
    """What the waiting list's email templates show."""
    from bookings.notify.emails import absolute_url

    offer = message.offer
    entry = offer.entry if offer else message.waitlist_entry
    context = {
        "entry": entry,
        "leave_url": absolute_url(entry.leave_url),
        "parts": [_PART_WORDS[part] for part in entry.parts_of_day],
        "wave_hours": settings.WAITLIST_WAVE_HOURS,
    }
    if offer is not None:
        context.update(offer=offer, offer_url=absolute_url(offer.get_absolute_url()))
    return context


def offer_text_body(offer: WaitlistOffer) -> str:
    """The offer's text: the time, the treatment if it fits, and the link. No names (a lock
    screen shows it to anyone nearby)."""
    when = f"{ukdate_short(offer.starts_at)} at {uktime(offer.starts_at)}"
    link = f"{settings.SITE_URL}{offer.get_absolute_url()}"
    for what in (f"a {offer.entry.treatment.name} appointment", "an appointment"):
        body = (
            f"{settings.CLINIC_NAME}: {what} has come free on {when}. "
            f"First to book it gets it: {link} Reply STOP for no texts."
        )
        if text_segments(body).count <= MAX_SEGMENTS:
            return body
    return f"An appointment has come free on {when}: {link}"


def offer_text_still_wanted(message: OutboxEmail) -> bool:
    """At sending time: the patient has not said STOP or changed number since."""
    patient = Patient.objects.only("contact_by_text", "phone").get(
        pk=message.offer.entry.patient_id
    )
    return patient.contact_by_text and patient.phone == message.recipient


_PART_WORDS = {"morning": "mornings", "afternoon": "afternoons", "evening": "evenings"}


def _queue_after_commit(message: OutboxEmail) -> None:
    from bookings.notify.emails import email_queue

    transaction.on_commit(lambda: email_queue(message.pk), robust=True)
