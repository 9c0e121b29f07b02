"""Demo data for reception's patient pages: Sarah Thompson, a returning patient with a history
(a completed visit, a no-show, a note, the emails sent, an appointment to come), and Tom Walsh,
whose second visit made a second record: a likely duplicate to merge."""

from datetime import date, datetime, time, timedelta

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from bookings.availability import LONDON
from bookings.models import (
    Booking,
    BookingStatus,
    Dermatologist,
    EmailKind,
    OutboxEmail,
    OutboxStatus,
    Patient,
    Treatment,
)
from bookings.patient_services import patient_find_or_create, patient_note_add
from bookings.selectors import dermatologists_for, slots_available
from bookings.services import Intake, PatientDetails, SlotUnavailable, booking_create

SARAH = PatientDetails(
    name="Sarah Thompson",
    email="sarah.thompson@example.com",
    phone="07700 900123",
    date_of_birth=date(1988, 4, 12),
)
# Tom's first record is made by the demo's online bookings; this one by a later visit
# on which he gave another email.
TOM_AGAIN = PatientDetails(
    name="Tom Walsh",
    email="t.walsh@example.com",
    phone="07700 900321",
    date_of_birth=date(1969, 11, 22),
)
NOTE = "Prefers afternoon appointments. Call her mobile; she cannot take calls at work before 1pm."


@transaction.atomic
def patients_load(treatments: dict[str, Treatment]) -> int:
    """Adds Sarah's history and Tom's second record; nothing twice. Returns bookings made."""
    desk = User.objects.get(username="reception")
    okafor = Dermatologist.objects.get(user__username="dr.okafor")
    now = timezone.now()
    made = 0
    sarah = patient_find_or_create(details=SARAH, now=now)
    if not sarah.bookings.filter(starts_at__lt=now).exists():
        extraction, peel = treatments["milia-extraction"], treatments["chemical-peel"]
        _past_visit(sarah, SARAH, extraction, okafor, desk, weeks_ago=20, status="completed")
        _past_visit(sarah, SARAH, peel, okafor, desk, weeks_ago=6, status="no_show")
        patient_note_add(patient=sarah, by=desk, text=NOTE)
        made += 2
    if not sarah.bookings.filter(starts_at__gte=now).exists():
        made += _upcoming(SARAH, treatments["milia-extraction"], desk)
    if not Patient.objects.filter(email=TOM_AGAIN.email).exists():
        tom = patient_find_or_create(details=TOM_AGAIN, now=now)
        _past_visit(
            tom, TOM_AGAIN, treatments["cryotherapy"], okafor, desk, weeks_ago=9, status="completed"
        )
        made += 1
    return made


def _weekday_weeks_ago(weeks: int) -> date:
    day = timezone.localdate() - timedelta(weeks=weeks)
    return day - timedelta(days=max(0, day.weekday() - 3))  # Monday to Thursday


def _past_visit(
    patient: Patient,
    details: PatientDetails,
    treatment: Treatment,
    dermatologist: Dermatologist,
    desk: User,
    *,
    weeks_ago: int,
    status: str,
) -> Booking:
    """A visit that has already happened: the booking service refuses past times, so it is
    written as it was booked, with the confirmation email that went."""
    start = datetime.combine(_weekday_weeks_ago(weeks_ago), time(14), tzinfo=LONDON)
    booked = start - timedelta(days=10)
    booking = Booking.objects.create(
        treatment=treatment,
        dermatologist=dermatologist,
        starts_at=start,
        ends_at=start + treatment.duration,
        blocked_until=start + treatment.duration + treatment.buffer,
        status=BookingStatus(status),
        confirmed_at=booked,
        patient=patient,
        patient_name=details.name,
        email=details.email,
        phone=patient.phone,
        date_of_birth=details.date_of_birth,
        areas=["eyes"],
        how_long="6_to_12_months",
        how_many="1_to_5",
        tried_home_removal=False,
        pregnancy="no",
        privacy_consent_at=booked,
        created_at=booked,
        created_by=desk,
    )
    OutboxEmail.objects.create(
        kind=EmailKind.CONFIRMED,
        booking=booking,
        recipient=details.email,
        status=OutboxStatus.SENT,
        created_at=booked,
        due_at=booked,
        sent_at=booked,
        attempts=1,
    )
    return booking


def _upcoming(details: PatientDetails, treatment: Treatment, desk: User) -> int:
    """An appointment in a week or so, booked by phone as reception would."""
    today = timezone.localdate()
    free = slots_available(
        treatment=treatment,
        first_day=today + timedelta(days=5),
        last_day=today + timedelta(days=19),
        dermatologists=dermatologists_for(treatment),
        enforce_notice=False,
    )
    afternoons = [slot for slot in free if slot.start.astimezone(LONDON).hour >= 13] or free
    if not afternoons:
        return 0
    try:
        booking_create(
            treatment=treatment,
            start=afternoons[0].start,
            dermatologist=None,
            patient=details,
            intake=Intake(
                areas=["eyes"],
                how_long="over_1_year",
                how_many="1_to_5",
                tried_home_removal=False,
                pregnancy="no",
            ),
            created_by=desk,
            enforce_notice=False,
            confirm=True,
            note="Privacy consent given by phone.",
        )
    except SlotUnavailable:
        return 0
    return 1
