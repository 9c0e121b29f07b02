"""One dermatologist's week in the diary: a column a day, the day diary's conventions."""

import re
from datetime import time
from html import unescape

import pytest

from bookings.models import ClinicClosure, TimeOff
from tests.conftest import login_with_second_factor
from tests.desk.helpers import messages_of, row
from tests.factories import dermatologist_make, london

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.usefixtures("frozen_clock"),
]

WEEK = "/admin/bookings/booking/diary/week/"


def week(client, dermatologist, day="2026-12-09"):
    response = client.get(WEEK, {"dermatologist": dermatologist.pk, "day": day})
    assert response.status_code == 200
    return response, unescape(response.content.decode())


def column(html, number) -> str:
    start = html.index(f'aria-labelledby="dh-{number}"')
    return " ".join(re.sub(r"<[^>]+>", " ", html[start : html.index("</section>", start)]).split())


def test_the_week_has_a_column_a_day_with_that_dermatologists_bookings(
    reception, peel, okafor, raman
):
    monday = row(peel, okafor, london(2026, 12, 7, 10), patient_name="Monday Patient")
    row(peel, okafor, london(2026, 12, 10, 15), patient_name="Thursday Patient")
    row(peel, raman, london(2026, 12, 8, 10), patient_name="Not Hers")
    TimeOff.objects.create(
        dermatologist=okafor,
        starts_at=london(2026, 12, 9, 0),
        ends_at=london(2026, 12, 10, 0),
        reason="Conference",
    )
    ClinicClosure.objects.create(
        first_day=london(2026, 12, 11).date(), last_day=london(2026, 12, 11).date(), reason="Works"
    )

    _, html = week(client=reception, dermatologist=okafor)  # any day of the week will do

    assert "Dr Amara Okafor: week of Monday 7 December 2026" in html
    headings = re.findall(r'<h2 class="diary-head" id="dh-\d">([^<]+)', html)
    assert headings == [
        "Mon 7 Dec",
        "Tue 8 Dec",
        "Wed 9 Dec",
        "Thu 10 Dec",
        "Fri 11 Dec",
        "Sat 12 Dec",
        "Sun 13 Dec",
    ]
    assert "Monday Patient" in column(html, 0) and "Thursday Patient" in column(html, 3)
    assert "Not Hers" not in html
    assert "On leave: Conference" in column(html, 2) and "Book here" not in column(html, 2)
    assert "Clinic closed: Works" in column(html, 4) and "Book here" not in column(html, 4)
    assert "Not working" in column(html, 5)
    assert "Book here 9:00am–10:00am" in column(html, 0)
    assert f"#booking-{monday.pk}{{grid-row:61/106}}" in html
    assert f'href="?dermatologist={okafor.pk}&day=2026-11-30"' in html


def test_the_week_of_the_spring_clock_change_places_sunday_by_the_uk_clock(
    reception, receptionist, peel, frozen_clock
):
    frozen_clock.move_to(london(2027, 3, 22, 8))
    login_with_second_factor(reception, receptionist)
    seven_days = dermatologist_make(
        treatments=[peel], name="Dr Every Day", hours={d: [(time(9), time(17))] for d in range(7)}
    )
    sunday = row(peel, seven_days, london(2027, 3, 28, 10))

    _, html = week(reception, seven_days, "2027-03-24")

    assert f"#booking-{sunday.pk}{{grid-row:61/106}}" in html  # 10am BST, an hour below 9am
    assert "10:00am–10:45am" in column(html, 6)
    assert "typed_time=09:00" in html.split('id="dh-6"')[1]


def test_the_week_runs_the_same_queries_for_a_quiet_week_and_a_busy_one(
    reception, peel, okafor, django_assert_num_queries
):
    def count_queries():
        # 1 session, 1 user, 1 their two-factor device, 1 the user's own permissions,
        # 1 their groups' permissions, 1 the dermatologists to choose from,
        # 5 the week (bookings, the dermatologist, working hours, time off, closures)
        with django_assert_num_queries(11):
            week(reception, okafor)

    count_queries()
    for day in (7, 8, 9, 10, 11):
        for hour in (9, 11, 14):
            row(peel, okafor, london(2026, 12, day, hour))
    count_queries()


def test_a_dermatologist_not_in_the_list_says_so_and_shows_the_first(reception, okafor):
    response = reception.get(WEEK, {"dermatologist": "nobody", "day": "2026-12-07"})

    assert response.status_code == 200
    assert "That dermatologist is not in the list" in messages_of(response)[0]
    assert "Dr Amara Okafor: week of" in response.content.decode()


def test_the_day_diary_links_to_each_dermatologists_week(reception, okafor):
    html = unescape(
        reception.get("/admin/bookings/booking/diary/", {"day": "2026-12-07"}).content.decode()
    )

    assert f'href="{WEEK}?dermatologist={okafor.pk}&day=2026-12-07">Their week' in html
