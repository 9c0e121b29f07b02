"""Sending a text, through a backend chosen by SMS_BACKEND, as Django chooses email backends.

`FileBackend` (the embedded default) writes each text to SMS_FILE_PATH, so
`make run` shows them; `TwilioBackend` posts to Twilio's Messages API. Both
raise SmsError, saying whether trying again later could help.
"""

import base64
import http.client
import json
import urllib.error
import urllib.parse
import urllib.request
from datetime import datetime
from pathlib import Path

from django.conf import settings
from django.utils import timezone
from django.utils.module_loading import import_string


class SmsError(Exception):
    def __init__(self, message: str, *, transient: bool):
        super().__init__(message)
        self.transient = transient


def sms_send(*, to: str, body: str, tag: str) -> str:
    """Sends `body` to the mobile `to` (E.164); returns the provider's id for the message."""
    backend = import_string(settings.SMS_BACKEND)()
    return backend.send(to=to, body=body, tag=tag)


class FileBackend:
    """One file a text in SMS_FILE_PATH, named by time and outbox row, to read as plain text."""

    def send(self, *, to: str, body: str, tag: str) -> str:
        folder = Path(settings.SMS_FILE_PATH)
        folder.mkdir(parents=True, exist_ok=True)
        now: datetime = timezone.now()
        path = folder / f"{now:%Y%m%d-%H%M%S}-{tag}.txt"
        path.write_text(
            f"To: {to}\nFrom: {settings.SMS_FROM}\nDate: {now.isoformat(timespec='seconds')}\n\n"
            f"{body}\n",
            encoding="utf-8",
        )
        return path.name


class TwilioBackend:
    """Twilio's REST API: a form-encoded POST to Messages.json with HTTP basic auth.

    A 429 (too many requests), a 5xx, a time-out or a dropped connection is
    worth trying again; any other refusal (a 400 for a number that cannot
    take texts, a 401 for wrong credentials) is not.
    """

    def send(self, *, to: str, body: str, tag: str) -> str:
        sid, token = settings.TWILIO_ACCOUNT_SID, settings.TWILIO_AUTH_TOKEN
        url = f"{settings.TWILIO_API_URL}/2010-04-01/Accounts/{sid}/Messages.json"
        data = urllib.parse.urlencode({"To": to, "From": settings.SMS_FROM, "Body": body})
        request = urllib.request.Request(url, data=data.encode(), method="POST")
        credentials = base64.b64encode(f"{sid}:{token}".encode()).decode()
        request.add_header("Authorization", f"Basic {credentials}")
        try:
            with urllib.request.urlopen(request, timeout=settings.SMS_TIMEOUT) as response:
                return json.load(response).get("sid", "")
        except urllib.error.HTTPError as exc:
            detail = _twilio_error(exc)
            transient = exc.code == 429 or exc.code >= 500
            raise SmsError(f"Twilio {exc.code}: {detail}", transient=transient) from None
        except (OSError, http.client.HTTPException) as exc:  # time-outs, refused or dropped
            raise SmsError(f"Twilio unreachable: {exc}", transient=True) from None


def _twilio_error(exc: urllib.error.HTTPError) -> str:
    try:
        payload = json.loads(exc.read() or b"{}")
    except ValueError:
        return exc.reason or ""
    return f"{payload.get('code', '')} {payload.get('message', '')}".strip()


class MemoryBackend:
    """Keeps texts in `MemoryBackend.outbox`, as Django's locmem backend keeps emails (tests)."""

    outbox: list[dict[str, str]] = []

    def send(self, *, to: str, body: str, tag: str) -> str:
        MemoryBackend.outbox.append({"to": to, "body": body, "tag": tag})
        return f"memory-{len(MemoryBackend.outbox)}"
