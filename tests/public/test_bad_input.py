"""Nonsense in every public form, URL part and parameter: never a 500, always a calm answer."""

from datetime import time, timedelta
from urllib.parse import quote, urlencode

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from bookings.models import Booking, WaitlistEntry, WaitlistOffer
from tests.factories import booking_row_make, dermatologist_make, treatment_make
from tests.public.test_booking_flow import valid_answers
from tests.waitlist_rows import entry_row_make, offer_row_make

pytestmark = pytest.mark.django_db

FUZZ = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
FEW = settings(FUZZ, max_examples=25)
# Any text at all: control characters, NUL, emoji, right-to-left marks, very long.
anything = st.one_of(
    st.text(max_size=300),
    st.text(alphabet=st.characters(codec="utf-8"), min_size=1000, max_size=5000),
    st.sampled_from(
        [
            "",
            " ",
            "\x00",
            "<script>alert(1)</script>",
            "=cmd|' /C calc'!A0",
            "9" * 400,
            "2026-02-30",
        ]
    ),
)
FIELDS = [*valid_answers(), "start", "dermatologist", "submission_key", "choose", "guardian_name"]
WAITLIST_FIELDS = ["first_day", "last_day", "parts_of_day", "name", "contact_by_text"]


@pytest.fixture(autouse=True)
def generous_limits(settings):
    settings.RATE_LIMIT_PER_HOUR = 10**6
    settings.RATE_LIMIT_LOST_LINK_PER_HOUR = 10**6


@pytest.fixture
def treatment():
    treatment = treatment_make(slug="milia-extraction")
    dermatologist_make(treatments=[treatment], hours={d: [(time(9), time(17))] for d in range(7)})
    return treatment


def a_free_start():
    return (timezone.localtime() + timedelta(days=3)).replace(
        hour=10, minute=0, second=0, microsecond=0
    )


@FUZZ
@given(field=st.sampled_from(FIELDS), value=anything)
@example(field="email", value="a" * 300 + "@example.com")  # valid, but over 254
def test_any_value_in_any_booking_field_gets_an_answer_not_a_crash(client, treatment, field, value):
    data = {
        "start": a_free_start().isoformat(),
        "dermatologist": "any",
        **valid_answers(),
        field: value,
    }

    response = client.post(reverse("bookings:details", args=[treatment.slug]), data)

    assert response.status_code in (200, 302, 400, 409)
    if response.status_code == 200:
        assert (
            "There is a problem" in response.content.decode()
            or "Your details" in response.content.decode()
        )
    Booking.objects.all().delete()


@FUZZ
@given(week=anything, dermatologist=anything)
def test_any_slot_page_query_gets_a_page(client, treatment, week, dermatologist):
    response = client.get(
        reverse("bookings:slots", args=[treatment.slug]),
        {"week": week, "dermatologist": dermatologist},
    )

    assert response.status_code == 200


@FUZZ
@given(start=anything, dermatologist=anything)
def test_any_chosen_time_on_the_details_page_gets_a_page_or_a_way_back(
    client, treatment, start, dermatologist
):
    response = client.get(
        reverse("bookings:details", args=[treatment.slug]),
        {"start": start, "dermatologist": dermatologist},
    )

    assert response.status_code in (200, 302)


@FUZZ
@given(path=st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=120))
def test_any_manage_link_is_a_404_not_a_crash(client, path):
    for suffix in ["", "cancel/", "move/", "move/confirm/"]:
        response = client.get(f"/manage/{path}/{suffix}")
        assert response.status_code in (200, 301, 302, 404, 405)


@FUZZ
@given(email=anything)
def test_any_lost_link_address_gets_the_same_calm_page_or_a_field_error(client, email):
    response = client.post(reverse("bookings:lost_link"), {"email": email})

    assert response.status_code in (200, 400)


@FUZZ
@given(slug=st.text(max_size=80))
def test_any_treatment_or_guide_slug_is_a_page_or_a_404(client, treatment, slug):
    for url in [f"/book/{slug}/", f"/milia/{slug}/", f"/milia/treatments/{slug}/"]:
        assert client.get(url).status_code in (200, 301, 404)


@FEW
@given(field=st.sampled_from(FIELDS), value=anything)
def test_any_value_in_any_field_of_an_offers_booking_form_gets_an_answer(
    client, offer, field, value
):
    response = client.post(offer.get_absolute_url(), {**valid_answers(), field: value})

    assert response.status_code in (200, 302, 409)
    # Back to waiting, for the next example.
    Booking.objects.all().delete()
    WaitlistEntry.objects.filter(pk=offer.entry_id).update(ended_at=None, end_reason="")
    WaitlistOffer.objects.filter(pk=offer.pk).update(booking=None)


# Every form, in any charset; every part of every address


@pytest.fixture
def booking(treatment):
    return booking_row_make(
        treatment=treatment, dermatologist=treatment.dermatologists.get(), start=a_free_start()
    )


@pytest.fixture
def offer(treatment):
    """A time offered from the waiting list, a day after the booking's."""
    entry = entry_row_make(treatment=treatment, first_day=timezone.localdate())
    start = a_free_start() + timedelta(days=1)
    return offer_row_make(entry=entry, dermatologist=treatment.dermatologists.get(), start=start)


@FUZZ
@given(
    field=st.sampled_from([*WAITLIST_FIELDS, "dermatologist", "email", "phone", "date_of_birth"]),
    value=anything,
)
@example(field="email", value="a" * 300 + "@example.com")  # valid, but over 254
def test_any_value_in_any_waiting_list_field_gets_an_answer_not_a_crash(
    client, treatment, field, value
):
    data = {
        "dermatologist": "any",
        "first_day": timezone.localdate().isoformat(),
        "last_day": timezone.localdate().isoformat(),
        "parts_of_day": ["morning"],
        "name": "Sarah Thompson",
        "date_of_birth": "12/04/1988",
        "email": "sarah@example.com",
        "phone": "07700 900123",
        "privacy_consent": "on",
        field: value,
    }

    response = client.post(reverse("bookings:waitlist-join", args=[treatment.slug]), data)

    assert response.status_code in (302, 400)
    WaitlistEntry.objects.all().delete()


# The site's forms, as a browser or a script might send them.
FORM_URLS = [
    "/book/milia-extraction/",
    "/book/milia-extraction/details/",
    "/book/milia-extraction/waiting-list/",
    "/manage/{token}/waiting-list/",
    "/waiting-list/offer/{offer}/",
    "/waiting-list/{entry}/leave/",
    "/manage/",
    "/manage/{token}/cancel/",
    "/manage/{token}/move/confirm/",
    "/manage/{token}/safety/",
    "/manage/{token}/texts/",
    "/staff/login/",
    "/admin/login/",
]
CHARSETS = [
    "utf-8",
    "latin-1",
    "utf-16",
    "utf-32",
    "cp1252",
    "shift_jis",
    "ascii",
    "no-such-charset",
]
FORM_FIELDS = [
    *FIELDS,
    *WAITLIST_FIELDS,
    *("email", "reason", "username", "password", "otp_token", "week"),
]


@FEW
@given(
    url=st.sampled_from(FORM_URLS),
    charset=st.sampled_from(CHARSETS),
    field=st.sampled_from(FORM_FIELDS),
    value=anything,
)
def test_any_form_in_any_charset_gets_an_answer_not_a_crash(
    booking, offer, url, charset, field, value
):
    strict = Client(enforce_csrf_checks=True)
    strict.get("/manage/")
    fields = {"csrfmiddlewaretoken": strict.cookies["csrftoken"].value, **valid_answers()}
    body = urlencode({**fields, field: value}, doseq=True)
    try:
        encoded = body.encode(charset)
    except LookupError:  # a charset Python has never heard of: the bytes are UTF-8
        encoded = body.encode()

    response = strict.generic(
        "POST",
        url.format(token=booking.manage_token, offer=offer.token, entry=offer.entry.token),
        encoded,
        content_type=f"application/x-www-form-urlencoded; charset={charset}",
    )

    assert response.status_code in (200, 302, 400, 409, 429)
    if response.status_code == 400:
        # The site's own page: the one for an unreadable form, or the form again with its errors.
        page = response.content.decode()
        assert "We could not read that" in page or 'class="invalid-feedback' in page
    Booking.objects.exclude(pk=booking.pk).delete()


# Each address with {} where any text may stand.
ADDRESS_PARTS = [
    "/book/{}/",
    "/book/{}/details/",
    "/book/{}/waiting-list/",
    "/manage/{}/",
    "/manage/{}/waiting-list/",
    "/waiting-list/{}/",
    "/waiting-list/{}/leave/",
    "/waiting-list/offer/{}/",
    "/manage/{}/cancel/",
    "/manage/{}/move/",
    "/manage/{}/move/confirm/",
    "/manage/{}/calendar.ics",
    "/manage/{}/safety/",
    "/manage/{}/texts/",
    "/milia/{}/",
    "/milia/treatments/{}/",
    "/staff/calendar/{}.ics",
    "/staff/schedule/booking/{}/",
    "/{}",
]


@FEW
@given(part=anything)
@example(part="a\x00b")
@example(part="x" * 5000)
def test_any_text_in_any_part_of_an_address_is_a_page_or_a_404(client, treatment, part):
    for template in ADDRESS_PARTS:
        response = client.get(template.format(quote(part, safe="")))

        assert response.status_code in (200, 301, 302, 404, 405), template


PAGES = [
    "/",
    "/privacy/",
    "/book/",
    "/book/milia-extraction/",
    "/book/milia-extraction/details/",
    "/book/milia-extraction/waiting-list/",
    "/book/confirmation/",
    "/manage/",
    "/manage/{token}/",
    "/manage/{token}/move/",
    "/manage/{token}/move/confirm/",
    "/manage/{token}/calendar.ics",
    "/manage/{token}/safety/",
    "/manage/{token}/texts/",
    "/manage/{token}/waiting-list/",
    "/waiting-list/{entry}/",
    "/waiting-list/{entry}/leave/",
    "/milia/",
    "/milia/is-it-milia/",
    "/staff/login/",
    "/admin/login/",
]


@FEW
@given(
    page=st.sampled_from(PAGES),
    name=st.sampled_from(
        ["week", "dermatologist", "start", "next", "day", "ref", "\x00", "x" * 300]
    ),
    value=anything,
)
def test_any_query_on_any_public_page_gets_a_page(client, booking, offer, page, name, value):
    tokens = {"token": booking.manage_token, "entry": offer.entry.token}
    response = client.get(page.format(**tokens), {name: value})

    assert response.status_code in (200, 302, 405)  # 405: the texts choice takes only a POST


@FEW
@given(
    url=st.sampled_from(["/staff/login/", "/admin/login/"]),
    username=anything,
    password=anything,
    code=anything,
)
def test_any_username_password_or_code_is_refused_calmly(client, url, username, password, code):
    response = client.post(url, {"username": username, "password": password, "otp_token": code})

    assert response.status_code in (200, 429)
    assert "_auth_user_id" not in client.session
