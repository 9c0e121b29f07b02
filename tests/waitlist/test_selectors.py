"""What reception reads of the list, in a fixed number of queries."""

import pytest

from bookings.change_services import booking_cancel
from bookings.waitlist_offers import waitlist_offer_freed
from bookings.waitlist_selectors import waitlist_offers_recent, waitlist_waiting
from bookings.waitlist_services import waitlist_leave
from tests.waitlist.helpers import join


@pytest.fixture
def offered(peel, okafor, solid):
    for n in range(1, 5):
        join(peel, n, patient={"phone": f"07700 900{n:03d}", "contact_by_text": True})
    waitlist_leave(entry=join(peel, 9))
    booking_cancel(booking=solid[2])
    return waitlist_offer_freed(
        dermatologist=okafor, start=solid[2].starts_at, end=solid[2].blocked_until
    )


def test_the_waiting_entries_in_the_order_they_joined_in_one_query(
    offered, django_assert_num_queries
):
    with django_assert_num_queries(1):  # the entries, with treatment and dermatologist
        names = [(e.name, e.treatment.name, e.dermatologist) for e in waitlist_waiting()]

    assert [name for name, *_ in names] == [f"Waiting Patient {n}" for n in range(1, 5)]


def test_the_recent_offers_once_each_whatever_the_channels_in_one_query(
    offered, django_assert_num_queries
):
    with django_assert_num_queries(1):  # the offers, with entry, treatment, dermatologist, booking
        rows = [
            (o.entry.name, o.entry.treatment.name, o.dermatologist.name, o.booking)
            for o in waitlist_offers_recent()
        ]

    assert len(offered) == 8  # an email and a text each
    assert sorted(name for name, *_ in rows) == [f"Waiting Patient {n}" for n in range(1, 5)]
