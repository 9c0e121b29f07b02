"""How the privacy commands find the one patient a request is about."""

from django.core.management.base import CommandError

from bookings.models import Patient
from bookings.privacy import patients_with_email


def add_patient_arguments(parser) -> None:
    parser.add_argument("--email", required=True, help="The email address the patient booked with.")
    parser.add_argument(
        "--patient",
        type=int,
        help="Which patient, by record number, where a family shares one email address "
        "(the command lists them).",
    )


def patient_choose(*, email: str, patient: int | None) -> Patient:
    """The patient held under `email`; where several are, the one numbered `patient`."""
    found = patients_with_email(email)
    if not found:
        raise CommandError(f"No patient is held under {email}.")
    if patient is not None:
        for record in found:
            if record.pk == patient:
                return record
        raise CommandError(f"Patient {patient} is not one held under {email}.")
    if len(found) > 1:
        listed = "\n".join(
            f"  --patient {p.pk}: {p.name}, born {p.date_of_birth:%d/%m/%Y}" for p in found
        )
        raise CommandError(
            f"{len(found)} patients share {email}. Say which, and run the command again:\n{listed}"
        )
    return found[0]
