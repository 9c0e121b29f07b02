"""Patients' data rights: a copy of everything held, anonymising on request, and retention.

A request is about one patient record: a family that shares an email address
is several patients, and each has the rights to their own data only.

Every function here writes to the audit trail. They are called by the
management commands patient_export and patient_anonymise and by the beat
task that anonymises old requests.
"""

import functools
import json
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone

from bookings.audit import audit_record
from bookings.manage_links import manage_page_name, new_manage_nonce
from bookings.models import (
    ACTIVE_STATUSES,
    AuditEntry,
    Booking,
    BookingStatus,
    OutboxEmail,
    Patient,
    WaitlistEntry,
)
from bookings.waitlist_privacy import waitlist_anonymise_patient, waitlist_export
from clinic.web.readcache import kept_page_forget

# Attended appointments are part of the medical record, which the clinic must
# keep (8 years after the last visit for adults): for them only the contact
# details go. Everything else loses every personal detail.
ATTENDED = (BookingStatus.ARRIVED, BookingStatus.COMPLETED)
REMOVED = "Anonymised"
UNKNOWN_BIRTH_DATE = date(1900, 1, 1)


class PrivacyError(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Anonymised:
    contact_removed: int  # attended: clinical record kept, contact details gone
    fully_removed: int


def patients_with_email(email: str) -> list[Patient]:
    """The patient records held under `email`: more than one where a family shares an address."""
    return list(
        Patient.objects.filter(email__iexact=email.strip(), anonymised_at__isnull=True).order_by(
            "name", "date_of_birth", "pk"
        )
    )


def patient_export(*, patient: Patient, requested_by: str) -> str:
    """Everything held about the patient: their record and every booking of theirs, as JSON text."""
    bookings = list(
        patient.bookings.select_related(
            "treatment", "dermatologist", "treatment_record__treatment_given"
        )
        .prefetch_related("events", "emails", "treatment_record__changes")
        .order_by("starts_at")
    )
    data = {
        "exported_at": timezone.now(),
        "clinic": settings.CLINIC_NAME,
        "patient": {
            "name": patient.name,
            "date_of_birth": patient.date_of_birth,
            "email": patient.email,
            "phone": patient.phone_for_display,
            "guardian_name": patient.guardian_name,
            "guardian_relationship": patient.guardian_relationship,
            "emails_about_appointments": patient.contact_by_email,
            "texts_about_appointments": patient.contact_by_text,
            "phone_calls_about_appointments": patient.contact_by_phone,
            "record_made_at": patient.created_at,
        },
        "bookings": [_booking_data(booking) for booking in bookings],
        "waiting_list": waitlist_export(patient),
        "staff_notes_about_the_patient": [
            {"written_at": note.created_at, "note": note.text} for note in patient.notes.all()
        ],
    }
    audit_record(
        user=None,
        actor=requested_by,
        action=AuditEntry.Action.PRIVACY,
        target=f"patient {patient.pk} ({email_masked(patient.email)})",
        detail=f"exported the record and {len(bookings)} booking(s)",
    )
    return json.dumps(data, cls=DjangoJSONEncoder, indent=2, ensure_ascii=False)


def _booking_data(booking: Booking) -> dict:
    return {
        "reference": booking.reference,
        "treatment": booking.treatment.name,
        "dermatologist": booking.dermatologist.name,
        "starts_at": booking.starts_at,
        "ends_at": booking.ends_at,
        "status": booking.get_status_display(),
        "patient_name": booking.patient_name,
        "email": booking.email,
        "phone": booking.phone,
        "date_of_birth": booking.date_of_birth,
        "guardian_name": booking.guardian_name,
        "guardian_relationship": booking.guardian_relationship,
        "answers": {
            "where": booking.areas,
            "how_long": booking.get_how_long_display(),
            "how_many": booking.get_how_many_display(),
            "tried_removing_at_home": booking.tried_home_removal,
            "warning_signs": booking.warning_signs,
            "tried_already": booking.tried_already,
            "pregnancy": booking.get_pregnancy_display(),
            "suitability": booking.suitability_answer_lines,
            "skin_type": booking.get_skin_type_display(),
            "discuss_suitability": booking.discuss_suitability,
            "note": booking.patient_note,
        },
        "privacy_consent_at": booking.privacy_consent_at,
        "created_at": booking.created_at,
        "cancelled_at": booking.cancelled_at,
        "cancellation_reason": booking.cancellation_reason,
        "staff_notes": booking.staff_notes,
        "history": [
            {
                "what": event.get_kind_display(),
                "when": event.at,
                "by": "clinic" if event.by_user_id else "you",
            }
            for event in booking.events.all()
        ],
        "emails": [
            {
                "what": email.get_kind_display(),
                "by": email.get_channel_display(),
                "status": email.get_status_display(),
                "sent_at": email.sent_at,
            }
            for email in booking.emails.all()
        ],
        "treatment_record": _record_data(booking),
    }


def _record_data(booking: Booking) -> dict | None:
    """The dermatologist's record of the visit, with when it was written and amended."""
    record = getattr(booking, "treatment_record", None)
    if record is None:
        return None
    return {
        "treatment_given": record.treatment_given.name,
        "areas_treated": record.area_labels,
        "milia_treated": record.get_milia_treated_display(),
        "device_settings": record.device_settings,
        "written_consent_taken": record.consent_taken,
        "complications": record.complications,
        "advice_given": record.advice,
        "follow_up": record.get_follow_up_display(),
        "review_in_weeks": record.follow_up_weeks,
        "versions": [{"when": change.at} for change in record.changes.all()],
    }


def patient_anonymise(
    *, patient: Patient, requested_by: str, now: datetime | None = None
) -> Anonymised:
    """Anonymises the patient's record and every booking of theirs, keeping the clinical minimum.

    Attended appointments keep who, what and when (and the record its name and
    date of birth), without any way to contact the patient. Refuses while the
    patient has an upcoming appointment: cancel or move it first, so that
    nobody is expected at the clinic under a name we removed.
    """
    now = now or timezone.now()
    with transaction.atomic():
        patient = Patient.objects.select_for_update().get(pk=patient.pk)
        bookings = list(patient.bookings.select_for_update())
        upcoming = [
            b.reference for b in bookings if b.status in ACTIVE_STATUSES and b.starts_at > now
        ]
        if upcoming:
            raise PrivacyError(
                f"{patient.name} has upcoming appointments ({', '.join(upcoming)}). "
                "Cancel them first, then anonymise."
            )
        email = patient.email
        result = _anonymise(bookings)
        waitlist_anonymise_patient(patient, now=now)
        patient.notes.all().delete()  # the desk's notes about a person we no longer name
        record_anonymise(patient, keep_identity=result.contact_removed > 0, now=now)
        # Emails that belong to no booking (links sent on request) went to the
        # address; leave them while another patient of the family still uses it.
        if not Patient.objects.filter(email__iexact=email).exists():
            OutboxEmail.objects.filter(recipient__iexact=email).update(
                recipient="anonymised@invalid.example", last_error=""
            )
        audit_record(
            user=None,
            actor=requested_by,
            action=AuditEntry.Action.PRIVACY,
            target=f"patient {patient.pk} ({email_masked(email)})",
            detail=f"anonymised on request: {result.fully_removed} removed, "
            f"{result.contact_removed} kept as clinical record",
        )
    return result


def record_anonymise(patient: Patient, *, keep_identity: bool, now: datetime) -> None:
    """The record loses every contact detail; its name and birth date too unless a clinical
    record (an attended appointment) still needs to say whose it is."""
    patient.email = f"anonymised-patient-{patient.pk}@invalid.example"
    patient.phone = ""
    patient.phone_unreadable = False
    patient.guardian_name = patient.guardian_relationship = ""
    patient.possible_duplicate_of = None
    if not keep_identity:
        patient.name = REMOVED
        patient.date_of_birth = UNKNOWN_BIRTH_DATE
    patient.anonymised_at = now
    patient.save()


def requests_expired_anonymise(*, now: datetime | None = None) -> int:
    """Anonymises requests that never became appointments, RETENTION_UNCONFIRMED_DAYS after their date."""
    now = now or timezone.now()
    cutoff = now - timedelta(days=settings.RETENTION_UNCONFIRMED_DAYS)
    with transaction.atomic():
        bookings = list(
            Booking.objects.select_for_update(skip_locked=True)
            .filter(
                confirmed_at__isnull=True,
                status__in=[BookingStatus.REQUESTED, BookingStatus.CANCELLED],
                starts_at__lt=cutoff,
            )
            .exclude(patient_name=REMOVED)
        )
        if not bookings:
            return 0
        result = _anonymise(bookings)
        records = records_with_nothing_kept({b.patient_id for b in bookings})
        for patient in records:
            record_anonymise(patient, keep_identity=False, now=now)
        audit_record(
            user=None,
            actor="system",
            action=AuditEntry.Action.PRIVACY,
            target=f"{result.fully_removed} old request(s)",
            detail=f"retention: requests never confirmed, dated before {cutoff:%Y-%m-%d}; "
            f"{len(records)} patient record(s) with nothing else kept",
        )
    return result.fully_removed


def records_with_nothing_kept(patient_ids: set[int]) -> list[Patient]:
    """Those of the patients none of whose bookings keeps anything personal any more."""
    still_held = (
        Booking.objects.filter(patient_id__in=patient_ids)
        .exclude(patient_name=REMOVED)
        .values_list("patient_id", flat=True)
    )
    waiting = WaitlistEntry.objects.filter(
        patient_id__in=patient_ids, anonymised_at__isnull=True
    ).values_list("patient_id", flat=True)
    return list(
        Patient.objects.select_for_update()
        .filter(pk__in=patient_ids, anonymised_at__isnull=True)
        .exclude(pk__in=still_held)
        .exclude(pk__in=waiting)
    )


def _anonymise(bookings: list[Booking]) -> Anonymised:
    contact_removed = fully_removed = 0
    for booking in bookings:
        placeholder = f"anonymised-{booking.reference.lower()}@invalid.example"
        booking.email = placeholder
        booking.phone = ""
        # Old links stop working, and the page they showed leaves the cache.
        forget = functools.partial(kept_page_forget, manage_page_name(booking.manage_token))
        transaction.on_commit(forget)
        booking.manage_nonce = new_manage_nonce()
        booking.legacy_token_hash = None
        if booking.status in ATTENDED:
            contact_removed += 1
        else:
            booking.patient_name = REMOVED
            booking.date_of_birth = UNKNOWN_BIRTH_DATE
            booking.guardian_name = booking.guardian_relationship = ""
            booking.areas, booking.warning_signs = [], []
            booking.suitability_answers, booking.skin_type = {}, ""
            booking.tried_already = booking.patient_note = booking.cancellation_reason = ""
            booking.staff_notes = ""
            booking.events.update(detail="")  # a cancellation reason may have been copied there
            fully_removed += 1
        booking.save()
        # A server's refusal often quotes the address it refused.
        OutboxEmail.objects.filter(booking=booking).update(recipient=placeholder, last_error="")
    return Anonymised(contact_removed=contact_removed, fully_removed=fully_removed)


def email_masked(email: str) -> str:
    """p…@example.com: enough to spot a typo without showing the whole address."""
    local, _, domain = email.strip().partition("@")
    return f"{local[:1]}…@{domain}"
