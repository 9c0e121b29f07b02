"""'Lost your link?': the same answer and the same work for every address, and no flood."""

import re
from datetime import timedelta
from unittest import mock

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from bookings.link_services import booking_links_send
from bookings.models import EmailKind, LinkRequest, OutboxEmail
from tests.factories import booking_booked, booking_row_make, london

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_clock")]

MONDAY_9 = london(2026, 12, 7, 9, 0)


@pytest.fixture
def booking(peel, okafor):
    return booking_booked(treatment=peel, start=MONDAY_9, dermatologist=okafor)


def ask(client, email, address="10.0.0.1"):
    return client.post(reverse("bookings:lost_link"), {"email": email}, REMOTE_ADDR=address)


def look_up_all():
    for pk in LinkRequest.objects.values_list("pk", flat=True):
        booking_links_send(request_id=pk)


def links_emails():
    return OutboxEmail.objects.filter(kind=EmailKind.MANAGE_LINKS)


def test_the_answer_does_the_same_work_for_a_patients_address_and_a_strangers(client, booking):
    # Timing told them apart: the answer must not even look the address up.
    statements = {}
    for email in ["sarah@example.com", "nobody@example.com"]:
        with CaptureQueriesContext(connection) as queries:
            assert ask(client, email).status_code == 200
        statements[email] = [
            re.sub(r'"s\d+_x\d+"', "savepoint", q["sql"].replace(email, "?"))
            for q in queries.captured_queries
        ]

    assert statements["sarah@example.com"] == statements["nobody@example.com"]
    assert not any("bookings_booking" in sql for sql in statements["sarah@example.com"])


def test_the_request_is_kept_in_the_database_until_it_is_looked_up(client, booking):
    ask(client, "SARAH@example.com")

    assert list(LinkRequest.objects.values_list("email", flat=True)) == ["SARAH@example.com"]
    assert not links_emails().exists()

    look_up_all()

    assert list(links_emails().values_list("recipient", flat=True)) == ["sarah@example.com"]
    assert not LinkRequest.objects.exists()  # the typed address is gone


def test_a_strangers_address_is_deleted_once_looked_up_and_gets_no_email(client, booking):
    ask(client, "nobody@example.com")

    look_up_all()

    assert not LinkRequest.objects.exists()
    assert not links_emails().exists()


def test_one_inbox_gets_at_most_three_link_emails_an_hour_from_any_number_of_addresses(
    client, booking, frozen_clock
):
    answers = {ask(client, "sarah@example.com", f"10.0.1.{n}").status_code for n in range(6)}
    look_up_all()

    assert answers == {200}  # silently: the page says the same every time
    assert links_emails().count() == 3
    assert not LinkRequest.objects.exists()

    frozen_clock.shift(timedelta(minutes=61))
    ask(client, "sarah@example.com", "10.0.2.1")
    look_up_all()

    assert links_emails().count() == 4


def test_a_request_the_broker_missed_is_looked_up_by_the_periodic_dispatch(
    client, booking, settings, django_capture_on_commit_callbacks
):
    from bookings.notify import tasks

    settings.EMAIL_DISPATCH_GRACE = 0
    with mock.patch.object(tasks.links_request_send, "delay") as queued:
        with django_capture_on_commit_callbacks(execute=True):
            ask(client, "sarah@example.com")
        (request,) = LinkRequest.objects.all()
        queued.assert_called_once_with(request.pk)
        queued.reset_mock()

        tasks.outbox_dispatch()

    queued.assert_called_once_with(request.pk)


def test_the_lost_link_page_answers_the_same_for_known_and_unknown_addresses(client, booking):
    known = client.post(reverse("bookings:lost_link"), {"email": "SARAH@example.com"})
    unknown = client.post(reverse("bookings:lost_link"), {"email": "nobody@example.com"})
    look_up_all()

    assert known.status_code == unknown.status_code == 200
    assert known.content.decode().replace(
        "SARAH@example.com", "X"
    ) == unknown.content.decode().replace("nobody@example.com", "X")
    # Only the known address gets an email, at the address the patient booked with.
    assert list(links_emails().values_list("recipient", flat=True)) == ["sarah@example.com"]


def test_a_look_alike_address_never_receives_someone_elses_links(client, booking):
    # A dotless i upper-cases to the same letters as an i in PostgreSQL.
    client.post(reverse("bookings:lost_link"), {"email": "sarah@examplı.com"})
    look_up_all()

    assert list(links_emails().values_list("recipient", flat=True)) in ([], ["sarah@example.com"])


def test_the_lost_link_page_ignores_cancelled_and_past_bookings(client, peel, okafor):
    booking_row_make(
        treatment=peel,
        dermatologist=okafor,
        start=MONDAY_9,
        status="cancelled",
        email="a@example.com",
    )
    booking_row_make(
        treatment=peel, dermatologist=okafor, start=london(2026, 11, 20, 9), email="a@example.com"
    )

    client.post(reverse("bookings:lost_link"), {"email": "a@example.com"})
    look_up_all()

    assert not links_emails().exists()


def test_the_lost_link_page_asks_for_a_real_address(client):
    response = client.post(reverse("bookings:lost_link"), {"email": "not an email"})

    assert response.status_code == 400
    assert (
        "Enter an email address in the right format, like name@example.com."
        in response.content.decode()
    )
    assert 'value="not an email"' in response.content.decode()


def test_the_lost_link_page_is_rate_limited_per_address(client, settings):
    settings.RATE_LIMIT_LOST_LINK_PER_HOUR = 3
    for _ in range(3):
        assert (
            client.post(reverse("bookings:lost_link"), {"email": "a@example.com"}).status_code
            == 200
        )

    response = client.post(reverse("bookings:lost_link"), {"email": "a@example.com"})

    assert response.status_code == 429
    assert "Please wait a little" in response.content.decode()
    assert response["Retry-After"] == "3600"
    other_client = client.post(
        reverse("bookings:lost_link"), {"email": "a@example.com"}, REMOTE_ADDR="10.0.0.9"
    )
    assert other_client.status_code == 200


def test_the_rate_limit_lets_people_through_when_the_cache_is_down(client, settings):
    settings.RATE_LIMIT_LOST_LINK_PER_HOUR = 1
    with mock.patch("clinic.web.ratelimit.cache.add", side_effect=ConnectionError("Redis is down")):
        for _ in range(3):
            assert (
                client.post(reverse("bookings:lost_link"), {"email": "a@example.com"}).status_code
                == 200
            )
