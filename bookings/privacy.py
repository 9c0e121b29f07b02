"""Patients' data rights: a copy of everything held, anonymising on request, and retention.

Every function here writes to the audit trail. They are called by the
management commands patient_export and patient_anonymise and by the beat
task that anonymises old requests.
"""

import json
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone

from bookings.audit import audit_record
from bookings.manage_links import new_manage_nonce
from bookings.models import (
    ACTIVE_STATUSES,
    AuditEntry,
    Booking,
    BookingStatus,
    OutboxEmail,
)

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


def patient_export(*, email: str, requested_by: str) -> str:
    """Everything held about the patient who booked with `email`, as JSON text."""
    bookings = list(
        Booking.objects.filter(email__iexact=email.strip())
        .select_related("treatment", "dermatologist")
        .prefetch_related("events", "emails")
        .order_by("starts_at")
    )
    if not bookings:
        raise PrivacyError(f"No bookings are held for {email}.")
    data = {
        "exported_at": timezone.now(),
        "clinic": settings.CLINIC_NAME,
        "email": email,
        "bookings": [_booking_data(booking) for booking in bookings],
    }
    audit_record(
        user=None,
        actor=requested_by,
        action=AuditEntry.Action.PRIVACY,
        target=f"patient {email_masked(email)}",
        detail=f"exported {len(bookings)} booking(s)",
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
                "status": email.get_status_display(),
                "sent_at": email.sent_at,
            }
            for email in booking.emails.all()
        ],
    }


def patient_anonymise(*, email: str, requested_by: str, now: datetime | None = None) -> Anonymised:
    """Anonymises every booking held under `email`, keeping the clinical minimum of attended ones.

    Refuses while the patient has an upcoming appointment: cancel or move it
    first, so that nobody is expected at the clinic under a name we removed.
    """
    now = now or timezone.now()
    with transaction.atomic():
        bookings = list(Booking.objects.select_for_update().filter(email__iexact=email.strip()))
        if not bookings:
            raise PrivacyError(f"No bookings are held for {email}.")
        upcoming = [
            b.reference for b in bookings if b.status in ACTIVE_STATUSES and b.starts_at > now
        ]
        if upcoming:
            raise PrivacyError(
                f"{email} has upcoming appointments ({', '.join(upcoming)}). "
                "Cancel them first, then anonymise."
            )
        result = _anonymise(bookings)
        OutboxEmail.objects.filter(recipient__iexact=email.strip()).update(
            recipient="anonymised@invalid.example"
        )
        audit_record(
            user=None,
            actor=requested_by,
            action=AuditEntry.Action.PRIVACY,
            target=f"patient {email_masked(email)}",
            detail=f"anonymised on request: {result.fully_removed} removed, "
            f"{result.contact_removed} kept as clinical record",
        )
    return result


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
        audit_record(
            user=None,
            actor="system",
            action=AuditEntry.Action.PRIVACY,
            target=f"{result.fully_removed} old request(s)",
            detail=f"retention: requests never confirmed, dated before {cutoff:%Y-%m-%d}",
        )
    return result.fully_removed


def _anonymise(bookings: list[Booking]) -> Anonymised:
    contact_removed = fully_removed = 0
    for booking in bookings:
        placeholder = f"anonymised-{booking.reference.lower()}@invalid.example"
        booking.email = placeholder
        booking.phone = ""
        booking.manage_nonce = new_manage_nonce()  # old links stop working
        booking.legacy_token_hash = None
        if booking.status in ATTENDED:
            contact_removed += 1
        else:
            booking.patient_name = REMOVED
            booking.date_of_birth = UNKNOWN_BIRTH_DATE
            booking.guardian_name = booking.guardian_relationship = ""
            booking.areas, booking.warning_signs = [], []
            booking.tried_already = booking.patient_note = booking.cancellation_reason = ""
            booking.staff_notes = ""
            booking.events.update(detail="")  # a cancellation reason may have been copied there
            fully_removed += 1
        booking.save()
        OutboxEmail.objects.filter(booking=booking).update(recipient=placeholder)
    return Anonymised(contact_removed=contact_removed, fully_removed=fully_removed)


def email_masked(email: str) -> str:
    """p…@example.com: enough to spot a typo without showing the whole address."""
    local, _, domain = email.strip().partition("@")
    return f"{local[:1]}…@{domain}"
