"""Which emails a change makes due, and what each one says."""

from datetime import UTC, datetime, time

import pytest
import time_machine
from django.core import mail
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from icalendar import Calendar

from bookings.change_services import booking_cancel, booking_move
from bookings.link_services import booking_links_request, booking_links_send
from bookings.models import Booking, BookingStatus, EmailKind, OutboxEmail, OutboxStatus
from bookings.notify.outbox import outbox_deliver, reminders_make_due
from bookings.services import booking_create
from tests.factories import dermatologist_make, intake_make, london, patient_make, treatment_make

pytestmark = pytest.mark.django_db

NOW = london(2026, 12, 1, 8, 0)
MONDAY_9 = london(2026, 12, 7, 9, 0)


@pytest.fixture(autouse=True)
def frozen_clock(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def laser():
    return treatment_make(
        name="Laser treatment",
        slug="laser-treatment",
        duration_minutes=45,
        preparation="Do not tan, use sunbeds or fake tan for 4 weeks before.",
    )


@pytest.fixture
def okafor(laser):
    return dermatologist_make(
        treatments=[laser],
        name="Dr Amara Okafor",
        hours={d: [(time(9), time(17))] for d in range(7)},
    )


def book(treatment, start=MONDAY_9, **intake) -> Booking:
    return booking_create(
        treatment=treatment,
        start=start,
        dermatologist=None,
        patient=patient_make(),
        intake=intake_make(
            note="My left eyelid is sore", tried_already="Tretinoin cream", **intake
        ),
    )


def send_all() -> list:
    mail.outbox.clear()
    for pk in OutboxEmail.objects.filter(status=OutboxStatus.PENDING).values_list("pk", flat=True):
        outbox_deliver(outbox_id=pk)
    return list(mail.outbox)


def calendar_of(message) -> Calendar:
    (attachment,) = [a for a in message.attachments if a[0] == "appointment.ics"]
    return Calendar.from_ical(attachment[1])


def test_a_request_makes_the_request_email_and_a_note_to_reception(laser, okafor):
    booking = book(laser)

    due = set(OutboxEmail.objects.values_list("kind", "recipient"))
    assert due == {
        (EmailKind.REQUESTED, "sarah@example.com"),
        (EmailKind.RECEPTION_NEW_REQUEST, "reception@kingsway-skin.example"),
    }
    assert all(e.booking_id == booking.pk for e in OutboxEmail.objects.all())


def test_a_new_booking_records_its_emails_in_one_statement(laser, okafor):
    with CaptureQueriesContext(connection) as captured:
        book(laser)

    writes = [q["sql"] for q in captured.captured_queries if "bookings_outboxemail" in q["sql"]]
    assert len(writes) == 1 and writes[0].startswith("INSERT")
    assert OutboxEmail.objects.count() == 2


def test_an_automatically_confirmed_booking_makes_the_confirmed_email_only(laser, okafor):
    laser.confirms_automatically = True
    laser.save()

    book(laser)

    assert list(OutboxEmail.objects.values_list("kind", flat=True)) == [EmailKind.CONFIRMED]


def test_a_rolled_back_booking_makes_no_email(laser, okafor, django_capture_on_commit_callbacks):
    with (
        django_capture_on_commit_callbacks() as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        book(laser)
        raise RuntimeError("something later in the same request failed")

    assert OutboxEmail.objects.count() == 0
    assert callbacks == []


def test_the_send_task_is_queued_only_after_the_commit(
    laser, okafor, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks:
        book(laser)

    assert len(callbacks) == 1  # request email and reception note, one task for both


def test_the_request_email_has_everything_a_patient_needs_and_no_health_details(laser, okafor):
    booking = book(laser, warning_signs=["infection"], pregnancy="pregnant")

    (patient_email,) = [m for m in send_all() if m.to == ["sarah@example.com"]]

    text = patient_email.body
    html = patient_email.alternatives[0][0]
    for part in (text, html):
        assert booking.reference in part
        assert "Monday 7 December 2026 at 9:00am (GMT, UK time)" in part
        assert "Dr Amara Okafor" in part
        assert "14 Kingsway" in part
        assert "Do not tan, use sunbeds or fake tan for 4 weeks before." in part
        assert f"http://127.0.0.1:8000/manage/{booking.manage_token}/" in part
        assert "020 7946 0123" in part
        for private in ["sore", "Tretinoin", "pregnan", "infection", "12/04/1988", "1988"]:
            assert private not in part
    assert patient_email.subject == f"We have your booking request ({booking.reference})"
    assert patient_email.attachments == []  # no invite until it is confirmed


def test_the_reception_note_links_to_the_admin_and_carries_no_intake_answers(laser, okafor):
    booking = book(laser, warning_signs=["infection"])

    (note,) = [m for m in send_all() if m.to == ["reception@kingsway-skin.example"]]

    assert f"/admin/bookings/booking/{booking.pk}/change/" in note.body
    assert booking.reference in note.subject
    assert "sore" not in note.body and "Tretinoin" not in note.body and "infection" not in note.body


def test_the_confirmed_email_carries_a_calendar_invite(laser, okafor):
    laser.confirms_automatically = True
    laser.save()
    booking = book(laser)

    (message,) = send_all()

    calendar = calendar_of(message)
    (event,) = calendar.walk("VEVENT")
    assert str(calendar["METHOD"]) == "REQUEST"
    assert str(event["UID"]) == booking.calendar_uid
    assert event["SEQUENCE"] == 0
    assert event.decoded("DTSTART") == datetime(2026, 12, 7, 9, 0, tzinfo=UTC)
    assert event.decoded("DTEND") == datetime(2026, 12, 7, 9, 45, tzinfo=UTC)
    attendee = event["ATTENDEE"]
    assert str(attendee) == "mailto:sarah@example.com"
    assert attendee.params["RSVP"] == "FALSE"
    assert str(event["STATUS"]) == "CONFIRMED"


def test_the_invite_leaves_the_manage_link_out_because_calendars_are_shared(laser, okafor):
    laser.confirms_automatically = True
    laser.save()
    booking = book(laser)

    (message,) = send_all()

    (event,) = calendar_of(message).walk("VEVENT")
    unfolded = [str(value) for _, value in event.property_items()]
    assert not any(booking.manage_token in value or "/manage/" in value for value in unfolded)
    assert booking.reference in str(event["DESCRIPTION"])
    assert "020 7946 0123" in str(event["DESCRIPTION"])
    assert f"/manage/{booking.manage_token}/" in message.body  # the email keeps it


def test_a_move_sends_a_new_invite_with_the_same_uid_and_a_higher_sequence(laser, okafor):
    laser.confirms_automatically = True
    laser.save()
    booking = book(laser)
    (first,) = send_all()

    booking_move(booking=booking, start=london(2026, 12, 8, 14, 0))
    (moved,) = send_all()

    before, after = calendar_of(first).walk("VEVENT")[0], calendar_of(moved).walk("VEVENT")[0]
    assert str(before["UID"]) == str(after["UID"])
    assert after["SEQUENCE"] == before["SEQUENCE"] + 1 == 1
    assert after.decoded("DTSTART") == datetime(2026, 12, 8, 14, 0, tzinfo=UTC)
    assert moved.subject == "Your appointment has moved to Tuesday 8 December 2026 at 2:00pm"


def test_later_invites_keep_the_first_uid_when_the_site_moves_to_another_address(
    laser, okafor, settings
):
    laser.confirms_automatically = True
    laser.save()
    booking = book(laser)
    (first,) = send_all()

    settings.SITE_URL = "https://www.kingsway-skin.example"
    booking_move(booking=booking, start=london(2026, 12, 8, 14, 0))
    (moved,) = send_all()

    first_uid = str(calendar_of(first).walk("VEVENT")[0]["UID"])
    assert str(calendar_of(moved).walk("VEVENT")[0]["UID"]) == first_uid
    assert "127.0.0.1" not in first_uid


def test_a_cancellation_withdraws_the_invite_for_the_same_uid(laser, okafor):
    laser.confirms_automatically = True
    laser.save()
    booking = book(laser)
    send_all()

    booking_cancel(booking=booking, reason="Feeling better")
    (cancelled,) = send_all()

    calendar = calendar_of(cancelled)
    (event,) = calendar.walk("VEVENT")
    assert str(calendar["METHOD"]) == "CANCEL"
    assert str(event["UID"]) == booking.calendar_uid
    assert event["SEQUENCE"] == 1
    assert str(event["STATUS"]) == "CANCELLED"
    assert "cancelled, as you asked" in cancelled.body
    assert "Feeling better" not in cancelled.body


def test_an_unconfirmed_request_that_is_cancelled_gets_no_calendar_file(laser, okafor):
    booking = book(laser)
    send_all()

    booking_cancel(booking=booking)
    (cancelled,) = send_all()

    assert cancelled.attachments == []


@pytest.mark.parametrize(
    ("start", "utc_hour", "zone"),
    [(london(2027, 3, 29, 10, 0), 9, "BST"), (london(2026, 10, 26, 10, 0), 10, "GMT")],
)
def test_invite_times_are_right_across_a_clock_change(
    laser, okafor, frozen_clock, start, utc_hour, zone
):
    laser.confirms_automatically = True
    laser.save()
    frozen_clock.move_to(start.replace(day=start.day - 3))
    book(laser, start=start)

    (message,) = send_all()

    event = calendar_of(message).walk("VEVENT")[0]
    assert event.decoded("DTSTART") == start.astimezone(UTC)
    assert event.decoded("DTSTART").hour == utc_hour
    assert f"at 10:00am ({zone}, UK time)" in message.body


def test_an_email_that_is_no_longer_true_is_not_sent(laser, okafor):
    booking = book(laser)
    booking_cancel(booking=booking)

    sent = send_all()

    assert {m.subject.split(" ")[1] for m in sent if m.to == ["sarah@example.com"]} == {
        "appointment"
    }
    statuses = dict(OutboxEmail.objects.values_list("kind", "status"))
    assert statuses[EmailKind.REQUESTED] == OutboxStatus.SKIPPED
    assert statuses[EmailKind.CANCELLED] == OutboxStatus.SENT


def test_a_reminder_becomes_due_a_day_before_a_confirmed_appointment_once(
    laser, okafor, frozen_clock
):
    laser.confirms_automatically = True
    laser.save()
    booking = book(laser)
    send_all()

    frozen_clock.move_to(london(2026, 12, 6, 8, 59))  # 24h01 before: not yet
    assert reminders_make_due() == 0
    frozen_clock.move_to(london(2026, 12, 6, 9, 1))
    assert reminders_make_due() == 1
    assert reminders_make_due() == 0  # a second scan finds it already due

    (reminder,) = send_all()
    assert reminder.subject == "Reminder: your appointment on Monday 7 December 2026 at 9:00am"
    assert booking.reference in reminder.body


def test_requested_and_cancelled_bookings_get_no_reminder(laser, okafor, frozen_clock):
    book(laser)
    cancelled = book(laser, start=london(2026, 12, 7, 11))
    Booking.objects.filter(pk=cancelled.pk).update(status=BookingStatus.CANCELLED)

    frozen_clock.move_to(london(2026, 12, 6, 12, 0))

    assert reminders_make_due() == 0


def test_the_manage_links_email_lists_upcoming_bookings_for_that_address(laser, okafor):
    first = book(laser)
    second = book(laser, start=london(2026, 12, 8, 10))
    send_all()

    request = booking_links_request(email="Sarah@Example.com")
    booking_links_send(request_id=request.pk)
    (links,) = send_all()

    assert links.to == ["sarah@example.com"]  # the address booked with, not as typed
    for booking in (first, second):
        assert f"/manage/{booking.manage_token}/" in links.body
    assert "If you did not ask for this email" in links.body


def test_an_email_cannot_be_recorded_twice_for_the_same_change(laser, okafor):
    from bookings.notify.emails import email_due

    booking = book(laser)
    email_due(kind=EmailKind.REQUESTED, booking=booking)

    assert OutboxEmail.objects.filter(kind=EmailKind.REQUESTED).count() == 1
