from django.contrib import admin
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.admin.views.main import ORDER_VAR
from django.db.models import Case, F, IntegerField, Prefetch, Q, Value, When
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join

from bookings.audit import audit_record
from bookings.day_services import booking_notes_change
from bookings.desk import courses as desk_courses
from bookings.desk import day as admin_day
from bookings.desk import diary as desk_diary
from bookings.desk import free_times, status_views
from bookings.desk import views as admin_views
from bookings.desk.booking_list import (
    DayFilter,
    UpcomingFirstPaginator,
    WaitingFilter,
    YearsSpannedQuerySet,
    booking_cancel_action,
    booking_resend_latest_email,
    booking_status_action,
    today_starts,
)
from bookings.desk.messages_admin import BookingMessagesMixin
from bookings.desk.search import PhoneSearchMixin
from bookings.desk.views import desk_view
from bookings.models import (
    AuditEntry,
    Booking,
    Channel,
    OutboxEmail,
    OutboxStatus,
)
from bookings.parsing import day_from
from bookings.templatetags.uk_time import ukdate, ukdate_short, uktime

admin.site.site_header = "Kingsway Skin Clinic: reception desk"
admin.site.site_title = "Reception desk"
admin.site.index_title = "Bookings, diaries and the guide"
# The bookings list needs the width more than a second menu: the header links home.
admin.site.enable_nav_sidebar = False


def _person(user) -> str:
    return user.get_full_name() or user.get_username()


@admin.register(Booking)
class BookingAdmin(PhoneSearchMixin, BookingMessagesMixin, admin.ModelAdmin):
    list_display = [
        "reference",
        "when",
        "patient_name",
        "treatment",
        "dermatologist",
        "status",
        "safety_flag",
        "last_email",
    ]
    list_filter = [
        "status",
        "treatment",
        "dermatologist",
        DayFilter,
        "needs_attention",
        WaitingFilter,
    ]
    list_select_related = ["treatment", "dermatologist"]
    search_fields = ["reference", "patient_name", "email"]
    phone_search_fields = ("phone", "patient__phone")
    exact_search_fields = ("reference",)
    search_help_text = (
        "A reference, a name, an email, or a phone number written any way (or 6 of its digits)."
    )
    date_hierarchy = "starts_at"
    # The filtered count is enough; "(30,000 total)" cost a second COUNT over the whole diary.
    show_full_result_count = False
    list_per_page = 50  # a screen or two at the desk; 100 rows cost twice the CPU
    actions = [
        booking_status_action("confirm", "Confirm selected bookings (emails the patient)"),
        booking_status_action("arrived", "Mark selected patients arrived"),
        booking_status_action("completed", "Mark selected appointments completed"),
        booking_status_action("no_show", "Mark selected bookings no-show"),
        booking_cancel_action,
        booking_resend_latest_email,
    ]
    fieldsets = [
        (
            "Appointment",
            {
                "fields": [
                    "reference",
                    "status",
                    "when",
                    "treatment",
                    "dermatologist",
                    "safety_flag_answer",
                ]
            },
        ),
        (
            "Patient",
            {
                "fields": [
                    "patient_record",
                    "patient_name",
                    "date_of_birth",
                    "age_on_the_day",
                    "email",
                    "phone_shown",
                    "guardian_name",
                    "guardian_relationship",
                ]
            },
        ),
        (
            "Their answers",
            {
                "fields": [
                    "areas_answer",
                    "how_long",
                    "how_many",
                    "tried_home_removal",
                    "warning_signs_answer",
                    "tried_already",
                    "pregnancy",
                    "patient_note",
                    "privacy_consent_at",
                ]
            },
        ),
        ("Staff notes", {"fields": ["staff_notes"]}),
        ("History", {"fields": ["history"]}),
        ("Emails and texts", {"fields": ["messages_sent"]}),
        (
            "Record",
            {
                "classes": ["collapse"],
                "fields": [
                    "created_at",
                    "created_by",
                    "confirmed_at",
                    "cancelled_at",
                    "cancelled_by",
                    "cancelled_by_user",
                    "cancellation_reason",
                    "sequence",
                ],
            },
        ),
    ]

    def get_readonly_fields(self, request, obj=None):
        # Only the staff notes are typed here; everything else changes through a
        # service (the actions, Move, Cancel), so its rules and history hold.
        return [
            name
            for _, options in self.fieldsets
            for name in options["fields"]
            if name != "staff_notes"
        ]

    def get_ordering(self, request):
        # Today and what is to come, soonest first; then the past, latest first.
        # UpcomingFirstPaginator reads pages in this same order: change both.
        today = today_starts()
        upcoming = Q(starts_at__gte=today)
        return [
            Case(When(upcoming, then=Value(0)), default=Value(1), output_field=IntegerField()),
            Case(When(upcoming, then=F("starts_at"))).asc(nulls_last=True),
            F("starts_at").desc(),
        ]

    def get_paginator(self, request, queryset, per_page, orphans=0, allow_empty_first_page=True):
        if ORDER_VAR in request.GET:  # a column the receptionist chose to sort by
            return super().get_paginator(
                request, queryset, per_page, orphans, allow_empty_first_page
            )
        return UpcomingFirstPaginator(queryset, per_page, orphans, allow_empty_first_page)

    def get_urls(self):
        def view(function):
            return desk_view(self, function)

        return [
            path(
                "diary/",
                self.admin_site.admin_view(self.diary_view),
                name="bookings_booking_diary",
            ),
            path(
                "diary/week/",
                self.admin_site.admin_view(self.diary_week_view),
                name="bookings_booking_diary_week",
            ),
            path(
                "free-times/",
                self.admin_site.admin_view(self.free_times_view),
                name="bookings_booking_free_times",
            ),
            path("day/", view(admin_day.day_list), name="bookings_booking_day"),
            path("course/", view(desk_courses.course_page), name="bookings_booking_course"),
            path(
                "<int:object_id>/safety/",
                view(desk_courses.safety_page),
                name="bookings_booking_safety",
            ),
            path("day.csv", view(admin_day.day_csv), name="bookings_booking_day_csv"),
            path("<int:object_id>/move/", view(admin_views.move), name="bookings_booking_move"),
            path(
                "<int:object_id>/cancel/", view(status_views.cancel), name="bookings_booking_cancel"
            ),
            path(
                "<int:object_id>/status/",
                view(status_views.status_change),
                name="bookings_booking_status",
            ),
            *super().get_urls(),
        ]

    def diary_view(self, request):
        return desk_diary.diary_page(self, request)

    def diary_week_view(self, request):
        return desk_diary.week_page(self, request)

    def free_times_view(self, request):
        return free_times.free_times_page(self, request)

    def add_view(self, request, form_url="", extra_context=None):
        # A booking is never typed in as a raw row: "Add" is a phone booking
        # through the booking service.
        return admin_views.phone_booking(self, request)

    def has_delete_permission(self, request, obj=None):
        # A booking is part of the patient's record: cancel it, never delete it.
        return False

    def get_queryset(self, request):
        # The page's emails in one query, newest first, for the "last email" column.
        newest_first = OutboxEmail.objects.order_by("-created_at", "-pk")
        return YearsSpannedQuerySet.of(
            super()
            .get_queryset(request)
            .prefetch_related(
                Prefetch("emails", queryset=newest_first, to_attr="emails_newest_first")
            )
        )

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "show_save_and_add_another": False,
            # Opened from the diary: its buttons go back to that day when done.
            "from_diary": day_from(request.GET.get("diary")),
        }
        response = super().change_view(request, object_id, form_url, extra_context)
        if request.method == "GET" and response.status_code == 200:
            booking = response.context_data["original"]
            audit_record(
                user=request.user,
                action=AuditEntry.Action.VIEWED_INTAKE,
                target=f"booking {booking.reference}",
                detail="admin booking page",
            )
        return response

    def action_checkbox(self, obj):
        """Django's own checkbox, written directly: its widget renders a template per row,
        a fifth of the list's time."""
        return format_html(
            '<input type="checkbox" name="{}" value="{}" class="action-select" '
            'aria-label="Select this object for an action - {}">',
            ACTION_CHECKBOX_NAME,
            obj.pk,
            str(obj),
        )

    @admin.display(description="Last email")
    def last_email(self, booking):
        emails = getattr(booking, "emails_newest_first", None)
        if not emails:
            return "–"
        email = emails[0]
        by_text = " (text)" if email.channel == Channel.TEXT else ""
        label = f"{email.get_kind_display()}{by_text}: {email.get_status_display().lower()}"
        if email.status == OutboxStatus.FAILED:
            return format_html('<strong class="desk-flag">{}</strong>', label)
        return label

    def save_model(self, request, obj, form, change):
        # Only the notes are typed here (add is the phone booking): the service
        # writes them alone, so a status changed meanwhile stands, and records
        # who changed them in the booking's history and the audit trail.
        if change and "staff_notes" in form.changed_data:
            booking_notes_change(
                booking=obj, notes=form.cleaned_data["staff_notes"], by_user=request.user
            )

    @admin.display(description="When (UK time)", ordering="starts_at")
    def when(self, booking):
        local = booking.local_start
        return f"{ukdate_short(local)} {local.year}, {uktime(local)}"

    @admin.display(description="Safety flag", ordering="-needs_attention")
    def safety_flag(self, booking):
        # Words, not the admin's tick and cross: a green tick would read as "all is well".
        if not booking.needs_attention:
            return ""
        return format_html('<strong class="desk-flag">{}</strong>', "Check answers")

    @admin.display(description="Safety flag")
    def safety_flag_answer(self, booking):
        if not booking.needs_attention:
            return "No"
        return format_html(
            '<strong class="desk-flag">{}</strong>', "Yes: check the warning signs below."
        )

    @admin.display(description="Patient record")
    def patient_record(self, booking):
        patient = booking.patient
        link = format_html(
            '<a href="{}">{}</a>',
            reverse("admin:bookings_patient_change", args=[patient.pk]),
            patient,
        )
        notes = []
        if booking.phone != patient.phone:
            # Never copied over silently: reception asks which is right and edits the record.
            notes.append(
                format_html(
                    "The record’s phone is {}; this booking gave {}. Ask the patient which is "
                    "right, and change the record if it is the new one.",
                    patient.phone_for_display or "empty",
                    booking.phone_for_display or "none",
                )
            )
        if patient.phone_unreadable:
            notes.append("The record’s phone could not be read as a number: check it.")
        if patient.possible_duplicate_of_id:
            notes.append("This record may be the same person as another: check it.")
        if not notes:
            return link
        items = format_html_join("", "<li>{}</li>", ((note,) for note in notes))
        return format_html('{}<ul class="desk-flag">{}</ul>', link, items)

    @admin.display(description="Phone")
    def phone_shown(self, booking):
        return booking.phone_for_display

    @admin.display(description="Age on the day")
    def age_on_the_day(self, booking):
        return booking.age_on_the_day

    @admin.display(description="Where")
    def areas_answer(self, booking):
        return ", ".join(booking.area_labels) or "-"

    @admin.display(description="Warning signs")
    def warning_signs_answer(self, booking):
        return "; ".join(booking.warning_sign_labels) or "None"

    @admin.display(description="What happened, when, and who did it")
    def history(self, booking):
        events = booking.events.select_related("by_user")
        rows = format_html_join(
            "",
            "<tr><td>{}</td><td>{}, {}</td><td>{}</td><td>{}</td></tr>",
            (
                (
                    event.get_kind_display(),
                    ukdate(event.at),
                    uktime(event.at),
                    _person(event.by_user) if event.by_user else "The patient",
                    event.detail,
                )
                for event in events
            ),
        )
        return format_html(
            '<table class="booking-history"><thead><tr><th scope="col">What</th>'
            '<th scope="col">When (UK time)</th><th scope="col">By</th>'
            '<th scope="col">Detail</th></tr></thead><tbody>{}</tbody></table>',
            rows,
        )
