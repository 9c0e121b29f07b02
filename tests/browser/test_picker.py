"""Choosing a time on a phone: a row of days, the chosen day's times, who and what it costs."""

import os
from datetime import time, timedelta
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from bookings.models import Dermatologist
from bookings.parsing import aware_from
from bookings.services import booking_create
from tests.browser.a11y import axe_violations, press_until, suitability_answer_no_by_keyboard
from tests.browser.conftest import PHONE
from tests.factories import dermatologist_make, intake_make, patient_make

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

SCREEN_HEIGHT = PHONE["viewport"]["height"]
# Set PICKER_SHOTS to a folder to keep a picture of the times page there.
SHOTS = os.environ.get("PICKER_SHOTS", "")


@pytest.fixture
def busy_clinic(extraction):
    """Three dermatologists free every day of the week, 9 to 5: a full week of times."""
    for name in ("Dr James Whitfield", "Dr Priya Raman"):
        dermatologist_make(
            treatments=[extraction],
            name=name,
            hours={day: [(time(9), time(17))] for day in range(7)},
        )
    return extraction


def next_monday() -> str:
    today = timezone.localdate()
    return (today + timedelta(days=7 - today.weekday())).isoformat()


def test_a_full_week_of_times_fits_in_about_two_phone_screens(phone, busy_clinic):
    phone.goto(f"/book/milia-extraction/?week={next_monday()}")
    phone.wait_for_load_state()
    if SHOTS:
        phone.screenshot(path=Path(SHOTS) / "times.png", full_page=True)

    height = phone.evaluate("document.documentElement.scrollHeight")
    assert height <= 2.2 * SCREEN_HEIGHT, f"the times page is {height}px tall"


def test_a_patient_picks_a_day_and_books_with_the_keyboard_alone(
    new_context, busy_clinic, emails_by_hand
):
    page = new_context(**PHONE).new_page()
    page.goto("/book/milia-extraction/")

    later_day = page.locator(".day-row a").nth(2)
    press_until(page, later_day)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.locator('.day-row a[aria-current="date"]')).to_have_count(1)
    first_time = page.locator("a.time").first
    who = first_time.locator(".time-who").inner_text()
    press_until(page, first_time)
    with page.expect_navigation():
        page.keyboard.press("Enter")

    expect(page.get_by_role("heading", level=1)).to_have_text("Your details")
    expect(page.locator(".appointment-summary")).to_contain_text(who.split()[-1])
    for selector, text in [
        ("#id_patient_name", "Sarah Thompson"),
        ("#id_date_of_birth", "12/04/1988"),
        ("#id_email", "sarah.thompson@example.com"),
        ("#id_phone", "07700 900123"),
    ]:
        press_until(page, page.locator(selector))
        page.keyboard.type(text)
    for selector, key in [
        ("#id_areas_0", "Space"),
        ("#id_how_long_0", "ArrowDown"),
        ("#id_how_many_0", "Space"),
        ("#id_tried_home_removal_0", "ArrowDown"),
        ("#id_pregnancy_0", "Space"),
    ]:
        press_until(page, page.locator(selector))
        page.keyboard.press(key)
    suitability_answer_no_by_keyboard(page)
    press_until(page, page.locator("#id_privacy_consent"))
    page.keyboard.press("Space")
    press_until(page, page.get_by_role("button", name="Book this appointment"))
    with page.expect_navigation():
        page.keyboard.press("Enter")

    expect(page.get_by_role("heading", level=1)).to_have_text("We have your booking request")
    expect(page.locator(".booking-facts")).to_contain_text(who.split()[-1])


def test_the_changed_pages_pass_axe_on_a_phone(new_context, busy_clinic, emails_by_hand):
    page = new_context(bypass_csp=True, **PHONE).new_page()
    found = []

    page.goto("/book/milia-extraction/")
    found += axe_violations(page)
    page.locator("details.profiles summary").click()
    found += axe_violations(page)  # the dermatologists' profiles, open
    page.goto(f"/book/milia-extraction/?week={next_monday()}&dermatologist=any")
    found += axe_violations(page)
    link = page.locator("a.time").first.get_attribute("href")
    with page.expect_navigation():
        page.locator("a.time").first.click()
    found += axe_violations(page)  # the details page
    query = parse_qs(urlsplit(link).query)
    booking_create(  # someone else takes that dermatologist at that time
        treatment=busy_clinic,
        start=aware_from(query["start"][0]),
        dermatologist=Dermatologist.objects.get(pk=query["with"][0]),
        patient=patient_make(email="someone.else@example.com"),
        intake=intake_make(),
    )
    page.goto(link)
    expect(page.get_by_role("heading", level=1)).to_contain_text("is no longer free then")
    found += axe_violations(page)  # the page that asks before giving someone else

    assert not found, "\n".join(found)
