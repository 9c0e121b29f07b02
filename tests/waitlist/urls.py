"""The site's URLs, with stand-ins for the waiting list's patient pages where the site has none
yet, so the engine's emails can name them (the stand-ins answer 200 and nothing else)."""

from django.http import HttpResponse
from django.urls import URLResolver, include, path

import bookings.converters  # noqa: F401  (registers <token:…>)
from bookings.public import urls as public
from clinic import urls as site

PAGES = {
    "waitlist-offer": "waiting-list/offer/<token:token>/",
    "waitlist-leave": "waiting-list/<token:token>/leave/",
}


def stand_in(request, token):
    return HttpResponse("")


_named = {getattr(p, "name", None) for p in public.urlpatterns}
_bookings = [
    *public.urlpatterns,
    *(path(route, stand_in, name=name) for name, route in PAGES.items() if name not in _named),
]
urlpatterns = [
    *(
        p
        for p in site.urlpatterns
        if not (isinstance(p, URLResolver) and getattr(p, "namespace", None) == "bookings")
    ),
    path("", include((_bookings, "bookings"))),
]
