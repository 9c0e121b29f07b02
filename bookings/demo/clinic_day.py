"""Demo data for the dermatologist's clinic day: aftercare texts, record defaults, patients
who have arrived, and one completed visit with its treatment record and aftercare email."""

from datetime import date, datetime, time, timedelta

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from bookings.availability import LONDON
from bookings.care_services import treatment_record_save
from bookings.day_services import booking_mark_arrived, booking_mark_completed
from bookings.models import (
    AftercareText,
    Booking,
    BookingStatus,
    Dermatologist,
    FollowUp,
    RecordDefaults,
    Treatment,
)
from bookings.patient_services import patient_find_or_create
from bookings.services import PatientDetails

CALL_IF = (
    "Call us if the skin becomes hot, swollen, more painful or weeps yellow fluid, "
    "or if you have a fever."
)

AFTERCARE = {
    "milia-extraction": (
        "Small red marks where the milia were, and perhaps tiny scabs. They usually fade "
        "within a few days to a week.",
        "Do not pick the scabs or squeeze the spots. Avoid make-up on the treated skin for "
        "24 hours, and swimming pools, saunas and hot baths for 48 hours.",
    ),
    "laser-treatment": (
        "Redness and a feeling like mild sunburn for a day or two, and small dark crusts that "
        "fall off by themselves within about a week.",
        "Keep out of the sun and use SPF 50 every day for four weeks. No make-up for 24 hours, "
        "and no scrubs, retinoids or acids until the crusts have gone.",
    ),
    "cryotherapy": (
        "The skin may blister and then form a scab, which falls off within one to two weeks. "
        "The skin underneath may look lighter for a while.",
        "Do not burst a blister or pick the scab. Keep the area clean and dry, and protect it "
        "from the sun until it has healed.",
    ),
    "chemical-peel": (
        "Tightness, redness and flaking for three to seven days.",
        "Do not pick the peeling skin. Use a plain moisturiser and SPF 50 every day. No "
        "retinoids, acids or scrubs for a week.",
    ),
}
GENERAL = (
    "Some redness or tenderness for a day or two.",
    "Do not pick or rub the treated skin. Avoid make-up on it for 24 hours.",
)

DEVICE_SETTINGS = {
    "laser-treatment": "CO2 laser, 2 W, 0.1 s pulses",
    "cryotherapy": "Liquid nitrogen spray, 5 s freeze",
}


@transaction.atomic
def clinic_day_load(treatments: dict[str, Treatment]) -> int:
    """Adds what the clinic day needs to show each state; nothing twice. Returns visits made."""
    okafor = Dermatologist.objects.get(user__username="dr.okafor")
    desk = User.objects.get(username="reception")
    for slug, treatment in treatments.items():
        if not treatment.aftercare.exists():
            expect, avoid = AFTERCARE.get(slug, GENERAL)
            AftercareText.objects.create(
                treatment=treatment,
                expect=expect,
                avoid=avoid,
                call_if=CALL_IF,
                approved_by=okafor.user,
                approved_at=timezone.now(),
            )
        RecordDefaults.objects.get_or_create(
            treatment=treatment,
            defaults={
                "device_settings": DEVICE_SETTINGS.get(slug, ""),
                "consent_taken": slug in DEVICE_SETTINGS,
                "advice": "Aftercare explained; leaflet given.",
            },
        )
    peel = treatments["chemical-peel"]
    if not AftercareText.objects.filter(treatment=peel, approved_at__isnull=True).exists():
        # Reception's edit, waiting for a dermatologist on /staff/aftercare/.
        expect, avoid = AFTERCARE["chemical-peel"]
        AftercareText.objects.create(
            treatment=peel,
            expect=expect + " Your skin may feel dry for up to two weeks.",
            avoid=avoid,
            call_if=CALL_IF,
            written_by=desk,
        )

    made = _completed_visit(okafor, treatments["milia-extraction"], desk)
    # The first of today's bookings with each dermatologist has arrived.
    today = timezone.localdate()
    midnight = datetime.combine(today, time.min, tzinfo=LONDON)
    for dermatologist in Dermatologist.objects.all():
        first = (
            Booking.objects.filter(
                dermatologist=dermatologist,
                starts_at__gte=midnight,
                starts_at__lt=midnight + timedelta(days=1),
            )
            .order_by("starts_at")
            .first()
        )
        if first is not None and first.status in (BookingStatus.REQUESTED, BookingStatus.CONFIRMED):
            booking_mark_arrived(booking=first, by_user=desk)
    return made


def _completed_visit(okafor: Dermatologist, extraction: Treatment, desk: User) -> int:
    """This morning's 9 o'clock with Dr Okafor (or yesterday's, before 10am): completed, with
    its record and aftercare, and a review in four weeks for reception to book."""
    if Booking.objects.filter(patient__email="grace.okoye@example.com").exists():
        return 0
    now = timezone.now()
    day = timezone.localdate()
    if now.astimezone(LONDON).time() < time(10):
        day -= timedelta(days=1)
    start = datetime.combine(day, time(9), tzinfo=LONDON)
    details = PatientDetails(
        name="Grace Okoye",
        email="grace.okoye@example.com",
        phone="07700 900321",
        date_of_birth=date(1984, 9, 2),
    )
    patient = patient_find_or_create(details=details, now=now)
    # A visit that has already happened cannot be booked through the booking service,
    # which refuses past times: it is written as it was booked, then marked as staff would.
    booking = Booking.objects.create(
        treatment=extraction,
        dermatologist=okafor,
        starts_at=start,
        ends_at=start + extraction.duration,
        blocked_until=start + extraction.duration + extraction.buffer,
        status=BookingStatus.CONFIRMED,
        confirmed_at=start - timedelta(days=7),
        patient=patient,
        patient_name=details.name,
        email=details.email,
        phone="+447700900321",
        date_of_birth=details.date_of_birth,
        areas=["eyes"],
        how_long="over_1_year",
        how_many="6_to_20",
        tried_home_removal=False,
        pregnancy="no",
        privacy_consent_at=start - timedelta(days=7),
        created_at=start - timedelta(days=7),
        created_by=desk,
    )
    booking_mark_completed(booking=booking, by_user=okafor.user, now=start + extraction.duration)
    treatment_record_save(
        booking=booking,
        by_user=okafor.user,
        fields={
            "treatment_given": extraction,
            "areas": ["eyes"],
            "milia_treated": "6_to_20",
            "consent_taken": True,
            "complications": "None.",
            "advice": "Aftercare explained; leaflet given.",
            "follow_up": FollowUp.REVIEW,
            "follow_up_weeks": 4,
        },
        now=start + extraction.duration,
    )
    return 1
