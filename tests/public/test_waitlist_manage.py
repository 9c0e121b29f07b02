"""A patient with a booking waits for an earlier time, from the booking's manage page."""

import re

import pytest
from django.urls import reverse

from bookings.models import WaitlistEntry
from bookings.services import booking_create
from tests.factories import booking_booked, intake_make, london, patient_make
from tests.waitlist_rows import entry_row_make

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.usefixtures("frozen_clock"),
]

MONDAY_9 = london(2026, 12, 7, 9)


def text_of(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


@pytest.fixture
def booking(peel, okafor):
    return booking_booked(treatment=peel, start=MONDAY_9, dermatologist=okafor)


def join_url(booking):
    return reverse("bookings:waitlist-join-earlier", kwargs={"token": booking.manage_token})


def test_the_manage_page_offers_the_waiting_list_for_an_earlier_time(client, booking):
    html = client.get(booking.get_absolute_url()).content.decode()

    assert "Want an earlier time?" in html
    assert f'href="{join_url(booking)}"' in html


def test_the_form_asks_only_when_until_the_day_before_the_booking(client, booking, okafor):
    html = client.get(join_url(booking)).content.decode()

    assert "Monday 7 December 2026 at 9:00am" in text_of(html)
    assert "your appointment moves to that time" in text_of(html)
    assert 'name="first_day" value="2026-12-01"' in html
    assert 'name="last_day" value="2026-12-06"' in html
    assert f'<option value="{okafor.pk}" selected>' in html
    assert 'name="email"' not in html and 'name="name"' not in html
    assert "privacy notice" in html


def test_days_after_the_booking_are_refused(client, booking):
    response = client.post(
        join_url(booking),
        {
            "dermatologist": "any",
            "first_day": "2026-12-02",
            "last_day": "2026-12-09",
            "parts_of_day": ["morning"],
            "privacy_consent": "on",
        },
    )

    assert response.status_code == 400
    assert "Choose a last day on or before Sunday 6 December 2026." in text_of(
        response.content.decode()
    )
    assert not WaitlistEntry.objects.exists()


def test_joining_returns_to_the_booking_which_then_says_it_waits(client, booking):
    response = client.post(
        join_url(booking),
        {
            "dermatologist": "any",
            "first_day": "2026-12-02",
            "last_day": "2026-12-04",
            "parts_of_day": ["morning", "afternoon"],
            "privacy_consent": "on",
        },
    )

    assert response.status_code == 302 and response["Location"] == booking.get_absolute_url()
    entry = WaitlistEntry.objects.get()
    assert entry.booking == booking and entry.dermatologist is None
    page = text_of(client.get(booking.get_absolute_url()).content.decode())
    assert "You are on the waiting list for an earlier time" in page
    assert "Wed 2 Dec to Fri 4 Dec" in page
    assert "Leave the waiting list" in page and "Want an earlier time?" not in page


def test_a_booking_already_waiting_shows_its_entry_not_the_form_link(client, booking, peel):
    entry = entry_row_make(treatment=peel, booking=booking, patient=booking.patient)

    html = client.get(booking.get_absolute_url()).content.decode()

    assert f'href="{entry.leave_url}"' in html
    assert "Want an earlier time?" not in html


def test_a_booking_too_close_to_change_offers_no_waiting_list(client, peel, okafor, frozen_clock):
    frozen_clock.move_to(london(2026, 12, 6, 12))  # under 24 hours before it

    booking = booking_create(
        treatment=peel,
        start=MONDAY_9,
        dermatologist=okafor,
        patient=patient_make(),
        intake=intake_make(),
        enforce_notice=False,
    )

    assert "Want an earlier time?" not in client.get(booking.get_absolute_url()).content.decode()
    assert client.get(join_url(booking)).status_code == 302


def test_the_move_page_offers_the_waiting_list_for_an_earlier_time_too(client, booking):
    html = client.get(
        reverse("bookings:move", kwargs={"token": booking.manage_token})
    ).content.decode()

    assert "None of these suit?" in html
    assert f'href="{join_url(booking)}"' in html
