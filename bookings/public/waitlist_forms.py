"""The form a patient joins the waiting list with, from the times page or the manage page."""

from datetime import date

from django import forms
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html

from bookings.models import Dermatologist, PartOfDay
from bookings.public.forms import DATE_FORMATS, BookingDetailsForm, texts_checked
from bookings.public.picker import ANY
from bookings.services import PatientDetails
from bookings.templatetags.uk_time import ukdate
from clinic.web.honeypot import HoneypotMixin

# In the words of the times page, which shows times as 9:00am and 5:30pm.
PART_CHOICES = [
    (PartOfDay.MORNING.value, "Morning (before 12 noon)"),
    (PartOfDay.AFTERNOON.value, "Afternoon (12 noon to 5pm)"),
    (PartOfDay.EVENING.value, "Evening (from 5pm)"),
]
CONTACT_FIELDS = ("name", "date_of_birth", "email", "phone", "contact_by_text")
# The booking form's own fields, so a patient meets the same questions and messages twice.
BOOKING_FIELDS = BookingDetailsForm.base_fields


def _date_field(label: str, which: str) -> forms.DateField:
    return forms.DateField(
        label=label,
        input_formats=DATE_FORMATS,
        error_messages={
            "required": f"Enter the {which} day you could come.",
            "invalid": f"Enter the {which} day as day, month and year, for example 7/12/2026.",
        },
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )


class WaitlistJoinForm(HoneypotMixin, forms.Form):
    """Who, when they could come, and how to reach them; the booking questions come later.

    `first_allowed` and `last_allowed` are the days the range may use: today and
    the booking horizon, or, to wait for an earlier time than a booking, the day
    before it. Joined from a booking (`ask_contact=False`), the booking's own
    details are used, so the form does not ask for them.
    """

    dermatologist = forms.ChoiceField(
        label="Dermatologist",
        help_text="Any dermatologist gets you a time soonest.",
        error_messages={"invalid_choice": "Choose a dermatologist from the list."},
    )
    first_day = _date_field("First day you could come", "first")
    last_day = _date_field("Last day you could come", "last")
    parts_of_day = forms.MultipleChoiceField(
        label="Which parts of the day suit you?",
        help_text="Choose all that suit you.",
        choices=PART_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": "Choose at least one part of the day: morning, afternoon or evening.",
            "invalid_choice": "Choose morning, afternoon or evening.",
        },
    )
    name = BOOKING_FIELDS["patient_name"]
    date_of_birth = BOOKING_FIELDS["date_of_birth"]
    email = BOOKING_FIELDS["email"]
    phone = BOOKING_FIELDS["phone"]
    contact_by_text = forms.BooleanField(
        label="Text me too when a time comes free",
        required=False,
        help_text="To a UK mobile. The text says only the treatment, the time and a link.",
    )
    privacy_consent = forms.BooleanField(
        label="I agree that the clinic may keep these details to offer me a time, "
        "as the privacy notice explains.",
        error_messages={
            "required": "Tick the box to agree to the privacy notice, so we can keep your details."
        },
    )

    clean_date_of_birth = BookingDetailsForm.clean_date_of_birth
    clean_phone = BookingDetailsForm.clean_phone

    def __init__(
        self,
        *args,
        dermatologists: list[Dermatologist],
        first_allowed: date,
        last_allowed: date,
        ask_contact: bool = True,
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        if not ask_contact:  # joined from a booking, whose details the list uses
            for name in CONTACT_FIELDS:
                del self.fields[name]
        else:
            self.fields["email"].help_text = "We email you here when a time comes free."
        self.dermatologists = dermatologists
        self.first_allowed = first_allowed
        self.last_allowed = last_allowed
        self.fields["dermatologist"].choices = [
            (ANY, "Any dermatologist"),
            *((str(d.pk), d.name) for d in dermatologists),
        ]
        for name in ("first_day", "last_day"):
            self.fields[name].widget.attrs.update(
                min=first_allowed.isoformat(), max=last_allowed.isoformat()
            )
        self.fields["first_day"].help_text = f"From {ukdate(first_allowed)}."
        self.fields["last_day"].help_text = f"No later than {ukdate(last_allowed)}."
        self.privacy_link = format_html(
            'Read <a href="{}">our privacy notice</a> to see how we use and protect your details.',
            reverse("privacy"),
        )

    @staticmethod
    def initial_for(first_allowed: date, last_allowed: date, dermatologist: str = ANY) -> dict:
        return {
            "dermatologist": dermatologist,
            "first_day": first_allowed,
            "last_day": last_allowed,
            "parts_of_day": [value for value, _ in PART_CHOICES],
        }

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        if not any(ch.isalpha() for ch in name):
            raise forms.ValidationError("Enter the patient's name using letters.")
        return name

    def clean_first_day(self):
        day = self.cleaned_data["first_day"]
        if day < timezone.localdate():
            raise forms.ValidationError("The first day cannot be in the past.")
        if day > self.last_allowed:
            raise forms.ValidationError(
                f"Choose a first day on or before {ukdate(self.last_allowed)}."
            )
        return max(day, self.first_allowed)

    def clean_last_day(self):
        day = self.cleaned_data["last_day"]
        if day > self.last_allowed:
            raise forms.ValidationError(
                f"Choose a last day on or before {ukdate(self.last_allowed)}."
            )
        if day < self.first_allowed:
            raise forms.ValidationError("The last day cannot be in the past.")
        return day

    def clean(self):
        cleaned = super().clean()
        first, last = cleaned.get("first_day"), cleaned.get("last_day")
        if first and last and last < first:
            self.add_error("last_day", "The last day must be on or after the first day.")
        texts_checked(self, cleaned)
        return cleaned

    def chosen_dermatologist(self) -> Dermatologist | None:
        value = self.cleaned_data["dermatologist"]
        return next((d for d in self.dermatologists if str(d.pk) == value), None)

    def patient(self) -> PatientDetails:
        data = self.cleaned_data
        return PatientDetails(
            name=data["name"],
            email=data["email"],
            phone=data["phone"],
            date_of_birth=data["date_of_birth"],
            contact_by_text=data["contact_by_text"],
        )
