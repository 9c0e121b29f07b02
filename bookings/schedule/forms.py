"""The treatment record form: a few taps on a phone between patients."""

from django import forms

from bookings.care_services import RECORD_FIELDS
from bookings.models import (
    Area,
    Booking,
    FollowUp,
    HowMany,
    RecordDefaults,
    Treatment,
    TreatmentRecord,
)


class TreatmentRecordForm(forms.ModelForm):
    areas = forms.MultipleChoiceField(
        label="Areas treated",
        choices=Area.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    milia_treated = forms.ChoiceField(
        label="Roughly how many milia treated",
        choices=HowMany.choices,
        widget=forms.RadioSelect,
        required=False,
    )
    follow_up = forms.ChoiceField(
        label="Follow-up wanted", choices=FollowUp.choices, widget=forms.RadioSelect
    )

    class Meta:
        model = TreatmentRecord
        fields = RECORD_FIELDS
        labels = {
            "device_settings": "Device settings (laser and cryotherapy)",
            "consent_taken": "Written consent taken",
            "follow_up_weeks": "Review in how many weeks",
        }
        widgets = {
            "complications": forms.Textarea(attrs={"rows": 2}),
            "advice": forms.Textarea(attrs={"rows": 2}),
            "follow_up_weeks": forms.NumberInput(attrs={"inputmode": "numeric", "min": 1}),
        }

    def __init__(self, *args, booking: Booking, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["treatment_given"].queryset = Treatment.objects.order_by(
            "display_order", "name"
        )
        self.fields["treatment_given"].empty_label = None
        if self.instance.pk is None and not self.is_bound:
            self.initial.update(record_initial(booking))

    def clean(self):
        data = super().clean()
        if data.get("follow_up") == FollowUp.REVIEW and not data.get("follow_up_weeks"):
            self.add_error("follow_up_weeks", "Say in how many weeks the review should be.")
        return data


def record_initial(booking: Booking) -> dict:
    """A new record starts with the treatment booked, the areas the patient named and that
    treatment's usual settings, consent and advice."""
    initial = {
        "treatment_given": booking.treatment_id,
        "areas": [a for a in booking.areas if a in Area.values],
        "milia_treated": booking.how_many,
        "follow_up": FollowUp.NONE,
    }
    defaults = RecordDefaults.objects.filter(treatment_id=booking.treatment_id).first()
    if defaults is not None:
        initial.update(
            device_settings=defaults.device_settings,
            consent_taken=defaults.consent_taken,
            advice=defaults.advice,
            follow_up=defaults.follow_up,
            follow_up_weeks=defaults.follow_up_weeks,
        )
    return initial
