"""Text messages: which changes a patient is texted about, and what each text says.

A text rides on its email: `email_due` records both in the change's own
transaction, so the outbox sends texts with the same claim, retries and
"failed" state. A text goes only to a patient who chose texts, on a UK mobile.
It carries no names and nothing about their health beyond the treatment's
name (a lock screen shows it to anyone nearby), links to the booking's page
and fits in two segments, so one text never arrives as three parts.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from math import ceil

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from bookings.availability import LONDON
from bookings.models import Booking, Channel, EmailKind, OutboxEmail, Patient
from bookings.phones import phone_is_uk_mobile
from bookings.templatetags.uk_time import ukdate_short, uktime

MAX_SEGMENTS = 2
QUIET_FROM, QUIET_UNTIL = time(21), time(8)  # UK time: no texts in between

# The 7-bit GSM alphabet every phone reads; its extension table costs two units a character.
GSM_BASIC = set(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
GSM_EXTENSION = set("^{}\\[~]|€\f")


@dataclass(frozen=True)
class Segments:
    encoding: str  # "GSM-7" or "UCS-2"
    units: int  # septets, or UTF-16 code units
    count: int


def text_segments(body: str) -> Segments:
    """How many parts a network splits `body` into.

    GSM-7 carries 160 septets in one text, 153 in each part of a longer one;
    a single character outside it (ł, an emoji, a curly quote) sends the
    whole text as UCS-2: 70 code units, or 67 a part, an emoji taking two.
    """
    if all(ch in GSM_BASIC or ch in GSM_EXTENSION for ch in body):
        units = len(body) + sum(ch in GSM_EXTENSION for ch in body)
        single, part, encoding = 160, 153, "GSM-7"
    else:
        units = len(body.encode("utf-16-le")) // 2
        single, part, encoding = 70, 67, "UCS-2"
    count = 1 if units <= single else ceil(units / part)
    return Segments(encoding, units, count)


# Kind -> builder. A kind without a builder never goes by text.
TEXT_BUILDERS: dict[str, Callable[[Booking, str], str]] = {}


def text_builder(kind: EmailKind):
    def register(build: Callable[[Booking, str], str]):
        TEXT_BUILDERS[kind] = build
        return build

    return register


def _when(booking: Booking) -> str:
    return f"{ukdate_short(booking.starts_at)} at {uktime(booking.starts_at)}"


@text_builder(EmailKind.REQUESTED)
def _requested(booking: Booking, what: str) -> str:
    return (
        f"We are holding {_when(booking)} for your {what}. "
        "We will text you when reception confirms it, usually within one working day."
    )


@text_builder(EmailKind.CONFIRMED)
def _confirmed(booking: Booking, what: str) -> str:
    return f"Your {what} is booked for {_when(booking)}."


@text_builder(EmailKind.REMINDER)
def _reminder(booking: Booking, what: str) -> str:
    return f"A reminder that your {what} is on {_when(booking)}."


@text_builder(EmailKind.MOVED)
def _moved(booking: Booking, what: str) -> str:
    return f"We have moved your {what} to {_when(booking)}."


@text_builder(EmailKind.CANCELLED)
def _cancelled(booking: Booking, what: str) -> str:
    return (
        f"Sorry, we have had to cancel your {what} on {_when(booking)}. "
        f"Please call {settings.CLINIC_PHONE} to book again."
    )


def text_body(*, kind: str, booking: Booking) -> str:
    """The text for `kind`, with the treatment's name if it still fits in MAX_SEGMENTS."""
    build = TEXT_BUILDERS[kind]
    link = f"Details: {settings.SITE_URL}{booking.get_absolute_url()}"
    for what in (booking.treatment.name, "appointment"):
        body = f"{settings.CLINIC_NAME}: {build(booking, what)} {link} Reply STOP for no texts."
        if text_segments(body).count <= MAX_SEGMENTS:
            return body
    # Only a very long clinic name or address gets here: the link matters most.
    return f"{build(booking, 'appointment')} {link}"


def text_wanted(*, kind: str, booking: Booking) -> str:
    """The mobile to text about `kind` for `booking`, or "" when no text should go."""
    if kind not in TEXT_BUILDERS:
        return ""
    patient: Patient = booking.patient
    if not patient.contact_by_text or not phone_is_uk_mobile(patient.phone):
        return ""
    return patient.phone


def text_due(*, kind: str, booking: Booking, now: datetime | None = None) -> OutboxEmail | None:
    """Records a text beside the email of `kind`, when the patient wants one; in the same
    transaction. A second call for the same booking, kind and version records nothing new."""
    from bookings.notify.emails import email_queue  # emails calls this module

    mobile = text_wanted(kind=kind, booking=booking)
    if not mobile:
        return None
    text, created = OutboxEmail.objects.get_or_create(
        booking=booking,
        kind=kind,
        version=booking.sequence,
        channel=Channel.TEXT,
        defaults={"recipient": mobile, "due_at": quiet_hours_end(now or timezone.now())},
    )
    if created:
        transaction.on_commit(lambda: email_queue(text.pk), robust=True)
    return text


def text_still_wanted(text: OutboxEmail) -> bool:
    """At sending time: the patient has not said STOP or changed to another number since."""
    patient = Patient.objects.only("contact_by_text", "phone").get(pk=text.booking.patient_id)
    return patient.contact_by_text and patient.phone == text.recipient


def quiet_hours_end(now: datetime) -> datetime:
    """`now`, or 8am UK time when `now` falls between 9pm and 8am (and TEXT_QUIET_HOURS is on)."""
    local = now.astimezone(LONDON)
    if not settings.TEXT_QUIET_HOURS or QUIET_UNTIL <= local.time() < QUIET_FROM:
        return now
    day = local.date() if local.time() < QUIET_UNTIL else local.date() + timedelta(days=1)
    # Built on the wall clock, so 8am stays 8am on the mornings the clocks change.
    return datetime.combine(day, QUIET_UNTIL, tzinfo=LONDON)


def is_quiet(now: datetime) -> bool:
    return quiet_hours_end(now) != now
