"""The demo's waiting list: cancel the demo booking as reception, and the waiting patient is
offered its time (README, "The waiting list in the demo")."""

import io

import pytest
from django.core.management import call_command

from bookings.change_services import booking_cancel
from bookings.demo.waitlist import waitlist_demo_booking
from bookings.models import EmailKind, OutboxEmail, WaitlistEntry
from bookings.waitlist_offers import waitlist_offer_freed

pytestmark = pytest.mark.django_db


def test_cancelling_the_demo_booking_offers_its_time_to_the_waiting_patient(
    settings,
):
    settings.DEBUG = True
    out = io.StringIO()
    call_command("demo_data", stdout=out)
    call_command("demo_data", stdout=io.StringIO())  # a second run adds no second entry

    entry = WaitlistEntry.objects.get()
    assert (entry.name, entry.treatment.slug, entry.dermatologist) == (
        "Hannah Lewis",
        "milia-extraction",
        None,
    )
    booking = waitlist_demo_booking()
    assert booking is not None and booking.patient_name == "Mohammed Khan"
    assert f"cancel {booking.reference} (Mohammed Khan)" in out.getvalue()
    assert entry.first_day <= booking.local_start.date() <= entry.last_day

    booking_cancel(booking=booking, reason="Demo")
    # What the worker does once the cancellation has committed.
    offers = waitlist_offer_freed(
        dermatologist=booking.dermatologist, start=booking.starts_at, end=booking.blocked_until
    )

    # The earliest start the freed time makes possible: its own, or a little before.
    assert [offer.entry for offer in offers] == [entry]
    reach = booking.treatment.duration + booking.treatment.buffer
    assert booking.starts_at - reach < offers[0].starts_at <= booking.starts_at
    assert OutboxEmail.objects.filter(offer=offers[0], kind=EmailKind.WAITLIST_OFFER).exists()
