"""Reception's first page in the admin is today: the diary, who is due, who is here, what waits."""

import re
from datetime import timedelta

import pytest

from tests.conftest import login_with_second_factor
from tests.desk.helpers import row
from tests.factories import london, staff_user_make

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.usefixtures("frozen_clock"),
]


def text_of(html) -> str:
    return " ".join(re.sub(r"<[^>]+>", "", html).split())


def section(html, heading_id) -> str:
    start = html.index(f'aria-labelledby="{heading_id}"')
    return text_of(html[start : html.index("</section>", start)])


def test_reception_lands_on_todays_diary_with_links_to_everything_else(reception, peel, okafor):
    row(peel, okafor, london(2026, 12, 1, 11), patient_name="Today Patient")

    response = reception.get("/admin/")

    html = response.content.decode()
    assert "Today, Tuesday 1 December 2026" in text_of(html)
    assert 'id="booking-' in html and "Today Patient" in html
    assert "Book here" in html
    assert '<style nonce="' in html
    assert 'href="/admin/bookings/booking/"' in html  # Django's list of everything


def test_it_lists_who_is_due_next_and_who_has_arrived(
    reception, receptionist, peel, okafor, frozen_clock
):
    frozen_clock.move_to(london(2026, 12, 1, 10, 50))
    login_with_second_factor(reception, receptionist)  # the first session went idle meanwhile
    row(peel, okafor, london(2026, 12, 1, 9), patient_name="Been And Gone", status="completed")
    row(peel, okafor, london(2026, 12, 1, 10), patient_name="In The Chair")  # until 10:45
    row(peel, okafor, london(2026, 12, 1, 10, 45), patient_name="Sat Waiting", status="arrived")
    row(peel, okafor, london(2026, 12, 1, 14), patient_name="Afternoon Patient")
    row(peel, okafor, london(2026, 12, 1, 11, 30), patient_name="Late Morning", status="requested")

    html = reception.get("/admin/").content.decode()

    due = section(html, "due-next")
    assert due.index("Late Morning") < due.index("Afternoon Patient")
    assert "In The Chair" not in due and "Been And Gone" not in due
    assert "Sat Waiting" in section(html, "arrived")


def test_requests_waiting_come_oldest_first_with_how_long_they_have_waited(reception, peel, okafor):
    now = london(2026, 12, 1, 8)
    row(
        peel,
        okafor,
        london(2026, 12, 9, 10),
        patient_name="Newer",
        status="requested",
        created_at=now - timedelta(hours=3),
    )
    row(
        peel,
        okafor,
        london(2026, 12, 8, 10),
        patient_name="Older",
        status="requested",
        created_at=now - timedelta(days=2, hours=1),
    )
    row(peel, okafor, london(2026, 12, 8, 11), patient_name="Confirmed One")

    waiting = section(reception.get("/admin/").content.decode(), "waiting")

    assert waiting.index("Older") < waiting.index("Newer")
    assert "waited 2 days, 1 hour" in waiting and "waited 3 hours" in waiting
    assert "Confirmed One" not in waiting


def test_the_first_page_runs_the_same_queries_however_busy_the_day(
    reception, peel, okafor, django_assert_num_queries
):
    def count_queries():
        # 1 session, 1 user, 1 their two-factor device, 1 the user's own permissions,
        # 1 their groups' permissions, 1 emails failed or late, 5 the diary (see
        # test_diary), 1 the requests waiting, oldest first, 1 the reviews to book,
        # 1 the waiting list's offers of the last day
        with django_assert_num_queries(14):
            assert reception.get("/admin/").status_code == 200

    row(peel, okafor, london(2026, 12, 1, 9), status="requested")
    count_queries()
    for hour in (10, 11, 12, 13, 14, 15):
        row(peel, okafor, london(2026, 12, 1, hour), status="requested")
        row(peel, okafor, london(2026, 12, 2, hour), status="requested")
    count_queries()


def test_staff_who_cannot_see_bookings_get_the_plain_index(client, okafor):
    doctor = staff_user_make("doctor", group="Dermatologists")
    doctor.user_permissions.clear()
    response = login_with_second_factor(client, doctor).get("/admin/")

    assert response.status_code == 200
    assert "Today," not in response.content.decode()


def test_the_demo_clinic_has_bookings_on_todays_diary_whoever_works_today(client, frozen_clock):
    import io

    from django.contrib.auth.models import User
    from django.core.management import call_command

    frozen_clock.move_to(london(2026, 12, 4, 8))  # a Friday: Dr Okafor does not work Fridays
    call_command("demo_data", "--i-know-this-is-not-production", stdout=io.StringIO())
    reception = login_with_second_factor(client, User.objects.get(username="reception"))

    html = reception.get("/admin/").content.decode()

    assert "Today, Friday 4 December 2026" in text_of(html)
    today = html.split('class="diary-scroll"')[1]
    assert today.count('class="diary-block') >= 2
    assert "Dr James Whitfield" in today and "Dr Priya Raman" in today
