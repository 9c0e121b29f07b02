"""Treatment records in the patient's rights: in their export, and kept on anonymisation."""

import json

import pytest
from django.core.management import call_command

from bookings.care_services import treatment_record_save
from bookings.models import BookingStatus, TreatmentRecord
from tests.factories import booking_row_make, dermatologist_make, london

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_clock")]


@pytest.fixture
def recorded(peel, extraction):
    okafor = dermatologist_make(treatments=[peel], name="Dr Amara Okafor")
    visit = booking_row_make(
        treatment=peel,
        dermatologist=okafor,
        start=london(2026, 11, 27, 9),
        status=BookingStatus.COMPLETED,
        patient_name="Sarah Thompson",
        email="sarah@example.com",
    )
    return treatment_record_save(
        booking=visit,
        by_user=okafor.user,
        fields={
            "treatment_given": extraction,
            "areas": ["eyes"],
            "complications": "Slight bleeding",
            "follow_up": "review",
            "follow_up_weeks": 6,
        },
    )


def test_the_export_holds_the_treatment_record_and_its_versions(recorded, tmp_path):
    out = tmp_path / "sarah.json"

    call_command("patient_export", "--email", "sarah@example.com", "--out", str(out))

    [booking] = json.loads(out.read_text())["bookings"]
    record = booking["treatment_record"]
    assert record["treatment_given"] == "Milia extraction"
    assert record["areas_treated"] == ["Around the eyes or on the eyelids"]
    assert record["complications"] == "Slight bleeding"
    assert record["follow_up"] == "Review in a number of weeks"
    assert record["review_in_weeks"] == 6
    assert len(record["versions"]) == 1


def test_anonymising_keeps_the_treatment_record_of_an_attended_visit(recorded):
    call_command("patient_anonymise", "--email", "sarah@example.com")

    record = TreatmentRecord.objects.get(pk=recorded.pk)
    assert record.complications == "Slight bleeding"
    assert record.booking.email.startswith("anonymised-")
    assert record.changes.count() == 1
