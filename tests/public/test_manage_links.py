"""Manage links open a booking only with the key kept outside the database."""

import secrets

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse

from bookings.manage_links import manage_token_make
from bookings.models import Booking
from tests.factories import booking_booked, london

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_clock")]

MONDAY_9 = london(2026, 12, 7, 9, 0)


@pytest.fixture
def booking(peel, okafor) -> Booking:
    return booking_booked(treatment=peel, start=MONDAY_9, dermatologist=okafor)


def manage(client, token):
    return client.get(reverse("bookings:manage", kwargs={"token": token}))


def test_nothing_stored_with_the_booking_is_its_manage_link(client, booking):
    token = booking.manage_token
    stored = Booking.objects.filter(pk=booking.pk).values().get()

    assert manage(client, token).status_code == 200
    assert not any(token in str(value) for value in stored.values())


def test_without_the_key_the_stored_values_make_no_working_link(client, booking, settings):
    token = booking.manage_token
    settings.MANAGE_LINK_KEY = secrets.token_urlsafe(48)  # someone with the database, not the key

    assert manage(client, Booking.objects.get().manage_token).status_code == 200
    assert manage(client, token).status_code == 404


def test_a_link_with_a_real_nonce_and_a_made_up_code_opens_nothing(client, booking):
    forged = booking.manage_nonce + "A" * 32

    assert manage(client, forged).status_code == 404


def test_links_made_with_a_former_key_open_while_it_is_a_fallback(client, booking, settings):
    old = booking.manage_token
    settings.MANAGE_LINK_KEY_FALLBACKS = [settings.MANAGE_LINK_KEY]
    settings.MANAGE_LINK_KEY = secrets.token_urlsafe(48)

    assert manage(client, old).status_code == 200
    assert Booking.objects.get().manage_token != old  # new emails carry new-key links
    assert manage(client, manage_token_make(booking.manage_nonce)).status_code == 200


def test_a_link_emailed_before_links_were_keyed_still_opens_the_booking(client, peel, okafor):
    executor = MigrationExecutor(connection)
    executor.migrate([("bookings", "0013_diary_version_ignores_notes")])
    old_apps = executor.loader.project_state(
        [("bookings", "0013_diary_version_ignores_notes")]
    ).apps
    emailed = secrets.token_urlsafe(32)
    old_apps.get_model("bookings", "Booking").objects.create(
        manage_token=emailed,
        treatment_id=peel.pk,
        dermatologist_id=okafor.pk,
        starts_at=MONDAY_9,
        ends_at=MONDAY_9 + peel.duration,
        blocked_until=MONDAY_9 + peel.duration,
        status="confirmed",
        patient_name="Sarah Thompson",
        email="sarah@example.com",
        phone="07700 900123",
        date_of_birth="1988-04-12",
        how_long="1_to_6_months",
        how_many="1_to_5",
        tried_home_removal=False,
        pregnancy="no",
        privacy_consent_at=MONDAY_9,
    )
    with connection.cursor() as cursor:  # let the schema change after this insert
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())

    stored = Booking.objects.filter(patient_name="Sarah Thompson").values().get()
    assert not any(emailed in str(value) for value in stored.values())
    assert manage(client, emailed).status_code == 200
    assert manage(client, Booking.objects.get().manage_token).status_code == 200
