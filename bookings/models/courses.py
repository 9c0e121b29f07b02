"""Courses of treatment: several sessions of one treatment, weeks apart, booked as one."""

from datetime import time, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone

from bookings.models.booking import Pregnancy
from bookings.models.clinic import Dermatologist, Treatment
from bookings.models.patient import Patient


class PartOfDay(models.TextChoices):
    ANY = "", "Any time"
    MORNING = "morning", "Morning (before 12:00)"
    AFTERNOON = "afternoon", "Afternoon (12:00 to 17:00)"
    EVENING = "evening", "Evening (from 17:00)"


# Which starts each part of the day holds, by UK wall-clock time: [starts, ends).
PARTS_OF_DAY: dict[str, tuple[time, time]] = {
    PartOfDay.MORNING: (time(0), time(12)),
    PartOfDay.AFTERNOON: (time(12), time(17)),
    PartOfDay.EVENING: (time(17), time(23, 59)),
}


def part_of_day_at(wall: time) -> str:
    """The part of the day a start at `wall` (UK time) falls in."""
    return next(
        (part for part, (starts, ends) in PARTS_OF_DAY.items() if starts <= wall < ends),
        PartOfDay.EVENING,  # 23:59 itself
    )


SESSION_STEP_MINUTES = 5


def session_minutes_on_step(value: int) -> None:
    """A session's length goes in the diary's 5-minute steps."""
    if value % SESSION_STEP_MINUTES:
        raise ValidationError(
            f"A session's length must be a multiple of {SESSION_STEP_MINUTES} minutes, "
            "such as 45 or 60."
        )


class CoursePlan(models.Model):
    """How a course of one treatment runs: how many sessions, how far apart, how long each."""

    treatment = models.OneToOneField(
        Treatment, on_delete=models.CASCADE, related_name="course_plan"
    )
    sessions = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(2), MaxValueValidator(12)]
    )
    interval_min_weeks = models.PositiveSmallIntegerField(
        "shortest gap (weeks)", validators=[MinValueValidator(1)]
    )
    interval_ideal_weeks = models.PositiveSmallIntegerField("ideal gap (weeks)")
    interval_max_weeks = models.PositiveSmallIntegerField("longest gap (weeks)")
    session_minutes = models.PositiveSmallIntegerField(
        "each session's length (minutes)",
        null=True,
        blank=True,
        validators=[MinValueValidator(5), MaxValueValidator(240), session_minutes_on_step],
        help_text="Leave empty for the treatment's own length.",
    )

    class Meta:
        ordering = ["treatment"]
        constraints = [
            models.CheckConstraint(
                condition=Q(interval_ideal_weeks__gte=F("interval_min_weeks"))
                & Q(interval_max_weeks__gte=F("interval_ideal_weeks")),
                name="course_plan_gaps_in_order",
            )
        ]

    def __str__(self):
        return f"{self.treatment}: {self.sessions} sessions"

    @property
    def session_length(self) -> timedelta:
        """How long each session takes: the plan's length, or else the treatment's."""
        if self.session_minutes:
            return timedelta(minutes=self.session_minutes)
        return self.treatment.duration


class Course(models.Model):
    """One patient's course, with the plan as it was when it was booked."""

    patient = models.ForeignKey(Patient, on_delete=models.PROTECT, related_name="courses")
    treatment = models.ForeignKey(Treatment, on_delete=models.PROTECT, related_name="courses")
    dermatologist = models.ForeignKey(
        Dermatologist, on_delete=models.PROTECT, related_name="courses"
    )
    sessions = models.PositiveSmallIntegerField()
    interval_min_weeks = models.PositiveSmallIntegerField()
    interval_ideal_weeks = models.PositiveSmallIntegerField()
    interval_max_weeks = models.PositiveSmallIntegerField()
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.treatment} course for {self.patient.name}"

    @property
    def shortest_gap(self) -> timedelta:
        return timedelta(weeks=self.interval_min_weeks)

    @property
    def longest_gap(self) -> timedelta:
        return timedelta(weeks=self.interval_max_weeks)


class SafetyRecheck(models.Model):
    """The safety answers a patient confirms before a later session of a course: what may
    have changed since the course began (pregnancy, isotretinoin, new medicines)."""

    booking = models.OneToOneField(
        "bookings.Booking", on_delete=models.CASCADE, related_name="safety_recheck"
    )
    pregnancy = models.CharField(max_length=20, choices=Pregnancy.choices)
    isotretinoin = models.BooleanField(
        "taking isotretinoin (Roaccutane)", help_text="Now, or in the last six months."
    )
    new_medicines = models.TextField(blank=True)
    changed = models.BooleanField(
        default=False, help_text="Something differs from the course's first answers."
    )
    answered_at = models.DateTimeField(default=timezone.now)
    by_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Member of staff who took the answers; empty when the patient gave them online.",
    )

    class Meta:
        verbose_name = "safety re-check"

    def __str__(self):
        return f"Safety re-check for {self.booking_id}"

    @property
    def what_changed(self) -> list[str]:
        """What the dermatologist should look at, in plain words."""
        found = []
        if self.pregnancy != self.booking.pregnancy:
            found.append(f"Pregnancy: {self.get_pregnancy_display()}")
        if self.isotretinoin:
            found.append("Taking isotretinoin")
        if self.new_medicines.strip():
            found.append(f"New medicines: {self.new_medicines.strip()}")
        return found
