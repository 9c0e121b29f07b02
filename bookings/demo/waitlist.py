"""Demo data for the waiting list: a patient waiting for a time a demo booking holds.

Hannah Lewis waits for a milia extraction with anyone, at any time of day, from
today to the booking horizon. Mohammed Khan's demo extraction is in her days,
so when reception cancels it the worker offers her the freed time: her offer
email appears in data/emails/, and its link books it.
"""

from datetime import date

from django.utils import timezone

from bookings.models import ACTIVE_STATUSES, Booking, Treatment, WaitlistEntry
from bookings.selectors import booking_horizon_last_day
from bookings.services import PatientDetails
from bookings.waitlist_services import waitlist_join

WAITING_PATIENT = PatientDetails(
    name="Hannah Lewis",
    email="hannah.lewis@example.com",
    phone="07700 900147",
    date_of_birth=date(1986, 2, 19),
)
# The demo booking whose cancellation frees a time she is waiting for.
BOOKED_PATIENT_EMAIL = "m.khan@example.com"


def waitlist_load(treatments: dict[str, Treatment]) -> int:
    """Puts the waiting patient on the list, unless she is on it already. Returns entries made."""
    if WaitlistEntry.objects.filter(email=WAITING_PATIENT.email).exists():
        return 0
    now = timezone.now()
    treatment = treatments["milia-extraction"]
    waitlist_join(
        treatment=treatment,
        dermatologist=None,
        first_day=timezone.localdate(now),
        last_day=booking_horizon_last_day(now),
        parts_of_day=["morning", "afternoon", "evening"],
        patient=WAITING_PATIENT,
        now=now,
    )
    return 1


def waitlist_demo_booking() -> Booking | None:
    """The demo booking to cancel as reception to see an offer made (README: the demo)."""
    return (
        Booking.objects.filter(
            email=BOOKED_PATIENT_EMAIL,
            treatment__slug="milia-extraction",
            status__in=ACTIVE_STATUSES,
            starts_at__gt=timezone.now(),
        )
        .order_by("starts_at")
        .first()
    )
