"""Forms of the reception desk's own admin pages: phone bookings, moves, cancellations."""

import contextlib
import uuid
from datetime import UTC, date, datetime

from django import forms
from django.utils import timezone

from bookings.availability import LONDON
from bookings.models import CancelledBy, Dermatologist, Patient, Treatment
from bookings.parsing import aware_from
from bookings.public.forms import BookingDetailsForm

DAY_FORMATS = ["%Y-%m-%d", "%d/%m/%Y"]
# What a link to the phone booking page may fill in, besides the patient.
LINK_FIELDS = ("treatment", "day", "dermatologist", "typed_time")


class TimeChoiceForm(forms.Form):
    """A day, a dermatologist (or whoever is free) and a time: picked from the list or typed."""

    day = forms.DateField(
        input_formats=DAY_FORMATS,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"required": "Choose a day.", "invalid": "Enter the day as dd/mm/yyyy."},
    )
    dermatologist = forms.ModelChoiceField(
        queryset=Dermatologist.objects.filter(is_active=True),
        required=False,
        empty_label="Whoever is free",
    )
    slot = forms.CharField(label="Free times", required=False, widget=forms.RadioSelect)
    typed_time = forms.TimeField(
        label="Or type a time (UK)",
        required=False,
        help_text="For example 14:10. Used instead of the list when filled in.",
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        error_messages={"invalid": "Enter the time as hours and minutes, for example 14:10."},
    )

    def clean_slot(self):
        value = self.cleaned_data["slot"]
        if value and aware_from(value) is None:
            raise forms.ValidationError("Choose one of the free times again.")
        return value

    def chosen_start(self, choose: str = "") -> datetime | None:
        """The start asked for: a nearest-time button, else the typed time, else the list."""
        if choose:
            return aware_from(choose)
        data = self.cleaned_data
        if data.get("typed_time") and data.get("day"):
            wall = datetime.combine(data["day"], data["typed_time"], tzinfo=LONDON)
            return wall.astimezone(UTC)
        return aware_from(data.get("slot") or "")

    def set_free_times(self, choices: list[tuple[str, str]]) -> None:
        self.fields["slot"].widget.choices = choices


class PhoneBookingForm(TimeChoiceForm, BookingDetailsForm):
    """A booking taken on the phone: the patient's own questions, read out by reception."""

    field_order = ["treatment", "day", "dermatologist", "slot", "typed_time", "leave_as_request"]

    treatment = forms.ModelChoiceField(
        queryset=Treatment.objects.filter(is_active=True),
        empty_label="Choose a treatment",
        error_messages={"required": "Choose a treatment."},
    )
    submission_key = forms.UUIDField(widget=forms.HiddenInput, required=False)
    leave_as_request = forms.BooleanField(
        label="Leave as a request",
        required=False,
        help_text="Otherwise the booking is confirmed at once and the patient emailed an invite.",
    )
    # The record reception found for the caller ("Find the patient"): the booking joins it.
    patient_record = forms.ModelChoiceField(
        queryset=Patient.objects.filter(anonymised_at__isnull=True),
        required=False,
        widget=forms.HiddenInput,
        error_messages={"invalid_choice": "That patient record is no longer there: find again."},
    )
    # Set when the booking started from a gap in the diary: it goes back there when booked.
    back_to_diary = forms.BooleanField(widget=forms.HiddenInput, required=False)
    privacy_consent = None
    consent_by_phone = forms.BooleanField(
        label="The patient agreed on the phone that the clinic may use these answers to plan "
        "their care, as the privacy notice explains.",
        error_messages={"required": "Ask the patient for their consent and tick the box."},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = None  # the admin template lays the fields out itself
        self.fields["submission_key"].initial = uuid.uuid4()
        self.fields["day"].initial = timezone.localdate()

    @classmethod
    def link_params(cls, query) -> list[tuple[str, str]]:
        """The parameters of a link (the diary's "Book here") whose values read, as given."""
        params = []
        for name in LINK_FIELDS:
            raw = query.get(name, "")
            if raw:
                with contextlib.suppress(forms.ValidationError):
                    cls.base_fields[name].clean(raw)
                    params.append((name, raw))
        if query.get("from") == "diary":
            params.append(("from", "diary"))
        return params

    @classmethod
    def initial_from(cls, query) -> dict:
        """What a link may fill in (the diary's "Book here", a patient's page): the values
        that read, no others."""
        initial = {}
        for name, raw in cls.link_params(query):
            if name == "from":
                initial["back_to_diary"] = True
            else:
                initial[name] = cls.base_fields[name].clean(raw)
        record = _field_value_of(cls.base_fields["patient_record"], query.get("patient", ""))
        if record is not None:
            initial.update(
                patient_record=record.pk,
                patient_name=record.name,
                date_of_birth=record.date_of_birth.strftime("%d/%m/%Y"),
                email=record.email,
                phone=record.phone_for_display,
                guardian_name=record.guardian_name,
                guardian_relationship=record.guardian_relationship,
            )
        return initial

    def chosen_record(self) -> Patient | None:
        """The patient record found for the caller, if reception chose one."""
        return _field_value(self, "patient_record")

    def clean(self):
        day = self.cleaned_data.get("day")
        if day is not None:
            # The under-16 questions depend on the age on the day of the appointment.
            self.appointment_day = day
        cleaned = super().clean()
        treatment, dermatologist = cleaned.get("treatment"), cleaned.get("dermatologist")
        if (
            treatment
            and dermatologist
            and not dermatologist.treatments.filter(pk=treatment.pk).exists()
        ):
            self.add_error("dermatologist", f"{dermatologist} does not offer {treatment}.")
        return cleaned

    def picked(self) -> tuple[Treatment | None, date | None, Dermatologist | None]:
        """What is chosen so far, read leniently so free times show before the rest is filled."""
        return (
            _field_value(self, "treatment"),
            _field_value(self, "day"),
            _field_value(self, "dermatologist"),
        )


class MoveForm(TimeChoiceForm):
    def __init__(self, *args, treatment: Treatment, **kwargs):
        super().__init__(*args, **kwargs)
        # Only those who offer the booking's treatment can take it over.
        self.fields["dermatologist"].queryset = treatment.dermatologists.filter(is_active=True)

    def picked(self) -> tuple[date | None, Dermatologist | None]:
        return _field_value(self, "day"), _field_value(self, "dermatologist")


class CancelReasonForm(forms.Form):
    asked_by = forms.ChoiceField(
        label="Who asked to cancel?",
        choices=[
            (CancelledBy.PATIENT, "The patient (a phone call, an email)"),
            (CancelledBy.CLINIC, "The clinic (illness, a closure)"),
        ],
        widget=forms.RadioSelect,
        help_text="The patient is emailed the wording that fits.",
        error_messages={"required": "Choose who asked to cancel."},
    )
    reason = forms.CharField(
        label="Why is it cancelled?",
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 3, "cols": 60}),
        help_text="Kept in the booking's history, for staff.",
        error_messages={
            "required": "Give the reason for cancelling.",
            "max_length": "Keep the reason under 300 characters.",
        },
    )


def _field_value(form: forms.Form, name: str):
    """A field's value cleaned on its own, or None: bound or initial, valid or not."""
    field = form.fields[name]
    raw = form[name].value() if form.is_bound else form.get_initial_for_field(field, name)
    return _field_value_of(field, raw)


def _field_value_of(field: forms.Field, raw):
    if raw in (None, ""):
        return None
    try:
        return field.clean(raw)
    except forms.ValidationError:
        return None


class FreeTimesForm(forms.Form):
    """What reception searches the next free times for: a treatment, and who and when if it matters."""

    PARTS = [("", "Any time of day"), ("morning", "Mornings"), ("afternoon", "Afternoons")]

    treatment = forms.ModelChoiceField(
        queryset=Treatment.objects.filter(is_active=True),
        empty_label="Choose a treatment",
        error_messages={"required": "Choose a treatment."},
    )
    dermatologist = forms.ModelChoiceField(
        queryset=Dermatologist.objects.filter(is_active=True),
        required=False,
        empty_label="Whoever is free",
    )
    part_of_day = forms.ChoiceField(label="When", choices=PARTS, required=False)
    day = forms.DateField(
        label="From",
        input_formats=DAY_FORMATS,
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": "Enter the day as dd/mm/yyyy."},
    )

    def clean(self):
        cleaned = super().clean()
        treatment, dermatologist = cleaned.get("treatment"), cleaned.get("dermatologist")
        if (
            treatment
            and dermatologist
            and not dermatologist.treatments.filter(pk=treatment.pk).exists()
        ):
            self.add_error("dermatologist", f"{dermatologist} does not offer {treatment}.")
        return cleaned
