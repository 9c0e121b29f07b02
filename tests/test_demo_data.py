import io

import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command

from bookings.models import Booking

pytestmark = pytest.mark.django_db


def test_demo_data_refuses_a_database_that_may_be_production(settings):
    # Its reception login can use the admin, with a published password and codes.
    settings.DEBUG = False

    with pytest.raises(CommandError, match="--i-know-this-is-not-production"):
        call_command("demo_data", stdout=io.StringIO())

    assert not User.objects.filter(username="reception").exists()


def test_demo_data_runs_in_debug_without_being_asked_twice(settings):
    settings.DEBUG = True

    call_command("demo_data", stdout=io.StringIO())

    assert User.objects.filter(username="reception").exists()


def test_demo_data_runs_without_debug_when_told_it_is_not_production(settings):
    settings.DEBUG = False

    call_command("demo_data", "--i-know-this-is-not-production", stdout=io.StringIO())

    assert User.objects.filter(username="reception").exists()


def test_demo_data_prints_links_on_the_sites_own_address(settings):
    settings.DEBUG = True
    settings.SITE_URL = "https://staging.kingsway-skin.example"
    out = io.StringIO()

    call_command("demo_data", stdout=out)

    assert "https://staging.kingsway-skin.example/admin/" in out.getvalue()
    assert "127.0.0.1" not in out.getvalue()


def test_demo_data_has_a_booking_to_discuss_suitability_once(settings):
    settings.DEBUG = True
    call_command("demo_data", stdout=io.StringIO())
    call_command("demo_data", stdout=io.StringIO())

    booking = Booking.objects.get(email="priya.shah@example.com", discuss_suitability=True)
    assert booking.treatment.slug == "laser-treatment"
    assert booking.suitability_answers["cold_sores"] == "yes"
    assert booking.skin_type == "rarely_burns" and not booking.needs_attention
