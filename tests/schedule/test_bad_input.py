"""Nonsense in a dermatologist's pages, booking addresses and calendar feed: never a 500."""

from urllib.parse import quote

import pytest
from django.contrib.auth.models import Group
from hypothesis import example, given
from hypothesis import strategies as st

from tests.conftest import login_with_second_factor
from tests.factories import booking_row_make, dermatologist_make, london
from tests.public.test_bad_input import FEW, anything

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.usefixtures("frozen_clock"),
]


@pytest.fixture
def okafor(peel):
    dermatologist = dermatologist_make(treatments=[peel], name="Dr Amara Okafor")
    dermatologist.user.groups.add(Group.objects.get(name="Dermatologists"))
    booking_row_make(treatment=peel, dermatologist=dermatologist, start=london(2026, 12, 7, 9))
    return dermatologist


@pytest.fixture
def signed_in(client, okafor):
    return login_with_second_factor(client, okafor.user)


@FEW
@given(
    page=st.sampled_from(["/staff/schedule/", "/staff/schedule/week/"]),
    name=st.sampled_from(["day", "week", "next", "\x00"]),
    value=anything,
)
@example(page="/staff/schedule/", name="day", value="\x00")
@example(page="/staff/schedule/week/", name="week", value="9" * 400)
def test_any_day_or_week_on_the_schedule_gets_a_page(signed_in, page, name, value):
    assert signed_in.get(page, {name: value}).status_code == 200


ADDRESSES = [
    "/staff/schedule/booking/{}/",
    "/staff/calendar/{}.ics",
    "/staff/calendar/{}",
    "/staff/schedule/{}/",
    "/staff/{}/",
]


@FEW
@given(part=anything)
@example(part="AB\x00CD")
@example(part="x" * 5000)
def test_any_text_in_any_part_of_a_schedule_address_is_a_page_or_a_404(signed_in, part):
    for template in ADDRESSES:
        url = template.format(quote(part, safe=""))

        assert signed_in.get(url).status_code in (200, 301, 302, 404, 405), url


@FEW
@given(field=st.sampled_from(["confirm", "next", "\x00"]), value=anything)
def test_any_form_field_on_the_calendar_reset_gets_an_answer(signed_in, field, value):
    response = signed_in.post("/staff/calendar/reset/", {field: value})

    assert response.status_code in (200, 302)
