"""What a dermatologist does about a visit: arrived, completed, no-show (through the same
services as reception), the treatment record, and approving reception's aftercare edits."""

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from bookings.care_services import (
    aftercare_approve,
    aftercare_current,
    treatment_record_readable,
    treatment_record_save,
    treatment_record_viewed,
)
from bookings.day_services import (
    booking_mark_arrived,
    booking_mark_completed,
    booking_mark_no_show,
)
from bookings.models import AftercareText, Booking, BookingAction, Dermatologist, TreatmentRecord
from bookings.schedule.forms import TreatmentRecordForm
from bookings.schedule.views import dermatologist_required
from bookings.services import BookingError

STATUS_CHANGES = {
    BookingAction.ARRIVED: (booking_mark_arrived, "{name} has arrived."),
    BookingAction.COMPLETED: (booking_mark_completed, "{name}’s visit is completed."),
    BookingAction.NO_SHOW: (booking_mark_no_show, "{name} is marked as a no-show."),
}


def _own_booking(dermatologist: Dermatologist, reference: str) -> Booking:
    return get_object_or_404(
        Booking.objects.select_related("treatment", "dermatologist"),
        reference=reference,
        dermatologist=dermatologist,
    )


def _back_to_day(booking: Booking, anchor: str = "") -> HttpResponse:
    url = f"{reverse('staff:schedule')}?day={booking.local_start.date().isoformat()}"
    return redirect(f"{url}#{anchor}" if anchor else url)


@require_POST
@dermatologist_required
def booking_status(
    request: HttpRequest, dermatologist: Dermatologist, reference: str
) -> HttpResponse:
    booking = _own_booking(dermatologist, reference)
    change = STATUS_CHANGES.get(request.POST.get("action", ""))
    if change is None:
        messages.error(request, "Choose arrived, completed or no-show.")
        return _back_to_day(booking)
    service, done = change
    try:
        booking = service(booking=booking, by_user=request.user)
    except BookingError as exc:
        messages.error(request, f"{booking.patient_name}: {exc.message}")
    else:
        messages.success(request, done.format(name=booking.patient_name))
        if (
            booking.status == "completed"
            and not TreatmentRecord.objects.filter(booking=booking).exists()
        ):
            return redirect("staff:record", reference=booking.reference)
    return _back_to_day(booking, f"appointment-{booking.reference}")


@dermatologist_required
def record_edit(request: HttpRequest, dermatologist: Dermatologist, reference: str) -> HttpResponse:
    """Writing the record of one's own visit, or amending it."""
    booking = _own_booking(dermatologist, reference)
    record = TreatmentRecord.objects.filter(booking=booking).first()
    form = TreatmentRecordForm(request.POST or None, instance=record, booking=booking)
    if request.method == "POST" and form.is_valid():
        try:
            treatment_record_save(booking=booking, by_user=request.user, fields=form.cleaned_data)
        except BookingError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(
                request,
                f"Treatment record for {booking.patient_name} {'amended' if record else 'saved'}.",
            )
            return _back_to_day(booking, f"appointment-{booking.reference}")
    if record is not None:
        treatment_record_viewed(record=record, user=request.user, where="schedule, record form")
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "staff/record_form.html",
        {"dermatologist": dermatologist, "booking": booking, "record": record, "form": form},
        status=status,
    )


@dermatologist_required
def record_detail(
    request: HttpRequest, dermatologist: Dermatologist, reference: str
) -> HttpResponse:
    """A treatment record, for any dermatologist with a booking of that patient."""
    record = get_object_or_404(
        TreatmentRecord.objects.select_related(
            "booking__treatment", "booking__dermatologist", "treatment_given", "written_by"
        ),
        booking__reference=reference,
    )
    if not treatment_record_readable(booking=record.booking, user=request.user):
        raise Http404
    treatment_record_viewed(record=record, user=request.user, where="schedule, record page")
    return render(
        request,
        "staff/record.html",
        {
            "dermatologist": dermatologist,
            "record": record,
            "booking": record.booking,
            "changes": record.changes.select_related("by_user"),
            "can_amend": record.booking.dermatologist_id == dermatologist.pk,
            "aftercare": aftercare_current(record.treatment_given_id),
        },
    )


@dermatologist_required
def aftercare_list(request: HttpRequest, dermatologist: Dermatologist) -> HttpResponse:
    """Reception's edits of aftercare waiting for a dermatologist, beside the text in use."""
    if request.method == "POST":
        chosen = request.POST.get("text", "")
        text = get_object_or_404(AftercareText, pk=int(chosen) if chosen.isdigit() else 0)
        try:
            aftercare_approve(text=text, by_user=request.user)
        except BookingError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, f"The new aftercare for {text.treatment} is now sent.")
        return redirect("staff:aftercare")
    waiting = list(
        AftercareText.objects.filter(approved_at__isnull=True)
        .select_related("treatment", "written_by")
        .order_by("treatment__name", "written_at")
    )
    return render(
        request,
        "staff/aftercare.html",
        {
            "dermatologist": dermatologist,
            "waiting": [(text, aftercare_current(text.treatment_id)) for text in waiting],
        },
    )
