"""The two ways a text leaves: a file in data/sms/, or Twilio's API (a local fake of it here),
with Twilio's refusals, rate limits and time-outs met by the outbox's retries."""

import base64
from datetime import timedelta

import pytest

from bookings.models import OutboxStatus
from bookings.notify.outbox import outbox_deliver
from bookings.notify.sms import SmsError, TwilioBackend
from tests.factories import NOW
from tests.fake_twilio import FakeTwilio
from tests.notify.texting import text_of, texting_booking_make

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_clock")]


@pytest.fixture
def twilio(settings):
    with FakeTwilio() as fake:
        settings.SMS_BACKEND = "bookings.notify.sms.TwilioBackend"
        settings.TWILIO_API_URL = fake.url
        settings.TWILIO_ACCOUNT_SID = "AC123"
        settings.TWILIO_AUTH_TOKEN = "secret-token"
        settings.SMS_FROM = "+447700900000"
        settings.SMS_TIMEOUT = 1
        settings.EMAIL_RETRY_BASE_DELAY = 60
        yield fake


def test_the_file_backend_writes_each_text_to_a_file_to_read(settings, tmp_path):
    settings.SMS_BACKEND = "bookings.notify.sms.FileBackend"
    settings.SMS_FILE_PATH = tmp_path / "sms"
    text = text_of(texting_booking_make())

    assert outbox_deliver(outbox_id=text.pk).status == "sent"

    (written,) = (tmp_path / "sms").iterdir()
    content = written.read_text()
    assert content.startswith("To: +447700900123\nFrom: +447700900000\n")
    assert "Milia extraction is booked for Fri 4 Dec at 10:00am" in content
    assert text.booking.get_absolute_url() in content


def test_twilio_gets_a_form_encoded_post_with_basic_auth(twilio):
    text = text_of(texting_booking_make())

    assert outbox_deliver(outbox_id=text.pk).status == "sent"

    (request,) = twilio.requests
    assert request["path"] == "/2010-04-01/Accounts/AC123/Messages.json"
    assert request["content_type"] == "application/x-www-form-urlencoded"
    assert request["authorization"] == "Basic " + base64.b64encode(b"AC123:secret-token").decode()
    assert request["form"]["To"] == "+447700900123"
    assert request["form"]["From"] == "+447700900000"
    assert "Milia extraction" in request["form"]["Body"]
    text.refresh_from_db()
    assert text.status == OutboxStatus.SENT


def test_a_number_twilio_refuses_fails_at_once_and_is_not_tried_again(twilio):
    twilio.plan = [400]
    text = text_of(texting_booking_make())

    assert outbox_deliver(outbox_id=text.pk).status == "failed"

    text.refresh_from_db()
    assert text.status == OutboxStatus.FAILED
    assert "21211" in text.last_error
    assert outbox_deliver(outbox_id=text.pk).status == "not_claimed"
    assert len(twilio.requests) == 1


@pytest.mark.parametrize("answer", [429, 500, 503, "hang"])
def test_rate_limits_server_errors_and_time_outs_are_tried_again_after_a_backoff(
    twilio, frozen_clock, answer
):
    twilio.plan = [answer]
    text = text_of(texting_booking_make())

    delivery = outbox_deliver(outbox_id=text.pk)

    assert delivery.status == "retry"
    assert 30 <= delivery.retry_in <= 60
    text.refresh_from_db()
    assert text.status == OutboxStatus.PENDING
    assert text.due_at > NOW
    assert outbox_deliver(outbox_id=text.pk).status == "not_claimed"  # not due yet
    frozen_clock.move_to(NOW + timedelta(seconds=61))
    assert outbox_deliver(outbox_id=text.pk).status == "sent"
    text.refresh_from_db()
    assert (text.status, text.attempts) == (OutboxStatus.SENT, 2)


def test_texts_still_refused_after_the_quick_tries_fail_in_the_end(twilio, settings):
    settings.EMAIL_MAX_ATTEMPTS = 2
    settings.EMAIL_GIVE_UP_HOURS = 1
    twilio.plan = [503, 503]
    text = text_of(texting_booking_make())

    assert outbox_deliver(outbox_id=text.pk).status == "retry"
    assert outbox_deliver(outbox_id=text.pk, now=NOW + timedelta(minutes=5)).status == "failed"

    text.refresh_from_db()
    assert text.status == OutboxStatus.FAILED
    assert "503" in text.last_error


def test_an_unreachable_twilio_is_a_transient_error(settings):
    settings.TWILIO_API_URL = "http://127.0.0.1:9"  # nothing listens on the discard port
    settings.SMS_TIMEOUT = 1

    with pytest.raises(SmsError) as raised:
        TwilioBackend().send(to="+447700900123", body="Hello", tag="t")

    assert raised.value.transient
