"""What can make a treatment unsuitable, asked where it applies: one table read by the
booking form, the booking service and the staff pages.

The questions match what the guide's treatment pages list. An answer that may make
the chosen treatment unsuitable sets the booking's "discuss suitability" mark: the
dermatologist talks it through at the consultation. It is not the safety flag,
which is about signs of infection or of something that is not milia. Skin type is
asked as information for the dermatologist, never as a mark.
"""

from dataclasses import dataclass

from django.db import models

YES = "yes"
NO = "no"
NOT_SURE = "not_sure"
ANSWERS = [(YES, "Yes"), (NO, "No"), (NOT_SURE, "I am not sure")]
ANSWER_LABELS = dict(ANSWERS)


class SkinType(models.TextChoices):
    """How skin reacts to the sun, in plain words; for the dermatologist's planning only."""

    ALWAYS_BURNS = "always_burns", "Very fair: always burns, never tans"
    USUALLY_BURNS = "usually_burns", "Fair: usually burns, tans a little"
    SOMETIMES_BURNS = "sometimes_burns", "Light brown: sometimes burns, tans slowly"
    RARELY_BURNS = "rarely_burns", "Brown: rarely burns, tans easily"
    VERY_RARELY_BURNS = "very_rarely_burns", "Dark brown: very rarely burns"
    NEVER_BURNS = "never_burns", "Black: never burns"
    NOT_SURE = "not_sure", "I am not sure"


@dataclass(frozen=True)
class Question:
    code: str
    label: str
    help_text: str
    treatments: frozenset[str]  # treatment slugs it is asked for


PEEL = "chemical-peel"
LASER = "laser-treatment"
CRYOTHERAPY = "cryotherapy"
EXTRACTION = "milia-extraction"
RETINOIDS = "topical-retinoids"

QUESTIONS = [
    Question(
        "isotretinoin",
        "Have you taken isotretinoin tablets (such as Roaccutane) in the last 6 months?",
        "These acne tablets make the skin slower to heal after some treatments.",
        frozenset({PEEL, LASER}),
    ),
    Question(
        "cold_sores",
        "Do you get cold sores?",
        "Some treatments can bring on a cold sore. We can plan for it.",
        frozenset({PEEL, LASER}),
    ),
    Question(
        "blood_thinners",
        "Do you take medicine that thins your blood, such as warfarin, apixaban or daily aspirin?",
        "You may bleed or bruise a little more. Do not stop any medicine before you talk to us.",
        frozenset({EXTRACTION, LASER}),
    ),
    Question(
        "aspirin_allergy",
        "Are you allergic to aspirin?",
        "Some peels use salicylic acid, which is related to aspirin.",
        frozenset({PEEL}),
    ),
    Question(
        "tanned",
        "Is the skin to be treated tanned, or have you used a sunbed or fake tan in the last 4 weeks?",
        "Tanned skin is more likely to get darker or lighter patches after this treatment.",
        frozenset({LASER, CRYOTHERAPY}),
    ),
]
QUESTIONS_BY_CODE = {question.code: question for question in QUESTIONS}

# Skin type helps plan laser and cryotherapy, which can leave darker or lighter patches.
SKIN_TYPE_TREATMENTS = frozenset({LASER, CRYOTHERAPY})
# The treatments the guide says to avoid, or to talk about first, in pregnancy,
# when trying for a baby or when breastfeeding.
PREGNANCY_TREATMENTS = frozenset({PEEL, LASER, RETINOIDS})
PREGNANCY_TO_DISCUSS = {"pregnant", "breastfeeding", "trying"}


def suitability_questions_for(treatment_slug: str) -> list[Question]:
    """The suitability questions asked when booking this treatment, in order."""
    return [question for question in QUESTIONS if treatment_slug in question.treatments]


def skin_type_asked_for(treatment_slug: str) -> bool:
    return treatment_slug in SKIN_TYPE_TREATMENTS


def suitability_to_discuss(
    *, treatment_slug: str, answers: dict[str, str], pregnancy: str
) -> list[str]:
    """What the dermatologist should talk through before this treatment, in plain words.

    A yes or a not sure to a question asked for the treatment counts; so does
    pregnancy, breastfeeding or trying for a baby for the treatments it matters to.
    Skin type never counts.
    """
    reasons = [
        f"{question.label} {ANSWER_LABELS[answers[question.code]]}"
        for question in suitability_questions_for(treatment_slug)
        if answers.get(question.code) in (YES, NOT_SURE)
    ]
    if treatment_slug in PREGNANCY_TREATMENTS and pregnancy in PREGNANCY_TO_DISCUSS:
        reasons.append("Pregnant, breastfeeding or trying for a baby")
    return reasons


def suitability_answer_lines(answers: dict[str, str]) -> list[str]:
    """Each stored answer as 'question: answer', for staff pages and the export."""
    return [
        f"{QUESTIONS_BY_CODE[code].label} {ANSWER_LABELS.get(answer, answer)}"
        for code, answer in answers.items()
        if code in QUESTIONS_BY_CODE
    ]
