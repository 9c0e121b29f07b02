from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from clinic.web import views
from clinic.web.admin_site import ClinicAdminSite
from education.sitemaps import SITEMAPS

admin.site.__class__ = ClinicAdminSite

urlpatterns = [
    path("", views.home, name="home"),
    path("privacy/", views.privacy_notice, name="privacy"),
    path("milia/", include("education.urls")),
    path("healthz", views.healthz, name="healthz"),
    path("favicon.ico", views.favicon, name="favicon"),
    path("robots.txt", views.robots_txt, name="robots"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("", include("bookings.public.urls")),
    path("staff/", include("bookings.schedule.urls")),
    path("admin/", admin.site.urls),
]
handler400 = "clinic.web.views.bad_request"
handler500 = "clinic.web.views.server_error"
