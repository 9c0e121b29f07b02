"""Likely duplicate patients, and merging two records of one person into one."""

import re
from datetime import date

import pytest

from bookings.models import AuditEntry, Booking, OutboxEmail, Patient, PatientNote
from bookings.patient_selectors import patients_likely_duplicates
from bookings.patient_services import PatientError, patient_merge, patient_note_add
from tests.desk.patients_helpers import PATIENTS, history_make, sarah_make
from tests.factories import patient_record_make

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_clock")]

DUPLICATES = f"{PATIENTS}duplicates/"
MERGE = f"{PATIENTS}merge/"


def tom(**fields):
    details = {
        "name": "Tom Walsh",
        "email": "tom.walsh@example.com",
        "date_of_birth": date(1969, 11, 22),
        "phone": "07700 900321",
    }
    return patient_record_make(**{**details, **fields})


def pairs() -> list[tuple[str, str, str]]:
    return [(d.first.email, d.second.email, d.shared) for d in patients_likely_duplicates()]


def test_the_same_phone_and_name_is_a_likely_duplicate():
    tom()
    tom(email="t.walsh@example.com", date_of_birth=date(1969, 11, 21))

    assert pairs() == [("tom.walsh@example.com", "t.walsh@example.com", "name and phone")]


def test_the_same_phone_and_date_of_birth_is_a_likely_duplicate():
    tom()
    tom(name="Thomas Walsh", email="t.walsh@example.com")

    assert pairs() == [("t.walsh@example.com", "tom.walsh@example.com", "date of birth and phone")]


def test_the_same_name_and_date_of_birth_is_a_likely_duplicate_whatever_the_phone():
    tom()
    tom(email="t.walsh@example.com", phone="07700 900999")

    assert pairs() == [("tom.walsh@example.com", "t.walsh@example.com", "name and date of birth")]


def test_the_same_email_and_name_is_a_likely_duplicate():
    tom()
    tom(phone="07700 900999", date_of_birth=date(1996, 11, 22))

    assert pairs() == [("tom.walsh@example.com", "tom.walsh@example.com", "name and email")]


def test_a_family_sharing_a_parents_mobile_is_not_a_duplicate():
    tom(name="Helen Bennett", email="helen@example.com", date_of_birth=date(1980, 5, 1))
    tom(name="Oliver Bennett", email="helen@example.com", date_of_birth=date(2012, 2, 3))
    tom(name="Mia Bennett", email="helen@example.com", date_of_birth=date(2015, 7, 9))

    assert pairs() == []


def test_the_duplicates_page_lists_each_pair_with_a_merge_link(reception):
    first = tom()
    second = tom(email="t.walsh@example.com")

    response = reception.get(DUPLICATES)

    html = response.content.decode()
    assert response.status_code == 200
    assert "Same name, date of birth and phone" in html
    assert f"{MERGE}?a={first.pk}&amp;b={second.pk}" in html


@pytest.fixture
def two_sarahs(receptionist, peel, okafor):
    """Sarah's record, and a second one made when she gave a new email online."""
    keep = sarah_make()
    remove = sarah_make(email="sarah.new@example.com")
    history_make(keep, peel, okafor, past=1, hour=9)
    history_make(remove, peel, okafor, past=2, hour=14)
    patient_note_add(patient=remove, by=receptionist, text="Prefers afternoons.")
    return keep, remove


def test_merging_moves_every_booking_note_and_email_and_is_audited(receptionist, two_sarahs):
    keep, remove = two_sarahs

    merged = patient_merge(keep=keep, remove=remove, by=receptionist)

    assert (merged.bookings, merged.notes, merged.emails) == (3, 1, 3)
    assert Booking.objects.filter(patient=keep).count() == 5
    assert OutboxEmail.objects.filter(booking__patient=keep).count() == 5
    assert PatientNote.objects.get().patient == keep
    assert not Patient.objects.filter(pk=remove.pk).exists()
    entry = AuditEntry.objects.get(action=AuditEntry.Action.MERGED)
    assert (entry.user, entry.target) == (receptionist, f"patient {keep.pk}")
    assert entry.detail == (
        f"merged patient {remove.pk} into it: 3 booking(s), 3 email(s), 1 note(s) moved"
    )


@pytest.mark.parametrize(
    ("other", "refusal"),
    [
        ({"date_of_birth": date(1988, 4, 21)}, "different dates of birth"),
        ({"name": "Sara Thompson"}, "different first names"),
        ({"name": "Emma Thompson", "date_of_birth": date(1990, 1, 1)}, "dates of birth and first"),
    ],
)
def test_two_dates_of_birth_or_first_names_are_refused_without_a_reason(
    receptionist, other, refusal
):
    keep = sarah_make()
    remove = sarah_make(email="other@example.com", **other)

    with pytest.raises(PatientError, match=refusal):
        patient_merge(keep=keep, remove=remove, by=receptionist)
    with pytest.raises(PatientError, match=refusal):
        patient_merge(keep=keep, remove=remove, by=receptionist, reason="   ")

    assert Patient.objects.count() == 2
    assert not AuditEntry.objects.filter(action=AuditEntry.Action.MERGED).exists()


def test_with_a_reason_they_merge_and_the_reason_is_kept_as_a_note(receptionist):
    keep = sarah_make()
    remove = sarah_make(email="other@example.com", date_of_birth=date(1988, 12, 4))

    patient_merge(keep=keep, remove=remove, by=receptionist, reason="Day and month swapped online.")

    note = PatientNote.objects.get(patient=keep)
    assert note.author == receptionist
    assert note.text.endswith(": Day and month swapped online.")
    assert AuditEntry.objects.get(action=AuditEntry.Action.MERGED).detail.endswith("; reason given")


def test_a_record_is_not_merged_with_itself_nor_an_anonymised_one(receptionist):
    keep = sarah_make()
    gone = sarah_make(email="other@example.com")
    Patient.objects.filter(pk=gone.pk).update(anonymised_at=keep.created_at)

    with pytest.raises(PatientError, match="two different records"):
        patient_merge(keep=keep, remove=keep, by=receptionist)
    with pytest.raises(PatientError, match="anonymised"):
        patient_merge(keep=keep, remove=gone, by=receptionist)


def test_reception_merges_on_the_page_keeping_the_record_they_choose(
    reception, receptionist, two_sarahs
):
    keep, remove = two_sarahs

    response = reception.post(
        f"{MERGE}?a={keep.pk}&b={remove.pk}", {"keep": str(remove.pk), "reason": ""}
    )

    assert response.status_code == 302
    assert response.url == f"{PATIENTS}{remove.pk}/change/"
    assert Booking.objects.filter(patient=remove).count() == 5
    assert not Patient.objects.filter(pk=keep.pk).exists()
    # The record kept was marked as perhaps the other's duplicate: no longer.
    assert remove.possible_duplicate_of == keep
    assert Patient.objects.get(pk=remove.pk).possible_duplicate_of is None


def test_a_refused_merge_shows_why_on_the_page_and_keeps_the_choice(reception):
    keep = sarah_make()
    remove = sarah_make(email="other@example.com", name="Sara Thompson")

    response = reception.post(
        f"{MERGE}?a={keep.pk}&b={remove.pk}", {"keep": str(remove.pk), "reason": ""}
    )

    html = response.content.decode()
    assert response.status_code == 409
    assert "different first names" in html and "Nothing was merged." in html
    assert re.search(rf'value="{remove.pk}"[^>]*checked', html)
    assert not re.search(rf'value="{keep.pk}"[^>]*checked', html)
    assert Patient.objects.count() == 2


def test_a_merge_of_records_already_merged_goes_back_to_the_list(reception, receptionist):
    keep = sarah_make()
    remove = sarah_make(email="other@example.com")
    stale = f"{MERGE}?a={keep.pk}&b={remove.pk}"
    patient_merge(keep=keep, remove=remove, by=receptionist)

    response = reception.post(stale, {"keep": str(keep.pk), "reason": ""})

    assert response.status_code == 302 and response.url == DUPLICATES


def test_the_duplicates_page_runs_the_same_queries_for_one_pair_or_many(
    reception, django_assert_num_queries
):
    def count_queries():
        # 1 session, 1 user, 1 two-factor device, 1 user's permissions, 1 groups'
        # permissions, 1 the records that have a twin
        with django_assert_num_queries(6):
            response = reception.get(DUPLICATES)
        assert response.status_code == 200

    tom()
    tom(email="t.walsh@example.com")
    count_queries()
    for n in range(4):
        sarah_make(email=f"sarah{n}@example.com", phone=f"07700 90050{n}")
        sarah_make(email=f"sarah.t{n}@example.com", phone=f"07700 90050{n}")
    count_queries()
