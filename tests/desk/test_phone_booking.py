"""Booking by phone in the admin, through the same service as the public pages."""

import re
from datetime import time
from html import unescape

import pytest

from bookings.models import (
    Booking,
    BookingEvent,
    BookingStatus,
    ClinicClosure,
    EmailKind,
    OutboxEmail,
    TimeOff,
)
from bookings.notify.emails import email_message
from tests.desk.helpers import (
    TODAY_10,
    TODAY_14,
    change_url,
    row,
)
from tests.factories import (
    london,
    treatment_make,
)

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.usefixtures("frozen_clock"),
]


PHONE_URL = "/admin/bookings/booking/add/"


def phone_answers(treatment, **overrides):
    answers = {
        "treatment": treatment.pk,
        "day": "2026-12-01",
        "dermatologist": "",
        "typed_time": "",
        "patient_name": "Mohammed Khan",
        "date_of_birth": "30/09/1975",
        "email": "m.khan@example.com",
        "phone": "07700 900456",
        "areas": ["nose"],
        "how_long": "over_1_year",
        "how_many": "1_to_5",
        "tried_home_removal": "yes",
        "warning_signs": ["changing"],
        "pregnancy": "no",
        "consent_by_phone": "on",
        "submission_key": "0f7f3f6e-5a0c-4d43-9a52-111111111111",
        "_book": "Book this appointment",
    }
    answers.update(overrides)
    return {key: value for key, value in answers.items() if value is not None}


def test_a_phone_booking_for_later_today_is_accepted(reception, receptionist, peel, okafor):
    response = reception.post(
        PHONE_URL, phone_answers(peel, typed_time="14:00", dermatologist=okafor.pk)
    )

    booking = Booking.objects.get()
    assert response.status_code == 302
    assert response.url == change_url(booking)
    assert (booking.starts_at, booking.dermatologist) == (TODAY_14, okafor)
    assert booking.created_by == receptionist
    assert booking.status == BookingStatus.CONFIRMED
    assert booking.needs_attention is True
    assert booking.areas == ["nose"] and booking.tried_home_removal is True
    event = booking.events.get()
    assert (event.kind, event.by_user, event.detail) == (
        BookingEvent.Kind.CREATED,
        receptionist,
        "Privacy consent given by phone.",
    )


def test_a_phone_booking_posted_twice_books_once(reception, peel, okafor):
    reception.post(PHONE_URL, phone_answers(peel, typed_time="14:00"))
    second = reception.post(PHONE_URL, phone_answers(peel, typed_time="14:00"))

    assert second.status_code == 302
    assert Booking.objects.count() == 1


def test_a_phone_booking_over_another_is_refused_with_the_nearest_times_and_keeps_the_answers(
    reception, peel, okafor
):
    row(peel, okafor, TODAY_14)

    response = reception.post(
        PHONE_URL,
        phone_answers(peel, typed_time="14:15", dermatologist=okafor.pk, note="Prefers mornings"),
    )

    html = response.content.decode()
    assert response.status_code == 409
    assert Booking.objects.count() == 1
    assert "Tuesday 1 December 2026, 2:15pm: It overlaps a booking at 2:00 to 2:45pm." in html
    assert "Nothing has been booked yet" in html
    assert re.findall(r'name="choose" value="([^"]+)"', html) == [
        "2026-12-01T13:15:00+00:00",
        "2026-12-01T14:45:00+00:00",
        "2026-12-01T15:00:00+00:00",
    ]
    for kept in ['value="Mohammed Khan"', 'value="m.khan@example.com"', "Prefers mornings"]:
        assert kept in html
    assert re.search(r'value="over_1_year"[^>]*checked', html)
    assert re.search(r'name="consent_by_phone"[^>]*checked', html)


def test_choosing_one_of_the_nearest_times_books_it(reception, peel, okafor):
    row(peel, okafor, TODAY_14)

    reception.post(
        PHONE_URL,
        phone_answers(
            peel, typed_time="14:15", dermatologist=okafor.pk, choose="2026-12-01T14:45:00+00:00"
        ),
    )

    assert Booking.objects.filter(patient_name="Mohammed Khan").get().starts_at == london(
        2026, 12, 1, 14, 45
    )


def test_show_free_times_lists_the_days_times_without_complaining_about_the_rest(
    reception, peel, okafor, raman
):
    row(peel, okafor, TODAY_10)

    response = reception.post(
        PHONE_URL,
        {"treatment": peel.pk, "day": "2026-12-01", "patient_name": "Half typed", "_show": "1"},
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert "errorlist" not in html
    assert 'value="Half typed"' in html
    times = dict(re.findall(r'value="(2026-12-01T[^"]+)"[^>]*>\s*([^<]+)', html))
    # 10am is taken for Dr Okafor, so only Dr Raman is free then; 8am has passed.
    assert times["2026-12-01T10:00:00+00:00"].strip() == "10:00am · Dr Priya Raman"
    assert times["2026-12-01T11:00:00+00:00"].strip() == "11:00am · Dr Amara Okafor, Dr Priya Raman"
    assert "2026-12-01T08:00:00+00:00" not in times


def test_a_time_picked_from_the_list_is_booked(reception, peel, okafor):
    reception.post(PHONE_URL, phone_answers(peel, slot="2026-12-01T15:30:00+00:00"))

    assert Booking.objects.get().starts_at == london(2026, 12, 1, 15, 30)


def test_the_phone_form_asks_for_a_time_consent_and_the_intake_answers(reception, peel, okafor):
    response = reception.post(
        PHONE_URL, phone_answers(peel, consent_by_phone=None, how_many=None, areas=None)
    )

    html = response.content.decode()
    assert Booking.objects.count() == 0
    assert "Ask the patient for their consent and tick the box." in html
    assert "Choose roughly how many there are." in html
    assert "Choose where the bumps are." in html

    no_time = reception.post(PHONE_URL, phone_answers(peel))
    assert "Choose one of the free times, or type a time." in no_time.content.decode()
    assert Booking.objects.count() == 0


def test_the_phone_form_refuses_a_dermatologist_who_does_not_offer_the_treatment(
    reception, peel, okafor
):
    laser = treatment_make(name="Laser treatment")

    response = reception.post(
        PHONE_URL, phone_answers(laser, typed_time="14:00", dermatologist=okafor.pk)
    )

    assert "Dr Amara Okafor does not offer Laser treatment." in response.content.decode()
    assert Booking.objects.count() == 0


def test_a_phone_booking_is_confirmed_at_once_with_the_confirmed_email_and_invite(
    reception, peel, okafor
):
    reception.post(PHONE_URL, phone_answers(peel, typed_time="14:00"))

    booking = Booking.objects.get()
    assert booking.status == BookingStatus.CONFIRMED
    assert booking.confirmed_at is not None
    email = OutboxEmail.objects.get()
    assert email.kind == EmailKind.CONFIRMED
    message = email_message(email)
    assert any(name == "appointment.ics" for name, _, _ in message.attachments)


def test_leave_as_a_request_keeps_it_requested_with_no_new_request_note_to_reception(
    reception, peel, okafor
):
    reception.post(PHONE_URL, phone_answers(peel, typed_time="14:00", leave_as_request="on"))

    assert Booking.objects.get().status == BookingStatus.REQUESTED
    assert list(OutboxEmail.objects.values_list("kind", flat=True)) == [EmailKind.REQUESTED]


def show_times(reception, peel, dermatologist, day):
    return reception.post(
        PHONE_URL,
        phone_answers(peel, day=day, dermatologist=dermatologist.pk, _book=None, _show="1"),
    ).content.decode()


@pytest.mark.parametrize(
    ("setup", "reason"),
    [
        ("leave", "Dr Amara Okafor is away (Annual leave)."),
        ("closure", "The clinic is closed that day (Staff training)."),
        ("not_working", "Not a working day for Dr Amara Okafor (no hours on Tuesdays)."),
        ("fully_booked", "Dr Amara Okafor is fully booked."),
    ],
)
def test_a_day_with_no_free_times_says_why_and_offers_the_next_day_with_one(
    reception, peel, okafor, setup, reason
):
    tuesday = london(2026, 12, 1).date()
    if setup == "leave":
        TimeOff.objects.create(
            dermatologist=okafor,
            starts_at=london(2026, 12, 1),
            ends_at=london(2026, 12, 2),
            reason="Annual leave",
        )
    elif setup == "closure":
        ClinicClosure.objects.create(first_day=tuesday, last_day=tuesday, reason="Staff training")
    elif setup == "not_working":
        okafor.working_hours.filter(weekday=1).delete()
    else:
        okafor.working_hours.filter(weekday=1).update(ends=time(10, 0))
        row(peel, okafor, london(2026, 12, 1, 9, 0))

    html = show_times(reception, peel, okafor, "2026-12-01")

    assert "No free times that day." in html
    assert reason in unescape(html)
    assert 'name="_day" value="2026-12-02"' in html
    assert "Wednesday 2 December 2026" in html


def test_the_next_free_day_button_shows_that_days_times_and_keeps_what_was_typed(
    reception, peel, okafor
):
    answers = phone_answers(peel, dermatologist=okafor.pk, _book=None, _day="2026-12-02")

    html = reception.post(PHONE_URL, answers).content.decode()

    assert "Free times on Wednesday 2 December 2026" in html
    assert 'name="slot" value="2026-12-02T09:00:00+00:00"' in html
    assert 'value="Mohammed Khan"' in html
    assert Booking.objects.count() == 0
