"""The admin as the clinic runs it: a second factor, and no NUL from an address reaching the database."""

from functools import wraps

from django.core.exceptions import BadRequest
from django.http import HttpResponseRedirect
from django_otp.admin import OTPAdminSite

from clinic.web.twofactor import AdminLoginForm


def _has_nul(request) -> bool:
    return any(
        "\x00" in key or any("\x00" in v for v in values) for key, values in request.GET.lists()
    )


class ClinicAdminSite(OTPAdminSite):
    """Every admin page needs a second factor as well as the password.

    No booking, email or guide page holds a NUL, but PostgreSQL refuses one in a
    query, so a list filter such as ?status=%00 was a 500. Such parameters are
    dropped: the page opens as if they had not been given.
    """

    login_form = AdminLoginForm

    def admin_view(self, view, cacheable=False):
        inner = super().admin_view(view, cacheable)

        @wraps(inner)
        def without_nul(request, *args, **kwargs):
            if not _has_nul(request):
                return inner(request, *args, **kwargs)
            if request.method not in ("GET", "HEAD"):
                raise BadRequest("NUL in the query string of an admin form.")
            kept = request.GET.copy()
            for key in list(kept):
                values = [v for v in kept.getlist(key) if "\x00" not in v]
                if "\x00" in key or not values:
                    del kept[key]
                else:
                    kept.setlist(key, values)
            query = kept.urlencode()
            return HttpResponseRedirect(request.path + (f"?{query}" if query else ""))

        return without_nul
