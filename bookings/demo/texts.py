"""Demo data for text messages: a patient who chose texts, with an appointment coming soon.

Booked by reception and confirmed, so `make run` writes her confirmation text to
data/sms/ at once and, when it is less than a day away, as it usually is, her
reminder text at the next outbox dispatch.
"""

from datetime import date, timedelta

from django.contrib.auth.models import User
from django.utils import timezone

from bookings.models import ACTIVE_STATUSES, Booking, Treatment
from bookings.selectors import dermatologists_for, slots_available
from bookings.services import Intake, PatientDetails, SlotUnavailable, booking_create

TEXTING_PATIENT = PatientDetails(
    name="Amelia Clarke",
    email="amelia.clarke@example.com",
    phone="07700 900135",
    date_of_birth=date(1990, 6, 11),
    contact_by_text=True,
)


def texts_load(treatments: dict[str, Treatment]) -> int:
    """Books the texting patient into the first free time two hours or more away, unless she
    has a booking to come already. Returns bookings made."""
    now = timezone.now()
    if Booking.objects.filter(
        email=TEXTING_PATIENT.email, status__in=ACTIVE_STATUSES, starts_at__gt=now
    ).exists():
        return 0
    treatment = treatments["milia-extraction"]
    today = timezone.localdate()
    free = slots_available(
        treatment=treatment,
        first_day=today,
        last_day=today + timedelta(days=7),
        dermatologists=dermatologists_for(treatment),
        enforce_notice=False,
    )
    # The first time a couple of hours off: usually within the day, so the reminder is due too.
    soon = [slot for slot in free if slot.start >= now + timedelta(hours=2)]
    for slot in soon:
        try:
            booking_create(
                treatment=treatment,
                start=slot.start,
                dermatologist=None,
                patient=TEXTING_PATIENT,
                intake=Intake(
                    areas=["cheeks"],
                    how_long="1_to_6_months",
                    how_many="1_to_5",
                    tried_home_removal=False,
                    pregnancy="no",
                ),
                created_by=User.objects.get(username="reception"),
                enforce_notice=False,
                confirm=True,
                note="Demo: asked for texts on the phone.",
            )
        except SlotUnavailable:
            continue
        return 1
    return 0
