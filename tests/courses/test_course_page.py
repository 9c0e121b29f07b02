"""Reception's course page: it proposes every session, takes changes, books all or none."""

from html import unescape

import pytest

from bookings.models import Booking, BookingStatus
from tests.courses.helpers import consulted_patient, peel_plan
from tests.factories import booking_row_make, london

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_clock")]

URL = "/admin/bookings/booking/course/"


@pytest.fixture
def nadia(peel, okafor):
    peel_plan(peel)
    return consulted_patient(peel, okafor)


def proposal(reception, nadia, peel, okafor, **extra):
    return reception.get(
        URL,
        {
            "patient": nadia.pk,
            "treatment": peel.pk,
            "dermatologist": okafor.pk,
            "first_day": "2027-01-04",
            **extra,
        },
    )


def posted(nadia, peel, okafor, days, time="09:00"):
    data = {
        "patient": nadia.pk,
        "treatment": peel.pk,
        "dermatologist": okafor.pk,
        "first_day": "2027-01-04",
        "weekday": "0",
        "part_of_day": "morning",
        "_book": "Book",
    }
    for n, day in enumerate(days, start=1):
        data[f"session_{n}_day"] = day
        data[f"session_{n}_time"] = time
    return data


DAYS = ["2027-01-04", "2027-02-01", "2027-03-01", "2027-03-29"]


def test_the_patient_page_offers_to_book_a_course(reception, nadia):
    response = reception.get(f"/admin/bookings/patient/{nadia.pk}/change/")

    assert f'href="{URL}?patient={nadia.pk}"' in response.content.decode()


def test_the_page_proposes_a_time_for_every_session(reception, nadia, peel, okafor):
    response = proposal(reception, nadia, peel, okafor, weekday="0", part_of_day="afternoon")

    assert response.status_code == 200
    assert [(s["day"], s["time"]) for s in response.context["sessions"]] == [
        (day, "12:00") for day in DAYS
    ]
    html = unescape(response.content.decode())
    assert "Book a course for Nadia Haddad" in html
    assert 'name="session_4_day" value="2027-03-29"' in html


def test_booking_the_sessions_as_shown_or_changed_books_them_all(reception, nadia, peel, okafor):
    days = [*DAYS[:3], "2027-03-30"]  # reception moved the last one to the Tuesday

    response = reception.post(URL, posted(nadia, peel, okafor, days))

    assert response.status_code == 302
    assert response["Location"] == f"/admin/bookings/patient/{nadia.pk}/change/"
    starts = list(
        Booking.objects.filter(course__isnull=False)
        .order_by("starts_at")
        .values_list("starts_at", flat=True)
    )
    assert starts == [
        london(2027, 1, 4, 9),
        london(2027, 2, 1, 9),
        london(2027, 3, 1, 9),
        london(2027, 3, 30, 9),
    ]


def test_a_refused_course_books_nothing_says_which_session_and_keeps_what_was_typed(
    reception, nadia, peel, okafor
):
    booking_row_make(
        treatment=peel,
        dermatologist=okafor,
        start=london(2027, 3, 1, 9),
        status=BookingStatus.CONFIRMED,
    )

    response = reception.post(URL, posted(nadia, peel, okafor, DAYS))

    assert response.status_code == 409
    html = unescape(response.content.decode())
    assert "Session 3 (Monday 1 March 2027, 9:00am)" in html
    assert "Nothing was booked." in html
    assert 'name="session_4_day" value="2027-03-29"' in html
    assert not Booking.objects.filter(course__isnull=False).exists()


def test_a_time_that_cannot_be_read_is_refused_plainly(reception, nadia, peel, okafor):
    data = posted(nadia, peel, okafor, DAYS)
    data["session_2_time"] = "nine"

    response = reception.post(URL, data)

    assert response.status_code == 409
    html = unescape(response.content.decode())
    assert "Session 2: type a day (2027-01-04) and a time (09:30). Nothing was booked." in html
    assert 'value="nine"' in html


def test_a_visit_of_a_treatment_with_a_course_plan_offers_to_book_a_course(
    reception, nadia, peel, okafor
):
    visit = nadia.bookings.get()

    html = unescape(
        reception.get(
            f"/admin/bookings/booking/{visit.pk}/change/", {"diary": "2026-11-02"}
        ).content.decode()
    )

    assert f'href="{URL}?patient={nadia.pk}&treatment={peel.pk}&dermatologist={okafor.pk}"' in html


def test_a_treatment_without_a_course_plan_is_refused_plainly(reception, nadia, extraction, okafor):
    response = reception.get(
        URL, {"patient": nadia.pk, "treatment": extraction.pk, "dermatologist": okafor.pk}
    )

    assert "This treatment has no course plan yet: add one under Course plans first." in unescape(
        response.content.decode()
    )
