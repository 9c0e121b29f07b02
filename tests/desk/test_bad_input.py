"""Nonsense in the desk's addresses and list filters: never a 500."""

import pytest
from django.urls import reverse

from tests.desk.helpers import CHANGELIST, MONDAY_9, row

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.usefixtures("frozen_clock"),
]


@pytest.mark.parametrize("action", ["move", "cancel", "status"])
@pytest.mark.parametrize("object_id", ["abc", "1%00", "%00", "9" * 300])
def test_a_booking_step_for_an_id_no_booking_could_have_is_not_a_crash(
    reception, action, object_id
):
    url = f"{CHANGELIST}{object_id}/{action}/"

    for response in [reception.get(url), reception.post(url, {"do": "arrived"})]:
        # Django's admin sends an unknown booking back to the desk with a message.
        assert response.status_code in (302, 404, 405), url


def test_a_booking_step_for_a_real_id_still_opens(reception, peel, okafor):
    booking = row(peel, okafor, MONDAY_9)

    assert reception.get(f"{CHANGELIST}{booking.pk}/move/").status_code == 200
    assert reverse("admin:bookings_booking_move", args=[booking.pk]).endswith(
        f"/{booking.pk}/move/"
    )


@pytest.mark.parametrize(
    "query",
    [
        {"status": "\x00"},
        {"status__exact": "\x00"},
        {"status__gte": "ok\x00"},
        {"treatment__id__exact": "\x00"},
        {"needs_attention__exact": "\x00"},
        {"day": "\x00"},
        {"q": "\x00"},
        {"starts_at__year": "\x00"},
    ],
)
def test_a_list_filter_no_booking_could_match_is_ignored(reception, peel, okafor, query):
    booking = row(peel, okafor, MONDAY_9)

    response = reception.get(CHANGELIST, query, follow=True)

    assert response.status_code == 200
    assert booking.reference in response.content.decode()
