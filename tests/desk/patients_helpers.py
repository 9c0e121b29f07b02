"""Sarah Thompson, a returning patient, as reception's patient tests share her."""

from datetime import date, timedelta

from bookings.models import BookingStatus, OutboxEmail
from tests.desk.helpers import row
from tests.factories import london, patient_record_make

PATIENTS = "/admin/bookings/patient/"
SARAH = {
    "name": "Sarah Thompson",
    "email": "sarah@example.com",
    "date_of_birth": date(1988, 4, 12),
    "phone": "+447700900123",
}


def sarah_make(**fields):
    return patient_record_make(**{**SARAH, **fields})


def booking_of(patient, peel, okafor, start, **fields):
    return row(
        peel,
        okafor,
        start,
        patient=patient,
        patient_name=patient.name,
        email=patient.email,
        date_of_birth=patient.date_of_birth,
        **fields,
    )


def history_make(patient, peel, okafor, *, past: int = 1, hour: int = 10, upcoming: bool = True):
    """`past` visits, weeks apart (the first a no-show), and one confirmed next week, each
    with its email; each at `hour`, so that several patients' histories do not overlap."""
    visits = [
        booking_of(
            patient,
            peel,
            okafor,
            london(2026, 11, 2, hour) - timedelta(weeks=week),
            status=BookingStatus.NO_SHOW if week == 0 else BookingStatus.COMPLETED,
        )
        for week in range(past)
    ]
    next_one = [booking_of(patient, peel, okafor, london(2026, 12, 7, hour))] if upcoming else []
    for booking in [*visits, *next_one]:
        OutboxEmail.objects.create(
            kind="confirmed", booking=booking, recipient=patient.email, status="sent"
        )
    return visits, next_one[0] if next_one else None


def page_url(patient) -> str:
    return f"{PATIENTS}{patient.pk}/change/"
