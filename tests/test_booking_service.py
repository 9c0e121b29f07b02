"""booking_create, the one way a booking is made, and what reception does to it on the day.

Runs on PostgreSQL and, marked sqlite, on SQLite too.
"""

import uuid
from datetime import time, timedelta
from unittest import mock

import pytest
from django.db import IntegrityError, connection, transaction

from bookings.day_services import (
    booking_confirm,
    booking_mark_arrived,
    booking_mark_completed,
    booking_mark_no_show,
)
from bookings.models import Booking, BookingEvent, BookingStatus
from bookings.notify.emails import EmailKind
from bookings.services import BookingError, SlotUnavailable, booking_create
from tests.factories import (
    NOW,
    booking_row_make,
    dermatologist_make,
    intake_make,
    london,
    patient_make,
    treatment_make,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_clock"), pytest.mark.sqlite]


def book(treatment, start, dermatologist=None, **kwargs):
    return booking_create(
        treatment=treatment,
        start=start,
        dermatologist=dermatologist,
        patient=kwargs.pop("patient", patient_make()),
        intake=kwargs.pop("intake", intake_make()),
        **kwargs,
    )


def test_a_buffer_that_reaches_past_midnight_sees_the_next_days_first_booking():
    treatment = treatment_make(duration_minutes=30, buffer_minutes=30)
    late = dermatologist_make(
        treatments=[treatment], hours={0: [(time(23), time(23, 59))], 1: [(time(0), time(2))]}
    )
    book(treatment, london(2026, 12, 8, 0, 0), late)  # Tuesday, just after midnight

    with pytest.raises(SlotUnavailable):
        book(treatment, london(2026, 12, 7, 23, 15), late)  # its buffer runs to 00:15

    assert Booking.objects.count() == 1


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


# What reception does to a booking on the day: confirm, arrived, completed, no-show.

TODAY_10 = london(2026, 12, 1, 10, 0)  # later today
TODAY_7 = london(2026, 12, 1, 7, 0)  # earlier today, an hour ago
NEXT_MONDAY_9 = london(2026, 12, 7, 9, 0)


def diary_row(start, status=BookingStatus.REQUESTED):
    treatment = treatment_make()
    dermatologist = dermatologist_make(treatments=[treatment])
    return booking_row_make(
        treatment=treatment, dermatologist=dermatologist, start=start, status=status
    )


def test_confirming_a_request_records_who_bumps_the_sequence_and_emails_the_patient(
    receptionist,
):
    booking = diary_row(NEXT_MONDAY_9)

    with mock.patch("bookings.day_services.email_due") as due:
        booking_confirm(booking=booking, by_user=receptionist)

    booking.refresh_from_db()
    assert booking.status == BookingStatus.CONFIRMED
    assert booking.confirmed_at == NOW
    assert booking.sequence == 1
    event = booking.events.get()
    assert (event.kind, event.by_user, event.at) == (
        BookingEvent.Kind.CONFIRMED,
        receptionist,
        NOW,
    )
    due.assert_called_once_with(kind=EmailKind.CONFIRMED, booking=booking)


@pytest.mark.parametrize(
    ("status", "message"),
    [
        (BookingStatus.CONFIRMED, "Cannot confirm: it is already confirmed."),
        (BookingStatus.ARRIVED, "Cannot confirm: the patient has already arrived."),
        (BookingStatus.COMPLETED, "Cannot confirm: it is already marked completed."),
        (BookingStatus.CANCELLED, "Cannot confirm: it has been cancelled."),
        (BookingStatus.NO_SHOW, "Cannot confirm: it is marked as a no-show."),
    ],
)
def test_only_a_requested_booking_can_be_confirmed(receptionist, status, message):
    booking = diary_row(NEXT_MONDAY_9, status=status)

    with (
        mock.patch("bookings.day_services.email_due") as due,
        pytest.raises(BookingError) as refused,
    ):
        booking_confirm(booking=booking, by_user=receptionist)

    assert refused.value.message == message
    booking.refresh_from_db()
    assert (booking.status, booking.sequence) == (status, 0)
    assert not booking.events.exists()
    due.assert_not_called()


def test_a_request_whose_time_has_passed_cannot_be_confirmed(receptionist):
    booking = diary_row(TODAY_7)

    with pytest.raises(BookingError) as refused:
        booking_confirm(booking=booking, by_user=receptionist)

    assert refused.value.message == "Cannot confirm: its time has passed."
    assert Booking.objects.get().status == BookingStatus.REQUESTED


@pytest.mark.parametrize("status", [BookingStatus.REQUESTED, BookingStatus.CONFIRMED])
def test_a_patient_can_be_marked_arrived_on_the_day_without_telling_them(receptionist, status):
    booking = diary_row(TODAY_10, status=status)

    with mock.patch("bookings.day_services.email_due") as due:
        booking_mark_arrived(booking=booking, by_user=receptionist)

    booking.refresh_from_db()
    assert (booking.status, booking.sequence) == (BookingStatus.ARRIVED, 0)
    event = booking.events.get()
    assert (event.kind, event.by_user) == (BookingEvent.Kind.ARRIVED, receptionist)
    due.assert_not_called()


def test_arrival_is_refused_on_another_day(receptionist):
    booking = diary_row(NEXT_MONDAY_9, status=BookingStatus.CONFIRMED)

    with pytest.raises(BookingError) as refused:
        booking_mark_arrived(booking=booking, by_user=receptionist)

    assert refused.value.message == (
        "Cannot mark arrived: the appointment is on Monday 7 December, not today."
    )
    assert Booking.objects.get().status == BookingStatus.CONFIRMED


@pytest.mark.parametrize(
    ("status", "message"),
    [
        (BookingStatus.ARRIVED, "Cannot mark arrived: the patient has already arrived."),
        (BookingStatus.CANCELLED, "Cannot mark arrived: it has been cancelled."),
        (BookingStatus.NO_SHOW, "Cannot mark arrived: it is marked as a no-show."),
        (BookingStatus.COMPLETED, "Cannot mark arrived: it is already marked completed."),
    ],
)
def test_arrival_is_refused_for_a_booking_that_is_not_waiting(receptionist, status, message):
    booking = diary_row(TODAY_10, status=status)

    with pytest.raises(BookingError) as refused:
        booking_mark_arrived(booking=booking, by_user=receptionist)

    assert refused.value.message == message
    assert not booking.events.exists()


@pytest.mark.parametrize(
    ("status", "start"),
    [(BookingStatus.ARRIVED, TODAY_10), (BookingStatus.CONFIRMED, TODAY_7)],
    ids=["arrived", "confirmed-and-started"],
)
def test_an_appointment_is_completed_after_arrival_or_once_its_time_has_come(
    receptionist, status, start
):
    booking = diary_row(start, status=status)

    booking_mark_completed(booking=booking, by_user=receptionist)

    booking.refresh_from_db()
    assert (booking.status, booking.sequence) == (BookingStatus.COMPLETED, 0)
    assert booking.events.get().kind == BookingEvent.Kind.COMPLETED


@pytest.mark.parametrize(
    ("status", "start", "message"),
    [
        (
            BookingStatus.CONFIRMED,
            TODAY_10,
            "Cannot mark completed: the appointment has not started yet.",
        ),
        (
            BookingStatus.REQUESTED,
            TODAY_7,
            "Cannot mark completed: it is still waiting for confirmation.",
        ),
        (BookingStatus.CANCELLED, TODAY_7, "Cannot mark completed: it has been cancelled."),
        (BookingStatus.NO_SHOW, TODAY_7, "Cannot mark completed: it is marked as a no-show."),
        (
            BookingStatus.COMPLETED,
            TODAY_7,
            "Cannot mark completed: it is already marked completed.",
        ),
    ],
)
def test_completion_is_refused_before_the_appointment_or_when_it_did_not_happen(
    receptionist, status, start, message
):
    booking = diary_row(start, status=status)

    with pytest.raises(BookingError) as refused:
        booking_mark_completed(booking=booking, by_user=receptionist)

    assert refused.value.message == message
    assert Booking.objects.get().status == status


@pytest.mark.parametrize("status", [BookingStatus.REQUESTED, BookingStatus.CONFIRMED])
def test_a_patient_who_did_not_come_is_marked_no_show_and_frees_nothing_to_come(
    receptionist, status
):
    booking = diary_row(TODAY_7, status=status)

    booking_mark_no_show(booking=booking, by_user=receptionist)

    booking.refresh_from_db()
    assert (booking.status, booking.sequence) == (BookingStatus.NO_SHOW, 0)
    event = booking.events.get()
    assert (event.kind, event.by_user) == (BookingEvent.Kind.NO_SHOW, receptionist)


@pytest.mark.parametrize(
    ("status", "start", "message"),
    [
        (
            BookingStatus.CONFIRMED,
            TODAY_10,
            "Cannot mark no-show: the appointment has not started yet.",
        ),
        (BookingStatus.ARRIVED, TODAY_7, "Cannot mark no-show: the patient has already arrived."),
        (BookingStatus.CANCELLED, TODAY_7, "Cannot mark no-show: it has been cancelled."),
        (BookingStatus.NO_SHOW, TODAY_7, "Cannot mark no-show: it is marked as a no-show."),
    ],
)
def test_no_show_is_refused_before_the_time_or_once_the_patient_came(
    receptionist, status, start, message
):
    booking = diary_row(start, status=status)

    with pytest.raises(BookingError) as refused:
        booking_mark_no_show(booking=booking, by_user=receptionist)

    assert refused.value.message == message
    assert not booking.events.exists()
