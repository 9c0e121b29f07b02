"""Two workers deliver the same text at the same moment: the patient gets one text."""

import threading

import pytest
from django.db import connections

from bookings.models import OutboxStatus
from bookings.notify.outbox import outbox_deliver
from tests.fake_twilio import FakeTwilio
from tests.notify.texting import text_of, texting_booking_make

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_two_workers_delivering_the_same_text_at_once_send_it_once(settings, frozen_clock):
    text = text_of(texting_booking_make())
    barrier = threading.Barrier(2)
    outcomes: list = [None, None]

    def deliver(index):
        try:
            barrier.wait(timeout=10)
            outcomes[index] = outbox_deliver(outbox_id=text.pk).status
        except Exception as exc:  # recorded, so the test shows it instead of a hung thread
            outcomes[index] = exc
        finally:
            connections.close_all()

    with FakeTwilio() as twilio:
        settings.SMS_BACKEND = "bookings.notify.sms.TwilioBackend"
        settings.TWILIO_API_URL = twilio.url
        settings.TWILIO_ACCOUNT_SID, settings.TWILIO_AUTH_TOKEN = "AC123", "secret-token"
        twilio.delay = 0.5  # hold the first delivery open while the second arrives
        threads = [threading.Thread(target=deliver, args=(i,)) for i in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=30)

    assert sorted(outcomes) == ["not_claimed", "sent"]
    assert len(twilio.requests) == 1
    text.refresh_from_db()
    assert (text.status, text.attempts) == (OutboxStatus.SENT, 1)
