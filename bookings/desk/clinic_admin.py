"""The clinic's set-up for reception: treatments, dermatologists and their hours, time off, closures."""

from django.contrib import admin, messages
from django.utils.html import format_html

from bookings.desk.status_views import bookings_list_html
from bookings.models import ClinicClosure, Dermatologist, TimeOff, Treatment, WorkingHours
from bookings.selectors import bookings_affected_by_closure, bookings_affected_by_time_off
from bookings.templatetags.uk_time import ukdate, uktime


@admin.register(Treatment)
class TreatmentAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "duration_minutes",
        "buffer_minutes",
        "price",
        "is_active",
        "confirms_automatically",
    ]
    list_editable = ["is_active"]
    prepopulated_fields = {"slug": ["name"]}


class WorkingHoursInline(admin.TabularInline):
    model = WorkingHours
    extra = 0


class TimeOffInline(admin.TabularInline):
    model = TimeOff
    extra = 0


def _warn_about_affected(request, what: str, bookings) -> None:
    bookings = list(bookings)
    if bookings:
        messages.warning(
            request,
            format_html(
                "{} overlaps {} active booking{}. Move or cancel {}: {}.",
                what,
                len(bookings),
                "" if len(bookings) == 1 else "s",
                "it" if len(bookings) == 1 else "them",
                bookings_list_html(bookings, inline=True),
            ),
        )


def _affected_field(bookings) -> str:
    bookings = list(bookings)
    if not bookings:
        return "None: no active booking falls in this time."
    return bookings_list_html(bookings)


@admin.register(Dermatologist)
class DermatologistAdmin(admin.ModelAdmin):
    list_display = ["name", "post_nominals", "gmc_number", "is_active"]
    filter_horizontal = ["treatments"]
    inlines = [WorkingHoursInline, TimeOffInline]

    def get_readonly_fields(self, request, obj=None):
        # Who logs in as whom is for whoever manages user accounts, not the desk.
        return [] if request.user.has_perm("auth.change_user") else ["user"]

    def save_formset(self, request, form, formset, change):
        super().save_formset(request, form, formset, change)
        if formset.model is TimeOff:
            for time_off in [*formset.new_objects, *(obj for obj, _ in formset.changed_objects)]:
                _warn_about_affected(
                    request, f"Time off “{time_off}”", bookings_affected_by_time_off(time_off)
                )


@admin.register(TimeOff)
class TimeOffAdmin(admin.ModelAdmin):
    list_display = ["dermatologist", "starts", "ends", "reason"]
    list_filter = ["dermatologist"]
    list_select_related = ["dermatologist"]
    date_hierarchy = "starts_at"
    readonly_fields = ["affected_bookings"]

    @admin.display(description="Starts (UK time)", ordering="starts_at")
    def starts(self, time_off):
        return f"{ukdate(time_off.starts_at)}, {uktime(time_off.starts_at)}"

    @admin.display(description="Ends (UK time)", ordering="ends_at")
    def ends(self, time_off):
        return f"{ukdate(time_off.ends_at)}, {uktime(time_off.ends_at)}"

    @admin.display(description="Active bookings in this time")
    def affected_bookings(self, time_off):
        if time_off.pk is None:
            return "Shown after saving."
        return _affected_field(bookings_affected_by_time_off(time_off))

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        _warn_about_affected(request, f"Time off “{obj}”", bookings_affected_by_time_off(obj))


@admin.register(ClinicClosure)
class ClinicClosureAdmin(admin.ModelAdmin):
    list_display = ["reason", "first_day", "last_day"]
    readonly_fields = ["affected_bookings"]

    @admin.display(description="Active bookings on these days")
    def affected_bookings(self, closure):
        if closure.pk is None:
            return "Shown after saving."
        return _affected_field(bookings_affected_by_closure(closure))

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        _warn_about_affected(request, f"The closure “{obj}”", bookings_affected_by_closure(obj))
