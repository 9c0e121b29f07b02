"""What the desk sees of emails, and what the audit trail keeps of staff looking at answers."""

from datetime import time
from unittest import mock

import pytest
import time_machine
from django.urls import reverse

from bookings.models import AuditEntry, EmailKind, OutboxEmail, OutboxStatus
from tests.conftest import login_with_second_factor
from tests.factories import booking_row_make, dermatologist_make, london, treatment_make

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:bookings_booking_changelist")


@pytest.fixture(autouse=True)
def frozen_clock():
    with time_machine.travel(london(2026, 12, 1, 8), tick=False):
        yield


@pytest.fixture
def booking():
    treatment = treatment_make(name="Cryotherapy")
    dermatologist = dermatologist_make(
        treatments=[treatment], hours={d: [(time(9), time(17))] for d in range(7)}
    )
    return booking_row_make(
        treatment=treatment, dermatologist=dermatologist, start=london(2026, 12, 7, 9)
    )


def test_the_bookings_list_shows_the_state_of_each_bookings_last_email(reception, booking):
    OutboxEmail.objects.create(
        booking=booking, kind=EmailKind.REQUESTED, recipient="a@example.com", status="sent"
    )
    OutboxEmail.objects.create(
        booking=booking,
        kind=EmailKind.CONFIRMED,
        version=1,
        recipient="a@example.com",
        status="failed",
    )

    html = reception.get(CHANGELIST).content.decode()

    assert "Appointment confirmed: failed" in html
    assert "Request received: sent" not in html


def test_resend_sends_the_latest_email_of_each_booking_again(
    reception, booking, django_capture_on_commit_callbacks
):
    OutboxEmail.objects.create(
        booking=booking, kind=EmailKind.REQUESTED, recipient="a@example.com", status="sent"
    )
    latest = OutboxEmail.objects.create(
        booking=booking,
        kind=EmailKind.CONFIRMED,
        version=1,
        recipient="a@example.com",
        status="failed",
    )
    OutboxEmail.objects.create(  # newer, but never what the patient is missing
        booking=booking,
        kind=EmailKind.RECEPTION_NEW_REQUEST,
        version=1,
        recipient="desk@example.com",
    )

    with (
        mock.patch("bookings.notify.outbox.email_queue") as queue,
        django_capture_on_commit_callbacks(execute=True),
    ):
        reception.post(
            CHANGELIST, {"action": "booking_resend_latest_email", "_selected_action": [booking.pk]}
        )

    latest.refresh_from_db()
    assert latest.status == OutboxStatus.PENDING
    queue.assert_called_once_with(latest.pk)


def test_opening_a_booking_in_the_admin_is_recorded(reception, booking):
    reception.get(reverse("admin:bookings_booking_change", args=[booking.pk]))

    entry = AuditEntry.objects.get(action=AuditEntry.Action.VIEWED_INTAKE)
    assert (entry.actor, entry.target) == ("desk", f"booking {booking.reference}")


def test_the_schedule_records_each_booking_whose_answers_it_shows(client, booking):
    login_with_second_factor(client, booking.dermatologist.user)

    client.get(reverse("staff:schedule"), {"day": "2026-12-07"})
    client.get(reverse("staff:booking", args=[booking.reference]))

    targets = list(
        AuditEntry.objects.filter(action=AuditEntry.Action.VIEWED_INTAKE)
        .order_by("pk")
        .values_list("target", "detail")
    )
    assert targets == [
        (f"booking {booking.reference}", "schedule, 2026-12-07"),
        (f"booking {booking.reference}", "schedule, booking page"),
    ]


def test_the_csv_export_is_recorded(reception, booking):
    reception.get(reverse("admin:bookings_booking_day_csv"), {"day": "2026-12-07"})

    entry = AuditEntry.objects.get(action=AuditEntry.Action.EXPORTED)
    assert (entry.actor, entry.target, entry.detail) == ("desk", "day list 2026-12-07", "CSV")
