"""Reception finds a patient by phone number however it is typed, or by a piece of it."""

import pytest

from bookings.services import booking_create
from tests.desk.helpers import CHANGELIST, MONDAY_9
from tests.factories import intake_make, patient_make

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_clock")]

PATIENTS = "/admin/bookings/patient/"


@pytest.fixture
def sarah_and_tom(peel, okafor):
    """Sarah typed her number the international way; Tom's begins as hers does."""
    for name, email, phone, hour in [
        ("Sarah Thompson", "sarah@example.com", "+44 7700 900 123", 9),
        ("Tom Baker", "tom@example.com", "07700 900456", 10),
    ]:
        booking_create(
            treatment=peel,
            start=MONDAY_9.replace(hour=hour),
            dermatologist=okafor,
            patient=patient_make(name=name, email=email, phone=phone),
            intake=intake_make(),
        )


@pytest.mark.parametrize(
    "typed",
    [
        "07700900123",
        "+447700900123",
        "07700 900 123",
        "07700 900123",
        "+44 7700 900123",
        "+44 (0)7700 900123",
        "0044 7700 900 123",
        "07700-900-123",
        "(07700) 900123",
        "900123",  # the last six digits
        "7700 9001",  # a piece from the middle
        "07700 90012",  # the start, one digit short
    ],
)
def test_reception_finds_a_booking_by_the_patients_number_in_any_spelling(
    reception, sarah_and_tom, typed
):
    response = reception.get(CHANGELIST, {"q": typed})

    assert [b.patient_name for b in response.context["cl"].result_list] == ["Sarah Thompson"]


def test_a_piece_of_a_number_shared_by_two_patients_finds_both(reception, sarah_and_tom):
    response = reception.get(CHANGELIST, {"q": "07700 900"})

    assert {b.patient_name for b in response.context["cl"].result_list} == {
        "Sarah Thompson",
        "Tom Baker",
    }


def test_fewer_than_six_digits_are_not_searched_as_a_phone_number(reception, sarah_and_tom):
    response = reception.get(CHANGELIST, {"q": "00123"})

    assert list(response.context["cl"].result_list) == []


def test_names_and_emails_are_still_searched_as_before(reception, sarah_and_tom):
    assert [
        b.patient_name for b in reception.get(CHANGELIST, {"q": "tom@"}).context["cl"].result_list
    ] == ["Tom Baker"]


def test_the_patient_records_are_found_by_number_too(reception, sarah_and_tom):
    response = reception.get(PATIENTS, {"q": "07700 900 123"})

    assert [p.name for p in response.context["cl"].result_list] == ["Sarah Thompson"]


def test_a_reference_made_only_of_digits_is_still_found(reception, sarah_and_tom):
    from bookings.models import Booking

    tom = Booking.objects.get(patient_name="Tom Baker")
    Booking.objects.filter(pk=tom.pk).update(reference="346789")

    response = reception.get(CHANGELIST, {"q": "346789"})

    assert [b.patient_name for b in response.context["cl"].result_list] == ["Tom Baker"]
