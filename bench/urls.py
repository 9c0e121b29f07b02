"""The site's own URLs plus /bench/constant: the cost of the framework with no work in the view."""

from django.http import HttpResponse
from django.urls import include, path


def constant(request):
    return HttpResponse("ok\n", content_type="text/plain")


urlpatterns = [
    path("bench/constant", constant),
    path("", include("clinic.urls")),
]
handler500 = "clinic.web.views.server_error"
