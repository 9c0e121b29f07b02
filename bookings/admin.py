from django.contrib import admin

from bookings.models import Booking, ClinicClosure, Dermatologist, TimeOff, Treatment, WorkingHours
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


@admin.register(Dermatologist)
class DermatologistAdmin(admin.ModelAdmin):
    list_display = ["name", "post_nominals", "gmc_number", "is_active"]
    filter_horizontal = ["treatments"]
    inlines = [WorkingHoursInline, TimeOffInline]


@admin.register(ClinicClosure)
class ClinicClosureAdmin(admin.ModelAdmin):
    list_display = ["reason", "first_day", "last_day"]


@admin.register(Booking)
class BookingAdmin(admin.ModelAdmin):
    list_display = [
        "reference",
        "when",
        "patient_name",
        "treatment",
        "dermatologist",
        "status",
        "needs_attention",
    ]
    list_filter = ["status", "needs_attention", "treatment", "dermatologist"]
    list_select_related = ["treatment", "dermatologist"]
    search_fields = ["reference", "patient_name", "email", "phone"]
    date_hierarchy = "starts_at"
    readonly_fields = [field.name for field in Booking._meta.fields]

    @admin.display(description="When (UK time)", ordering="starts_at")
    def when(self, booking):
        return f"{ukdate(booking.starts_at)}, {uktime(booking.starts_at)}"

    def has_add_permission(self, request):
        # Bookings are made through the booking service, never as raw rows.
        return False


from bookings import admin_records  # noqa: E402, F401  (the email outbox and the audit trail)
