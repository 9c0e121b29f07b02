"""The reception desk in the admin: roles, the bookings list, actions, phone bookings, moves,
staff notes, bookings hit by time off or closures, the day list and its CSV."""

import csv
import io
import re
from datetime import UTC, timedelta
from unittest import mock

import pytest
from django.contrib.auth.models import Group, Permission
from django.contrib.messages import get_messages
from django.core.management import call_command
from django.urls import reverse

from bookings.desk.bookings_admin import BookingAdmin
from bookings.models import Booking, BookingEvent, BookingStatus, ClinicClosure, TimeOff
from bookings.selectors import bookings_affected_by_closure, bookings_affected_by_time_off
from tests.conftest import login_with_second_factor
from tests.factories import (
    NOW,
    booking_row_make,
    london,
    staff_user_make,
    treatment_make,
)

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.usefixtures("frozen_clock"),
    pytest.mark.usefixtures("frozen_clock"),
]

TODAY_10 = london(2026, 12, 1, 10, 0)
TODAY_14 = london(2026, 12, 1, 14, 0)
TOMORROW_9 = london(2026, 12, 2, 9, 0)
YESTERDAY_9 = london(2026, 11, 30, 9, 0)
MONDAY_9 = london(2026, 12, 7, 9, 0)

CHANGELIST = "/admin/bookings/booking/"


def row(peel, okafor, start, **fields):
    return booking_row_make(treatment=peel, dermatologist=okafor, start=start, **fields)


def messages_of(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def change_url(booking) -> str:
    return reverse("admin:bookings_booking_change", args=[booking.pk])


# Who may do what


@pytest.mark.parametrize(
    "url",
    ["/admin/auth/user/", "/admin/auth/group/", "/admin/auth/user/add/", "/admin/auth/group/add/"],
)
def test_reception_cannot_see_or_change_users_or_permissions(reception, url):
    assert reception.get(url).status_code == 403


def test_reception_edits_the_guide_but_cannot_delete_it(receptionist):
    for model in ["page", "section", "faq", "source", "reviewer"]:
        for action in ["view", "add", "change"]:
            assert receptionist.has_perm(f"education.{action}_{model}"), (action, model)
        assert not receptionist.has_perm(f"education.delete_{model}")


def test_reception_reaches_the_guide_and_the_desk_pages(reception):
    for url in [
        "/admin/education/page/",
        "/admin/education/faq/add/",
        CHANGELIST,
        "/admin/bookings/treatment/",
        "/admin/bookings/dermatologist/",
        "/admin/bookings/timeoff/add/",
        "/admin/bookings/clinicclosure/add/",
    ]:
        assert reception.get(url).status_code == 200, url


def test_a_dermatologist_cannot_open_the_admin_at_all(client, okafor):
    okafor.user.groups.add(Group.objects.get(name="Dermatologists"))
    login_with_second_factor(client, okafor.user)

    for url in ["/admin/", CHANGELIST, "/admin/bookings/booking/add/"]:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response.url.startswith("/admin/login/")

    # Nor by signing in to the admin with their password.
    client.logout()
    response = client.post(
        "/admin/login/", {"username": okafor.user.username, "password": "a-long-test-password"}
    )
    assert response.status_code == 200
    assert "Please enter the correct username and password for a staff account" in (
        response.content.decode()
    )


def test_the_dermatologists_group_grants_nothing_in_the_admin():
    assert not Group.objects.get(name="Dermatologists").permissions.exists()


def test_the_demo_logins_belong_to_their_roles_and_okafor_is_not_staff():
    call_command("demo_data", stdout=io.StringIO())
    from django.contrib.auth.models import User

    reception = User.objects.get(username="reception")
    okafor = User.objects.get(username="dr.okafor")
    assert reception.is_staff and list(reception.groups.values_list("name", flat=True)) == [
        "Reception"
    ]
    assert not okafor.is_staff and not okafor.is_superuser
    assert list(okafor.groups.values_list("name", flat=True)) == ["Dermatologists"]
    assert okafor.check_password("kingsway-okafor-demo")
    assert okafor.dermatologist.name == "Dr Amara Okafor"


def test_the_demo_data_says_where_each_login_signs_in():
    out = io.StringIO()
    call_command("demo_data", stdout=out)

    lines = out.getvalue().splitlines()
    assert any("reception" in line and line.endswith("/admin/") for line in lines)
    assert any("dr.okafor" in line and line.endswith("/staff/login/") for line in lines)


# The bookings list


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
        # 1 count of the filtered rows, 1 count of all rows ("3 of 30"),
        # 1 the page of bookings with their treatment and dermatologist,
        # 1 the page's emails, for the "last email" column,
        # 2 the date hierarchy (first and last booking, then the days that have any)
        with django_assert_num_queries(13):
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
        reason="Dr Okafor is ill",
    )

    booking.refresh_from_db()
    assert booking.status == BookingStatus.CANCELLED
    assert (booking.cancelled_by, booking.cancelled_by_user) == ("clinic", receptionist)
    assert booking.cancellation_reason == "Dr Okafor is ill"
    assert booking.events.get().detail == "Dr Okafor is ill"
    assert Booking.objects.get(pk=done.pk).status == BookingStatus.COMPLETED
    assert messages_of(response) == [
        f"Cancelled: {booking.reference} Existing Patient (Mon 7 Dec, 9:00am).",
        f"{done.reference} Existing Patient (Mon 30 Nov, 9:00am): "
        "This appointment has already taken place.",
    ]


# The change page


def test_the_change_page_acts_on_one_booking_through_the_same_services(
    reception, receptionist, peel, okafor
):
    booking = row(peel, okafor, MONDAY_9, status="requested")
    status_url = reverse("admin:bookings_booking_status", args=[booking.pk])

    html = reception.get(change_url(booking)).content.decode()
    assert f'action="{status_url}"' in html
    assert 'value="confirm"' in html

    response = reception.post(status_url, {"do": "confirm"}, follow=True)
    booking.refresh_from_db()
    assert booking.status == BookingStatus.CONFIRMED
    assert messages_of(response) == [
        f"Confirmed: {booking.reference} Existing Patient (Mon 7 Dec, 9:00am)."
    ]

    again = reception.post(status_url, {"do": "confirm"}, follow=True)
    assert again.status_code == 200
    assert messages_of(again)[-1].endswith("Cannot confirm: it is already confirmed.")
    assert reception.get(status_url).status_code == 405


def test_one_booking_is_cancelled_from_its_change_page_with_a_reason(
    reception, receptionist, peel, okafor
):
    booking = row(peel, okafor, MONDAY_9)
    url = reverse("admin:bookings_booking_cancel", args=[booking.pk])

    assert "Why is it cancelled?" in reception.get(url).content.decode()
    response = reception.post(url, {"reason": "Patient phoned: feeling better"})

    assert response.status_code == 302
    booking.refresh_from_db()
    assert booking.status == BookingStatus.CANCELLED
    assert booking.cancellation_reason == "Patient phoned: feeling better"


def test_time_and_dermatologist_are_read_only_and_staff_notes_are_saved(reception, peel, okafor):
    booking = row(peel, okafor, MONDAY_9, status="requested")

    html = reception.get(change_url(booking)).content.decode()
    for field in ["starts_at", "ends_at", "dermatologist", "treatment", "status", "email"]:
        assert f'name="{field}"' not in html, field
    assert 'name="staff_notes"' in html

    loaded = BookingAdmin.get_object

    def confirmed_meanwhile(model_admin, request, object_id, from_field=None):
        # A colleague confirms it between this page loading the row and saving it.
        booking = loaded(model_admin, request, object_id, from_field)
        Booking.objects.filter(pk=booking.pk).update(status=BookingStatus.CONFIRMED)
        return booking

    with mock.patch.object(BookingAdmin, "get_object", confirmed_meanwhile):
        response = reception.post(
            change_url(booking),
            {"staff_notes": "Needs a chaperone.", "starts_at": "2026-12-25 09:00", "_save": "Save"},
        )

    assert response.status_code == 302
    booking.refresh_from_db()
    assert booking.staff_notes == "Needs a chaperone."
    assert (booking.status, booking.starts_at) == (BookingStatus.CONFIRMED, MONDAY_9)


def test_staff_notes_never_reach_the_patients_page(reception, client, peel, okafor):
    booking = row(peel, okafor, MONDAY_9, staff_notes="Anxious about needles.")

    html = client.get(booking.get_absolute_url()).content.decode()

    assert booking.reference in html
    assert "Anxious about needles" not in html


def test_the_change_page_shows_the_history_read_only(reception, receptionist, peel, okafor):
    booking = row(peel, okafor, MONDAY_9, status="requested")
    BookingEvent.objects.create(booking=booking, kind="created", at=NOW - timedelta(days=1))
    receptionist.first_name, receptionist.last_name = "Jo", "Desk"
    receptionist.save()
    BookingEvent.objects.create(
        booking=booking, kind="moved", at=NOW, by_user=receptionist, detail="from Fri 4 Dec"
    )

    html = reception.get(change_url(booking)).content.decode()

    history = html[html.index('class="booking-history"') :]
    assert re.search(
        r"<td>Booked</td><td>Monday 30 November 2026, 8:00am</td><td>The patient", history
    )
    assert re.search(
        r"<td>Moved</td><td>Tuesday 1 December 2026, 8:00am</td><td>Jo Desk</td><td>from Fri 4 Dec",
        history,
    )
    assert "<input" not in history.split("</table>")[0]


# Phone bookings


PHONE_URL = "/admin/bookings/booking/add/"


def phone_answers(treatment, **overrides):
    answers = {
        "treatment": treatment.pk,
        "day": "2026-12-01",
        "dermatologist": "",
        "typed_time": "",
        "patient_name": "Mohammed Khan",
        "date_of_birth": "30/09/1975",
        "email": "m.khan@example.com",
        "phone": "07700 900456",
        "areas": ["nose"],
        "how_long": "over_1_year",
        "how_many": "1_to_5",
        "tried_home_removal": "yes",
        "warning_signs": ["changing"],
        "pregnancy": "no",
        "consent_by_phone": "on",
        "submission_key": "0f7f3f6e-5a0c-4d43-9a52-111111111111",
        "_book": "Book this appointment",
    }
    answers.update(overrides)
    return {key: value for key, value in answers.items() if value is not None}


def test_a_phone_booking_for_later_today_is_accepted(reception, receptionist, peel, okafor):
    response = reception.post(
        PHONE_URL, phone_answers(peel, typed_time="14:00", dermatologist=okafor.pk)
    )

    booking = Booking.objects.get()
    assert response.status_code == 302
    assert response.url == change_url(booking)
    assert (booking.starts_at, booking.dermatologist) == (TODAY_14, okafor)
    assert booking.created_by == receptionist
    assert booking.status == BookingStatus.REQUESTED
    assert booking.needs_attention is True
    assert booking.areas == ["nose"] and booking.tried_home_removal is True
    event = booking.events.get()
    assert (event.kind, event.by_user, event.detail) == (
        BookingEvent.Kind.CREATED,
        receptionist,
        "Privacy consent given by phone.",
    )


def test_a_phone_booking_posted_twice_books_once(reception, peel, okafor):
    reception.post(PHONE_URL, phone_answers(peel, typed_time="14:00"))
    second = reception.post(PHONE_URL, phone_answers(peel, typed_time="14:00"))

    assert second.status_code == 302
    assert Booking.objects.count() == 1


def test_a_phone_booking_over_another_is_refused_with_the_nearest_times_and_keeps_the_answers(
    reception, peel, okafor
):
    row(peel, okafor, TODAY_14)

    response = reception.post(
        PHONE_URL,
        phone_answers(peel, typed_time="14:15", dermatologist=okafor.pk, note="Prefers mornings"),
    )

    html = response.content.decode()
    assert response.status_code == 409
    assert Booking.objects.count() == 1
    assert (
        "Tuesday 1 December 2026, 2:15pm: Sorry, that time is no longer free. "
        "Please choose another time." in html
    )
    assert "Nothing has been booked yet" in html
    assert re.findall(r'name="choose" value="([^"]+)"', html) == [
        "2026-12-01T13:15:00+00:00",
        "2026-12-01T14:45:00+00:00",
        "2026-12-01T15:00:00+00:00",
    ]
    for kept in ['value="Mohammed Khan"', 'value="m.khan@example.com"', "Prefers mornings"]:
        assert kept in html
    assert re.search(r'value="over_1_year"[^>]*checked', html)
    assert re.search(r'name="consent_by_phone"[^>]*checked', html)


def test_choosing_one_of_the_nearest_times_books_it(reception, peel, okafor):
    row(peel, okafor, TODAY_14)

    reception.post(
        PHONE_URL,
        phone_answers(
            peel, typed_time="14:15", dermatologist=okafor.pk, choose="2026-12-01T14:45:00+00:00"
        ),
    )

    assert Booking.objects.filter(patient_name="Mohammed Khan").get().starts_at == london(
        2026, 12, 1, 14, 45
    )


def test_show_free_times_lists_the_days_times_without_complaining_about_the_rest(
    reception, peel, okafor, raman
):
    row(peel, okafor, TODAY_10)

    response = reception.post(
        PHONE_URL,
        {"treatment": peel.pk, "day": "2026-12-01", "patient_name": "Half typed", "_show": "1"},
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert "errorlist" not in html
    assert 'value="Half typed"' in html
    times = dict(re.findall(r'value="(2026-12-01T[^"]+)"[^>]*>\s*([^<]+)', html))
    # 10am is taken for Dr Okafor, so only Dr Raman is free then; 8am has passed.
    assert times["2026-12-01T10:00:00+00:00"].strip() == "10:00am · Dr Priya Raman"
    assert times["2026-12-01T11:00:00+00:00"].strip() == "11:00am · Dr Amara Okafor, Dr Priya Raman"
    assert "2026-12-01T08:00:00+00:00" not in times


def test_a_time_picked_from_the_list_is_booked(reception, peel, okafor):
    reception.post(PHONE_URL, phone_answers(peel, slot="2026-12-01T15:30:00+00:00"))

    assert Booking.objects.get().starts_at == london(2026, 12, 1, 15, 30)


def test_the_phone_form_asks_for_a_time_consent_and_the_intake_answers(reception, peel, okafor):
    response = reception.post(
        PHONE_URL, phone_answers(peel, consent_by_phone=None, how_many=None, areas=None)
    )

    html = response.content.decode()
    assert Booking.objects.count() == 0
    assert "Ask the patient for their consent and tick the box." in html
    assert "Choose roughly how many there are." in html
    assert "Choose where the bumps are." in html

    no_time = reception.post(PHONE_URL, phone_answers(peel))
    assert "Choose one of the free times, or type a time." in no_time.content.decode()
    assert Booking.objects.count() == 0


def test_the_phone_form_refuses_a_dermatologist_who_does_not_offer_the_treatment(
    reception, peel, okafor
):
    laser = treatment_make(name="Laser treatment")

    response = reception.post(
        PHONE_URL, phone_answers(laser, typed_time="14:00", dermatologist=okafor.pk)
    )

    assert "Dr Amara Okafor does not offer Laser treatment." in response.content.decode()
    assert Booking.objects.count() == 0


# Moving a booking


def move_url(booking) -> str:
    return reverse("admin:bookings_booking_move", args=[booking.pk])


def test_the_change_page_links_to_the_move_step(reception, peel, okafor):
    booking = row(peel, okafor, MONDAY_9)

    assert move_url(booking) in reception.get(change_url(booking)).content.decode()


def test_the_move_step_shows_the_days_free_times_for_the_treatment(reception, peel, okafor):
    booking = row(peel, okafor, MONDAY_9)
    row(peel, okafor, london(2026, 12, 7, 11, 0))

    html = reception.get(move_url(booking)).content.decode()

    times = re.findall(r'name="slot" value="([^"]+)"', html)
    assert "2026-12-07T09:15:00+00:00" in times  # overlapping its own time is fine
    assert "2026-12-07T10:15:00+00:00" in times
    assert "2026-12-07T10:30:00+00:00" not in times  # would run into 11:00
    assert "2026-12-07T11:00:00+00:00" not in times


def test_moving_to_a_free_time_goes_through_the_move_service(
    reception, receptionist, peel, okafor, raman
):
    booking = row(peel, okafor, MONDAY_9)

    response = reception.post(
        move_url(booking),
        {"day": "2026-12-01", "dermatologist": raman.pk, "typed_time": "15:00", "_move": "1"},
        follow=True,
    )

    booking.refresh_from_db()
    assert (booking.starts_at, booking.dermatologist) == (london(2026, 12, 1, 15), raman)
    assert booking.sequence == 1
    event = booking.events.get()
    assert (event.kind, event.by_user) == (BookingEvent.Kind.MOVED, receptionist)
    assert messages_of(response) == [
        f"{booking.reference} Existing Patient is now on Tuesday 1 December 2026 at 3:00pm "
        "with Dr Priya Raman."
    ]


def test_moving_onto_another_booking_is_refused_with_the_nearest_times(reception, peel, okafor):
    booking = row(peel, okafor, MONDAY_9)
    row(peel, okafor, london(2026, 12, 7, 11, 0))

    response = reception.post(
        move_url(booking),
        {"day": "2026-12-07", "dermatologist": okafor.pk, "typed_time": "11:15", "_move": "1"},
    )

    html = response.content.decode()
    assert response.status_code == 409
    assert "Sorry, that time is no longer free." in html
    assert "The booking has not moved." in html
    assert 'name="choose"' in html
    assert Booking.objects.get(pk=booking.pk).starts_at == MONDAY_9


def test_a_booking_that_cannot_move_says_why(reception, peel, okafor):
    booking = row(peel, okafor, YESTERDAY_9, status="completed")

    response = reception.post(
        move_url(booking),
        {"day": "2026-12-07", "typed_time": "11:00", "_move": "1"},
    )

    assert response.status_code == 409
    assert "This appointment has already taken place." in response.content.decode()


# Time off and closures over existing bookings


def test_the_affected_bookings_are_the_active_ones_that_overlap(peel, okafor, raman):
    inside = row(peel, okafor, london(2026, 12, 7, 10, 0))
    row(peel, okafor, london(2026, 12, 7, 11, 0), status="cancelled")
    row(peel, okafor, london(2026, 12, 7, 13, 0))  # starts as the time off ends
    row(peel, okafor, london(2026, 12, 7, 9, 0))  # 9:00-9:45, ends before it starts
    row(peel, raman, london(2026, 12, 7, 10, 0))  # someone else
    time_off = TimeOff.objects.create(
        dermatologist=okafor,
        starts_at=london(2026, 12, 7, 9, 45),
        ends_at=london(2026, 12, 7, 13, 0),
    )

    assert list(bookings_affected_by_time_off(time_off)) == [inside]


def test_a_closure_affects_everyones_active_bookings_on_its_uk_days(
    peel, okafor, raman, frozen_clock
):
    frozen_clock.move_to(london(2027, 5, 1, 8, 0))
    first = row(peel, okafor, london(2027, 5, 3, 9, 0))
    second = row(peel, raman, london(2027, 5, 3, 16, 0))
    row(peel, okafor, london(2027, 5, 4, 0, 30))  # the next day in the UK
    row(peel, okafor, london(2027, 5, 2, 23, 0))  # the day before, 22:00 UTC
    closure = ClinicClosure.objects.create(
        first_day=london(2027, 5, 3).date(),
        last_day=london(2027, 5, 3).date(),
        reason="Bank holiday",
    )

    assert list(bookings_affected_by_closure(closure)) == [first, second]


def test_adding_time_off_over_bookings_lists_them_with_links(reception, peel, okafor):
    booking = row(peel, okafor, london(2026, 12, 7, 10, 0), patient_name="Grace Adeyemi")

    response = reception.post(
        "/admin/bookings/timeoff/add/",
        {
            "dermatologist": okafor.pk,
            "starts_at_0": "2026-12-07",
            "starts_at_1": "09:00",
            "ends_at_0": "2026-12-08",
            "ends_at_1": "00:00",
            "reason": "Training",
        },
        follow=True,
    )

    warning = next(m for m in messages_of(response) if "overlaps" in m)
    assert "overlaps 1 active booking" in warning
    assert change_url(booking) in warning
    assert move_url(booking) in warning
    time_off = TimeOff.objects.get()
    section = reception.get(f"/admin/bookings/timeoff/{time_off.pk}/change/").content.decode()
    assert "Grace Adeyemi" in section and move_url(booking) in section


def test_adding_time_off_on_the_dermatologists_page_warns_too(reception, peel, okafor):
    booking = row(peel, okafor, london(2026, 12, 7, 10, 0))
    data = {
        "name": okafor.name,
        "gmc_number": okafor.gmc_number,
        "treatments": [peel.pk],
        "is_active": "on",
        "working_hours-TOTAL_FORMS": "0",
        "working_hours-INITIAL_FORMS": "0",
        "time_off-TOTAL_FORMS": "1",
        "time_off-INITIAL_FORMS": "0",
        "time_off-0-starts_at_0": "2026-12-07",
        "time_off-0-starts_at_1": "09:00",
        "time_off-0-ends_at_0": "2026-12-07",
        "time_off-0-ends_at_1": "17:00",
        "time_off-0-reason": "Conference",
    }

    response = reception.post(
        f"/admin/bookings/dermatologist/{okafor.pk}/change/", data, follow=True
    )

    assert TimeOff.objects.count() == 1
    assert any(move_url(booking) in m for m in messages_of(response))


def test_adding_a_closure_over_bookings_lists_them(reception, peel, okafor):
    booking = row(peel, okafor, london(2026, 12, 7, 10, 0))

    response = reception.post(
        "/admin/bookings/clinicclosure/add/",
        {"first_day": "07/12/2026", "last_day": "07/12/2026", "reason": "Burst pipe"},
        follow=True,
    )

    assert ClinicClosure.objects.filter(reason="Burst pipe").exists()
    assert any(
        "overlaps 1 active booking" in m and move_url(booking) in m for m in messages_of(response)
    )


def test_time_off_over_no_bookings_says_nothing_extra(reception, okafor):
    response = reception.post(
        "/admin/bookings/timeoff/add/",
        {
            "dermatologist": okafor.pk,
            "starts_at_0": "2026-12-07",
            "starts_at_1": "09:00",
            "ends_at_0": "2026-12-07",
            "ends_at_1": "17:00",
        },
        follow=True,
    )

    assert not any("overlaps" in m for m in messages_of(response))


# The day list and its CSV


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
    ("typed", "written"),
    [
        ('=HYPERLINK("evil.example")', '\'=HYPERLINK("evil.example")'),
        ("+44 7700 900123", "'+44 7700 900123"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tTabbed", "'\tTabbed"),
        ("\rReturn", "'\rReturn"),
        ("Plain Name", "Plain Name"),
    ],
)
def test_the_csv_cannot_smuggle_a_formula_into_a_spreadsheet(
    reception, peel, okafor, typed, written
):
    row(peel, okafor, MONDAY_9, patient_name=typed, phone=typed)

    response = reception.get(reverse("admin:bookings_booking_day_csv"), {"day": "2026-12-07"})

    data = csv_rows(response)[1]
    assert data[5] == written  # patient
    assert data[7] == written  # phone


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
