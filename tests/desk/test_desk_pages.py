"""The desk's own pages wear the admin's header: title, stylesheet, breadcrumbs back to the list."""

import pytest
from django.urls import reverse

from tests.desk.helpers import CHANGELIST, MONDAY_9, row

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_clock")]


@pytest.mark.parametrize(
    ("page", "title", "last_crumb"),
    [
        ("add", "Book by phone", "Book by phone"),
        ("move", "Move", "Move"),
        ("cancel", "Cancel booking", "Cancel booking"),
        ("day", "Day list", "Day list"),
    ],
)
def test_every_desk_page_has_the_admin_header(reception, peel, okafor, page, title, last_crumb):
    booking = row(peel, okafor, MONDAY_9)
    args = [booking.pk] if page in ("move", "cancel") else []

    html = reception.get(reverse(f"admin:bookings_booking_{page}", args=args)).content.decode()

    crumbs = html.split('<div class="breadcrumbs">', 1)[1].split("</div>", 1)[0]
    assert f'<a href="{CHANGELIST}">Bookings</a>' in crumbs
    assert crumbs.rstrip().endswith(last_crumb)
    assert "<title>" + title in html
    assert "css/desk.css" in html
    assert "desk-page" in html.split("<body", 1)[1].split(">", 1)[0]
