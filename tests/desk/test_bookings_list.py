"""The bookings list in the admin: its order, columns, filters, search, and its actions."""

import re
from datetime import UTC, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from bookings.desk.bookings_admin import BookingAdmin
from bookings.models import Booking, BookingStatus
from tests.conftest import login_with_second_factor
from tests.desk.helpers import (
    CHANGELIST,
    MONDAY_9,
    TODAY_10,
    TODAY_14,
    TOMORROW_9,
    YESTERDAY_9,
    messages_of,
    row,
)
from tests.factories import (
    NOW,
    london,
)

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.usefixtures("frozen_clock"),
]


def test_the_list_shows_today_and_upcoming_first_then_the_past_latest_first(
    reception, peel, okafor
):
    order = [
        row(peel, okafor, TODAY_10, patient_name="Today Ten"),
        row(peel, okafor, TOMORROW_9, patient_name="Tomorrow Nine"),
        row(peel, okafor, MONDAY_9, patient_name="Monday Nine"),
        row(peel, okafor, YESTERDAY_9, patient_name="Yesterday Nine"),
        row(peel, okafor, YESTERDAY_9 - timedelta(days=7), patient_name="Last Week"),
    ]
    # Earlier today counts as today, not the past.
    order.insert(0, row(peel, okafor, london(2026, 12, 1, 7, 0), patient_name="Today Seven"))

    html = reception.get(CHANGELIST).content.decode()

    positions = [html.index(booking.patient_name) for booking in order]
    assert positions == sorted(positions)


def test_page_after_page_keeps_that_order_across_today(reception, peel, okafor, monkeypatch):
    monkeypatch.setattr(BookingAdmin, "list_per_page", 2)
    names = ["Today Ten", "Tomorrow Nine", "Monday Nine", "Yesterday Nine", "Last Week"]
    starts = [TODAY_10, TOMORROW_9, MONDAY_9, YESTERDAY_9, YESTERDAY_9 - timedelta(days=7)]
    for name, start in zip(names, starts, strict=True):
        row(peel, okafor, start, patient_name=name)

    seen = []
    for page in (1, 2, 3):
        html = reception.get(CHANGELIST, {"p": page}).content.decode()
        seen += sorted((html.index(name), name) for name in names if name in html)

    assert [name for _, name in seen] == names


def test_a_column_chosen_to_sort_by_orders_the_whole_list(reception, peel, okafor, monkeypatch):
    monkeypatch.setattr(BookingAdmin, "list_per_page", 2)
    for name, start in [("Cara", TOMORROW_9), ("Abel", YESTERDAY_9), ("Bea", MONDAY_9)]:
        row(peel, okafor, start, patient_name=name)

    html = reception.get(CHANGELIST, {"o": "3"}).content.decode()  # by patient name

    assert "Abel" in html and "Bea" in html and "Cara" not in html
    assert html.index("Abel") < html.index("Bea")


def test_the_list_shows_what_the_desk_needs_in_uk_time(
    reception, receptionist, peel, okafor, frozen_clock
):
    frozen_clock.move_to(london(2027, 6, 1, 8, 0))
    login_with_second_factor(reception, receptionist)  # the first session expired meanwhile
    booking = row(
        peel, okafor, london(2027, 6, 7, 9, 0), patient_name="Grace Adeyemi", needs_attention=True
    )

    html = reception.get(CHANGELIST).content.decode()

    assert booking.starts_at.astimezone(UTC).hour == 8  # 08:00 UTC is 9am in summer time
    assert "Mon 7 Jun 2027, 9:00am" in html
    for text in [booking.reference, "Grace Adeyemi", "Chemical peel", "Dr Amara Okafor"]:
        assert text in html
    assert "Confirmed" in html
    assert '<strong class="desk-flag">Check answers</strong>' in html


def _result_names(response) -> set[str]:
    return {booking.patient_name for booking in response.context["cl"].result_list}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"day": "today"}, {"Today"}),
        ({"day": "tomorrow"}, {"Tomorrow"}),
        ({"day": "this_week"}, {"Today", "Tomorrow", "Yesterday", "Old request"}),
        ({"day": "next_week"}, {"Next Monday", "Fresh request"}),
        ({"waiting": "over_a_day"}, {"Old request"}),
        ({"needs_attention__exact": "1"}, {"Tomorrow"}),
        ({"status__exact": "cancelled"}, {"Yesterday"}),
        ({"q": "07700 900111"}, {"Today"}),
        ({"q": "next.monday@example.com"}, {"Next Monday"}),
    ],
)
def test_the_list_filters_and_searches(reception, peel, okafor, query, expected):
    row(peel, okafor, TODAY_10, patient_name="Today", phone="07700 900111")
    row(peel, okafor, TOMORROW_9, patient_name="Tomorrow", needs_attention=True)
    row(peel, okafor, YESTERDAY_9, patient_name="Yesterday", status="cancelled")
    row(peel, okafor, MONDAY_9, patient_name="Next Monday", email="next.monday@example.com")
    row(
        peel,
        okafor,
        london(2026, 12, 3, 11),
        patient_name="Old request",
        status="requested",
        created_at=NOW - timedelta(hours=25),
    )
    row(
        peel,
        okafor,
        london(2026, 12, 8, 11),
        patient_name="Fresh request",
        status="requested",
        created_at=NOW - timedelta(hours=23),
    )

    assert _result_names(reception.get(CHANGELIST, query)) == expected


def test_the_list_finds_a_booking_by_its_reference(reception, peel, okafor):
    wanted = row(peel, okafor, TODAY_10, patient_name="Wanted")
    row(peel, okafor, TODAY_14, patient_name="Other")

    assert _result_names(reception.get(CHANGELIST, {"q": wanted.reference})) == {"Wanted"}


def test_the_list_runs_the_same_queries_for_3_or_30_bookings(
    reception, peel, okafor, django_assert_num_queries
):
    def count_queries():
        # 1 session, 1 user, 1 their two-factor device, 1 the user's own permissions,
        # 1 their groups' permissions,
        # 1 the treatment filter's choices, 1 the dermatologist filter's choices,
        # 1 count of the filtered rows (not of all rows: show_full_result_count),
        # 1 the page of bookings with their treatment and dermatologist,
        # 1 the page's emails, for the "last email" column,
        # 2 the date hierarchy (first and last booking, then the days that have any;
        #   over several years, the first and last booking again, for the years)
        with django_assert_num_queries(12):
            response = reception.get(CHANGELIST)
        assert response.status_code == 200

    for hour in (9, 10, 11):
        row(peel, okafor, london(2026, 12, 7, hour))
    count_queries()
    for day in range(8, 17):
        for hour in (9, 10, 11):
            row(peel, okafor, london(2026, 12, day, hour))
    assert Booking.objects.count() == 30
    count_queries()


def test_the_date_links_give_every_year_from_the_first_booking_to_the_last_without_a_scan(
    reception, peel, okafor
):
    # Spread over three years, so the admin starts at the years level.
    row(peel, okafor, london(2025, 3, 3, 9), status=BookingStatus.COMPLETED)
    row(peel, okafor, london(2027, 2, 1, 9))

    with CaptureQueriesContext(connection) as queries:
        html = reception.get(CHANGELIST).content.decode()

    years = re.findall(r"starts_at__year=(\d{4})", html)
    assert sorted(set(years)) == ["2025", "2026", "2027"]
    # Django reads the years with a DISTINCT over every booking ever made.
    assert not [q["sql"] for q in queries if "DISTINCT" in q["sql"]]


def test_bookings_cannot_be_added_as_raw_rows_nor_deleted(reception, peel, okafor):
    booking = row(peel, okafor, MONDAY_9)

    add = reception.get("/admin/bookings/booking/add/").content.decode()
    assert 'name="starts_at"' not in add
    assert "Book by phone" in add
    assert reception.get(f"/admin/bookings/booking/{booking.pk}/delete/").status_code == 403


# Actions on the list


def act(client, action, bookings, **extra):
    return client.post(
        CHANGELIST,
        {"action": action, "_selected_action": [b.pk for b in bookings], "index": 0, **extra},
        follow=True,
    )


def test_confirming_from_the_list_reports_each_booking_done_and_refused(
    reception, receptionist, peel, okafor
):
    waiting = row(peel, okafor, MONDAY_9, status="requested", patient_name="Sarah Thompson")
    gone = row(peel, okafor, TOMORROW_9, status="cancelled", patient_name="Tom Walsh")

    response = act(reception, "booking_confirm", [waiting, gone])

    assert response.status_code == 200
    waiting.refresh_from_db()
    assert waiting.status == BookingStatus.CONFIRMED
    assert waiting.events.get().by_user == receptionist
    assert Booking.objects.get(pk=gone.pk).status == BookingStatus.CANCELLED
    assert messages_of(response) == [
        f"Confirmed: {waiting.reference} Sarah Thompson (Mon 7 Dec, 9:00am).",
        f"{gone.reference} Tom Walsh (Wed 2 Dec, 9:00am): Cannot confirm: it has been cancelled.",
    ]


@pytest.mark.parametrize(
    ("action", "status", "start", "after"),
    [
        ("booking_arrived", "confirmed", TODAY_10, BookingStatus.ARRIVED),
        ("booking_completed", "arrived", TODAY_10, BookingStatus.COMPLETED),
        ("booking_no_show", "confirmed", london(2026, 12, 1, 7, 0), BookingStatus.NO_SHOW),
    ],
)
def test_each_day_action_goes_through_its_service(
    reception, receptionist, peel, okafor, action, status, start, after
):
    booking = row(peel, okafor, start, status=status)

    response = act(reception, action, [booking])

    booking.refresh_from_db()
    assert booking.status == after
    assert booking.events.get().by_user == receptionist
    assert len(messages_of(response)) == 1


@pytest.mark.parametrize(
    ("action", "message"),
    [
        (
            "booking_arrived",
            "Cannot mark arrived: the appointment is on Monday 7 December, not today.",
        ),
        ("booking_completed", "Cannot mark completed: the appointment has not started yet."),
        ("booking_no_show", "Cannot mark no-show: the appointment has not started yet."),
    ],
)
def test_a_refused_day_action_is_a_message_not_an_error(reception, peel, okafor, action, message):
    booking = row(peel, okafor, MONDAY_9)

    response = act(reception, action, [booking])

    assert response.status_code == 200
    assert messages_of(response) == [
        f"{booking.reference} Existing Patient (Mon 7 Dec, 9:00am): {message}"
    ]
    assert Booking.objects.get().status == BookingStatus.CONFIRMED


def test_cancelling_from_the_list_first_asks_why(reception, peel, okafor):
    bookings = [row(peel, okafor, MONDAY_9), row(peel, okafor, TOMORROW_9)]

    response = act(reception, "booking_cancel_action", bookings)

    html = response.content.decode()
    assert "Why is it cancelled?" in html
    assert html.count('name="_selected_action"') == 2
    assert not Booking.objects.filter(status=BookingStatus.CANCELLED).exists()


def test_cancelling_without_a_reason_asks_again_and_cancels_nothing(reception, peel, okafor):
    booking = row(peel, okafor, MONDAY_9)

    response = act(reception, "booking_cancel_action", [booking], apply="1", reason="  ")

    assert response.status_code == 400
    assert "Give the reason for cancelling." in response.content.decode()
    assert Booking.objects.get().status == BookingStatus.CONFIRMED


def test_cancelling_with_a_reason_cancels_each_and_reports_the_refusals(
    reception, receptionist, peel, okafor
):
    booking = row(peel, okafor, MONDAY_9)
    done = row(peel, okafor, YESTERDAY_9, status="completed")

    response = act(
        reception,
        "booking_cancel_action",
        [booking, done],
        apply="1",
        asked_by="clinic",
        reason="Dr Okafor is ill",
    )

    booking.refresh_from_db()
    assert booking.status == BookingStatus.CANCELLED
    assert (booking.cancelled_by, booking.cancelled_by_user) == ("clinic", receptionist)
    assert booking.cancellation_reason == "Dr Okafor is ill"
    assert booking.events.get().detail == "By the clinic: Dr Okafor is ill"
    assert Booking.objects.get(pk=done.pk).status == BookingStatus.COMPLETED
    assert messages_of(response) == [
        f"Cancelled: {booking.reference} Existing Patient (Mon 7 Dec, 9:00am).",
        f"{done.reference} Existing Patient (Mon 30 Nov, 9:00am): "
        "This appointment has already taken place.",
    ]


def test_each_rows_checkbox_is_exactly_the_one_django_would_render(reception, peel, okafor):
    from django.contrib import admin

    booking = row(peel, okafor, MONDAY_9, patient_name="Sam <b>O'Neil</b>")
    django_own = admin.ModelAdmin(Booking, admin.site).action_checkbox(booking)

    html = reception.get(CHANGELIST).content.decode()

    assert django_own in html
