"""Staff sessions that end on their own: after a quiet spell, and after a working day."""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login

STARTED = "_staff_session_started"
LAST_SEEN = "_staff_session_last_seen"


class StaffSessionTimeoutMiddleware:
    """Logs a member of staff out after STAFF_SESSION_IDLE_MINUTES without a request,
    or STAFF_SESSION_MAX_HOURS after they logged in, whichever comes first.

    A computer left unlocked at the front desk then shows no patient's details
    for long. Patients have no accounts, so their requests pass straight through.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            now = time.time()
            started = request.session.setdefault(STARTED, now)
            last_seen = request.session.get(LAST_SEEN, now)
            idle = now - last_seen > settings.STAFF_SESSION_IDLE_MINUTES * 60
            too_long = now - started > settings.STAFF_SESSION_MAX_HOURS * 3600
            if idle or too_long:
                logout(request)
                messages.info(
                    request, "For patients' privacy you were logged out. Please log in again."
                )
                return redirect_to_login(request.get_full_path())
            # A minute's precision is plenty, and spares a session write per request.
            if now - last_seen >= 60 or LAST_SEEN not in request.session:
                request.session[LAST_SEEN] = now
        return self.get_response(request)
