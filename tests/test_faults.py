"""Faults the site must ride out: a dropped database connection, hostile text in every field."""

from datetime import time, timedelta

import psycopg2
import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.db import connection
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import timezone

from bookings.models import Booking, OutboxEmail
from bookings.notify.outbox import outbox_deliver
from tests.conftest import login_with_second_factor
from tests.factories import dermatologist_make, treatment_make
from tests.public.test_booking_flow import valid_answers

SCRIPT = "<script>alert('x')</script>"
IMAGE = '<img src=x onerror="alert(1)">'


@pytest.mark.skipif(connection.vendor != "postgresql", reason="kills a PostgreSQL backend")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_site_reconnects_after_the_database_drops_its_connection():
    # Django's own WSGI handler, not the test client: the test client switches
    # off the per-request connection check that this test is about.
    handler = WSGIHandler()

    def get(path):
        statuses = []
        handler(
            RequestFactory().get(path).environ,
            lambda status, headers, exc_info=None: statuses.append(status),
        )
        return int(statuses[0].split()[0])

    assert get(reverse("healthz")) == 200
    pid = connection.connection.info.backend_pid  # the persistent connection that request used
    killer = psycopg2.connect(
        dbname=connection.settings_dict["NAME"],
        user=connection.settings_dict["USER"],
        host=connection.settings_dict["HOST"],
        port=connection.settings_dict["PORT"],
    )
    killer.autocommit = True
    with killer.cursor() as cursor:
        cursor.execute("SELECT pg_terminate_backend(%s)", [pid])
    killer.close()

    assert get(reverse("healthz")) == 200
    assert get(reverse("bookings:start")) == 200


@pytest.mark.django_db
def test_markup_typed_by_a_patient_is_shown_as_text_everywhere(client, admin_client, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    treatment = treatment_make(slug="milia-extraction")
    dermatologist_make(treatments=[treatment], hours={d: [(time(9), time(17))] for d in range(7)})
    start = (timezone.localtime() + timedelta(days=3)).replace(
        hour=10, minute=0, second=0, microsecond=0
    )
    client.post(
        reverse("bookings:details", args=[treatment.slug]),
        {
            "start": start.isoformat(),
            "dermatologist": "any",
            **valid_answers(patient_name=f"Sam {SCRIPT}", note=IMAGE, tried_already=SCRIPT),
        },
    )
    booking = Booking.objects.get()
    assert booking.patient_name == f"Sam {SCRIPT}"  # kept as typed, shown as text

    day = booking.local_start.date().isoformat()
    doctor = login_with_second_factor(Client(), booking.dermatologist.user)
    pages = [
        client.get(reverse("bookings:confirmation")),
        client.get(booking.get_absolute_url()),
        admin_client.get(reverse("admin:bookings_booking_change", args=[booking.pk])),
        admin_client.get(reverse("admin:bookings_booking_changelist")),
        admin_client.get(reverse("admin:bookings_booking_day"), {"day": day}),
        doctor.get(reverse("staff:schedule"), {"day": day}),
        doctor.get(reverse("staff:booking", args=[booking.reference])),
    ]
    csv_text = admin_client.get(
        reverse("admin:bookings_booking_day_csv"), {"day": day}
    ).content.decode()
    feed = doctor.get(
        reverse("staff:calendar_feed", args=[booking.dermatologist.calendar_token])
    ).content.decode()
    from django.core import mail

    for email in OutboxEmail.objects.all():
        outbox_deliver(outbox_id=email.pk)
    html_emails = [message.alternatives[0][0] for message in mail.outbox]

    for html in [page.content.decode() for page in pages] + html_emails:
        assert SCRIPT not in html
        assert IMAGE not in html
    assert "Sam &lt;script&gt;" in pages[2].content.decode()  # the admin shows it, escaped
    assert "Sam &lt;script&gt;" in pages[5].content.decode()  # so does the schedule
    assert "Sam <script>" in csv_text  # a CSV is text; nothing in it starts a formula
    assert "Sam" not in feed  # the calendar feed carries no names at all
    assert any("Sam &lt;script&gt;" in html for html in html_emails)
