"""An email backend for the embedded default: one readable .eml file per message."""

import uuid
from pathlib import Path

from django.conf import settings
from django.core.mail.backends.base import BaseEmailBackend
from django.utils import timezone


class EmlFileBackend(BaseEmailBackend):
    """Writes each message to EMAIL_FILE_PATH as <time>-<recipient>-<id>.eml.

    Django's own file backend appends every message of a run to one .log
    file; a file per message opens straight in any mail program.
    """

    def __init__(self, *args, file_path=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.file_path = Path(file_path or settings.EMAIL_FILE_PATH)

    def send_messages(self, email_messages):
        self.file_path.mkdir(parents=True, exist_ok=True)
        for message in email_messages:
            stamp = timezone.now().strftime("%Y%m%d-%H%M%S")
            recipient = (message.recipients() or ["nobody"])[0].split("@")[0]
            name = f"{stamp}-{_safe(recipient)}-{uuid.uuid4().hex[:8]}.eml"
            (self.file_path / name).write_bytes(message.message().as_bytes())
        return len(email_messages)


def _safe(text: str) -> str:
    return "".join(ch if ch.isalnum() or ch in "-_." else "_" for ch in text)[:40]
