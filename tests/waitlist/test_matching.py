"""Which waiting patients a freed time is offered to, and which start each is offered."""

from datetime import date, timedelta

import pytest

from bookings.change_services import booking_cancel
from bookings.models import Channel, OutboxEmail, WaitlistOffer
from bookings.waitlist_offers import waitlist_offer_freed
from tests.factories import booking_row_make, dermatologist_make, london, treatment_make
from tests.waitlist.helpers import join, join_earlier

pytestmark = pytest.mark.usefixtures("solid")

TEN_THIRTY = london(2026, 12, 7, 10, 30)


def free_the_ten_thirty(solid, okafor, by_user=None):
    """The 10:30 peel is cancelled; its time is offered as the worker would."""
    (gone,) = [b for b in solid if b.starts_at == TEN_THIRTY]
    booking_cancel(booking=gone, by_user=by_user)
    return waitlist_offer_freed(dermatologist=okafor, start=gone.starts_at, end=gone.blocked_until)


def offered(offers):
    return [(o.entry.name, o.starts_at) for o in offers if o.channel == Channel.EMAIL]


def test_a_cancelled_time_is_offered_to_the_patients_it_suits(peel, okafor, solid):
    first, second = join(peel, 1), join(peel, 2, dermatologist=okafor)

    offers = free_the_ten_thirty(solid, okafor)

    assert offered(offers) == [(first.name, TEN_THIRTY), (second.name, TEN_THIRTY)]
    assert OutboxEmail.objects.filter(offer__in=offers).count() == 2
    (offer, _) = offers
    assert (offer.gap_starts_at, offer.gap_ends_at) == (TEN_THIRTY, TEN_THIRTY + peel.duration)
    assert offer.next_wave_at == london(2026, 12, 1, 11)  # three hours on


def test_it_is_not_offered_to_patients_it_does_not_suit(peel, okafor, whitfield, solid):
    extraction = treatment_make(name="Milia extraction", slug="extraction-other")
    join(peel, 1, dermatologist=whitfield)  # someone else's patient
    join(peel, 2, parts=["afternoon", "evening"])
    join(peel, 3, first_day=date(2026, 12, 8))  # from Tuesday
    join(peel, 4, first_day=date(2026, 12, 2), last_day=date(2026, 12, 4))  # until Friday before
    join(extraction, 5)  # a treatment Dr Okafor does not give

    assert free_the_ten_thirty(solid, okafor) == []


def test_a_longer_treatment_is_offered_only_where_it_fits(okafor, solid):
    long_peel = treatment_make(name="Long peel", slug="long-peel", duration_minutes=60)
    okafor.treatments.add(long_peel)
    join(long_peel, 1)

    assert free_the_ten_thirty(solid, okafor) == []  # 45 minutes free

    # The 11:15 goes too: 10:30 to 12:00 is free, and the hour starting 10:30 fits.
    (next_one,) = [b for b in solid if b.starts_at == TEN_THIRTY + timedelta(minutes=45)]
    booking_cancel(booking=next_one)
    offers = waitlist_offer_freed(
        dermatologist=okafor, start=next_one.starts_at, end=next_one.blocked_until
    )
    assert offered(offers) == [("Waiting Patient 1", TEN_THIRTY)]


def test_the_buffer_after_a_treatment_must_fit_too(okafor, solid):
    buffered = treatment_make(
        name="Buffered peel", slug="buffered", duration_minutes=40, buffer_minutes=10
    )
    okafor.treatments.add(buffered)
    join(buffered, 1)

    assert free_the_ten_thirty(solid, okafor) == []  # 40 + 10 minutes in 45


def test_a_time_inside_the_notice_period_is_never_offered_automatically(
    peel, okafor, frozen_clock, solid, receptionist
):
    join(peel, 1)
    frozen_clock.move_to(london(2026, 12, 6, 11))  # Sunday 11am: Monday 10:30 is 23.5 hours away

    assert free_the_ten_thirty(solid, okafor, by_user=receptionist) == []


def test_at_most_five_are_offered_in_the_order_they_joined(peel, okafor, frozen_clock, solid):
    entries = []
    for n in range(1, 8):
        entries.append(join(peel, n))
        frozen_clock.shift(timedelta(minutes=1))

    offers = free_the_ten_thirty(solid, okafor)

    assert [name for name, _ in offered(offers)] == [e.name for e in entries[:5]]


def test_each_patient_gets_one_automatic_offer_a_day(peel, okafor, solid):
    join(peel, 1)
    join(peel, 2)
    free_the_ten_thirty(solid, okafor)

    (later,) = [b for b in solid if b.starts_at == london(2026, 12, 7, 14, 15)]
    booking_cancel(booking=later)
    offers = waitlist_offer_freed(
        dermatologist=okafor, start=later.starts_at, end=later.blocked_until
    )

    assert offers == []  # both were offered the 10:30 today
    third = join(peel, 3)
    offers = waitlist_offer_freed(
        dermatologist=okafor, start=later.starts_at, end=later.blocked_until
    )
    assert offered(offers) == [(third.name, later.starts_at)]


def test_the_same_freed_time_is_offered_once(peel, okafor, solid):
    join(peel, 1)
    free_the_ten_thirty(solid, okafor)

    again = waitlist_offer_freed(
        dermatologist=okafor, start=TEN_THIRTY, end=TEN_THIRTY + peel.duration
    )

    assert again == []
    assert WaitlistOffer.objects.count() == 1


def test_a_patient_who_chose_texts_is_texted_the_offer_too(peel, okafor, solid):
    entry = join(peel, 1, patient={"phone": "07700 900123", "contact_by_text": True})

    offers = free_the_ten_thirty(solid, okafor)

    assert sorted(o.channel for o in offers) == ["email", "text"]
    text = OutboxEmail.objects.get(offer__entry=entry, channel=Channel.TEXT)
    assert text.recipient == "+447700900123"


def test_an_entry_for_an_earlier_time_is_offered_only_times_before_its_booking(peel, okafor, solid):

    other = dermatologist_make(treatments=[peel], name="Dr Other")
    booking = booking_row_make(treatment=peel, dermatologist=other, start=london(2026, 12, 7, 9))
    join_earlier(booking)

    assert free_the_ten_thirty(solid, okafor) == []  # 10:30 is later than 9am


def test_a_hand_made_offer_today_and_an_automatic_one_yesterday_leave_room_for_one_today(
    peel, okafor, solid, frozen_clock, receptionist
):
    from bookings.waitlist_offers import waitlist_offer_by_staff

    entry = join(peel, 1)
    free_the_ten_thirty(solid, okafor)  # automatic, Tuesday
    frozen_clock.shift(timedelta(days=1))
    waitlist_offer_by_staff(
        entry=entry, dermatologist=okafor, start=london(2026, 12, 8, 15), staff_user=receptionist
    )

    (later,) = [b for b in solid if b.starts_at == london(2026, 12, 7, 14, 15)]
    booking_cancel(booking=later)
    offers = waitlist_offer_freed(
        dermatologist=okafor, start=later.starts_at, end=later.blocked_until
    )

    assert offered(offers) == [(entry.name, later.starts_at)]
