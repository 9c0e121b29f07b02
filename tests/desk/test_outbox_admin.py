"""Reception sees the email outbox: what failed, why, and can send it again."""

from unittest import mock

import pytest
from django.contrib.auth.models import Group, User
from django.urls import reverse

from bookings.models import EmailKind, OutboxEmail, OutboxStatus
from tests.conftest import login_with_second_factor
from tests.factories import booking_row_make, dermatologist_make, london, treatment_make

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:bookings_outboxemail_changelist")


@pytest.fixture
def reception(client):
    user = User.objects.create_user("desk", password="a-long-test-password", is_staff=True)
    user.groups.add(Group.objects.get(name="Reception"))
    login_with_second_factor(client, user)
    return client


@pytest.fixture
def emails():
    treatment = treatment_make()
    dermatologist = dermatologist_make(treatments=[treatment])
    rows = []
    for n, status in enumerate([OutboxStatus.SENT, OutboxStatus.FAILED, OutboxStatus.PENDING]):
        booking = booking_row_make(
            treatment=treatment, dermatologist=dermatologist, start=london(2026, 12, 7, 9 + n)
        )
        rows.append(
            OutboxEmail.objects.create(
                booking=booking,
                kind=EmailKind.CONFIRMED,
                recipient=f"p{n}@example.com",
                status=status,
                attempts=1,
                last_error="550 5.1.1 No such user" if status == OutboxStatus.FAILED else "",
            )
        )
    return rows


def test_reception_sees_status_attempts_and_the_last_error(reception, emails):
    html = reception.get(CHANGELIST).content.decode()

    assert "550 5.1.1 No such user" in html
    for email in emails:
        assert email.booking.reference in html


def test_the_failed_filter_shows_only_failed_emails(reception, emails):
    html = reception.get(CHANGELIST, {"status__exact": "failed"}).content.decode()

    assert "p1@example.com" in html
    assert "p0@example.com" not in html and "p2@example.com" not in html


def test_send_again_puts_a_failed_email_back_in_the_queue(
    reception, emails, django_capture_on_commit_callbacks
):
    failed = emails[1]

    with (
        mock.patch("bookings.notify.outbox.email_queue") as queue,
        django_capture_on_commit_callbacks(execute=True),
    ):
        reception.post(CHANGELIST, {"action": "send_again", "_selected_action": [failed.pk]})

    failed.refresh_from_db()
    assert (failed.status, failed.attempts, failed.last_error) == (OutboxStatus.PENDING, 0, "")
    queue.assert_called_once_with(failed.pk)


def test_the_outbox_list_runs_a_fixed_number_of_queries(
    reception, emails, django_assert_num_queries
):
    def count_queries():
        # 1 session, 1 user, 1 two-factor device, 2 permissions (user's own, then its groups'),
        # 2 counts (filtered and total), 1 rows joined to their bookings,
        # 2 date hierarchy (first and last day, then the days with emails)
        with django_assert_num_queries(10):
            reception.get(CHANGELIST)

    reception.get(CHANGELIST)  # the first request after login saves the session
    count_queries()
    treatment, dermatologist = emails[0].booking.treatment, emails[0].booking.dermatologist
    for n in range(20):
        booking = booking_row_make(
            treatment=treatment,
            dermatologist=dermatologist,
            start=london(2026, 12, 8 + n // 8, 9 + n % 8),
        )
        OutboxEmail.objects.create(
            booking=booking, kind=EmailKind.REMINDER, recipient="x@example.com"
        )
    count_queries()
