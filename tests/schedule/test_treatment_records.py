"""The treatment record: written by the visit's dermatologist, read by those allowed,
amended (never deleted) with its history, every look in the audit trail."""

import re

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from bookings.care_services import treatment_record_save
from bookings.models import (
    AuditEntry,
    BookingStatus,
    RecordDefaults,
    TreatmentRecord,
    TreatmentRecordChange,
)
from bookings.services import BookingError
from tests.conftest import login_with_second_factor
from tests.factories import (
    booking_row_make,
    dermatologist_make,
    london,
    patient_record_make,
    staff_user_make,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_clock")]


@pytest.fixture
def okafor(peel):
    dermatologist = dermatologist_make(treatments=[peel], name="Dr Amara Okafor")
    dermatologist.user.groups.add(Group.objects.get(name="Dermatologists"))
    return dermatologist


@pytest.fixture
def sarah():
    return patient_record_make(name="Sarah Thompson", email="sarah@example.com")


def visit(treatment, dermatologist, start, patient, **fields):
    return booking_row_make(
        treatment=treatment,
        dermatologist=dermatologist,
        start=start,
        patient=patient,
        patient_name=patient.name,
        email=patient.email,
        date_of_birth=patient.date_of_birth,
        **fields,
    )


def record_fields(treatment, **changes):
    fields = {
        "treatment_given": treatment.pk,
        "areas": ["eyes"],
        "milia_treated": "6_to_20",
        "device_settings": "",
        "consent_taken": "on",
        "complications": "Slight bleeding under the left eye",
        "advice": "Keep it dry for a day",
        "follow_up": "none",
        "follow_up_weeks": "",
    }
    fields.update(changes)
    return {k: v for k, v in fields.items() if v is not None}


@pytest.fixture
def completed(peel, okafor, sarah):
    return visit(
        peel, okafor, london(2026, 11, 27, 9), sarah, status=BookingStatus.COMPLETED, areas=["eyes"]
    )


def write(client, booking, **changes):
    return client.post(
        reverse("staff:record", args=[booking.reference]),
        record_fields(booking.treatment, **changes),
    )


# Writing it


def test_the_form_starts_from_the_booking_and_the_treatments_defaults(
    client, okafor, completed, peel
):
    RecordDefaults.objects.create(
        treatment=peel, consent_taken=True, advice="No make-up for 24 hours"
    )
    login_with_second_factor(client, okafor.user)

    html = client.get(reverse("staff:record", args=[completed.reference])).content.decode()

    assert "No make-up for 24 hours</textarea>" in html
    assert re.search(r'id="id_consent_taken"\s+checked', html)
    assert re.search(r'value="eyes"\s+id="id_areas_0"\s+checked', html)  # as the patient said
    assert not re.search(r'value="nose"\s+id="id_areas_2"\s+checked', html)
    assert f'<option value="{peel.pk}" selected>Chemical peel</option>' in html


def test_the_dermatologist_writes_the_record_of_her_visit_with_the_treatment_given(
    client, okafor, completed, extraction
):
    login_with_second_factor(client, okafor.user)

    response = write(client, completed, treatment_given=extraction.pk)

    assert response.status_code == 302
    record = TreatmentRecord.objects.get(booking=completed)
    assert record.treatment_given == extraction
    assert (record.areas, record.consent_taken, record.written_by) == (["eyes"], True, okafor.user)
    change = record.changes.get()
    assert (change.by_user, change.fields["treatment_given"]) == (okafor.user, extraction.pk)
    entry = AuditEntry.objects.get(action=AuditEntry.Action.CHANGED)
    assert (entry.target, entry.detail) == (
        f"booking {completed.reference}",
        "treatment record written",
    )
    assert "bleeding" not in entry.detail


def test_a_review_needs_its_number_of_weeks_and_nothing_typed_is_lost(client, okafor, completed):
    login_with_second_factor(client, okafor.user)

    response = write(client, completed, follow_up="review", follow_up_weeks="")

    assert response.status_code == 400
    html = response.content.decode()
    assert "Say in how many weeks the review should be." in html
    assert "Slight bleeding under the left eye</textarea>" in html
    assert not TreatmentRecord.objects.exists()


def test_a_record_waits_for_the_patient_to_arrive(okafor, peel, sarah):
    booking = visit(peel, okafor, london(2026, 12, 7, 9), sarah)

    with pytest.raises(BookingError, match="the patient has not arrived yet"):
        treatment_record_save(
            booking=booking, by_user=okafor.user, fields={"treatment_given": peel}
        )


def test_only_the_visits_own_dermatologist_writes_it(client, completed, whitfield, peel, sarah):
    visit(peel, whitfield, london(2026, 12, 7, 9), sarah)  # a colleague who will see her
    login_with_second_factor(client, whitfield.user)

    assert write(client, completed).status_code == 404
    with pytest.raises(BookingError, match="Only the dermatologist who saw the patient"):
        treatment_record_save(
            booking=completed, by_user=whitfield.user, fields={"treatment_given": peel}
        )
    assert not TreatmentRecord.objects.exists()


# Amending it


def test_amending_keeps_every_version_with_who_and_when(client, okafor, completed, frozen_clock):
    login_with_second_factor(client, okafor.user)
    write(client, completed)
    frozen_clock.move_to(london(2026, 12, 1, 8, 20))

    write(client, completed, complications="None after all")

    record = TreatmentRecord.objects.get()
    assert record.complications == "None after all"
    assert record.amended_at == london(2026, 12, 1, 8, 20)
    versions = list(record.changes.values_list("fields__complications", "at"))
    assert versions == [
        ("Slight bleeding under the left eye", london(2026, 12, 1, 8)),
        ("None after all", london(2026, 12, 1, 8, 20)),
    ]
    page = client.get(reverse("staff:record_detail", args=[completed.reference])).content
    assert page.decode().count(f"by {okafor.user.username}, Tuesday 1 December 2026") == 2


def test_saving_the_same_record_again_records_no_new_version(client, okafor, completed):
    login_with_second_factor(client, okafor.user)
    write(client, completed)
    write(client, completed)

    assert TreatmentRecordChange.objects.count() == 1


def test_a_record_is_never_deleted(completed, okafor, peel, admin_client):
    record = treatment_record_save(
        booking=completed, by_user=okafor.user, fields={"treatment_given": peel}
    )

    response = admin_client.post(
        reverse("admin:bookings_treatmentrecord_delete", args=[record.pk]), {"post": "yes"}
    )

    assert response.status_code == 403
    assert TreatmentRecord.objects.filter(pk=record.pk).exists()


# Who may read it


@pytest.fixture
def record(completed, okafor, peel):
    return treatment_record_save(
        booking=completed,
        by_user=okafor.user,
        fields={"treatment_given": peel, "complications": "Slight bleeding"},
    )


def read_on_schedule(client, user, booking):
    login_with_second_factor(client, user)
    return client.get(reverse("staff:record_detail", args=[booking.reference]))


def test_a_colleague_with_a_booking_of_that_patient_reads_it_and_it_is_audited(
    client, record, whitfield, peel, sarah
):
    visit(peel, whitfield, london(2026, 12, 7, 9), sarah)

    response = read_on_schedule(client, whitfield.user, record.booking)

    assert response.status_code == 200
    assert "Slight bleeding" in response.content.decode()
    entry = AuditEntry.objects.get(action=AuditEntry.Action.VIEWED_RECORD)
    assert (entry.user, entry.target, entry.detail) == (
        whitfield.user,
        f"booking {record.booking.reference}",
        "schedule, record page",
    )


def test_a_colleague_who_has_never_seen_the_patient_gets_a_404(client, record, whitfield):
    response = read_on_schedule(client, whitfield.user, record.booking)

    assert response.status_code == 404
    assert not AuditEntry.objects.filter(action=AuditEntry.Action.VIEWED_RECORD).exists()


def test_reception_reads_it_only_once_granted_and_each_look_is_audited(
    reception, receptionist, record
):
    url = reverse("admin:bookings_treatmentrecord_change", args=[record.pk])
    assert reception.get(url).status_code in (302, 403)

    receptionist.user_permissions.add(Permission.objects.get(codename="view_treatmentrecord"))
    response = reception.get(url)

    assert response.status_code == 200
    assert "Slight bleeding" in response.content.decode()
    entry = AuditEntry.objects.get(action=AuditEntry.Action.VIEWED_RECORD)
    assert (entry.user, entry.detail) == (receptionist, "admin")


def test_a_superuser_reads_it_and_it_is_audited(admin_client, admin_user, record):
    response = admin_client.get(reverse("admin:bookings_treatmentrecord_change", args=[record.pk]))

    assert response.status_code == 200
    assert AuditEntry.objects.get(action=AuditEntry.Action.VIEWED_RECORD).user == admin_user


def test_reception_cannot_write_a_record_in_the_admin(reception, receptionist, completed):
    receptionist.user_permissions.add(Permission.objects.get(codename="view_treatmentrecord"))

    assert reception.get(reverse("admin:bookings_treatmentrecord_add")).status_code == 403


def test_the_booking_page_links_the_earlier_visits_records(client, record, okafor, peel, sarah):
    today = visit(peel, okafor, london(2026, 12, 7, 9), sarah)
    login_with_second_factor(client, okafor.user)

    html = client.get(reverse("staff:booking", args=[today.reference])).content.decode()

    assert f'href="/staff/records/{record.booking.reference}/"' in html


def test_a_dermatologist_without_a_profile_cannot_read_records(client, record):
    user = staff_user_make("desk2", group="Reception")

    response = read_on_schedule(client, user, record.booking)

    assert response.status_code == 403
