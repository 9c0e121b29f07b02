"""Which patients get texts, about what, and what a text says."""

from datetime import timedelta

import pytest

from bookings.change_services import booking_cancel, booking_move
from bookings.day_services import booking_confirm
from bookings.models import Channel, EmailKind, OutboxEmail
from bookings.notify.outbox import reminders_make_due
from bookings.notify.texts import (
    MAX_SEGMENTS,
    TEXT_BUILDERS,
    Segments,
    text_body,
    text_segments,
)
from bookings.phones import phone_is_uk_mobile
from tests.factories import NOW, staff_user_make
from tests.notify.texting import text_of, texting_booking_make

LATER = NOW.replace(day=4, hour=14)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_clock")]


@pytest.mark.parametrize(
    "body, encoding, units, count",
    [
        pytest.param("a" * 160, "GSM-7", 160, 1, id="gsm-160"),
        pytest.param("a" * 161, "GSM-7", 161, 2, id="gsm-161"),
        pytest.param("a" * 306, "GSM-7", 306, 2, id="gsm-306"),
        pytest.param("a" * 307, "GSM-7", 307, 3, id="gsm-307"),
        # The extension table: two septets each.
        pytest.param("€" * 80, "GSM-7", 160, 1, id="euro-80"),
        pytest.param("€" * 81, "GSM-7", 162, 2, id="euro-81"),
        # One ł sends the whole text as UCS-2.
        pytest.param("Paweł" + "a" * 65, "UCS-2", 70, 1, id="polish-70"),
        pytest.param("Paweł" + "a" * 66, "UCS-2", 71, 2, id="polish-71"),
        # An emoji is two UTF-16 units.
        pytest.param("😀" * 35, "UCS-2", 70, 1, id="emoji-35"),
        pytest.param("😀" * 67, "UCS-2", 134, 2, id="emoji-67"),
        pytest.param("😀" * 68, "UCS-2", 136, 3, id="emoji-68"),
    ],
)
def test_segments_are_counted_in_gsm_7_or_in_ucs_2_when_a_character_needs_it(
    body, encoding, units, count
):
    assert text_segments(body) == Segments(encoding, units, count)


@pytest.mark.parametrize(
    "phone, mobile",
    [
        ("+447700900123", True),
        ("+447911123456", True),
        ("+447624123456", True),  # Isle of Man
        ("+442079460000", False),  # a London landline
        ("+447012345678", False),  # a personal number
        ("+447612345678", False),  # a pager
        ("+33612345678", False),  # a French mobile
        ("07700 900123", False),  # kept as typed: unreadable
    ],
)
def test_only_uk_mobiles_get_texts(phone, mobile):
    assert phone_is_uk_mobile(phone) is mobile


def test_a_patient_who_chose_texts_gets_the_confirmation_by_text_as_well_as_by_email():
    booking = texting_booking_make()

    text = text_of(booking)
    assert text.recipient == "+447700900123"
    assert OutboxEmail.objects.filter(booking=booking, channel=Channel.EMAIL).count() == 1


def test_no_text_for_a_patient_who_did_not_choose_texts_or_has_no_mobile():
    no_choice = texting_booking_make(texts=False)
    landline = texting_booking_make(phone="020 7946 0000", email="other@example.com", start=LATER)

    assert not OutboxEmail.objects.filter(channel=Channel.TEXT).exists()
    assert no_choice.emails.count() == landline.emails.count() == 1


@pytest.mark.parametrize("kind", sorted(TEXT_BUILDERS))
def test_every_text_fits_two_segments_and_names_no_one(kind):
    booking = texting_booking_make(name="Zofia Wąsowska-Kowalczyk")
    booking.treatment.name = "Milia extraction with a very long name " * 3

    body = text_body(kind=kind, booking=booking)

    assert text_segments(body).count <= MAX_SEGMENTS
    assert "Zofia" not in body and "Okafor" not in body
    assert booking.get_absolute_url() in body
    assert "10:00am" in body


def test_a_text_with_a_character_outside_gsm_drops_the_treatment_name_to_fit():
    booking = texting_booking_make()
    booking.treatment.name = "Łagodne usuwanie prosaków 😀"

    body = text_body(kind=EmailKind.REMINDER, booking=booking)

    assert text_segments(body).count <= MAX_SEGMENTS
    assert "your appointment" in body


def test_the_clinic_cancelling_texts_the_patient_but_the_patient_cancelling_does_not():
    by_patient = texting_booking_make()
    by_clinic = texting_booking_make(email="second@example.com", name="Second", start=LATER)
    desk = staff_user_make("desk", group="Reception")

    booking_cancel(booking=by_patient, now=NOW)
    booking_cancel(booking=by_clinic, by_user=desk, reason="Dermatologist ill", now=NOW)

    assert not OutboxEmail.objects.filter(
        booking=by_patient, kind=EmailKind.CANCELLED, channel=Channel.TEXT
    ).exists()
    assert text_of(by_clinic, EmailKind.CANCELLED).recipient == "+447700900123"


def test_staff_moving_an_appointment_texts_the_patient():
    booking = texting_booking_make()
    desk = staff_user_make("desk", group="Reception")

    booking_move(booking=booking, start=booking.starts_at.replace(hour=11), by_user=desk, now=NOW)

    assert text_of(booking, EmailKind.MOVED).recipient == "+447700900123"


def test_the_patient_moving_it_online_gets_no_text():
    booking = texting_booking_make()

    booking_move(booking=booking, start=booking.starts_at.replace(hour=11), now=NOW)

    assert not OutboxEmail.objects.filter(kind=EmailKind.MOVED, channel=Channel.TEXT).exists()


def test_the_reminder_goes_by_text_as_well_as_by_email(frozen_clock):
    booking = texting_booking_make()
    frozen_clock.move_to(booking.starts_at - timedelta(hours=20))

    assert reminders_make_due() == 1

    assert text_of(booking, EmailKind.REMINDER).recipient == "+447700900123"
    assert booking.emails.filter(kind=EmailKind.REMINDER, channel=Channel.EMAIL).exists()
    assert reminders_make_due() == 0  # made once, whatever the channels


def test_a_request_is_texted_when_made_and_again_when_reception_confirms_it():
    booking = texting_booking_make(confirm=False)
    assert text_of(booking, EmailKind.REQUESTED).recipient == "+447700900123"
    assert not OutboxEmail.objects.filter(kind=EmailKind.CONFIRMED, channel=Channel.TEXT).exists()

    booking_confirm(booking=booking, by_user=staff_user_make("desk", group="Reception"), now=NOW)

    assert text_of(booking, EmailKind.CONFIRMED).recipient == "+447700900123"
