"""Each session of a course says which it is, in reception's diary and the dermatologist's day."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from bookings.course_services import course_book
from tests.conftest import login_with_second_factor
from tests.courses.helpers import STARTS, consulted_patient, peel_plan
from tests.factories import booking_row_make, london

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_clock")]


@pytest.fixture
def course(peel, okafor, receptionist):
    nadia = consulted_patient(peel, okafor)
    return course_book(
        plan=peel_plan(peel),
        patient=nadia,
        dermatologist=okafor,
        starts=STARTS,
        created_by=receptionist,
    )


def test_the_diary_shows_session_2_of_4_on_the_block(reception, course, peel, okafor):
    booking_row_make(treatment=peel, dermatologist=okafor, start=london(2027, 1, 4, 11))

    html = reception.get("/admin/bookings/booking/diary/", {"day": "2027-01-04"}).content.decode()

    assert '<span class="diary-course">session 2 of 4</span>' in html
    assert html.count("diary-course") == 1  # not on the booking outside the course


def test_the_diary_reads_the_course_in_the_same_query_as_the_bookings(reception, course):
    with CaptureQueriesContext(connection) as one_session:
        reception.get("/admin/bookings/booking/diary/", {"day": "2027-01-04"})

    assert not [q for q in one_session.captured_queries if 'FROM "bookings_course"' in q["sql"]]


def test_the_dermatologists_day_shows_session_3_of_4(client, course, okafor):
    login_with_second_factor(client, okafor.user)

    day = client.get("/staff/schedule/", {"day": "2027-02-01"}).content.decode()
    week = client.get("/staff/schedule/week/", {"week": "2027-02-01"}).content.decode()

    assert '<strong class="course-session">Session 3 of 4</strong>' in day
    assert "Chemical peel · Session 3 of 4 · age" in week
