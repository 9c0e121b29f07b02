"""The guide's new and changed pages, and the suitability questions, in a real browser.

axe-core's WCAG 2.2 A and AA rules on a phone and a desktop; each page is also
saved to test-artifacts/ so a person can look at it.
"""

from datetime import time

import pytest

from tests.browser.a11y import axe_violations
from tests.browser.conftest import ARTIFACTS, DESKTOP, PHONE
from tests.browser.helpers import fill_details, follow, show_a_week_with_free_times
from tests.factories import dermatologist_make, treatment_make

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

SCREENS = pytest.mark.parametrize("screen", [PHONE, DESKTOP], ids=["phone", "desktop"])
CHANGED_PAGES = [
    "/milia/is-it-milia/",
    "/milia/treatments/",
    "/milia/treatments/cryotherapy/",
    "/milia/about-this-guide/",
    "/milia/sources/",
    "/milia/what-are-milia/",
]


@pytest.fixture
def laser():
    treatment = treatment_make(
        name="Laser treatment", slug="laser-treatment", duration_minutes=30, price="250"
    )
    dermatologist_make(
        treatments=[treatment],
        name="Dr Amara Okafor",
        hours={day: [(time(9), time(17))] for day in range(7)},
    )
    return treatment


def _shot(page, name: str, screen: dict) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    width = screen["viewport"]["width"]
    page.screenshot(path=ARTIFACTS / f"guide-{name}-{width}.png", full_page=True)


@SCREENS
def test_the_new_and_changed_guide_pages_pass_axe(new_context, laser, screen):
    page = new_context(bypass_csp=True, **screen).new_page()
    found = []

    for url in CHANGED_PAGES:
        assert page.goto(url).status == 200, url
        found += axe_violations(page)
        _shot(page, url.strip("/").replace("/", "-"), screen)
    # The drawings load, and the tables scroll inside their own region on a phone.
    page.goto("/milia/is-it-milia/")
    assert page.locator("img").evaluate_all("imgs => imgs.map(i => i.naturalWidth > 0)") == [
        True,
        True,
    ]
    body_width = page.evaluate("document.documentElement.scrollWidth")
    assert body_width <= screen["viewport"]["width"]

    assert not found, "\n".join(found)


@SCREENS
def test_the_suitability_questions_and_their_message_pass_axe(
    new_context, laser, emails_by_hand, screen
):
    page = new_context(bypass_csp=True, **screen).new_page()
    found = []

    page.goto("/book/laser-treatment/")
    show_a_week_with_free_times(page)
    follow(page.locator("a.time").first)
    questions = page.locator("#suitability-questions")
    assert questions.is_visible()
    found += axe_violations(page)
    _shot(page, "details-laser", screen)
    fill_details(page)
    for legend in ["isotretinoin", "cold sores", "thins your blood", "sunbed or fake tan"]:
        group = page.get_by_role("group", name=legend)
        group.get_by_label("No", exact=True).check()
    page.get_by_role("group", name="Do you get cold sores?").get_by_label("Yes").check()
    page.get_by_label("Brown: rarely burns, tans easily").check()
    follow(page.get_by_role("button", name="Book this appointment"))

    assert page.get_by_role("heading", name="We will talk about your answers").is_visible()
    assert page.get_by_text("Some of your answers need attention sooner").count() == 0
    found += axe_violations(page)
    _shot(page, "confirmation-suitability", screen)

    assert not found, "\n".join(found)
