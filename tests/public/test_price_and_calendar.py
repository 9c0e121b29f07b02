"""What the price covers, said once and the same everywhere; the appointment into a calendar."""

import re
from datetime import time

import pytest
from django.urls import reverse
from icalendar import Calendar

from bookings.models import Booking, BookingStatus, EmailKind, OutboxEmail
from bookings.notify.emails import email_message
from tests.factories import dermatologist_make, london, treatment_make
from tests.public.test_booking_flow import details_url, post_details

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_clock")]

MONDAY_9 = london(2026, 12, 7, 9, 0)


@pytest.fixture
def extraction():
    treatment = treatment_make(
        name="Milia extraction",
        slug="milia-extraction",
        price="180",
        price_covers="covers the consultation and, if it is right for you, extraction on the day.",
        guide_url="/milia/treatments/extraction/",
    )
    dermatologist_make(
        treatments=[treatment],
        name="Dr Amara Okafor",
        post_nominals="MBBS, MRCP (Dermatology)",
        gmc_number="7012345",
        special_interests="Eyelid milia",
        hours={0: [(time(9), time(12))]},
    )
    return treatment


STATEMENT = "£180 covers the consultation and, if it is right for you, extraction on the day."


def test_every_booking_page_with_a_price_says_what_it_covers_in_the_same_words(client, extraction):
    pages = [
        reverse("bookings:start"),
        reverse("bookings:slots", args=[extraction.slug]),
        details_url(extraction, MONDAY_9),
    ]
    for url in pages:
        html = client.get(url).content.decode()
        assert html.count(STATEMENT) == 1, url

    post_details(client, extraction, MONDAY_9)
    assert STATEMENT in client.get(reverse("bookings:confirmation")).content.decode()
    booking = Booking.objects.get()
    assert STATEMENT in client.get(booking.get_absolute_url()).content.decode()


def test_the_emails_say_the_same_about_the_price_and_name_the_dermatologist(client, extraction):
    post_details(client, extraction, MONDAY_9)
    email = OutboxEmail.objects.get(kind=EmailKind.REQUESTED)

    message = email_message(email)

    html = message.alternatives[0][0]
    for body in (message.body, html):
        assert STATEMENT in body
        assert "Dr Amara Okafor, MBBS, MRCP (Dermatology)" in body
        assert "GMC number 7012345" in body


def test_the_times_page_shows_the_dermatologists_profile(client, extraction):
    html = client.get(reverse("bookings:slots", args=[extraction.slug])).content.decode()

    assert 'class="profile-initials" aria-hidden="true">AO<' in html
    assert "MBBS, MRCP (Dermatology)" in html
    assert "GMC number 7012345" in html and "Special interests: Eyelid milia" in html


def test_the_calendar_file_is_the_invite_the_email_carries(client, extraction):
    post_details(client, extraction, MONDAY_9)
    booking = Booking.objects.get()
    url = reverse("bookings:calendar", kwargs={"token": booking.manage_token})
    assert url.endswith("/calendar.ics")
    assert url in client.get(reverse("bookings:confirmation")).content.decode()
    assert url in client.get(booking.get_absolute_url()).content.decode()

    response = client.get(url)

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    event = Calendar.from_ical(response.content).walk("VEVENT")[0]
    assert str(event["uid"]) == booking.calendar_uid  # the email's invite updates this one
    assert event.decoded("dtstart") == MONDAY_9
    assert str(event["status"]) == "TENTATIVE"  # a request, until reception confirms it
    assert "no-store" in response["Cache-Control"]


def test_a_cancelled_appointment_cannot_be_added_to_a_calendar(client, extraction):
    post_details(client, extraction, MONDAY_9)
    booking = Booking.objects.get()
    Booking.objects.filter(pk=booking.pk).update(status=BookingStatus.CANCELLED)

    url = reverse("bookings:calendar", kwargs={"token": booking.manage_token})

    assert client.get(url).status_code == 404
    assert url not in client.get(booking.get_absolute_url()).content.decode()


def test_the_guide_says_the_same_about_the_price(client, extraction):
    from education.models import Page

    page = Page.objects.get(slug="extraction")
    html = client.get(page.get_absolute_url()).content.decode()

    assert STATEMENT in html


def test_every_phone_number_on_the_patients_pages_is_a_tel_link(client, extraction, settings):
    post_details(client, extraction, MONDAY_9)
    booking = Booking.objects.get()
    pages = [
        reverse("bookings:start"),
        reverse("bookings:slots", args=[extraction.slug]),
        reverse("bookings:confirmation"),
        booking.get_absolute_url(),
        "/no-such-page/",
    ]
    for url in pages:
        html = client.get(url).content.decode()
        shown = html.count(settings.CLINIC_PHONE)
        linked = len(re.findall(rf'<a href="tel:\+44[0-9]+">{settings.CLINIC_PHONE}</a>', html))
        assert shown == linked >= 1, url


def test_the_error_page_gives_the_phone_number_as_a_tel_link(rf, settings):
    from clinic.web.views import server_error

    html = server_error(rf.get("/")).content.decode()

    assert '<a href="tel:+44' in html and f">{settings.CLINIC_PHONE}</a>" in html
