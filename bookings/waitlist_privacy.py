"""The waiting list in the patient's data rights: in their export, anonymised with them, and
anonymised RETENTION_WAITLIST_DAYS after an entry ended. Called by bookings/privacy.py and
the retention task."""

from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from bookings.audit import audit_record
from bookings.manage_links import new_manage_nonce
from bookings.models import (
    AuditEntry,
    OutboxEmail,
    Patient,
    WaitlistEnd,
    WaitlistEntry,
    WaitlistOffer,
)

REMOVED = "Anonymised"


def waitlist_export(patient: Patient) -> list[dict]:
    """The patient's waiting list entries, with the times they were offered and the messages
    sent about them (4 queries)."""
    entries = patient.waitlist_entries.select_related(
        "treatment", "dermatologist"
    ).prefetch_related("offers__dermatologist", "emails", "offers__emails")
    return [
        {
            "treatment": entry.treatment.name,
            "dermatologist": entry.dermatologist.name if entry.dermatologist else "any",
            "first_day": entry.first_day,
            "last_day": entry.last_day,
            "parts_of_day": entry.parts_of_day,
            "name": entry.name,
            "email": entry.email,
            "phone": entry.phone,
            "joined_at": entry.created_at,
            "ended_at": entry.ended_at,
            "why_it_ended": entry.get_end_reason_display(),
            "offers": [
                {
                    "time": offer.starts_at,
                    "dermatologist": offer.dermatologist.name,
                    "by": offer.get_channel_display(),
                    "offered_at": offer.created_at,
                }
                for offer in entry.offers.all()
            ],
            "messages": [
                {
                    "what": message.get_kind_display(),
                    "by": message.get_channel_display(),
                    "status": message.get_status_display(),
                    "sent_at": message.sent_at,
                }
                for message in sorted(
                    [*entry.emails.all(), *(m for o in entry.offers.all() for m in o.emails.all())],
                    key=lambda message: (message.created_at, message.pk),
                )
            ],
        }
        for entry in entries.order_by("created_at")
    ]


def waitlist_anonymise_patient(patient: Patient, *, now: datetime) -> int:
    """The patient's entries end, if waiting, and lose their contact details, as do the
    messages sent about them; their links stop working. In the caller's transaction."""
    entries = WaitlistEntry.objects.select_for_update().filter(patient=patient)
    entries.filter(ended_at__isnull=True).update(ended_at=now, end_reason=WaitlistEnd.ANONYMISED)
    return _anonymise(list(entries.filter(anonymised_at__isnull=True)), now=now)


def waitlist_retention_anonymise(*, now: datetime | None = None) -> int:
    """Anonymises the entries that ended more than RETENTION_WAITLIST_DAYS ago, and the
    patient records made for them that hold nothing else. Returns how many entries."""
    now = now or timezone.now()
    cutoff = now - timedelta(days=settings.RETENTION_WAITLIST_DAYS)
    with transaction.atomic():
        entries = list(
            WaitlistEntry.objects.select_for_update(skip_locked=True).filter(
                ended_at__lt=cutoff, anonymised_at__isnull=True
            )
        )
        if not entries:
            return 0
        count = _anonymise(entries, now=now)
        # A record whose entries and bookings now keep nothing personal goes too (one made
        # when someone joined the list and never booked, most often).
        from bookings.privacy import record_anonymise, records_with_nothing_kept

        records = records_with_nothing_kept({entry.patient_id for entry in entries})
        for patient in records:
            record_anonymise(patient, keep_identity=False, now=now)
        audit_record(
            user=None,
            actor="system",
            action=AuditEntry.Action.PRIVACY,
            target=f"{count} waiting list entr{'y' if count == 1 else 'ies'}",
            detail=f"retention: ended before {cutoff:%Y-%m-%d}; "
            f"{len(records)} patient record(s) with nothing else kept",
        )
    return count


def _anonymise(entries: list[WaitlistEntry], *, now: datetime) -> int:
    for entry in entries:
        placeholder = f"anonymised-waiting-{entry.pk}@invalid.example"
        entry.name, entry.email, entry.phone = REMOVED, placeholder, ""
        entry.nonce = new_manage_nonce()  # the leave link stops working
        entry.anonymised_at = now
        entry.save(update_fields=["name", "email", "phone", "nonce", "anonymised_at"])
        for offer in WaitlistOffer.objects.filter(entry=entry):
            offer.nonce = new_manage_nonce()
            offer.save(update_fields=["nonce"])
        OutboxEmail.objects.filter(waitlist_entry=entry).update(
            recipient=placeholder, last_error=""
        )
        OutboxEmail.objects.filter(offer__entry=entry).update(recipient=placeholder, last_error="")
    return len(entries)
