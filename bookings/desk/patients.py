"""Reception's patient pages: find the patient before booking, notes, export and anonymise.

Thin views over bookings/patient_services.py and bookings/privacy.py, wrapped by
PatientAdmin.get_urls in the admin's login and permission checks.
"""

from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.contrib.admin import ModelAdmin
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse

from bookings.models import Patient
from bookings.patient_selectors import patients_find
from bookings.patient_services import PatientError, patient_note_add
from bookings.privacy import PrivacyError, patient_anonymise, patient_export


def patient_find_context(request: HttpRequest, form) -> dict:
    """The phone booking page's "Find the patient" step: what was searched, what was found,
    and links that choose a patient while keeping what the page was opened with."""
    # What the page was opened with (the diary's "Book here"), kept while finding.
    kept = form.link_params(request.GET)
    chosen = form.chosen_record()
    term = " ".join(request.GET.get("find", "").split())
    found = [] if chosen or not term else patients_find(term)
    for patient in found:
        patient.choose_url = "?" + urlencode([*kept, ("patient", patient.pk)])
    return {
        "find_term": term,
        "found": found,
        "chosen_patient": chosen,
        "kept_params": kept,
        "find_again_url": "?" + urlencode(kept),
    }


def booking_url_for(patient: Patient) -> str:
    """The phone booking page with the patient chosen and their details filled in."""
    return f"{reverse('admin:bookings_booking_add')}?{urlencode({'patient': patient.pk})}"


def _patient(model_admin: ModelAdmin, request: HttpRequest, object_id: int) -> Patient:
    patient = get_object_or_404(Patient, pk=object_id)
    if not model_admin.has_change_permission(request, patient):
        raise PermissionDenied
    return patient


def _page_url(patient: Patient) -> str:
    return reverse("admin:bookings_patient_change", args=[patient.pk])


class NoteForm(forms.Form):
    text = forms.CharField(
        label="Add a note",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3, "cols": 60}),
        help_text="For the staff only, for example “Prefers afternoons; hard of hearing”. "
        "The patient sees it if they ask for a copy of their data.",
        error_messages={
            "required": "Write the note first.",
            "max_length": "Keep the note under 2000 characters.",
        },
    )


def note_add(model_admin: ModelAdmin, request: HttpRequest, object_id: int) -> HttpResponse:
    """Adds a staff note to the patient's page, through patient_note_add."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    patient = get_object_or_404(Patient, pk=object_id)
    if not request.user.has_perm("bookings.add_patientnote"):
        raise PermissionDenied
    form = NoteForm(request.POST)
    if form.is_valid():
        try:
            patient_note_add(patient=patient, by=request.user, text=form.cleaned_data["text"])
        except PatientError as exc:
            form.add_error("text", exc.message)
        else:
            messages.success(request, f"Note added to {patient.name}’s record.")
            return HttpResponseRedirect(f"{_page_url(patient)}#notes")
    # Back on the patient's page, with the refusal above the note and the text kept. The
    # page is the admin's change view, shown as for a GET: this POST is not its form's.
    request.method = "GET"
    response = model_admin.change_view(request, str(patient.pk), extra_context={"note_form": form})
    response.status_code = 400
    return response


def export(model_admin: ModelAdmin, request: HttpRequest, object_id: int) -> HttpResponse:
    """A copy of everything held about the patient, as a JSON download (privacy.patient_export)."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    patient = _patient(model_admin, request, object_id)
    text = patient_export(patient=patient, requested_by=request.user.get_username())
    response = HttpResponse(text, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="patient-{patient.pk}.json"'
    return response


def anonymise(model_admin: ModelAdmin, request: HttpRequest, object_id: int) -> HttpResponse:
    """Asks, then anonymises the patient's record and bookings (privacy.patient_anonymise)."""
    patient = _patient(model_admin, request, object_id)
    if patient.anonymised_at:
        messages.info(request, "This record is already anonymised.")
        return HttpResponseRedirect(_page_url(patient))
    problem = ""
    if request.method == "POST":
        try:
            result = patient_anonymise(patient=patient, requested_by=request.user.get_username())
        except PrivacyError as exc:
            problem = exc.message
        else:
            messages.success(
                request,
                f"Anonymised: {result.fully_removed} booking(s) emptied, "
                f"{result.contact_removed} kept as clinical record without contact details.",
            )
            return HttpResponseRedirect(_page_url(patient))
    return TemplateResponse(
        request,
        "admin/bookings/patient/anonymise.html",
        {
            **model_admin.admin_site.each_context(request),
            "opts": model_admin.model._meta,
            "title": f"Anonymise {patient.name}",
            "patient": patient,
            "original": patient,
            "problem": problem,
        },
        status=409 if problem else 200,
    )
