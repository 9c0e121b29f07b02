from django import template

from bookings.desk.today import desk_today as desk_today_context

register = template.Library()


@register.inclusion_tag("admin/bookings/booking/_today.html", takes_context=True)
def desk_today(context):
    return desk_today_context(context["request"])
