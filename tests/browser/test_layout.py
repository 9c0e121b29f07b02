"""Poor sight: the pages reflow at 320 pixels and at 200 % zoom, and every target is big enough.

200 % zoom is emulated as the browser does it: a 1280x900 window at 200 %
lays the page out in a 640x450 CSS-pixel viewport, drawn with two device
pixels per CSS pixel (device_scale_factor 2), so media queries see 640.
"""

import pytest

from tests.browser.a11y import sideways_scroll, small_targets
from tests.browser.conftest import PHONE
from tests.browser.helpers import key_pages

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

NARROW = {"viewport": {"width": 320, "height": 640}, "is_mobile": True, "has_touch": True}
ZOOM_200 = {"viewport": {"width": 640, "height": 450}, "device_scale_factor": 2}


@pytest.mark.parametrize("screen", [NARROW, ZOOM_200], ids=["320-wide", "200-percent-zoom"])
def test_the_key_pages_reflow_without_sideways_scrolling(
    new_context, extraction, emails_by_hand, screen
):
    page = new_context(**screen).new_page()
    found = []
    visited = 0
    for _ in key_pages(page):
        visited += 1
        if problem := sideways_scroll(page):
            found.append(problem)

    assert visited == 15
    assert not found, "\n".join(found)


@pytest.mark.parametrize("screen", [PHONE, NARROW], ids=["phone", "320-wide"])
def test_every_link_button_and_field_is_at_least_24_pixels_each_way(
    new_context, extraction, emails_by_hand, screen
):
    page = new_context(**screen).new_page()
    found = []
    for _ in key_pages(page):
        found += small_targets(page)

    assert not found, "\n".join(found)
