"""What changes leave behind: the outbox of emails, link requests and the audit trail."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from bookings.models.booking import Booking


class EmailKind(models.TextChoices):
    REQUESTED = "requested", "Request received"
    CONFIRMED = "confirmed", "Appointment confirmed"
    MOVED = "moved", "Appointment moved"
    CANCELLED = "cancelled", "Appointment cancelled"
    REMINDER = "reminder", "Reminder"
    MANAGE_LINKS = "manage_links", "Links to manage bookings"
    RECEPTION_NEW_REQUEST = "reception_new_request", "New request (to reception)"
    AFTERCARE = "aftercare", "Aftercare"
    FOLLOW_UP = "follow_up", "Time to book a review"
    COURSE = "course", "Course booked"
    WAITLIST_JOINED = "waitlist_joined", "On the waiting list"
    WAITLIST_OFFER = "waitlist_offer", "A time is free (waiting list)"


class Channel(models.TextChoices):
    EMAIL = "email", "Email"
    TEXT = "text", "Text message"


class OutboxStatus(models.TextChoices):
    PENDING = "pending", "Waiting to be sent"
    SENDING = "sending", "Sending"
    SENT = "sent", "Sent"
    FAILED = "failed", "Failed"
    SKIPPED = "skipped", "Not sent (no longer true)"


class OutboxEmail(models.Model):
    """One email or text that a committed change made due. Written in the change's own transaction."""

    kind = models.CharField(max_length=30, choices=EmailKind.choices)
    booking = models.ForeignKey(
        Booking, null=True, blank=True, on_delete=models.CASCADE, related_name="emails"
    )
    waitlist_entry = models.ForeignKey(
        "bookings.WaitlistEntry",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="emails",
        help_text="The waiting list entry an email about joining the list is for.",
    )
    offer = models.ForeignKey(
        "bookings.WaitlistOffer",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="emails",
        help_text="The waiting list offer this email or text carries.",
    )
    version = models.PositiveIntegerField(
        default=0, help_text="The booking's sequence when the email became due."
    )
    channel = models.CharField(max_length=5, choices=Channel.choices, default=Channel.EMAIL)
    recipient = models.CharField(
        max_length=254, help_text="An email address, or a mobile number (E.164) for a text."
    )
    status = models.CharField(
        max_length=10, choices=OutboxStatus.choices, default=OutboxStatus.PENDING
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    due_at = models.DateTimeField(default=timezone.now, help_text="Not sent before this time.")
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "email"
        verbose_name_plural = "email outbox"
        constraints = [
            models.UniqueConstraint(
                fields=["booking", "kind", "version", "channel"],
                condition=Q(booking__isnull=False),
                name="outbox_one_per_booking_kind_version_channel",
            ),
            # Offers have no booking: one message per offer and channel.
            models.UniqueConstraint(
                fields=["offer", "channel"],
                condition=Q(offer__isnull=False),
                name="outbox_one_per_offer_channel",
            ),
            models.UniqueConstraint(
                fields=["waitlist_entry", "kind", "channel"],
                condition=Q(waitlist_entry__isnull=False),
                name="outbox_one_per_waitlist_entry_kind_channel",
            ),
        ]
        indexes = [models.Index(fields=["status", "due_at"])]

    def __str__(self):
        what = "text" if self.channel == Channel.TEXT else ""
        return " ".join(filter(None, [self.get_kind_display(), what, "to", self.recipient]))


class LinkRequest(models.Model):
    """A "Lost your link?" request, waiting for a worker to look the address up.

    Kept in the database, not only in the broker, so none is lost while Redis
    is down; deleted, with the address as typed, as soon as it is looked up.
    """

    email = models.EmailField()
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return f"Link request {self.pk}"


class AuditEntry(models.Model):
    """Who looked at or changed what, and when: the clinic's record for data protection."""

    class Action(models.TextChoices):
        VIEWED_INTAKE = "viewed_intake", "Viewed intake answers"
        VIEWED_HISTORY = "viewed_history", "Viewed previous visits"
        VIEWED_RECORD = "viewed_record", "Viewed a treatment record"
        CHANGED = "changed", "Changed a booking"
        EXPORTED = "exported", "Exported"
        PRIVACY = "privacy", "Privacy request"
        MERGED = "merged", "Merged patient records"

    at = models.DateTimeField(default=timezone.now, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    actor = models.CharField(
        max_length=150, help_text="Username at the time, or 'patient' or 'system'."
    )
    action = models.CharField(max_length=20, choices=Action.choices)
    target = models.CharField(
        max_length=100, help_text='e.g. "booking ABC123" or "day list 2026-12-07".'
    )
    detail = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name_plural = "audit trail"

    def __str__(self):
        return f"{self.actor} {self.get_action_display().lower()} {self.target}"
