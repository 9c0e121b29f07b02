import getpass

from django.core.management.base import BaseCommand, CommandError

from bookings.privacy import PrivacyError, patient_anonymise


class Command(BaseCommand):
    help = (
        "Anonymises every booking of one patient (found by email) on their request. Attended "
        "appointments keep the minimum clinical record; everything else loses all personal details."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--email", required=True, help="The email address the patient booked with."
        )

    def handle(self, *args, email, **options):
        try:
            result = patient_anonymise(email=email, requested_by=f"command by {getpass.getuser()}")
        except PrivacyError as exc:
            raise CommandError(exc.message) from None
        self.stdout.write(
            f"Done: {result.fully_removed} booking(s) anonymised completely, "
            f"{result.contact_removed} kept as clinical record without contact details."
        )
