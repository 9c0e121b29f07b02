"""After a visit: writing and amending the treatment record, who may read it, and the
aftercare and follow-up emails it leads to."""

from datetime import datetime
from urllib.parse import urlencode

from django.contrib.auth.models import AnonymousUser, User
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef
from django.forms.models import model_to_dict
from django.urls import reverse
from django.utils import timezone

from bookings.audit import audit_record
from bookings.models import (
    AftercareSent,
    AftercareText,
    AuditEntry,
    Booking,
    BookingStatus,
    Dermatologist,
    EmailKind,
    FollowUp,
    OutboxEmail,
    TreatmentRecord,
    TreatmentRecordChange,
)
from bookings.notify.emails import email_due, email_queue
from bookings.selectors import booking_horizon_last_day
from bookings.services import BookingError, _locked

RECORD_FIELDS = [
    "treatment_given",
    "areas",
    "milia_treated",
    "device_settings",
    "consent_taken",
    "complications",
    "advice",
    "follow_up",
    "follow_up_weeks",
]

# A record is written during or after the visit, never before the patient is here.
RECORDABLE_STATUSES = (BookingStatus.ARRIVED, BookingStatus.COMPLETED)


def treatment_record_save(
    *, booking: Booking, by_user: User, fields: dict, now: datetime | None = None
) -> TreatmentRecord:
    """Writes the visit's treatment record, or amends it, keeping every version.

    Only the booking's own dermatologist writes it, once the patient has
    arrived. Once the visit is completed too, the aftercare of the treatment
    given becomes due (again only if that treatment changed).
    """
    now = now or timezone.now()
    with transaction.atomic():
        booking = _locked(booking)
        if booking.dermatologist.user_id != by_user.pk:
            raise BookingError("Only the dermatologist who saw the patient writes this record.")
        if booking.status not in RECORDABLE_STATUSES:
            raise BookingError(
                "Cannot write a treatment record: "
                + (
                    "the patient has not arrived yet."
                    if booking.status in (BookingStatus.REQUESTED, BookingStatus.CONFIRMED)
                    else f"the booking is {booking.get_status_display().lower()}."
                )
            )
        given = {name: fields[name] for name in RECORD_FIELDS if name in fields}
        record = TreatmentRecord.objects.filter(booking=booking).first()
        if record is None:
            record = TreatmentRecord(booking=booking, written_by=by_user, written_at=now)
            what = "treatment record written"
        else:
            if all(getattr(record, name) == value for name, value in given.items()):
                return record
            record.amended_at = now
            what = "treatment record amended"
        for name, value in given.items():
            setattr(record, name, value)
        if record.follow_up != "review":
            record.follow_up_weeks = None
        record.save()
        TreatmentRecordChange.objects.create(
            record=record, by_user=by_user, at=now, fields=_as_saved(record)
        )
        audit_record(
            user=by_user,
            action=AuditEntry.Action.CHANGED,
            target=f"booking {booking.reference}",
            detail=what,
        )
        aftercare_make_due(booking=booking, record=record)
    return record


def _as_saved(record: TreatmentRecord) -> dict:
    return model_to_dict(record, fields=RECORD_FIELDS)


def aftercare_make_due(
    *, booking: Booking, record: TreatmentRecord | None = None
) -> AftercareSent | None:
    """Makes the aftercare email due when the visit is completed and has its record.

    Call it inside the transaction that completed the visit or saved the record,
    with the booking locked. At most once per visit and treatment given: the
    unique key of AftercareSent refuses a second, whoever gets there second.
    """
    if booking.status != BookingStatus.COMPLETED:
        return None
    if record is None:
        record = TreatmentRecord.objects.filter(booking=booking).first()
        if record is None:
            return None
    treatment = record.treatment_given
    if AftercareSent.objects.filter(booking=booking, treatment=treatment).exists():
        return None
    corrects = AftercareSent.objects.filter(booking=booking).exists()
    try:
        with transaction.atomic():  # a savepoint: losing the race undoes only this
            email = OutboxEmail.objects.create(
                kind=EmailKind.AFTERCARE,
                booking=booking,
                # The outbox's own key is (booking, kind, version): one aftercare
                # email per treatment given, so each carries its treatment's id.
                version=treatment.pk,
                recipient=booking.email,
            )
            sent = AftercareSent.objects.create(
                booking=booking, treatment=treatment, email=email, corrects=corrects
            )
    except IntegrityError:
        return None
    transaction.on_commit(lambda: email_queue(email.pk), robust=True)
    return sent


def aftercare_current(treatment_id: int) -> AftercareText | None:
    """The latest aftercare text of the treatment that a dermatologist has approved (1 query)."""
    return (
        AftercareText.objects.filter(treatment_id=treatment_id, approved_at__isnull=False)
        .order_by("-approved_at", "-pk")
        .first()
    )


def aftercare_approve(
    *, text: AftercareText, by_user: User, now: datetime | None = None
) -> AftercareText:
    """A dermatologist approves reception's version of the aftercare: from now on it is sent."""
    now = now or timezone.now()
    if not Dermatologist.objects.filter(user=by_user).exists():
        raise BookingError("Only a dermatologist can approve aftercare.")
    with transaction.atomic():
        text = AftercareText.objects.select_for_update().get(pk=text.pk)
        if text.approved_at is not None:
            raise BookingError("This aftercare is already approved.")
        text.approved_by, text.approved_at = by_user, now
        text.save(update_fields=["approved_by", "approved_at"])
        audit_record(
            user=by_user,
            action=AuditEntry.Action.CHANGED,
            target=f"aftercare {text.pk}",
            detail=f"approved the aftercare for {text.treatment}",
        )
    return text


def treatment_record_readable(*, booking: Booking, user: User | AnonymousUser) -> bool:
    """Whether `user` may read the treatment record of `booking`.

    Any dermatologist with a booking of that patient (a colleague reviewing
    needs earlier complications and settings); others only with the
    permission, which superusers have and reception only when granted.
    """
    if not user.is_authenticated or not user.is_active:
        return False
    if user.has_perm("bookings.view_treatmentrecord"):
        return True
    return Booking.objects.filter(patient_id=booking.patient_id, dermatologist__user=user).exists()


def treatment_record_viewed(*, record: TreatmentRecord, user: User, where: str) -> None:
    """Every look at a treatment record goes in the audit trail."""
    audit_record(
        user=user,
        action=AuditEntry.Action.VIEWED_RECORD,
        target=f"booking {record.booking.reference}",
        detail=where,
    )


def follow_up_booked(record: TreatmentRecord) -> bool:
    """Whether the patient has a later booking with the same dermatologist, not cancelled."""
    return (
        Booking.objects.filter(
            patient_id=record.booking.patient_id,
            dermatologist_id=record.booking.dermatologist_id,
            starts_at__gt=record.booking.starts_at,
        )
        .exclude(status__in=[BookingStatus.CANCELLED, BookingStatus.NO_SHOW])
        .exists()
    )


def follow_up_book_url(record: TreatmentRecord) -> str:
    """The slot page of the treatment given, with the same dermatologist chosen, in the review's week."""
    query = urlencode(
        {
            "dermatologist": record.booking.dermatologist_id,
            "week": (record.review_on or timezone.localdate()).isoformat(),
        }
    )
    return f"{reverse('bookings:slots', kwargs={'treatment_slug': record.treatment_given.slug})}?{query}"


def follow_ups_waiting(
    *, now: datetime | None = None, patients_can_book: bool = True
) -> list[TreatmentRecord]:
    """Reviews asked for and not booked yet, soonest first (1 query): those whose date is
    within the patients' booking horizon, or with patients_can_book=False all of them,
    since staff may book further ahead."""
    now = now or timezone.now()
    last_day = booking_horizon_last_day(now, staff=not patients_can_book)
    later = Booking.objects.filter(
        patient_id=OuterRef("booking__patient_id"),
        dermatologist_id=OuterRef("booking__dermatologist_id"),
        starts_at__gt=OuterRef("booking__starts_at"),
    ).exclude(status__in=[BookingStatus.CANCELLED, BookingStatus.NO_SHOW])
    records = (
        TreatmentRecord.objects.filter(
            follow_up=FollowUp.REVIEW, booking__status=BookingStatus.COMPLETED
        )
        .exclude(Exists(later))
        .select_related("booking__dermatologist", "booking__patient", "treatment_given")
    )
    due = [(r.review_on, r.pk, r) for r in records if r.review_on and r.review_on <= last_day]
    return [record for *_, record in sorted(due)]


def follow_ups_make_due(*, now: datetime | None = None) -> int:
    """Makes the follow-up email due for each review that has come within the booking horizon.

    Once per visit: the outbox's key (booking, kind, version) holds it.
    """
    records = follow_ups_waiting(now=now)
    sent = set(
        OutboxEmail.objects.filter(
            kind=EmailKind.FOLLOW_UP, booking_id__in=[r.booking_id for r in records]
        ).values_list("booking_id", flat=True)
    )
    made = 0
    for record in records:
        if record.booking_id in sent:
            continue
        with transaction.atomic():
            email_due(kind=EmailKind.FOLLOW_UP, booking=_locked(record.booking))
        made += 1
    return made


def aftercare_for_visit(booking: Booking) -> tuple[str, AftercareText | None] | None:
    """What the patient's page shows after a completed, recorded visit: the name of the
    treatment given and its aftercare; None before then (2 queries)."""
    if booking.status != BookingStatus.COMPLETED:
        return None
    record = (
        TreatmentRecord.objects.filter(booking=booking).select_related("treatment_given").first()
    )
    if record is None:
        return None
    return record.treatment_given.name, aftercare_current(record.treatment_given_id)
