"""Patients' data rights: a copy of their data, anonymising on request, and retention."""

import json
from datetime import date, timedelta

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from bookings.models import AuditEntry, Booking, BookingStatus, EmailKind, OutboxEmail, Patient
from bookings.notify.tasks import retention_run
from bookings.privacy import patients_with_email, requests_expired_anonymise
from tests.factories import NOW, booking_row_make, dermatologist_make, london, treatment_make

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.usefixtures("frozen_clock"),
]


@pytest.fixture
def diary():
    treatment = treatment_make(name="Cryotherapy")
    return treatment, dermatologist_make(treatments=[treatment])


def row(diary, start, **fields):
    treatment, dermatologist = diary
    values = {
        "email": "sarah@example.com",
        "patient_name": "Sarah Thompson",
        "patient_note": "under my left eye",
    }
    values.update(fields)
    return booking_row_make(treatment=treatment, dermatologist=dermatologist, start=start, **values)


def test_the_export_holds_every_booking_with_answers_history_and_emails(diary, tmp_path):
    past = row(diary, london(2026, 6, 1, 9), status=BookingStatus.COMPLETED)
    other = row(
        diary, london(2026, 9, 1, 9), status=BookingStatus.CANCELLED, email="SARAH@example.com"
    )
    row(diary, london(2026, 9, 2, 9), email="someone.else@example.com")
    OutboxEmail.objects.create(
        booking=past, kind=EmailKind.CONFIRMED, recipient="sarah@example.com"
    )
    out = tmp_path / "sarah.json"

    call_command("patient_export", "--email", "sarah@example.com", "--out", str(out))

    data = json.loads(out.read_text())
    assert [b["reference"] for b in data["bookings"]] == [past.reference, other.reference]
    assert data["bookings"][0]["answers"]["note"] == "under my left eye"
    assert data["bookings"][0]["emails"][0]["what"] == "Appointment confirmed"
    assert "someone.else" not in out.read_text()
    entry = AuditEntry.objects.get(action=AuditEntry.Action.PRIVACY)
    patient = past.patient
    assert entry.target == f"patient {patient.pk} (s…@example.com)"
    assert "2 booking(s)" in entry.detail
    assert data["patient"]["name"] == "Sarah Thompson"
    assert data["patient"]["phone"] == "07700 900999"


def test_exporting_an_unknown_address_says_so(tmp_path):
    with pytest.raises(CommandError, match=r"No patient is held under nobody@example\.com"):
        call_command(
            "patient_export", "--email", "nobody@example.com", "--out", str(tmp_path / "x.json")
        )


def test_anonymising_keeps_the_clinical_minimum_of_attended_appointments_only(diary, client):
    attended = row(diary, london(2026, 6, 1, 9), status=BookingStatus.COMPLETED)
    cancelled = row(
        diary,
        london(2026, 9, 1, 9),
        status=BookingStatus.CANCELLED,
        warning_signs=["infection"],
        staff_notes="Sarah rang from 07700 900123",
    )
    cancelled.events.create(kind="cancelled", at=NOW, detail="I am now pregnant")
    old_link = reverse("bookings:manage", args=[cancelled.manage_token])

    call_command("patient_anonymise", "--email", "sarah@example.com")

    attended.refresh_from_db()
    cancelled.refresh_from_db()
    # The medical record stays: who, what, when, and their answers; not how to contact them.
    assert attended.patient_name == "Sarah Thompson"
    assert attended.patient_note == "under my left eye"
    assert attended.email.endswith("@invalid.example") and attended.phone == ""
    # Everything else loses every personal detail.
    assert cancelled.patient_name == "Anonymised"
    assert (cancelled.patient_note, cancelled.warning_signs, cancelled.phone) == ("", [], "")
    assert cancelled.date_of_birth.year == 1900
    assert cancelled.staff_notes == ""
    assert list(cancelled.events.values_list("detail", flat=True)) == [""]
    assert client.get(old_link).status_code == 404
    assert not Booking.objects.filter(email__iexact="sarah@example.com").exists()
    detail = AuditEntry.objects.get(action=AuditEntry.Action.PRIVACY).detail
    assert detail == "anonymised on request: 1 removed, 1 kept as clinical record"
    # The record says whose the clinical record is, and nothing to reach them by.
    record = Patient.objects.get(pk=attended.patient_id)
    assert (record.name, record.date_of_birth) == ("Sarah Thompson", attended.date_of_birth)
    assert record.email.endswith("@invalid.example") and record.phone == ""
    assert record.anonymised_at == NOW


def test_anonymising_leaves_no_address_in_a_failed_emails_error(diary):
    booking = row(diary, london(2026, 9, 1, 9), status=BookingStatus.CANCELLED)
    refused = "550 5.1.1 <sarah@example.com>: Recipient address rejected"
    OutboxEmail.objects.create(
        booking=booking, kind=EmailKind.CANCELLED, recipient="sarah@example.com", last_error=refused
    )
    OutboxEmail.objects.create(
        kind=EmailKind.MANAGE_LINKS, recipient="sarah@example.com", last_error=refused
    )

    call_command("patient_anonymise", "--email", "sarah@example.com")

    assert not OutboxEmail.objects.filter(last_error__icontains="sarah").exists()
    assert not OutboxEmail.objects.filter(recipient__icontains="sarah").exists()


def test_anonymising_waits_until_upcoming_appointments_are_cancelled(diary):
    upcoming = row(diary, london(2026, 12, 7, 9), status=BookingStatus.CONFIRMED)

    with pytest.raises(CommandError, match=f"upcoming appointments \\({upcoming.reference}\\)"):
        call_command("patient_anonymise", "--email", "sarah@example.com")

    assert Booking.objects.get().patient_name == "Sarah Thompson"


def test_retention_anonymises_requests_never_confirmed_after_six_months(diary, settings):
    settings.RETENTION_UNCONFIRMED_DAYS = 183
    old_request = row(diary, NOW - timedelta(days=184), status=BookingStatus.REQUESTED)
    old_cancelled_request = row(
        diary, NOW - timedelta(days=200), status=BookingStatus.CANCELLED, email="b@example.com"
    )
    recent_request = row(
        diary, NOW - timedelta(days=100), status=BookingStatus.REQUESTED, email="c@example.com"
    )
    old_appointment = row(
        diary,
        NOW - timedelta(days=300),
        status=BookingStatus.COMPLETED,
        confirmed_at=NOW - timedelta(days=301),
    )

    assert retention_run.apply().get() == 2
    assert requests_expired_anonymise() == 0  # nothing left to do

    names = dict(Booking.objects.values_list("pk", "patient_name"))
    assert names[old_request.pk] == names[old_cancelled_request.pk] == "Anonymised"
    assert names[recent_request.pk] == names[old_appointment.pk] == "Sarah Thompson"
    assert AuditEntry.objects.filter(actor="system", action=AuditEntry.Action.PRIVACY).count() == 1


def test_retention_runs_from_beat(settings):
    from bookings.notify.tasks import retention_run

    schedule = settings.CELERY_BEAT_SCHEDULE
    assert schedule["retention"]["task"] == retention_run.name


# A family sharing one email address: each patient's rights are to their own data.

TWINS = {"email": "parent@example.com", "date_of_birth": date(2018, 5, 1)}


@pytest.fixture
def twins(diary):
    amy = row(diary, london(2026, 6, 1, 9), patient_name="Amy Shah", **TWINS)
    ben = row(diary, london(2026, 6, 1, 10), patient_name="Ben Shah", **TWINS)
    return amy, ben


@pytest.mark.parametrize("command", ["patient_export", "patient_anonymise"])
def test_where_a_family_shares_an_email_the_commands_ask_which_patient(twins, command, tmp_path):
    amy, ben = twins
    out = ["--out", str(tmp_path / "x.json")] if command == "patient_export" else []

    with pytest.raises(CommandError) as asked:
        call_command(command, "--email", "parent@example.com", *out)

    message = str(asked.value)
    assert "2 patients share parent@example.com" in message
    assert f"--patient {amy.patient_id}: Amy Shah, born 01/05/2018" in message
    assert f"--patient {ben.patient_id}: Ben Shah, born 01/05/2018" in message
    assert not AuditEntry.objects.filter(action=AuditEntry.Action.PRIVACY).exists()


def test_the_export_of_one_twin_holds_nothing_of_the_other(twins, tmp_path):
    amy, _ = twins
    out = tmp_path / "amy.json"

    call_command(
        "patient_export", "--email", "parent@example.com", "--patient", str(amy.patient_id),
        "--out", str(out),
    )  # fmt: skip

    data = json.loads(out.read_text())
    assert data["patient"]["name"] == "Amy Shah"
    assert [b["reference"] for b in data["bookings"]] == [amy.reference]
    assert "Ben" not in out.read_text()


def test_anonymising_one_twin_leaves_the_other_and_the_shared_address_alone(twins):
    amy, ben = twins
    OutboxEmail.objects.create(kind=EmailKind.MANAGE_LINKS, recipient="parent@example.com")

    call_command(
        "patient_anonymise", "--email", "parent@example.com", "--patient", str(ben.patient_id)
    )

    amy.refresh_from_db()
    ben.refresh_from_db()
    assert ben.email.endswith("@invalid.example")
    assert amy.email == "parent@example.com" and amy.patient.anonymised_at is None
    assert OutboxEmail.objects.filter(recipient="parent@example.com").exists()
    assert [p.name for p in patients_with_email("parent@example.com")] == ["Amy Shah"]


def test_a_patient_with_no_attended_appointment_loses_their_name_from_the_record(diary):
    cancelled = row(diary, london(2026, 9, 1, 9), status=BookingStatus.CANCELLED)

    call_command("patient_anonymise", "--email", "sarah@example.com")

    record = Patient.objects.get(pk=cancelled.patient_id)
    assert record.name == "Anonymised" and record.date_of_birth.year == 1900
    assert record.email.endswith("@invalid.example") and record.phone == ""


def test_retention_anonymises_the_record_once_none_of_its_bookings_is_kept(diary, settings):
    settings.RETENTION_UNCONFIRMED_DAYS = 183
    only_request = row(
        diary, NOW - timedelta(days=200), status=BookingStatus.REQUESTED, email="b@example.com"
    )
    request = row(diary, NOW - timedelta(days=190), status=BookingStatus.REQUESTED)
    row(diary, NOW - timedelta(days=300), status=BookingStatus.COMPLETED)  # Sarah's, kept

    assert requests_expired_anonymise() == 2

    gone = Patient.objects.get(pk=only_request.patient_id)
    assert gone.name == "Anonymised" and gone.email.endswith("@invalid.example")
    assert gone.anonymised_at == NOW
    kept = Patient.objects.get(pk=request.patient_id)
    assert kept.name == "Sarah Thompson" and kept.anonymised_at is None
    entry = AuditEntry.objects.get(actor="system", action=AuditEntry.Action.PRIVACY)
    assert "1 patient record(s)" in entry.detail
