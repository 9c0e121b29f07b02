"""Staff sessions that end on their own, the Content Security Policy header built once, and
messages read only by the requests that use them."""

import time

from csp.constants import HEADER
from csp.middleware import CheckableLazyObject
from csp.middleware import CSPMiddleware as BaseCSPMiddleware
from csp.utils import build_policy
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.contrib.messages.middleware import MessageMiddleware as BaseMessageMiddleware
from django.contrib.messages.storage import default_storage
from django.utils.functional import SimpleLazyObject, empty

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
        # No session cookie, no staff member: reading request.user would load the
        # session, the user and their second factor for every patient's request.
        if settings.SESSION_COOKIE_NAME in request.COOKIES and request.user.is_authenticated:
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


class CSPMiddleware(BaseCSPMiddleware):
    """django-csp, with the policy's header built once rather than for every response.

    django-csp builds the header string from the settings on each response. Only
    a page that used the nonce (the diary's <style>) or a per-view policy needs
    its own; every other response gets the same string, built again only when
    the settings' policy is replaced (as tests do).
    """

    _built: tuple[dict | None, str] = (None, "")  # the policy it was built from, and the header

    def process_response(self, request, response):
        policy = settings.CONTENT_SECURITY_POLICY
        if (
            getattr(request, "_csp_nonce", None) is not None
            or getattr(settings, "CONTENT_SECURITY_POLICY_REPORT_ONLY", None)
            or policy.get("EXCLUDE_URL_PREFIXES")
            or (settings.DEBUG and response.status_code in (404, 500))
            or any(
                getattr(response, name, None)
                for name in ("_csp_config", "_csp_update", "_csp_replace", "_csp_exempt")
            )
        ):
            return super().process_response(request, response)
        if self._built[0] is not policy:
            self._built = (policy, build_policy())
        if HEADER not in response:
            response[HEADER] = self._built[1]
        # As django-csp does: a nonce asked for after the header is written is an error.
        request.csp_nonce = CheckableLazyObject(self._csp_nonce_post_response)
        return response


class _MessagesOnUse(SimpleLazyObject):
    """The request's message storage, made the first time anything reads or adds a message."""


class MessageMiddleware(BaseMessageMiddleware):
    """Django's, with the storage made only when the request uses messages.

    Most requests (a patient's page kept in the cache, a static file, a POST
    that redirects) never do; making the storage and saving it untouched cost
    them some 13 µs each. A storage nobody read or added to has nothing to save,
    exactly as Django's `update` would find.
    """

    def process_request(self, request):
        request._messages = _MessagesOnUse(lambda: default_storage(request))

    def process_response(self, request, response):
        storage = getattr(request, "_messages", None)
        if type(storage) is _MessagesOnUse and storage._wrapped is empty:
            return response
        return super().process_response(request, response)


FALLBACK_STORAGE = "django.contrib.messages.storage.fallback.FallbackStorage"
MESSAGES_COOKIE = "messages"  # django.contrib.messages.storage.cookie.CookieStorage's


def messages_waiting(request) -> bool:
    """True when the request has messages to show.

    With Django's own storage, messages from an earlier request can only come
    in its cookie or in the session, so a request with neither cookie that
    has added none has none, and its storage need not be made to tell.
    """
    storage = getattr(request, "_messages", None)
    if (
        type(storage) is _MessagesOnUse
        and storage._wrapped is empty
        and settings.MESSAGE_STORAGE == FALLBACK_STORAGE
        and MESSAGES_COOKIE not in request.COOKIES
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
    ):
        return False
    return bool(len(messages.get_messages(request)))
