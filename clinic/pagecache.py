"""Public pages kept whole in the cache, under a version of what they show.

A page is kept under its address and a version that its owner guarantees to
change whenever the page could: the guide's version for guide pages
(education/pagecache.py), the diary's for the slot page (bookings/views.py).
The release, a digest of the templates and of the static files' names, is in
every key too, so a deploy never serves a page rendered by the code before it.

Pages are the same for every reader, so a request with a message waiting for
its reader is built afresh and never kept, and only 200 answers are kept. If
the cache cannot be reached, pages are built every time: slower, never wrong.
"""

import functools
import hashlib
import logging

from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
from django.http import HttpRequest

logger = logging.getLogger(__name__)


def page_reusable(request: HttpRequest) -> bool:
    """True when the page this request asks for may come from, and go to, the cache."""
    return request.method in ("GET", "HEAD") and not len(messages.get_messages(request))


def page_key(request: HttpRequest, version: str) -> str:
    """The page's key: its address without the query (the host and scheme are in
    the page's links and structured data), its version and the release.

    A page that depends on its query puts the part that matters in `version`:
    keying on any query anyone types would let them fill the cache.
    """
    address = f"{request.scheme}://{request.get_host()}{request.path}"
    digest = hashlib.sha256(f"{version}|{release()}|{address}".encode()).hexdigest()
    return f"page:{digest}"


def page_keep(key: str, value, *, seconds: int) -> None:
    try:
        cache.set(key, value, timeout=seconds)
    except Exception:
        logger.warning("cache unavailable; page not kept", exc_info=True)


def release() -> str:
    """A digest of every template and of the static files' names.

    Worked out once per process in production; every time while DEBUG is on,
    where templates change under a running server.
    """
    return _release() if not settings.DEBUG else _release.__wrapped__()


@functools.cache
def _release() -> str:
    digest = hashlib.sha256()
    for folder in [*settings.TEMPLATES[0]["DIRS"]]:
        for path in sorted(folder.rglob("*.html")):
            digest.update(str(path.relative_to(folder)).encode())
            digest.update(path.read_bytes())
    # With hashed static names (production), the manifest names every file's version.
    manifest = settings.STATIC_ROOT and settings.STATIC_ROOT / "staticfiles.json"
    if manifest and manifest.exists():
        digest.update(manifest.read_bytes())
    return digest.hexdigest()[:16]
