"""The clinic day on the dermatologist's schedule: the day as it is, arrivals, and marking
visits arrived, completed or no-show through the same services as reception."""

from datetime import time

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from bookings.day_services import booking_mark_arrived
from bookings.models import BookingEvent, BookingStatus, ClinicClosure, TimeOff, TreatmentRecord
from tests.conftest import login_with_second_factor
from tests.factories import booking_row_make, dermatologist_make, london, patient_record_make

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_clock")]

TUESDAY_WITH_LUNCH = {1: [(time(9), time(12, 30)), (time(13, 30), time(17))]}


@pytest.fixture
def okafor(peel):
    hours = {day: [(time(9), time(17))] for day in range(5)} | TUESDAY_WITH_LUNCH
    dermatologist = dermatologist_make(treatments=[peel], name="Dr Amara Okafor", hours=hours)
    dermatologist.user.groups.add(Group.objects.get(name="Dermatologists"))
    return dermatologist


@pytest.fixture
def signed_in(client, okafor):
    return login_with_second_factor(client, okafor.user)


def row(peel, dermatologist, start, **fields):
    return booking_row_make(treatment=peel, dermatologist=dermatologist, start=start, **fields)


def day_page(client, day: str = "2026-12-01") -> str:
    response = client.get(reverse("staff:schedule"), {"day": day})
    assert response.status_code == 200
    return response.content.decode()


def act(client, booking, action: str):
    return client.post(
        reverse("staff:booking_status", args=[booking.reference]), {"action": action}, follow=True
    )


# The day as it is


def test_the_day_shows_hours_breaks_time_off_and_flags_bookings_outside_them(
    signed_in, peel, okafor
):
    TimeOff.objects.create(
        dermatologist=okafor,
        starts_at=london(2026, 12, 1, 15),
        ends_at=london(2026, 12, 1, 17),
        reason="Training",
    )
    row(peel, okafor, london(2026, 12, 1, 9), patient_name="In Hours")
    row(peel, okafor, london(2026, 12, 1, 12, 15), patient_name="Into Lunch")
    row(peel, okafor, london(2026, 12, 1, 15, 30), patient_name="In Training")

    html = day_page(signed_in)

    assert "Working 9:00am–12:30pm, 1:30pm–5:00pm; break 12:30pm–1:30pm." in html
    assert "Time off 3:00pm–5:00pm: Training." in html
    assert html.count("Outside your working hours.") == 1  # 12:15 runs into lunch
    assert html.count("During your time off (Training).") == 1
    assert html.index("Into Lunch") < html.index("Outside your working hours.")


@pytest.mark.parametrize(
    ("day", "why"),
    [
        ("2026-12-25", "The clinic is closed: Christmas Day."),
        ("2026-12-05", "Not one of your working days: you do not work on Saturdays."),
        ("2026-12-14", "Time off: Holiday."),
    ],
)
def test_a_day_without_clinic_says_why(signed_in, okafor, day, why):
    ClinicClosure.objects.create(
        first_day="2026-12-25", last_day="2026-12-26", reason="Christmas Day"
    )
    TimeOff.objects.create(
        dermatologist=okafor,
        starts_at=london(2026, 12, 14),
        ends_at=london(2026, 12, 19),
        reason="Holiday",
    )

    html = day_page(signed_in, day)

    assert "No clinic for you today." in html
    assert why in html


def test_a_booking_on_a_closed_day_is_flagged(signed_in, peel, okafor):
    ClinicClosure.objects.create(first_day="2026-12-25", last_day="2026-12-25", reason="Christmas")
    row(peel, okafor, london(2026, 12, 25, 10))

    assert "The clinic is closed this day (Christmas)." in day_page(signed_in, "2026-12-25")


def test_the_dermatologist_sees_the_arrival_reception_marked_on_the_next_page_load(
    signed_in, peel, okafor, receptionist
):
    first = row(peel, okafor, london(2026, 12, 1, 9), patient_name="Sarah Thompson")
    row(peel, okafor, london(2026, 12, 1, 10), patient_name="Later Patient")
    assert "Sarah Thompson,\n  not arrived yet" in day_page(signed_in)

    booking_mark_arrived(booking=first, by_user=receptionist)

    html = day_page(signed_in)
    assert "<strong>Next:</strong> 9:00am Sarah Thompson" in html
    assert '<strong class="arrived-now">has arrived</strong>' in html


def test_each_patients_earlier_visits_with_this_dermatologist_show_on_the_day(
    signed_in, peel, okafor, whitfield
):
    sarah = patient_record_make(name="Sarah Thompson", email="sarah@example.com")
    same = {"patient": sarah, "patient_name": sarah.name, "email": sarah.email}
    same["date_of_birth"] = sarah.date_of_birth
    row(peel, okafor, london(2026, 6, 1, 9), status=BookingStatus.COMPLETED, **same)
    row(peel, whitfield, london(2026, 7, 1, 9), status=BookingStatus.COMPLETED, **same)
    row(peel, okafor, london(2026, 12, 1, 9), **same)
    row(peel, okafor, london(2026, 12, 1, 10), patient_name="New Patient")

    html = day_page(signed_in)

    assert "Seen by you before:\n    Mon 1 Jun 2026, Chemical peel (completed)." in html
    assert "Wed 1 Jul" not in html  # with another dermatologist: on the booking's own page
    assert "First visit with you." in html


# Arrived, completed, no-show


def test_marking_arrived_from_the_schedule_goes_through_the_service(signed_in, peel, okafor):
    booking = row(peel, okafor, london(2026, 12, 1, 9), patient_name="Sarah Thompson")

    response = act(signed_in, booking, "arrived")

    assert "Sarah Thompson has arrived." in response.content.decode()
    booking.refresh_from_db()
    assert booking.status == BookingStatus.ARRIVED
    event = booking.events.get()
    assert (event.kind, event.by_user) == (BookingEvent.Kind.ARRIVED, okafor.user)


def test_completing_a_visit_leads_to_its_treatment_record(signed_in, peel, okafor):
    booking = row(peel, okafor, london(2026, 12, 1, 9), status=BookingStatus.ARRIVED)

    response = signed_in.post(
        reverse("staff:booking_status", args=[booking.reference]), {"action": "completed"}
    )

    assert response.status_code == 302
    assert response.url == reverse("staff:record", args=[booking.reference])
    booking.refresh_from_db()
    assert booking.status == BookingStatus.COMPLETED


def test_completing_and_writing_up_an_earlier_days_visit_works(signed_in, peel, okafor):
    booking = row(peel, okafor, london(2026, 11, 27, 9))  # last Friday, never marked

    response = act(signed_in, booking, "completed")

    assert "visit is completed." in response.content.decode()
    booking.refresh_from_db()
    assert booking.status == BookingStatus.COMPLETED


def test_a_no_show_is_marked_once_the_time_has_come(signed_in, peel, okafor):
    booking = row(peel, okafor, london(2026, 12, 1, 7, 30), patient_name="Sarah Thompson")

    response = act(signed_in, booking, "no_show")

    assert "Sarah Thompson is marked as a no-show." in response.content.decode()
    booking.refresh_from_db()
    assert booking.status == BookingStatus.NO_SHOW


@pytest.mark.parametrize(
    ("start", "status", "action", "refusal"),
    [
        (
            london(2026, 12, 2, 9),
            BookingStatus.CONFIRMED,
            "arrived",
            "Cannot mark arrived: the appointment is on Wednesday 2 December, not today.",
        ),
        (
            london(2026, 12, 1, 9),
            BookingStatus.CANCELLED,
            "arrived",
            "Cannot mark arrived: it has been cancelled.",
        ),
        (
            london(2026, 12, 1, 9),
            BookingStatus.CONFIRMED,
            "completed",
            "Cannot mark completed: the appointment has not started yet.",
        ),
        (
            london(2026, 12, 1, 9),
            BookingStatus.CONFIRMED,
            "no_show",
            "Cannot mark no-show: the appointment has not started yet.",
        ),
        (
            london(2026, 11, 30, 9),
            BookingStatus.COMPLETED,
            "no_show",
            "Cannot mark no-show: it is already marked completed.",
        ),
    ],
)
def test_a_change_that_makes_no_sense_is_refused_with_a_clear_message(
    signed_in, peel, okafor, start, status, action, refusal
):
    booking = row(peel, okafor, start, status=status, patient_name="Sarah Thompson")

    response = act(signed_in, booking, action)

    assert f"Sarah Thompson: {refusal}" in response.content.decode()
    booking.refresh_from_db()
    assert booking.status == status
    assert not booking.events.exists()


def test_an_unknown_action_is_refused_and_nothing_changes(signed_in, peel, okafor):
    booking = row(peel, okafor, london(2026, 12, 1, 9))

    response = act(signed_in, booking, "confirm")  # reception's, not the schedule's

    assert "Choose arrived, completed or no-show." in response.content.decode()
    booking.refresh_from_db()
    assert booking.status == BookingStatus.CONFIRMED


def test_another_dermatologists_visit_cannot_be_marked(signed_in, peel, whitfield):
    booking = row(peel, whitfield, london(2026, 12, 1, 9))

    response = signed_in.post(
        reverse("staff:booking_status", args=[booking.reference]), {"action": "arrived"}
    )

    assert response.status_code == 404
    booking.refresh_from_db()
    assert booking.status == BookingStatus.CONFIRMED


def test_the_buttons_offered_are_those_the_status_allows(signed_in, peel, okafor):
    row(peel, okafor, london(2026, 12, 1, 9), status=BookingStatus.ARRIVED)

    html = day_page(signed_in)

    assert 'value="completed"' in html
    assert 'value="arrived"' not in html and 'value="no_show"' not in html
    assert "Write the record" in html


# Completed with no record yet


def test_completed_visits_without_a_record_are_listed_until_written(
    signed_in, peel, okafor, whitfield
):
    waiting = row(
        peel, okafor, london(2026, 11, 27, 9), status="completed", patient_name="Waiting Write"
    )
    done = row(peel, okafor, london(2026, 11, 27, 10), status="completed", patient_name="Done")
    TreatmentRecord.objects.create(booking=done, treatment_given=peel, written_by=okafor.user)
    row(peel, whitfield, london(2026, 11, 27, 9), status="completed", patient_name="Not Mine")

    html = day_page(signed_in)

    section = html[html.index("Completed, no record yet") :]
    assert f'href="/staff/schedule/booking/{waiting.reference}/record/"' in section
    assert "Waiting Write" in section
    assert "Done (" not in section and "Not Mine" not in section


def test_the_day_runs_the_same_queries_for_1_or_12_patients_with_earlier_visits_and_records(
    signed_in, peel, okafor, django_assert_num_queries
):
    def count_queries():
        # 1 session, 1 user, 1 device, 1 dermatologist, 1 the day's bookings with
        # treatment and record, 1 hours, 1 time off, 1 closures, 1 earlier
        # visits with their treatment and record, 1 completed without a record,
        # 1 the audit entries for the answers shown
        with django_assert_num_queries(11):
            day_page(signed_in)

    def patient_with_history(n):
        patient = patient_record_make(name=f"Patient {n}", email=f"p{n}@example.com")
        same = {"patient": patient, "patient_name": patient.name, "email": patient.email}
        earlier = row(peel, okafor, london(2026, 6, 1 + n, 9), status="completed", **same)
        TreatmentRecord.objects.create(
            booking=earlier, treatment_given=peel, written_by=okafor.user
        )
        row(peel, okafor, london(2026, 12, 1, 9) + (n * peel.duration), **same)

    patient_with_history(0)
    count_queries()
    for n in range(1, 12):
        patient_with_history(n)
    count_queries()
