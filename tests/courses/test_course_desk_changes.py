"""Moving or cancelling one session of a course from the desk."""

from html import unescape

import pytest

from bookings.course_services import course_sessions
from bookings.models import BookingEvent, BookingStatus
from tests.courses.helpers import STARTS
from tests.factories import london

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_clock")]


def move(reception, booking, okafor, day, **extra):
    return reception.post(
        f"/admin/bookings/booking/{booking.pk}/move/",
        {"day": day, "dermatologist": okafor.pk, "typed_time": "09:00", "_move": "1", **extra},
    )


def test_a_move_that_makes_a_gap_too_short_is_refused_plainly_and_keeps_the_reason_box(
    reception, sessions, okafor
):
    response = move(reception, sessions[2], okafor, "2027-01-18")

    assert response.status_code == 409
    html = unescape(response.content.decode())
    assert "Session 3 would be 2 weeks after session 2: too soon." in html
    assert "The booking has not moved." in html
    assert 'name="override_reason"' in html
    sessions[2].refresh_from_db()
    assert sessions[2].starts_at == STARTS[2]


def test_a_move_outside_the_plan_goes_ahead_with_a_reason_in_the_history(
    reception, receptionist, sessions, okafor
):
    response = move(
        reception, sessions[2], okafor, "2027-01-18", override_reason="Wedding on 1 February"
    )

    assert response.status_code == 302
    sessions[2].refresh_from_db()
    assert sessions[2].starts_at == london(2027, 1, 18, 9)
    event = sessions[2].events.get(kind=BookingEvent.Kind.GAP_OVERRIDDEN)
    assert event.by_user == receptionist
    assert event.detail.endswith("Reason: Wedding on 1 February")


def test_the_cancel_page_asks_whether_to_cancel_the_rest_of_the_course(reception, sessions):
    html = unescape(
        reception.get(f"/admin/bookings/booking/{sessions[1].pk}/cancel/").content.decode()
    )

    assert "This is session 2 of 4 of a course. Cancel the rest of the course too?" in html


def test_cancelling_the_rest_cancels_this_session_and_the_later_ones(reception, sessions):
    reception.post(
        f"/admin/bookings/booking/{sessions[1].pk}/cancel/",
        {"asked_by": "patient", "reason": "Moving abroad", "course": "rest"},
    )

    statuses = [s.status for s in course_sessions(sessions[0].course)]
    assert statuses == [BookingStatus.CONFIRMED] + [BookingStatus.CANCELLED] * 3


def test_cancelling_only_this_session_leaves_the_others(reception, sessions):
    reception.post(
        f"/admin/bookings/booking/{sessions[1].pk}/cancel/",
        {"asked_by": "patient", "reason": "Ill that week", "course": "this"},
    )

    statuses = [s.status for s in course_sessions(sessions[0].course)]
    assert (
        statuses
        == [BookingStatus.CONFIRMED, BookingStatus.CANCELLED] + [BookingStatus.CONFIRMED] * 2
    )


def test_the_patient_online_cannot_move_a_session_out_of_its_gaps(client, sessions):
    second = sessions[1]

    response = client.post(
        f"{second.get_absolute_url()}move/confirm/",
        {"start": london(2026, 12, 21, 9).isoformat(), "dermatologist": "any"},
        follow=True,
    )

    assert "Session 2 would be 2 weeks after session 1: too soon." in unescape(
        response.content.decode()
    )
    second.refresh_from_db()
    assert second.starts_at == STARTS[1]
