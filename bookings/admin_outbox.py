"""The email outbox in the admin: what was sent, what failed and why, and "send again"."""

from django.contrib import admin, messages
from django.urls import reverse
from django.utils.html import format_html

from bookings.models import OutboxEmail, OutboxStatus
from bookings.outbox import outbox_send_again


@admin.register(OutboxEmail)
class OutboxEmailAdmin(admin.ModelAdmin):
    list_display = [
        "created_at",
        "kind",
        "booking_link",
        "recipient",
        "status",
        "attempts",
        "last_error",
        "sent_at",
    ]
    list_filter = ["status", "kind"]
    list_select_related = ["booking"]
    search_fields = ["recipient", "booking__reference"]
    date_hierarchy = "created_at"
    readonly_fields = [field.name for field in OutboxEmail._meta.fields]
    actions = ["send_again"]

    @admin.display(description="Booking", ordering="booking__reference")
    def booking_link(self, email):
        if email.booking is None:
            return "–"
        url = reverse("admin:bookings_booking_change", args=[email.booking_id])
        return format_html('<a href="{}">{}</a>', url, email.booking.reference)

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
