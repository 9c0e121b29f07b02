"""The patient record: one person, whose bookings belong to it."""

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone

from bookings.phones import phone_display


class Patient(models.Model):
    """One person the clinic treats, found again by email, date of birth and name.

    A parent who books twins gives one email and one date of birth for both,
    so the name is part of who a patient is. Each booking keeps the details as
    given that day; the record holds the current ones, which only staff change.
    """

    name = models.CharField(max_length=150)
    date_of_birth = models.DateField()
    email = models.EmailField()
    phone = models.CharField(
        max_length=30, help_text="As +447700900123 (E.164), or as typed when it could not be read."
    )
    phone_unreadable = models.BooleanField(
        "phone needs checking",
        default=False,
        help_text="The number could not be read as a phone number and is kept as typed: "
        "check it with the patient.",
    )
    guardian_name = models.CharField(max_length=150, blank=True)
    guardian_relationship = models.CharField(max_length=60, blank=True)
    contact_by_email = models.BooleanField(
        "emails about appointments", default=True, help_text="Confirmations and reminders."
    )
    contact_by_text = models.BooleanField(
        "text messages about appointments",
        default=False,
        help_text="Reminders and the clinic's changes by text, to a UK mobile. Set by the patient "
        "when booking or on their booking's page; a reply of STOP turns it off.",
    )
    contact_by_phone = models.BooleanField(
        "phone calls about appointments",
        default=True,
        help_text="Reception may phone, for example when a dermatologist is ill.",
    )
    possible_duplicate_of = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Another record with the same name and date of birth, or the same name and "
        "email: perhaps the same person. Reception checks.",
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    anonymised_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["name", "date_of_birth"]
        constraints = [
            # Who a patient is; bookings are linked by the same three, compared the same way.
            models.UniqueConstraint(
                Lower("email"), "date_of_birth", Lower("name"), name="patient_one_record_per_person"
            )
        ]
        indexes = [models.Index(Lower("name"), "date_of_birth", name="patient_name_birth")]

    def __str__(self):
        return f"{self.name} ({self.date_of_birth:%d/%m/%Y})"

    @property
    def phone_for_display(self) -> str:
        return phone_display(self.phone)


class PatientNote(models.Model):
    """Something staff want the next person at the desk to know about a patient."""

    patient = models.ForeignKey(Patient, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    text = models.TextField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"Note on {self.patient.name}"
