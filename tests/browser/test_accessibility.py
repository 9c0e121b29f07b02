"""Every public page passes axe-core's WCAG 2.2 A and AA rules, on a phone and a desktop."""

import pytest

from bookings.models import Booking
from education.models import Page
from tests.browser.a11y import axe_violations
from tests.browser.conftest import DESKTOP, PHONE
from tests.browser.helpers import fill_details, follow, show_a_week_with_free_times
from tests.factories import booking_row_make, treatment_make

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

SCREENS = pytest.mark.parametrize("screen", [PHONE, DESKTOP], ids=["phone", "desktop"])


def checked(page, found: list[str]) -> None:
    found += axe_violations(page)


@SCREENS
def test_the_site_and_every_guide_page_pass_axe(new_context, extraction, screen):
    page = new_context(bypass_csp=True, **screen).new_page()  # axe is injected as a script
    guide = [p.get_absolute_url() for p in Page.objects.all()]
    assert len(guide) >= 10  # the hub, pages, treatments, questions and sources

    found = []
    for url in ["/", "/privacy/", *guide]:
        assert page.goto(url).status == 200, url
        checked(page, found)
    assert page.goto("/no-such-page/").status == 404
    checked(page, found)

    assert not found, "\n".join(found)


@SCREENS
def test_every_booking_and_manage_page_passes_axe(
    new_context, extraction, settings, emails_by_hand, screen
):
    page = new_context(bypass_csp=True, **screen).new_page()
    found = []

    page.goto("/book/")
    checked(page, found)
    follow(page.get_by_role("link", name="Milia extraction", exact=True))
    show_a_week_with_free_times(page)
    checked(page, found)  # the slot page
    follow(page.locator("a.time").first)
    checked(page, found)  # the details page
    follow(page.get_by_role("button", name="Book this appointment"))
    assert page.get_by_text("There is a problem").is_visible()
    checked(page, found)  # the details page with a message for each mistake
    fill_details(page)
    # A warning sign, so the confirmation page shows its 999, 111 and GP boxes too.
    page.get_by_label("Redness, swelling, pain or pus after trying to remove them").check()
    follow(page.get_by_role("button", name="Book this appointment"))
    assert page.get_by_role("heading", name="We have your booking request").is_visible()
    assert page.locator(".care-box-heading").all_text_contents() == [
        "Emergency: Call 999 or go to A&E now if",
        "Urgent: Call 111 now if",
        "Not urgent: See a GP if",
    ]
    checked(page, found)  # the confirmation page

    follow(page.get_by_role("link", name="Manage your appointment"))
    checked(page, found)  # the manage page
    follow(page.get_by_role("link", name="Move to another time"))
    checked(page, found)  # the move page
    follow(page.get_by_role("link", name="Later days"))
    follow(page.locator("a.time").nth(3))
    checked(page, found)  # the page that asks to confirm the move
    follow(page.get_by_role("button", name="Yes, move my appointment"))
    follow(page.get_by_role("link", name="Cancel this appointment"))
    checked(page, found)  # the page that asks to confirm the cancellation
    follow(page.get_by_role("button", name="Yes, cancel it"))
    assert page.get_by_role("heading", name="This appointment is cancelled").is_visible()
    checked(page, found)  # a cancelled appointment

    # Someone else takes the time while the patient is typing.
    page.goto("/book/milia-extraction/")
    show_a_week_with_free_times(page)
    follow(page.locator("a.time").nth(1))
    booking = Booking.objects.get()
    booking_row_make(
        treatment=extraction,
        dermatologist=booking.dermatologist,
        start=_start_on(page),
    )
    fill_details(page)
    follow(page.get_by_role("button", name="Book this appointment"))
    assert page.get_by_text("Sorry, that time is no longer free").is_visible()
    checked(page, found)  # the slot-taken page with the nearest free times

    settings.RATE_LIMIT_LOST_LINK_PER_HOUR = 2
    page.goto("/manage/")
    checked(page, found)  # lost your link?
    page.get_by_label("Email address you booked with").fill("not an email")
    follow(page.get_by_role("button", name="Send my links"))
    checked(page, found)  # lost your link, with a mistake
    page.get_by_label("Email address you booked with").fill("sarah.thompson@example.com")
    follow(page.get_by_role("button", name="Send my links"))
    assert page.get_by_role("heading", name="Check your email").is_visible()
    checked(page, found)  # the links are on their way
    page.goto("/manage/")
    page.get_by_label("Email address you booked with").fill("sarah.thompson@example.com")
    follow(page.get_by_role("button", name="Send my links"))
    assert page.get_by_role("heading", name="Please wait a little").is_visible()
    checked(page, found)  # too many requests
    page.goto("/manage/")
    page.context.clear_cookies()  # as if cookies were blocked, or the page left open for days
    follow(page.get_by_role("button", name="Send my links"))
    assert page.get_by_role("heading", name="Please try that again").is_visible()
    checked(page, found)  # a form refused for its missing CSRF cookie

    treatment_make(name="Laser treatment", slug="laser-treatment")  # nobody offers it yet
    page.goto("/book/laser-treatment/")
    assert page.get_by_text("No free times on this day").is_visible()
    checked(page, found)  # days without free times

    assert not found, "\n".join(found)


def _start_on(page):
    """The appointment time of the details page the browser shows."""
    from bookings.parsing import aware_from

    return aware_from(page.locator("input[name=start]").get_attribute("value"))
