"""Reading back the time a patient chose, as the booking form and the move page both do."""

from datetime import UTC, datetime

import pytest

from bookings.public.choice import time_chosen

pytestmark = pytest.mark.django_db


def test_a_time_from_a_link_or_from_the_times_offered_reads_the_same(okafor):
    link = {"start": "2026-12-07T09:00:00+00:00", "dermatologist": str(okafor.pk)}
    offered = {"choose": f"2026-12-07T09:00:00+00:00|{okafor.pk}"}

    assert time_chosen(link, [okafor]) == time_chosen(offered, [okafor])
    assert time_chosen(offered, [okafor]) == (datetime(2026, 12, 7, 9, tzinfo=UTC), okafor)


@pytest.mark.parametrize(
    "params",
    [
        {"start": "next tuesday"},
        {"start": "2026-12-07T09:00:00"},  # no offset: which 9am?
        {"start": "2026-12-07T09:00:00+00:00", "dermatologist": "999"},
        {"choose": "2026-12-07T09:00:00+00:00|999"},
    ],
)
def test_a_time_that_cannot_be_read_is_none(okafor, params):
    assert time_chosen(params, [okafor]) is None


def test_a_form_that_offers_no_times_ignores_a_choice_in_the_address(okafor):
    params = {"choose": f"2026-12-07T09:00:00+00:00|{okafor.pk}"}

    assert time_chosen(params, [okafor], offered=False) is None
