"""The patient records in the admin: the list, corrections, and what is never done to them."""

from datetime import date

import pytest

from bookings.models import AuditEntry, Patient
from tests.factories import patient_record_make

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_clock")]

PATIENTS = "/admin/bookings/patient/"


def test_the_patient_list_runs_the_same_queries_for_3_or_30_patients(
    reception, django_assert_num_queries
):
    def count_queries():
        # 1 session, 1 user, 1 their two-factor device, 1 the user's own permissions,
        # 1 their groups' permissions, 1 count of the filtered rows, 1 count of all rows,
        # 1 the page of patients
        with django_assert_num_queries(8):
            response = reception.get(PATIENTS)
        assert response.status_code == 200

    for n in range(3):
        patient_record_make(name=f"Patient {n}", email=f"p{n}@example.com")
    count_queries()
    for n in range(3, 30):
        patient_record_make(name=f"Patient {n}", email=f"p{n}@example.com")
    count_queries()


def test_numbers_that_could_not_be_read_are_listed_for_reception_to_check(reception):
    patient_record_make(name="Tom Baker", email="tom@example.com", phone="ring the office")
    patient_record_make(name="Sarah Thompson", email="sarah@example.com")

    response = reception.get(PATIENTS, {"phone_unreadable__exact": "1"})

    assert [p.name for p in response.context["cl"].result_list] == ["Tom Baker"]
    assert "phone could not be read" in response.content.decode()


def test_a_record_is_never_typed_in_nor_deleted(reception):
    patient = patient_record_make()

    assert reception.get(f"{PATIENTS}add/").status_code == 403
    assert reception.post(f"{PATIENTS}{patient.pk}/delete/").status_code == 403
    assert Patient.objects.filter(pk=patient.pk).exists()


def test_opening_a_patient_record_is_in_the_audit_trail(reception, receptionist):
    patient = patient_record_make(date_of_birth=date(1990, 1, 1))

    assert reception.get(f"{PATIENTS}{patient.pk}/change/").status_code == 200

    entry = AuditEntry.objects.get(action=AuditEntry.Action.VIEWED_HISTORY)
    assert (entry.user, entry.target) == (receptionist, f"patient {patient.pk}")


def _form(patient, **changes) -> dict:
    data = {
        "name": patient.name,
        "date_of_birth": patient.date_of_birth.strftime("%Y-%m-%d"),
        "email": patient.email,
        "phone": patient.phone,
        "guardian_name": "",
        "guardian_relationship": "",
        "contact_by_email": "on",
        "contact_by_phone": "on",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def test_reception_corrects_a_number_in_any_spelling_and_it_is_no_longer_flagged(reception):
    patient = patient_record_make(phone="ring the office")
    assert patient.phone_unreadable

    response = reception.post(
        f"{PATIENTS}{patient.pk}/change/", _form(patient, phone="07700 900 456")
    )

    assert response.status_code == 302
    patient.refresh_from_db()
    assert (patient.phone, patient.phone_unreadable) == ("+447700900456", False)


def test_an_impossible_number_is_refused_with_what_was_typed_kept(reception):
    patient = patient_record_make()

    response = reception.post(f"{PATIENTS}{patient.pk}/change/", _form(patient, phone="0770"))

    html = response.content.decode()
    assert response.status_code == 200
    assert "Enter a phone number we can call" in html and 'value="0770"' in html
    patient.refresh_from_db()
    assert patient.phone == "+447700900999"


def test_a_record_cannot_be_made_the_same_person_as_another(reception):
    patient_record_make(name="Amy Shah", email="parent@example.com")
    ben = patient_record_make(name="Ben Shah", email="parent@example.com")

    response = reception.post(f"{PATIENTS}{ben.pk}/change/", _form(ben, name="amy shah"))

    assert response.status_code == 200
    ben.refresh_from_db()
    assert ben.name == "Ben Shah"
