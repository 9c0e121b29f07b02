"""A patient's page: contact details, every booking, no-shows, notes, emails, and the buttons."""

import json

import pytest

from bookings.models import AuditEntry, Booking, Patient, PatientNote
from bookings.patient_services import patient_note_add
from tests.desk.helpers import messages_of
from tests.desk.patients_helpers import PATIENTS, history_make, page_url, sarah_make

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_clock")]


@pytest.fixture
def sarah(db):
    return sarah_make()


def test_the_page_shows_contact_details_every_booking_no_shows_notes_and_emails(
    reception, receptionist, sarah, peel, okafor
):
    (no_show, completed), upcoming = history_make(sarah, peel, okafor, past=2)
    patient_note_add(patient=sarah, by=receptionist, text="Prefers afternoons.")

    response = reception.get(page_url(sarah))

    html = response.content.decode()
    history = response.context["history"]
    assert "<h1>Sarah Thompson (12/04/1988)</h1>" in html
    assert [b.reference for b in history.bookings] == [
        upcoming.reference,
        no_show.reference,
        completed.reference,
    ]
    assert [b.reference for b in history.upcoming] == [upcoming.reference]
    for booking in (upcoming, no_show, completed):
        assert booking.reference in html
    assert "No-show" in html and "Completed" in html and "Confirmed" in html
    assert history.no_shows == 1
    assert '<dd class="patient-no-shows">1</dd>' in html
    assert "07700 900123" in html and "sarah@example.com" in html and "12/04/1988" in html
    assert "Prefers afternoons." in html and "desk, " in html
    assert len(history.emails) == 3 and "Appointment confirmed" in html
    assert f'href="/admin/bookings/booking/add/?patient={sarah.pk}"' in html
    assert f'action="{PATIENTS}{sarah.pk}/export/"' in html
    assert f'href="{PATIENTS}{sarah.pk}/anonymise/"' in html


def test_the_page_runs_the_same_queries_whatever_the_number_of_bookings(
    reception, receptionist, sarah, peel, okafor, django_assert_num_queries
):
    def count_queries():
        # 1 session, 1 user, 1 two-factor device, 1 the patient (with next appointment
        # and no-shows), 1 user's permissions, 1 groups' permissions, 1 the bookings with
        # treatment and dermatologist, 1 the notes with authors, 1 the emails with their
        # bookings, 1 the waiting list entries with treatment and dermatologist, 1 the
        # audit entry of the view
        with django_assert_num_queries(11):
            response = reception.get(page_url(sarah))
        assert response.status_code == 200

    history_make(sarah, peel, okafor, past=1)
    patient_note_add(patient=sarah, by=receptionist, text="One")
    count_queries()
    history_make(sarah, peel, okafor, past=8, hour=14)
    for n in range(5):
        patient_note_add(patient=sarah, by=receptionist, text=f"Note {n}")
    count_queries()


def test_reception_adds_a_note_and_sees_it_on_the_page(reception, receptionist, sarah):
    response = reception.post(f"{PATIENTS}{sarah.pk}/notes/", {"text": "  Hard of hearing.  "})

    assert response.status_code == 302 and response.url == f"{page_url(sarah)}#notes"
    note = PatientNote.objects.get()
    assert (note.patient, note.author, note.text) == (sarah, receptionist, "Hard of hearing.")
    assert "Note added to Sarah Thompson’s record." in messages_of(response)


def test_an_empty_note_is_refused_on_the_page_and_a_long_one_is_kept_as_typed(reception, sarah):
    empty = reception.post(f"{PATIENTS}{sarah.pk}/notes/", {"text": "   "})
    long = reception.post(f"{PATIENTS}{sarah.pk}/notes/", {"text": "x" * 2001})

    assert empty.status_code == 400 and "Write the note first." in empty.content.decode()
    assert long.status_code == 400
    assert "Keep the note under 2000 characters." in long.content.decode()
    assert "x" * 2001 in long.content.decode()
    assert not PatientNote.objects.exists()
    sarah.refresh_from_db()
    assert sarah.name == "Sarah Thompson"  # the change form was not posted


def test_export_downloads_everything_held_with_the_notes_and_is_audited(
    reception, receptionist, sarah, peel, okafor
):
    history_make(sarah, peel, okafor, past=1)
    patient_note_add(patient=sarah, by=receptionist, text="Prefers afternoons.")

    response = reception.post(f"{PATIENTS}{sarah.pk}/export/")

    assert response.status_code == 200
    assert response["Content-Disposition"] == f'attachment; filename="patient-{sarah.pk}.json"'
    data = json.loads(response.content)
    assert data["patient"]["name"] == "Sarah Thompson" and len(data["bookings"]) == 2
    assert data["staff_notes_about_the_patient"][0]["note"] == "Prefers afternoons."
    entry = AuditEntry.objects.get(action=AuditEntry.Action.PRIVACY)
    assert entry.actor == "desk" and entry.target.startswith(f"patient {sarah.pk}")


def test_anonymising_is_refused_on_the_page_while_an_appointment_is_coming(
    reception, sarah, peel, okafor
):
    _, upcoming = history_make(sarah, peel, okafor, past=1)

    response = reception.post(f"{PATIENTS}{sarah.pk}/anonymise/")

    assert response.status_code == 409
    assert f"upcoming appointments ({upcoming.reference})" in response.content.decode()
    sarah.refresh_from_db()
    assert sarah.anonymised_at is None


def test_anonymising_from_the_page_asks_first_then_removes_the_details_and_notes(
    reception, receptionist, sarah, peel, okafor
):
    history_make(sarah, peel, okafor, past=1, upcoming=False)
    patient_note_add(patient=sarah, by=receptionist, text="Prefers afternoons.")

    asked = reception.get(f"{PATIENTS}{sarah.pk}/anonymise/")
    response = reception.post(f"{PATIENTS}{sarah.pk}/anonymise/")

    assert asked.status_code == 200 and "Anonymise Sarah Thompson" in asked.content.decode()
    assert response.status_code == 302
    sarah = Patient.objects.get(pk=sarah.pk)
    assert sarah.anonymised_at is not None and sarah.phone == ""
    assert not PatientNote.objects.exists()
    assert Booking.objects.get().email.endswith("@invalid.example")
