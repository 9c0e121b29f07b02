"""Patients cancel or move their own booking through its manage link."""

import pytest
from django.urls import reverse

from bookings.models import Booking, BookingEvent, BookingStatus
from bookings.services import booking_create
from tests.factories import (
    NOW,
    booking_booked,
    booking_row_make,
    intake_make,
    london,
    patient_make,
)

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.usefixtures("frozen_clock"),
]

MONDAY_9 = london(2026, 12, 7, 9, 0)
MONDAY_11 = london(2026, 12, 7, 11, 0)


@pytest.fixture
def booking(peel, okafor) -> Booking:
    return booking_booked(treatment=peel, start=MONDAY_9, dermatologist=okafor)


def manage_url(booking, name="bookings:manage"):
    return reverse(name, kwargs={"token": booking.manage_token})


def move(client, booking, start, dermatologist="any"):
    return client.post(
        manage_url(booking, "bookings:move_confirm"),
        {"start": start.isoformat(), "dermatologist": dermatologist},
    )


def test_the_manage_link_shows_the_booking_in_uk_time(client, booking):
    html = client.get(manage_url(booking)).content.decode()

    assert booking.reference in html
    assert "Chemical peel" in html
    assert "Monday 7 December 2026 at 9:00am (GMT, UK time)" in html
    assert "Dr Amara Okafor" in html
    assert "14 Kingsway" in html
    assert "Requested" in html
    assert "Move to another time" in html and "Cancel this appointment" in html


def test_the_token_is_long_random_and_carries_no_personal_data(booking):
    token = booking.manage_token
    assert len(token) >= 40
    assert booking.reference not in token
    assert str(booking.pk) != token
    assert "sarah" not in token.lower()


@pytest.mark.parametrize(
    "mangle",
    [lambda t: t[:-1] + ("A" if t[-1] != "A" else "B"), lambda t: t[:20], lambda t: "x" * 43],
)
def test_a_tampered_or_unknown_token_is_a_plain_404(client, booking, mangle):
    for name in ["bookings:manage", "bookings:move", "bookings:move_confirm"]:
        response = client.get(reverse(name, kwargs={"token": mangle(booking.manage_token)}))
        assert response.status_code == 404
        assert "Page not found" in response.content.decode()
    response = client.post(
        reverse("bookings:cancel", kwargs={"token": mangle(booking.manage_token)})
    )
    assert response.status_code == 404
    assert Booking.objects.get().status == BookingStatus.REQUESTED


def test_another_bookings_token_reaches_only_that_booking(client, booking, peel, okafor):
    other = booking_create(
        treatment=peel,
        start=MONDAY_11,
        dermatologist=okafor,
        patient=patient_make(name="Tom Walsh", email="tom@example.com"),
        intake=intake_make(),
    )

    html = client.get(manage_url(other)).content.decode()
    client.post(manage_url(other, "bookings:cancel"))

    assert "Tom Walsh" not in html  # no personal details on the page at all
    assert booking.reference not in html
    booking.refresh_from_db()
    assert booking.status == BookingStatus.REQUESTED
    assert Booking.objects.get(pk=other.pk).status == BookingStatus.CANCELLED


def test_the_patient_cancels_with_a_reason_and_it_is_recorded(client, booking):
    response = client.post(
        manage_url(booking, "bookings:cancel"), {"reason": "Feeling better"}, follow=True
    )

    booking.refresh_from_db()
    assert booking.status == BookingStatus.CANCELLED
    assert booking.cancelled_by == "patient"
    assert booking.cancelled_at == NOW
    assert booking.cancellation_reason == "Feeling better"
    assert booking.sequence == 1
    event = booking.events.last()
    assert (event.kind, event.by_user, event.at) == (BookingEvent.Kind.CANCELLED, None, NOW)
    html = response.content.decode()
    assert "Your appointment has been cancelled" in html
    assert "This appointment is cancelled" in html
    assert "Cancel this appointment" not in html


def test_a_cancelled_slot_can_be_booked_again(client, booking, peel, okafor):
    client.post(manage_url(booking, "bookings:cancel"))

    again = booking_create(
        treatment=peel,
        start=MONDAY_9,
        dermatologist=okafor,
        patient=patient_make(),
        intake=intake_make(),
    )
    assert again.status == BookingStatus.REQUESTED


def test_a_double_submitted_cancel_cancels_once(client, booking):
    client.post(manage_url(booking, "bookings:cancel"))
    second = client.post(manage_url(booking, "bookings:cancel"), follow=True)

    assert second.status_code == 200
    assert booking.events.filter(kind=BookingEvent.Kind.CANCELLED).count() == 1
    assert Booking.objects.get().sequence == 1


def test_a_too_long_reason_is_refused_and_kept(client, booking):
    response = client.post(manage_url(booking, "bookings:cancel"), {"reason": "x" * 301})

    assert response.status_code == 400
    assert "Keep the reason under 300 characters." in response.content.decode()
    assert Booking.objects.get().status == BookingStatus.REQUESTED


def test_after_the_cut_off_the_patient_is_asked_to_phone(client, booking, frozen_clock):
    frozen_clock.move_to(london(2026, 12, 6, 9, 30))  # 23.5 hours before

    html = client.get(manage_url(booking)).content.decode()
    assert "It is too late to change this online" in html
    assert "020 7946 0123" in html
    assert "Cancel this appointment" not in html

    response = client.post(manage_url(booking, "bookings:cancel"), follow=True)
    assert "020 7946 0123" in response.content.decode()
    assert Booking.objects.get().status == BookingStatus.REQUESTED

    response = move(client, booking, MONDAY_11)
    assert Booking.objects.get().starts_at == MONDAY_9
    assert client.get(manage_url(booking, "bookings:move")).status_code == 302


def test_just_before_the_cut_off_the_patient_can_still_cancel(client, booking, frozen_clock):
    frozen_clock.move_to(london(2026, 12, 6, 8, 59))

    client.post(manage_url(booking, "bookings:cancel"))

    assert Booking.objects.get().status == BookingStatus.CANCELLED


def test_the_move_page_offers_free_times_of_the_same_treatment(client, booking):
    html = client.get(manage_url(booking, "bookings:move"), {"week": "2026-12-07"}).content.decode()

    assert "Choose a new time" in html
    assert 'aria-label="11:00am on Monday 7 December 2026 with Dr Amara Okafor"' in html
    # Its own slot is free for itself: moving by 15 minutes into its own time works.
    assert 'aria-label="9:15am on Monday 7 December 2026 with Dr Amara Okafor"' in html


def test_the_patient_moves_a_requested_booking_and_it_stays_requested(client, booking):
    confirm = client.get(
        manage_url(booking, "bookings:move_confirm"),
        {"start": MONDAY_11.isoformat(), "dermatologist": "any"},
    )
    assert "Move your appointment?" in confirm.content.decode()
    assert Booking.objects.get().starts_at == MONDAY_9  # a GET changes nothing

    response = move(client, booking, MONDAY_11)

    booking.refresh_from_db()
    assert response.status_code == 302
    assert booking.starts_at == MONDAY_11
    assert booking.ends_at == london(2026, 12, 7, 11, 45)
    assert booking.status == BookingStatus.REQUESTED
    assert booking.sequence == 1
    event = booking.events.last()
    assert (event.kind, event.by_user, event.detail) == (
        BookingEvent.Kind.MOVED,
        None,
        "from Mon 07 Dec 2026 09:00",
    )
    assert "moved to Monday 7 December 2026 at 11:00am" in client.get(response.url).content.decode()


def test_a_confirmed_booking_that_is_moved_stays_confirmed(client, booking):
    Booking.objects.filter(pk=booking.pk).update(status=BookingStatus.CONFIRMED)

    move(client, booking, MONDAY_11)

    booking.refresh_from_db()
    assert (booking.status, booking.starts_at) == (BookingStatus.CONFIRMED, MONDAY_11)


def test_moving_into_a_taken_slot_is_refused_with_the_clear_message(client, booking, peel, okafor):
    booking_row_make(treatment=peel, dermatologist=okafor, start=MONDAY_11)

    response = move(client, booking, MONDAY_11, dermatologist=okafor.pk)

    html = response.content.decode()
    assert response.status_code == 409
    assert "Sorry, that time is no longer free. Please choose another time." in html
    assert "Your appointment has not changed." in html
    assert 'name="choose"' in html
    assert Booking.objects.get(pk=booking.pk).starts_at == MONDAY_9


def test_a_double_submitted_move_moves_once(client, booking):
    move(client, booking, MONDAY_11)
    second = move(client, booking, MONDAY_11)

    assert second.status_code == 302
    assert booking.events.filter(kind=BookingEvent.Kind.MOVED).count() == 1
    assert Booking.objects.get().sequence == 1


def test_patients_cannot_move_inside_the_minimum_notice(client, booking):
    # Wednesday 2 December 09:00 is only 25 hours away; Tuesday 14:00 is not allowed.
    response = move(client, booking, london(2026, 12, 1, 14, 0))

    assert response.status_code == 409
    assert Booking.objects.get().starts_at == MONDAY_9


@pytest.mark.parametrize("status", ["cancelled", "completed", "no_show", "arrived"])
def test_closed_states_explain_themselves_and_offer_no_actions(client, peel, okafor, status):
    booking = booking_row_make(treatment=peel, dermatologist=okafor, start=MONDAY_9, status=status)

    html = client.get(manage_url(booking)).content.decode()

    assert "Cancel this appointment" not in html
    assert "Move to another time" not in html
    assert {
        "cancelled": "This appointment is cancelled",
        "completed": "This appointment has taken place",
        "arrived": "This appointment has taken place",
        "no_show": "This appointment has passed",
    }[status] in html
    assert client.post(manage_url(booking, "bookings:cancel")).status_code == 302
    assert Booking.objects.get().status == status


def test_a_past_booking_explains_that_it_has_passed(client, booking, frozen_clock):
    frozen_clock.move_to(london(2026, 12, 8, 9, 0))

    html = client.get(manage_url(booking)).content.decode()

    assert "This appointment has passed" in html
    assert "Move to another time" not in html


def test_the_confirmation_page_links_to_the_manage_page(client, peel, okafor):
    from tests.public.test_booking_flow import valid_answers

    client.post(
        reverse("bookings:details", args=[peel.slug]),
        {"start": MONDAY_9.isoformat(), "dermatologist": "any", **valid_answers()},
    )

    html = client.get(reverse("bookings:confirmation")).content.decode()
    assert Booking.objects.get().get_absolute_url() in html


def test_moving_works_on_a_phone_sized_flow_without_javascript(client, booking):
    # Every step is a plain link or form: the move page links to the confirm page.
    html = client.get(manage_url(booking, "bookings:move"), {"week": "2026-12-07"}).content.decode()
    assert reverse("bookings:move_confirm", kwargs={"token": booking.manage_token}) in html
    assert "<script" not in html


def test_a_booking_can_move_into_time_that_overlaps_its_own(client, booking):
    quarter_past = london(2026, 12, 7, 9, 15)

    move(client, booking, quarter_past)

    booking.refresh_from_db()
    assert booking.starts_at == quarter_past


def test_during_the_appointment_it_is_under_way_and_after_its_end_it_has_passed(
    client, booking, frozen_clock
):
    frozen_clock.move_to(london(2026, 12, 7, 9, 40))  # 9:00 to 9:45am
    during = client.get(manage_url(booking)).content.decode()
    frozen_clock.move_to(london(2026, 12, 7, 9, 45))
    after = client.get(manage_url(booking)).content.decode()

    assert "This appointment is under way" in during
    assert "has passed" not in during
    assert "This appointment has passed" in after


def test_the_move_page_starts_with_the_dermatologist_they_have(client, booking, whitfield):
    html = client.get(manage_url(booking, "bookings:move")).content.decode()

    assert f'<option value="{booking.dermatologist_id}" selected>Dr Amara Okafor' in html
    assert '<option value="any">First available' in html


def test_the_move_confirm_page_says_who_first_available_gives_them(
    client, booking, peel, okafor, whitfield
):
    booking_row_make(treatment=peel, dermatologist=okafor, start=MONDAY_11)

    html = client.get(
        manage_url(booking, "bookings:move_confirm"),
        {"start": MONDAY_11.isoformat(), "dermatologist": "any"},
    ).content.decode()

    assert "Dr James Whitfield</strong> (instead of Dr Amara Okafor)" in html


def test_a_move_to_a_first_available_time_goes_to_the_dermatologist_it_named(
    client, booking, peel, okafor, whitfield
):
    # Both are free at 11; the time was shown with Dr Whitfield, so he is the one.
    url = manage_url(booking, "bookings:move_confirm")
    query = {"start": MONDAY_11.isoformat(), "dermatologist": "any", "with": whitfield.pk}

    html = client.get(url, query).content.decode()
    client.post(url, query)

    assert "Dr James Whitfield</strong> (instead of Dr Amara Okafor)" in html
    booking.refresh_from_db()
    assert (booking.starts_at, booking.dermatologist) == (MONDAY_11, whitfield)
