from django.contrib.auth import views as auth_views
from django.urls import path

import bookings.converters  # noqa: F401  (registers <token:…> and <reference:…>)
from bookings.schedule import feed, visit_views
from bookings.schedule import views as staff_views
from clinic.web.twofactor import StaffLoginForm

app_name = "staff"

urlpatterns = [
    path(
        "login/",
        auth_views.LoginView.as_view(
            template_name="staff/login.html",
            authentication_form=StaffLoginForm,
            next_page="staff:schedule",
            redirect_authenticated_user=True,
        ),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(next_page="staff:login"), name="logout"),
    path("schedule/", staff_views.schedule_day, name="schedule"),
    path("schedule/week/", staff_views.schedule_week, name="schedule_week"),
    path("schedule/booking/<reference:reference>/", staff_views.booking_detail, name="booking"),
    path(
        "schedule/booking/<reference:reference>/status/",
        visit_views.booking_status,
        name="booking_status",
    ),
    path(
        "schedule/booking/<reference:reference>/record/",
        visit_views.record_edit,
        name="record",
    ),
    path("records/<reference:reference>/", visit_views.record_detail, name="record_detail"),
    path("aftercare/", visit_views.aftercare_list, name="aftercare"),
    path("calendar/reset/", staff_views.calendar_reset, name="calendar_reset"),
    path("calendar/<token:token>.ics", feed.calendar_feed, name="calendar_feed"),
]
