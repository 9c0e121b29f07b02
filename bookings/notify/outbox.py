"""Sending the outbox: each email or text exactly once, retried when the server says "later".

Every delivery starts by claiming its row with one conditional UPDATE that only
one worker can win, so a task delivered twice, or queued both after the commit
and by the periodic dispatch, sends nothing the second time.

A worker that dies between the mail server accepting a message and the row
being marked sent leaves the row claimed; after EMAIL_CLAIM_TIMEOUT it is sent
again. That rare window errs towards a duplicate rather than a lost email: a
patient who gets a confirmation twice is mildly puzzled, one who gets none may
not come.
"""

import logging
import random
import smtplib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Exists, F, OuterRef
from django.utils import timezone

from bookings.models import (
    Booking,
    BookingStatus,
    Channel,
    EmailKind,
    LinkRequest,
    OutboxEmail,
    OutboxStatus,
)
from bookings.notify.emails import email_due, email_message, email_queue, message_still_true
from bookings.notify.sms import SmsError, sms_send
from bookings.notify.texts import is_quiet, quiet_hours_end, text_body, text_still_wanted
from bookings.notify.waitlist_messages import offer_text_body, offer_text_still_wanted

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Delivery:
    status: str  # sent, retry, later, failed, skipped, not_claimed, held (a text at night)
    retry_in: float | None = None


class PermanentFailure(Exception):
    pass


def outbox_deliver(*, outbox_id: int, now: datetime | None = None) -> Delivery:
    """Claims the row, sends its email and records the result.

    Transient errors (a 4xx reply, refused or dropped connections, time-outs)
    put the row back as pending, due after an exponential backoff with jitter,
    until EMAIL_MAX_ATTEMPTS; after that, every EMAIL_SLOW_RETRY_DELAY, for the
    periodic dispatch to send, until the next try would come after the
    appointment or EMAIL_GIVE_UP_HOURS after the email was made, when it fails.
    A permanent error (a 5xx reply) fails it at once.
    """
    now = now or timezone.now()
    if is_quiet(now) and _text_held(outbox_id, now):
        return Delivery("held")
    claimed = OutboxEmail.objects.filter(
        pk=outbox_id, status=OutboxStatus.PENDING, due_at__lte=now
    ).update(status=OutboxStatus.SENDING, claimed_at=now, attempts=F("attempts") + 1)
    if not claimed:
        return Delivery("not_claimed")
    email = OutboxEmail.objects.select_related("booking__treatment", "booking__dermatologist").get(
        pk=outbox_id
    )

    send = _text_sender(email, now) if email.channel == Channel.TEXT else _email_sender(email, now)
    if send is None:
        _finish(email, status=OutboxStatus.SKIPPED)
        return Delivery("skipped")
    try:
        send()
    except Exception as exc:
        if not _is_transient(exc):
            _finish(email, status=OutboxStatus.FAILED, error=exc)
            logger.warning("email %s failed for good: %s", email.pk, _describe(exc))
            return Delivery("failed")
        if email.attempts >= settings.EMAIL_MAX_ATTEMPTS:
            return _later_or_failed(email, exc, now)
        delay = retry_delay(email.attempts)
        _finish(
            email, status=OutboxStatus.PENDING, error=exc, due_at=now + timedelta(seconds=delay)
        )
        logger.info("email %s will be tried again in %.0f s: %s", email.pk, delay, _describe(exc))
        return Delivery("retry", retry_in=delay)
    _finish(email, status=OutboxStatus.SENT, sent_at=timezone.now())
    return Delivery("sent")


def _email_sender(email: OutboxEmail, now: datetime) -> Callable[[], object] | None:
    message = email_message(email, now=now)
    return None if message is None else message.send


def _text_sender(text: OutboxEmail, now: datetime) -> Callable[[], object] | None:
    """Sends the text as the booking is now; None if its news is stale, or the patient said
    STOP or changed number since it was recorded."""
    if text.offer_id is not None:
        if not message_still_true(text, now) or not offer_text_still_wanted(text):
            return None
        body = offer_text_body(text.offer)
        return lambda: sms_send(to=text.recipient, body=body, tag=f"{text.kind}-{text.pk}")
    if not message_still_true(text, now) or not text_still_wanted(text):
        return None
    body = text_body(kind=text.kind, booking=text.booking)
    return lambda: sms_send(to=text.recipient, body=body, tag=f"{text.kind}-{text.pk}")


def _text_held(outbox_id: int, now: datetime) -> bool:
    """In the quiet hours a text due now waits, unclaimed and untried, until 8am."""
    return bool(
        OutboxEmail.objects.filter(
            pk=outbox_id, channel=Channel.TEXT, status=OutboxStatus.PENDING, due_at__lte=now
        ).update(due_at=quiet_hours_end(now))
    )


def _later_or_failed(email: OutboxEmail, exc: Exception, now: datetime) -> Delivery:
    """After the quick retries: hourly (by default) while the email can still be of use."""
    next_try = now + timedelta(seconds=settings.EMAIL_SLOW_RETRY_DELAY)
    give_up_at = email.created_at + timedelta(hours=settings.EMAIL_GIVE_UP_HOURS)
    if email.booking is not None:
        give_up_at = min(give_up_at, email.booking.starts_at)
    if email.offer is not None:
        give_up_at = min(give_up_at, email.offer.starts_at)
    if next_try > give_up_at:
        _finish(email, status=OutboxStatus.FAILED, error=exc)
        logger.warning(
            "email %s failed after %s attempts: %s", email.pk, email.attempts, _describe(exc)
        )
        return Delivery("failed")
    _finish(email, status=OutboxStatus.PENDING, error=exc, due_at=next_try)
    logger.warning(
        "email %s still not sent after %s attempts, tried again at %s: %s",
        email.pk,
        email.attempts,
        next_try.isoformat(timespec="minutes"),
        _describe(exc),
    )
    # No Celery countdown this long (it would outlast the broker's visibility
    # timeout): the periodic dispatch queues the row once it is due.
    return Delivery("later")


def retry_delay(attempts: int) -> float:
    """Exponential backoff with "equal jitter": between half and all of base * 2^(n-1), capped."""
    ceiling = min(
        settings.EMAIL_RETRY_MAX_DELAY, settings.EMAIL_RETRY_BASE_DELAY * 2 ** (attempts - 1)
    )
    return ceiling / 2 + random.uniform(0, ceiling / 2)


def _is_transient(exc: Exception) -> bool:
    if isinstance(exc, SmsError):
        return exc.transient
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        return any(400 <= code < 500 for code, _ in exc.recipients.values())
    if isinstance(exc, smtplib.SMTPResponseException):
        return 400 <= exc.smtp_code < 500
    # Disconnects, refused connections and time-outs are all OSErrors.
    return isinstance(exc, smtplib.SMTPServerDisconnected | OSError)


def _describe(exc: Exception) -> str:
    if isinstance(exc, smtplib.SMTPResponseException):
        detail = (
            exc.smtp_error.decode(errors="replace")
            if isinstance(exc.smtp_error, bytes)
            else exc.smtp_error
        )
        return f"{exc.smtp_code} {detail}"[:500]
    return f"{type(exc).__name__}: {exc}"[:500]


def _finish(email: OutboxEmail, *, status: str, error: Exception | None = None, **fields) -> None:
    fields["status"] = status
    if error is not None:
        fields["last_error"] = _describe(error)
    OutboxEmail.objects.filter(pk=email.pk, status=OutboxStatus.SENDING).update(**fields)


def outbox_release_stale(*, now: datetime | None = None) -> int:
    """Puts back rows claimed by a worker that has not reported for EMAIL_CLAIM_TIMEOUT seconds."""
    now = now or timezone.now()
    return OutboxEmail.objects.filter(
        status=OutboxStatus.SENDING,
        claimed_at__lt=now - timedelta(seconds=settings.EMAIL_CLAIM_TIMEOUT),
    ).update(status=OutboxStatus.PENDING, due_at=now)


def reminders_make_due(*, now: datetime | None = None) -> int:
    """Records a reminder for each confirmed booking starting within EMAIL_REMINDER_HOURS."""
    now = now or timezone.now()
    already = OutboxEmail.objects.filter(
        booking=OuterRef("pk"),
        kind=EmailKind.REMINDER,
        version=OuterRef("sequence"),
        channel=Channel.EMAIL,
    )
    bookings = (
        Booking.objects.select_related("patient")
        .filter(
            status=BookingStatus.CONFIRMED,
            starts_at__gt=now,
            starts_at__lte=now + timedelta(hours=settings.EMAIL_REMINDER_HOURS),
        )
        .exclude(Exists(already))
    )
    made = 0
    for booking in bookings:
        with transaction.atomic():
            email_due(kind=EmailKind.REMINDER, booking=booking)
        made += 1
    return made


def outbox_due_ids(*, now: datetime | None = None, limit: int = 500) -> list[int]:
    """Pending rows whose moment has passed by a grace period.

    The grace period leaves fresh rows to the task queued when their change
    committed; whatever is still pending after it lost its message (or never
    had one, because the broker was down) and is sent from here.
    """
    now = now or timezone.now()
    grace = timedelta(seconds=settings.EMAIL_DISPATCH_GRACE)
    return list(
        OutboxEmail.objects.filter(status=OutboxStatus.PENDING, due_at__lte=now - grace)
        .order_by("due_at")
        .values_list("pk", flat=True)[:limit]
    )


def outbox_send_again(*, outbox_ids: list[int], now: datetime | None = None) -> int:
    """Staff ask for failed or sent emails to go again: they become pending and due now."""
    now = now or timezone.now()
    with transaction.atomic():
        # Locked until the commit, so a worker cannot claim a row between the
        # choice and the update (it would then be sent twice).
        ids = list(
            OutboxEmail.objects.select_for_update()
            .filter(pk__in=outbox_ids)
            .exclude(status=OutboxStatus.SENDING)
            .values_list("pk", flat=True)
        )
        OutboxEmail.objects.filter(pk__in=ids).update(
            status=OutboxStatus.PENDING, due_at=now, attempts=0, last_error="", sent_at=None
        )
        for pk in ids:
            transaction.on_commit(lambda pk=pk: email_queue(pk), robust=True)
    return len(ids)


def link_requests_due_ids(*, now: datetime | None = None, limit: int = 500) -> list[int]:
    """ "Lost your link?" requests still waiting after the grace period: their task was lost,
    or never queued because the broker was down."""
    now = now or timezone.now()
    grace = timedelta(seconds=settings.EMAIL_DISPATCH_GRACE)
    return list(
        LinkRequest.objects.filter(created_at__lte=now - grace)
        .order_by("created_at")
        .values_list("pk", flat=True)[:limit]
    )
