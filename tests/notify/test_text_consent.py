"""The patient chooses texts when booking, changes their mind on their booking's page,
or replies STOP; Twilio's signature guards that last door."""

import json
from datetime import timedelta

import pytest
from django.urls import reverse

from bookings.models import Booking, Channel, OutboxEmail, Patient
from bookings.privacy import patient_export
from bookings.public.text_views import twilio_signature
from tests.factories import NOW, dermatologist_make, treatment_make
from tests.notify.texting import texting_booking_make
from tests.public.test_booking_flow import post_details

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_clock")]


@pytest.fixture
def bookable():
    treatment = treatment_make(
        name="Milia extraction", slug="milia-extraction", confirms_automatically=True
    )
    dermatologist_make(treatments=[treatment])
    return treatment, (NOW + timedelta(days=3)).replace(hour=10)


def test_ticking_the_box_while_booking_gives_texts_and_a_confirmation_text(
    client, bookable, django_capture_on_commit_callbacks
):
    treatment, start = bookable

    with django_capture_on_commit_callbacks(execute=True):
        response = post_details(client, treatment, start, contact_by_text="on")

    assert response.status_code == 302
    assert Patient.objects.get().contact_by_text
    text = OutboxEmail.objects.get(channel=Channel.TEXT)
    assert text.recipient == "+447700900123"


def test_leaving_the_box_empty_gives_no_texts(client, bookable):
    treatment, start = bookable

    post_details(client, treatment, start)

    assert not Patient.objects.get().contact_by_text
    assert not OutboxEmail.objects.filter(channel=Channel.TEXT).exists()


def test_asking_for_texts_with_a_landline_says_why_and_keeps_what_was_typed(client, bookable):
    treatment, start = bookable

    response = post_details(client, treatment, start, contact_by_text="on", phone="020 7946 0000")

    assert response.status_code == 200
    assert "We can only text UK mobile numbers" in response.content.decode()
    assert 'value="020 7946 0000"' in response.content.decode()
    assert not Booking.objects.exists()


def test_the_manage_page_turns_texts_off_and_on_again(client):
    booking = texting_booking_make()
    page = reverse("bookings:manage", args=[booking.manage_token])
    choose = reverse("bookings:texts_choose", args=[booking.manage_token])

    assert "Stop texting me" in client.get(page).content.decode()
    response = client.post(choose, {"texts": "off"}, follow=True)
    assert "We will not text you" in response.content.decode()
    assert not Patient.objects.get().contact_by_text
    assert "Text me reminders and changes" in response.content.decode()

    client.post(choose, {"texts": "on"})
    assert Patient.objects.get().contact_by_text


def test_the_manage_page_refuses_texts_to_a_landline_with_a_reason(client):
    booking = texting_booking_make(phone="020 7946 0000", texts=False)
    choose = reverse("bookings:texts_choose", args=[booking.manage_token])

    response = client.post(choose, {"texts": "on"}, follow=True)

    assert "We can only text UK mobile numbers" in response.content.decode()
    assert not Patient.objects.get().contact_by_text


def _twilio_post(client, settings, body, *, signature=None):
    settings.TWILIO_AUTH_TOKEN = "secret-token"
    params = {"From": "+447700900123", "To": "+447700900000", "Body": body}
    url = f"{settings.SITE_URL}{reverse('bookings:twilio_inbound')}"
    return client.post(
        reverse("bookings:twilio_inbound"),
        params,
        headers={"X-Twilio-Signature": signature or twilio_signature(url, params, "secret-token")},
    )


def test_a_stop_reply_turns_texts_off_and_the_next_text_is_not_sent(client, settings, sms_outbox):
    from bookings.notify.outbox import outbox_deliver

    booking = texting_booking_make()

    response = _twilio_post(client, settings, " stop ")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/xml"
    assert not Patient.objects.get().contact_by_text
    text = OutboxEmail.objects.get(booking=booking, channel=Channel.TEXT)
    assert outbox_deliver(outbox_id=text.pk).status == "skipped"
    assert sms_outbox == []


def test_other_replies_change_nothing(client, settings):
    texting_booking_make()

    assert _twilio_post(client, settings, "Thanks, see you then").status_code == 200

    assert Patient.objects.get().contact_by_text


def test_a_reply_without_twilios_signature_is_refused(client, settings):
    texting_booking_make()

    response = _twilio_post(client, settings, "STOP", signature="forged")

    assert response.status_code == 403
    assert Patient.objects.get().contact_by_text


def test_a_request_made_with_the_box_ticked_is_texted_at_once(client):
    treatment = treatment_make(name="Chemical peel", slug="chemical-peel")
    dermatologist_make(treatments=[treatment])

    post_details(
        client, treatment, (NOW + timedelta(days=3)).replace(hour=10), contact_by_text="on"
    )

    text = OutboxEmail.objects.get(channel=Channel.TEXT)
    assert (text.kind, text.recipient) == ("requested", "+447700900123")


def test_the_patients_export_holds_their_text_choice_and_their_texts():
    booking = texting_booking_make()

    data = json.loads(patient_export(patient=booking.patient, requested_by="patient"))

    assert data["patient"]["texts_about_appointments"] is True
    rows = data["bookings"][0]["emails"]
    assert sorted(row["by"] for row in rows) == ["Email", "Text message"]
