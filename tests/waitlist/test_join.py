"""Joining and leaving the waiting list, at the service: what is kept, what is refused."""

from datetime import date, timedelta

import pytest
from django.core import mail

from bookings.models import EmailKind, OutboxEmail, Patient, WaitlistEnd
from bookings.notify.outbox import outbox_deliver
from bookings.services import booking_create
from bookings.waitlist_services import (
    WaitlistError,
    waitlist_entry_for_token,
    waitlist_join_for_booking,
    waitlist_leave,
)
from tests.factories import dermatologist_make, intake_make, london, patient_make
from tests.waitlist.helpers import MONDAY, join

pytestmark = pytest.mark.usefixtures("frozen_clock")


def test_joining_keeps_the_choices_and_links_the_patient_record(peel, okafor):
    entry = join(
        peel, dermatologist=okafor, parts=["evening", "morning"], patient={"phone": "07700 900123"}
    )

    assert entry.is_waiting
    assert entry.parts_of_day == ["morning", "evening"]  # in the day's order
    assert entry.phone == "+447700900123"
    assert entry.patient == Patient.objects.get(email="waiting1@example.com")
    assert waitlist_entry_for_token(entry.token) == entry
    assert waitlist_entry_for_token(entry.token[:-2] + "xx") is None


def test_joining_finds_the_record_a_booking_made(peel, okafor):
    booked = booking_create(
        treatment=peel,
        start=london(2026, 12, 8, 10),
        dermatologist=okafor,
        patient=patient_make(name="Waiting Patient 1", email="waiting1@example.com"),
        intake=intake_make(),
    )

    entry = join(peel)

    assert entry.patient == booked.patient


def test_joining_emails_the_patient_a_link_to_leave(peel, okafor, mailoutbox):
    entry = join(peel, dermatologist=okafor)

    email = OutboxEmail.objects.get(waitlist_entry=entry)
    assert (email.kind, email.recipient) == (EmailKind.WAITLIST_JOINED, "waiting1@example.com")
    assert outbox_deliver(outbox_id=email.pk).status == "sent"
    (message,) = mail.outbox
    body = message.body
    assert message.subject == "You are on our waiting list for Chemical peel"
    assert "Monday 7 December 2026 to Friday 11 December 2026" in body
    assert "Dr Amara Okafor" in body
    assert entry.token in body and entry.leave_url in body
    assert entry.leave_url in message.alternatives[0][0]


@pytest.mark.parametrize(
    ("change", "field", "words"),
    [
        ({"parts": []}, "parts_of_day", "at least one part of the day"),
        ({"parts": ["night"]}, "parts_of_day", "morning, afternoon or evening"),
        ({"first_day": date(2026, 11, 30)}, "first_day", "cannot be in the past"),
        ({"last_day": date(2026, 12, 6)}, "last_day", "on or after the first day"),
        ({"last_day": date(2027, 2, 1)}, "last_day", "up to 26 January 2027"),
        ({"first_day": date(2027, 2, 1)}, "first_day", "up to 26 January 2027"),
        ({"patient": {"email": "not-an-address"}}, "email", "like name@example.com"),
        ({"patient": {"email": " "}}, "email", "Enter an email address"),
        ({"patient": {"email": "a" * 300 + "@example.com"}}, "email", "like name@example.com"),
        ({"patient": {"phone": "12"}}, "phone", "a phone number we can call"),
        ({"patient": {"name": "  "}}, "name", "Enter your full name"),
    ],
)
def test_bad_input_is_refused_naming_the_field(peel, okafor, change, field, words):
    with pytest.raises(WaitlistError) as refused:
        join(peel, **change)

    assert refused.value.field == field
    assert words in refused.value.message
    assert not OutboxEmail.objects.exists()


def test_a_dermatologist_who_does_not_offer_the_treatment_is_refused(peel, okafor):
    other = dermatologist_make(treatments=[], name="Dr Nobody")

    with pytest.raises(WaitlistError, match="Dr Nobody does not offer Chemical peel"):
        join(peel, dermatologist=other)


def test_leaving_ends_the_entry_once(peel, okafor, frozen_clock):
    entry = join(peel)

    waitlist_leave(entry=entry)
    frozen_clock.shift(timedelta(hours=1))
    again = waitlist_leave(entry=entry)

    assert again.end_reason == WaitlistEnd.LEFT
    assert again.ended_at == london(2026, 12, 1, 8)


def _booking(peel, okafor):
    return booking_create(
        treatment=peel,
        start=london(2026, 12, 11, 10),
        dermatologist=okafor,
        patient=patient_make(),
        intake=intake_make(),
    )


def test_joining_from_a_booking_for_an_earlier_time(peel, okafor):
    booking = _booking(peel, okafor)

    entry = waitlist_join_for_booking(
        booking=booking,
        dermatologist=None,
        first_day=MONDAY,
        last_day=date(2026, 12, 11),
        parts_of_day=["morning"],
    )

    assert (entry.booking, entry.patient, entry.email) == (booking, booking.patient, booking.email)
    with pytest.raises(WaitlistError, match="already on the waiting list"):
        waitlist_join_for_booking(
            booking=booking,
            dermatologist=None,
            first_day=MONDAY,
            last_day=MONDAY,
            parts_of_day=["morning"],
        )


def test_joining_from_a_booking_asks_for_days_before_it(peel, okafor):
    booking = _booking(peel, okafor)

    with pytest.raises(WaitlistError, match="Your appointment is on Friday 11 December") as refused:
        waitlist_join_for_booking(
            booking=booking,
            dermatologist=None,
            first_day=MONDAY,
            last_day=date(2026, 12, 14),
            parts_of_day=["morning"],
        )
    assert refused.value.field == "last_day"


def test_joining_from_a_booking_too_close_to_change_is_refused(peel, okafor):
    booking = booking_create(  # reception booked it for this afternoon
        treatment=peel,
        start=london(2026, 12, 1, 14),
        dermatologist=okafor,
        patient=patient_make(),
        intake=intake_make(),
        enforce_notice=False,
    )

    with pytest.raises(WaitlistError, match="can no longer be changed online"):
        waitlist_join_for_booking(
            booking=booking,
            dermatologist=None,
            first_day=date(2026, 12, 1),
            last_day=date(2026, 12, 1),
            parts_of_day=["morning"],
        )


def test_joining_twice_for_the_same_treatment_is_refused_until_the_first_is_left(peel, okafor):
    first = join(peel)

    with pytest.raises(
        WaitlistError, match="already on the waiting list for Chemical peel, from Monday 7"
    ):
        join(peel, first_day=date(2026, 12, 14))
    waitlist_leave(entry=first)

    assert join(peel, first_day=date(2026, 12, 14)).is_waiting
