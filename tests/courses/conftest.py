import pytest

from bookings.course_services import course_book, course_sessions
from tests.courses.helpers import STARTS, consulted_patient, peel_plan


@pytest.fixture
def sessions(peel, okafor, receptionist):
    """Nadia's course of four peels with Dr Okafor, a month apart, booked by reception."""
    nadia = consulted_patient(peel, okafor)
    course = course_book(
        plan=peel_plan(peel),
        patient=nadia,
        dermatologist=okafor,
        starts=STARTS,
        created_by=receptionist,
    )
    return course_sessions(course)
