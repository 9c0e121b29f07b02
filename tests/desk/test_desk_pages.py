"""The desk's own pages wear the admin's header: title, stylesheet, breadcrumbs back to the list."""

import pytest
from django.urls import reverse

from clinic.web.admin_site import ClinicAdminSite
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


def test_the_list_of_models_is_built_only_for_the_pages_that_show_it(
    reception, peel, okafor, monkeypatch
):
    # With the nav sidebar off, only the index and an app's page show it; building
    # it checks every model's permissions, a millisecond of every desk page.
    built = []
    original = ClinicAdminSite._build_app_dict
    monkeypatch.setattr(
        ClinicAdminSite,
        "_build_app_dict",
        lambda site, *args, **kwargs: built.append(1) or original(site, *args, **kwargs),
    )
    row(peel, okafor, MONDAY_9)

    for page in ("diary", "changelist", "day"):
        assert reception.get(reverse(f"admin:bookings_booking_{page}")).status_code == 200
    assert built == []

    index = reception.get(reverse("admin:index")).content.decode()
    assert built
    assert reverse("admin:bookings_patient_changelist") in index
