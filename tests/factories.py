"""Small builders for test data. Each returns a saved row with sensible defaults."""

import itertools
from datetime import date, datetime, time
from decimal import Decimal

from django.contrib.auth.models import User

from bookings.availability import LONDON
from bookings.models import (
    Booking,
    BookingStatus,
    Dermatologist,
    Patient,
    Treatment,
    WorkingHours,
)
from bookings.patient_services import patient_find_or_create
from bookings.services import Intake, PatientDetails, booking_create

_numbers = itertools.count(1)

NINE_TO_FIVE = [(time(9), time(17))]


def treatment_make(**fields) -> Treatment:
    n = next(_numbers)
    values = {
        "name": f"Treatment {n}",
        "slug": f"treatment-{n}",
        "summary": "A treatment for milia.",
        "duration_minutes": 30,
        "buffer_minutes": 0,
        "price": Decimal("150.00"),
    }
    values.update(fields)
    return Treatment.objects.create(**values)


def dermatologist_make(*, treatments=(), hours=None, **fields) -> Dermatologist:
    """A dermatologist who works `hours` ({weekday: [(starts, ends)]}); Monday to Friday 9 to 5 by default."""
    n = next(_numbers)
    user = User.objects.create_user(username=f"derm{n}", password="a-long-test-password")
    values = {"user": user, "name": f"Dr Test {n}", "gmc_number": f"{7000000 + n}"}
    values.update(fields)
    dermatologist = Dermatologist.objects.create(**values)
    dermatologist.treatments.set(treatments)
    hours = dict.fromkeys(range(5), NINE_TO_FIVE) if hours is None else hours
    WorkingHours.objects.bulk_create(
        WorkingHours(dermatologist=dermatologist, weekday=day, starts=starts, ends=ends)
        for day, spans in hours.items()
        for starts, ends in spans
    )
    return dermatologist


def london(year, month, day, hour=0, minute=0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=LONDON)


# A Tuesday, 8am UK time, a week before the Monday most tests book: the moment
# the `frozen_clock` fixture stops the clock at.
NOW = london(2026, 12, 1, 8, 0)


def patient_make(**fields) -> PatientDetails:
    values = {
        "name": "Sarah Thompson",
        "email": "sarah@example.com",
        "phone": "07700 900123",
        "date_of_birth": date(1988, 4, 12),
    }
    values.update(fields)
    return PatientDetails(**values)


def intake_make(**fields) -> Intake:
    values = {
        "areas": ["eyes"],
        "how_long": "1_to_6_months",
        "how_many": "1_to_5",
        "tried_home_removal": False,
        "pregnancy": "no",
    }
    values.update(fields)
    return Intake(**values)


def booking_booked(*, treatment, start, dermatologist) -> Booking:
    """A booking made through the service every door calls, by Sarah Thompson."""
    return booking_create(
        treatment=treatment,
        start=start,
        dermatologist=dermatologist,
        patient=patient_make(),
        intake=intake_make(),
    )


def booking_row_make(
    *, treatment, dermatologist, start, status=BookingStatus.CONFIRMED, **fields
) -> Booking:
    """A booking saved straight to the table, bypassing the service (to set up a diary)."""
    values = {
        "treatment": treatment,
        "dermatologist": dermatologist,
        "starts_at": start,
        "ends_at": start + treatment.duration,
        "blocked_until": start + treatment.duration + treatment.buffer,
        "status": status,
        "patient_name": "Existing Patient",
        "email": "existing@example.com",
        "phone": "+447700900999",
        "date_of_birth": date(1980, 1, 1),
        "how_long": "1_to_6_months",
        "how_many": "1_to_5",
        "tried_home_removal": False,
        "pregnancy": "no",
        "privacy_consent_at": start,
    }
    values.update(fields)
    if "patient" not in values:
        values["patient"] = patient_record_make(
            name=values["patient_name"],
            email=values["email"],
            date_of_birth=values["date_of_birth"],
            phone=values["phone"],
        )
    return Booking.objects.create(**values)


def patient_record_make(**fields) -> Patient:
    """The patient record of these details, made if there is none (as booking_create does)."""
    details = {
        "name": "Existing Patient",
        "email": "existing@example.com",
        "date_of_birth": date(1980, 1, 1),
        "phone": "+447700900999",
    }
    details.update(fields)
    return patient_find_or_create(details=PatientDetails(**details), now=NOW)


def staff_user_make(username: str, *, group: str, is_staff: bool = True) -> User:
    """A member of staff in one of the groups that migrations make ("Reception", "Dermatologists")."""
    from django.contrib.auth.models import Group

    user = User.objects.create_user(
        username=username, password="a-long-test-password", is_staff=is_staff
    )
    user.groups.add(Group.objects.get(name=group))
    return user
