"""No texts between 9pm and 8am UK time: a text due then waits until 8am, on the wall clock,
including the nights the clocks change."""

from datetime import UTC, datetime, timedelta

import pytest

from bookings.models import OutboxStatus
from bookings.notify.outbox import outbox_deliver
from bookings.notify.texts import quiet_hours_end
from tests.factories import london
from tests.notify.texting import text_of, texting_booking_make

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_clock")]

# The clocks go back at 2am on Sunday 25 October 2026, forward at 1am on Sunday 28 March 2027.
AUTUMN_EVE, SPRING_EVE = london(2026, 10, 24, 21, 30), london(2027, 3, 27, 21, 30)


@pytest.fixture(autouse=True)
def quiet_hours(settings):
    settings.TEXT_QUIET_HOURS = True  # on with Twilio; the tests' memory backend needs it said


@pytest.mark.parametrize(
    "now, due",
    [
        pytest.param(london(2026, 12, 1, 7, 59), london(2026, 12, 1, 8), id="just-before-8am"),
        pytest.param(london(2026, 12, 1, 8), london(2026, 12, 1, 8), id="8am"),
        pytest.param(london(2026, 12, 1, 20, 59), london(2026, 12, 1, 20, 59), id="8.59pm"),
        pytest.param(london(2026, 12, 1, 21), london(2026, 12, 2, 8), id="9pm"),
        pytest.param(london(2026, 12, 31, 23), london(2027, 1, 1, 8), id="new-year"),
    ],
)
def test_a_text_due_in_the_quiet_hours_waits_until_8am(now, due):
    assert quiet_hours_end(now) == due


def test_8am_after_the_clocks_go_back_is_ten_hours_after_10pm_utc():
    assert AUTUMN_EVE.astimezone(UTC) == datetime(2026, 10, 24, 20, 30, tzinfo=UTC)
    assert quiet_hours_end(AUTUMN_EVE) == datetime(2026, 10, 25, 8, tzinfo=UTC)


def test_8am_after_the_clocks_go_forward_is_7am_utc():
    assert quiet_hours_end(SPRING_EVE) == datetime(2027, 3, 28, 7, tzinfo=UTC)


@pytest.mark.parametrize("evening", [AUTUMN_EVE, SPRING_EVE], ids=["autumn", "spring"])
def test_a_text_made_at_night_before_a_clock_change_goes_at_8am_uk_time(
    frozen_clock, sms_outbox, evening
):
    frozen_clock.move_to(evening)
    text = text_of(texting_booking_make())
    morning = quiet_hours_end(evening)
    assert text.due_at == morning

    frozen_clock.move_to(morning - timedelta(minutes=1))
    assert outbox_deliver(outbox_id=text.pk).status == "not_claimed"
    frozen_clock.move_to(morning)
    assert outbox_deliver(outbox_id=text.pk).status == "sent"
    assert len(sms_outbox) == 1


def test_a_retry_that_comes_round_at_night_is_held_until_morning_untried(frozen_clock, sms_outbox):
    text = text_of(texting_booking_make())  # due now, at 8am
    night = london(2026, 12, 1, 23, 15)
    frozen_clock.move_to(night)

    assert outbox_deliver(outbox_id=text.pk).status == "held"

    text.refresh_from_db()
    assert (text.status, text.attempts) == (OutboxStatus.PENDING, 0)
    assert text.due_at == london(2026, 12, 2, 8)
    assert sms_outbox == []


def test_emails_are_not_held_at_night(frozen_clock, mailoutbox):
    from bookings.models import Channel, OutboxEmail

    booking = texting_booking_make()
    frozen_clock.move_to(london(2026, 12, 1, 23, 15))
    email = OutboxEmail.objects.get(booking=booking, channel=Channel.EMAIL)

    assert outbox_deliver(outbox_id=email.pk).status == "sent"


def test_texts_written_to_files_are_not_held_at_night(settings, frozen_clock, sms_outbox):
    settings.TEXT_QUIET_HOURS = False  # the embedded default: files wake nobody
    frozen_clock.move_to(london(2026, 12, 1, 23, 15))
    text = text_of(texting_booking_make())

    assert outbox_deliver(outbox_id=text.pk).status == "sent"
    assert len(sms_outbox) == 1
