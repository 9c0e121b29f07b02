"""The patient's choice about texts: on their booking's page, and by replying STOP.

Twilio posts each reply to /texts/twilio/, signed with the account's auth
token (X-Twilio-Signature); an unsigned or wrongly signed post changes nothing.
"""

import base64
import hashlib
import hmac
import logging

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from bookings.patient_services import patient_texts_choose, patients_texts_stop
from bookings.phones import phone_is_uk_mobile
from bookings.selectors import booking_for_manage_token
from clinic.web.ratelimit import rate_limited, too_many_requests

logger = logging.getLogger(__name__)

# The opt-out words carriers and Twilio honour.
STOP_WORDS = {"STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "OPTOUT", "REVOKE"}
EMPTY_REPLY = '<?xml version="1.0" encoding="UTF-8"?><Response></Response>'


@never_cache
@require_POST
def texts_choose(request: HttpRequest, token: str) -> HttpResponse:
    booking = booking_for_manage_token(token)
    if booking is None:
        raise Http404("No booking has this link.")
    if rate_limited(request, scope="manage"):
        return too_many_requests(request)
    wanted = request.POST.get("texts") == "on"
    patient = booking.patient
    if wanted and not phone_is_uk_mobile(patient.phone):
        messages.error(
            request,
            f"We can only text UK mobile numbers, and {patient.phone_for_display} is not one. "
            f"To give us a mobile number, phone us on {settings.CLINIC_PHONE}.",
        )
    elif patient_texts_choose(patient=patient, wanted=wanted):
        messages.success(
            request,
            "We will text you reminders and changes."
            if wanted
            else "We will not text you. Your emails carry on as before.",
        )
    return redirect(booking)


def twilio_signature(url: str, params: dict[str, str], token: str) -> str:
    """Twilio's signature: HMAC-SHA1 of the URL and the sorted parameters, base64-encoded."""
    payload = url + "".join(f"{key}{params[key]}" for key in sorted(params))
    digest = hmac.new(token.encode(), payload.encode(), hashlib.sha1).digest()
    return base64.b64encode(digest).decode()


@csrf_exempt
@require_POST
def twilio_inbound(request: HttpRequest) -> HttpResponse:
    """A reply to one of our texts. STOP (or its synonyms) turns texts off for that number."""
    token = settings.TWILIO_AUTH_TOKEN
    params = {key: request.POST.get(key, "") for key in request.POST}
    # Twilio signs the address it was configured with: our public one.
    url = f"{settings.SITE_URL}{request.path}"
    given = request.headers.get("X-Twilio-Signature", "")
    if not token or not hmac.compare_digest(given, twilio_signature(url, params, token)):
        logger.warning("text reply with a bad signature refused")
        return HttpResponse("Bad signature.", status=403, content_type="text/plain")
    sender, word = params.get("From", ""), params.get("Body", "").strip().upper()
    if word in STOP_WORDS:
        stopped = patients_texts_stop(mobile=sender)
        logger.info("STOP from a patient's mobile: texts turned off for %s record(s)", stopped)
    return HttpResponse(EMPTY_REPLY, content_type="text/xml")
