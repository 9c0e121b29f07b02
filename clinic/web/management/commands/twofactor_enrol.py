from base64 import b32encode

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

RECOVERY_CODES = 10


class Command(BaseCommand):
    help = (
        "Enrols a member of staff in two-factor login: a new key for their authenticator "
        "app and ten single-use recovery codes. Any earlier key and codes stop working."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"There is no user called {username!r}.")
        with transaction.atomic():
            TOTPDevice.objects.filter(user=user).delete()
            StaticDevice.objects.filter(user=user).delete()
            app = TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=True)
            recovery = StaticDevice.objects.create(user=user, name="Recovery codes", confirmed=True)
            codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
            StaticToken.objects.bulk_create(
                StaticToken(device=recovery, token=code) for code in codes
            )

        self.stdout.write(f"Two-factor login for {username}:")
        self.stdout.write(
            "1. In an authenticator app, add this key (or open the link on the phone):"
        )
        self.stdout.write(f"   key:  {b32encode(app.bin_key).decode()}")
        self.stdout.write(f"   link: {app.config_url}")
        self.stdout.write(
            "2. Keep these recovery codes somewhere safe; each works once, instead of the app:"
        )
        for code in codes:
            self.stdout.write(f"   {code}")
