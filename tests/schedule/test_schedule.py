"""A dermatologist's own schedule: sign-in, the day, the week, one booking, and nobody else's."""

import itertools
import re
from datetime import date

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from tests.conftest import login_with_second_factor
from tests.factories import (
    booking_row_make,
    dermatologist_make,
    london,
    staff_user_make,
)

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.usefixtures("frozen_clock"),
]

PASSWORD = "a-long-test-password"


@pytest.fixture
def okafor(peel):
    dermatologist = dermatologist_make(treatments=[peel], name="Dr Amara Okafor")
    dermatologist.user.groups.add(Group.objects.get(name="Dermatologists"))
    return dermatologist


@pytest.fixture
def signed_in(client, okafor):
    login_with_second_factor(client, okafor.user)
    return client


def row(treatment, dermatologist, start, **fields):
    return booking_row_make(treatment=treatment, dermatologist=dermatologist, start=start, **fields)


def day_page(client, day: str) -> str:
    response = client.get(reverse("staff:schedule"), {"day": day})
    assert response.status_code == 200
    return response.content.decode()


# Signing in


def test_the_sign_in_page_is_the_sites_own_and_leads_to_the_schedule(client, okafor):
    page = client.get("/staff/login/")
    html = page.content.decode()
    assert page.status_code == 200
    assert "<h1>Staff sign-in</h1>" in html
    assert "Kingsway Skin Clinic" in html  # the site's header, from base.html

    from django_otp.plugins.otp_static.models import StaticDevice

    StaticDevice.objects.create(user=okafor.user, name="codes").token_set.create(token="13572468")
    without_code = client.post(
        "/staff/login/", {"username": okafor.user.username, "password": PASSWORD}
    )
    assert without_code.status_code == 200  # a password alone is not enough

    response = client.post(
        "/staff/login/",
        {"username": okafor.user.username, "password": PASSWORD, "otp_token": "13572468"},
    )

    assert response.status_code == 302
    assert response.url == "/staff/schedule/"


def test_a_wrong_password_is_refused_with_a_message(client, okafor):
    response = client.post("/staff/login/", {"username": okafor.user.username, "password": "x"})

    assert response.status_code == 200
    assert "Please enter a correct username and password" in response.content.decode()


def test_the_schedule_asks_who_you_are_first(client):
    for url in ["/staff/schedule/", "/staff/schedule/week/", "/staff/schedule/booking/ABC123/"]:
        response = client.get(url)
        assert response.status_code == 302
        assert response.url == f"/staff/login/?next={url}"


def test_someone_without_a_dermatologist_profile_gets_a_clear_403(client):
    login_with_second_factor(client, staff_user_make("desk", group="Reception"))

    for url in ["/staff/schedule/", "/staff/schedule/week/", "/staff/schedule/booking/ABC123/"]:
        response = client.get(url)
        assert response.status_code == 403, url
        assert "You cannot open this page" in response.content.decode()
    assert client.post("/staff/calendar/reset/").status_code == 403


def test_signing_out_goes_back_to_the_sign_in_page(signed_in):
    response = signed_in.post("/staff/logout/")

    assert response.status_code == 302
    assert response.url == "/staff/login/"
    assert signed_in.get("/staff/schedule/").status_code == 302


# The day


def test_the_day_shows_everything_the_dermatologist_needs_about_each_patient(
    signed_in, peel, okafor
):
    row(
        peel,
        okafor,
        london(2026, 12, 9, 9, 30),
        patient_name="Sarah Thompson",
        date_of_birth=date(1990, 12, 8),  # 35 today, 36 on the day
        status="requested",
        areas=["eyes", "cheeks"],
        how_long="over_1_year",
        how_many="6_to_20",
        tried_home_removal=True,
        warning_signs=["infection"],
        needs_attention=True,
        tried_already="Retinol for a month",
        pregnancy="breastfeeding",
        patient_note="Mostly under my left eye",
        staff_notes="Asked for a chaperone",
    )

    html = day_page(signed_in, "2026-12-09")

    for text in [
        "Wednesday 9 December 2026",
        "9:30am–10:15am",
        "Sarah Thompson",
        "age 36",
        "Chemical peel",
        "Requested",
        "Safety flag:",
        "Redness, swelling, pain or pus after trying to remove them",
        "Around the eyes or on the eyelids, Cheeks",
        "More than a year",
        "6 to 20",
        "<dt>Tried removing at home</dt><dd>Yes</dd>",
        "Retinol for a month",
        "Yes, I am breastfeeding",
        "Mostly under my left eye",
        "Asked for a chaperone",
    ]:
        assert text in html, text


def test_the_day_shows_only_the_dermatologists_own_bookings_in_time_order(
    signed_in, peel, okafor, whitfield
):
    row(peel, okafor, london(2026, 12, 7, 14), patient_name="Afternoon Patient")
    row(peel, okafor, london(2026, 12, 7, 9), patient_name="Morning Patient")
    row(peel, whitfield, london(2026, 12, 7, 10), patient_name="Whitfield Patient")
    row(peel, okafor, london(2026, 12, 8, 9), patient_name="Tomorrow Patient")

    html = day_page(signed_in, "2026-12-07")

    assert html.index("Morning Patient") < html.index("Afternoon Patient")
    assert "Whitfield Patient" not in html
    assert "Tomorrow Patient" not in html


def test_cancelled_bookings_are_listed_apart_and_struck_through(signed_in, peel, okafor):
    row(peel, okafor, london(2026, 12, 7, 9), patient_name="Still Coming")
    row(peel, okafor, london(2026, 12, 7, 10), patient_name="Not Coming", status="cancelled")

    html = day_page(signed_in, "2026-12-07")

    cancelled = html[html.index("<h2>Cancelled</h2>") :]
    assert "<del>10:00am Not Coming, Chemical peel</del>" in cancelled
    assert "Still Coming" not in cancelled
    assert "Not Coming" not in html[: html.index("<h2>Cancelled</h2>")]


def test_the_day_defaults_to_today_with_previous_and_next(signed_in, peel, okafor):
    row(peel, okafor, london(2026, 12, 1, 15), patient_name="Later Today")

    html = signed_in.get(reverse("staff:schedule")).content.decode()

    assert "Today, Tuesday 1 December 2026" in html
    assert "Later Today" in html
    assert 'href="?day=2026-11-30"' in html and 'href="?day=2026-12-02"' in html
    other_day = day_page(signed_in, "2026-12-02")
    assert f'href="{reverse("staff:schedule")}">Today</a>' in other_day


def test_days_follow_uk_dates_across_the_clock_change(signed_in, peel, okafor, frozen_clock):
    frozen_clock.move_to(london(2027, 3, 26, 8))
    login_with_second_factor(signed_in, okafor.user)
    # Sunday 28 March 2027: clocks go forward at 1am. 00:30 on Monday 29 March (BST)
    # is still Sunday in UTC.
    row(peel, okafor, london(2027, 3, 29, 0, 30), patient_name="Just After Midnight")
    row(peel, okafor, london(2027, 3, 29, 9, 0), patient_name="Summer Morning")
    row(peel, okafor, london(2027, 3, 26, 9, 0), patient_name="Winter Morning")

    monday = day_page(signed_in, "2027-03-29")
    sunday = day_page(signed_in, "2027-03-28")
    friday = day_page(signed_in, "2027-03-26")

    assert "Just After Midnight" in monday and "12:30am" in monday
    assert "Summer Morning" in monday and "9:00am–9:45am" in monday
    assert "Just After Midnight" not in sunday
    assert "9:00am–9:45am" in friday


def test_a_nonsense_day_shows_today(signed_in):
    assert "Today, Tuesday 1 December 2026" in day_page(signed_in, "not-a-date")


# The week


def test_the_week_runs_monday_to_sunday_with_the_dermatologists_own_bookings(
    signed_in, peel, okafor, whitfield
):
    row(peel, okafor, london(2026, 12, 7, 9), patient_name="Monday Patient")
    row(peel, okafor, london(2026, 12, 13, 9), patient_name="Sunday Patient")
    row(peel, okafor, london(2026, 12, 14, 9), patient_name="Next Week Patient")
    row(peel, whitfield, london(2026, 12, 8, 9), patient_name="Whitfield Patient")
    row(peel, okafor, london(2026, 12, 9, 11), patient_name="Gone", status="cancelled")
    flagged = row(
        peel, okafor, london(2026, 12, 10, 9), patient_name="Flagged", needs_attention=True
    )

    html = signed_in.get(reverse("staff:schedule_week"), {"week": "2026-12-10"}).content.decode()

    assert "Week of Monday 7 December 2026" in html
    assert html.index("Monday Patient") < html.index("Flagged") < html.index("Sunday Patient")
    assert "Next Week Patient" not in html
    assert "Whitfield Patient" not in html
    assert "<del>11:00am Gone</del>" in html
    assert reverse("staff:booking", args=[flagged.reference]) in html
    assert "Safety flag" in html
    assert 'href="?week=2026-11-30"' in html and 'href="?week=2026-12-14"' in html
    assert html.count('<section class="week-day') == 7


# One booking


def test_a_booking_of_the_dermatologists_own_opens_in_full(signed_in, peel, okafor):
    booking = row(peel, okafor, london(2026, 12, 7, 9), staff_notes="Bring the dermatoscope")

    response = signed_in.get(reverse("staff:booking", args=[booking.reference]))

    html = response.content.decode()
    assert response.status_code == 200
    assert "Existing Patient" in html
    assert "Bring the dermatoscope" in html


@pytest.mark.parametrize("reference", ["AB%00CD", "%00", "A" * 300, "ABC%C3%A9D"])
def test_a_booking_address_no_reference_could_have_is_a_404(signed_in, reference):
    assert signed_in.get(f"/staff/schedule/booking/{reference}/").status_code == 404


def test_another_dermatologists_booking_is_never_reachable(signed_in, peel, okafor, whitfield):
    theirs = row(peel, whitfield, london(2026, 12, 7, 9), patient_name="Not Yours")

    detail = signed_in.get(reverse("staff:booking", args=[theirs.reference]))
    lower = signed_in.get(f"/staff/schedule/booking/{theirs.reference.lower()}/")
    unknown = signed_in.get("/staff/schedule/booking/ZZZZZZ/")

    assert detail.status_code == lower.status_code == unknown.status_code == 404
    assert "Not Yours" not in detail.content.decode()
    for page in [
        day_page(signed_in, "2026-12-07"),
        signed_in.get(reverse("staff:schedule_week"), {"week": "2026-12-07"}).content.decode(),
    ]:
        assert "Not Yours" not in page
        assert theirs.reference not in page


# How the pages are built


@pytest.mark.parametrize(
    "url",
    [
        "/staff/login/",
        "/staff/schedule/?day=2026-12-07",
        "/staff/schedule/week/?week=2026-12-07",
        "booking",
    ],
)
def test_the_pages_have_one_h1_headings_in_order_and_no_script(
    client, peel, okafor, whitfield, url
):
    booking = row(peel, okafor, london(2026, 12, 7, 9))
    row(peel, okafor, london(2026, 12, 7, 11), status="cancelled")
    if url != "/staff/login/":
        login_with_second_factor(client, okafor.user)
    if url == "booking":
        url = reverse("staff:booking", args=[booking.reference])

    html = client.get(url).content.decode()

    levels = [int(level) for level in re.findall(r"<h([1-6])\b", html)]
    assert levels[0] == 1 and levels.count(1) == 1, levels
    assert all(b <= a + 1 for a, b in itertools.pairwise(levels)), levels
    # No script but the copy button's own, from the site's static files.
    assert re.findall(r"<script[^>]*>", html) in (
        [],
        ['<script src="/static/js/copy.js" defer>'],
    )
    assert "<script>" not in html
    assert 'name="robots" content="noindex"' in html


@pytest.mark.parametrize(("view", "queries"), [("staff:schedule", 11), ("staff:schedule_week", 6)])
def test_the_schedule_runs_the_same_queries_for_3_or_30_bookings(
    signed_in, peel, okafor, whitfield, django_assert_num_queries, view, queries
):
    def count_queries():
        # 1 session, 1 user, 1 their two-factor device, 1 their dermatologist
        # profile, 1 their bookings in the window with each treatment (and
        # record), 1 the audit trail's entries for the answers shown (one insert
        # for all); the day adds 1 its working hours, 1 time off, 1 closures,
        # 1 the patients' earlier visits, 1 completed visits with no record
        with django_assert_num_queries(queries):
            response = signed_in.get(reverse(view), {"day": "2026-12-07", "week": "2026-12-07"})
        assert response.status_code == 200

    starts = [london(2026, 12, day, hour) for day in (7, 8, 9, 10, 11) for hour in range(9, 15)]
    for start in starts[:3]:
        row(peel, okafor, start)
    count_queries()
    for start in starts[3:30]:
        row(peel, okafor, start)
    row(peel, whitfield, london(2026, 12, 7, 12))
    assert okafor.bookings.count() == 30
    count_queries()
