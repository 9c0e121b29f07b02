import getpass
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from bookings.management.commands._patient_choice import add_patient_arguments, patient_choose
from bookings.privacy import PrivacyError, patient_export


class Command(BaseCommand):
    help = (
        "Writes everything held about one patient (found by email; where a family shares it, "
        "by --patient) to a JSON file, for a subject access request."
    )

    def add_arguments(self, parser):
        add_patient_arguments(parser)
        parser.add_argument(
            "--out", required=True, help="The file to write, e.g. sarah-thompson.json."
        )

    def handle(self, *args, email, patient, out, **options):
        record = patient_choose(email=email, patient=patient)
        try:
            text = patient_export(patient=record, requested_by=f"command by {getpass.getuser()}")
        except PrivacyError as exc:
            raise CommandError(exc.message) from None
        Path(out).write_text(text, encoding="utf-8")
        self.stdout.write(f"Written to {out}. Send it to the patient securely, then delete it.")
