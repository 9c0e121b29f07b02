"""The site's own URLs plus three floors to compare pages with.

/bench/constant: the cost of the framework with no work in the view.
/bench/sized: the same with a body of a guide page's size: what a guide page
costs when its process has a copy (education/pagecache.py), and what sending
the page's bytes adds to the trivial view.
/bench/kept: a page kept in Redis with no work of its own: one round trip
for the guide's version and the page, as education/pagecache.py makes for
every guide page it serves from the cache, and a body of a guide page's size.
"""

from django.http import HttpResponse
from django.urls import path

from clinic import urls as site_urls
from clinic.web.pagecache import cache_call
from education.pagecache import VERSION_KEY

KEPT_KEY = "bench:kept"
KEPT_BYTES = 10_793  # /milia/what-are-milia/ on the bench database


def constant(request):
    return HttpResponse("ok\n", content_type="text/plain")


SIZED = b"." * KEPT_BYTES


def sized(request):
    return HttpResponse(SIZED)


def kept(request):
    found = cache_call("get_many", [VERSION_KEY, KEPT_KEY]) or {}
    content = found.get(KEPT_KEY)
    if content is None:
        content = b"." * KEPT_BYTES
        cache_call("set", KEPT_KEY, content, timeout=None)
    return HttpResponse(content)


# The site's own patterns after the floors', not inside an include: a page is then
# resolved through as many levels as in production, where clinic.urls is the root.
urlpatterns = [
    path("bench/constant", constant),
    path("bench/sized", sized),
    path("bench/kept", kept),
    *site_urls.urlpatterns,
]
handler400 = site_urls.handler400
handler500 = site_urls.handler500
