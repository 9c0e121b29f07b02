"""The admin's first page tells reception how many emails failed or are late."""

from django import template

from bookings.selectors import outbox_trouble as outbox_trouble_count

register = template.Library()


@register.inclusion_tag("admin/bookings/outbox_trouble.html", takes_context=True)
def outbox_trouble(context):
    request = context["request"]
    if not request.user.has_perm("bookings.view_outboxemail"):
        return {"shown": False}
    return {"shown": True, "trouble": outbox_trouble_count()}
