"""What the booking's page shows of its outbox: every email and text, side by side."""

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html, format_html_join

from bookings.models import Booking, Channel, EmailKind
from bookings.phones import phone_display
from bookings.templatetags.uk_time import ukdate, uktime


class BookingMessagesMixin:
    """Adds `messages_sent`, a read-only table of the booking's emails and texts."""

    @admin.display(description="Emails and texts")
    def messages_sent(self, booking: Booking):
        rows = (
            booking.emails.exclude(kind=EmailKind.RECEPTION_NEW_REQUEST)
            .order_by("-created_at", "-pk")
            .only("kind", "channel", "recipient", "status", "created_at", "sent_at", "booking_id")
        )
        if not rows:
            return "None yet."
        body = format_html_join(
            "",
            '<tr><td>{}</td><td>{}</td><td>{}</td><td><a href="{}">{}</a></td><td>{}</td></tr>',
            (
                (
                    row.get_kind_display(),
                    row.get_channel_display(),
                    phone_display(row.recipient) if row.channel == Channel.TEXT else row.recipient,
                    reverse("admin:bookings_outboxemail_change", args=[row.pk]),
                    row.get_status_display(),
                    f"{ukdate(row.sent_at or row.created_at)}, {uktime(row.sent_at or row.created_at)}",
                )
                for row in rows
            ),
        )
        return format_html(
            '<table class="booking-messages"><thead><tr><th scope="col">What</th>'
            '<th scope="col">By</th><th scope="col">To</th><th scope="col">State</th>'
            '<th scope="col">When (UK time)</th></tr></thead><tbody>{}</tbody></table>',
            body,
        )
