"""The booking form's suitability questions, by treatment, and the mark an answer sets."""

import json
import logging

import pytest
from crispy_forms.utils import render_crispy_form
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import reverse

from bookings.models import Booking
from bookings.public.forms import BookingDetailsForm
from bookings.services import booking_create
from tests.conftest import login_with_second_factor
from tests.factories import (
    booking_row_make,
    dermatologist_make,
    intake_make,
    london,
    patient_make,
    treatment_make,
)
from tests.public.test_booking_flow import MONDAY_9, details_url, post_details

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.usefixtures("frozen_clock"),
]

LASER_ANSWERS = {
    "suitability_isotretinoin": "no",
    "suitability_cold_sores": "no",
    "suitability_blood_thinners": "no",
    "suitability_tanned": "no",
    "skin_type": "never_burns",
}


@pytest.fixture
def laser():
    return treatment_make(name="Laser treatment", slug="laser-treatment", duration_minutes=30)


@pytest.fixture
def laser_peel_extraction(laser, peel, extraction):
    dermatologist_make(treatments=[laser, peel, extraction], name="Dr Amara Okafor")
    return laser, peel, extraction


def form_html(client, treatment) -> str:
    response = client.get(details_url(treatment, MONDAY_9))
    assert response.status_code == 200
    return response.content.decode()


def test_each_treatment_asks_only_the_questions_that_apply_to_it(client, laser_peel_extraction):
    laser, peel, extraction = laser_peel_extraction

    laser_html = form_html(client, laser)
    peel_html = form_html(client, peel)
    extraction_html = form_html(client, extraction)

    assert 'id="suitability-questions"' in laser_html
    assert "isotretinoin tablets" in laser_html and "isotretinoin tablets" in peel_html
    assert "Do you get cold sores?" in laser_html and "Do you get cold sores?" in peel_html
    assert "Are you allergic to aspirin?" in peel_html
    assert "Are you allergic to aspirin?" not in laser_html
    assert "thins your blood" in extraction_html and "thins your blood" in laser_html
    assert "thins your blood" not in peel_html
    assert "sunbed or fake tan" in laser_html and "sunbed or fake tan" not in peel_html
    assert "your skin in the sun" in laser_html and "your skin in the sun" not in peel_html
    assert "isotretinoin" not in extraction_html


def test_a_treatment_without_questions_shows_no_empty_group(client):
    consultation = treatment_make(name="General consultation", slug="general-consultation")
    dermatologist_make(treatments=[consultation])

    assert 'id="suitability-questions"' not in form_html(client, consultation)


def test_an_unanswered_question_is_refused_in_plain_words_keeping_what_was_typed(
    client, laser_peel_extraction
):
    laser = laser_peel_extraction[0]

    response = post_details(
        client, laser, MONDAY_9, **{**LASER_ANSWERS, "suitability_tanned": None}
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert "Choose an answer. You can choose &#x27;I am not sure&#x27;." in html
    assert 'value="Sarah Thompson"' in html
    assert not Booking.objects.exists()


def test_all_no_answers_and_darker_skin_set_no_mark(client, laser_peel_extraction):
    laser = laser_peel_extraction[0]

    post_details(client, laser, MONDAY_9, **LASER_ANSWERS)

    booking = Booking.objects.get()
    assert booking.suitability_answers == {
        "isotretinoin": "no",
        "cold_sores": "no",
        "blood_thinners": "no",
        "tanned": "no",
    }
    assert booking.skin_type == "never_burns"  # information only
    assert not booking.discuss_suitability
    assert not booking.needs_attention


@pytest.mark.parametrize(("answer", "marked"), [("yes", True), ("not_sure", True), ("no", False)])
def test_a_yes_or_not_sure_sets_the_discuss_mark_not_the_safety_flag(
    client, laser_peel_extraction, answer, marked
):
    laser = laser_peel_extraction[0]

    response = post_details(
        client, laser, MONDAY_9, **{**LASER_ANSWERS, "suitability_isotretinoin": answer}
    )

    booking = Booking.objects.get()
    assert booking.discuss_suitability is marked
    assert booking.needs_attention is False
    page = client.get(response.url).content.decode()
    assert ("We will talk about your answers" in page) is marked
    assert "Some of your answers need attention sooner" not in page


def test_pregnancy_marks_a_peel_but_not_an_extraction(laser_peel_extraction):
    _, peel, extraction = laser_peel_extraction
    intake = intake_make(pregnancy="pregnant")

    peel_booking = booking_create(
        treatment=peel, start=MONDAY_9, dermatologist=None, patient=patient_make(), intake=intake
    )
    extraction_booking = booking_create(
        treatment=extraction,
        start=london(2026, 12, 8, 9),
        dermatologist=None,
        patient=patient_make(),
        intake=intake,
    )

    assert peel_booking.discuss_suitability
    assert not extraction_booking.discuss_suitability


def test_the_answers_never_reach_the_logs(client, laser_peel_extraction, caplog):
    laser = laser_peel_extraction[0]
    caplog.set_level(logging.DEBUG)

    post_details(client, laser, MONDAY_9, **{**LASER_ANSWERS, "suitability_cold_sores": "yes"})

    assert Booking.objects.get().discuss_suitability
    logged = caplog.text.lower()
    assert "cold sore" not in logged and "cold_sores" not in logged
    assert "never_burns" not in logged


def suitable_row(treatment, dermatologist, **fields):
    return booking_row_make(
        treatment=treatment,
        dermatologist=dermatologist,
        start=london(2026, 12, 9, 9, 30),
        patient_name="Sarah Thompson",
        suitability_answers={"cold_sores": "yes", "isotretinoin": "no"},
        skin_type="rarely_burns",
        discuss_suitability=True,
        **fields,
    )


def test_the_dermatologists_day_and_week_show_the_mark_and_the_answers(client, peel):
    okafor = dermatologist_make(treatments=[peel], name="Dr Amara Okafor")
    okafor.user.groups.add(Group.objects.get(name="Dermatologists"))
    suitable_row(peel, okafor)
    login_with_second_factor(client, okafor.user)

    day = client.get(reverse("staff:schedule"), {"day": "2026-12-09"}).content.decode()
    week = client.get(reverse("staff:schedule_week"), {"week": "2026-12-09"}).content.decode()

    assert "Discuss suitability:</strong> Do you get cold sores? Yes." in day
    assert "Brown: rarely burns, tans easily" in day
    assert "Safety flag" not in day
    assert "Discuss suitability" in week


def test_receptions_day_list_shows_the_mark(reception, peel, okafor):
    suitable_row(peel, okafor)

    html = reception.get(
        reverse("admin:bookings_booking_day"), {"day": "2026-12-09"}
    ).content.decode()

    assert "Discuss suitability" in html
    assert "Yes: check answers" not in html


def test_the_export_holds_the_suitability_answers(peel, okafor, tmp_path):
    suitable_row(peel, okafor, email="sarah@example.com")
    out = tmp_path / "sarah.json"

    call_command("patient_export", "--email", "sarah@example.com", "--out", str(out))

    answers = json.loads(out.read_text())["bookings"][0]["answers"]
    assert answers["suitability"] == [
        "Do you get cold sores? Yes",
        "Have you taken isotretinoin tablets (such as Roaccutane) in the last 6 months? No",
    ]
    assert answers["skin_type"] == "Brown: rarely burns, tans easily"
    assert answers["discuss_suitability"] is True


def test_the_blank_form_kept_for_one_treatment_never_shows_on_another(
    client, laser_peel_extraction, settings
):
    settings.DEBUG = False  # blank forms are kept only then
    laser, peel, extraction = laser_peel_extraction

    for _ in range(2):  # made, then kept
        laser_html, peel_html, extraction_html = (
            form_html(client, treatment) for treatment in (laser, peel, extraction)
        )
        assert "sunbed or fake tan" in laser_html and "sunbed or fake tan" not in peel_html
        assert "Are you allergic to aspirin?" in peel_html
        assert "Are you allergic to aspirin?" not in laser_html
        assert "thins your blood" in extraction_html and "isotretinoin" not in extraction_html


def test_the_kept_blank_form_is_what_crispy_forms_renders(laser, settings):
    settings.DEBUG = False
    kept = BookingDetailsForm.blank_html(laser)

    assert BookingDetailsForm.blank_html(laser) is kept
    assert kept == render_crispy_form(BookingDetailsForm(treatment=laser))
