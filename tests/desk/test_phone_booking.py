"""Booking by phone in the admin, through the same service as the public pages."""

import re

import pytest

from bookings.models import Booking, BookingEvent, BookingStatus
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
    assert booking.status == BookingStatus.REQUESTED
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
    assert (
        "Tuesday 1 December 2026, 2:15pm: Sorry, that time is no longer free. "
        "Please choose another time." in html
    )
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
