"""Nonsense in the desk's addresses, list filters and forms: never a 500."""

from urllib.parse import quote

import pytest
from django.contrib import admin
from django.urls import reverse
from hypothesis import example, given, settings
from hypothesis import strategies as st

from bookings.models import Booking
from tests.desk.helpers import CHANGELIST, MONDAY_9, row
from tests.desk.test_phone_booking import phone_answers
from tests.public.test_bad_input import FEW, anything

# For the tests that try each value on many addresses.
FEWER = settings(FEW, max_examples=5)

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.usefixtures("frozen_clock"),
]


@pytest.mark.parametrize("action", ["move", "cancel", "status"])
@pytest.mark.parametrize("object_id", ["abc", "1%00", "%00", "9" * 300])
def test_a_booking_step_for_an_id_no_booking_could_have_is_not_a_crash(
    reception, action, object_id
):
    url = f"{CHANGELIST}{object_id}/{action}/"

    for response in [reception.get(url), reception.post(url, {"do": "arrived"})]:
        # Django's admin sends an unknown booking back to the desk with a message.
        assert response.status_code in (302, 404, 405), url


def test_a_booking_step_for_a_real_id_still_opens(reception, peel, okafor):
    booking = row(peel, okafor, MONDAY_9)

    assert reception.get(f"{CHANGELIST}{booking.pk}/move/").status_code == 200
    assert reverse("admin:bookings_booking_move", args=[booking.pk]).endswith(
        f"/{booking.pk}/move/"
    )


@pytest.mark.parametrize(
    "query",
    [
        {"status": "\x00"},
        {"status__exact": "\x00"},
        {"status__gte": "ok\x00"},
        {"treatment__id__exact": "\x00"},
        {"needs_attention__exact": "\x00"},
        {"day": "\x00"},
        {"q": "\x00"},
        {"starts_at__year": "\x00"},
        {"starts_at__year": "9" * 30},
        {"starts_at__year": "2026", "starts_at__month": "9" * 30},
    ],
)
def test_a_list_filter_no_booking_could_match_is_ignored(reception, peel, okafor, query):
    booking = row(peel, okafor, MONDAY_9)

    response = reception.get(CHANGELIST, query, follow=True)

    assert response.status_code == 200
    assert booking.reference in response.content.decode()


# Fuzzing: every list's filters, the desk's own pages and forms


def list_parameters(model_admin) -> list[str]:
    """Every query parameter a changelist reads: its filters, search, order, page and dates."""
    names = ["q", "o", "p", "e", "all", "_to_field", "_changelist_filters"]
    for item in model_admin.list_filter:
        if isinstance(item, str):
            names += [item, f"{item}__exact", f"{item}__id__exact", f"{item}__isnull"]
            names += [f"{item}__gte", f"{item}__lt", f"{item}__in"]
        else:
            names.append(item.parameter_name)
    if model_admin.date_hierarchy:
        names += [f"{model_admin.date_hierarchy}__{part}" for part in ("year", "month", "day")]
    return names


ADMIN_LISTS = [
    (f"/admin/{model._meta.app_label}/{model._meta.model_name}/", name)
    for model, model_admin in admin.site._registry.items()
    for name in list_parameters(model_admin)
]
BOOKING_LIST_PARAMETERS = list_parameters(admin.site._registry[Booking])


@FEWER
@given(value=anything)
@example(value="\x00")
@example(value="x" * 5000)
def test_any_value_of_any_booking_list_filter_gets_the_list(reception, peel, okafor, value):
    for name in BOOKING_LIST_PARAMETERS:
        response = reception.get(CHANGELIST, {name: value})

        # The list, back to it with ?e=1, or a lookup the admin refuses with a 400.
        assert response.status_code in (200, 302, 400), name


@FEW
@given(where=st.sampled_from(ADMIN_LISTS), value=anything)
def test_any_value_of_any_admins_list_parameter_gets_an_answer(admin_client, where, value):
    url, name = where

    response = admin_client.get(url, {name: value})

    assert response.status_code in (200, 302, 400), where


DESK_ADDRESSES = [
    CHANGELIST + "{}/move/",
    CHANGELIST + "{}/cancel/",
    CHANGELIST + "{}/status/",
    CHANGELIST + "{}/change/",
    CHANGELIST + "{}/history/",
    CHANGELIST + "{}/",
    "/admin/bookings/{}/",
    "/admin/{}/",
]


@FEWER
@given(part=anything)
@example(part="1\x00")
@example(part="9" * 300)
def test_any_text_in_any_part_of_a_desk_address_gets_an_answer(reception, part):
    for template in DESK_ADDRESSES:
        url = template.format(quote(part, safe=""))
        for response in [reception.get(url), reception.post(url, {"do": "arrived"})]:
            assert response.status_code in (200, 301, 302, 400, 403, 404, 405), url


@FEW
@given(page=st.sampled_from(["day/", "day.csv"]), value=anything)
@example(page="day/", value="\x00")
def test_any_day_on_the_day_list_gets_a_page(reception, page, value):
    response = reception.get(CHANGELIST + page, {"day": value}, follow=True)

    assert response.status_code == 200


@FEW
@given(
    step=st.sampled_from(["move", "cancel", "status"]),
    field=st.sampled_from(["day", "dermatologist", "slot", "typed_time", "choose", "reason", "do"]),
    value=anything,
)
def test_any_value_in_a_booking_steps_form_gets_an_answer(
    reception, peel, okafor, step, field, value
):
    Booking.objects.all().delete()  # the booking of the example before
    booking = row(peel, okafor, MONDAY_9)

    response = reception.post(
        f"{CHANGELIST}{booking.pk}/{step}/",
        {"day": "2026-12-07", "slot": "", "do": "arrived", "_show": "1", field: value},
    )

    # 400: the cancel page again, asking for a reason.
    assert response.status_code in (200, 302, 400, 409)


PHONE_FIELDS = [
    "treatment",
    "day",
    "dermatologist",
    "typed_time",
    "patient_name",
    "date_of_birth",
    "email",
    "phone",
    "areas",
    "how_long",
    "how_many",
    "warning_signs",
    "pregnancy",
    "consent_by_phone",
    "submission_key",
]


@FEW
@given(
    field=st.sampled_from([*PHONE_FIELDS, "choose", "typed_time", "slot", "_show"]),
    value=anything,
)
def test_any_value_in_any_phone_booking_field_gets_an_answer(reception, peel, okafor, field, value):
    response = reception.post(CHANGELIST + "add/", {**phone_answers(peel), field: value})

    assert response.status_code in (200, 302, 409)
    Booking.objects.all().delete()


DESK_PAGE_PARAMETERS = [
    *("day", "dermatologist", "treatment", "part_of_day", "patient", "first_day", "weekday"),
    *("session_1_day", "session_1_time", "_show", "_book"),
]


@FEW
@given(
    page=st.sampled_from(["diary/", "diary/week/", "free-times/", "course/"]),
    name=st.sampled_from(DESK_PAGE_PARAMETERS),
    value=anything,
)
@example(page="course/", name="patient", value="\x00")
def test_any_value_on_the_diary_the_week_the_search_or_a_course_gets_a_page(
    reception, peel, okafor, page, name, value
):
    for response in [
        reception.get(CHANGELIST + page, {name: value}, follow=True),
        reception.post(CHANGELIST + page, {name: value, "_book": "1"}, follow=True),
    ]:
        assert response.status_code in (200, 400, 405), (page, name)
