"""Course plans, edited in the admin: how many sessions a treatment's course has, how far
apart, how long each."""

from django.contrib import admin

from bookings.models import CoursePlan


@admin.register(CoursePlan)
class CoursePlanAdmin(admin.ModelAdmin):
    list_display = [
        "treatment",
        "sessions",
        "interval_min_weeks",
        "interval_ideal_weeks",
        "interval_max_weeks",
        "session_minutes",
    ]
    list_select_related = ["treatment"]
    fields = [
        "treatment",
        "sessions",
        "interval_min_weeks",
        "interval_ideal_weeks",
        "interval_max_weeks",
        "session_minutes",
    ]
