"""Times reception types: any free start on a 5-minute step, and a refusal that says why."""

from html import unescape

import pytest

from bookings.models import Booking, ClinicClosure, TimeOff
from bookings.services import NOT_FREE, SlotUnavailable, booking_create
from tests.desk.helpers import MONDAY_9, TODAY_14, move_url, row
from tests.desk.test_phone_booking import PHONE_URL, phone_answers
from tests.factories import intake_make, london, patient_make

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.usefixtures("frozen_clock"),
]


def phone_book(reception, peel, okafor, typed_time, day="2026-12-01"):
    return reception.post(
        PHONE_URL,
        phone_answers(peel, day=day, typed_time=typed_time, dermatologist=okafor.pk),
    )


def problem_of(response) -> str:
    html = response.content.decode()
    start = html.index('class="errornote desk-problem"')
    return unescape(html[start : html.index("</strong>", start)])


def test_a_phone_booking_at_a_typed_time_off_the_grid_is_booked_when_free(reception, peel, okafor):
    response = phone_book(reception, peel, okafor, "14:10")

    assert response.status_code == 302
    assert Booking.objects.get().starts_at == london(2026, 12, 1, 14, 10)


def test_a_move_to_a_typed_time_off_the_grid_is_made_when_free(reception, peel, okafor):
    booking = row(peel, okafor, MONDAY_9)

    response = reception.post(
        move_url(booking),
        {"day": "2026-12-07", "dermatologist": okafor.pk, "typed_time": "11:50", "_move": "1"},
    )

    assert response.status_code == 302
    assert Booking.objects.get().starts_at == london(2026, 12, 7, 11, 50)


def test_a_typed_time_next_to_a_booking_is_booked_and_one_over_it_says_which(
    reception, peel, okafor
):
    row(peel, okafor, TODAY_14)  # 2:00 to 2:45pm

    over = phone_book(reception, peel, okafor, "13:20")  # would end at 2:05pm
    beside = phone_book(reception, peel, okafor, "13:15")

    assert over.status_code == 409
    assert "It overlaps a booking at 2:00 to 2:45pm." in problem_of(over)
    assert beside.status_code == 302


def test_a_typed_time_off_the_5_minute_step_says_so(reception, peel, okafor):
    response = phone_book(reception, peel, okafor, "14:07")

    assert response.status_code == 409
    assert "Times go in 5-minute steps" in problem_of(response)


def test_a_typed_time_outside_working_hours_says_so(reception, peel, okafor):
    response = phone_book(reception, peel, okafor, "16:30")  # 45 minutes: ends at 5:15pm

    assert response.status_code == 409
    assert "Outside Dr Amara Okafor's working hours that day (9:00am to 5:00pm)" in problem_of(
        response
    )


def test_a_typed_time_on_a_closure_says_the_clinic_is_closed(reception, peel, okafor):
    ClinicClosure.objects.create(
        first_day=london(2026, 12, 1).date(), last_day=london(2026, 12, 1).date(), reason="Flood"
    )

    response = phone_book(reception, peel, okafor, "14:10")

    assert "The clinic is closed on Tuesday 1 December 2026 (Flood)." in problem_of(response)


def test_a_typed_time_during_time_off_says_so(reception, peel, okafor):
    TimeOff.objects.create(
        dermatologist=okafor,
        starts_at=london(2026, 12, 1, 13, 0),
        ends_at=london(2026, 12, 1, 17, 0),
        reason="Training",
    )

    response = phone_book(reception, peel, okafor, "14:10")

    assert "Dr Amara Okafor has time off then (Training" in problem_of(response)


def test_with_whoever_is_free_each_dermatologist_says_why(reception, peel, okafor, whitfield):
    row(peel, okafor, TODAY_14)
    row(peel, whitfield, london(2026, 12, 1, 14, 30))

    response = reception.post(PHONE_URL, phone_answers(peel, typed_time="14:10"))

    problem = problem_of(response)
    assert "Nobody is free then." in problem
    assert "Dr Amara Okafor: It overlaps a booking at 2:00 to 2:45pm." in problem
    assert "Dr James Whitfield: It overlaps a booking at 2:30 to 3:15pm." in problem


def test_patients_keep_the_booking_grid(peel, okafor):
    with pytest.raises(SlotUnavailable) as refused:
        booking_create(
            treatment=peel,
            start=london(2026, 12, 7, 9, 10),
            dermatologist=okafor,
            patient=patient_make(),
            intake=intake_make(),
        )

    assert refused.value.message == NOT_FREE
