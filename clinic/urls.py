from django.contrib import admin
from django.urls import include, path
from django_otp.admin import OTPAdminSite

from clinic.web import views
from clinic.web.twofactor import AdminLoginForm

# Every admin page needs a second factor as well as the password.
admin.site.__class__ = OTPAdminSite
admin.site.login_form = AdminLoginForm

urlpatterns = [
    path("", views.home, name="home"),
    path("privacy/", views.privacy_notice, name="privacy"),
    path("milia/", include("education.urls")),
    path("healthz", views.healthz, name="healthz"),
    path("favicon.ico", views.favicon, name="favicon"),
    path("", include("bookings.public.urls")),
    path("staff/", include("bookings.schedule.urls")),
    path("admin/", admin.site.urls),
]
handler500 = "clinic.web.views.server_error"
