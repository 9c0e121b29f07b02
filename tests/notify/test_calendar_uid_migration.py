"""Invites already in patients' calendars keep matching after each booking stores its UID."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from tests.factories import NOW

BEFORE = [("bookings", "0011_diary_version")]
AFTER = [("bookings", "0012_booking_calendar_uid")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_existing_bookings_keep_the_uid_their_invites_were_sent_with(settings):
    settings.SITE_URL = "https://www.kingsway-skin.example"
    latest = MigrationExecutor(connection).loader.graph.leaf_nodes("bookings")
    apps = migrate(BEFORE)
    Treatment = apps.get_model("bookings", "Treatment")
    Dermatologist = apps.get_model("bookings", "Dermatologist")
    Booking = apps.get_model("bookings", "Booking")
    User = apps.get_model("auth", "User")
    treatment = Treatment.objects.create(
        name="Peel", slug="peel", summary="A peel", duration_minutes=30, price=90
    )
    dermatologist = Dermatologist.objects.create(
        user=User.objects.create(username="okafor"), name="Dr Okafor", gmc_number="1234567"
    )
    references = []
    for hour in (9, 10):
        booking = Booking.objects.create(
            treatment=treatment,
            dermatologist=dermatologist,
            starts_at=NOW.replace(hour=hour),
            ends_at=NOW.replace(hour=hour, minute=30),
            blocked_until=NOW.replace(hour=hour, minute=30),
            patient_name="Sarah",
            email="sarah@example.com",
            phone="07700 900123",
            date_of_birth=NOW.date().replace(year=1988),
            how_long="1_to_6_months",
            how_many="1_to_5",
            tried_home_removal=False,
            pregnancy="no",
            privacy_consent_at=NOW,
        )
        references.append(booking.reference)

    try:
        apps = migrate(AFTER)
        uids = dict(
            apps.get_model("bookings", "Booking").objects.values_list("reference", "calendar_uid")
        )
    finally:
        migrate(latest)

    assert uids == {
        reference: f"booking-{reference}@www.kingsway-skin.example" for reference in references
    }
