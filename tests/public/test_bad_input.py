"""Nonsense in every public form and URL parameter: never a 500, always a calm answer."""

from datetime import time, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bookings.models import Booking
from tests.factories import dermatologist_make, treatment_make
from tests.public.test_booking_flow import valid_answers

pytestmark = pytest.mark.django_db

FUZZ = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
# Any text at all: control characters, NUL, emoji, right-to-left marks, very long.
anything = st.one_of(
    st.text(max_size=300),
    st.text(alphabet=st.characters(codec="utf-8"), min_size=1000, max_size=5000),
    st.sampled_from(
        [
            "",
            " ",
            "\x00",
            "<script>alert(1)</script>",
            "=cmd|' /C calc'!A0",
            "9" * 400,
            "2026-02-30",
        ]
    ),
)
FIELDS = [*valid_answers(), "start", "dermatologist", "submission_key", "choose", "guardian_name"]


@pytest.fixture(autouse=True)
def generous_limits(settings):
    settings.RATE_LIMIT_PER_HOUR = 10**6
    settings.RATE_LIMIT_LOST_LINK_PER_HOUR = 10**6


@pytest.fixture
def treatment():
    treatment = treatment_make(slug="milia-extraction")
    dermatologist_make(treatments=[treatment], hours={d: [(time(9), time(17))] for d in range(7)})
    return treatment


def a_free_start():
    return (timezone.localtime() + timedelta(days=3)).replace(
        hour=10, minute=0, second=0, microsecond=0
    )


@FUZZ
@given(field=st.sampled_from(FIELDS), value=anything)
def test_any_value_in_any_booking_field_gets_an_answer_not_a_crash(client, treatment, field, value):
    data = {
        "start": a_free_start().isoformat(),
        "dermatologist": "any",
        **valid_answers(),
        field: value,
    }

    response = client.post(reverse("bookings:details", args=[treatment.slug]), data)

    assert response.status_code in (200, 302, 400, 409)
    if response.status_code == 200:
        assert (
            "There is a problem" in response.content.decode()
            or "Your details" in response.content.decode()
        )
    Booking.objects.all().delete()


@FUZZ
@given(week=anything, dermatologist=anything)
def test_any_slot_page_query_gets_a_page(client, treatment, week, dermatologist):
    response = client.get(
        reverse("bookings:slots", args=[treatment.slug]),
        {"week": week, "dermatologist": dermatologist},
    )

    assert response.status_code == 200


@FUZZ
@given(start=anything, dermatologist=anything)
def test_any_chosen_time_on_the_details_page_gets_a_page_or_a_way_back(
    client, treatment, start, dermatologist
):
    response = client.get(
        reverse("bookings:details", args=[treatment.slug]),
        {"start": start, "dermatologist": dermatologist},
    )

    assert response.status_code in (200, 302)


@FUZZ
@given(path=st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=120))
def test_any_manage_link_is_a_404_not_a_crash(client, path):
    for suffix in ["", "cancel/", "move/", "move/confirm/"]:
        response = client.get(f"/manage/{path}/{suffix}")
        assert response.status_code in (200, 301, 302, 404, 405)


@FUZZ
@given(email=anything)
def test_any_lost_link_address_gets_the_same_calm_page_or_a_field_error(client, email):
    response = client.post(reverse("bookings:lost_link"), {"email": email})

    assert response.status_code in (200, 400)


@FUZZ
@given(slug=st.text(max_size=80))
def test_any_treatment_or_guide_slug_is_a_page_or_a_404(client, treatment, slug):
    for url in [f"/book/{slug}/", f"/milia/{slug}/", f"/milia/treatments/{slug}/"]:
        assert client.get(url).status_code in (200, 301, 404)
