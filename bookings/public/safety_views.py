"""The patient confirms their safety answers before a later session of a course, by the
link in the reminder (the manage link's token)."""

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from bookings.models import Pregnancy
from bookings.public.manage_views import manage_booking
from bookings.safety_services import booking_needs_safety_recheck, safety_recheck_save
from bookings.services import BookingError
from clinic.web.ratelimit import rate_limited, too_many_requests


class SafetyRecheckForm(forms.Form):
    """The answers that may change between sessions; the same on the patient's page and the desk."""

    pregnancy = forms.ChoiceField(
        label="Are you pregnant, breastfeeding or trying for a baby?",
        choices=Pregnancy.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Tell us whether you are pregnant or breastfeeding."},
    )
    isotretinoin = forms.TypedChoiceField(
        label="Are you taking isotretinoin (Roaccutane), or have you in the last six months?",
        choices=[("no", "No"), ("yes", "Yes")],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": "Tell us whether you take isotretinoin."},
    )
    new_medicines = forms.CharField(
        label="Any medicines, creams or supplements you have started since your last session",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Leave it empty if nothing is new.",
        error_messages={"max_length": "Keep it under 2,000 characters."},
    )


def safety_recheck_answer(form: SafetyRecheckForm, booking, *, by_user=None):
    data = form.cleaned_data
    return safety_recheck_save(
        booking=booking,
        pregnancy=data["pregnancy"],
        isotretinoin=data["isotretinoin"],
        new_medicines=data["new_medicines"],
        by_user=by_user,
    )


@never_cache
@require_http_methods(["GET", "POST"])
def safety_recheck(request: HttpRequest, token: str) -> HttpResponse:
    booking = manage_booking(token)
    if not booking_needs_safety_recheck(booking):
        return redirect(booking)
    if request.method == "POST" and rate_limited(request, scope="manage"):
        return too_many_requests(request)
    form = SafetyRecheckForm(request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid():
        try:
            safety_recheck_answer(form, booking)
        except BookingError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, "Thank you: your answers are with your dermatologist.")
        return redirect(booking)
    return render(
        request,
        "bookings/safety_recheck.html",
        {"booking": booking, "form": form},
        status=400 if form.errors else 200,
    )
