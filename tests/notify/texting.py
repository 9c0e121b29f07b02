"""A patient who chose texts, booked and confirmed: shared by the text tests."""

from datetime import timedelta

from django.utils import timezone

from bookings.models import Channel, EmailKind, OutboxEmail, Treatment
from bookings.services import booking_create
from tests.factories import dermatologist_make, intake_make, patient_make, treatment_make


def texting_booking_make(*, phone="07700 900123", texts=True, start=None, confirm=True, **patient):
    treatment = Treatment.objects.filter(slug="milia-extraction-texts").first()
    if treatment is None:
        treatment = treatment_make(name="Milia extraction", slug="milia-extraction-texts")
        dermatologist_make(treatments=[treatment], name="Dr Amara Okafor")
    return booking_create(
        treatment=treatment,
        start=start or (timezone.localtime() + timedelta(days=3)).replace(hour=10, minute=0),
        dermatologist=None,
        patient=patient_make(phone=phone, contact_by_text=texts, **patient),
        intake=intake_make(),
        confirm=confirm,
        now=timezone.now(),
    )


def text_of(booking, kind=EmailKind.CONFIRMED) -> OutboxEmail:
    return OutboxEmail.objects.get(booking=booking, kind=kind, channel=Channel.TEXT)
