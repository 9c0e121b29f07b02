"""The waiting list and the patient record: merged records keep their entries."""

import pytest

from bookings.patient_services import patient_merge
from tests.factories import patient_record_make
from tests.waitlist.helpers import join

pytestmark = pytest.mark.usefixtures("frozen_clock")


def test_merging_two_records_moves_the_entries_to_the_one_kept(peel, okafor, receptionist):
    entry = join(peel, 1)
    keep = patient_record_make(
        name="Waiting Patient 1",
        email="waiting1.other@example.com",
        date_of_birth=entry.patient.date_of_birth,
    )

    patient_merge(keep=keep, remove=entry.patient, by=receptionist)

    entry.refresh_from_db()
    assert entry.patient == keep
