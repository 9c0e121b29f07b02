"""Reception sees the email outbox: what failed, why, and can send it again."""

import re
from datetime import timedelta
from unittest import mock

import pytest
from django.contrib.auth.models import Group, User
from django.urls import reverse
from django.utils import timezone

from bookings.models import EmailKind, OutboxEmail, OutboxStatus
from bookings.selectors import OutboxTrouble, outbox_trouble
from tests.conftest import login_with_second_factor
from tests.factories import booking_row_make, dermatologist_make, london, treatment_make
from tests.waitlist_rows import entry_row_make, offer_row_make

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
        # 2 counts (filtered and total), 1 rows joined to their bookings (or waiting
        # list entries, or offers and their entries),
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
    for n in range(3):  # the waiting list's, which belong to an entry or an offer instead
        entry = entry_row_make(treatment=treatment, email=f"w{n}@example.com")
        offer = offer_row_make(
            entry=entry, dermatologist=dermatologist, start=london(2026, 12, 14, 9 + n)
        )
        OutboxEmail.objects.create(
            waitlist_entry=entry, kind=EmailKind.WAITLIST_JOINED, recipient=entry.email
        )
        OutboxEmail.objects.create(
            offer=offer, kind=EmailKind.WAITLIST_OFFER, recipient=entry.email
        )
    count_queries()


def test_the_waiting_lists_messages_link_to_the_entry_they_are_about(reception):
    treatment = treatment_make()
    dermatologist = dermatologist_make(treatments=[treatment])
    entry = entry_row_make(treatment=treatment)
    offer = offer_row_make(entry=entry, dermatologist=dermatologist, start=london(2026, 12, 7, 9))
    OutboxEmail.objects.create(
        waitlist_entry=entry, kind=EmailKind.WAITLIST_JOINED, recipient=entry.email
    )
    OutboxEmail.objects.create(offer=offer, kind=EmailKind.WAITLIST_OFFER, recipient=entry.email)

    html = reception.get(CHANGELIST).content.decode()

    link = reverse("admin:bookings_waitlistentry_change", args=[entry.pk])
    assert html.count(f'<a href="{link}">Waiting list: Sarah Thompson</a>') == 2


@pytest.fixture
def troubled_emails():
    """Two failed this week, one failed long ago, two late, one just due, one sent."""
    now = timezone.now()

    def email(name, **fields):
        return OutboxEmail.objects.create(
            kind=EmailKind.MANAGE_LINKS, recipient=f"{name}@example.com", **fields
        )

    email("failed-today", status=OutboxStatus.FAILED, attempts=1)
    email("failed-on-monday", status=OutboxStatus.FAILED, created_at=now - timedelta(days=6))
    email("failed-long-ago", status=OutboxStatus.FAILED, created_at=now - timedelta(days=30))
    email("retrying", attempts=3, due_at=now + timedelta(minutes=40))  # a try failed
    email("waiting", created_at=now - timedelta(hours=1), due_at=now - timedelta(minutes=20))
    email("just-due")
    email("sent", status=OutboxStatus.SENT, attempts=1, sent_at=now)


def test_the_admin_index_tells_reception_how_many_emails_failed_or_are_late(
    reception, troubled_emails
):
    html = reception.get(reverse("admin:index")).content.decode()

    assert "2 emails failed in the last 7 days" in html
    assert "2 emails are late" in html
    assert f'href="{CHANGELIST}?trouble=failed"' in html
    assert f'href="{CHANGELIST}?trouble=late"' in html


def test_the_trouble_links_list_exactly_the_emails_counted(reception, troubled_emails):
    failed = reception.get(CHANGELIST, {"trouble": "failed"}).content.decode()
    late = reception.get(CHANGELIST, {"trouble": "late"}).content.decode()

    listed = re.compile(r"([a-z-]+)@example\.com")
    assert set(listed.findall(failed)) == {"failed-today", "failed-on-monday"}
    assert set(listed.findall(late)) == {"retrying", "waiting"}


def test_the_admin_index_says_so_when_every_email_is_going_out(reception):
    html = reception.get(reverse("admin:index")).content.decode()

    assert "No email has failed or is late." in html


def test_the_trouble_counts_take_one_query(troubled_emails, django_assert_num_queries):
    with django_assert_num_queries(1):  # both counts in one aggregate over the outbox
        assert outbox_trouble() == OutboxTrouble(failed=2, late=2)
