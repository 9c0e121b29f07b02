"""Delivery: a real SMTP server (aiosmtpd), a real Celery worker on Redis, real PostgreSQL.

Each email goes exactly once, even when the mail server says "later", the same
task arrives five times at once, or the broker is down when the patient books.
"""

import smtplib
import threading
from datetime import time, timedelta
from unittest import mock

import pytest
import time_machine
from celery.contrib.testing.worker import start_worker
from django.db import connections
from django.urls import reverse
from django.utils import timezone
from kombu.exceptions import OperationalError as BrokerDown

from bookings.models import Booking, EmailKind, OutboxEmail, OutboxStatus
from bookings.notify.outbox import outbox_deliver, outbox_release_stale, outbox_send_again
from bookings.notify.tasks import outbox_dispatch, outbox_send, outbox_send_many
from clinic.celery import app
from tests.factories import booking_booked, dermatologist_make, treatment_make
from tests.mailserver import MailServer, body_of
from tests.public.test_booking_flow import valid_answers

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def smtp(settings):
    with MailServer() as server:
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST = "127.0.0.1"
        settings.EMAIL_PORT = server.port
        settings.EMAIL_USE_TLS = False
        settings.EMAIL_TIMEOUT = 5
        settings.EMAIL_RETRY_BASE_DELAY = 0  # retries come at once in tests
        settings.EMAIL_DISPATCH_GRACE = 0
        yield server


@pytest.fixture
def worker():
    """A real Celery worker on the Redis broker, running up to five tasks at the same time."""
    app.control.purge()
    with start_worker(
        app, pool="threads", concurrency=5, perform_ping_check=False, shutdown_timeout=30
    ):
        yield
    connections.close_all()


@pytest.fixture
def pending_email():
    """An email due to be sent, written straight into the outbox."""
    treatment = treatment_make()
    dermatologist = dermatologist_make(
        treatments=[treatment], hours={d: [(time(0), time(23, 45))] for d in range(7)}
    )
    booking = _book(treatment, dermatologist)
    return OutboxEmail.objects.get(booking=booking, kind=EmailKind.REQUESTED)


def _book(treatment, dermatologist, start=None):
    start = start or (timezone.now() + timedelta(days=3)).replace(
        hour=10, minute=0, second=0, microsecond=0
    )
    with mock.patch("bookings.notify.emails.email_queue"):  # these tests queue by hand
        return booking_booked(treatment=treatment, start=start, dermatologist=dermatologist)


def wait_until(predicate, timeout=20):
    deadline = timezone.now() + timedelta(seconds=timeout)
    while timezone.now() < deadline:
        if predicate():
            return True
        threading.Event().wait(0.05)
    return False


def test_a_real_worker_delivers_the_booking_emails_to_a_real_smtp_server(client, smtp, worker):
    treatment = treatment_make(slug="milia-extraction")
    dermatologist_make(treatments=[treatment], hours={d: [(time(9), time(17))] for d in range(7)})
    start = (timezone.localtime() + timedelta(days=3)).replace(
        hour=10, minute=0, second=0, microsecond=0
    )

    response = client.post(
        reverse("bookings:details", args=[treatment.slug]),
        {"start": start.isoformat(), "dermatologist": "any", **valid_answers()},
    )

    assert response.status_code == 302
    messages = smtp.wait_for(2)
    assert sorted(m["To"] for m in messages) == [
        "reception@kingsway-skin.example",
        "sarah.thompson@example.com",
    ]
    booking = Booking.objects.get()
    (patient,) = [m for m in messages if m["To"] == "sarah.thompson@example.com"]
    assert booking.reference in body_of(patient, "text/plain")
    assert booking.reference in body_of(patient, "text/html")
    assert wait_until(lambda: OutboxEmail.objects.filter(status=OutboxStatus.SENT).count() == 2)


def test_a_booking_asks_the_broker_once_for_both_its_emails(client, smtp):
    treatment = treatment_make(slug="milia-extraction")
    dermatologist_make(treatments=[treatment], hours={d: [(time(9), time(17))] for d in range(7)})
    start = (timezone.localtime() + timedelta(days=3)).replace(
        hour=10, minute=0, second=0, microsecond=0
    )

    with (
        mock.patch.object(outbox_send_many, "apply_async") as many,
        mock.patch.object(outbox_send, "apply_async") as one,
    ):
        response = client.post(
            reverse("bookings:details", args=[treatment.slug]),
            {"start": start.isoformat(), "dermatologist": "any", **valid_answers()},
        )

    assert response.status_code == 302
    assert one.call_count == 0
    (call,) = many.call_args_list
    assert sorted(call.args[0][0]) == sorted(OutboxEmail.objects.values_list("pk", flat=True))
    assert OutboxEmail.objects.count() == 2


def test_one_of_a_bookings_emails_refused_for_now_is_retried_alone(smtp, worker):
    treatment = treatment_make(slug="milia-extraction")
    dermatologist = dermatologist_make(
        treatments=[treatment], hours={d: [(time(0), time(23, 45))] for d in range(7)}
    )
    _book(treatment, dermatologist)
    smtp.answer("451 4.3.0 Try again later")

    outbox_send_many.delay(list(OutboxEmail.objects.values_list("pk", flat=True)))

    assert wait_until(lambda: OutboxEmail.objects.filter(status=OutboxStatus.SENT).count() == 2)
    threading.Event().wait(1)  # room for any duplicate to arrive
    assert len(smtp.messages) == 2
    assert smtp.handler.refused == ["451 4.3.0 Try again later"]
    assert sorted(OutboxEmail.objects.values_list("attempts", flat=True)) == [1, 2]


def test_the_same_task_delivered_five_times_at_once_sends_one_email(smtp, worker, pending_email):
    smtp.handler.delay = 0.5  # hold the one delivery open while the other four arrive
    for _ in range(5):
        outbox_send.delay(pending_email.pk)

    assert wait_until(
        lambda: OutboxEmail.objects.get(pk=pending_email.pk).status == OutboxStatus.SENT
    )
    threading.Event().wait(1)  # room for any duplicate to arrive
    assert len(smtp.messages) == 1
    assert OutboxEmail.objects.get(pk=pending_email.pk).attempts == 1


def test_five_workers_claiming_one_row_at_the_same_instant_send_once(smtp, pending_email):
    barrier = threading.Barrier(5)
    results = []

    def deliver():
        barrier.wait(timeout=10)
        results.append(outbox_deliver(outbox_id=pending_email.pk).status)
        connections.close_all()

    threads = [threading.Thread(target=deliver) for _ in range(5)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert sorted(results) == ["not_claimed"] * 4 + ["sent"]
    assert len(smtp.messages) == 1


def test_451_twice_then_250_gives_one_email_after_retries(smtp, worker, pending_email):
    smtp.answer("451 4.3.0 Try again later", "451 4.3.0 Try again later")

    outbox_send.delay(pending_email.pk)

    assert wait_until(
        lambda: OutboxEmail.objects.get(pk=pending_email.pk).status == OutboxStatus.SENT
    )
    assert len(smtp.messages) == 1
    assert smtp.handler.refused == ["451 4.3.0 Try again later"] * 2
    email = OutboxEmail.objects.get(pk=pending_email.pk)
    assert email.attempts == 3
    assert email.last_error.startswith("451")


def test_550_fails_the_row_at_once_and_is_not_retried(smtp, worker, pending_email):
    smtp.answer("550 5.1.1 No such user here")

    outbox_send.delay(pending_email.pk)

    assert wait_until(
        lambda: OutboxEmail.objects.get(pk=pending_email.pk).status == OutboxStatus.FAILED
    )
    threading.Event().wait(1)
    email = OutboxEmail.objects.get(pk=pending_email.pk)
    assert email.attempts == 1
    assert email.last_error == "550 5.1.1 No such user here"
    assert smtp.messages == []


def test_after_the_attempt_limit_a_transient_failure_is_tried_hourly_until_it_goes(
    smtp, settings, pending_email
):
    settings.EMAIL_MAX_ATTEMPTS = 2
    smtp.answer("421 4.7.0 Busy", "421 4.7.0 Busy", "421 4.7.0 Busy")
    now = timezone.now()

    first = outbox_deliver(outbox_id=pending_email.pk, now=now)
    second = outbox_deliver(outbox_id=pending_email.pk, now=now)
    email = OutboxEmail.objects.get(pk=pending_email.pk)

    assert (first.status, second.status) == ("retry", "later")
    assert second.retry_in is None  # the periodic dispatch sends it when it is due
    assert (email.status, email.due_at) == (OutboxStatus.PENDING, now + timedelta(hours=1))
    assert outbox_deliver(outbox_id=email.pk, now=now + timedelta(minutes=59)).status == (
        "not_claimed"
    )
    assert outbox_deliver(outbox_id=email.pk, now=now + timedelta(hours=1)).status == "later"
    assert outbox_deliver(outbox_id=email.pk, now=now + timedelta(hours=2)).status == "sent"
    assert len(smtp.messages) == 1


def test_transient_failures_are_given_up_a_day_after_the_email_was_made(
    smtp, settings, pending_email
):
    settings.EMAIL_MAX_ATTEMPTS = 1
    smtp.answer(*["421 4.7.0 Busy"] * 40)
    made = pending_email.created_at

    results = [
        outbox_deliver(
            outbox_id=pending_email.pk, now=made + timedelta(hours=hour, seconds=1)
        ).status
        for hour in range(25)
    ]

    # The try at 23 hours is the last: the next would come after the day.
    assert results == ["later"] * 23 + ["failed", "not_claimed"]
    email = OutboxEmail.objects.get(pk=pending_email.pk)
    assert (email.status, email.attempts) == (OutboxStatus.FAILED, 24)
    assert email.last_error.startswith("421")


def test_transient_failures_are_given_up_once_the_appointment_would_have_passed(smtp, settings):
    settings.EMAIL_MAX_ATTEMPTS = 1
    settings.BOOKING_MIN_NOTICE_HOURS = 0
    smtp.answer(*["421 4.7.0 Busy"] * 40)
    treatment = treatment_make()
    dermatologist = dermatologist_make(
        treatments=[treatment], hours={d: [(time(0), time(23, 45))] for d in range(7)}
    )
    now = timezone.now()
    starts = (now + timedelta(hours=3)).replace(minute=0, second=0, microsecond=0)
    booking = _book(treatment, dermatologist, start=starts)
    email = OutboxEmail.objects.get(booking=booking, kind=EmailKind.REQUESTED)

    results = [
        outbox_deliver(outbox_id=email.pk, now=email.due_at + timedelta(hours=hour)).status
        for hour in range(4)
    ]

    # The try two hours on is the last: the next would come after the appointment.
    assert results == ["later", "later", "failed", "not_claimed"]
    email.refresh_from_db()
    assert email.status == OutboxStatus.FAILED


def test_a_mail_server_that_is_down_is_retried_not_failed(settings, pending_email):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_USE_TLS = "127.0.0.1", 1, False

    delivery = outbox_deliver(outbox_id=pending_email.pk)

    email = OutboxEmail.objects.get(pk=pending_email.pk)
    assert delivery.status == "retry" and delivery.retry_in is not None
    assert email.status == OutboxStatus.PENDING
    assert "ConnectionRefusedError" in email.last_error


def test_retry_delays_grow_exponentially_with_jitter_up_to_the_cap(settings):
    from bookings.notify.outbox import retry_delay

    settings.EMAIL_RETRY_BASE_DELAY, settings.EMAIL_RETRY_MAX_DELAY = 60, 1800
    for attempts, ceiling in [(1, 60), (2, 120), (3, 240), (6, 1800), (12, 1800)]:
        delays = {retry_delay(attempts) for _ in range(50)}
        assert all(ceiling / 2 <= d <= ceiling for d in delays)
        assert len(delays) > 1  # jitter


def test_with_the_broker_down_the_booking_stands_and_the_email_goes_later(client, smtp, settings):
    treatment = treatment_make(slug="cryotherapy")
    dermatologist_make(treatments=[treatment], hours={d: [(time(9), time(17))] for d in range(7)})
    start = (timezone.localtime() + timedelta(days=3)).replace(
        hour=10, minute=0, second=0, microsecond=0
    )

    with mock.patch.object(
        outbox_send_many, "apply_async", side_effect=BrokerDown("Error 111 connecting to Redis")
    ) as down:
        response = client.post(
            reverse("bookings:details", args=[treatment.slug]),
            {"start": start.isoformat(), "dermatologist": "any", **valid_answers()},
        )

    assert response.status_code == 302
    assert client.get(response.url).status_code == 200
    assert Booking.objects.count() == 1
    assert down.call_count == 1  # after one failure the request stopped waiting on the broker
    assert OutboxEmail.objects.filter(status=OutboxStatus.PENDING).count() == 2
    assert smtp.messages == []

    # Redis is back: the periodic dispatch finds both emails and a worker sends them.
    app.control.purge()
    with start_worker(
        app, pool="threads", concurrency=2, perform_ping_check=False, shutdown_timeout=30
    ):
        outbox_dispatch.delay()
        assert len(smtp.wait_for(2)) == 2
    connections.close_all()


def test_a_row_left_claimed_by_a_dead_worker_is_sent_again_after_the_timeout(
    smtp, settings, pending_email
):
    settings.EMAIL_CLAIM_TIMEOUT = 600
    claimed_at = timezone.now()
    OutboxEmail.objects.filter(pk=pending_email.pk).update(
        status=OutboxStatus.SENDING, claimed_at=claimed_at
    )

    assert outbox_release_stale(now=claimed_at + timedelta(seconds=599)) == 0
    assert outbox_deliver(outbox_id=pending_email.pk).status == "not_claimed"
    with time_machine.travel(claimed_at + timedelta(seconds=601), tick=False):
        assert outbox_release_stale() == 1
        assert outbox_deliver(outbox_id=pending_email.pk).status == "sent"
    assert len(smtp.messages) == 1


def test_staff_can_send_a_failed_email_again(
    smtp, pending_email, django_capture_on_commit_callbacks
):
    OutboxEmail.objects.filter(pk=pending_email.pk).update(
        status=OutboxStatus.FAILED, attempts=8, last_error="550 mailbox full"
    )

    with mock.patch("bookings.notify.outbox.email_queue") as queue:
        assert outbox_send_again(outbox_ids=[pending_email.pk]) == 1
    queue.assert_called_once_with(pending_email.pk)
    assert outbox_deliver(outbox_id=pending_email.pk).status == "sent"
    assert len(smtp.messages) == 1


def test_smtp_error_classes_are_sorted_into_transient_and_permanent():
    from bookings.notify.outbox import _is_transient

    assert _is_transient(smtplib.SMTPResponseException(451, b"later"))
    assert not _is_transient(smtplib.SMTPResponseException(550, b"no"))
    assert _is_transient(smtplib.SMTPServerDisconnected("gone"))
    assert _is_transient(ConnectionRefusedError())
    assert _is_transient(TimeoutError())
    assert not _is_transient(smtplib.SMTPRecipientsRefused({"a@example.com": (550, b"no")}))
    assert _is_transient(smtplib.SMTPRecipientsRefused({"a@example.com": (452, b"full")}))
    assert not _is_transient(ValueError("a bug"))
