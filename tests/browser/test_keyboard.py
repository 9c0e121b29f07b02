"""Booking with the keyboard alone, seeing where the focus is at every step."""

import pytest
from playwright.sync_api import expect

from bookings.models import Booking, BookingStatus
from tests.browser.a11y import (
    focus_problem,
    focus_problems_tabbing_through,
    press_until,
    suitability_answer_no_by_keyboard,
)
from tests.browser.helpers import key_pages

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def enter_to_go(page) -> None:
    """Presses Enter on a link or button and waits for the page it leads to."""
    with page.expect_navigation():
        page.keyboard.press("Enter")


def type_into(page, selector: str, text: str) -> None:
    press_until(page, page.locator(selector))
    page.keyboard.type(text)


def test_a_patient_books_with_the_keyboard_alone(page, extraction, emails_by_hand):
    page.goto("/book/")

    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to main content"
    assert focus_problem(page) is None
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    press_until(page, page.get_by_role("link", name="Milia extraction", exact=True))
    enter_to_go(page)

    expect(page.get_by_role("heading", level=1)).to_have_text("Choose a time for milia extraction")
    if page.locator("a.time").count() == 0:  # late in the week: every time is too soon
        press_until(page, page.get_by_role("link", name="Later days"))
        enter_to_go(page)
        expect(page.locator("a.time").first).to_be_visible()
    press_until(page, page.locator("a.time").first)
    chosen = page.evaluate("document.activeElement.getAttribute('aria-label')")
    enter_to_go(page)

    expect(page.get_by_role("heading", level=1)).to_have_text("Your details")
    type_into(page, "#id_patient_name", "Sarah Thompson")
    type_into(page, "#id_date_of_birth", "12/04/1988")
    type_into(page, "#id_email", "sarah.thompson@example")
    type_into(page, "#id_phone", "07700 900123")
    press_until(page, page.locator("#id_email"), key="Shift+Tab")  # back to finish the address
    page.keyboard.press("End")
    page.keyboard.type(".com")
    press_until(page, page.locator("#id_areas_0"))  # around the eyes
    page.keyboard.press("Space")
    press_until(page, page.locator("#id_areas_1"))  # cheeks
    page.keyboard.press("Space")
    press_until(page, page.locator("#id_how_long_0"))
    page.keyboard.press("ArrowDown")  # moves to "1 to 6 months" and chooses it
    press_until(page, page.locator("#id_how_many_0"))
    page.keyboard.press("Space")
    press_until(page, page.locator("#id_tried_home_removal_0"))
    page.keyboard.press("ArrowDown")  # "No"
    press_until(page, page.locator("#id_pregnancy_0"))
    page.keyboard.press("Space")  # "No"
    suitability_answer_no_by_keyboard(page)
    type_into(page, "#id_note", "Mostly under my left eye.")
    press_until(page, page.locator("#id_privacy_consent"))
    page.keyboard.press("Space")
    press_until(page, page.get_by_role("button", name="Book this appointment"))
    enter_to_go(page)

    expect(page.get_by_role("heading", level=1)).to_have_text("We have your booking request")
    booking = Booking.objects.get()
    assert booking.status == BookingStatus.REQUESTED
    assert booking.areas == ["eyes", "cheeks"]
    assert (booking.how_long, booking.how_many) == ("1_to_6_months", "1_to_5")
    assert (booking.tried_home_removal, booking.pregnancy) == (False, "no")
    assert booking.patient_note == "Mostly under my left eye."
    assert booking.email == "sarah.thompson@example.com"
    expect(page.locator(".booking-facts")).to_contain_text(chosen.split(" on ")[1])
    # And on to manage it, still by keyboard.
    press_until(page, page.get_by_role("link", name="Manage your appointment"))
    enter_to_go(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Your appointment")


def test_every_stop_on_the_key_pages_shows_where_the_focus_is(page, extraction, emails_by_hand):
    found = []
    for _ in key_pages(page):
        found += focus_problems_tabbing_through(page)

    assert not found, "\n".join(found)
