"""The day list, ready to print, and its CSV."""

import csv
import io
from datetime import timedelta

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from bookings.models import Booking, TimeOff
from bookings.phones import phone_or_as_typed
from tests.conftest import login_with_second_factor
from tests.desk.helpers import (
    MONDAY_9,
    row,
)
from tests.factories import (
    london,
    staff_user_make,
)

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.usefixtures("frozen_clock"),
]


def test_the_day_list_shows_each_dermatologists_day_in_time_order(reception, peel, okafor, raman):
    row(peel, okafor, london(2026, 12, 7, 14), patient_name="Afternoon Okafor")
    row(peel, okafor, london(2026, 12, 7, 9), patient_name="Morning Okafor", needs_attention=True)
    row(peel, raman, london(2026, 12, 7, 10), patient_name="Raman Patient", status="requested")
    row(peel, okafor, london(2026, 12, 7, 11), patient_name="Gone Away", status="cancelled")
    row(peel, okafor, london(2026, 12, 8, 9), patient_name="Another Day")

    response = reception.get(reverse("admin:bookings_booking_day"), {"day": "2026-12-07"})

    html = response.content.decode()
    assert "Day list: Monday 7 December 2026" in html
    order = ["Dr Amara Okafor", "Morning Okafor", "Afternoon Okafor", "Dr Priya Raman"]
    order += ["Raman Patient", "Cancelled", "Gone Away"]
    positions = [html.index(text) for text in order]
    assert positions == sorted(positions)
    assert "Another Day" not in html
    assert "<td>46</td>" in html  # born 1 January 1980
    assert "Yes: check answers" in html
    assert "css/desk.css" in html  # which hides the menus when printed


def csv_rows(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode())))


def test_the_csv_has_the_days_bookings_in_uk_time(
    reception, receptionist, peel, okafor, frozen_clock
):
    frozen_clock.move_to(london(2027, 6, 1, 8))
    login_with_second_factor(reception, receptionist)  # the first session expired meanwhile
    booking = row(
        peel,
        okafor,
        london(2027, 6, 7, 9, 30),
        patient_name="Grace Adeyemi",
        date_of_birth=london(1996, 1, 5).date(),
        needs_attention=True,
    )
    row(peel, okafor, london(2027, 6, 8, 9, 30))

    response = reception.get(reverse("admin:bookings_booking_day_csv"), {"day": "2027-06-07"})

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="bookings-2027-06-07.csv"' in response["Content-Disposition"]
    header, *rows = csv_rows(response)
    assert header == [
        "Date",
        "Time (UK)",
        "Ends (UK)",
        "Dermatologist",
        "Reference",
        "Patient",
        "Age",
        "Phone",
        "Treatment",
        "Status",
        "Safety flag",
    ]
    assert rows == [
        [
            "2027-06-07",
            "09:30",
            "10:15",
            "Dr Amara Okafor",
            booking.reference,
            "Grace Adeyemi",
            "31",
            "07700 900999",
            "Chemical peel",
            "Confirmed",
            "Yes",
        ]
    ]


@pytest.mark.parametrize(
    ("typed", "written", "phone_written"),
    [
        ('=HYPERLINK("evil.example")', '\'=HYPERLINK("evil.example")', None),
        # A real UK number is written the UK way, so it starts with 0, not +.
        ("+44 7700 900123", "'+44 7700 900123", "07700 900123"),
        ("+33 1 23 45 67 89", "'+33 1 23 45 67 89", None),
        ("-2+3", "'-2+3", None),
        ("@SUM(A1)", "'@SUM(A1)", None),
        ("\tTabbed", "'\tTabbed", None),
        ("\rReturn", "'\rReturn", None),
        ("Plain Name", "Plain Name", None),
    ],
)
def test_the_csv_cannot_smuggle_a_formula_into_a_spreadsheet(
    reception, peel, okafor, typed, written, phone_written
):
    row(peel, okafor, MONDAY_9, patient_name=typed, phone=phone_or_as_typed(typed)[0])

    response = reception.get(reverse("admin:bookings_booking_day_csv"), {"day": "2026-12-07"})

    data = csv_rows(response)[1]
    assert data[5] == written  # patient
    assert data[7] == (phone_written or written)  # phone


def test_only_staff_who_may_view_bookings_get_the_day_list_or_csv(client, peel, okafor):
    clerk = staff_user_make("clerk", group="Reception")
    clerk.groups.clear()
    clerk.user_permissions.add(Permission.objects.get(codename="view_treatment"))
    login_with_second_factor(client, clerk)

    assert client.get(reverse("admin:bookings_booking_day")).status_code == 403
    assert client.get(reverse("admin:bookings_booking_day_csv")).status_code == 403


def test_the_day_list_runs_the_same_queries_for_3_or_30_bookings(
    reception, peel, okafor, raman, django_assert_num_queries
):
    def count_queries():
        # 1 session, 1 user, 1 their two-factor device, 1 the user's own permissions,
        # 1 their groups' permissions,
        # 1 the day's bookings with their treatment and dermatologist
        with django_assert_num_queries(6):
            response = reception.get(reverse("admin:bookings_booking_day"), {"day": "2026-12-07"})
        assert response.status_code == 200

    starts = [london(2026, 12, 7, 8) + timedelta(minutes=45 * n) for n in range(16)]
    for start in starts[:3]:
        row(peel, okafor, start)
    count_queries()
    for start in starts[3:]:
        row(peel, okafor, start)
    for start in starts[:14]:
        row(peel, raman, start)
    assert Booking.objects.count() == 30
    count_queries()


def test_the_time_off_list_runs_the_same_queries_however_long(
    reception, okafor, raman, django_assert_num_queries
):
    def count_queries():
        # 1 session, 1 user, 1 their two-factor device, 1 the user's own permissions,
        # 1 their groups' permissions,
        # 1 the dermatologist filter's choices, 2 counts (filtered and all),
        # 1 the page of time off with each dermatologist, 2 the date hierarchy
        with django_assert_num_queries(11):
            assert reception.get("/admin/bookings/timeoff/").status_code == 200

    def time_off(days):
        start = london(2026, 12, 7, 9) + timedelta(days=days)
        TimeOff.objects.create(
            dermatologist=okafor if days % 2 else raman,
            starts_at=start,
            ends_at=start + timedelta(hours=3),
        )

    for days in range(3):
        time_off(days)
    count_queries()
    for days in range(3, 30):
        time_off(days)
    count_queries()
