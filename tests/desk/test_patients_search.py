"""Reception finds a patient in the admin's list by name, date of birth, email or phone."""

from datetime import date

import pytest

from bookings.models import BookingStatus
from tests.desk.patients_helpers import PATIENTS, booking_of, history_make, sarah_make
from tests.factories import london, patient_record_make

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_clock")]


@pytest.fixture
def sarah(db):
    return sarah_make()


@pytest.fixture
def others(db):
    return [
        patient_record_make(
            name="Tom Walsh",
            email="tom.walsh@example.com",
            date_of_birth=date(1969, 11, 22),
            phone="07700 900321",
        ),
        patient_record_make(
            name="Sarah Jones",
            email="sjones@example.com",
            date_of_birth=date(1990, 3, 12),
            phone="07700 900124",
        ),
    ]


def found(reception, term) -> list[str]:
    response = reception.get(PATIENTS, {"q": term})
    assert response.status_code == 200
    return [p.name for p in response.context["cl"].result_list]


@pytest.mark.parametrize(
    "typed",
    [
        "07700 900123",
        "+44 7700 900123",
        "0044 7700900123",
        "(07700) 900-123",
        "07700900123",
        "+447700900123",
    ],
)
def test_any_spelling_of_the_phone_number_finds_the_patient_and_no_one_else(
    reception, sarah, others, typed
):
    assert found(reception, typed) == ["Sarah Thompson"]


def test_the_end_of_a_number_finds_the_patient(reception, sarah, others):
    assert found(reception, "900123") == ["Sarah Thompson"]


@pytest.mark.parametrize("typed", ["12/04/1988", "1988-04-12", " 12/04/1988 "])
def test_a_date_of_birth_typed_either_way_finds_the_patient(reception, sarah, others, typed):
    assert found(reception, typed) == ["Sarah Thompson"]


def test_a_name_finds_the_patient_by_any_part_of_it(reception, sarah, others):
    assert found(reception, "thompson") == ["Sarah Thompson"]
    assert found(reception, "sarah thom") == ["Sarah Thompson"]
    assert found(reception, "Sarah") == ["Sarah Jones", "Sarah Thompson"]


def test_an_email_finds_the_patient(reception, sarah, others):
    assert found(reception, "SARAH@example.com") == ["Sarah Thompson"]


def test_an_unknown_date_finds_no_one_rather_than_failing(reception, sarah):
    assert found(reception, "31/02/1988") == []


def test_the_filters_show_patients_with_an_upcoming_booking_or_a_no_show(
    reception, sarah, others, peel, okafor
):
    tom, jones = others
    booking_of(tom, peel, okafor, london(2026, 12, 8, 9))
    booking_of(jones, peel, okafor, london(2026, 11, 3, 9), status=BookingStatus.NO_SHOW)
    booking_of(jones, peel, okafor, london(2026, 12, 3, 9), status=BookingStatus.CANCELLED)

    upcoming = reception.get(PATIENTS, {"upcoming": "yes"}).context["cl"].result_list
    missed = reception.get(PATIENTS, {"no_shows": "yes"}).context["cl"].result_list

    assert [p.name for p in upcoming] == ["Tom Walsh"]
    assert [p.name for p in missed] == ["Sarah Jones"]


def test_the_list_shows_each_patients_next_appointment_and_no_shows(reception, sarah, peel, okafor):
    history_make(sarah, peel, okafor, past=2)

    html = reception.get(PATIENTS).content.decode()

    assert "Mon 7 Dec, 10:00am" in html
    assert '<td class="field-no_shows_shown">1</td>' in html


def test_the_list_runs_the_same_queries_whatever_the_number_of_bookings(
    reception, peel, okafor, django_assert_num_queries
):
    patients = [
        patient_record_make(name=f"Patient {n}", email=f"p{n}@example.com") for n in range(3)
    ]

    def count_queries():
        # 1 session, 1 user, 1 their two-factor device, 1 the user's own permissions,
        # 1 their groups' permissions, 1 count of the filtered rows, 1 count of all rows,
        # 1 the page of patients, each with their next appointment and no-shows
        with django_assert_num_queries(8):
            response = reception.get(PATIENTS, {"q": "patient"})
        assert len(response.context["cl"].result_list) == 3

    for n, patient in enumerate(patients):
        history_make(patient, peel, okafor, past=0, hour=9 + n)
    count_queries()
    for n, patient in enumerate(patients):
        history_make(patient, peel, okafor, past=3, hour=9 + n, upcoming=False)
        booking_of(patient, peel, okafor, london(2026, 12, 9, 9 + n))
    count_queries()
