"""What happens to patient records. booking_create links each new booking through here."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from django.db import IntegrityError, transaction
from django.db.models import BooleanField, ExpressionWrapper, F, Q, Value
from django.db.models.functions import Lower

from bookings.models.patient import Patient
from bookings.phones import phone_or_as_typed

if TYPE_CHECKING:
    from bookings.services import PatientDetails


def patient_find_or_create(*, details: PatientDetails, now: datetime) -> Patient:
    """The record of the patient with the same email, date of birth and name, or a new one.

    Twins booked by one parent share an email and a date of birth, so the name
    counts too. An existing record is never changed here: a booking whose phone
    or guardian differs keeps its own, and staff see the difference and choose.
    A new record that shares a name with an existing one (the same date of
    birth, or the same email) is marked as a possible duplicate for reception.
    """
    email, name = Lower(Value(details.email.strip())), Lower(Value(details.name))
    same_email, same_birth = Q(email_l=email), Q(date_of_birth=details.date_of_birth)
    # Compared exactly as the constraint patient_one_record_per_person compares them.
    same_person = Patient.objects.alias(email_l=Lower("email"), name_l=Lower("name")).filter(
        same_email & same_birth, name_l=name
    )
    # In one query: the same person if there is one, else the earliest namesake.
    nearest = (
        Patient.objects.alias(email_l=Lower("email"), name_l=Lower("name"))
        .annotate(is_same=ExpressionWrapper(same_email & same_birth, output_field=BooleanField()))
        .filter(same_email | same_birth, name_l=name, anonymised_at__isnull=True)
        .order_by(F("is_same").desc(), "pk")
        .first()
    )
    if nearest is not None and nearest.is_same:
        return nearest
    phone, readable = phone_or_as_typed(details.phone)
    record = Patient(
        name=details.name,
        date_of_birth=details.date_of_birth,
        email=details.email.strip(),
        phone=phone,
        phone_unreadable=not readable,
        guardian_name=details.guardian_name,
        guardian_relationship=details.guardian_relationship,
        created_at=now,
        possible_duplicate_of=nearest,
    )
    try:
        with transaction.atomic():
            record.save(force_insert=True)
    except IntegrityError:  # the same patient, booking in another tab at the same moment
        return same_person.get()
    return record
