"""`make run`'s demo gives reception a returning patient to find by phone, and a duplicate."""

import io

import pytest
from django.core.management import call_command

from bookings.models import Booking, Patient
from bookings.patient_selectors import patient_history, patients_likely_duplicates
from tests.desk.patients_helpers import PATIENTS

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(settings):
    settings.DEBUG = True
    call_command("demo_data", stdout=io.StringIO())


@pytest.mark.parametrize("typed", ["07700 900123", "+44 7700 900123"])
def test_reception_finds_sarah_by_her_phone_however_it_is_typed(reception, demo, typed):
    response = reception.get(PATIENTS, {"q": typed})

    assert [p.name for p in response.context["cl"].result_list] == ["Sarah Thompson"]


def test_sarah_has_a_past_visit_a_no_show_a_note_emails_and_an_appointment_to_come(demo):
    history = patient_history(patient=Patient.objects.get(name="Sarah Thompson"))

    assert len(history.upcoming) >= 1 and len(history.past) == 2
    assert history.no_shows == 1
    assert len(history.notes) == 1 and len(history.emails) >= 3


def test_tom_walshs_two_records_are_a_likely_duplicate_and_no_one_else_is(demo):
    pairs = [(d.first.name, d.second.name) for d in patients_likely_duplicates()]

    assert pairs == [("Tom Walsh", "Tom Walsh")]


def test_loading_the_demo_again_adds_no_patient_history_twice(demo):
    bookings, patients = Booking.objects.count(), Patient.objects.count()

    call_command("demo_data", stdout=io.StringIO())

    assert (Booking.objects.count(), Patient.objects.count()) == (bookings, patients)
