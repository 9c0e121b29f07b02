"""The calendar feed's webcal:// link, its copy button and instructions; the staff footer."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from tests.conftest import login_with_second_factor
from tests.factories import dermatologist_make

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_clock")]


@pytest.fixture
def signed_in(client, peel):
    okafor = dermatologist_make(treatments=[peel], name="Dr Amara Okafor")
    okafor.user.groups.add(Group.objects.get(name="Dermatologists"))
    login_with_second_factor(client, okafor.user)
    client.okafor = okafor
    return client


def test_the_feed_is_offered_as_a_webcal_link_with_a_copy_button_and_instructions(signed_in):
    token = signed_in.okafor.calendar_token

    html = signed_in.get(reverse("staff:schedule")).content.decode()

    assert f'value="webcal://testserver/staff/calendar/{token}.ics"' in html
    assert f'href="webcal://testserver/staff/calendar/{token}.ics"' in html
    assert 'class="btn btn-outline-primary copy-button" data-copy="feed-url" hidden>Copy' in html
    for words in [
        "<strong>Outlook</strong>",
        "<strong>Google Calendar</strong>",
        "<strong>Apple Calendar</strong>",
    ]:
        assert words in html
    assert f"http://testserver/staff/calendar/{token}.ics" in html  # for Google, if it asks


def test_the_webcal_address_opens_the_same_feed(signed_in):
    token = signed_in.okafor.calendar_token

    response = signed_in.get(f"/staff/calendar/{token}.ics")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")


def test_the_staff_footer_has_staff_links_not_the_patients_change_or_cancel(signed_in):
    html = signed_in.get(reverse("staff:schedule")).content.decode()
    footer = html[html.index('<footer class="site-footer">') :]

    assert "Change or cancel a booking" not in footer
    assert 'href="/staff/schedule/">Your schedule</a>' in footer
    assert 'href="/staff/aftercare/">Aftercare waiting for approval</a>' in footer


def test_the_sign_in_page_footer_has_no_patient_links_either(client):
    html = client.get(reverse("staff:login")).content.decode()
    footer = html[html.index('<footer class="site-footer">') :]

    assert "Change or cancel a booking" not in footer
    assert "Staff sign-in" in footer


def test_patients_pages_keep_their_change_or_cancel_link(client):
    html = client.get("/").content.decode()

    assert "Change or cancel a booking" in html[html.index('<footer class="site-footer">') :]
