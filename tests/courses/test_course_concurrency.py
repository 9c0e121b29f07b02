"""Two receptionists book overlapping courses into the same weeks at the same moment.

On PostgreSQL the exclusion constraint decides; on SQLite (marked sqlite) the write
lock each course's transaction takes. Either way one whole course wins and the other
books nothing: never a double booking, never half a course.
"""

import pytest

from bookings.course_services import CourseError, course_book
from bookings.models import Booking, Course
from tests.courses.helpers import consulted_patient, peel_plan
from tests.factories import dermatologist_make, london, treatment_make
from tests.races import all_at_once

pytestmark = [
    pytest.mark.sqlite,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

NADIA = [
    london(2026, 12, 7, 9),
    london(2027, 1, 4, 9),
    london(2027, 2, 1, 9),
    london(2027, 3, 1, 9),
]
# Starts with free weeks, then wants Nadia's third and fourth sessions' times.
TOM = [
    london(2026, 12, 14, 9),
    london(2027, 1, 4, 9, 15),
    london(2027, 2, 1, 9, 15),
    london(2027, 3, 1, 9, 30),
]


def race(plan, dermatologist, courses):
    """Books each (patient, starts) course at the same moment from its own thread."""

    def booking(patient, starts):
        return lambda: course_book(
            plan=plan, patient=patient, dermatologist=dermatologist, starts=starts, created_by=None
        )

    return all_at_once([booking(patient, starts) for patient, starts in courses])


def test_two_overlapping_courses_booked_at_once_give_one_whole_course_and_nothing_of_the_other():
    peel = treatment_make(name="Chemical peel", duration_minutes=45)
    okafor = dermatologist_make(treatments=[peel])
    plan = peel_plan(peel)
    nadia = consulted_patient(peel, okafor)
    tom = consulted_patient(peel, okafor, name="Tom Walsh", email="tom@example.com")

    for _ in range(3):
        outcomes = race(plan, okafor, [(nadia, NADIA), (tom, TOM)])

        won = [o for o in outcomes if isinstance(o, Course)]
        lost = [o for o in outcomes if isinstance(o, CourseError)]
        assert len(won) == 1 and len(lost) == 1, outcomes
        assert "Nothing was booked." in lost[0].message
        sessions = Booking.objects.filter(course__isnull=False)
        assert sessions.count() == 4
        assert {b.patient_id for b in sessions} == {won[0].patient_id}
        assert Course.objects.count() == 1
        Booking.objects.filter(course__isnull=False).delete()
        Course.objects.all().delete()
