"""After a visit: the dermatologist's treatment record, its history, and each treatment's aftercare."""

from datetime import date, timedelta

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone

from bookings.models.booking import Area, Booking, HowMany
from bookings.models.clinic import Treatment


class FollowUp(models.TextChoices):
    NONE = "none", "None"
    REVIEW = "review", "Review in a number of weeks"
    COURSE = "course", "A course of treatments"


class TreatmentRecord(models.Model):
    """What the dermatologist did at a completed visit. Never deleted, only amended:
    every version is kept in TreatmentRecordChange."""

    booking = models.OneToOneField(
        Booking, on_delete=models.PROTECT, related_name="treatment_record"
    )
    treatment_given = models.ForeignKey(
        Treatment,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="May differ from the one booked: a consultation that became an extraction.",
    )
    areas = models.JSONField("areas treated", default=list, blank=True)
    milia_treated = models.CharField(
        "milia treated (roughly)", max_length=20, choices=HowMany.choices, blank=True
    )
    device_settings = models.CharField(
        max_length=200, blank=True, help_text="For laser and cryotherapy."
    )
    consent_taken = models.BooleanField("written consent taken", default=False)
    complications = models.TextField(blank=True)
    advice = models.TextField("advice given", blank=True)
    follow_up = models.CharField(max_length=10, choices=FollowUp.choices, default=FollowUp.NONE)
    follow_up_weeks = models.PositiveSmallIntegerField(
        "review in (weeks)",
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(104)],
    )
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    written_at = models.DateTimeField(default=timezone.now)
    amended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=~Q(follow_up="review") | Q(follow_up_weeks__isnull=False),
                name="treatment_record_review_has_weeks",
            )
        ]

    def __str__(self):
        return f"Treatment record for {self.booking.reference}"

    @property
    def area_labels(self) -> list[str]:
        return [Area(code).label for code in self.areas if code in Area.values]

    @property
    def review_on(self) -> date | None:
        """The day the review is due, when one is wanted."""
        if self.follow_up != FollowUp.REVIEW or not self.follow_up_weeks:
            return None
        return self.booking.local_start.date() + timedelta(weeks=self.follow_up_weeks)


class TreatmentRecordChange(models.Model):
    """One version of a treatment record: who wrote it, when, and what it said."""

    record = models.ForeignKey(TreatmentRecord, on_delete=models.PROTECT, related_name="changes")
    by_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField(default=timezone.now)
    fields = models.JSONField(help_text="The record as saved, field by field.")

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.record} at {self.at:%Y-%m-%d %H:%M}"


class AftercareText(models.Model):
    """One version of a treatment's aftercare, in plain English. Reception may write a new
    version; the aftercare email uses the latest one a dermatologist has approved."""

    treatment = models.ForeignKey(Treatment, on_delete=models.PROTECT, related_name="aftercare")
    expect = models.TextField("what to expect")
    avoid = models.TextField("what to avoid")
    call_if = models.TextField("when to call us")
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    written_at = models.DateTimeField(default=timezone.now, editable=False)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    approved_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["treatment", "-written_at", "-pk"]
        verbose_name = "aftercare text"

    def __str__(self):
        state = "approved" if self.approved_at else "waiting for a dermatologist"
        return f"Aftercare for {self.treatment} ({state})"


class AftercareSent(models.Model):
    """The aftercare of one treatment given at one visit: made due at most once.

    The unique key is the guarantee: two people completing the visit, or the
    record, at the same moment cannot make it due twice.
    """

    booking = models.ForeignKey(Booking, on_delete=models.CASCADE, related_name="aftercare_sent")
    treatment = models.ForeignKey(Treatment, on_delete=models.PROTECT, related_name="+")
    email = models.OneToOneField(
        "bookings.OutboxEmail", on_delete=models.CASCADE, related_name="aftercare"
    )
    corrects = models.BooleanField(
        default=False, help_text="Sent after the record's treatment was amended."
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["booking", "treatment"], name="aftercare_once_per_visit_and_treatment"
            )
        ]

    def __str__(self):
        return f"Aftercare for {self.treatment} after {self.booking.reference}"


class RecordDefaults(models.Model):
    """What a new treatment record of this treatment starts with, to save typing on a phone."""

    treatment = models.OneToOneField(
        Treatment, on_delete=models.CASCADE, related_name="record_defaults"
    )
    device_settings = models.CharField(max_length=200, blank=True)
    consent_taken = models.BooleanField("written consent usually taken", default=False)
    advice = models.TextField("advice usually given", blank=True)
    follow_up = models.CharField(max_length=10, choices=FollowUp.choices, default=FollowUp.NONE)
    follow_up_weeks = models.PositiveSmallIntegerField(null=True, blank=True)

    class Meta:
        verbose_name_plural = "record defaults"

    def __str__(self):
        return f"Record defaults for {self.treatment}"
