"""Public pages kept whole in the cache, under a version of what they show.

A page is kept under its address and a version that its owner guarantees to
change whenever the page could. The release, a digest of the code and
templates and of the static files' names, is in every key too, so a deploy
never serves a page rendered by the code before it.

What replaces each version (the one place this is written down):

- Guide pages (education/pagecache.py): a version in the cache, replaced after
  the commit by post_save and post_delete signals on the guide's models and on
  Treatment, and after every migrate. Signals miss a queryset's update(),
  bulk_create and SQL: such a change shows within PAGE_SECONDS. Good enough for
  content edited in the admin. Each process keeps its own copies too, and reads
  the version at most every VERSION_CHECK_SECONDS (2 s): how long another
  process may go on serving a page from before an edit.
- The slot page (bookings/public/booking_views.py): bookings.DiaryVersion,
  replaced by database triggers (migrations 0011 and 0013) in the transaction
  of any write, however made, to bookings, time off, working hours, closures,
  treatments, dermatologists and their treatments. For bookings, an update
  counts only when it changes a column free times are worked out from (status,
  times, buffer, dermatologist, treatment): notes, contact details, the invite
  sequence, emails and the audit trail leave it alone. A week's free times are
  also kept under a digest of that week's diary. tests/test_diary_version.py
  fails when a table the free times read has no trigger. Each process keeps
  copies of the slot pages it served too (ProcessCopies): the version is read
  on every request all the same, so a copy is exactly as fresh as Redis's.
- A patient's manage page (clinic/web/readcache.py): no version; it is kept
  under the answers to the statements that built it, asked again on every
  visit.

Pages are the same for every reader, so a request with a message waiting for
its reader is built afresh and never kept, and only 200 answers are kept.

If the cache cannot be reached, pages are built every time: slower, never
wrong. After one failure this process leaves Redis alone for a while
(clinic.web.backoff), so an outage costs one request a time-out, not every one.
"""

import functools
import hashlib
import logging
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest

from clinic.web.backoff import RedisBackingOff
from clinic.web.middleware import messages_waiting

logger = logging.getLogger(__name__)


def cache_call(operation: str, *args, **kwargs):
    """`cache.<operation>(*args, **kwargs)`, or None if the cache cannot be reached."""
    try:
        return getattr(cache, operation)(*args, **kwargs)
    except RedisBackingOff:
        return None
    except Exception:  # the cache is an edge we do not control
        logger.warning("cache unavailable; pages are built, not kept", exc_info=True)
        return None


class ProcessCopies:
    """Pages this process has served, by key, for pages whose key names the version they
    show, read afresh on every request: a copy is then exactly as good as the one in
    the cache, and costs no round trip to it. At most `limit` pages are kept; when
    that many are, they are all let go (keys go out of use as versions change, so
    the oldest are the ones worth least). A dict's get and set are safe between
    threads.
    """

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.pages: dict[str, bytes] = {}

    def get(self, key: str) -> bytes | None:
        return self.pages.get(key)

    def add(self, key: str, content: bytes) -> None:
        if len(self.pages) >= self.limit:
            self.pages = {}
        self.pages[key] = content

    def forget(self) -> None:
        self.pages = {}


def page_reusable(request: HttpRequest) -> bool:
    """True when the page this request asks for may come from, and go to, the cache."""
    return request.method in ("GET", "HEAD") and not messages_waiting(request)


def page_key(request: HttpRequest, version: str) -> str:
    """The page's key: its address without the query (the host and scheme are in
    the page's links and structured data), its version and the release.

    A page that depends on its query puts the part that matters in `version`:
    keying on any query anyone types would let them fill the cache.
    """
    digest = hashlib.sha256(f"{version}|{release()}|{page_address(request)}".encode()).hexdigest()
    return f"page:{digest}"


def page_address(request: HttpRequest) -> str:
    """The page's address without the query: which page of a version this is."""
    return f"{request.scheme}://{request.get_host()}{request.path}"


def release() -> str:
    """A digest of the project's code, its templates and the static files' names.

    The code is read once per process (a change to it means a new process,
    even under runserver); templates once per process in production, every
    time while DEBUG is on, where they change under a running server.
    """
    templates = _templates_digest() if not settings.DEBUG else _templates_digest.__wrapped__()
    return f"{_code_digest()}{templates}"


@functools.cache
def _code_digest() -> str:
    digest = hashlib.sha256()
    for app in ("bookings", "clinic", "education"):
        folder = Path(settings.BASE_DIR) / app
        for path in sorted(folder.rglob("*.py")):
            digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


@functools.cache
def _templates_digest() -> str:
    digest = hashlib.sha256()
    for folder in settings.TEMPLATES[0]["DIRS"]:
        for path in sorted(Path(folder).rglob("*.html")):
            digest.update(str(path.relative_to(folder)).encode())
            digest.update(path.read_bytes())
    # With hashed static names (production), the manifest names every file's version.
    manifest = settings.STATIC_ROOT and Path(settings.STATIC_ROOT) / "staticfiles.json"
    if manifest and manifest.exists():
        digest.update(manifest.read_bytes())
    return digest.hexdigest()[:12]
