"""A course of peels to book: the plan, and a patient who has had a consultation."""

from datetime import date

from bookings.models import BookingStatus, CoursePlan
from tests.factories import booking_row_make, london, patient_record_make


def peel_plan(treatment, *, sessions=4) -> CoursePlan:
    """Four peels, 3 to 5 weeks apart, ideally 4."""
    return CoursePlan.objects.create(
        treatment=treatment,
        sessions=sessions,
        interval_min_weeks=3,
        interval_ideal_weeks=4,
        interval_max_weeks=5,
    )


def consulted_patient(treatment, dermatologist, *, name="Nadia Haddad", email="nadia@example.com"):
    """A patient record with a completed consultation, whose answers a course reuses."""
    record = patient_record_make(
        name=name, email=email, date_of_birth=date(1990, 6, 3), phone="+447700900555"
    )
    booking_row_make(
        treatment=treatment,
        dermatologist=dermatologist,
        start=london(2026, 11, 2, 9),
        status=BookingStatus.COMPLETED,
        patient=record,
        patient_name=record.name,
        email=record.email,
        date_of_birth=record.date_of_birth,
    )
    return record


# Four sessions four weeks or so apart, on Monday mornings at 9.
STARTS = [
    london(2026, 12, 7, 9),
    london(2027, 1, 4, 9),
    london(2027, 2, 1, 9),
    london(2027, 3, 1, 9),
]
