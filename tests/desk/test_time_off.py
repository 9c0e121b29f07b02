"""Time off and closures over bookings that already exist."""

import pytest

from bookings.models import ClinicClosure, TimeOff
from bookings.selectors import bookings_affected_by_closure, bookings_affected_by_time_off
from tests.desk.helpers import (
    change_url,
    messages_of,
    move_url,
    row,
)
from tests.factories import (
    london,
)

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.usefixtures("frozen_clock"),
]


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
