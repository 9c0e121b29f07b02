"""A form field that people never see or reach, and that form-filling bots fill in."""

from django import forms

HONEYPOT_FIELD = "fax_number"
HONEYPOT_MESSAGE = "Sorry, we could not accept this form. Please phone us to book."


class HoneypotMixin(forms.Form):
    """Adds the trap field; the template hides it from sight, keyboard and screen readers.

    The name is one that browsers do not autofill, so a person's form never
    trips it even with autofill on.
    """

    fax_number = forms.CharField(
        label="Leave this empty",
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    def clean_fax_number(self):
        if self.cleaned_data[HONEYPOT_FIELD]:
            raise forms.ValidationError(HONEYPOT_MESSAGE)
        return ""
