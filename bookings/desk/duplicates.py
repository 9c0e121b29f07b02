"""Reception's likely duplicate patients, and the page that merges two records through
patient_merge. Wrapped by PatientAdmin.get_urls in the admin's login and permission checks."""

from django import forms
from django.contrib import messages
from django.contrib.admin import ModelAdmin
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse

from bookings.models import Patient
from bookings.patient_selectors import patients_likely_duplicates
from bookings.patient_services import PatientError, first_name, patient_merge


def _context(model_admin: ModelAdmin, request: HttpRequest, **context) -> dict:
    return {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.model._meta,
        **context,
    }


def duplicates_page(model_admin: ModelAdmin, request: HttpRequest) -> HttpResponse:
    """Pairs of records that are probably one person, each with a link to merge them."""
    if not model_admin.has_change_permission(request):
        raise PermissionDenied
    return TemplateResponse(
        request,
        "admin/bookings/patient/duplicates.html",
        _context(
            model_admin,
            request,
            title="Likely duplicate patients",
            duplicates=patients_likely_duplicates(),
        ),
    )


class MergeForm(forms.Form):
    keep = forms.ChoiceField(
        label="Which record to keep?",
        widget=forms.RadioSelect,
        help_text="The other record’s bookings, emails and notes move to it, and the other "
        "record goes. The kept record’s contact details stay: correct them afterwards if needed.",
        error_messages={"required": "Choose the record to keep."},
    )
    reason = forms.CharField(
        label="Why are they the same person?",
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3, "cols": 60}),
        help_text="Needed when the dates of birth or first names differ, for example "
        "“Date of birth mistyped online; confirmed with the patient on the phone”. "
        "Kept as a note on the record.",
        error_messages={"max_length": "Keep the reason under 500 characters."},
    )

    def __init__(self, *args, pair: list[Patient], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["keep"].choices = [
            (str(p.pk), f"{p} · {p.email} · {p.phone_for_display}") for p in pair
        ]


def merge_page(model_admin: ModelAdmin, request: HttpRequest) -> HttpResponse:
    """Merges two records (?a=&b=) into the one reception chooses to keep."""
    if not model_admin.has_change_permission(request):
        raise PermissionDenied
    ids = [request.GET.get("a", ""), request.GET.get("b", "")]
    pair = list(
        Patient.objects.filter(pk__in=[i for i in ids if i.isdigit()], anonymised_at__isnull=True)
        .annotate(
            booking_count=Count("bookings", distinct=True), note_count=Count("notes", distinct=True)
        )
        .order_by("created_at", "pk")
    )
    if len(pair) != 2:
        messages.warning(
            request, "Those two records are no longer both there: perhaps they were merged already."
        )
        return HttpResponseRedirect(reverse("admin:bookings_patient_duplicates"))
    problem = ""
    if request.method == "POST":
        form = MergeForm(request.POST, pair=pair)
        if form.is_valid():
            keep = next(p for p in pair if str(p.pk) == form.cleaned_data["keep"])
            remove = next(p for p in pair if p.pk != keep.pk)
            try:
                merged = patient_merge(
                    keep=keep, remove=remove, by=request.user, reason=form.cleaned_data["reason"]
                )
            except PatientError as exc:
                problem = exc.message
            else:
                messages.success(
                    request,
                    f"Merged into {keep}: {merged.bookings} booking(s), {merged.emails} email(s) "
                    f"and {merged.notes} note(s) moved.",
                )
                return HttpResponseRedirect(
                    reverse("admin:bookings_patient_change", args=[keep.pk])
                )
    else:
        # The older record by default: the one the patient's earlier emails name.
        form = MergeForm(initial={"keep": str(pair[0].pk)}, pair=pair)
    return TemplateResponse(
        request,
        "admin/bookings/patient/merge.html",
        _context(
            model_admin,
            request,
            title="Merge two patient records",
            pair=pair,
            form=form,
            problem=problem,
            differs=first_name(pair[0].name) != first_name(pair[1].name)
            or pair[0].date_of_birth != pair[1].date_of_birth,
        ),
        status=409 if problem else (400 if form.errors else 200),
    )
