"""Courses of treatment: several sessions of one treatment, weeks apart, booked as one."""

from datetime import timedelta

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone

from bookings.models.clinic import Dermatologist, Treatment
from bookings.models.patient import Patient


class PartOfDay(models.TextChoices):
    ANY = "", "Any time"
    MORNING = "morning", "Morning (before 12:00)"
    AFTERNOON = "afternoon", "Afternoon (12:00 to 17:00)"
    EVENING = "evening", "Evening (from 17:00)"


class CoursePlan(models.Model):
    """How a course of one treatment runs: how many sessions, and how far apart."""

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
