"""A patient on a phone books, presses Back, and presses Book again: still one booking."""

import re

import pytest
from playwright.sync_api import expect

from bookings.models import Booking
from tests.browser.a11y import axe_violations
from tests.browser.conftest import PHONE
from tests.browser.helpers import fill_details, follow, show_a_week_with_free_times
from tests.factories import dermatologist_make

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_back_then_book_again_on_a_phone_keeps_one_booking_and_shows_it(
    new_context, extraction, emails_by_hand
):
    # Two dermatologists free at once: "first available" could book the second.
    dermatologist_make(treatments=[extraction], name="Dr James Whitfield")
    page = new_context(bypass_csp=True, **PHONE).new_page()  # axe is injected as a script

    page.goto(f"/book/{extraction.slug}/")
    show_a_week_with_free_times(page)
    follow(page.locator("a.time").first, tap=True)
    details_url = page.url
    fill_details(page)
    follow(page.get_by_role("button", name="Book this appointment"), tap=True)
    expect(page.get_by_role("heading", level=1)).to_have_text("We have your booking request")
    booking = Booking.objects.get()

    # Back to the form of the time just booked (with the dermatologist it was shown
    # with, now taken by this booking): the booking, not a second form to send.
    page.go_back()
    expect(page.get_by_role("heading", level=1)).to_have_text("We have your booking request")
    expect(page.locator("main")).to_contain_text("You have booked this time")
    expect(page.locator(".reference")).to_contain_text(booking.reference)

    # Book again from the form as the browser kept it: the same booking, shown again.
    first_available = details_url.replace("&with=", "&was_with=")  # still a form to send
    page.goto(first_available)
    expect(page.get_by_role("heading", level=1)).to_have_text("Your details")
    fill_details(page)
    follow(page.get_by_role("button", name="Book this appointment"), tap=True)
    expect(page.get_by_role("heading", level=1)).to_have_text("We have your booking request")
    expect(page.locator(".reference")).to_contain_text(booking.reference)
    assert Booking.objects.count() == 1

    # Someone else, on another phone, with the same details: told only that it exists.
    other = new_context(bypass_csp=True, **PHONE).new_page()
    other.goto(first_available)
    fill_details(other)
    follow(other.get_by_role("button", name="Book this appointment"), tap=True)
    expect(other.get_by_role("heading", level=1)).to_have_text(
        "A booking already exists at that time"
    )
    expect(other.locator("main")).not_to_contain_text(booking.reference)
    expect(other.locator("main")).not_to_contain_text(re.compile("Okafor|Whitfield"))
    assert Booking.objects.count() == 1
    assert axe_violations(other) == []
