"""A patient on a phone: from the milia guide to a booking, then moving and cancelling it."""

import re

import pytest
from playwright.sync_api import expect

from bookings.models import Booking, BookingStatus, EmailKind, OutboxEmail
from tests.browser.helpers import (
    fill_details,
    follow,
    manage_link_in,
    outbox_deliver_all,
    show_a_week_with_free_times,
)

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_a_patient_reads_the_guide_books_on_a_phone_then_moves_and_cancels(
    phone, extraction, emails_by_hand
):
    page = phone
    page.goto("/milia/")
    expect(page.get_by_role("heading", level=1)).to_have_text("A guide to milia")
    follow(page.get_by_role("link", name="Milia extraction", exact=True), tap=True)
    expect(page).to_have_url(re.compile("/milia/treatments/extraction/$"))
    follow(
        page.locator(".clinic-service").get_by_role("link", name="Book a consultation"), tap=True
    )

    expect(page.get_by_role("heading", level=1)).to_have_text("Choose a time for milia extraction")
    show_a_week_with_free_times(page)
    first_time = page.locator("a.time").first
    chosen = first_time.get_attribute("aria-label")  # e.g. "9:00am on Monday 7 December 2026"
    follow(first_time, tap=True)

    expect(page.get_by_role("heading", level=1)).to_have_text("Your details")
    when = page.locator(".appointment-summary")
    expect(when).to_contain_text(chosen.split(" on ")[1])
    fill_details(page)
    follow(page.get_by_role("button", name="Book this appointment"), tap=True)

    expect(page.get_by_role("heading", level=1)).to_have_text("We have your booking request")
    booking = Booking.objects.get()
    expect(page.locator(".reference")).to_contain_text(booking.reference)
    expect(page.get_by_text("s…@example.com")).to_be_visible()

    sent = outbox_deliver_all()
    (received,) = [m for m in sent if m.to == ["sarah.thompson@example.com"]]
    assert booking.reference in received.body
    page.goto(manage_link_in(received))

    expect(page.get_by_role("heading", level=1)).to_have_text("Your appointment")
    expect(page.locator(".reference-line")).to_contain_text("Requested")
    follow(page.get_by_role("link", name="Move to another time"), tap=True)
    expect(page.get_by_role("heading", level=1)).to_have_text("Choose a new time")
    follow(page.get_by_role("link", name="Later days"), tap=True)
    new_time = page.locator("a.time").nth(2)
    new_label = new_time.get_attribute("aria-label")
    follow(new_time, tap=True)
    expect(page.get_by_role("heading", level=1)).to_have_text("Move your appointment?")
    follow(page.get_by_role("button", name="Yes, move my appointment"), tap=True)

    # The move page starts with the dermatologist they have, so the label names them.
    assert new_label.endswith(" with Dr Amara Okafor")
    new_day = new_label.split(" on ")[1].removesuffix(" with Dr Amara Okafor")
    expect(page.get_by_role("status")).to_contain_text(f"moved to {new_day}")
    booking.refresh_from_db()
    assert booking.status == BookingStatus.REQUESTED
    assert booking.sequence == 1

    follow(page.get_by_role("link", name="Cancel this appointment"), tap=True)
    expect(page.get_by_role("heading", level=1)).to_have_text("Cancel your appointment?")
    assert Booking.objects.get().status == BookingStatus.REQUESTED  # nothing yet
    page.get_by_label("Why are you cancelling? (optional)").fill("Feeling better")
    follow(page.get_by_role("button", name="Yes, cancel it"), tap=True)

    expect(page.get_by_role("heading", name="This appointment is cancelled")).to_be_visible()
    booking.refresh_from_db()
    assert (booking.status, booking.cancellation_reason) == (
        BookingStatus.CANCELLED,
        "Feeling better",
    )
    assert set(OutboxEmail.objects.values_list("kind", flat=True)) >= {
        EmailKind.REQUESTED,
        EmailKind.MOVED,
        EmailKind.CANCELLED,
    }
