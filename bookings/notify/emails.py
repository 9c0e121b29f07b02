"""Every email the site sends: recorded by a service, built here when it is sent.

A service calls `email_due` inside its own transaction, so the outbox row
exists if and only if the change commits; the Celery task that sends it is
queued only after the commit. `email_message` builds the message from the
booking as it is at sending time, from three templates per kind:
templates/emails/<kind>-subject.txt, -body.txt and -body.html.
"""

import logging
from datetime import datetime

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import connection, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from icalendar import vCalAddress, vText
from kombu.exceptions import KombuError

from bookings.models import (
    ACTIVE_STATUSES,
    CHANGEABLE_STATUSES,
    Booking,
    BookingStatus,
    Channel,
    EmailKind,
    OutboxEmail,
    TreatmentRecord,
)
from bookings.notify.ical import booking_event, calendar_new
from bookings.notify.texts import quiet_hours_end, text_due, text_wanted
from clinic.web.backoff import redis_backing_off, redis_failed

logger = logging.getLogger(__name__)

# What every patient should bring, whatever the treatment.
BRING = [
    "this email, or your reference",
    "a list of any medicines, creams or supplements you use",
    "glasses or contact lens case if the milia are near your eyes",
]


def email_due(
    *, kind: EmailKind, booking: Booking | None = None, recipient: str = "", text: bool = True
) -> OutboxEmail:
    """Records that `kind` is due for `booking` (or, for manage links, for `recipient`).

    Call it inside the transaction of the change that makes the email due. A
    second call for the same booking, kind and booking version records nothing
    new. The send task is queued after the commit; if the broker is down then,
    the booking still stands and the periodic dispatch sends the email later.
    A text goes too when the kind has one and the patient chose texts, unless
    `text` is False (the patient has just made the change on the site).
    """
    if booking is None:
        email = OutboxEmail.objects.create(kind=kind, recipient=recipient)
        created = True
    else:
        email, created = OutboxEmail.objects.get_or_create(
            booking=booking,
            kind=kind,
            version=booking.sequence,
            defaults={"recipient": recipient or _recipient(kind, booking)},
        )
    if created:
        # A function, not a partial: robust on_commit logs a failure by __qualname__.
        transaction.on_commit(lambda: email_queue(email.pk), robust=True)
    if booking is not None and text:
        text_due(kind=kind, booking=booking)
    return email


def new_booking_emails_due(booking: Booking, *kinds: EmailKind) -> list[OutboxEmail]:
    """Records `kinds` as due for a booking made in this very transaction, in one INSERT.

    Nothing can be recorded yet for a booking no other transaction can see,
    so there is nothing to look up first and no clash to guard against, as
    `email_due` must for a booking that already exists.
    """
    if not connection.features.can_return_rows_from_bulk_insert:  # SQLite before 3.35
        return [email_due(kind=kind, booking=booking) for kind in kinds]
    rows = [
        OutboxEmail(
            booking=booking,
            kind=kind,
            version=booking.sequence,
            recipient=_recipient(kind, booking),
        )
        for kind in kinds
    ]
    # Texts in the same INSERT: a booking made here has no texts yet either.
    for kind in kinds:
        if mobile := text_wanted(kind=kind, booking=booking):
            rows.append(
                OutboxEmail(
                    booking=booking,
                    kind=kind,
                    version=booking.sequence,
                    channel=Channel.TEXT,
                    recipient=mobile,
                    due_at=quiet_hours_end(timezone.now()),
                )
            )
    emails = OutboxEmail.objects.bulk_create(rows)
    ids = [email.pk for email in emails]
    # One task for them all: one publish to the broker, not one per row.
    transaction.on_commit(lambda: email_queue(*ids), robust=True)
    return emails


def _recipient(kind: EmailKind, booking: Booking) -> str:
    return settings.RECEPTION_EMAIL if kind == EmailKind.RECEPTION_NEW_REQUEST else booking.email


def email_queue(*outbox_ids: int) -> None:
    """Asks a worker to send the rows now, in one task. Call it after the commit that wrote them.

    If the broker cannot take the task, the row stays pending and the periodic
    dispatch sends it. A failure starts the back-off shared by every use of
    Redis (clinic.web.backoff), and while it lasts this does not even try: one
    outage costs a patient at most one slow request.
    """
    from bookings.notify.tasks import outbox_send, outbox_send_many  # tasks import this module

    if len(outbox_ids) == 1:
        publish_task(outbox_send, outbox_ids[0], what="email")
    elif outbox_ids:
        publish_task(outbox_send_many, list(outbox_ids), what="emails")


def link_request_queue(request_id: int) -> None:
    """Asks a worker to look up a "Lost your link?" request; as email_queue, after the commit."""
    from bookings.notify.tasks import links_request_send

    publish_task(links_request_send, request_id, what="link request")


def publish_task(task, row_id: object, *, what: str) -> None:
    """Queues `task` with one argument, unless Redis is down or backing off; never raises."""
    if redis_backing_off():
        logger.warning("Redis recently down: %s %s left for the outbox dispatch", what, row_id)
        return
    try:
        task.delay(row_id)
    except KombuError:
        # The embedded default's filesystem broker is no Redis, but it has no
        # Redis cache to share the back-off with either.
        redis_failed("broker publish")
        logger.warning(
            "broker down: %s %s left for the outbox dispatch", what, row_id, exc_info=True
        )


def email_message(
    email: OutboxEmail, *, now: datetime | None = None
) -> EmailMultiAlternatives | None:
    """The message for an outbox row, or None when it is no longer true and must not go."""
    now = now or timezone.now()
    booking = email.booking
    context = {"clinic": clinic_context(), "kind": email.kind}
    if email.offer_id or email.waitlist_entry_id:
        from bookings.notify.waitlist_messages import waitlist_context

        if not message_still_true(email, now):
            return None
        context.update(waitlist_context(email))
    elif email.kind == EmailKind.MANAGE_LINKS:
        bookings = list(
            Booking.objects.filter(
                email=email.recipient, status__in=CHANGEABLE_STATUSES, starts_at__gt=now
            ).select_related("treatment", "dermatologist")
        )
        if not bookings:
            return None
        context["bookings"] = [
            {"booking": b, "manage_url": absolute_url(b.get_absolute_url())} for b in bookings
        ]
    else:
        if not message_still_true(email, now):
            return None
        context.update(
            booking=booking,
            manage_url=absolute_url(booking.get_absolute_url()),
            admin_url=absolute_url(reverse("admin:bookings_booking_change", args=[booking.pk])),
            bring=BRING,
        )
        if email.kind == EmailKind.AFTERCARE:
            context.update(_aftercare_context(email))
        if email.kind == EmailKind.FOLLOW_UP:
            context.update(_follow_up_context(booking))
        if email.kind == EmailKind.COURSE:
            context["sessions"] = list(booking.course.bookings.order_by("course_session"))

    subject = " ".join(render_to_string(f"emails/{email.kind}-subject.txt", context).split())
    message = EmailMultiAlternatives(
        subject=subject,
        body=render_to_string(f"emails/{email.kind}-body.txt", context),
        to=[email.recipient],
        reply_to=[settings.CLINIC_EMAIL],
        headers={"X-Clinic-Email": f"{email.kind}-{email.pk}"},
    )
    message.attach_alternative(
        render_to_string(f"emails/{email.kind}-body.html", context), "text/html"
    )
    method = _calendar_method(email)
    if method:
        message.attach(
            "appointment.ics",
            booking_calendar(booking, method=method, now=now),
            f"text/calendar; method={method}; charset=UTF-8",
        )
    return message


def message_still_true(email: OutboxEmail, now: datetime) -> bool:
    if email.offer_id or email.waitlist_entry_id:
        from bookings.notify.waitlist_messages import waitlist_message_still_true

        return waitlist_message_still_true(email, now)
    booking = email.booking
    if email.kind == EmailKind.CANCELLED:
        return booking.status == BookingStatus.CANCELLED
    if email.kind == EmailKind.REMINDER:
        return booking.status == BookingStatus.CONFIRMED and booking.starts_at > now
    if email.kind == EmailKind.RECEPTION_NEW_REQUEST:
        return True
    if email.kind == EmailKind.AFTERCARE:
        # Amended to another treatment before it went: that one's aftercare goes instead.
        return (
            booking.status == BookingStatus.COMPLETED
            and TreatmentRecord.objects.filter(
                booking=booking, treatment_given_id=email.aftercare.treatment_id
            ).exists()
        )
    if email.kind == EmailKind.FOLLOW_UP:
        from bookings.care_services import follow_up_booked

        return not follow_up_booked(booking.treatment_record)
    return booking.status in ACTIVE_STATUSES


def _aftercare_context(email: OutboxEmail) -> dict:
    """The aftercare of the treatment given, and nothing else from the record."""
    from bookings.care_services import aftercare_current

    sent = email.aftercare
    return {
        "treatment": sent.treatment,
        "aftercare": aftercare_current(sent.treatment_id),
        "corrects": sent.corrects,
    }


def _follow_up_context(booking: Booking) -> dict:
    from bookings.care_services import follow_up_book_url

    record = booking.treatment_record
    return {
        "record": record,
        "treatment": record.treatment_given,
        "review_on": record.review_on,
        "book_url": absolute_url(follow_up_book_url(record)),
    }


def _calendar_method(email: OutboxEmail) -> str:
    booking = email.booking
    if booking is None:
        return ""
    if (
        email.kind in (EmailKind.CONFIRMED, EmailKind.MOVED)
        and booking.status == BookingStatus.CONFIRMED
    ):
        return "REQUEST"
    if email.kind == EmailKind.CANCELLED and booking.confirmed_at:
        return "CANCEL"  # only a patient who was sent an invite needs it withdrawn
    return ""


def booking_calendar(booking: Booking, *, method: str, now: datetime) -> bytes:
    """An iCalendar invite (REQUEST) or withdrawal (CANCEL) for the booking, times in UTC."""
    calendar = calendar_new(product="Appointments", method=method)
    event = booking_event(
        booking,
        summary=f"{booking.treatment.name} at {settings.CLINIC_NAME}",
        status="CANCELLED"
        if method == "CANCEL"
        else "CONFIRMED"
        if booking.status != BookingStatus.REQUESTED
        else "TENTATIVE",  # added from the confirmation page before reception confirms
        stamp=now,
    )
    event.add("location", ", ".join([settings.CLINIC_NAME, *settings.CLINIC_ADDRESS]))
    # No manage link: calendars are often shared, and the link opens the booking.
    # It stays in the email.
    event.add(
        "description",
        f"Reference {booking.reference}. To move or cancel, use the link in our email "
        f"or phone {settings.CLINIC_PHONE}.",
    )
    organizer = vCalAddress(f"mailto:{_address_of(settings.DEFAULT_FROM_EMAIL)}")
    organizer.params["cn"] = vText(settings.CLINIC_NAME)
    event.add("organizer", organizer)
    attendee = vCalAddress(f"mailto:{booking.email}")
    attendee.params["cn"] = vText(booking.patient_name)
    attendee.params["role"] = vText("REQ-PARTICIPANT")
    attendee.params["partstat"] = vText("ACCEPTED")
    attendee.params["rsvp"] = vText("FALSE")
    event.add("attendee", attendee, encode=0)
    calendar.add_component(event)
    return calendar.to_ical()


def _address_of(sender: str) -> str:
    return sender.rsplit("<", 1)[-1].rstrip(">").strip()


def absolute_url(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


def clinic_context() -> dict:
    return {
        "name": settings.CLINIC_NAME,
        "phone": settings.CLINIC_PHONE,
        "email": settings.CLINIC_EMAIL,
        "address": settings.CLINIC_ADDRESS,
        "book_url": absolute_url(reverse("bookings:start")),
    }
