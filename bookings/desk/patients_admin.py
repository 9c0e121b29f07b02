"""Reception's patients: the list they find a caller in, and each patient's page.

The page is the record's change form with the patient's history around it
(bookings, notes, emails) and buttons to book, export and anonymise; the
views behind the buttons are in bookings/desk/patients.py and duplicates.py.
"""

from django import forms
from django.contrib import admin
from django.urls import path
from django.utils import timezone

from bookings.audit import audit_record
from bookings.desk import duplicates as desk_duplicates
from bookings.desk import patients as desk_patients
from bookings.desk.views import desk_view
from bookings.models import AuditEntry, Patient
from bookings.patient_selectors import (
    patient_history,
    patients_matching,
    patients_with_no_shows,
    patients_with_summary,
    patients_with_upcoming,
)
from bookings.phones import PhoneError, phone_is_uk_mobile, phone_normalise
from bookings.templatetags.uk_time import ukdate_short, uktime


class PatientForm(forms.ModelForm):
    class Meta:
        model = Patient
        fields = [
            "name",
            "date_of_birth",
            "email",
            "phone",
            "phone_unreadable",
            "guardian_name",
            "guardian_relationship",
            "contact_by_email",
            "contact_by_text",
            "contact_by_phone",
        ]

    def clean_phone(self):
        try:
            return phone_normalise(self.cleaned_data["phone"])
        except PhoneError as exc:
            raise forms.ValidationError(exc.message) from None

    def clean(self):
        cleaned = super().clean()
        if "phone" in cleaned and not self.has_error("phone"):
            cleaned["phone_unreadable"] = False  # a number that reads now needs no checking
            if cleaned.get("contact_by_text") and not phone_is_uk_mobile(cleaned["phone"]):
                self.add_error("contact_by_text", "Texts go only to UK mobile numbers (07…).")
        return cleaned


class UpcomingFilter(admin.SimpleListFilter):
    title = "upcoming appointment"
    parameter_name = "upcoming"

    def lookups(self, request, model_admin):
        return [("yes", "Has an upcoming appointment")]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return patients_with_upcoming(queryset, now=timezone.now())
        return queryset


class NoShowFilter(admin.SimpleListFilter):
    title = "no-shows"
    parameter_name = "no_shows"

    def lookups(self, request, model_admin):
        return [("yes", "Has missed an appointment")]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return patients_with_no_shows(queryset)
        return queryset


@admin.register(Patient)
class PatientAdmin(admin.ModelAdmin):
    form = PatientForm
    change_form_template = "admin/bookings/patient/change_form.html"
    change_list_template = "admin/bookings/patient/change_list.html"
    list_display = [
        "name",
        "date_of_birth",
        "email",
        "phone_shown",
        "next_appointment",
        "no_shows_shown",
        "flags",
    ]
    list_filter = [UpcomingFilter, NoShowFilter, "phone_unreadable"]
    search_fields = ["name", "email"]
    search_help_text = (
        "A name, an email, a date of birth (12/03/1985), or a phone number written any way "
        "(or 6 of its digits)."
    )
    fields = [
        "name",
        "date_of_birth",
        "email",
        "phone",
        "phone_shown",
        "phone_unreadable",
        "guardian_name",
        "guardian_relationship",
        "contact_by_email",
        "contact_by_text",
        "contact_by_phone",
        "possible_duplicate_of",
        "created_at",
        "anonymised_at",
    ]
    readonly_fields = [
        "phone_shown",
        "possible_duplicate_of",
        "created_at",
        "anonymised_at",
    ]

    def get_urls(self):
        def view(function):
            return desk_view(self, function)

        return [
            path(
                "duplicates/",
                view(desk_duplicates.duplicates_page),
                name="bookings_patient_duplicates",
            ),
            path("merge/", view(desk_duplicates.merge_page), name="bookings_patient_merge"),
            path(
                "<int:object_id>/notes/", view(desk_patients.note_add), name="bookings_patient_note"
            ),
            path(
                "<int:object_id>/export/",
                view(desk_patients.export),
                name="bookings_patient_export",
            ),
            path(
                "<int:object_id>/anonymise/",
                view(desk_patients.anonymise),
                name="bookings_patient_anonymise",
            ),
            *super().get_urls(),
        ]

    def get_queryset(self, request):
        return patients_with_summary(super().get_queryset(request), now=timezone.now())

    def get_search_results(self, request, queryset, search_term):
        # A date of birth or a phone number is one term, however it is spaced; the admin's
        # own search would split it on spaces and look for each piece in names and emails.
        found = patients_matching(queryset, search_term)
        if found is None:
            return super().get_search_results(request, queryset, search_term)
        return found, False

    def has_delete_permission(self, request, obj=None):
        # The record holds the bookings, which are part of the medical record: anonymise instead.
        return False

    def has_add_permission(self, request):
        return False  # a record is made by the first booking

    def change_view(self, request, object_id, form_url="", extra_context=None):
        response = super().change_view(request, object_id, form_url, extra_context)
        if request.method == "GET" and response.status_code == 200:
            audit_record(
                user=request.user,
                action=AuditEntry.Action.VIEWED_HISTORY,
                target=f"patient {object_id}",
                detail="admin patient page",
            )
        return response

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None:
            context.setdefault("note_form", desk_patients.NoteForm())
            context.update(
                title=str(obj),  # the patient, not "Change patient": reception reads it first
                subtitle=None,
                history=patient_history(patient=obj),
                waitlist_entries=obj.waitlist_entries.select_related(
                    "treatment", "dermatologist"
                ).order_by("-created_at", "-pk"),
                book_url=desk_patients.booking_url_for(obj),
                can_add_note=request.user.has_perm("bookings.add_patientnote"),
            )
        return super().render_change_form(request, context, add, change, form_url, obj)

    @admin.display(description="Phone", ordering="phone")
    def phone_shown(self, patient):
        return patient.phone_for_display

    @admin.display(description="Next appointment", ordering="next_start")
    def next_appointment(self, patient):
        if patient.next_start is None:
            return ""
        return f"{ukdate_short(patient.next_start)}, {uktime(patient.next_start)}"

    @admin.display(description="No-shows", ordering="no_shows")
    def no_shows_shown(self, patient):
        return patient.no_shows or ""

    @admin.display(description="Check")
    def flags(self, patient):
        notes = []
        if patient.phone_unreadable:
            notes.append("phone could not be read")
        if patient.possible_duplicate_of_id:
            notes.append("possible duplicate")
        return "; ".join(notes)
