"""The clinic's set-up for reception: treatments, dermatologists and their hours, time off, closures."""

from django.contrib import admin, messages
from django.utils.html import format_html

from bookings.desk.status_views import bookings_list_html
from bookings.models import ClinicClosure, Dermatologist, TimeOff, Treatment, WorkingHours
from bookings.selectors import bookings_affected_by_closure, bookings_affected_by_time_off
from bookings.templatetags.uk_time import ukdate, uktime
from bookings.waitlist_triggers import Freed, days_freed, hours_freed, waitlist_time_freed


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
        # What was there before: time off cut back or removed frees its old time.
        before = [f.initial for f in formset.initial_forms if f.has_changed() or _deleting(f)]
        super().save_formset(request, form, formset, change)
        if formset.model is WorkingHours:
            saved = [*formset.new_objects, *(obj for obj, _ in formset.changed_objects)]
            waitlist_time_freed([window for hours in saved for window in hours_freed(hours)])
        if formset.model is TimeOff:
            waitlist_time_freed(
                Freed(form.instance.pk, old["starts_at"], old["ends_at"]) for old in before
            )
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
        if change and form.has_changed():
            old = form.initial
            waitlist_time_freed([Freed(old["dermatologist"], old["starts_at"], old["ends_at"])])
        _warn_about_affected(request, f"Time off “{obj}”", bookings_affected_by_time_off(obj))

    def delete_model(self, request, obj):
        self.delete_queryset(request, TimeOff.objects.filter(pk=obj.pk))

    def delete_queryset(self, request, queryset):
        freed = [Freed(t.dermatologist_id, t.starts_at, t.ends_at) for t in queryset]
        super().delete_queryset(request, queryset)
        waitlist_time_freed(freed)


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
        if change and form.has_changed():
            waitlist_time_freed(days_freed(form.initial["first_day"], form.initial["last_day"]))
        _warn_about_affected(request, f"The closure “{obj}”", bookings_affected_by_closure(obj))

    def delete_model(self, request, obj):
        self.delete_queryset(request, ClinicClosure.objects.filter(pk=obj.pk))

    def delete_queryset(self, request, queryset):
        freed = [window for c in queryset for window in days_freed(c.first_day, c.last_day)]
        super().delete_queryset(request, queryset)
        waitlist_time_freed(freed)


def _deleting(form) -> bool:
    return bool(form.cleaned_data.get("DELETE")) if hasattr(form, "cleaned_data") else False
