"""The patient records in the admin, kept minimal: reception's patient pages come later."""

from django import forms
from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html

from bookings.audit import audit_record
from bookings.desk.search import PhoneSearchMixin
from bookings.models import AuditEntry, Patient
from bookings.phones import PhoneError, phone_normalise


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
        return cleaned


@admin.register(Patient)
class PatientAdmin(PhoneSearchMixin, admin.ModelAdmin):
    form = PatientForm
    list_display = ["name", "date_of_birth", "email", "phone_shown", "flags"]
    list_filter = ["phone_unreadable"]
    search_fields = ["name", "email"]
    phone_search_fields = ("phone", "bookings__phone")
    search_help_text = "A name, an email, or a phone number written any way (or 6 of its digits)."
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
        "contact_by_phone",
        "possible_duplicate_of",
        "bookings_list",
        "created_at",
        "anonymised_at",
    ]
    readonly_fields = [
        "phone_shown",
        "possible_duplicate_of",
        "bookings_list",
        "created_at",
        "anonymised_at",
    ]

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

    @admin.display(description="Phone", ordering="phone")
    def phone_shown(self, patient):
        return patient.phone_for_display

    @admin.display(description="Check")
    def flags(self, patient):
        notes = []
        if patient.phone_unreadable:
            notes.append("phone could not be read")
        if patient.possible_duplicate_of_id:
            notes.append("possible duplicate")
        return "; ".join(notes)

    @admin.display(description="Bookings")
    def bookings_list(self, patient):
        rows = [
            format_html(
                '<li><a href="{}">{}</a> {} · {} · {}</li>',
                reverse("admin:bookings_booking_change", args=[booking.pk]),
                booking.reference,
                f"{booking.local_start:%d %b %Y}",
                booking.treatment.name,
                booking.get_status_display(),
            )
            for booking in patient.bookings.select_related("treatment").order_by("-starts_at")
        ]
        return format_html("<ul>{}</ul>", format_html("".join(rows))) if rows else "None"
