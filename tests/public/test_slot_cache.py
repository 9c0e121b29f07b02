"""The slot page is kept in Redis, and never offers a taken time from there.

Whole pages are kept under the diary's version, which the database changes
with the diary (tests/test_diary_version.py); the free times of the day
picker's row are also kept under a digest of those days' diary. Each test loads the page once to
fill the cache, changes something, and loads it again.
"""

from datetime import time, timedelta

import pytest
from django.contrib.messages import INFO
from django.contrib.messages.storage.base import Message
from django.contrib.messages.storage.cookie import CookieStorage
from django.test import Client, RequestFactory
from django.urls import reverse

from bookings.change_services import booking_cancel
from bookings.models import Booking, ClinicClosure, TimeOff, WorkingHours
from bookings.public import booking_views, picker
from bookings.services import booking_create
from clinic.web.pagecache import ProcessCopies
from tests.factories import (
    booking_row_make,
    dermatologist_make,
    intake_make,
    london,
    patient_make,
)

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.usefixtures("frozen_clock"),
]

# With "first available", each time says who it is with.
NINE = 'aria-label="9:00am Dr Okafor on Monday 7 December 2026"'


@pytest.fixture
def okafor(extraction):
    return dermatologist_make(treatments=[extraction], name="Dr Amara Okafor")


def week_page(client, treatment, **query):
    response = client.get(
        reverse("bookings:slots", args=[treatment.slug]), {"week": "2026-12-07", **query}
    )
    assert response.status_code == 200
    return response.content.decode()


def test_a_page_kept_in_redis_is_served_whole_after_one_query_and_copied_here(
    client, extraction, okafor, django_assert_num_queries
):
    first = week_page(client, extraction)
    booking_views.slot_pages_here.forget()  # as in a process that has not served it

    with django_assert_num_queries(1):  # the diary's version
        assert week_page(client, extraction) == first
    assert len(booking_views.slot_pages_here.pages) == 1


def test_a_page_this_process_served_is_served_again_without_asking_redis(
    client, extraction, okafor, monkeypatch, django_assert_num_queries
):
    first = week_page(client, extraction)
    asked = []
    monkeypatch.setattr(booking_views, "cache_call", lambda *args, **kw: asked.append(args))

    with django_assert_num_queries(1):  # the diary's version, still read every time
        assert week_page(client, extraction) == first
    assert asked == []


def test_a_process_keeps_a_bounded_number_of_pages():
    copies = ProcessCopies(limit=2)
    copies.add("a", b"1")
    copies.add("b", b"2")
    copies.add("c", b"3")  # full: the older pages go

    assert (copies.get("a"), copies.get("b"), copies.get("c")) == (None, None, b"3")


def test_a_week_untouched_by_a_change_elsewhere_is_not_worked_out_again(
    client, extraction, okafor, monkeypatch
):
    first = week_page(client, extraction)
    # A booking the week after: the diary's version changes, this week's diary does not.
    booking_row_make(treatment=extraction, dermatologist=okafor, start=london(2026, 12, 16, 9, 0))

    def not_again(**kwargs):
        raise AssertionError("the same week of the same diary was worked out twice")

    monkeypatch.setattr(picker, "free_slots", not_again)

    assert week_page(client, extraction) == first


def test_a_booking_moved_around_the_models_is_seen_at_once(client, extraction, okafor):
    booking = booking_row_make(
        treatment=extraction, dermatologist=okafor, start=london(2026, 12, 7, 11, 0)
    )
    assert NINE in week_page(client, extraction)

    Booking.objects.filter(pk=booking.pk).update(
        starts_at=london(2026, 12, 7, 9, 0),
        ends_at=london(2026, 12, 7, 9, 30),
        blocked_until=london(2026, 12, 7, 9, 30),
    )

    assert NINE not in week_page(client, extraction)


def test_a_page_asked_for_with_an_odd_query_is_not_kept(
    client, extraction, okafor, django_assert_num_queries
):
    week_page(client, extraction, week="next tuesday", dermatologist="someone")

    # The version, the treatment, its dermatologists, the first free day (4: hours, time
    # off, bookings, closures) and the row's diary (the same 4): nothing from the cache.
    with django_assert_num_queries(11):
        week_page(client, extraction, week="next tuesday", dermatologist="someone")


def test_a_waiting_message_is_shown_to_its_reader_and_kept_from_everyone_else(
    client, extraction, okafor
):
    week_page(Client(), extraction)  # in the cache
    storage = CookieStorage(RequestFactory().get("/"))
    client.cookies[storage.cookie_name] = storage._encode([Message(INFO, "That time has gone.")])

    assert "That time has gone." in week_page(client, extraction)
    assert "That time has gone." not in week_page(Client(), extraction)


def test_a_time_booked_since_the_page_was_cached_is_not_offered(client, extraction, okafor):
    assert NINE in week_page(client, extraction)

    booking_create(
        treatment=extraction,
        start=london(2026, 12, 7, 9, 0),
        dermatologist=okafor,
        patient=patient_make(),
        intake=intake_make(),
    )

    assert NINE not in week_page(client, extraction)


def test_a_cancelled_booking_frees_its_time_at_once(client, extraction, okafor):
    booking = booking_row_make(
        treatment=extraction, dermatologist=okafor, start=london(2026, 12, 7, 9, 0)
    )
    assert NINE not in week_page(client, extraction)

    booking_cancel(booking=booking)

    assert NINE in week_page(client, extraction)


@pytest.mark.parametrize(
    "change",
    [
        lambda okafor: TimeOff.objects.create(
            dermatologist=okafor,
            starts_at=london(2026, 12, 7, 9, 0),
            ends_at=london(2026, 12, 7, 12, 0),
        ),
        lambda okafor: ClinicClosure.objects.create(
            first_day=london(2026, 12, 7).date(), last_day=london(2026, 12, 7).date(), reason="Shut"
        ),
        lambda okafor: WorkingHours.objects.filter(dermatologist=okafor, weekday=0).update(
            starts=time(13)
        ),
    ],
    ids=["time off", "closure", "hours"],
)
def test_any_change_to_the_diary_shows_on_the_next_load(client, extraction, okafor, change):
    assert NINE in week_page(client, extraction)

    change(okafor)

    assert NINE not in week_page(client, extraction)


def test_a_longer_appointment_is_offered_only_where_it_fits(client, extraction, okafor):
    booking_row_make(treatment=extraction, dermatologist=okafor, start=london(2026, 12, 7, 9, 30))
    assert NINE in week_page(client, extraction)  # 9:00 to 9:30 fits

    extraction.duration_minutes = 45
    extraction.save()

    assert NINE not in week_page(client, extraction)


def test_a_time_inside_the_notice_period_goes_as_the_clock_moves_on(
    client, extraction, okafor, frozen_clock
):
    wednesday_nine = 'aria-label="9:00am Dr Okafor on Wednesday 2 December 2026"'
    frozen_clock.move_to(london(2026, 12, 1, 8, 59) + timedelta(seconds=30))
    assert wednesday_nine in week_page(client, extraction, week="2026-11-30")

    frozen_clock.move_to(london(2026, 12, 1, 9, 0) + timedelta(seconds=30))

    assert wednesday_nine not in week_page(client, extraction, week="2026-11-30")


def test_first_available_and_a_chosen_dermatologist_are_kept_apart(client, extraction, okafor):
    # Okafor alone offers the treatment: both pages read the same diary.
    assert "dermatologist=any" in week_page(client, extraction)

    chosen = week_page(client, extraction, dermatologist=okafor.pk)

    assert 'aria-label="9:00am on Monday 7 December 2026 with Dr Amara Okafor"' in chosen
    assert f"dermatologist={okafor.pk}" in chosen and "dermatologist=any" not in chosen


def test_a_renamed_dermatologist_is_named_anew_beside_each_time(client, extraction, okafor):
    week_page(client, extraction, dermatologist=okafor.pk)
    okafor.name = "Dr Amara Okafor-Reid"
    okafor.save()

    assert 'aria-label="9:00am on Monday 7 December 2026 with Dr Amara Okafor-Reid"' in week_page(
        client, extraction, dermatologist=okafor.pk
    )


def test_with_redis_down_the_slot_page_works_out_the_times(client, extraction, okafor, redis_down):

    assert NINE in week_page(client, extraction)


def test_after_one_failure_the_cache_is_left_alone_for_a_while(
    client, extraction, okafor, redis_down, caplog
):
    week_page(client, extraction)
    assert "cache unavailable" in caplog.text
    caplog.clear()
    booking_views.slot_pages_here.forget()  # or the page would come from this process's copy

    assert NINE in week_page(client, extraction)
    assert "cache unavailable" not in caplog.text  # not even tried
