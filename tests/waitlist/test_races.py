"""Two workers offering at once, and two offered patients booking at once, on real
transactions: the database keys decide."""

import pytest
import time_machine
from django.db import transaction

from bookings.change_services import booking_cancel
from bookings.models import Booking, Channel, OutboxEmail, WaitlistOffer
from bookings.waitlist_offers import Match, _offer_make, waitlist_offer_freed
from bookings.waitlist_services import OfferGone, waitlist_accept
from tests.factories import NOW, dermatologist_make, intake_make, patient_make, treatment_make
from tests.races import all_at_once
from tests.waitlist.helpers import booked_solid, join

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def diary():
    """Dr Okafor's Monday booked solid with peels, two of them cancelled, and seven patients
    waiting for a peel."""
    with time_machine.travel(NOW, tick=False):
        peel = treatment_make(name="Chemical peel", slug="peel-waitlist-race", duration_minutes=45)
        okafor = dermatologist_make(treatments=[peel], name="Dr Amara Okafor")
        solid = booked_solid(peel, okafor)
        entries = [join(peel, n) for n in range(1, 8)]
        for booking in (solid[2], solid[7]):  # 10:30 and 2:15
            booking_cancel(booking=booking)
    return okafor, solid, entries


def offer(okafor, booking):
    return lambda: waitlist_offer_freed(
        dermatologist=okafor, start=booking.starts_at, end=booking.blocked_until
    )


def test_two_workers_offering_one_freed_time_offer_it_to_five_once_each(diary):
    okafor, solid, entries = diary

    outcomes = all_at_once([offer(okafor, solid[2]), offer(okafor, solid[2])])

    assert not [o for o in outcomes if isinstance(o, Exception)], outcomes
    offered = list(WaitlistOffer.objects.values_list("entry_id", flat=True))
    assert sorted(offered) == sorted(e.pk for e in entries[:5])
    assert OutboxEmail.objects.filter(offer__isnull=False).count() == 5


def test_two_freed_times_at_once_give_nobody_two_offers_a_day(diary):
    okafor, solid, _ = diary

    outcomes = all_at_once([offer(okafor, solid[2]), offer(okafor, solid[7])])

    assert not [o for o in outcomes if isinstance(o, Exception)], outcomes
    offered = list(WaitlistOffer.objects.values_list("entry_id", flat=True))
    assert len(offered) == len(set(offered)) == 7  # five for one time, the other two for the other


def test_the_keys_hold_even_when_nobody_locks(diary):
    okafor, solid, entries = diary
    window = (solid[2].starts_at, solid[2].blocked_until)

    def make():
        with transaction.atomic():
            return _offer_make(
                Match(entries[0], solid[2].starts_at),
                dermatologist=okafor,
                window=window,
                wave=1,
                now=NOW,
            )

    outcomes = all_at_once([make] * 4)

    assert sorted(len(o) for o in outcomes) == [0, 0, 0, 1], outcomes
    assert WaitlistOffer.objects.filter(channel=Channel.EMAIL).count() == 1


def test_two_offered_patients_booking_the_time_at_once_get_one_booking(diary):
    okafor, solid, entries = diary
    with time_machine.travel(NOW, tick=False):
        offer(okafor, solid[2])()
    first, second = WaitlistOffer.objects.filter(entry__in=entries[:2]).order_by("entry_id")

    def accept(offer, n):
        return lambda: waitlist_accept(
            offer=offer,
            patient=patient_make(name=f"Waiting Patient {n}", email=f"waiting{n}@example.com"),
            intake=intake_make(),
        )

    outcomes = all_at_once([accept(first, 1), accept(second, 2)])

    assert sum(isinstance(o, Booking) for o in outcomes) == 1, outcomes
    assert sum(isinstance(o, OfferGone) for o in outcomes) == 1, outcomes
    assert (
        Booking.objects.filter(starts_at=solid[2].starts_at).exclude(status="cancelled").count()
        == 1
    )
    gone = next(o for o in outcomes if isinstance(o, OfferGone))
    assert gone.alternatives
