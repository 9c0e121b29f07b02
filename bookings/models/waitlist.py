"""The waiting list: patients waiting for a time to come free, and the times offered to them."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone

from bookings.manage_links import manage_token_make, new_manage_nonce
from bookings.models.booking import Booking
from bookings.models.clinic import Dermatologist, Treatment
from bookings.models.patient import Patient
from bookings.models.records import Channel
from bookings.phones import phone_display


class WaitlistEnd(models.TextChoices):
    BOOKED = "booked", "Booked a time"
    LEFT = "left", "Left the list"
    EXPIRED = "expired", "Dates passed"
    BOOKING_CLOSED = "booking_closed", "The booking it was for was cancelled"
    ANONYMISED = "anonymised", "Anonymised"


class WaitlistEntry(models.Model):
    """One patient waiting for a time for one treatment, on some days and parts of the day.

    Joined from the times page (a new appointment) or from a booking's manage
    page (`booking`: an earlier time for that appointment, which an accepted
    offer then moves). Ends once: booked, left, its dates passed, or anonymised.
    """

    treatment = models.ForeignKey(
        Treatment, on_delete=models.PROTECT, related_name="waitlist_entries"
    )
    dermatologist = models.ForeignKey(
        Dermatologist,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="waitlist_entries",
        help_text="Empty: any dermatologist who offers the treatment.",
    )
    first_day = models.DateField()
    last_day = models.DateField()
    parts_of_day = models.JSONField(
        default=list,
        help_text="PartOfDay values, by the start time offered: morning, afternoon, evening.",
    )
    name = models.CharField(max_length=150)
    email = models.EmailField()
    phone = models.CharField(
        max_length=30, help_text="As +447700900123 (E.164), or as typed when it could not be read."
    )
    patient = models.ForeignKey(Patient, on_delete=models.PROTECT, related_name="waitlist_entries")
    booking = models.ForeignKey(
        Booking,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="waitlist_entries",
        help_text="The booking this entry wants an earlier time for (joined from its page).",
    )
    nonce = models.CharField(
        max_length=32,
        unique=True,
        default=new_manage_nonce,
        editable=False,
        help_text="Makes the entry's leave link, with a key kept outside the database.",
    )
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    ended_at = models.DateTimeField(null=True, blank=True)
    end_reason = models.CharField(max_length=20, choices=WaitlistEnd.choices, blank=True)
    anonymised_at = models.DateTimeField(null=True, blank=True, editable=False)
    booked = models.ForeignKey(
        Booking,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The booking that ended the entry (made, or moved earlier).",
    )

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = "waiting list entry"
        verbose_name_plural = "waiting list"
        constraints = [
            models.CheckConstraint(
                condition=Q(last_day__gte=F("first_day")), name="waitlist_days_in_order"
            ),
            models.CheckConstraint(
                condition=Q(ended_at__isnull=True, end_reason="")
                | Q(ended_at__isnull=False) & ~Q(end_reason=""),
                name="waitlist_ended_with_reason",
            ),
        ]
        indexes = [
            models.Index(
                fields=["treatment", "created_at"],
                condition=Q(ended_at__isnull=True),
                name="waitlist_waiting",
            )
        ]

    def __str__(self):
        return f"{self.name} waiting for {self.treatment}"

    @property
    def is_waiting(self) -> bool:
        return self.ended_at is None

    @property
    def token(self) -> str:
        return manage_token_make(self.nonce)

    @property
    def leave_url(self) -> str:
        return reverse("bookings:waitlist-leave", kwargs={"token": self.token})

    @property
    def phone_for_display(self) -> str:
        return phone_display(self.phone)


class WaitlistOffer(models.Model):
    """A freed time offered to one waiting patient, by one channel.

    The freed gap is the dermatologist's free stretch when it was offered; the
    patient is offered its earliest start that fits the entry, and the link
    opens the details form at that time. Made automatically (at most one a day
    per entry and channel, never inside the notice period) or by reception.
    """

    entry = models.ForeignKey(WaitlistEntry, on_delete=models.CASCADE, related_name="offers")
    dermatologist = models.ForeignKey(Dermatologist, on_delete=models.PROTECT, related_name="+")
    gap_starts_at = models.DateTimeField()
    gap_ends_at = models.DateTimeField()
    starts_at = models.DateTimeField(help_text="The start time offered.")
    channel = models.CharField(max_length=5, choices=Channel.choices, default=Channel.EMAIL)
    day = models.DateField(help_text="The UK day it was made: one automatic offer a day.")
    wave = models.PositiveSmallIntegerField(default=1)
    created_at = models.DateTimeField(default=timezone.now)
    next_wave_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="When the next patients are offered the gap if nobody has booked it; "
        "emptied once looked at.",
    )
    by_staff = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    staff_made = models.BooleanField(default=False)
    booking = models.ForeignKey(
        Booking,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The booking made (or moved) from this offer.",
    )
    nonce = models.CharField(
        max_length=32,
        unique=True,
        default=new_manage_nonce,
        editable=False,
        help_text="Makes the offer's link, with a key kept outside the database.",
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["entry", "dermatologist", "gap_starts_at", "gap_ends_at", "channel"],
                name="waitlist_offer_one_per_gap",
            ),
            models.UniqueConstraint(
                fields=["entry", "day", "channel"],
                condition=Q(staff_made=False),
                name="waitlist_offer_one_automatic_a_day",
            ),
        ]
        indexes = [
            models.Index(
                fields=["next_wave_at"],
                condition=Q(next_wave_at__isnull=False),
                name="waitlist_offer_next_wave",
            )
        ]

    def __str__(self):
        return f"Offer to {self.entry.name}"

    def get_absolute_url(self):
        return reverse("bookings:waitlist-offer", kwargs={"token": self.token})

    @property
    def token(self) -> str:
        return manage_token_make(self.nonce)
