"""Two members of staff complete the same visit, or make its aftercare due, at the same moment:
the patient gets one aftercare email."""

import pytest
import time_machine
from django.db import IntegrityError, transaction

from bookings.care_services import aftercare_make_due, treatment_record_save
from bookings.day_services import booking_mark_completed
from bookings.models import AftercareSent, Booking, BookingStatus, EmailKind, OutboxEmail
from bookings.services import BookingError
from tests.factories import (
    booking_row_make,
    dermatologist_make,
    london,
    staff_user_make,
    treatment_make,
)
from tests.races import all_at_once

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def together(*calls):
    """Runs each call in its own thread and connection, released together by a barrier."""
    return all_at_once(list(calls), at=london(2026, 12, 1, 10))


@pytest.fixture
def recorded_visit():
    peel = treatment_make(name="Chemical peel", slug="peel-race")
    okafor = dermatologist_make(treatments=[peel])
    visit = booking_row_make(
        treatment=peel,
        dermatologist=okafor,
        start=london(2026, 12, 1, 9),
        status=BookingStatus.ARRIVED,
    )
    with time_machine.travel(london(2026, 12, 1, 9, 40), tick=False):
        treatment_record_save(booking=visit, by_user=okafor.user, fields={"treatment_given": peel})
    return visit


def test_the_dermatologist_and_reception_completing_at_once_send_one_aftercare(recorded_visit):
    desk = staff_user_make("desk-race", group="Reception")
    doctor = recorded_visit.dermatologist.user

    outcomes = together(
        lambda: booking_mark_completed(booking=recorded_visit, by_user=doctor),
        lambda: booking_mark_completed(booking=recorded_visit, by_user=desk),
    )

    assert sum(isinstance(o, Booking) for o in outcomes) == 1, outcomes
    assert sum(isinstance(o, BookingError) for o in outcomes) == 1, outcomes
    assert OutboxEmail.objects.filter(kind=EmailKind.AFTERCARE).count() == 1


def test_the_key_holds_even_when_nobody_locks_the_booking(recorded_visit):
    Booking.objects.filter(pk=recorded_visit.pk).update(status=BookingStatus.COMPLETED)
    recorded_visit.refresh_from_db()

    def make_due():
        with transaction.atomic():
            return aftercare_make_due(booking=recorded_visit)

    outcomes = together(*[make_due] * 4)

    assert sum(isinstance(o, AftercareSent) for o in outcomes) == 1, outcomes
    assert not [o for o in outcomes if isinstance(o, Exception)], outcomes
    assert OutboxEmail.objects.filter(kind=EmailKind.AFTERCARE).count() == 1


def test_the_database_refuses_a_second_aftercare_for_the_same_visit_and_treatment(
    recorded_visit,
):
    Booking.objects.filter(pk=recorded_visit.pk).update(status=BookingStatus.COMPLETED)
    recorded_visit.refresh_from_db()
    with transaction.atomic():
        sent = aftercare_make_due(booking=recorded_visit)
    second = OutboxEmail.objects.create(
        kind=EmailKind.AFTERCARE, booking=recorded_visit, version=999, recipient="x@example.com"
    )

    with pytest.raises(IntegrityError), transaction.atomic():
        AftercareSent.objects.create(booking=recorded_visit, treatment=sent.treatment, email=second)
