"""The booking form's suitability questions: only those asked for the chosen treatment."""

from crispy_forms.layout import HTML, Fieldset
from django import forms

from bookings.models import Treatment
from bookings.suitability import ANSWERS, SkinType, skin_type_asked_for, suitability_questions_for

SKIN_TYPE_FIELD = "skin_type"


def suitability_fields_add(form: forms.Form, treatment: Treatment | None) -> list[str]:
    """Adds the treatment's questions to `form`; the names of the fields added."""
    if treatment is None:
        return []
    names = []
    for question in suitability_questions_for(treatment.slug):
        name = f"suitability_{question.code}"
        form.fields[name] = forms.ChoiceField(
            label=question.label,
            help_text=question.help_text,
            choices=ANSWERS,
            widget=forms.RadioSelect,
            error_messages={"required": "Choose an answer. You can choose 'I am not sure'."},
        )
        names.append(name)
    if skin_type_asked_for(treatment.slug):
        form.fields[SKIN_TYPE_FIELD] = forms.ChoiceField(
            label="Which of these best describes your skin in the sun?",
            help_text="This helps the dermatologist plan your treatment and the settings to use.",
            choices=SkinType.choices,
            widget=forms.RadioSelect,
            error_messages={"required": "Choose the one closest to your skin, or 'I am not sure'."},
        )
        names.append(SKIN_TYPE_FIELD)
    return names


def suitability_fieldset(names: list[str]) -> Fieldset | HTML:
    """The questions as a group of their own, or nothing when the treatment has none."""
    if not names:
        return HTML("")
    return Fieldset(
        "Is this treatment right for you?",
        HTML(
            '<p class="form-text">Some things can make a treatment less suitable. '
            "If so, the dermatologist will talk it through with you. "
            "It does not stop you booking.</p>"
        ),
        *names,
        css_id="suitability-questions",
    )


def suitability_answers(cleaned_data: dict, names: list[str]) -> tuple[dict[str, str], str]:
    """The answers as the booking stores them: {question code: answer}, and the skin type."""
    answers = {
        name.removeprefix("suitability_"): cleaned_data[name]
        for name in names
        if name != SKIN_TYPE_FIELD
    }
    return answers, cleaned_data.get(SKIN_TYPE_FIELD, "")
