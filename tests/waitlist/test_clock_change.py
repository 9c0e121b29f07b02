"""The day the clocks go forward: parts of the day and new hours are UK wall-clock times."""

from datetime import UTC, date, datetime, time

import time_machine

from bookings.models import Channel, WaitlistOffer, WorkingHours
from bookings.notify.tasks import waitlist_offer_freed_task
from bookings.waitlist_triggers import hours_freed
from tests.factories import dermatologist_make
from tests.waitlist.helpers import join

CHANGE_DAY = date(2027, 3, 28)  # a Sunday: 1am becomes 2am


def test_new_sunday_hours_on_the_change_day_offer_noon_uk_time_to_an_afternoon_patient(peel):
    with time_machine.travel(datetime(2027, 3, 22, 8, tzinfo=UTC), tick=False):
        sunday = dermatologist_make(treatments=[peel], hours={}, name="Dr Sunday")
        join(peel, 1, first_day=CHANGE_DAY, last_day=CHANGE_DAY, parts=["afternoon"])
        hours = WorkingHours.objects.create(
            dermatologist=sunday, weekday=6, starts=time(9), ends=time(17)
        )

        windows = hours_freed(hours)
        waitlist_offer_freed_task([w.as_message() for w in windows])

    assert windows[0].start == datetime(2027, 3, 28, 8, tzinfo=UTC)  # 9am BST
    (offer,) = WaitlistOffer.objects.filter(channel=Channel.EMAIL)
    assert offer.starts_at == datetime(2027, 3, 28, 11, tzinfo=UTC)  # noon BST, not 11am
