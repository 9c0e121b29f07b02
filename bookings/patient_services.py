"""What happens to patient records. booking_create links each new booking through here."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from django.contrib.auth.models import User
from django.db import IntegrityError, transaction
from django.db.models import BooleanField, ExpressionWrapper, F, Q, Value
from django.db.models.functions import Lower

from bookings.audit import audit_record
from bookings.models import AuditEntry, Booking, OutboxEmail, Patient, PatientNote
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
        if details.contact_by_text and not nearest.contact_by_text:
            # Asking for texts is the patient's own choice, made today; an empty
            # box withdraws nothing (that is done on the booking's page).
            patient_texts_choose(patient=nearest, wanted=True)
            nearest.contact_by_text = True
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
        contact_by_text=details.contact_by_text,
        created_at=now,
        possible_duplicate_of=nearest,
    )
    try:
        with transaction.atomic():
            record.save(force_insert=True)
    except IntegrityError:  # the same patient, booking in another tab at the same moment
        return same_person.get()
    return record


class PatientError(Exception):
    """A refusal with a message fit to show the member of staff who asked."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Merged:
    bookings: int
    notes: int
    emails: int


def patient_note_add(*, patient: Patient, by: User, text: str) -> PatientNote:
    """A note about the patient for the desk, by `by`. Refuses an empty one."""
    text = text.strip()
    if not text:
        raise PatientError("Write the note first.")
    return PatientNote.objects.create(patient=patient, author=by, text=text)


def first_name(name: str) -> str:
    words = name.split()
    return words[0].casefold() if words else ""


def patient_merge(*, keep: Patient, remove: Patient, by: User, reason: str = "") -> Merged:
    """Moves every booking (with its emails) and note of `remove` to `keep`, then deletes `remove`.

    Two records of one person, made when a detail was typed differently. Refuses
    when the dates of birth or the first names differ (perhaps two people: twins,
    a parent and child) unless `reason` says why they are one; the reason is kept
    as a note on the kept record. One transaction, recorded in the audit trail.
    """
    reason = reason.strip()
    if keep.pk == remove.pk:
        raise PatientError("Choose two different records to merge.")
    with transaction.atomic():
        locked = {
            # Locked in one order, so two people merging the pair both ways cannot deadlock.
            p.pk: p
            for p in Patient.objects.select_for_update()
            .filter(pk__in=[keep.pk, remove.pk])
            .order_by("pk")
        }
        if len(locked) < 2:
            raise PatientError("One of the two records no longer exists: it was merged already.")
        keep, remove = locked[keep.pk], locked[remove.pk]
        if keep.anonymised_at or remove.anonymised_at:
            raise PatientError("An anonymised record cannot be merged.")
        differences = []
        if keep.date_of_birth != remove.date_of_birth:
            differences.append("dates of birth")
        if first_name(keep.name) != first_name(remove.name):
            differences.append("first names")
        if differences and not reason:
            raise PatientError(
                f"The two records have different {' and '.join(differences)}: they may be two "
                "people. Check with the patient, and say why they are the same person to merge."
            )
        booking_ids = list(remove.bookings.values_list("pk", flat=True))
        emails = OutboxEmail.objects.filter(booking_id__in=booking_ids).count()
        moved = Booking.objects.filter(pk__in=booking_ids).update(patient=keep)
        notes = remove.notes.update(patient=keep)
        remove.courses.update(patient=keep)
        remove.waitlist_entries.update(patient=keep)
        # Records marked as perhaps duplicating `remove` lose the mark when it goes (SET_NULL).
        if reason:
            PatientNote.objects.create(
                patient=keep,
                author=by,
                text=f"Merged with the record of {remove} (record {remove.pk}): {reason}",
            )
        removed_pk = remove.pk
        remove.delete()
        audit_record(
            user=by,
            action=AuditEntry.Action.MERGED,
            target=f"patient {keep.pk}",
            # Free text stays out of the audit trail: the reason is in the kept record's notes.
            detail=f"merged patient {removed_pk} into it: {moved} booking(s), {emails} email(s), "
            f"{notes} note(s) moved" + ("; reason given" if reason else ""),
        )
    return Merged(bookings=moved, notes=notes, emails=emails)


def patient_texts_choose(*, patient: Patient, wanted: bool) -> bool:
    """Records the patient's choice about texts (the booking form, their booking's page, a
    STOP reply). Returns whether it changed anything."""
    return bool(
        Patient.objects.filter(pk=patient.pk)
        .exclude(contact_by_text=wanted)
        .update(contact_by_text=wanted)
    )


def patients_texts_stop(*, mobile: str) -> int:
    """A STOP reply from `mobile`: no more texts to any patient with that number."""
    return Patient.objects.filter(phone=mobile, contact_by_text=True).update(contact_by_text=False)
