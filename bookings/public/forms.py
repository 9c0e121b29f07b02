from datetime import date

from crispy_forms.helper import FormHelper
from crispy_forms.layout import HTML, Div, Fieldset, Layout
from crispy_forms.utils import render_crispy_form
from django import forms
from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property

from bookings.models import Area, HowLong, HowMany, Pregnancy, Treatment, WarningSign, age_on
from bookings.phones import PhoneError, phone_is_uk_mobile, phone_normalise
from bookings.public.suitability_fields import (
    suitability_answers,
    suitability_fields_add,
    suitability_fieldset,
)
from bookings.services import Intake, PatientDetails
from clinic.web.honeypot import HONEYPOT_FIELD, HoneypotMixin

GUARDIAN_AGE = 16
YES_NO = [("yes", "Yes"), ("no", "No")]
DATE_FORMATS = ["%d/%m/%Y", "%d %m %Y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d"]


def texts_checked(form: forms.Form, cleaned: dict) -> None:
    """Texts go only to UK mobiles: a ticked "text me" with another number is refused."""
    phone = cleaned.get("phone")
    if cleaned.get("contact_by_text") and phone and not phone_is_uk_mobile(phone):
        form.add_error(
            "contact_by_text",
            "We can only text UK mobile numbers, starting 07. Give a mobile number, "
            "or untick this box.",
        )


_BLANK_HTML: dict[str, str] = {}


class BookingDetailsForm(HoneypotMixin, forms.Form):
    """The patient's details and the milia intake questions."""

    patient_name = forms.CharField(
        label="Full name of the patient",
        max_length=150,
        error_messages={"required": "Enter the patient's full name."},
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    date_of_birth = forms.DateField(
        label="Patient's date of birth",
        help_text="For example, 27/03/1985.",
        input_formats=DATE_FORMATS,
        error_messages={
            "required": "Enter the patient's date of birth.",
            "invalid": "Enter the date of birth as day, month and year, for example 27/03/1985.",
        },
        widget=forms.TextInput(attrs={"autocomplete": "bday", "inputmode": "numeric"}),
    )
    guardian_name = forms.CharField(
        label="Your full name, if you are booking for a child under 16",
        required=False,
        max_length=150,
        help_text="A parent or guardian must book for a patient under 16 and come to the appointment.",
    )
    guardian_relationship = forms.CharField(
        label="Your relationship to the child",
        required=False,
        max_length=60,
        help_text="For example, mother, father or legal guardian.",
    )
    email = forms.EmailField(
        label="Email address",
        help_text="We send your booking details here.",
        max_length=254,  # what the database holds (Django's form allows 320)
        error_messages={
            "required": "Enter an email address.",
            "invalid": "Enter an email address in the right format, like name@example.com.",
            "max_length": "Enter an email address of 254 characters or fewer.",
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    phone = forms.CharField(
        label="Phone number",
        max_length=30,
        help_text="A UK mobile is best, in case we need to reach you on the day. "
        "For a number outside the UK, start with + and the country code.",
        error_messages={"required": "Enter a phone number."},
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel", "type": "tel"}),
    )
    contact_by_text = forms.BooleanField(
        label="Text me reminders and changes to my appointment",
        required=False,
        help_text="To a UK mobile. The texts say only the treatment, the time and a link. "
        "Reply STOP to any of them to stop.",
    )
    areas = forms.MultipleChoiceField(
        label="Where are the bumps?",
        help_text="Choose all that apply.",
        choices=Area.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": "Choose where the bumps are. Choose 'Somewhere else' if none fit."
        },
    )
    how_long = forms.ChoiceField(
        label="How long have you had them?",
        choices=HowLong.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose how long you have had them."},
    )
    how_many = forms.ChoiceField(
        label="Roughly how many are there?",
        choices=HowMany.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose roughly how many there are."},
    )
    tried_home_removal = forms.ChoiceField(
        label="Have you tried to remove any of them at home?",
        help_text="For example, by squeezing them or using a needle. It is fine if you have: it helps us to know.",
        choices=YES_NO,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose yes if you have tried to remove any at home, or no."},
    )
    warning_signs = forms.MultipleChoiceField(
        label="Have you noticed any of these?",
        help_text="Choose all that apply. Leave them all unticked if none apply.",
        choices=WarningSign.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    tried_already = forms.CharField(
        label="What have you tried already? (optional)",
        help_text="Creams, peels or treatments elsewhere.",
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    pregnancy = forms.ChoiceField(
        label="Are you pregnant, breastfeeding or trying for a baby?",
        help_text="Some peels and creams are not safe in pregnancy, so we need to know.",
        choices=Pregnancy.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose an answer about pregnancy. You can choose 'I would rather not say'."
        },
    )
    note = forms.CharField(
        label="Anything else you would like us to know? (optional)",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    privacy_consent = forms.BooleanField(
        label="I agree that the clinic may use these answers to plan my care, as the privacy notice explains.",
        error_messages={
            "required": "Tick the box to agree to the privacy notice, so we can use your answers."
        },
    )

    def __init__(
        self,
        *args,
        appointment_day: date | None = None,
        treatment: Treatment | None = None,
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        self.appointment_day = appointment_day or timezone.localdate()
        self.suitability_names = suitability_fields_add(self, treatment)

    @cached_property
    def helper(self) -> FormHelper:
        """How crispy-forms lays the form out: made only when it is rendered (a booking
        that succeeds never is)."""
        helper = FormHelper()
        helper.form_tag = False
        helper.disable_csrf = True
        # In the order a patient thinks: who they are, their milia, what is safe, consent.
        # The safety questions keep their id, where more such questions are added.
        helper.layout = Layout(
            Fieldset(
                "About you",
                "patient_name",
                "date_of_birth",
                "email",
                "phone",
                "contact_by_text",
                HTML(
                    '<p class="form-text">If the patient is under 16, a parent or guardian must '
                    "make the booking and fill in these two questions. Leave them empty if the "
                    "patient is 16 or over.</p>"
                ),
                "guardian_name",
                "guardian_relationship",
                css_id="about-you",
            ),
            Div(HONEYPOT_FIELD, css_class="hp-field", aria_hidden="true"),
            Fieldset(
                "About your milia",
                "areas",
                "how_long",
                "how_many",
                "tried_already",
                css_id="your-milia",
            ),
            Fieldset(
                "Safety questions",
                "tried_home_removal",
                "warning_signs",
                "pregnancy",
                css_id="safety-questions",
            ),
            suitability_fieldset(self.suitability_names),
            "note",
            Fieldset(
                "Your consent",
                HTML(
                    f'<p>Read <a href="{reverse("privacy")}">our privacy notice</a> to see how we '
                    "use and protect your answers.</p>"
                ),
                "privacy_consent",
                css_id="consent",
            ),
        )
        return helper

    @classmethod
    def blank_html(cls, treatment: Treatment) -> str:
        """The form for `treatment` with nothing typed in, rendered once a process.

        Every patient booking a treatment gets the same blank form, and crispy-forms
        takes most of the details page's time to render it (making the form, a copy
        of twenty fields, a tenth more). Its fields, labels and help come from the
        code and the treatment's slug alone (suitability_fields_add), so the slug is
        the key; with DEBUG on (templates edited under a running server) it is
        rendered every time.
        """
        html = None if settings.DEBUG else _BLANK_HTML.get(treatment.slug)
        if html is None:
            html = _BLANK_HTML[treatment.slug] = render_crispy_form(cls(treatment=treatment))
        return html

    def clean_patient_name(self):
        name = " ".join(self.cleaned_data["patient_name"].split())
        if not any(ch.isalpha() for ch in name):
            raise forms.ValidationError("Enter the patient's name using letters.")
        return name

    def clean_date_of_birth(self):
        born = self.cleaned_data["date_of_birth"]
        today = timezone.localdate()
        if born > today:
            raise forms.ValidationError("The date of birth must be in the past.")
        if age_on(born, today) > 120:
            raise forms.ValidationError("Check the year of birth: it is more than 120 years ago.")
        return born

    def clean_phone(self):
        try:
            return phone_normalise(self.cleaned_data["phone"])
        except PhoneError as exc:
            raise forms.ValidationError(exc.message) from None

    def clean(self):
        cleaned = super().clean()
        texts_checked(self, cleaned)
        born = cleaned.get("date_of_birth")
        if born and age_on(born, self.appointment_day) < GUARDIAN_AGE:
            if not cleaned.get("guardian_name", "").strip():
                self.add_error(
                    "guardian_name",
                    "The patient is under 16, so a parent or guardian must book. Enter your full name.",
                )
            if not cleaned.get("guardian_relationship", "").strip():
                self.add_error(
                    "guardian_relationship",
                    "Enter your relationship to the child, for example mother.",
                )
        return cleaned

    def patient(self) -> PatientDetails:
        data = self.cleaned_data
        under_16 = age_on(data["date_of_birth"], self.appointment_day) < GUARDIAN_AGE
        return PatientDetails(
            name=data["patient_name"],
            email=data["email"],
            phone=data["phone"],
            date_of_birth=data["date_of_birth"],
            guardian_name=data["guardian_name"].strip() if under_16 else "",
            guardian_relationship=data["guardian_relationship"].strip() if under_16 else "",
            contact_by_text=data["contact_by_text"],
        )

    def intake(self) -> Intake:
        data = self.cleaned_data
        suitability, skin_type = suitability_answers(data, self.suitability_names)
        return Intake(
            suitability=suitability,
            skin_type=skin_type,
            areas=data["areas"],
            how_long=data["how_long"],
            how_many=data["how_many"],
            tried_home_removal=data["tried_home_removal"] == "yes",
            pregnancy=data["pregnancy"],
            warning_signs=data["warning_signs"],
            tried_already=data["tried_already"].strip(),
            note=data["note"].strip(),
        )
