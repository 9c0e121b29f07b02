"""Booking a time from an offer: a new booking, or a move for an entry joined from a booking;
and what a patient whose time has gone is told."""

from datetime import timedelta

import pytest

from bookings.change_services import booking_cancel, booking_move
from bookings.models import BookingStatus, Channel, WaitlistEnd, WaitlistOffer
from bookings.services import booking_create
from bookings.waitlist_offers import waitlist_offer_by_staff, waitlist_offer_freed
from bookings.waitlist_services import (
    OfferGone,
    WaitlistError,
    waitlist_accept,
    waitlist_leave,
    waitlist_offer_for_token,
    waitlist_offer_open,
)
from tests.factories import booking_row_make, intake_make, london, patient_make
from tests.waitlist.helpers import join, join_earlier

TEN_THIRTY = london(2026, 12, 7, 10, 30)


def offers_of_the_ten_thirty(solid, okafor):
    booking_cancel(booking=solid[2])
    offers = waitlist_offer_freed(
        dermatologist=okafor, start=TEN_THIRTY, end=solid[2].blocked_until
    )
    return [o for o in offers if o.channel == Channel.EMAIL]


def details(n):
    return patient_make(name=f"Waiting Patient {n}", email=f"waiting{n}@example.com")


def test_accepting_books_the_time_and_ends_the_entry(peel, okafor, solid):
    entry = join(peel, 1)
    (offer,) = offers_of_the_ten_thirty(solid, okafor)

    booking = waitlist_accept(
        offer=waitlist_offer_for_token(offer.token), patient=details(1), intake=intake_make()
    )

    assert (booking.starts_at, booking.dermatologist, booking.patient) == (
        TEN_THIRTY,
        okafor,
        entry.patient,
    )
    entry.refresh_from_db()
    assert (entry.end_reason, entry.booked) == (WaitlistEnd.BOOKED, booking)
    assert WaitlistOffer.objects.get(pk=offer.pk).booking == booking


def test_the_second_patient_is_told_kindly_with_the_nearest_free_times(peel, okafor, solid):
    join(peel, 1)
    second = join(peel, 2)
    first_offer, second_offer = offers_of_the_ten_thirty(solid, okafor)
    waitlist_accept(offer=first_offer, patient=details(1), intake=intake_make())

    assert not waitlist_offer_open(offer=second_offer)
    with pytest.raises(OfferGone) as gone:
        waitlist_accept(offer=second_offer, patient=details(2), intake=intake_make())

    assert gone.value.message == (
        "Sorry, that time has gone: someone else who was waiting has just booked it. "
        "You are still on the waiting list."
    )
    assert gone.value.alternatives  # Tuesday is free all day
    assert all(slot.start != TEN_THIRTY for slot in gone.value.alternatives)
    second.refresh_from_db()
    assert second.is_waiting


def test_a_patient_who_left_cannot_book_from_an_old_offer(peel, okafor, solid):
    entry = join(peel, 1)
    (offer,) = offers_of_the_ten_thirty(solid, okafor)
    waitlist_leave(entry=entry)

    with pytest.raises(WaitlistError, match="You have left the waiting list"):
        waitlist_accept(offer=offer, patient=details(1), intake=intake_make())


def test_accepting_for_an_entry_joined_from_a_booking_moves_that_booking(peel, okafor, solid):
    later = booking_create(
        treatment=peel,
        start=london(2026, 12, 11, 15),
        dermatologist=okafor,
        patient=details(1),
        intake=intake_make(),
    )
    entry = join_earlier(later)
    (offer,) = offers_of_the_ten_thirty(solid, okafor)

    moved = waitlist_accept(offer=offer)

    assert moved.pk == later.pk
    assert moved.starts_at == TEN_THIRTY
    assert moved.patient.bookings.count() == 1  # moved, not a second booking
    entry.refresh_from_db()
    assert (entry.end_reason, entry.booked) == (WaitlistEnd.BOOKED, moved)


def test_a_double_click_books_once(peel, okafor, solid):
    join(peel, 1)
    (offer,) = offers_of_the_ten_thirty(solid, okafor)
    import uuid

    key = uuid.uuid4()
    first = waitlist_accept(
        offer=offer, patient=details(1), intake=intake_make(), submission_key=key
    )
    again = waitlist_accept(
        offer=offer, patient=details(1), intake=intake_make(), submission_key=key
    )

    assert first == again


def test_reception_may_offer_a_time_inside_the_notice_period(
    peel, okafor, frozen_clock, receptionist
):
    entry = join(peel, 1, first_day=london(2026, 12, 1, 0).date())
    this_afternoon = london(2026, 12, 1, 14, 5)  # on staff's 5-minute grid

    (offer, *_) = waitlist_offer_by_staff(
        entry=entry, dermatologist=okafor, start=this_afternoon, staff_user=receptionist
    )
    booking = waitlist_accept(offer=offer, patient=details(1), intake=intake_make())

    assert (offer.staff_made, offer.by_staff, offer.next_wave_at) == (True, receptionist, None)
    assert booking.starts_at == this_afternoon
    assert booking.status in (BookingStatus.CONFIRMED, BookingStatus.REQUESTED)


def test_reception_is_told_why_a_time_cannot_be_offered(peel, okafor, frozen_clock, receptionist):
    entry = join(peel, 1, first_day=london(2026, 12, 1, 0).date())
    booking_row_make(treatment=peel, dermatologist=okafor, start=london(2026, 12, 1, 14))

    with pytest.raises(WaitlistError, match="It overlaps a booking at 2:00 to 2:45pm"):
        waitlist_offer_by_staff(
            entry=entry,
            dermatologist=okafor,
            start=london(2026, 12, 1, 14, 30),
            staff_user=receptionist,
        )
    frozen_clock.shift(timedelta(minutes=1))
    waitlist_offer_by_staff(
        entry=entry, dermatologist=okafor, start=london(2026, 12, 1, 15), staff_user=receptionist
    )
    with pytest.raises(WaitlistError, match="already been offered this time"):
        waitlist_offer_by_staff(
            entry=entry,
            dermatologist=okafor,
            start=london(2026, 12, 1, 15),
            staff_user=receptionist,
        )


def test_an_automatic_offer_is_never_inside_the_notice_period_even_when_accepted_late(
    peel, okafor, solid, frozen_clock
):
    join(peel, 1)
    (offer,) = offers_of_the_ten_thirty(solid, okafor)
    frozen_clock.move_to(london(2026, 12, 6, 11))  # 23.5 hours before

    with pytest.raises(OfferGone, match="too close to the time to book it online") as gone:
        waitlist_accept(offer=offer, patient=details(1), intake=intake_make())
    assert gone.value.too_soon


def test_an_earlier_time_that_is_no_longer_earlier_leaves_the_booking_where_it_is(
    peel, okafor, solid, receptionist
):
    later = booking_create(
        treatment=peel,
        start=london(2026, 12, 11, 15),
        dermatologist=okafor,
        patient=details(1),
        intake=intake_make(),
    )
    join_earlier(later)
    (offer,) = offers_of_the_ten_thirty(solid, okafor)
    # Reception then moves it, by phone, to before the offered time (an afternoon, which the
    # entry does not wait for, so the entry stays).
    booking_move(booking=later, start=london(2026, 12, 2, 14), by_user=receptionist)
    offer = waitlist_offer_for_token(offer.token)

    assert offer.entry.is_waiting
    assert not waitlist_offer_open(offer=offer)
    with pytest.raises(WaitlistError, match="Your appointment is now on Wednesday 2 December"):
        waitlist_accept(offer=offer)
    later.refresh_from_db()
    assert later.starts_at == london(2026, 12, 2, 14)


def test_the_times_offered_instead_of_a_gone_earlier_time_are_earlier_too(peel, okafor, solid):
    tuesday = booking_create(
        treatment=peel,
        start=london(2026, 12, 8, 9),
        dermatologist=okafor,
        patient=details(1),
        intake=intake_make(),
    )
    join_earlier(tuesday)
    (offer,) = offers_of_the_ten_thirty(solid, okafor)
    booking_row_make(treatment=peel, dermatologist=okafor, start=TEN_THIRTY)  # someone else

    with pytest.raises(OfferGone) as gone:
        waitlist_accept(offer=offer)

    # Monday is full again: nothing before Tuesday 9am to move to, so nothing later either.
    assert [slot.start for slot in gone.value.alternatives] == []


def test_reception_cannot_offer_an_earlier_time_entry_a_time_after_its_booking(
    peel, okafor, frozen_clock, receptionist
):
    booking = booking_create(
        treatment=peel,
        start=london(2026, 12, 7, 9),
        dermatologist=okafor,
        patient=details(1),
        intake=intake_make(),
    )
    entry = join_earlier(
        booking, first_day=london(2026, 12, 1, 0).date(), parts=["morning", "afternoon"]
    )

    with pytest.raises(WaitlistError, match="a time before their appointment on Monday 7 Dec"):
        waitlist_offer_by_staff(
            entry=entry,
            dermatologist=okafor,
            start=london(2026, 12, 7, 14),
            staff_user=receptionist,
        )
    assert not WaitlistOffer.objects.exists()
