"""How entries end without a click, and how a freed time nobody books goes to the next wave."""

from datetime import date, timedelta

import pytest

from bookings.change_services import booking_cancel, booking_move
from bookings.models import Channel, WaitlistEnd, WaitlistOffer
from bookings.notify.tasks import waitlist_expire_task, waitlist_next_wave_task
from bookings.services import booking_create
from bookings.waitlist_offers import waitlist_offer_freed
from bookings.waitlist_services import waitlist_accept
from tests.factories import booking_row_make, intake_make, london, patient_make
from tests.waitlist.helpers import MONDAY, join, join_earlier

TEN_THIRTY = london(2026, 12, 7, 10, 30)


def eleven_waiting(peel, frozen_clock):
    entries = []
    for n in range(1, 12):
        entries.append(join(peel, n))
        frozen_clock.shift(timedelta(minutes=1))
    return entries


def offered_entries(**filters):
    return list(
        WaitlistOffer.objects.filter(channel=Channel.EMAIL, **filters)
        .order_by("entry__created_at")
        .values_list("entry_id", flat=True)
    )


def free_ten_thirty(solid, okafor):
    booking_cancel(booking=solid[2])
    return waitlist_offer_freed(dermatologist=okafor, start=TEN_THIRTY, end=solid[2].blocked_until)


def test_nobody_booking_within_three_hours_offers_the_next_five(peel, okafor, solid, frozen_clock):
    entries = eleven_waiting(peel, frozen_clock)
    free_ten_thirty(solid, okafor)

    frozen_clock.shift(timedelta(hours=2, minutes=59))
    assert waitlist_next_wave_task() == 0
    frozen_clock.shift(timedelta(minutes=1))
    assert waitlist_next_wave_task() == 1

    assert offered_entries(wave=2) == [e.pk for e in entries[5:10]]
    assert waitlist_next_wave_task() == 0  # looked at once


def test_no_next_wave_once_someone_booked_from_it(peel, okafor, solid, frozen_clock):
    eleven_waiting(peel, frozen_clock)
    for booking in solid[2:4]:  # 10:30 and 11:15: one window with room for two peels
        booking_cancel(booking=booking)
    offers = waitlist_offer_freed(
        dermatologist=okafor, start=TEN_THIRTY, end=solid[3].blocked_until
    )
    first = next(o for o in offers if o.channel == Channel.EMAIL)
    waitlist_accept(
        offer=first,
        patient=patient_make(name="Waiting Patient 1", email="waiting1@example.com"),
        intake=intake_make(),
    )

    frozen_clock.shift(timedelta(hours=3))

    assert waitlist_next_wave_task() == 0  # 11:15 is still free, but the wave did its work
    assert not offered_entries(wave=2)


def test_no_next_wave_when_the_time_was_taken_another_way(peel, okafor, solid, frozen_clock):
    eleven_waiting(peel, frozen_clock)
    free_ten_thirty(solid, okafor)
    booking_row_make(treatment=peel, dermatologist=okafor, start=TEN_THIRTY)  # by phone

    frozen_clock.shift(timedelta(hours=3))

    assert waitlist_next_wave_task() == 0


def test_an_entry_ends_when_that_patient_books_a_time_that_suits_it(peel, okafor, frozen_clock):
    born = date(1990, 1, 1)
    entry = join(peel, 1, patient={"date_of_birth": born}, parts=["morning"])
    twin = join(
        peel,
        2,
        patient={"name": "Waiting Twin", "email": "waiting1@example.com", "date_of_birth": born},
    )
    patient = patient_make(
        name="Waiting Patient 1", email="waiting1@example.com", date_of_birth=born
    )

    def book(start):
        return booking_create(
            treatment=peel, start=start, dermatologist=okafor, patient=patient, intake=intake_make()
        )

    book(london(2026, 12, 8, 14))  # an afternoon: not what the entry waits for
    entry.refresh_from_db()
    assert entry.is_waiting
    morning = book(london(2026, 12, 9, 10))

    entry.refresh_from_db()
    twin.refresh_from_db()
    assert (entry.end_reason, entry.booked) == (WaitlistEnd.BOOKED, morning)
    assert twin.is_waiting  # shares the email, is another patient


@pytest.mark.parametrize(
    "unlike",
    ["another treatment", "other days", "another dermatologist", "another booking's"],
)
def test_a_booking_that_does_not_suit_the_entry_leaves_it_waiting(
    peel, okafor, whitfield, extraction, frozen_clock, unlike
):
    born = date(1990, 1, 1)
    patient = patient_make(
        name="Waiting Patient 1", email="waiting1@example.com", date_of_birth=born
    )
    wanted = {"patient": {"date_of_birth": born}}
    if unlike == "another treatment":
        entry = join(extraction, 1, **wanted)
    elif unlike == "other days":
        entry = join(peel, 1, first_day=MONDAY + timedelta(days=3), **wanted)
    elif unlike == "another dermatologist":
        entry = join(peel, 1, dermatologist=whitfield, **wanted)
    else:  # waiting for an earlier time for a booking of theirs on the Friday
        later = booking_create(
            treatment=peel,
            start=london(2026, 12, 11, 10),
            dermatologist=okafor,
            patient=patient,
            intake=intake_make(),
        )
        entry = join_earlier(later, last_day=MONDAY + timedelta(days=3))

    booking_create(
        treatment=peel,
        start=london(2026, 12, 8, 10),  # Tuesday morning, with Dr Okafor
        dermatologist=okafor,
        patient=patient,
        intake=intake_make(),
    )

    entry.refresh_from_db()
    assert entry.is_waiting


def test_moving_a_booking_earlier_ends_its_entry(peel, okafor, frozen_clock):
    booking = booking_create(
        treatment=peel,
        start=london(2026, 12, 11, 15),
        dermatologist=okafor,
        patient=patient_make(),
        intake=intake_make(),
    )
    entry = join_earlier(booking)

    booking_move(booking=booking, start=london(2026, 12, 7, 11))

    entry.refresh_from_db()
    assert entry.end_reason == WaitlistEnd.BOOKED


def test_cancelling_the_booking_ends_its_entry_for_an_earlier_time(peel, okafor, frozen_clock):
    booking = booking_create(
        treatment=peel,
        start=london(2026, 12, 11, 15),
        dermatologist=okafor,
        patient=patient_make(),
        intake=intake_make(),
    )
    entry = join_earlier(booking)

    booking_cancel(booking=booking)

    entry.refresh_from_db()
    assert entry.end_reason == WaitlistEnd.BOOKING_CLOSED


def test_entries_whose_days_have_passed_expire(peel, okafor, frozen_clock):
    ends_monday = join(peel, 1, last_day=MONDAY)
    ends_tuesday = join(peel, 2, last_day=MONDAY + timedelta(days=1))

    frozen_clock.move_to(london(2026, 12, 7, 23, 59))
    assert waitlist_expire_task() == 0
    frozen_clock.move_to(london(2026, 12, 8, 0, 1))
    assert waitlist_expire_task() == 1

    ends_monday.refresh_from_db()
    ends_tuesday.refresh_from_db()
    assert ends_monday.end_reason == WaitlistEnd.EXPIRED
    assert ends_tuesday.is_waiting
