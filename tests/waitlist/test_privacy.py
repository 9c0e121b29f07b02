"""The waiting list in the patient's data rights: exported, anonymised with them, and
anonymised some months after an entry ended."""

import json
from datetime import timedelta

from bookings.change_services import booking_cancel
from bookings.models import OutboxEmail, Patient, WaitlistEnd, WaitlistEntry
from bookings.notify.tasks import retention_run
from bookings.privacy import patient_anonymise, patient_export
from bookings.waitlist_offers import waitlist_offer_freed
from bookings.waitlist_services import (
    waitlist_entry_for_token,
    waitlist_leave,
    waitlist_offer_for_token,
)
from tests.waitlist.helpers import join


def test_the_export_holds_the_entries_and_the_times_offered(peel, okafor, solid):
    entry = join(peel, 1, dermatologist=okafor)
    booking_cancel(booking=solid[2])
    waitlist_offer_freed(dermatologist=okafor, start=solid[2].starts_at, end=solid[2].blocked_until)

    data = json.loads(patient_export(patient=entry.patient, requested_by="test"))

    (exported,) = data["waiting_list"]
    assert exported["treatment"] == "Chemical peel"
    assert exported["dermatologist"] == "Dr Amara Okafor"
    assert exported["email"] == "waiting1@example.com"
    assert exported["parts_of_day"] == ["morning", "afternoon", "evening"]
    (offer,) = exported["offers"]
    assert offer["time"].startswith("2026-12-07T10:30")
    # The messages sent, as a booking's export lists its emails: joining, then the offer.
    assert [(m["what"], m["by"]) for m in exported["messages"]] == [
        ("On the waiting list", "Email"),
        ("A time is free (waiting list)", "Email"),
    ]


def test_anonymising_the_patient_ends_and_empties_their_entries(peel, okafor, solid):
    entry = join(peel, 1)
    other = join(peel, 2)
    booking_cancel(booking=solid[2])
    (offer, _) = waitlist_offer_freed(
        dermatologist=okafor, start=solid[2].starts_at, end=solid[2].blocked_until
    )
    token, offer_token = entry.token, offer.token

    patient_anonymise(patient=entry.patient, requested_by="test")

    entry.refresh_from_db()
    assert entry.end_reason == WaitlistEnd.ANONYMISED
    assert (entry.name, entry.phone) == ("Anonymised", "")
    assert "waiting1" not in entry.email
    assert waitlist_entry_for_token(token) is None
    assert waitlist_offer_for_token(offer_token) is None
    assert not OutboxEmail.objects.filter(recipient="waiting1@example.com").exists()
    other.refresh_from_db()
    assert other.is_waiting and other.name == "Waiting Patient 2"


def test_ended_entries_are_anonymised_after_the_retention_period(
    peel, okafor, frozen_clock, settings
):
    settings.RETENTION_WAITLIST_DAYS = 30
    left = join(peel, 1)
    waiting = join(peel, 2, last_day=None)
    waitlist_leave(entry=left)

    frozen_clock.shift(timedelta(days=29))
    retention_run()
    left.refresh_from_db()
    assert left.anonymised_at is None

    WaitlistEntry.objects.filter(pk=waiting.pk).update(last_day=left.last_day + timedelta(days=60))
    frozen_clock.shift(timedelta(days=2))
    retention_run()

    left.refresh_from_db()
    waiting.refresh_from_db()
    assert left.anonymised_at is not None and left.name == "Anonymised"
    assert waiting.anonymised_at is None
    # Made when they joined, never booked: nothing else of theirs is kept.
    record = Patient.objects.get(pk=left.patient_id)
    assert record.anonymised_at is not None and record.name == "Anonymised"
    assert Patient.objects.get(pk=waiting.patient_id).anonymised_at is None


def test_old_requests_leave_the_record_alone_while_the_patient_waits(
    peel, okafor, frozen_clock, settings
):
    from bookings.models import Booking, BookingStatus
    from tests.factories import booking_row_make, london

    entry = join(peel, 1, last_day=None)
    booking_row_make(
        treatment=peel,
        dermatologist=okafor,
        start=london(2026, 3, 2, 10),  # a request from March, never confirmed
        status=BookingStatus.REQUESTED,
        patient=entry.patient,
        patient_name=entry.name,
        email=entry.email,
    )
    settings.RETENTION_WAITLIST_DAYS = 30

    retention_run()

    assert Booking.objects.get().patient_name == "Anonymised"
    assert Patient.objects.get(pk=entry.patient_id).anonymised_at is None  # still waiting
    waitlist_leave(entry=entry)
    frozen_clock.shift(timedelta(days=31))
    retention_run()
    assert Patient.objects.get(pk=entry.patient_id).anonymised_at is not None
