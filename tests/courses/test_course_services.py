"""Proposing, booking, moving and cancelling a course of treatment."""

from datetime import UTC, date, time

import pytest

from bookings.availability import LONDON
from bookings.course_services import (
    CourseError,
    course_book,
    course_cancel_rest,
    course_move_session,
    course_propose,
    course_sessions,
)
from bookings.models import (
    Booking,
    BookingEvent,
    BookingStatus,
    ClinicClosure,
    Course,
    PartOfDay,
    TimeOff,
)
from tests.courses.helpers import consulted_patient, peel_plan
from tests.factories import booking_row_make, london

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_clock")]

TUESDAY = 1
MONDAYS_AT_9 = [
    london(2026, 12, 7, 9),
    london(2027, 1, 4, 9),
    london(2027, 2, 1, 9),
    london(2027, 3, 1, 9),
]


@pytest.fixture
def plan(peel):
    return peel_plan(peel)


@pytest.fixture
def nadia(peel, okafor):
    return consulted_patient(peel, okafor)


def test_it_proposes_each_session_at_the_same_uk_hour_across_the_clock_change_around_a_closure_and_leave(
    plan, okafor
):
    ClinicClosure.objects.create(
        first_day=date(2027, 3, 30), last_day=date(2027, 3, 30), reason="Works"
    )
    TimeOff.objects.create(
        dermatologist=okafor,
        starts_at=london(2027, 5, 18),
        ends_at=london(2027, 5, 19),
        reason="Leave",
    )

    proposed = course_propose(
        plan=plan,
        dermatologist=okafor,
        first_day=date(2027, 3, 2),
        weekday=TUESDAY,
        part_of_day=PartOfDay.MORNING,
    )

    starts = [session.start for session in proposed]
    assert starts == [
        london(2027, 3, 2, 9),  # GMT
        london(2027, 3, 23, 9),  # 30 March is closed: 3 weeks, not 5
        london(2027, 4, 20, 9),  # BST from 28 March: still 9 o'clock in London
        london(2027, 5, 11, 9),  # 18 May is the dermatologist's leave
    ]
    assert starts[2].astimezone(UTC).hour == 8


def test_it_proposes_the_patients_part_of_the_day_and_skips_taken_times(plan, okafor, peel):
    booking_row_make(treatment=peel, dermatologist=okafor, start=london(2027, 1, 5, 12))

    proposed = course_propose(
        plan=plan,
        dermatologist=okafor,
        first_day=date(2027, 1, 5),
        weekday=TUESDAY,
        part_of_day=PartOfDay.AFTERNOON,
    )

    assert proposed[0].start == london(2027, 1, 5, 12, 45)
    assert [s.start.astimezone(LONDON).time() for s in proposed] == [time(12, 45)] * 4


@pytest.mark.sqlite
def test_booking_a_course_books_every_session_with_the_same_dermatologist_beyond_the_patients_horizon(
    plan, okafor, nadia, receptionist
):
    course = course_book(
        plan=plan, patient=nadia, dermatologist=okafor, starts=MONDAYS_AT_9, created_by=receptionist
    )

    sessions = course_sessions(course)
    assert [s.starts_at for s in sessions] == MONDAYS_AT_9
    assert [s.course_session for s in sessions] == [1, 2, 3, 4]
    assert {s.dermatologist for s in sessions} == {okafor}
    assert {s.status for s in sessions} == {BookingStatus.CONFIRMED}
    assert {s.patient for s in sessions} == {nadia}


@pytest.mark.sqlite
def test_a_session_that_is_not_free_refuses_the_whole_course_and_says_which(
    plan, okafor, nadia, peel, receptionist
):
    booking_row_make(treatment=peel, dermatologist=okafor, start=london(2027, 2, 1, 9, 15))
    before = Booking.objects.count()

    with pytest.raises(CourseError) as refused:
        course_book(
            plan=plan,
            patient=nadia,
            dermatologist=okafor,
            starts=MONDAYS_AT_9,
            created_by=receptionist,
        )

    assert refused.value.session == 3
    assert refused.value.message.startswith("Session 3 (Monday 1 February 2027, 9:00")
    assert "Nothing was booked." in refused.value.message
    assert Booking.objects.count() == before
    assert not Course.objects.exists()


def test_a_gap_outside_the_plan_refuses_the_course(plan, okafor, nadia, receptionist):
    starts = [*MONDAYS_AT_9[:3], london(2027, 2, 15, 9)]

    with pytest.raises(CourseError) as refused:
        course_book(
            plan=plan, patient=nadia, dermatologist=okafor, starts=starts, created_by=receptionist
        )

    assert refused.value.message == (
        "Session 4 would be 2 weeks after session 3: too soon. "
        "The shortest gap for this course is 3 weeks."
    )
    assert not Booking.objects.filter(course__isnull=False).exists()


@pytest.fixture
def course(plan, okafor, nadia, receptionist):
    return course_book(
        plan=plan, patient=nadia, dermatologist=okafor, starts=MONDAYS_AT_9, created_by=receptionist
    )


def test_moving_a_session_too_close_to_the_one_before_is_refused_plainly(course, receptionist):
    second = course_sessions(course)[1]

    with pytest.raises(CourseError) as refused:
        course_move_session(booking=second, start=london(2026, 12, 21, 9), by_user=receptionist)

    assert refused.value.message == (
        "Session 2 would be 2 weeks after session 1: too soon. "
        "The shortest gap for this course is 3 weeks. "
        "Session 3 would be 6 weeks after session 2: too long a gap. "
        "The longest gap for this course is 5 weeks."
    )
    second.refresh_from_db()
    assert second.starts_at == MONDAYS_AT_9[1]


def test_moving_a_session_within_the_gaps_needs_no_reason(course, receptionist):
    second = course_sessions(course)[1]

    moved = course_move_session(booking=second, start=london(2027, 1, 6, 11), by_user=receptionist)

    assert moved.starts_at == london(2027, 1, 6, 11)
    assert not moved.events.filter(kind=BookingEvent.Kind.GAP_OVERRIDDEN).exists()


def test_staff_may_override_a_gap_with_a_reason_kept_in_the_history(course, receptionist):
    last = course_sessions(course)[3]

    moved = course_move_session(
        booking=last,
        start=london(2027, 3, 15, 9),
        by_user=receptionist,
        override_reason="Patient abroad until mid-March; Dr Okafor agreed",
    )

    assert moved.starts_at == london(2027, 3, 15, 9)
    event = moved.events.get(kind=BookingEvent.Kind.GAP_OVERRIDDEN)
    assert event.by_user == receptionist
    assert event.detail == (
        "Session 4 would be 6 weeks after session 3: too long a gap. "
        "The longest gap for this course is 5 weeks. "
        "Reason: Patient abroad until mid-March; Dr Okafor agreed"
    )


def test_cancelling_the_rest_cancels_this_session_and_the_later_ones_only(course, receptionist):
    sessions = course_sessions(course)

    cancelled = course_cancel_rest(booking=sessions[1], by_user=receptionist, reason="Moving away")

    assert [b.course_session for b in cancelled] == [2, 3, 4]
    statuses = [b.status for b in course_sessions(course)]
    assert statuses == [BookingStatus.CONFIRMED] + [BookingStatus.CANCELLED] * 3
