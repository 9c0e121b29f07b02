"""Reception sees texts beside emails: in the outbox, and on the booking's page."""

import pytest
from django.urls import reverse

from bookings.models import OutboxStatus
from tests.notify.texting import text_of, texting_booking_make

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_clock")]

CHANGELIST = reverse("admin:bookings_outboxemail_changelist")


def test_the_outbox_filters_texts_and_says_which_rows_are_texts(reception):
    booking = texting_booking_make()

    html = reception.get(CHANGELIST, {"channel__exact": "text"}).content.decode()

    assert "+447700900123" in html
    assert "sarah@example.com" not in html  # the email stays out of the texts
    assert booking.reference in html
    assert html.count("Text message") >= 2  # the row's channel column and the filter
    assert "channel__exact=email" in html  # the filter offers the other channel too


def test_the_booking_page_lists_its_emails_and_texts(reception):
    booking = texting_booking_make()
    text = text_of(booking)
    text.status = OutboxStatus.FAILED
    text.save()

    html = reception.get(reverse("admin:bookings_booking_change", args=[booking.pk])).content
    html = html.decode()

    assert "Emails and texts" in html
    assert "07700 900123" in html
    assert "sarah@example.com" in html
    assert html.count("Appointment confirmed") >= 2
    assert "Failed" in html
