"""Each way time comes free asks the worker, after the commit, to offer it to the list."""

from datetime import timedelta

import pytest

from bookings.change_services import booking_cancel, booking_move
from bookings.models import ClinicClosure, TimeOff, WaitlistOffer
from bookings.notify.tasks import waitlist_offer_freed_task
from tests.factories import booking_row_make, dermatologist_make, london
from tests.waitlist.helpers import MONDAY, join

pytestmark = pytest.mark.usefixtures("frozen_clock")

NINE = london(2026, 12, 7, 9)


@pytest.fixture
def queued(monkeypatch):
    """What the changes asked the worker to offer (the broker is the edge: run by hand)."""
    batches = []
    monkeypatch.setattr("bookings.waitlist_triggers._queue", batches.append)
    return batches


def run_worker(batches):
    made = sum(waitlist_offer_freed_task(batch) for batch in batches)
    batches.clear()
    return made


def offered_times():
    return sorted((o.entry.name, o.starts_at) for o in WaitlistOffer.objects.all())


def test_a_cancellation_is_offered_after_it_commits(
    peel, okafor, solid, queued, django_capture_on_commit_callbacks
):
    join(peel, 1)
    with django_capture_on_commit_callbacks(execute=True):
        booking_cancel(booking=solid[2])  # 10:30

    assert queued == [
        [[okafor.pk, solid[2].starts_at.isoformat(), solid[2].blocked_until.isoformat()]]
    ]
    assert run_worker(queued) == 1
    assert offered_times() == [("Waiting Patient 1", solid[2].starts_at)]


def test_a_move_offers_the_old_time(
    peel, okafor, solid, queued, receptionist, django_capture_on_commit_callbacks
):
    join(peel, 1, parts=["morning"])
    with django_capture_on_commit_callbacks(execute=True):
        booking_move(booking=solid[2], start=london(2026, 12, 8, 16), by_user=receptionist)

    run_worker(queued)
    assert offered_times() == [("Waiting Patient 1", london(2026, 12, 7, 10, 30))]


def test_a_change_that_rolls_back_offers_nothing(
    peel, okafor, solid, queued, django_capture_on_commit_callbacks
):
    join(peel, 1)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        booking_cancel(booking=solid[2])

    assert queued == []  # nothing before the commit
    assert callbacks


def test_time_off_removed_is_offered(
    peel, okafor, reception, queued, django_capture_on_commit_callbacks
):
    away = TimeOff.objects.create(
        dermatologist=okafor, starts_at=NINE, ends_at=NINE + timedelta(hours=8), reason="Course"
    )
    join(peel, 1)

    with django_capture_on_commit_callbacks(execute=True):
        response = reception.post(f"/admin/bookings/timeoff/{away.pk}/delete/", {"post": "yes"})

    assert response.status_code == 302
    run_worker(queued)
    assert offered_times() == [("Waiting Patient 1", NINE)]


def test_time_off_cut_back_offers_the_time_it_gave_up(
    peel, okafor, reception, queued, django_capture_on_commit_callbacks
):
    away = TimeOff.objects.create(
        dermatologist=okafor, starts_at=NINE, ends_at=NINE + timedelta(hours=8)
    )
    join(peel, 1, parts=["afternoon"])

    with django_capture_on_commit_callbacks(execute=True):
        reception.post(
            f"/admin/bookings/timeoff/{away.pk}/change/",
            {
                "dermatologist": okafor.pk,
                "starts_at_0": "2026-12-07",
                "starts_at_1": "09:00",
                "ends_at_0": "2026-12-07",
                "ends_at_1": "12:00",
            },
        )

    run_worker(queued)
    assert offered_times() == [("Waiting Patient 1", london(2026, 12, 7, 12))]


def test_new_working_hours_are_offered_once_a_day_to_each_patient(
    peel, reception, queued, django_capture_on_commit_callbacks
):
    newcomer = dermatologist_make(treatments=[peel], hours={}, name="Dr New")
    join(peel, 1, last_day=MONDAY + timedelta(days=14))

    with django_capture_on_commit_callbacks(execute=True):
        response = reception.post(
            f"/admin/bookings/dermatologist/{newcomer.pk}/change/",
            {
                "name": newcomer.name,
                "gmc_number": newcomer.gmc_number,
                "treatments": [peel.pk],
                "is_active": "on",
                "working_hours-TOTAL_FORMS": "1",
                "working_hours-INITIAL_FORMS": "0",
                "working_hours-0-weekday": "0",
                "working_hours-0-starts": "09:00",
                "working_hours-0-ends": "17:00",
                "time_off-TOTAL_FORMS": "0",
                "time_off-INITIAL_FORMS": "0",
            },
        )

    assert response.status_code == 302, response.content.decode()[:2000]
    (batch,) = queued
    assert len(batch) == 8  # every Monday up to the booking horizon
    run_worker(queued)
    # Three Mondays suit the patient; the first is offered, today's one offer.
    assert offered_times() == [("Waiting Patient 1", NINE)]


def test_a_closure_lifted_is_offered(
    peel, okafor, reception, queued, django_capture_on_commit_callbacks
):
    closure = ClinicClosure.objects.create(first_day=MONDAY, last_day=MONDAY, reason="Burst pipe")
    booking_row_make(treatment=peel, dermatologist=okafor, start=NINE)  # 9:00 stays taken
    join(peel, 1)

    with django_capture_on_commit_callbacks(execute=True):
        reception.post(f"/admin/bookings/clinicclosure/{closure.pk}/delete/", {"post": "yes"})

    run_worker(queued)
    assert offered_times() == [("Waiting Patient 1", NINE + peel.duration)]


def test_time_off_added_offers_nothing(
    peel, okafor, reception, queued, django_capture_on_commit_callbacks
):
    away = TimeOff.objects.create(
        dermatologist=okafor, starts_at=NINE, ends_at=NINE + timedelta(hours=3)
    )
    join(peel, 1)

    with django_capture_on_commit_callbacks(execute=True):
        reception.post(  # the morning off becomes the whole day
            f"/admin/bookings/timeoff/{away.pk}/change/",
            {
                "dermatologist": okafor.pk,
                "starts_at_0": "2026-12-07",
                "starts_at_1": "09:00",
                "ends_at_0": "2026-12-07",
                "ends_at_1": "17:00",
            },
        )

    assert TimeOff.objects.get().ends_at == NINE + timedelta(hours=8)
    run_worker(queued)
    assert offered_times() == []


def test_a_cancellation_during_a_closure_offers_nothing(
    peel, okafor, solid, queued, django_capture_on_commit_callbacks
):
    ClinicClosure.objects.create(first_day=MONDAY, last_day=MONDAY, reason="Burst pipe")
    join(peel, 1)
    with django_capture_on_commit_callbacks(execute=True):
        booking_cancel(booking=solid[2])  # kept after the closure was set, now cancelled

    assert run_worker(queued) == 0
    assert offered_times() == []
