from django.conf import settings
from django.db import DatabaseError, connection
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from clinic.web.context_processors import phone_link


def home(request):
    return render(request, "home.html")


def privacy_notice(request):
    return render(request, "privacy.html")


@require_GET
def favicon(request):
    """Browsers ask for /favicon.ico whatever the page says (the admin's pages name none)."""
    response = redirect(static("favicon.ico"))
    response["Cache-Control"] = "public, max-age=86400"
    return response


# Staff pages, a patient's own booking pages and the booking steps are for people, not
# search engines; the guide, the home page and the privacy notice are for everyone.
ROBOTS_DISALLOW = ["/admin/", "/staff/", "/manage/", "/book/confirmation/", "/book/*/details/"]


@require_GET
def robots_txt(request):
    lines = ["User-agent: *", *(f"Disallow: {path}" for path in ROBOTS_DISALLOW)]
    lines.append(f"Sitemap: {settings.SITE_URL}/sitemap.xml")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@never_cache
@require_GET
def healthz(request):
    """200 when the database answers a query, 503 when it does not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"status": "unavailable", "database": "down"}, status=503)
    return JsonResponse({"status": "ok", "database": "up"})


def bad_request(request, exception=None):
    """A request Django refused as malformed, such as a form sent in another charset.

    Django's own 400 view checks the CSRF token first, which reads the refused
    form again and fails a second time: this one reads nothing from the request.
    """
    return render(request, "400.html", status=400)


def server_error(request):
    # No request context here: whatever failed may be in a context processor.
    return render(
        None,
        "500.html",
        {
            "clinic_name": settings.CLINIC_NAME,
            "clinic_phone": settings.CLINIC_PHONE,
            "clinic_phone_link": phone_link(),
        },
        status=500,
    )


def csrf_failure(request, reason=""):
    """A refused form, explained: usually a page left open too long, or cookies blocked."""
    return render(request, "403_csrf.html", status=403)
