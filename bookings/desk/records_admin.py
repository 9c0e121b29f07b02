"""The email outbox (what was sent, what failed, "send again") and the audit trail in the admin."""

from django.contrib import admin, messages
from django.urls import reverse
from django.utils.html import format_html

from bookings.models import AuditEntry, OutboxEmail, OutboxStatus
from bookings.notify.outbox import outbox_send_again
from bookings.selectors import emails_in_trouble


class TroubleFilter(admin.SimpleListFilter):
    """The emails the admin's first page counts as failed or late."""

    title = "trouble"
    parameter_name = "trouble"

    def lookups(self, request, model_admin):
        return [("failed", "Failed in the last 7 days"), ("late", "Late")]

    def queryset(self, request, queryset):
        if self.value() in ("failed", "late"):
            return queryset.filter(emails_in_trouble(self.value()))
        return queryset


@admin.register(OutboxEmail)
class OutboxEmailAdmin(admin.ModelAdmin):
    list_display = [
        "created_at",
        "kind",
        "channel",
        "booking_link",
        "recipient",
        "status",
        "attempts",
        "last_error",
        "sent_at",
    ]
    list_filter = [TroubleFilter, "status", "channel", "kind"]
    # The waiting list's messages belong to no booking: to an entry, or an offer to one.
    list_select_related = ["booking", "waitlist_entry", "offer__entry"]
    search_fields = ["recipient", "booking__reference"]
    date_hierarchy = "created_at"
    readonly_fields = [field.name for field in OutboxEmail._meta.fields]
    actions = ["send_again"]

    @admin.display(description="About", ordering="booking__reference")
    def booking_link(self, email):
        if email.booking is not None:
            url = reverse("admin:bookings_booking_change", args=[email.booking_id])
            return format_html('<a href="{}">{}</a>', url, email.booking.reference)
        entry = email.offer.entry if email.offer is not None else email.waitlist_entry
        if entry is None:
            return "–"
        url = reverse("admin:bookings_waitlistentry_change", args=[entry.pk])
        return format_html('<a href="{}">Waiting list: {}</a>', url, entry.name)

    @admin.action(description="Send the selected emails again", permissions=["change"])
    def send_again(self, request, queryset):
        sending = queryset.filter(status=OutboxStatus.SENDING).count()
        queued = outbox_send_again(outbox_ids=list(queryset.values_list("pk", flat=True)))
        self.message_user(
            request, f"{queued} email(s) will be sent again in a moment.", messages.SUCCESS
        )
        if sending:
            self.message_user(
                request,
                f"{sending} email(s) are being sent right now and were left alone.",
                messages.WARNING,
            )

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    """Readable by superusers only; nobody can change or delete an entry."""

    list_display = ["at", "actor", "action", "target", "detail"]
    list_filter = ["action"]
    search_fields = ["actor", "target", "detail"]
    date_hierarchy = "at"
    readonly_fields = [field.name for field in AuditEntry._meta.fields]

    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_superuser

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
