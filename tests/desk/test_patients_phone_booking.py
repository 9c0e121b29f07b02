"""Phone booking starts from "Find the patient": a returning patient's details are filled in
and the booking joins their record; a caller not found is booked as a new patient."""

from datetime import date
from html import unescape

import pytest

from bookings.models import Booking, Patient
from tests.desk.patients_helpers import history_make, sarah_make
from tests.desk.test_phone_booking import PHONE_URL, phone_answers
from tests.factories import patient_record_make

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_clock")]


@pytest.fixture
def sarah(db):
    return sarah_make()


def test_finding_by_any_spelling_of_the_phone_lists_the_patient_to_choose(reception, sarah):
    patient_record_make(name="Tom Walsh", email="tom@example.com", phone="07700 900321")

    response = reception.get(PHONE_URL, {"find": "+44 7700 900123", "day": "2026-12-07"})

    assert response.status_code == 200
    assert [p.name for p in response.context["found"]] == ["Sarah Thompson"]
    html = unescape(response.content.decode())
    # The choice keeps the day the page was opened with.
    assert f'href="?day=2026-12-07&patient={sarah.pk}">Book for Sarah Thompson</a>' in html


def test_a_date_of_birth_or_a_name_finds_the_patient_too(reception, sarah):
    by_birth = reception.get(PHONE_URL, {"find": "12/04/1988"}).context["found"]
    by_name = reception.get(PHONE_URL, {"find": "sarah  THOMPSON"}).context["found"]

    assert by_birth == [sarah] and by_name == [sarah]


def test_no_one_found_says_so_and_offers_a_new_patient(reception, sarah):
    response = reception.get(PHONE_URL, {"find": "Nobody Here"})

    html = unescape(response.content.decode())
    assert "No patient found for “Nobody Here”" in html
    assert 'href="#patient-details">Fill in their details below</a>' in html


def test_choosing_the_patient_fills_in_their_details(reception, sarah):
    response = reception.get(PHONE_URL, {"patient": sarah.pk})

    form = response.context["form"]
    assert form["patient_name"].value() == "Sarah Thompson"
    assert form["date_of_birth"].value() == "12/04/1988"
    assert form["email"].value() == "sarah@example.com"
    assert form["phone"].value() == "07700 900123"
    assert form["patient_record"].value() == sarah.pk
    assert "Booking for <strong>Sarah Thompson</strong>" in response.content.decode()


def test_the_booking_joins_the_chosen_record_even_with_a_new_email(reception, sarah, peel, okafor):
    history_make(sarah, peel, okafor, past=1, hour=9)
    answers = phone_answers(
        peel,
        typed_time="14:00",
        patient_name="Sarah Thompson",
        date_of_birth="12/04/1988",
        email="sarah.new@example.com",
        phone="07700 900123",
        patient_record=sarah.pk,
    )

    response = reception.post(f"{PHONE_URL}?patient={sarah.pk}", answers)

    assert response.status_code == 302
    booking = Booking.objects.get(email="sarah.new@example.com")
    assert booking.patient == sarah
    assert Patient.objects.count() == 1


def test_a_caller_not_found_is_made_a_new_patient_by_the_booking(reception, sarah, peel, okafor):
    response = reception.post(PHONE_URL, phone_answers(peel, typed_time="14:00"))

    assert response.status_code == 302
    khan = Patient.objects.get(name="Mohammed Khan")
    assert (khan.date_of_birth, khan.email, khan.phone) == (
        date(1975, 9, 30),
        "m.khan@example.com",
        "+447700900456",
    )
    assert Booking.objects.get().patient == khan


def test_a_refusal_keeps_the_chosen_patient_and_everything_typed(reception, sarah, peel, okafor):
    answers = phone_answers(
        peel,
        typed_time="14:00",
        patient_name="Sarah Thompson",
        date_of_birth="12/04/1988",
        email="sarah@example.com",
        phone="07700 900123",
        patient_record=sarah.pk,
        consent_by_phone=None,
        note="Left cheek",
    )

    response = reception.post(PHONE_URL, answers)

    html = unescape(response.content.decode())
    assert response.status_code == 200
    assert "Ask the patient for their consent and tick the box." in html
    assert "Booking for <strong>Sarah Thompson</strong>" in html
    assert f'name="patient_record" value="{sarah.pk}"' in html
    assert "Left cheek" in html
    assert not Booking.objects.exists()


def test_an_anonymised_record_cannot_be_chosen(reception, sarah, peel, okafor):
    Patient.objects.filter(pk=sarah.pk).update(anonymised_at=sarah.created_at)

    response = reception.post(
        PHONE_URL, phone_answers(peel, typed_time="14:00", patient_record=sarah.pk)
    )

    assert response.status_code == 200
    assert "That patient record is no longer there: find again." in response.content.decode()
    assert not Booking.objects.exists()
