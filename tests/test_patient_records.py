"""Each booking belongs to a patient record: found again, never mixed up, never overwritten.

Runs on PostgreSQL and, marked sqlite, on SQLite too.
"""

from datetime import date, timedelta

import pytest

from bookings.models import Booking, Patient
from bookings.phones import PhoneError, phone_display, phone_normalise
from bookings.services import booking_create
from tests.factories import intake_make, london, patient_make

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_clock"), pytest.mark.sqlite]

MONDAY_9 = london(2026, 12, 7, 9, 0)


@pytest.fixture
def book(peel, okafor):
    hours = iter(range(9, 17))

    def book(**details):
        return booking_create(
            treatment=peel,
            start=MONDAY_9.replace(hour=next(hours)),
            dermatologist=okafor,
            patient=patient_make(**details),
            intake=intake_make(),
        )

    return book


def test_a_returning_patient_is_found_by_email_date_of_birth_and_name(book):
    first = book()
    again = book(email="Sarah@Example.com", name="sarah thompson")

    assert again.patient == first.patient
    assert Patient.objects.count() == 1


def test_a_new_patient_gets_a_new_record_with_their_details(book):
    booking = book(name="Tom Baker", email="tom@example.com", phone="020 7946 0958")

    patient = booking.patient
    assert (patient.name, patient.email, patient.date_of_birth) == (
        "Tom Baker",
        "tom@example.com",
        date(1988, 4, 12),
    )
    assert patient.phone == "+442079460958"
    assert patient.possible_duplicate_of is None


def test_twins_booked_by_one_parent_with_one_email_are_two_patients(book):
    twins = {"email": "parent@example.com", "date_of_birth": date(2018, 5, 1)}
    amy = book(name="Amy Shah", guardian_name="Rita Shah", guardian_relationship="mother", **twins)
    ben = book(name="Ben Shah", guardian_name="Rita Shah", guardian_relationship="mother", **twins)

    assert amy.patient != ben.patient
    assert amy.patient.possible_duplicate_of is None
    assert ben.patient.possible_duplicate_of is None
    assert ben.patient.guardian_name == "Rita Shah"


def test_the_same_email_with_another_date_of_birth_is_a_new_record_and_a_possible_duplicate(book):
    first = book()
    other = book(date_of_birth=date(1988, 12, 4))  # day and month swapped, perhaps

    assert other.patient != first.patient
    assert other.patient.possible_duplicate_of == first.patient


def test_a_new_email_makes_a_new_record_marked_as_a_possible_duplicate(book):
    first = book()
    other = book(email="sarah.t@work.example")

    assert other.patient != first.patient
    assert other.patient.possible_duplicate_of == first.patient


def test_a_different_phone_on_a_booking_does_not_overwrite_the_record(book):
    first = book(phone="07700 900123")
    second = book(phone="+44 7700 900 456")

    second.patient.refresh_from_db()
    assert second.patient == first.patient
    assert second.patient.phone == "+447700900123"
    assert second.phone == "+447700900456"  # what reception sees beside the record's


def test_bookings_store_the_number_as_e164_however_it_was_typed(book):
    booking = book(phone="(07700) 900-123")

    assert Booking.objects.get(pk=booking.pk).phone == "+447700900123"


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("07700 900123", "+447700900123"),
        ("07700900123", "+447700900123"),
        ("+44 7700 900 123", "+447700900123"),
        ("+44 (0)7700 900123", "+447700900123"),
        ("0044 7700 900123", "+447700900123"),
        ("07700-900-123", "+447700900123"),
        ("(020) 7946 0958", "+442079460958"),
        ("0800 123 456", "+44800123456"),
        ("+33 1 23 45 67 89", "+33123456789"),
        ("+1 (415) 555-2671", "+14155552671"),
    ],
)
def test_numbers_typed_any_usual_way_are_stored_as_e164(typed, stored):
    assert phone_normalise(typed) == stored


@pytest.mark.parametrize("typed", ["0770", "07700 900", "077009001234567", "+44 12", "call me"])
def test_an_impossible_number_is_refused_with_a_clear_message(typed):
    with pytest.raises(PhoneError) as refused:
        phone_normalise(typed)
    assert refused.value.message.startswith("Enter a phone number")


@pytest.mark.parametrize(
    ("stored", "shown"),
    [
        ("+447700900123", "07700 900123"),
        ("+442079460958", "020 7946 0958"),
        ("+33123456789", "+33 1 23 45 67 89"),
        ("ring the office", "ring the office"),  # kept as typed: shown as typed
    ],
)
def test_uk_numbers_are_shown_the_uk_way_and_others_with_their_country_code(stored, shown):
    assert phone_display(stored) == shown


def test_the_record_made_on_the_first_booking_keeps_its_date(book, frozen_clock):
    first = book()
    frozen_clock.shift(timedelta(days=3))
    book()

    first.patient.refresh_from_db()
    assert first.patient.created_at == first.created_at
