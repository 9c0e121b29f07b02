"""Reception at a 1366x768 screen: today's diary, and a phone booking into one of its gaps."""

import io

import pytest
import time_machine
from django.core.management import call_command
from playwright.sync_api import expect

from bookings.models import Booking
from tests.browser.a11y import axe_violations, focus_problems_tabbing_through, press_until
from tests.factories import london

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

RECEPTION_SCREEN = {"viewport": {"width": 1366, "height": 768}, "bypass_csp": True}  # for axe


def enter_to_go(page) -> None:
    with page.expect_navigation():
        page.keyboard.press("Enter")


def type_into(page, selector: str, text: str) -> None:
    press_until(page, page.locator(selector))
    page.keyboard.type(text)


def space_on(page, selector: str) -> None:
    press_until(page, page.locator(selector))
    page.keyboard.press("Space")


@pytest.fixture
def tuesday_morning():
    """A Tuesday at 9:30am, with the clock running: Dr Okafor's day has gaps ahead."""
    with time_machine.travel(london(2026, 12, 1, 9, 30), tick=True):
        yield


def test_reception_books_into_a_gap_with_the_keyboard_and_sees_the_new_block(
    new_context, tuesday_morning, emails_by_hand
):
    call_command("demo_data", "--i-know-this-is-not-production", stdout=io.StringIO())
    page = new_context(**RECEPTION_SCREEN).new_page()
    page.goto("/admin/")
    page.get_by_label("Username").fill("reception")
    page.get_by_label("Password").fill("kingsway-reception-demo")
    page.get_by_label("Code from your authenticator app or a recovery code").fill("100001")
    with page.expect_navigation():
        page.get_by_role("button", name="Log in").click()

    # The first page is today.
    expect(page.get_by_role("heading", name="Today, Tuesday 1 December 2026")).to_be_visible()
    okafor = page.get_by_role("region", name="Diary for Tuesday 1 December 2026").locator(
        "section", has=page.get_by_role("heading", name="Dr Amara Okafor")
    )
    gap = okafor.get_by_role("link", name="Book here").first
    expect(gap).to_be_visible()
    gap_text = gap.inner_text()
    press_until(page, gap, limit=200)
    enter_to_go(page)

    expect(page.get_by_role("heading", name="Book by phone")).to_be_visible()
    expect(page.locator("#id_dermatologist option:checked")).to_have_text("Dr Amara Okafor")
    expect(page.locator("#id_day")).to_have_value("2026-12-01")
    typed = page.locator("#id_typed_time").input_value()
    assert typed and gap_text.startswith("Book here")
    press_until(page, page.locator("#id_treatment"))
    page.keyboard.type("Milia extraction")
    type_into(page, "#id_patient_name", "Olumide Bakare")
    type_into(page, "#id_date_of_birth", "14/02/1990")
    type_into(page, "#id_email", "olumide@example.com")
    type_into(page, "#id_phone", "07700 900777")
    space_on(page, "#id_areas_0")
    space_on(page, "#id_how_long_0")
    space_on(page, "#id_how_many_0")
    press_until(page, page.locator("#id_tried_home_removal_0"))
    page.keyboard.press("ArrowDown")  # "No"
    space_on(page, "#id_pregnancy_0")
    space_on(page, "#id_consent_by_phone")
    press_until(page, page.get_by_role("button", name="Book this appointment"))
    enter_to_go(page)

    booking = Booking.objects.get(patient_name="Olumide Bakare")
    assert booking.dermatologist.name == "Dr Amara Okafor"
    assert f"{booking.local_start:%H:%M}" == typed
    block = page.locator(f"#booking-{booking.pk}")
    expect(block).to_be_visible()
    expect(block).to_contain_text("Olumide Bakare")
    expect(page.locator(".messagelist")).to_contain_text("Booked")
    assert axe_violations(page) == []


def test_todays_page_and_the_diary_pass_axe_and_show_the_focus(
    new_context, tuesday_morning, emails_by_hand
):
    call_command("demo_data", "--i-know-this-is-not-production", stdout=io.StringIO())
    page = new_context(viewport={"width": 1366, "height": 768}, bypass_csp=True).new_page()
    page.goto("/admin/")
    page.get_by_label("Username").fill("reception")
    page.get_by_label("Password").fill("kingsway-reception-demo")
    page.get_by_label("Code from your authenticator app or a recovery code").fill("100002")
    with page.expect_navigation():
        page.get_by_role("button", name="Log in").click()

    problems = axe_violations(page)
    page.goto("/admin/bookings/booking/diary/?day=2026-12-01")
    problems += axe_violations(page)
    problems += focus_problems_tabbing_through(page)

    assert problems == []


@pytest.mark.parametrize("screen", [(768, 1024), (1024, 768)], ids=["portrait", "landscape"])
def test_the_diary_is_readable_on_a_tablet(new_context, tuesday_morning, emails_by_hand, screen):
    call_command("demo_data", "--i-know-this-is-not-production", stdout=io.StringIO())
    width, height = screen
    page = new_context(
        viewport={"width": width, "height": height}, has_touch=True, bypass_csp=True
    ).new_page()
    page.goto("/admin/")
    page.get_by_label("Username").fill("reception")
    page.get_by_label("Password").fill("kingsway-reception-demo")
    page.get_by_label("Code from your authenticator app or a recovery code").fill("100003")
    with page.expect_navigation():
        page.get_by_role("button", name="Log in").click()
    page.goto("/admin/bookings/booking/diary/?day=2026-12-01")
    page.screenshot(path=f"test-artifacts/diary-tablet-{width}x{height}.png", full_page=True)

    # The page itself never scrolls sideways; only the diary's own columns may.
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    okafor = page.get_by_role("region", name="Diary for Tuesday 1 December 2026").locator(
        "section", has=page.get_by_role("heading", name="Dr Amara Okafor")
    )
    # Each column is a grid's children (the section itself has no box): measure its heading.
    column = okafor.get_by_role("heading", name="Dr Amara Okafor").bounding_box()
    assert column["width"] >= 160, "a column too narrow to read a patient's name"
    block = okafor.locator("a[id^=booking-]").first
    box = block.bounding_box()
    assert box["height"] >= 24 and box["width"] >= 120
    # What a block says is not cut off: its text fits inside it.
    assert block.evaluate("el => el.scrollWidth <= el.clientWidth + 1")
    assert axe_violations(page) == []
