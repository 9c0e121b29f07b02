"""A page kept under the answers to the queries that built it.

A patient's own page (their booking's) has no version that triggers keep: it
shows rows of half a dozen tables, some of them only in some states. So when
it is built, every statement it runs is noted, and the page is kept with
those statements and a digest of their answers. The next request runs the
same statements again, straight through the cursor (no ORM to compile them,
no models to make), and is given the kept page only when every answer is the
same: whatever the page read, from whichever table, has not changed since.

The page is built afresh, and kept again, when:

- an answer differs, or the cache cannot be reached;
- its time is up: the view says until when the page holds (a booking stops
  being changeable online at a set time, and "today" ends at midnight);
- a message waits for the reader.

It is never kept when the build wrote anything, answered other than 200, left
a message, or ran on a database other than PostgreSQL (there the page is
simply built every time). On PostgreSQL the build runs in one REPEATABLE READ
transaction and its statements are answered again at its end inside it, so
the digest and the page come from the same snapshot: a change committed
while the page is built cannot be mistaken for one the page already shows.

Neither the form token nor the page's own secret (the manage link's token,
in every link of the page) is kept: the kept copy holds placeholders that each
request fills in, its own form token and the secret it came with. Redis is
therefore never the place to find a working link, and a page that shows
another secret (a waiting list entry's leave link) tells the caller it holds
for no time at all, so it is not kept. Each entry carries the release and the
settings (pagecache.release, settings_digest), so neither a deploy nor a
changed setting serves a page made under the old ones. Pages still hold
personal details (the appointment, a phone number), so each is kept for
KEEP_SECONDS at most, under a digest of its name, and `kept_page_forget`
removes one at once from any process (a patient's details anonymised).

The statements are prepared per connection, which needs PostgreSQL sessions
of our own: behind a pooler in transaction mode (PgBouncer) set
KEPT_PAGES_PREPARED=false and they are asked plainly.
"""

import functools
import hashlib
import re
from collections.abc import Callable
from datetime import datetime

from django.conf import settings
from django.db import DatabaseError, connection, transaction
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.utils import timezone

from clinic.web.middleware import messages_waiting
from clinic.web.pagecache import cache_call, page_reusable, release

KEEP_SECONDS = 10 * 60
CSRF_PLACEHOLDER = "\x00csrf\x00"
SECRET_PLACEHOLDER = "\x00secret\x00"
_CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')

Reads = list[tuple[str, tuple | None]]
Build = Callable[[], tuple[HttpResponse, datetime]]


def kept_while_reads_unchanged(
    request: HttpRequest, name: str, build: Build, *, secret: str
) -> HttpResponse:
    """The page `build` makes, or the one it made before if nothing it read has changed.

    `build` returns the response and the moment until which it holds whatever
    the database says (now or earlier: do not keep it). `name` says which page
    this is, the same for every request that must get the same page, and
    includes `secret`, the page's own secret (a manage link's token), which is
    left out of what is kept and put back for each request.
    """
    if not secret or secret not in name:
        raise ValueError("the page's secret is part of its name, and not empty")
    if connection.vendor != "postgresql" or not page_reusable(request):
        return build()[0]
    key = _key(name)
    now = timezone.now()
    kept = cache_call("get", key)
    if (
        kept is not None
        and kept["made_under"] == _made_under()
        and kept["until"] > now
        and kept["host"] == request.get_host()
        and _answers_digest(kept["reads"]) == kept["digest"]
    ):
        content = kept["content"].replace(SECRET_PLACEHOLDER, secret)
        return HttpResponse(_with_own_token(request, content))
    response, reads, digest, until = _build_noting_reads(build)
    seconds = min(KEEP_SECONDS, int((until - now).total_seconds()))
    keep = reads is not None and response.status_code == 200 and seconds > 0
    if keep and not messages_waiting(request):
        content = _CSRF_INPUT.sub(
            f'name="csrfmiddlewaretoken" value="{CSRF_PLACEHOLDER}"',
            response.content.decode(response.charset),
        ).replace(secret, SECRET_PLACEHOLDER)
        entry = {
            "made_under": _made_under(),
            "reads": reads,
            "digest": digest,
            "until": until,
            "host": request.get_host(),
            "content": content,
        }
        cache_call("set", key, entry, timeout=seconds)
    return response


def kept_page_forget(name: str) -> None:
    """Removes the page kept under `name`, if any, whatever release or settings made it."""
    cache_call("delete", _key(name))


def _build_noting_reads(build: Build) -> tuple[HttpResponse, Reads | None, str, datetime]:
    """Builds the page, noting its statements; reads is None when it cannot be kept."""
    reads: Reads = []
    wrote = False

    def note(execute, sql, params, many, context):
        nonlocal wrote
        if many or sql.lstrip()[:6].upper() != "SELECT":
            wrote = True
        else:
            reads.append((sql, tuple(params) if params is not None else None))
        return execute(sql, params, many, context)

    # Already inside a transaction (a test's, say), the snapshot is whatever that one has.
    own_transaction = not connection.in_atomic_block
    if own_transaction:
        connection.cursor().close()  # connects, and checks the connection, outside it
    with transaction.atomic():
        if own_transaction:
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        with connection.execute_wrapper(note):
            response, until = build()
        if hasattr(response, "render") and not response.is_rendered:
            response.render()
        digest = _answers_digest(reads)
    return response, (None if wrote else reads), digest, until


def _answers_digest(reads: Reads) -> str:
    """A digest of what the statements answer now.

    Outside a transaction each statement runs as a prepared statement of this
    connection: PostgreSQL plans a page's joins once per connection instead of
    on every request, which is most of what asking again would cost it.
    """
    digest = hashlib.sha256()
    prepared = not connection.in_atomic_block
    with connection.cursor() as cursor:
        for sql, params in reads:
            if prepared:
                _execute_prepared(cursor, sql, params)
            else:
                cursor.execute(sql, params)
            digest.update(repr(cursor.fetchall()).encode())
    return digest.hexdigest()


def _execute_prepared(cursor, sql: str, params: tuple | None) -> None:
    if not settings.KEPT_PAGES_PREPARED:
        cursor.execute(sql, params)
        return
    raw = connection.connection
    state = getattr(connection, "_kept_prepared", None)
    if state is None or state[0] is not raw:  # a new connection has none prepared
        state = connection._kept_prepared = (raw, set(), set())
    _, prepared, refused = state
    name = "kept_" + hashlib.sha256(sql.encode()).hexdigest()[:20]
    if name in refused:
        cursor.execute(sql, params)
        return
    count = len(params or ())
    arguments = f"({', '.join(['%s'] * count)})" if count else ""
    try:
        if name not in prepared:
            cursor.execute(f"PREPARE {name} AS {_numbered(sql)}")
            prepared.add(name)
        cursor.execute(f"EXECUTE {name}{arguments}", params)
    except DatabaseError:
        # Not preparable, or gone from under us: asked plainly from now on, on this
        # connection; nothing else prepared is touched.
        prepared.discard(name)
        refused.add(name)
        cursor.execute(sql, params)


def _numbered(sql: str) -> str:
    """Django's %s placeholders as PostgreSQL's $1, $2... (and %% as %)."""
    numbers = iter(range(1, 10_000))
    return re.sub(r"%%|%s", lambda m: "%" if m.group() == "%%" else f"${next(numbers)}", sql)


def _with_own_token(request: HttpRequest, content: str) -> str:
    if CSRF_PLACEHOLDER not in content:
        return content
    return content.replace(CSRF_PLACEHOLDER, get_token(request))


def _key(name: str) -> str:
    return f"page:reads:{hashlib.sha256(name.encode()).hexdigest()}"


def _made_under() -> str:
    """The code, templates and settings a page was made under: one that differs is not served."""
    return f"{release()}|{settings_digest()}"


_PLAIN = (str, int, float, bool, type(None))


@functools.cache
def settings_digest() -> str:
    """A digest of the settings whose values are plain data (names, hours, addresses):
    those a page may show or count with. Read once per process, as settings are."""
    digest = hashlib.sha256()
    for name in sorted(n for n in dir(settings) if n.isupper()):
        value = getattr(settings, name)
        if _plain(value):
            digest.update(f"{name}={value!r};".encode())
    return digest.hexdigest()[:12]


def _plain(value) -> bool:
    if isinstance(value, _PLAIN):
        return True
    if isinstance(value, (list, tuple)):
        return all(_plain(item) for item in value)
    if isinstance(value, dict):
        return all(isinstance(k, str) and _plain(v) for k, v in value.items())
    return False
