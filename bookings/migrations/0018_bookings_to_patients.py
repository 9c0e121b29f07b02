"""Links every booking to a patient record, and stores phone numbers as E.164.

Bookings with the same email, date of birth and name (compared as the
service compares them) are one patient, whose record takes the details of
their latest booking. A number that cannot be read as a phone number stays
as typed and the record is flagged for reception: the migration never fails
on one. Anonymised bookings each keep a record of their own, itself
anonymised, since nothing is left to tell whose they were.
"""

from django.db import migrations
from django.utils import timezone

from bookings.phones import phone_or_as_typed

BATCH = 1000
ANONYMISED_DOMAIN = "@invalid.example"


def _key(booking: dict) -> tuple:
    return (
        booking["email"].strip().lower(),
        booking["date_of_birth"],
        " ".join(booking["patient_name"].split()).lower(),
    )


def bookings_link(apps, schema_editor):
    Booking = apps.get_model("bookings", "Booking")
    Patient = apps.get_model("bookings", "Patient")
    now = timezone.now()
    rows = list(
        Booking.objects.filter(patient__isnull=True)
        .order_by("created_at", "pk")
        .values(
            "pk",
            "patient_name",
            "email",
            "phone",
            "date_of_birth",
            "guardian_name",
            "guardian_relationship",
            "created_at",
        )
    )
    latest = {}  # key -> the latest booking's details, which the record takes
    first_created = {}
    for row in rows:
        key = _key(row)
        latest[key] = row
        first_created.setdefault(key, row["created_at"])

    patients = []
    for key, row in latest.items():
        phone, readable = phone_or_as_typed(row["phone"])
        patients.append(
            Patient(
                name=" ".join(row["patient_name"].split()),
                date_of_birth=row["date_of_birth"],
                email=row["email"].strip(),
                phone=phone,
                phone_unreadable=not readable and bool(phone),
                guardian_name=row["guardian_name"],
                guardian_relationship=row["guardian_relationship"],
                created_at=first_created[key],
                anonymised_at=now if row["email"].endswith(ANONYMISED_DOMAIN) else None,
            )
        )
    Patient.objects.bulk_create(patients, batch_size=BATCH)
    patient_ids = {key: patient.pk for key, patient in zip(latest, patients, strict=True)}
    if any(pk is None for pk in patient_ids.values()):  # a database that returns no ids
        patient_ids = {
            (p.email.lower(), p.date_of_birth, p.name.lower()): p.pk for p in Patient.objects.all()
        }

    _duplicates_mark(Patient, patients, patient_ids)

    bookings = []
    for row in rows:
        phone, _ = phone_or_as_typed(row["phone"])
        bookings.append(Booking(pk=row["pk"], patient_id=patient_ids[_key(row)], phone=phone))
    Booking.objects.bulk_update(bookings, ["patient_id", "phone"], batch_size=BATCH)


def _duplicates_mark(Patient, patients, patient_ids):
    """Records with one name and date of birth but another email may be one person."""
    first_by_person = {}
    marked = []
    for (email, born, name), pk in patient_ids.items():
        if email.endswith(ANONYMISED_DOMAIN):
            continue
        first = first_by_person.setdefault((name, born), pk)
        if first != pk:
            marked.append(Patient(pk=pk, possible_duplicate_of_id=first))
    Patient.objects.bulk_update(marked, ["possible_duplicate_of_id"], batch_size=BATCH)


def bookings_unlink(apps, schema_editor):
    apps.get_model("bookings", "Booking").objects.update(patient=None)
    apps.get_model("bookings", "Patient").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("bookings", "0017_patient_records")]

    operations = [migrations.RunPython(bookings_link, bookings_unlink, elidable=False)]
