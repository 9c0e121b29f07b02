"""Twenty patients press "Book" for the same slot at the same moment.

On PostgreSQL the exclusion constraint decides; on SQLite (marked sqlite) the
write lock taken when each booking's transaction begins.
"""

import threading
from datetime import time

import pytest
import time_machine
from django.db import connections

from bookings.models import Booking
from bookings.services import SlotUnavailable, booking_create
from tests.factories import dermatologist_make, intake_make, london, patient_make, treatment_make
from tests.races import all_at_once

ATTEMPTS = 20

pytestmark = [
    pytest.mark.sqlite,
    # Real transactions; serialized_rollback puts back the rows migrations made.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def race(treatment, starts_and_dermatologists):
    """Runs booking_create once per entry, all released together by a barrier."""

    def booking(index, start, dermatologist):
        return lambda: booking_create(
            treatment=treatment,
            start=start,
            dermatologist=dermatologist,
            patient=patient_make(email=f"patient{index}@example.com"),
            intake=intake_make(),
        )

    return all_at_once(
        [booking(i, start, d) for i, (start, d) in enumerate(starts_and_dermatologists)]
    )


def test_twenty_attempts_at_one_slot_make_exactly_one_booking():
    treatment = treatment_make(duration_minutes=30)
    dermatologist = dermatologist_make(treatments=[treatment])

    outcomes = race(treatment, [(london(2026, 12, 7, 9), dermatologist)] * ATTEMPTS)

    booked = [o for o in outcomes if isinstance(o, Booking)]
    refused = [o for o in outcomes if isinstance(o, SlotUnavailable)]
    assert len(booked) == 1, outcomes
    assert len(refused) == ATTEMPTS - 1, outcomes
    assert {o.message for o in refused} <= {
        "Sorry, that time was just taken by someone else. Please choose another time.",
        "Sorry, that time is no longer free. Please choose another time.",
    }
    assert Booking.objects.count() == 1


def test_overlapping_treatments_race_and_only_one_wins_but_back_to_back_both_win():
    peel = treatment_make(duration_minutes=45)
    cryo = treatment_make(duration_minutes=20)
    dermatologist = dermatologist_make(treatments=[peel, cryo], hours={0: [(time(9), time(17))]})
    barrier_pairs = [(london(2026, 12, 7, 9, 0), dermatologist)] * 10

    outcomes = race(peel, barrier_pairs)
    outcomes += race(cryo, [(london(2026, 12, 7, 9, 30), dermatologist)] * 10)
    outcomes += race(cryo, [(london(2026, 12, 7, 9, 45), dermatologist)] * 10)

    starts = sorted(b.starts_at for b in Booking.objects.all())
    assert starts == [london(2026, 12, 7, 9, 0), london(2026, 12, 7, 9, 45)]
    assert not [o for o in outcomes if not isinstance(o, Booking | SlotUnavailable)]


def test_the_groups_made_by_migrations_are_still_there():
    # serialized_rollback must restore what the transactional tests above emptied.
    from django.contrib.auth.models import Group

    assert set(Group.objects.values_list("name", flat=True)) >= {"Reception", "Dermatologists"}


def test_a_double_click_gets_its_own_booking_back_not_a_taken_message():
    import uuid

    treatment = treatment_make(duration_minutes=30)
    dermatologist = dermatologist_make(treatments=[treatment])
    key = uuid.uuid4()
    barrier = threading.Barrier(5)
    outcomes: list = []

    def click():
        try:
            barrier.wait(timeout=10)
            outcomes.append(
                booking_create(
                    treatment=treatment,
                    start=london(2026, 12, 7, 9),
                    dermatologist=dermatologist,
                    patient=patient_make(),
                    intake=intake_make(),
                    submission_key=key,
                )
            )
        except Exception as exc:  # recorded, so the test shows it
            outcomes.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=click) for _ in range(5)]
    with time_machine.travel(london(2026, 12, 1, 8), tick=True):
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)

    assert all(isinstance(o, Booking) for o in outcomes), outcomes
    assert {o.pk for o in outcomes} == {Booking.objects.get().pk}


def test_a_new_patient_booking_two_times_at_once_gets_one_record():
    from bookings.models import Patient

    treatment = treatment_make(duration_minutes=30)
    dermatologist = dermatologist_make(treatments=[treatment])
    starts = [london(2026, 12, 7, hour) for hour in (9, 10, 11, 12)]
    barrier = threading.Barrier(len(starts))
    outcomes: list = []

    def book(start):
        try:
            barrier.wait(timeout=10)
            outcomes.append(
                booking_create(
                    treatment=treatment,
                    start=start,
                    dermatologist=dermatologist,
                    patient=patient_make(),  # the same person in every tab
                    intake=intake_make(),
                )
            )
        except Exception as exc:  # recorded, so the test shows it
            outcomes.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=book, args=(start,)) for start in starts]
    with time_machine.travel(london(2026, 12, 1, 8), tick=True):
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)

    assert all(isinstance(o, Booking) for o in outcomes), outcomes
    assert Patient.objects.count() == 1
    assert {b.patient_id for b in Booking.objects.all()} == {Patient.objects.get().pk}
