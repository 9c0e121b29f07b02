"""Logging in with a password and a code, without asking staff which device the code came from."""

from django.utils.translation import ngettext_lazy
from django_otp import devices_for_user
from django_otp.admin import OTPAdminAuthenticationForm
from django_otp.forms import OTPAuthenticationForm
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice


class ChooseDeviceMixin:
    """Picks the device from the code itself when the form leaves the choice empty.

    Authenticator apps give six digits; anything else is a single-use code.
    Guessing this way checks the code against one device only, so a typo never
    counts as a failure against the other (django-otp throttles each device).
    """

    def _chosen_device(self, user):
        chosen = super()._chosen_device(user)
        if chosen is not None:
            return chosen
        devices = list(devices_for_user(user))
        if len(devices) == 1:
            return devices[0]
        token = (self.cleaned_data.get("otp_token") or "").strip()
        wanted = TOTPDevice if token.isdigit() and len(token) == 6 else StaticDevice
        return next((d for d in devices if isinstance(d, wanted)), None)


class NoOverlongUsernameMixin:
    """Refuses a username longer than any account's as a wrong login, before authenticating.

    Django's login form shows the limit in the page but does not enforce it, and
    the lockout library records every failed username in a 255-character column.
    """

    def clean(self):
        username = self.cleaned_data.get("username") or ""
        if len(username) > self.fields["username"].max_length:
            raise self.get_invalid_login_error()
        return super().clean()


# django-otp's messages, as staff would say them.
PLAIN_ERROR_MESSAGES = {
    **OTPAuthenticationForm.otp_error_messages,
    "token_required": "Enter the code from your authenticator app, or a recovery code.",
    "invalid_token": "That code is not right. Check it and try again, or use a recovery code.",
    "n_failed_attempts": ngettext_lazy(
        "Too many wrong codes (%(failure_count)d). Wait a minute, then try again.",
        "Too many wrong codes (%(failure_count)d). Wait a minute, then try again.",
        "failure_count",
    ),
    "verification_not_allowed": "Codes cannot be checked for this account just now. "
    "Wait a minute, then try again.",
    "device_required": "This account has no second factor yet: ask the practice manager "
    "to set one up.",
}


class StaffLoginForm(NoOverlongUsernameMixin, ChooseDeviceMixin, OTPAuthenticationForm):
    otp_error_messages = PLAIN_ERROR_MESSAGES


class AdminLoginForm(NoOverlongUsernameMixin, ChooseDeviceMixin, OTPAdminAuthenticationForm):
    otp_error_messages = PLAIN_ERROR_MESSAGES
