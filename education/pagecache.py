"""Guide pages rendered once per edit of the guide, then served from the cache.

A guide page is the same for every reader, and building one (two queries,
Markdown, sanitising, the template) costs ten times what fetching it from
Redis does. Pages are kept under the guide's current version, a random value
that every save or delete of what the guide shows (its pages, sections,
questions, sources, reviewers, and the treatments its booking links lead to)
replaces; `guide_changed` is that receiver. An edit in the admin therefore
shows on the next request. A change made around the models (SQL, a queryset's
update()) shows within PAGE_SECONDS, and after the next migrate.

Each process also keeps the pages it served, with the version they were built
at, and asks Redis again only once VERSION_CHECK_SECONDS have passed since it
last read the version: most readers then cost no round trip at all. An edit
therefore shows at once in the process that saved it (the receiver empties
its copies) and within VERSION_CHECK_SECONDS in every other. The guide is
the same for everyone and changes a few times a month. The slot pages,
whose freshness matters to the second, are kept in each process too, but
under the diary's version read on every request (clinic/web/pagecache.py).
"""

import time
import uuid
from collections.abc import Callable

from django.conf import settings
from django.db import transaction
from django.http import HttpRequest, HttpResponse

from clinic.web.pagecache import cache_call, page_address, page_key, page_reusable

VERSION_KEY = "education:guide-version"
PAGE_SECONDS = 60 * 60
VERSION_CHECK_SECONDS = 2.0

monotonic = time.monotonic  # the clock, for tests to move


class _ProcessCopies:
    """The pages this process has served, all built at `version`, read from Redis at
    `checked_at` (on the monotonic clock)."""

    def __init__(self) -> None:
        self.version: str | None = None
        self.checked_at = float("-inf")
        self.pages: dict[str, bytes] = {}

    def fresh(self) -> bool:
        return monotonic() - self.checked_at < VERSION_CHECK_SECONDS

    def seen(self, version: str) -> dict[str, bytes]:
        """Notes the version just read; the pages built at it, to add a page to. A thread
        that read an older version keeps writing to the older (discarded) dict."""
        pages = self.pages
        if version != self.version:
            pages = {}
            self.version, self.pages = version, pages
        self.checked_at = monotonic()
        return pages


_copies = _ProcessCopies()


def process_copies_forget() -> None:
    """Empties this process's copies: the next request asks Redis."""
    global _copies
    _copies = _ProcessCopies()


def guide_changed(**kwargs) -> None:
    """Signal receiver: pages built before the change are no longer served, once it commits.

    After the commit, not before: a page built between a new version and the
    commit would show the old rows under the new version.
    """
    transaction.on_commit(_version_replace)


def _version_replace() -> None:
    # If the cache cannot be reached, pages built before stay for up to PAGE_SECONDS.
    cache_call("set", VERSION_KEY, uuid.uuid4().hex, timeout=None)
    process_copies_forget()


def page_cached(request: HttpRequest, build: Callable[[], HttpResponse]) -> HttpResponse:
    """The page `build` makes for this request, from the cache when the guide has not
    changed since it was built (see clinic/web/pagecache.py for what is never kept)."""
    if not page_reusable(request):
        return build()
    # A process serves one release, so its copies need only the address; while DEBUG
    # is on, templates change under the running server, and nothing is copied.
    address = page_address(request)
    copies = _copies if not settings.DEBUG else _ProcessCopies()
    if copies.fresh() and (content := copies.pages.get(address)) is not None:
        return HttpResponse(content)
    key = page_key(request, "guide")
    # One round trip: the guide's version, and this page with the version it was built at.
    found = cache_call("get_many", [VERSION_KEY, key])
    if found is None:
        return build()
    version = found.get(VERSION_KEY)
    if version is None:
        # The cache was emptied: nothing kept from before can be trusted.
        version = uuid.uuid4().hex
        if not cache_call("add", VERSION_KEY, version, timeout=None):
            return build()  # another request has just set one, or the cache is down
    pages = copies.seen(version)
    built_at, content = found.get(key, (None, None))
    if built_at == version:
        pages[address] = content
        return HttpResponse(content)
    response = build()
    if response.status_code == 200:
        cache_call("set", key, (version, response.content), timeout=PAGE_SECONDS)
        pages[address] = response.content
    return response
