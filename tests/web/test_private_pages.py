"""Pages that show a patient's details tell browsers and proxies to keep no copy.

A shared computer at home or in a library keeps pages in its cache and its
back button; the next person must not find a patient's appointment there.
"""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from bookings.models import Booking
from tests.conftest import login_with_second_factor
from tests.factories import booking_booked, london

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_clock")]

MONDAY_9 = london(2026, 12, 7, 9, 0)
MONDAY_11 = london(2026, 12, 7, 11, 0)


@pytest.fixture
def booking(peel, okafor) -> Booking:
    return booking_booked(treatment=peel, start=MONDAY_9, dermatologist=okafor)


def assert_kept_nowhere(response):
    assert response.status_code in (200, 400), response.status_code
    directives = {d.strip() for d in response.get("Cache-Control", "").split(",")}
    assert {"private", "no-store"} <= directives, response.get("Cache-Control")


def test_the_patients_manage_pages_are_kept_nowhere(client, booking):
    token = {"token": booking.manage_token}

    assert_kept_nowhere(client.get(reverse("bookings:manage", kwargs=token)))
    assert_kept_nowhere(client.get(reverse("bookings:move", kwargs=token)))
    assert_kept_nowhere(
        client.get(
            reverse("bookings:move_confirm", kwargs=token),
            {"start": MONDAY_11.isoformat(), "dermatologist": "any"},
        )
    )
    # A refused cancellation shows the booking again.
    assert_kept_nowhere(
        client.post(reverse("bookings:cancel", kwargs=token), {"reason": "x" * 301})
    )


def test_the_details_form_and_the_lost_link_answer_are_kept_nowhere(client, peel, okafor):
    # Both show what the patient typed: their name, date of birth, email address.
    details = reverse("bookings:details", kwargs={"treatment_slug": peel.slug})
    assert_kept_nowhere(
        client.post(details, {"start": MONDAY_9.isoformat(), "patient_name": "Sarah Thompson"})
    )
    assert_kept_nowhere(client.post(reverse("bookings:lost_link"), {"email": "sarah@example.com"}))


def test_the_dermatologists_schedule_pages_are_kept_nowhere(client, booking, okafor):
    okafor.user.groups.add(Group.objects.get(name="Dermatologists"))
    login_with_second_factor(client, okafor.user)

    assert_kept_nowhere(client.get(reverse("staff:schedule"), {"day": "2026-12-07"}))
    assert_kept_nowhere(client.get(reverse("staff:schedule_week"), {"week": "2026-12-07"}))
    assert_kept_nowhere(
        client.get(reverse("staff:booking", kwargs={"reference": booking.reference}))
    )


def test_the_desks_booking_pages_are_kept_nowhere(reception, booking):
    assert_kept_nowhere(reception.get(reverse("admin:bookings_booking_changelist")))
    assert_kept_nowhere(reception.get(reverse("admin:bookings_booking_change", args=[booking.pk])))
    assert_kept_nowhere(reception.get(reverse("admin:bookings_booking_day")))
