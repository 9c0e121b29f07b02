"""The details form's answers: safety advice, each mistake's message, children, double submits."""

import re

import pytest
from django.urls import reverse

from bookings.models import Booking
from tests.care_boxes import care_boxes
from tests.factories import booking_row_make
from tests.public import test_booking_flow as flow
from tests.public.test_booking_flow import (
    MONDAY_9,
    post_details,
    valid_answers,
)

extraction = flow.extraction  # the same fixtures as the booking pages' tests
okafor = flow.okafor

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.usefixtures("frozen_clock"),
]


def test_warning_signs_show_safety_advice_and_flag_the_booking(client, extraction, okafor):
    post_details(
        client, extraction, MONDAY_9, tried_home_removal="yes", warning_signs=["infection"]
    )

    html = client.get(reverse("bookings:confirmation")).content.decode()
    assert "Call 999 or go to A&amp;E now if" in html
    assert Booking.objects.get().needs_attention is True


def test_worrying_answers_show_999_then_111_then_gp_each_in_its_own_box(client, extraction, okafor):
    post_details(
        client, extraction, MONDAY_9, tried_home_removal="yes", warning_signs=["infection"]
    )

    html = client.get(reverse("bookings:confirmation")).content.decode()
    boxes = care_boxes(html)

    assert [box["tier"] for box in boxes] == ["999", "111", "gp"]
    assert [box["heading"] for box in boxes] == [
        "Emergency: Call 999 or go to A&E now if",
        "Urgent: Call 111 now if",
        "Not urgent: See a GP if",
    ]
    assert "very unwell" in boxes[0]["body"] and "your sight changes" in boxes[0]["body"]
    assert "painful, hot and swollen, especially on your face" in boxes[1]["body"]
    assert "has not healed after 4 weeks" in boxes[2]["body"]
    assert "today or tomorrow" not in html


def test_routine_answers_show_no_safety_advice(client, extraction, okafor):
    post_details(client, extraction, MONDAY_9)

    assert (
        "see a GP or pharmacist"
        not in client.get(reverse("bookings:confirmation")).content.decode()
    )


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("patient_name", "", "Enter the patient&#x27;s full name."),
        ("patient_name", "12345", "Enter the patient&#x27;s name using letters."),
        ("date_of_birth", "", "Enter the patient&#x27;s date of birth."),
        (
            "date_of_birth",
            "31/02/1990",
            "Enter the date of birth as day, month and year, for example 27/03/1985.",
        ),
        (
            "date_of_birth",
            "yesterday",
            "Enter the date of birth as day, month and year, for example 27/03/1985.",
        ),
        ("date_of_birth", "01/01/2030", "The date of birth must be in the past."),
        ("date_of_birth", "01/01/1850", "Check the year of birth: it is more than 120 years ago."),
        ("email", "", "Enter an email address."),
        ("email", "sarah@", "Enter an email address in the right format, like name@example.com."),
        ("phone", "", "Enter a phone number."),
        (
            "phone",
            "call me",
            "Enter a phone number using only numbers, spaces, brackets and +, like 07700 900123.",
        ),
        (
            "phone",
            "0770",
            "Enter a phone number we can call, like 07700 900123, or with the country code "
            "for a number outside the UK, like +33 1 23 45 67 89.",
        ),
        (
            "areas",
            None,
            "Choose where the bumps are. Choose &#x27;Somewhere else&#x27; if none fit.",
        ),
        ("areas", ["chin"], "Select a valid choice. chin is not one of the available choices."),
        ("how_long", None, "Choose how long you have had them."),
        ("how_many", None, "Choose roughly how many there are."),
        ("tried_home_removal", None, "Choose yes if you have tried to remove any at home, or no."),
        (
            "pregnancy",
            None,
            "Choose an answer about pregnancy. You can choose &#x27;I would rather not say&#x27;.",
        ),
        (
            "privacy_consent",
            None,
            "Tick the box to agree to the privacy notice, so we can use your answers.",
        ),
        ("note", "x" * 2001, "Ensure this value has at most 2000 characters (it has 2001)."),
    ],
)
def test_each_mistake_gets_its_own_message_and_keeps_what_was_typed(
    client, extraction, okafor, field, value, message
):
    response = post_details(client, extraction, MONDAY_9, **{field: value})

    html = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in html
    assert message in html
    assert 'value="sarah.thompson@example.com"' in html or field == "email"
    assert "They are mostly under my left eye." in html or field == "note"
    assert Booking.objects.count() == 0


def test_a_child_under_16_needs_a_parent_or_guardian(client, extraction, okafor):
    response = post_details(client, extraction, MONDAY_9, date_of_birth="01/06/2015")

    html = response.content.decode()
    assert (
        "The patient is under 16, so a parent or guardian must book. Enter your full name." in html
    )
    assert "Enter your relationship to the child, for example mother." in html

    post_details(
        client,
        extraction,
        MONDAY_9,
        date_of_birth="01/06/2015",
        guardian_name="Helen Thompson",
        guardian_relationship="Mother",
    )
    booking = Booking.objects.get()
    assert (booking.guardian_name, booking.guardian_relationship) == ("Helen Thompson", "Mother")


def test_guardian_answers_are_not_kept_for_an_adult(client, extraction, okafor):
    post_details(
        client, extraction, MONDAY_9, guardian_name="Someone", guardian_relationship="Friend"
    )

    assert Booking.objects.get().guardian_name == ""


def test_a_double_submit_makes_one_booking(client, extraction, okafor):
    key = "6f1c1a52-94c3-4d0e-9f44-2f1c6a1f0b11"

    first = post_details(client, extraction, MONDAY_9, submission_key=key)
    second = post_details(client, extraction, MONDAY_9, submission_key=key)

    assert first.status_code == second.status_code == 302
    assert Booking.objects.count() == 1


def test_a_slot_taken_while_typing_keeps_everything_and_offers_the_nearest_times(
    client, extraction, okafor
):
    booking_row_make(treatment=extraction, dermatologist=okafor, start=MONDAY_9)

    response = post_details(client, extraction, MONDAY_9)

    html = response.content.decode()
    assert response.status_code == 409
    assert "Sorry, that time is no longer free. Please choose another time." in html
    assert "Everything you typed is kept" in html
    assert 'value="sarah.thompson@example.com"' in html
    choices = re.findall(r'name="choose" value="([^"]+)"', html)
    assert choices and all("|any" in choice for choice in choices)

    chosen = client.post(
        reverse("bookings:details", args=[extraction.slug]),
        {
            "start": MONDAY_9.isoformat(),
            "dermatologist": "any",
            "choose": choices[0],
            **valid_answers(),
        },
    )
    assert chosen.status_code == 302
    assert Booking.objects.filter(email="sarah.thompson@example.com").count() == 1
