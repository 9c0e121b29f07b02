"""The admin as the clinic runs it: a second factor, and no unmatchable filter reaching the database."""

from functools import wraps
from typing import cast
from urllib.parse import urlencode

from django.core.exceptions import BadRequest
from django.http import HttpResponseRedirect
from django.utils.functional import SimpleLazyObject
from django_otp.admin import OTPAdminSite

from clinic.web.twofactor import AdminLoginForm

DATE_PARTS = ("__year", "__month", "__day")


def _matches_nothing(key: str, value: str) -> bool:
    """A parameter no row could match, which would fail on its way to the database.

    A NUL: PostgreSQL refuses one in any query. A date part that is not a number
    of at most four digits: the admin builds a date from it, and a year of twenty
    digits is an OverflowError, which the admin does not catch.
    """
    if "\x00" in key or "\x00" in value:
        return True
    return key.endswith(DATE_PARTS) and not (
        value.isascii() and value.isdigit() and len(value) <= 4
    )


class ClinicAdminSite(OTPAdminSite):
    """Every admin page needs a second factor as well as the password.

    A list filter no row could match on its way to the database was a 500
    (?status=%00, ?starts_at__year=99999999999999999999). Such parameters are
    dropped: the page opens as if they had not been given.
    """

    login_form = AdminLoginForm

    def get_app_list(self, request, app_label=None):
        """The list of models, built only when a page reads it.

        `each_context` asks for it on every admin page, and checks every
        model's permissions to build it, but with the nav sidebar off only
        the index and the app pages show it: a millisecond of reception's
        diary, for nothing.
        """
        build = super().get_app_list
        return cast(list, SimpleLazyObject(lambda: build(request, app_label)))

    def admin_view(self, view, cacheable=False):
        inner = super().admin_view(view, cacheable)

        @wraps(inner)
        def without_unmatchable_parameters(request, *args, **kwargs):
            given = dict(request.GET.lists())
            kept = {
                key: [value for value in values if not _matches_nothing(key, value)]
                for key, values in given.items()
            }
            if kept == given:
                return inner(request, *args, **kwargs)
            if request.method not in ("GET", "HEAD"):
                raise BadRequest("An admin form's address has parameters no row could match.")
            query = urlencode({key: values for key, values in kept.items() if values}, doseq=True)
            return HttpResponseRedirect(request.path + (f"?{query}" if query else ""))

        return without_unmatchable_parameters
