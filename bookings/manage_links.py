"""The secret link that lets a patient manage their booking, and how it is checked.

A link is a random value stored with the booking (its nonce) followed by an
HMAC of that value under MANAGE_LINK_KEY, a secret kept outside the database.
Someone who reads the database, or a backup of it, has the nonces but cannot
make the links. Links emailed before links were made this way were random
tokens stored in clear; only a SHA-256 of each is kept now, and still accepted.
"""

import base64
import hashlib
import hmac
import secrets

from django.conf import settings

NONCE_LENGTH = 22  # secrets.token_urlsafe(16)
MAC_BYTES = 24


def new_manage_nonce() -> str:
    return secrets.token_urlsafe(16)


def manage_token_make(nonce: str, key: str | None = None) -> str:
    """The token in a booking's manage link: its nonce, then the nonce's MAC."""
    key = settings.MANAGE_LINK_KEY if key is None else key
    mac = hmac.new(key.encode(), nonce.encode(), hashlib.sha256).digest()[:MAC_BYTES]
    return nonce + base64.urlsafe_b64encode(mac).decode().rstrip("=")


def manage_token_nonce(token: str) -> str:
    return token[:NONCE_LENGTH]


def manage_token_valid(token: str, nonce: str) -> bool:
    """True when `token` was made from `nonce` with the current key or a former one."""
    keys = [settings.MANAGE_LINK_KEY, *settings.MANAGE_LINK_KEY_FALLBACKS]
    return any(hmac.compare_digest(token, manage_token_make(nonce, key)) for key in keys)


def legacy_token_hash(token: str) -> str:
    """How a link sent before the keyed links is recognised. The old tokens were
    256 random bits, so a plain SHA-256 cannot be turned back into one."""
    return hashlib.sha256(token.encode()).hexdigest()


def manage_page_name(token: str) -> str:
    """The name the patient's page for `token` is kept under (clinic/web/readcache.py)."""
    return f"manage:{token}"
