import getpass

from django.core.management.base import BaseCommand, CommandError

from bookings.management.commands._patient_choice import add_patient_arguments, patient_choose
from bookings.privacy import PrivacyError, patient_anonymise


class Command(BaseCommand):
    help = (
        "Anonymises one patient's record and every booking of theirs on their request (found by "
        "email; where a family shares it, by --patient). Attended appointments keep the minimum "
        "clinical record; everything else loses all personal details."
    )

    def add_arguments(self, parser):
        add_patient_arguments(parser)

    def handle(self, *args, email, patient, **options):
        record = patient_choose(email=email, patient=patient)
        try:
            result = patient_anonymise(
                patient=record, requested_by=f"command by {getpass.getuser()}"
            )
        except PrivacyError as exc:
            raise CommandError(exc.message) from None
        self.stdout.write(
            f"Done: the patient record and {result.fully_removed} booking(s) anonymised "
            f"completely, {result.contact_removed} kept as clinical record without contact details."
        )
