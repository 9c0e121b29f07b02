"""The offer's email and text, as the outbox sends them, and the outbox's keys for messages
that belong to no booking."""

import pytest
from django.core import mail
from django.db import IntegrityError, transaction

from bookings.change_services import booking_cancel
from bookings.models import Channel, EmailKind, OutboxEmail
from bookings.notify.outbox import outbox_deliver
from bookings.notify.texts import text_segments
from bookings.notify.waitlist_messages import offer_text_body
from bookings.waitlist_offers import waitlist_offer_freed
from bookings.waitlist_services import waitlist_leave
from tests.factories import booking_row_make
from tests.waitlist.helpers import join, join_earlier


@pytest.fixture
def offers(peel, okafor, solid):
    join(peel, 1, patient={"phone": "07700 900123", "contact_by_text": True})
    booking_cancel(booking=solid[2])
    return waitlist_offer_freed(
        dermatologist=okafor, start=solid[2].starts_at, end=solid[2].blocked_until
    )


def message_of(offer):
    return OutboxEmail.objects.get(offer=offer)


def test_the_offer_email_says_the_time_the_dermatologist_and_the_links(offers, mailoutbox):
    email_offer = next(o for o in offers if o.channel == Channel.EMAIL)
    row = message_of(email_offer)

    assert (row.kind, row.recipient) == (EmailKind.WAITLIST_OFFER, "waiting1@example.com")
    assert outbox_deliver(outbox_id=row.pk).status == "sent"

    (message,) = mail.outbox
    assert message.subject == "A time has come free: Monday 7 December 2026 at 10:30am"
    text, html = message.body, message.alternatives[0][0]
    for body in (text, html):
        assert "Dr Amara Okafor" in body
        assert email_offer.get_absolute_url() in body
        assert email_offer.entry.leave_url in body
        assert "the first to book it gets it" in body
    assert "Chemical peel" in text


def test_the_offer_text_is_short_and_names_nobody(offers, sms_outbox):
    text_offer = next(o for o in offers if o.channel == Channel.TEXT)
    body = offer_text_body(text_offer)

    assert text_segments(body).count <= 2
    assert "Waiting Patient" not in body
    assert "Mon 7 Dec at 10:30am" in body
    assert text_offer.get_absolute_url() in body
    assert outbox_deliver(outbox_id=message_of(text_offer).pk).status == "sent"
    assert [sent["to"] for sent in sms_outbox] == ["+447700900123"]


def test_an_offer_whose_time_was_taken_before_sending_is_not_sent(
    offers, peel, okafor, solid, mailoutbox
):
    booking_row_make(treatment=peel, dermatologist=okafor, start=solid[2].starts_at)

    statuses = {outbox_deliver(outbox_id=message_of(o).pk).status for o in offers}

    assert statuses == {"skipped"}
    assert mail.outbox == []


def test_an_offer_to_someone_who_left_is_not_sent(offers, mailoutbox):
    waitlist_leave(entry=offers[0].entry)

    assert outbox_deliver(outbox_id=message_of(offers[0]).pk).status == "skipped"


def test_the_outbox_keeps_one_message_per_offer_and_channel(offers):
    with pytest.raises(IntegrityError), transaction.atomic():
        OutboxEmail.objects.create(
            offer=offers[0],
            kind=EmailKind.WAITLIST_OFFER,
            channel=offers[0].channel,
            recipient="x@example.com",
        )


def test_messages_for_bookings_keep_their_own_key(offers, peel, okafor, solid):
    booking = solid[0]
    OutboxEmail.objects.create(booking=booking, kind=EmailKind.REMINDER, recipient="a@example.com")
    with pytest.raises(IntegrityError), transaction.atomic():
        OutboxEmail.objects.create(
            booking=booking, kind=EmailKind.REMINDER, recipient="a@example.com"
        )


def test_an_earlier_time_email_says_the_appointment_stays_unless_they_take_it(
    peel, okafor, solid, mailoutbox
):
    from bookings.services import booking_create
    from tests.factories import intake_make, london, patient_make

    later = booking_create(
        treatment=peel,
        start=london(2026, 12, 11, 15),
        dermatologist=okafor,
        patient=patient_make(name="Earlier Patient", email="earlier@example.com"),
        intake=intake_make(),
    )
    join_earlier(later)
    booking_cancel(booking=solid[2])
    (offer,) = waitlist_offer_freed(
        dermatologist=okafor, start=solid[2].starts_at, end=solid[2].blocked_until
    )

    outbox_deliver(outbox_id=message_of(offer).pk)

    (message,) = [m for m in mail.outbox if m.to == ["earlier@example.com"]]
    for body in (message.body, message.alternatives[0][0]):
        assert "If this time does not suit you, do nothing" in body
        assert "stays on Friday 11 December 2026 at 3:00pm" in body
