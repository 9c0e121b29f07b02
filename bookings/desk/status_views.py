"""The desk's status changes and cancelling, for one booking or a selection.

Every change goes through its service (bookings/day_services.py,
bookings/change_services.py), and each booking refused is named with why.
"""

from collections.abc import Callable

from django.contrib import messages
from django.contrib.admin import ModelAdmin
from django.core.exceptions import PermissionDenied
from django.http import (
    HttpRequest,
    HttpResponse,
    HttpResponseNotAllowed,
)
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html, format_html_join

from bookings.change_services import booking_cancel
from bookings.day_services import (
    booking_confirm,
    booking_mark_arrived,
    booking_mark_completed,
    booking_mark_no_show,
)
from bookings.desk.course_changes import cancel_one_or_the_rest
from bookings.desk.forms import CancelReasonForm
from bookings.desk.views import admin_context, back_to_desk, describe
from bookings.models import Booking, BookingAction, CancelledBy
from bookings.services import BookingError

# The actions of Booking.allowed_actions that are one click: (service, what the desk
# sees when it worked). Move and Cancel have pages of their own.
STATUS_CHANGES: dict[str, tuple[Callable[..., Booking], str]] = {
    BookingAction.CONFIRM: (booking_confirm, "Confirmed"),
    BookingAction.ARRIVED: (booking_mark_arrived, "Marked arrived"),
    BookingAction.COMPLETED: (booking_mark_completed, "Marked completed"),
    BookingAction.NO_SHOW: (booking_mark_no_show, "Marked no-show"),
}


def bookings_apply(
    request: HttpRequest,
    bookings,
    change: Callable[[Booking], object],
    done_label: str,
) -> None:
    """Runs `change` on each booking and reports, per booking, what was done and what refused."""
    done, refused = [], []
    for booking in bookings:
        try:
            change(booking)
        except BookingError as exc:
            refused.append((booking, exc.message))
        else:
            done.append(booking)
    if done:
        messages.success(request, f"{done_label}: {'; '.join(describe(b) for b in done)}.")
    for booking, message in refused:
        messages.warning(request, f"{describe(booking)}: {message}")


def bookings_list_html(bookings, *, inline: bool = False) -> str:
    """Links to each booking and to its move page, for lists of bookings to act on.

    `inline` runs them together in one line, for a message (the admin styles a
    list inside a message as more messages).
    """
    rows = (
        (
            reverse("admin:bookings_booking_change", args=[b.pk]),
            describe(b),
            b.treatment.name,
            b.dermatologist.name,
            reverse("admin:bookings_booking_move", args=[b.pk]),
        )
        for b in bookings
    )
    if inline:
        return format_html_join("; ", '<a href="{}">{}</a>, {}, {} (<a href="{}">move</a>)', rows)
    return format_html(
        "<ul>{}</ul>",
        format_html_join(
            "", '<li><a href="{}">{}</a> · {} · {} · <a href="{}">Move</a></li>', rows
        ),
    )


def status_change(model_admin: ModelAdmin, request: HttpRequest, object_id: int) -> HttpResponse:
    """One of the day's status changes on one booking, from its change page."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    booking = get_object_or_404(Booking, pk=object_id)
    if not model_admin.has_change_permission(request, booking):
        raise PermissionDenied
    change = STATUS_CHANGES.get(request.POST.get("do", ""))
    if change is None:
        messages.error(request, "Sorry, that change is not known. Nothing was changed.")
    else:
        service, done_label = change
        bookings_apply(
            request, [booking], lambda b: service(booking=b, by_user=request.user), done_label
        )
    return back_to_desk(request, booking)


def cancel_page(
    model_admin: ModelAdmin,
    request: HttpRequest,
    bookings: list[Booking],
    *,
    form: CancelReasonForm,
    action: str = "",
) -> TemplateResponse:
    """The page that asks why, before cancelling one booking or several."""
    return TemplateResponse(
        request,
        "admin/bookings/booking/cancel.html",
        admin_context(
            model_admin,
            request,
            title="Cancel bookings" if len(bookings) > 1 else "Cancel booking",
            bookings=bookings,
            form=form,
            action=action,
            action_checkbox_name="_selected_action",
            active=[b for b in bookings if BookingAction.CANCEL in b.allowed_actions],
        ),
        status=400 if form.errors else 200,
    )


def bookings_cancel(
    request: HttpRequest, bookings, *, cancelled_by: CancelledBy, reason: str
) -> None:
    bookings_apply(
        request,
        bookings,
        lambda b: booking_cancel(
            booking=b, by_user=request.user, cancelled_by=cancelled_by, reason=reason
        ),
        "Cancelled",
    )


def cancel(model_admin: ModelAdmin, request: HttpRequest, object_id: int) -> HttpResponse:
    booking = get_object_or_404(
        Booking.objects.select_related("treatment", "dermatologist"), pk=object_id
    )
    if not model_admin.has_change_permission(request, booking):
        raise PermissionDenied
    form = CancelReasonForm(request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid():
        cancel_one_or_the_rest(
            request,
            booking,
            cancelled_by=CancelledBy(form.cleaned_data["asked_by"]),
            reason=form.cleaned_data["reason"],
            cancel_one=bookings_cancel,
        )
        return back_to_desk(request, booking)
    return cancel_page(model_admin, request, [booking], form=form)
