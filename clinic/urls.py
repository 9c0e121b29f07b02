from django.contrib import admin
from django.urls import include, path

from clinic import views

urlpatterns = [
    path("", views.home, name="home"),
    path("privacy/", views.privacy_notice, name="privacy"),
    path("milia/", include("education.urls")),
    path("healthz", views.healthz, name="healthz"),
    path("", include("bookings.urls")),
    path("staff/", include("bookings.staff_urls")),
    path("admin/", admin.site.urls),
]
handler500 = "clinic.views.server_error"
