"""The migrations that give every existing booking a patient record, on both databases.

Runs on PostgreSQL and, marked sqlite, on SQLite too. It migrates back to
before patient records, loads bookings as they were then, and migrates forward.
"""

from datetime import UTC, date, datetime, timedelta

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("bookings", "0016_staff_notes_in_history")]
AFTER = [("bookings", "0019_booking_patient_required")]

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.sqlite,
]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.fixture
def old_bookings():
    """Bookings as the clinic held them before patient records, typed as patients typed."""
    apps = migrate(BEFORE)
    User = apps.get_model("auth", "User")
    Treatment = apps.get_model("bookings", "Treatment")
    Dermatologist = apps.get_model("bookings", "Dermatologist")
    Booking = apps.get_model("bookings", "Booking")
    treatment = Treatment.objects.create(
        name="Peel", slug="peel-m", summary="A peel.", duration_minutes=30, price=100
    )
    user = User.objects.create(username="derm-m")
    dermatologist = Dermatologist.objects.create(user=user, name="Dr M", gmc_number="7654321")
    start = datetime(2026, 1, 5, 9, tzinfo=UTC)
    made = []

    def old(name, email, phone, born, **fields):
        n = len(made)
        starts = start + timedelta(hours=n)
        made.append(
            Booking.objects.create(
                reference=f"MIG{n:03d}",
                manage_nonce=f"nonce-{n}",
                treatment=treatment,
                dermatologist=dermatologist,
                starts_at=starts,
                ends_at=starts + timedelta(minutes=30),
                blocked_until=starts + timedelta(minutes=30),
                status="completed",
                patient_name=name,
                email=email,
                phone=phone,
                date_of_birth=born,
                how_long="1_to_6_months",
                how_many="1_to_5",
                tried_home_removal=False,
                pregnancy="no",
                privacy_consent_at=starts,
                created_at=starts - timedelta(days=7),
                **fields,
            ).reference
        )

    sarah = date(1988, 4, 12)
    old("Sarah Thompson", "sarah@example.com", "+44 7700 900 123", sarah)
    old("sarah  thompson", "Sarah@Example.com", "07700900456", sarah)  # her new number
    old("Amy Shah", "parent@example.com", "07700 900111", date(2018, 5, 1))
    old("Ben Shah", "parent@example.com", "07700 900111", date(2018, 5, 1))
    old("Sarah Thompson", "sarah.t@work.example", "020 7946 0958", sarah)
    old("Tom Baker", "tom@example.com", "ring the office", date(1970, 1, 1))
    old("Anonymised", "anonymised-mig006@invalid.example", "", date(1900, 1, 1))
    yield made
    # Back to the latest schema: the tests after these ones need every later column.
    migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())


def test_every_booking_gets_a_patient_and_the_same_person_one_record(old_bookings):
    apps = migrate(AFTER)
    Booking = apps.get_model("bookings", "Booking")
    Patient = apps.get_model("bookings", "Patient")
    patient_of = dict(Booking.objects.values_list("reference", "patient_id"))
    first, again, amy, ben, work, tom, anonymised = (patient_of[r] for r in old_bookings)

    assert None not in patient_of.values()
    assert first == again  # the same email, date of birth and name, spelled a little differently
    assert amy != ben  # twins
    assert len({first, amy, ben, work, tom, anonymised}) == 6
    assert Patient.objects.count() == 6

    sarah = Patient.objects.get(pk=first)
    assert sarah.phone == "+447700900456"  # her latest booking's
    assert sarah.name == "sarah thompson"
    assert not sarah.phone_unreadable
    assert Patient.objects.get(pk=work).possible_duplicate_of_id == first
    assert Patient.objects.get(pk=anonymised).anonymised_at is not None


def test_numbers_it_can_read_become_e164_and_the_others_stay_as_typed_and_flagged(old_bookings):
    apps = migrate(AFTER)
    Booking = apps.get_model("bookings", "Booking")
    Patient = apps.get_model("bookings", "Patient")
    phones = dict(Booking.objects.values_list("reference", "phone"))

    assert [phones[r] for r in old_bookings] == [
        "+447700900123",
        "+447700900456",
        "+447700900111",
        "+447700900111",
        "+442079460958",
        "ring the office",
        "",
    ]
    tom = Patient.objects.get(name="Tom Baker")
    assert tom.phone == "ring the office" and tom.phone_unreadable
    assert list(Patient.objects.filter(phone_unreadable=True)) == [tom]


def test_the_migration_can_be_undone(old_bookings):
    migrate(AFTER)
    apps = migrate(BEFORE)

    assert apps.get_model("bookings", "Booking").objects.count() == len(old_bookings)
