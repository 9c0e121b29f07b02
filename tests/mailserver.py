"""A real SMTP server for tests (aiosmtpd), which can be told to answer 451 or 550."""

import asyncio
import socket
import threading
import time
from email import message_from_bytes
from email.message import Message

from aiosmtpd.controller import Controller


class ScriptedHandler:
    """Answers DATA with the next scripted reply (then 250), and keeps what it accepted."""

    def __init__(self):
        self.replies: list[str] = []
        self.accepted: list[Message] = []
        self.refused: list[str] = []
        self.delay = 0.0  # seconds to hold each DATA, to make concurrent sends overlap
        self._lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        if self.delay:
            await asyncio.sleep(self.delay)
        with self._lock:
            reply = self.replies.pop(0) if self.replies else "250 OK"
            if reply.startswith("250"):
                self.accepted.append(message_from_bytes(envelope.original_content))
            else:
                self.refused.append(reply)
        return reply


class MailServer:
    def __init__(self):
        self.handler = ScriptedHandler()
        self.port = _free_port()
        self.controller = Controller(self.handler, hostname="127.0.0.1", port=self.port)

    def __enter__(self):
        self.controller.start()
        return self

    def __exit__(self, *exc):
        self.controller.stop()

    @property
    def messages(self) -> list[Message]:
        return self.handler.accepted

    def answer(self, *replies: str) -> None:
        self.handler.replies.extend(replies)

    def wait_for(self, count: int, timeout: float = 20) -> list[Message]:
        deadline = time.monotonic() + timeout
        while len(self.messages) < count and time.monotonic() < deadline:
            time.sleep(0.05)
        return self.messages


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def body_of(message: Message, content_type: str) -> str:
    for part in message.walk():
        if part.get_content_type() == content_type:
            return part.get_payload(decode=True).decode()
    raise AssertionError(f"no {content_type} part")
