"""booking_create: the one way a booking is made. Runs on PostgreSQL and, marked sqlite, on SQLite too."""

import uuid
from datetime import time, timedelta

import pytest
import time_machine
from django.db import IntegrityError, connection, transaction

from bookings.models import Booking, BookingStatus
from bookings.services import BookingError, SlotUnavailable, booking_create
from tests.factories import (
    booking_row_make,
    dermatologist_make,
    intake_make,
    london,
    patient_make,
    treatment_make,
)

pytestmark = [pytest.mark.django_db, pytest.mark.sqlite]

NOW = london(2026, 12, 1, 8, 0)


@pytest.fixture(autouse=True)
def frozen_clock():
    with time_machine.travel(NOW, tick=False):
        yield


def book(treatment, start, dermatologist=None, **kwargs):
    return booking_create(
        treatment=treatment,
        start=start,
        dermatologist=dermatologist,
        patient=kwargs.pop("patient", patient_make()),
        intake=kwargs.pop("intake", intake_make()),
        **kwargs,
    )


def test_a_new_booking_is_requested_and_holds_its_slot():
    treatment = treatment_make(duration_minutes=30, buffer_minutes=10)
    dermatologist = dermatologist_make(treatments=[treatment])

    booking = book(treatment, london(2026, 12, 7, 9), dermatologist)

    booking.refresh_from_db()
    assert booking.status == BookingStatus.REQUESTED
    assert booking.dermatologist == dermatologist
    assert booking.ends_at == london(2026, 12, 7, 9, 30)
    assert booking.blocked_until == london(2026, 12, 7, 9, 40)
    assert len(booking.reference) == 6
    assert booking.privacy_consent_at == NOW


def test_a_treatment_that_confirms_automatically_gives_a_confirmed_booking():
    treatment = treatment_make(confirms_automatically=True)
    dermatologist = dermatologist_make(treatments=[treatment])

    booking = book(treatment, london(2026, 12, 7, 9), dermatologist)

    assert booking.status == BookingStatus.CONFIRMED
    assert booking.confirmed_at == NOW


def test_it_refuses_overlapping_times_with_the_same_dermatologist():
    peel = treatment_make(name="Chemical peel", duration_minutes=45)
    cryo = treatment_make(name="Cryotherapy", duration_minutes=20)
    dermatologist = dermatologist_make(treatments=[peel, cryo])
    book(peel, london(2026, 12, 7, 9, 0), dermatologist)

    with pytest.raises(SlotUnavailable) as refused:
        book(
            cryo,
            london(2026, 12, 7, 9, 30),
            dermatologist,
            patient=patient_make(email="other@example.com"),
        )

    assert (
        refused.value.message == "Sorry, that time is no longer free. Please choose another time."
    )
    assert [slot.start for slot in refused.value.alternatives] == [
        london(2026, 12, 7, 9, 45),
        london(2026, 12, 7, 10, 0),
        london(2026, 12, 7, 10, 15),
    ]
    assert Booking.objects.count() == 1


def test_back_to_back_bookings_are_accepted():
    peel = treatment_make(duration_minutes=45)
    dermatologist = dermatologist_make(treatments=[peel])

    book(peel, london(2026, 12, 7, 9, 0), dermatologist)
    book(peel, london(2026, 12, 7, 9, 45), dermatologist)

    assert Booking.objects.count() == 2


def test_first_available_books_whoever_is_free_at_that_time():
    treatment = treatment_make()
    busy = dermatologist_make(treatments=[treatment], name="Dr A")
    free = dermatologist_make(treatments=[treatment], name="Dr B")
    booking_row_make(treatment=treatment, dermatologist=busy, start=london(2026, 12, 7, 9))

    booking = book(treatment, london(2026, 12, 7, 9), dermatologist=None)

    assert booking.dermatologist == free


def test_a_cancelled_booking_frees_its_slot():
    treatment = treatment_make()
    dermatologist = dermatologist_make(treatments=[treatment])
    booking_row_make(
        treatment=treatment,
        dermatologist=dermatologist,
        start=london(2026, 12, 7, 9),
        status="cancelled",
    )

    assert book(treatment, london(2026, 12, 7, 9), dermatologist).status == BookingStatus.REQUESTED


def test_the_same_submission_twice_makes_one_booking():
    treatment = treatment_make()
    dermatologist = dermatologist_make(treatments=[treatment])
    key = uuid.uuid4()

    first = book(treatment, london(2026, 12, 7, 9), dermatologist, submission_key=key)
    second = book(treatment, london(2026, 12, 7, 9), dermatologist, submission_key=key)

    assert first.pk == second.pk
    assert Booking.objects.count() == 1


def test_patients_cannot_book_inside_the_minimum_notice_but_staff_can():
    treatment = treatment_make()
    dermatologist = dermatologist_make(treatments=[treatment], hours={1: [(time(9), time(17))]})
    later_today = london(2026, 12, 1, 14, 0)  # Tuesday, six hours from now

    with pytest.raises(SlotUnavailable):
        book(treatment, later_today, dermatologist)
    booking = book(treatment, later_today, dermatologist, enforce_notice=False)

    assert booking.starts_at == later_today


def test_it_refuses_a_time_outside_working_hours_or_off_the_grid():
    treatment = treatment_make()
    dermatologist = dermatologist_make(treatments=[treatment])

    with pytest.raises(SlotUnavailable):
        book(treatment, london(2026, 12, 7, 7, 0), dermatologist)
    with pytest.raises(SlotUnavailable):
        book(treatment, london(2026, 12, 7, 9, 7), dermatologist)


def test_it_refuses_a_dermatologist_who_does_not_offer_the_treatment():
    treatment = treatment_make()
    dermatologist = dermatologist_make(treatments=[])

    with pytest.raises(SlotUnavailable):
        book(treatment, london(2026, 12, 7, 9), dermatologist)


def test_it_refuses_an_inactive_treatment_with_a_clear_message():
    treatment = treatment_make(name="Laser treatment", is_active=False)
    dermatologist = dermatologist_make(treatments=[treatment])

    with pytest.raises(BookingError, match="Laser treatment cannot be booked at the moment"):
        book(treatment, london(2026, 12, 7, 9), dermatologist)


def test_warning_signs_in_the_answers_raise_the_safety_flag():
    treatment = treatment_make()
    dermatologist = dermatologist_make(treatments=[treatment])

    calm = book(treatment, london(2026, 12, 7, 9), dermatologist)
    worrying = book(
        treatment,
        london(2026, 12, 7, 10),
        dermatologist,
        intake=intake_make(tried_home_removal=True, warning_signs=["infection"]),
    )

    assert calm.needs_attention is False
    assert worrying.needs_attention is True


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the exclusion constraint exists on PostgreSQL"
)
def test_postgresql_itself_refuses_an_overlap_written_around_the_service():
    treatment = treatment_make(duration_minutes=30, buffer_minutes=15)
    dermatologist = dermatologist_make(treatments=[treatment])
    booking_row_make(treatment=treatment, dermatologist=dermatologist, start=london(2026, 12, 7, 9))

    # 09:30 starts inside the first booking's buffer (09:30-09:45).
    with pytest.raises(IntegrityError, match="booking_no_overlap"), transaction.atomic():
        booking_row_make(
            treatment=treatment, dermatologist=dermatologist, start=london(2026, 12, 7, 9, 30)
        )
    # Back to back after the buffer is fine, and so is the same time for someone cancelled.
    booking_row_make(
        treatment=treatment, dermatologist=dermatologist, start=london(2026, 12, 7, 9, 45)
    )
    booking_row_make(
        treatment=treatment,
        dermatologist=dermatologist,
        start=london(2026, 12, 7, 9),
        status="cancelled",
    )


def test_alternatives_skip_the_time_that_was_refused():
    treatment = treatment_make(duration_minutes=60)
    dermatologist = dermatologist_make(treatments=[treatment], hours={0: [(time(9), time(12))]})
    book(treatment, london(2026, 12, 7, 9), dermatologist)

    with pytest.raises(SlotUnavailable) as refused:
        book(
            treatment,
            london(2026, 12, 7, 9),
            dermatologist,
            patient=patient_make(email="b@example.com"),
        )

    assert london(2026, 12, 7, 9) not in [slot.start for slot in refused.value.alternatives]
    assert all(slot.start >= london(2026, 12, 7, 10) for slot in refused.value.alternatives)
    assert timedelta(0) not in [
        slot.start - london(2026, 12, 7, 9) for slot in refused.value.alternatives
    ]
