"""A waiting patient's links: the offer (book it, or move a booking to it), the entry, leaving."""

import re

import pytest
from django.urls import reverse

from bookings.models import Booking, BookingStatus, WaitlistEnd, WaitlistEntry
from bookings.services import booking_create
from tests.factories import NOW, booking_row_make, intake_make, london, patient_make
from tests.public.test_booking_flow import valid_answers
from tests.waitlist_rows import entry_row_make, offer_row_make

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.usefixtures("frozen_clock"),
]

THURSDAY_10 = london(2026, 12, 3, 10)
MONDAY_9 = london(2026, 12, 7, 9)


def text_of(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split()).replace("&#x27;", "'")


@pytest.fixture
def offer(peel, okafor):
    entry = entry_row_make(treatment=peel)
    return offer_row_make(entry=entry, dermatologist=okafor, start=THURSDAY_10)


def test_the_offer_link_opens_the_booking_form_at_the_offered_time(client, offer):
    response = client.get(offer.get_absolute_url())

    html = response.content.decode()
    page = text_of(html)
    assert response.status_code == 200
    assert "Your details" in page
    assert "Thursday 3 December 2026 at 10:00am" in page and "Dr Amara Okafor" in page
    assert "from the waiting list" in page
    assert 'value="Sarah Thompson"' in html and 'value="sarah.thompson@example.com"' in html
    assert f'action="{offer.get_absolute_url()}"' in html
    assert "Where are the bumps?" in page  # the booking questions are asked now
    assert f'href="{offer.entry.leave_url}"' in html
    assert response["Cache-Control"].startswith("max-age=0")


def test_booking_through_the_offer_makes_the_booking_and_ends_the_entry(client, offer):
    response = client.post(offer.get_absolute_url(), valid_answers())

    assert response.status_code == 302
    assert response["Location"] == reverse("bookings:confirmation")
    booking = Booking.objects.get()
    assert (booking.starts_at, booking.dermatologist) == (THURSDAY_10, offer.dermatologist)
    offer.entry.refresh_from_db()
    assert offer.entry.end_reason == WaitlistEnd.BOOKED
    assert "We have your booking request" in client.get(response["Location"]).content.decode()


def test_a_mistake_on_the_form_is_shown_with_everything_kept(client, offer):
    response = client.post(offer.get_absolute_url(), valid_answers(email="nope"))

    html = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in html and 'value="Sarah Thompson"' in html
    assert not Booking.objects.exists()


def test_a_time_someone_else_booked_first_gets_a_kind_page_and_the_nearest_times(
    client, offer, peel, okafor
):
    booking_create(
        treatment=peel,
        start=THURSDAY_10,
        dermatologist=okafor,
        patient=patient_make(name="Quicker Patient", email="quick@example.com"),
        intake=intake_make(),
    )

    response = client.get(offer.get_absolute_url())

    page = text_of(response.content.decode())
    assert response.status_code == 409
    assert "Sorry, someone booked that time first" in page
    assert "You're still on the waiting list" in page
    assert "The nearest free times" in page
    assert re.search(
        r'href="/book/chemical-peel/details/\?start=2026-12-0', response.content.decode()
    )
    assert "Leave the waiting list" in page
    offer.entry.refresh_from_db()
    assert offer.entry.is_waiting


def test_a_time_taken_while_the_form_was_filled_in_gets_the_same_kind_page(
    client, offer, peel, okafor
):
    assert client.get(offer.get_absolute_url()).status_code == 200
    booking_row_make(treatment=peel, dermatologist=okafor, start=THURSDAY_10)

    response = client.post(offer.get_absolute_url(), valid_answers())

    assert response.status_code == 409
    assert "Sorry, someone booked that time first" in response.content.decode()
    assert Booking.objects.count() == 1


@pytest.fixture
def earlier_offer(peel, okafor):
    booking = booking_create(
        treatment=peel,
        start=MONDAY_9,
        dermatologist=okafor,
        patient=patient_make(),
        intake=intake_make(),
    )
    entry = entry_row_make(
        treatment=peel, booking=booking, patient=booking.patient, last_day=MONDAY_9.date()
    )
    return offer_row_make(entry=entry, dermatologist=okafor, start=THURSDAY_10)


def test_an_offer_of_an_earlier_time_asks_to_move_the_booking(client, earlier_offer):
    page = text_of(client.get(earlier_offer.get_absolute_url()).content.decode())

    assert "An earlier time is free" in page
    assert "your appointment moves to it" in page
    assert "From Monday 7 December 2026 at 9:00am" in page
    assert "To Thursday 3 December 2026 at 10:00am" in page
    assert "Yes, move my appointment to this time" in page
    assert "Where are the bumps?" not in page  # the booking has its answers


def test_taking_an_earlier_time_moves_the_booking_and_says_so(client, earlier_offer):
    booking = earlier_offer.entry.booking

    response = client.post(earlier_offer.get_absolute_url())

    assert response.status_code == 302
    assert response["Location"] == booking.get_absolute_url()
    booking.refresh_from_db()
    assert booking.starts_at == THURSDAY_10 and Booking.objects.count() == 1
    page = text_of(client.get(response["Location"]).content.decode())
    assert "Your appointment has moved to Thursday 3 December 2026 at 10:00am" in page


def test_the_entry_page_says_what_happens_next_and_how_to_leave(client, offer):
    entry = offer.entry

    page = text_of(
        client.get(reverse("bookings:waitlist-entry", args=[entry.token])).content.decode()
    )

    assert "You are on the waiting list" in page and "Chemical peel" in page
    assert "Morning, afternoon, evening" in page
    assert "Leave the waiting list" in page


def test_leaving_asks_first_and_only_a_post_leaves(client, offer):
    entry = offer.entry
    url = entry.leave_url

    asked = client.get(url)
    entry.refresh_from_db()
    assert asked.status_code == 200 and entry.is_waiting
    assert "Yes, leave the waiting list" in asked.content.decode()

    response = client.post(url)

    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.end_reason == WaitlistEnd.LEFT
    page = text_of(client.get(url).content.decode())
    assert "You have left the waiting list" in page
    assert "You are no longer on the waiting list" in page
    assert "Yes, leave" not in page


def test_an_offer_to_someone_who_left_is_closed(client, offer):
    entry = offer.entry
    entry.ended_at, entry.end_reason = NOW, WaitlistEnd.LEFT
    entry.save()

    for response in (
        client.get(offer.get_absolute_url()),
        client.post(offer.get_absolute_url(), valid_answers()),
    ):
        assert "This offer has closed" in response.content.decode()
    assert not Booking.objects.exists()


@pytest.mark.parametrize(
    "path",
    ["/waiting-list/offer/{}/", "/waiting-list/{}/", "/waiting-list/{}/leave/"],
)
def test_a_made_up_or_altered_link_is_a_404(client, offer, path):
    altered = offer.token[:-1] + ("A" if offer.token[-1] != "A" else "B")
    for token in ("x" * 40, altered, offer.entry.token if "offer" in path else offer.token):
        assert client.get(path.format(token)).status_code == 404


def test_a_booked_offer_opened_again_shows_it_was_booked(client, offer):
    client.post(offer.get_absolute_url(), valid_answers())
    client.cookies.clear()  # another browser

    page = text_of(client.get(offer.get_absolute_url()).content.decode())

    assert "This offer has closed" in page and "was booked from this link" in page
    assert Booking.objects.get().status == BookingStatus.REQUESTED


def test_an_offer_opened_too_late_to_book_online_says_so_and_gives_the_phone_number(
    client, offer, frozen_clock
):
    frozen_clock.move_to(london(2026, 12, 2, 12))  # under a day before Thursday 10am

    response = client.get(offer.get_absolute_url())

    page = text_of(response.content.decode())
    assert response.status_code == 409
    assert "Sorry, that time is now too close to book online" in page
    assert "phone us on 020 7946 0123" in page
    assert "You're still on the waiting list" in page


def test_a_double_tap_on_book_leads_both_taps_to_the_confirmation(client, offer):
    answers = {**valid_answers(), "submission_key": "5f0c6b8e-8d1e-4f55-9a51-0b1f2a3c4d5e"}

    first = client.post(offer.get_absolute_url(), answers)
    client.cookies.clear()  # the second tap left before the first's answer arrived
    second = client.post(offer.get_absolute_url(), answers)

    assert first["Location"] == second["Location"] == reverse("bookings:confirmation")
    assert Booking.objects.count() == 1


def test_an_earlier_time_no_longer_earlier_than_the_booking_says_so_and_offers_no_move(
    client, earlier_offer, receptionist
):
    from bookings.change_services import booking_move

    booking = earlier_offer.entry.booking
    WaitlistEntry.objects.filter(pk=earlier_offer.entry_id).update(parts_of_day=["morning"])
    booking_move(booking=booking, start=london(2026, 12, 2, 14), by_user=receptionist)

    response = client.get(earlier_offer.get_absolute_url())

    page = text_of(response.content.decode())
    assert "Your appointment is now on Wednesday 2 December 2026 at 2:00pm" in page
    assert "move my appointment" not in page
    assert "still on the waiting list" in page


def test_a_double_tap_on_move_leads_both_taps_to_the_booking(client, earlier_offer):
    booking = earlier_offer.entry.booking

    first = client.post(earlier_offer.get_absolute_url())
    second = client.post(earlier_offer.get_absolute_url())

    assert first["Location"] == second["Location"] == booking.get_absolute_url()
