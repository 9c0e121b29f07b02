"""Demo data for the suitability questions: a laser booking whose answers ask the
dermatologist to discuss suitability (cold sores), with skin type given as information."""

from datetime import date, timedelta

from django.utils import timezone

from bookings.models import Booking, Treatment
from bookings.selectors import dermatologists_for, slots_available
from bookings.services import Intake, PatientDetails, SlotUnavailable, booking_create

PATIENT = PatientDetails(
    name="Priya Shah",
    email="priya.shah@example.com",
    phone="07700 900481",
    date_of_birth=date(1991, 6, 14),
)


def suitability_demo_load(treatments: dict[str, Treatment]) -> int:
    """Books Priya Shah's laser consultation once; returns the bookings made (0 or 1)."""
    laser = treatments.get("laser-treatment")
    if laser is None or Booking.objects.filter(email=PATIENT.email).exists():
        return 0
    today = timezone.localdate()
    free = slots_available(
        treatment=laser,
        first_day=today + timedelta(days=1),
        last_day=today + timedelta(days=14),
        dermatologists=dermatologists_for(laser),
    )
    for slot in free[:3]:
        try:
            booking_create(
                treatment=laser,
                start=slot.start,
                dermatologist=None,
                patient=PATIENT,
                intake=Intake(
                    areas=["cheeks"],
                    how_long="over_1_year",
                    how_many="6_to_20",
                    tried_home_removal=False,
                    pregnancy="no",
                    suitability={
                        "isotretinoin": "no",
                        "cold_sores": "yes",
                        "blood_thinners": "no",
                        "tanned": "no",
                    },
                    skin_type="rarely_burns",
                ),
            )
            return 1
        except SlotUnavailable:
            continue
    return 0
