"""The day picker: a row of days with their free counts, the chosen day's times, who it is with."""

import re
from datetime import time
from urllib.parse import urlencode

import pytest
from django.urls import reverse

from bookings.models import Booking, ClinicClosure
from tests.factories import booking_row_make, dermatologist_make, london, treatment_make
from tests.public.test_booking_flow import post_details, valid_answers

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_clock")]


@pytest.fixture
def extraction():
    return treatment_make(name="Milia extraction", slug="milia-extraction", duration_minutes=30)


def picker(client, treatment, **query) -> str:
    response = client.get(reverse("bookings:slots", args=[treatment.slug]), query)
    assert response.status_code == 200
    return response.content.decode()


def row_of(html: str) -> list[str]:
    """Each day of the row as a screen reader says it: "Monday 7 December 2026: 16 free times"."""
    return re.findall(r'<span class="visually-hidden">([^<]+: [^<]+)</span>', html)


def test_the_row_starts_at_the_first_day_with_a_free_time(client, extraction):
    dermatologist_make(treatments=[extraction], hours={3: [(time(9), time(11))]})  # Thursdays

    html = picker(client, extraction)

    # Tuesday 1 December, 8am: Thursday 3 December is the first day anyone is free.
    assert row_of(html) == [
        "Thursday 3 December 2026: 7 free times",
        "Friday 4 December 2026: closed",
        "Saturday 5 December 2026: closed",
        "Sunday 6 December 2026: closed",
        "Monday 7 December 2026: closed",
        "Tuesday 8 December 2026: closed",
        "Wednesday 9 December 2026: closed",
    ]
    assert 'aria-current="date"' in html and 'class="h4">Thursday 3 December 2026 ' in html


def test_the_counts_leave_out_taken_times_and_a_full_day_says_so(client, extraction):
    okafor = dermatologist_make(treatments=[extraction], hours={0: [(time(9), time(10))]})
    for start in (london(2026, 12, 14, 9), london(2026, 12, 14, 9, 30)):
        booking_row_make(treatment=extraction, dermatologist=okafor, start=start)
    booking_row_make(treatment=extraction, dermatologist=okafor, start=london(2026, 12, 7, 9))

    html = picker(client, extraction, **{"from": "2026-12-07", "day": "2026-12-14"})

    row = row_of(html)
    assert row[0] == "Monday 7 December 2026: 1 free time"  # 9:30: 9:15 would reach 9:00's
    assert "Monday 14 December 2026: full" not in row  # out of this row
    html = picker(client, extraction, day="2026-12-14")
    assert row_of(html)[0] == "Monday 14 December 2026: full"
    assert "No free times on this day" in html
    assert "Next free day: Monday 21 December 2026" in html


def test_a_closure_shows_closed_and_the_next_free_day_skips_it(client, extraction):
    dermatologist_make(treatments=[extraction])  # Monday to Friday, 9 to 5
    ClinicClosure.objects.create(
        first_day=london(2026, 12, 7).date(), last_day=london(2026, 12, 8).date(), reason="Works"
    )

    html = picker(client, extraction, day="2026-12-07")

    assert row_of(html)[:3] == [
        "Monday 7 December 2026: closed",
        "Tuesday 8 December 2026: closed",
        "Wednesday 9 December 2026: 31 free times",
    ]
    assert "Next free day: Wednesday 9 December 2026" in html
    assert "day=2026-12-09" in html


def test_the_old_week_links_open_that_week_at_its_first_free_day(client, extraction):
    dermatologist_make(treatments=[extraction], hours={2: [(time(9), time(10))]})  # Wednesdays

    html = picker(client, extraction, week="2026-12-07")

    assert row_of(html)[0] == "Monday 7 December 2026: closed"
    assert 'class="h4">Wednesday 9 December 2026 ' in html


def test_the_times_are_grouped_into_morning_afternoon_and_evening(client, extraction):
    dermatologist_make(
        treatments=[extraction], hours={0: [(time(11), time(12)), (time(16, 30), time(18))]}
    )

    html = picker(client, extraction, day="2026-12-07")

    parts = re.findall(r'<h3 class="h6 part-of-day">(\w+)</h3>', html)
    assert parts == ["Morning", "Afternoon", "Evening"]
    morning, afternoon, evening = re.split(r'<h3 class="h6 part-of-day">', html)[1:]
    assert "11:30am" in morning and "4:30pm" in afternoon and "5:00pm" in evening
    assert "4:30pm" not in morning and "11:30am" not in evening


@pytest.mark.parametrize(
    ("now", "sunday", "count", "times"),
    [
        # Spring: 1am to 2am never happens; 0:00 to 0:45 and 2:00 to 3:30 do.
        (london(2027, 3, 22, 8), "2027-03-28", 11, ["12:45am", "2:00am"]),
        # Autumn: 1am to 2am happens twice and is offered once.
        (london(2027, 10, 25, 8), "2027-10-31", 15, ["1:00am", "1:45am", "2:00am"]),
    ],
    ids=["spring", "autumn"],
)
def test_the_clock_change_sundays_count_each_time_once(
    client, extraction, frozen_clock, now, sunday, count, times
):
    dermatologist_make(treatments=[extraction], hours={6: [(time(0), time(4))]})
    frozen_clock.move_to(now)

    html = picker(client, extraction, day=sunday)

    assert any(day.endswith(f": {count} free times") for day in row_of(html))
    labels = [
        t.strip() for t in re.findall(r'class="btn btn-outline-primary time"[^>]*>([^<]+)<', html)
    ]
    assert len(labels) == len(set(labels)) == count
    assert all(label in labels for label in times)
    assert "1:15am" not in labels if sunday.endswith("03-28") else "1:15am" in labels


def test_the_row_pages_on_and_back(client, extraction):
    dermatologist_make(treatments=[extraction])

    html = picker(client, extraction, **{"from": "2026-12-07"})

    assert 'href="?from=2026-12-14&amp;dermatologist=any"' in html
    assert 'href="?from=2026-12-01&amp;dermatologist=any"' in html  # no further back than today


def test_first_available_shows_who_each_time_is_with_and_books_them(client, extraction):
    okafor = dermatologist_make(treatments=[extraction], name="Dr Amara Okafor")
    whitfield = dermatologist_make(treatments=[extraction], name="Dr James Whitfield")
    booking_row_make(treatment=extraction, dermatologist=okafor, start=london(2026, 12, 7, 9))

    html = picker(client, extraction, day="2026-12-07")

    assert 'aria-label="9:00am Dr Whitfield on Monday 7 December 2026"' in html
    assert 'aria-label="9:30am Dr Okafor on Monday 7 December 2026"' in html
    link = re.search(r'href="([^"]+)" aria-label="9:00am Dr', html).group(1)
    assert f"with={whitfield.pk}" in link

    details = client.get(link.replace("&amp;", "&")).content.decode()
    assert "<dt>With</dt><dd>Dr James Whitfield</dd>" in details
    assert f'name="with" value="{whitfield.pk}"' in details

    post_details(client, extraction, london(2026, 12, 7, 9), **{"with": str(whitfield.pk)})
    assert Booking.objects.get(email="sarah.thompson@example.com").dermatologist == whitfield


def test_the_dermatologist_shown_is_booked_even_when_another_comes_first_by_name(
    client, extraction
):
    dermatologist_make(treatments=[extraction], name="Dr Amara Okafor")
    whitfield = dermatologist_make(treatments=[extraction], name="Dr James Whitfield")

    post_details(client, extraction, london(2026, 12, 7, 9), **{"with": str(whitfield.pk)})

    assert Booking.objects.get(email="sarah.thompson@example.com").dermatologist == whitfield


def test_someone_else_is_booked_only_when_the_patient_chooses_them(client, extraction):
    okafor = dermatologist_make(treatments=[extraction], name="Dr Amara Okafor")
    whitfield = dermatologist_make(treatments=[extraction], name="Dr James Whitfield")
    nine = london(2026, 12, 7, 9)
    booking_row_make(treatment=extraction, dermatologist=okafor, start=nine)  # taken meanwhile

    response = post_details(client, extraction, nine, **{"with": str(okafor.pk)})

    html = response.content.decode()
    assert response.status_code == 409
    assert not Booking.objects.filter(email="sarah.thompson@example.com").exists()
    assert "Dr Amara Okafor has just been booked at 9:00am" in html
    assert "9:00am with Dr James Whitfield" in html
    choice = f"{nine.isoformat()}|any|{whitfield.pk}"
    assert f'value="{choice}"' in html

    client.post(
        reverse("bookings:details", args=[extraction.slug]),
        {"start": nine.isoformat(), "dermatologist": "any", "choose": choice, **valid_answers()},
    )
    assert Booking.objects.get(email="sarah.thompson@example.com").dermatologist == whitfield


def test_a_link_to_a_dermatologist_since_booked_asks_before_offering_another(client, extraction):
    okafor = dermatologist_make(treatments=[extraction], name="Dr Amara Okafor")
    whitfield = dermatologist_make(treatments=[extraction], name="Dr James Whitfield")
    nine = london(2026, 12, 7, 9)
    booking_row_make(treatment=extraction, dermatologist=okafor, start=nine)
    query = urlencode({"start": nine.isoformat(), "dermatologist": "any", "with": okafor.pk})

    response = client.get(reverse("bookings:details", args=[extraction.slug]) + "?" + query)

    html = response.content.decode()
    assert response.status_code == 409
    assert "Dr Amara Okafor is no longer free then" in html
    assert f"with={whitfield.pk}" in html and "See Dr James Whitfield at 9:00am" in html
    assert "Choose another time" in html
