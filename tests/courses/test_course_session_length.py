"""A course plan's own session length: proposed, booked and kept on a move."""

from datetime import date, timedelta

import pytest
from django.urls import reverse

from bookings.course_services import course_book, course_move_session, course_propose
from bookings.models import Booking, CoursePlan
from bookings.services import SlotUnavailable, booking_create
from tests.courses.helpers import consulted_patient
from tests.factories import (
    booking_row_make,
    dermatologist_make,
    intake_make,
    london,
    patient_make,
    treatment_make,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_clock")]

HOUR = timedelta(minutes=60)
MONDAYS_AT_9 = [london(2026, 12, 7, 9), london(2027, 1, 4, 9), london(2027, 2, 1, 9)]


@pytest.fixture
def laser(db):
    return treatment_make(name="Laser for milia", slug="laser", duration_minutes=30)


@pytest.fixture
def derm(laser):
    return dermatologist_make(treatments=[laser], name="Dr Amara Okafor")


@pytest.fixture
def plan(laser):
    """Three laser sessions of an hour each, though the treatment alone takes 30 minutes."""
    return CoursePlan.objects.create(
        treatment=laser,
        sessions=3,
        interval_min_weeks=3,
        interval_ideal_weeks=4,
        interval_max_weeks=5,
        session_minutes=60,
    )


@pytest.fixture
def nadia(laser, derm):
    return consulted_patient(laser, derm)


@pytest.mark.sqlite
def test_a_plan_with_hour_long_sessions_books_hour_long_sessions_of_a_30_minute_treatment(
    plan, derm, nadia, receptionist
):
    course = course_book(
        plan=plan, patient=nadia, dermatologist=derm, starts=MONDAYS_AT_9, created_by=receptionist
    )

    sessions = list(course.bookings.order_by("course_session"))
    assert [s.ends_at - s.starts_at for s in sessions] == [HOUR] * 3
    assert [s.blocked_until for s in sessions] == [s.starts_at + HOUR for s in sessions]


def test_a_proposal_skips_a_gap_that_fits_the_treatment_but_not_the_session(plan, derm, laser):
    booking_row_make(treatment=laser, dermatologist=derm, start=london(2026, 12, 7, 9, 30))

    proposed = course_propose(plan=plan, dermatologist=derm, first_day=date(2026, 12, 7))

    assert proposed[0].start == london(2026, 12, 7, 10)  # 9:00 to 9:30 is too short


def test_without_a_session_length_a_course_keeps_the_treatments_own(plan, derm, laser):
    plan.session_minutes = None
    plan.save()
    booking_row_make(treatment=laser, dermatologist=derm, start=london(2026, 12, 7, 9, 30))

    proposed = course_propose(plan=plan, dermatologist=derm, first_day=date(2026, 12, 7))

    assert proposed[0].start == london(2026, 12, 7, 9)


@pytest.mark.sqlite
def test_moving_a_session_keeps_its_length(plan, derm, nadia, receptionist):
    course = course_book(
        plan=plan, patient=nadia, dermatologist=derm, starts=MONDAYS_AT_9, created_by=receptionist
    )
    first = course.bookings.get(course_session=1)

    moved = course_move_session(booking=first, start=london(2026, 12, 8, 14), by_user=receptionist)

    moved.refresh_from_db()
    assert (moved.starts_at, moved.ends_at) == (london(2026, 12, 8, 14), london(2026, 12, 8, 15))


def test_moving_a_session_refuses_a_time_its_whole_length_does_not_fit(
    plan, derm, nadia, laser, receptionist
):
    course = course_book(
        plan=plan, patient=nadia, dermatologist=derm, starts=MONDAYS_AT_9, created_by=receptionist
    )
    booking_row_make(treatment=laser, dermatologist=derm, start=london(2026, 12, 8, 14, 30))

    with pytest.raises(SlotUnavailable) as refused:
        course_move_session(
            booking=course.bookings.get(course_session=1),
            start=london(2026, 12, 8, 14),
            by_user=receptionist,
        )

    assert "It overlaps a booking at 2:30" in refused.value.message


def test_booking_a_longer_length_refuses_a_time_whose_end_overlaps_the_next_booking(laser, derm):
    booking_row_make(treatment=laser, dermatologist=derm, start=london(2026, 12, 7, 9, 45))
    before = Booking.objects.count()

    with pytest.raises(SlotUnavailable) as refused:
        booking_create(
            treatment=laser,
            start=london(2026, 12, 7, 9),
            dermatologist=derm,
            patient=patient_make(),
            intake=intake_make(),
            enforce_notice=False,
            duration=HOUR,
        )

    assert "overlaps a booking at 9:45" in refused.value.message
    assert london(2026, 12, 7, 9) not in [slot.start for slot in refused.value.alternatives]
    assert Booking.objects.count() == before


def test_booking_a_longer_length_where_it_fits_blocks_the_whole_length(laser, derm):
    booking = booking_create(
        treatment=laser,
        start=london(2026, 12, 7, 9),
        dermatologist=derm,
        patient=patient_make(),
        intake=intake_make(),
        enforce_notice=False,
        duration=HOUR,
    )

    assert (booking.ends_at, booking.blocked_until) == (london(2026, 12, 7, 10),) * 2


def test_the_admin_shows_and_checks_each_sessions_length(admin_client, plan):
    url = reverse("admin:bookings_courseplan_change", args=[plan.pk])

    page = admin_client.get(url).content.decode()
    typed = admin_client.post(
        url,
        {
            "treatment": plan.treatment_id,
            "sessions": 3,
            "interval_min_weeks": 3,
            "interval_ideal_weeks": 4,
            "interval_max_weeks": 5,
            "session_minutes": 62,
        },
    ).content.decode()

    assert 'name="session_minutes"' in page and 'value="60"' in page
    assert "must be a multiple of 5 minutes" in typed
    assert 'value="62"' in typed
    plan.refresh_from_db()
    assert plan.session_minutes == 60


@pytest.fixture
def first_session(plan, derm, nadia, laser, receptionist):
    """Session 1 of the hour-long course, and a booking at 2:30 on the day it may move to."""
    course = course_book(
        plan=plan, patient=nadia, dermatologist=derm, starts=MONDAYS_AT_9, created_by=receptionist
    )
    booking_row_make(treatment=laser, dermatologist=derm, start=london(2026, 12, 8, 14, 30))
    return course.bookings.get(course_session=1)


def test_the_patients_move_page_offers_only_times_the_whole_session_fits(client, first_session):
    url = reverse("bookings:move", kwargs={"token": first_session.manage_token})

    html = client.get(url, {"day": "2026-12-08"}).content.decode()

    assert 'aria-label="1:30pm on Tuesday 8 December 2026 with Dr Amara Okafor"' in html
    assert 'aria-label="2:00pm on Tuesday 8 December 2026 with Dr Amara Okafor"' not in html


def test_the_desks_move_page_offers_only_times_the_whole_session_fits(
    reception, first_session, derm
):
    page = reception.post(
        f"/admin/bookings/booking/{first_session.pk}/move/",
        {"day": "2026-12-08", "dermatologist": derm.pk, "_show": "1"},
    )

    offered = [label for _, label in page.context["form"].fields["slot"].widget.choices]
    assert "1:30pm" in offered
    assert "2:00pm" not in offered
