"""Treatment records (read only, for those granted it, every look audited), the aftercare
texts reception writes and dermatologists approve, and each treatment's record defaults."""

from django.contrib import admin
from django.utils import timezone

from bookings.care_services import RECORD_FIELDS, treatment_record_viewed
from bookings.models import AftercareText, RecordDefaults, TreatmentRecord, TreatmentRecordChange


class TreatmentRecordChangeInline(admin.TabularInline):
    model = TreatmentRecordChange
    fields = ["at", "by_user"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    verbose_name = "version"
    verbose_name_plural = "history: who wrote or amended it, and when"

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(TreatmentRecord)
class TreatmentRecordAdmin(admin.ModelAdmin):
    """Written only by the dermatologist, on their own pages; here read only.

    Reception sees it only when granted "Can view treatment record" (Users or
    Groups); superusers always. A record is never deleted.
    """

    list_display = ["booking", "treatment_given", "written_by", "written_at", "amended_at"]
    list_select_related = ["booking", "treatment_given", "written_by"]
    search_fields = ["booking__reference"]
    inlines = [TreatmentRecordChangeInline]
    readonly_fields = [
        "booking",
        *RECORD_FIELDS,
        "written_by",
        "written_at",
        "amended_at",
    ]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def change_view(self, request, object_id, form_url="", extra_context=None):
        response = super().change_view(request, object_id, form_url, extra_context)
        record = self.get_object(request, object_id)
        if record is not None and response.status_code == 200:
            treatment_record_viewed(record=record, user=request.user, where="admin")
        return response


class ApprovalFilter(admin.SimpleListFilter):
    title = "approval"
    parameter_name = "approval"

    def lookups(self, request, model_admin):
        return [("waiting", "Waiting for a dermatologist"), ("approved", "Approved")]

    def queryset(self, request, queryset):
        if self.value() in ("waiting", "approved"):
            return queryset.filter(approved_at__isnull=self.value() == "waiting")
        return queryset


@admin.register(AftercareText)
class AftercareTextAdmin(admin.ModelAdmin):
    """Each save is a new version: the approved text stays in use until a dermatologist
    approves the new one on their own pages."""

    list_display = ["treatment", "written_by", "written_at", "approved_by", "approved_at"]
    list_filter = ["treatment", ApprovalFilter]
    list_select_related = ["treatment", "written_by", "approved_by"]
    fields = ["treatment", "expect", "avoid", "call_if"]

    def has_change_permission(self, request, obj=None):
        # An approved text is never changed under its approval: "Add" writes the
        # next version, which is sent once a dermatologist approves it.
        if obj is not None and obj.approved_at is not None:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        obj.written_by = request.user
        obj.written_at = timezone.now()
        super().save_model(request, obj, form, change)


@admin.register(RecordDefaults)
class RecordDefaultsAdmin(admin.ModelAdmin):
    list_display = ["treatment", "consent_taken", "follow_up"]
    list_select_related = ["treatment"]
