"""Reception's waiting list: who waits for which treatment, since when, for which days and
times, and what they have been offered; with a page to offer a time by hand (waitlist.py)."""

from django.contrib import admin
from django.db.models import Count, Max, Q
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.timesince import timesince

from bookings.desk import waitlist as desk_waitlist
from bookings.desk.views import desk_view
from bookings.models import Channel, WaitlistEntry
from bookings.templatetags.uk_time import ukdate_short, uktime

PARTS_SHORT = {"morning": "mornings", "afternoon": "afternoons", "evening": "evenings"}


class StillWaitingFilter(admin.SimpleListFilter):
    """The list opens on those still waiting; those who booked, left or ran out of days
    are one click away."""

    title = "on the list"
    parameter_name = "on_list"

    def lookups(self, request, model_admin):
        return [("ended", "No longer waiting"), ("all", "Everyone")]

    def choices(self, changelist):
        yield {
            "selected": self.value() is None,
            "query_string": changelist.get_query_string(remove=[self.parameter_name]),
            "display": "Waiting",
        }
        for lookup, title in self.lookup_choices:
            yield {
                "selected": self.value() == lookup,
                "query_string": changelist.get_query_string({self.parameter_name: lookup}),
                "display": title,
            }

    def queryset(self, request, queryset):
        if self.value() == "all":
            return queryset
        return queryset.filter(ended_at__isnull=self.value() != "ended")


@admin.register(WaitlistEntry)
class WaitlistEntryAdmin(admin.ModelAdmin):
    list_display = [
        "patient_shown",
        "treatment",
        "waited",
        "days",
        "times_of_day",
        "dermatologist_shown",
        "offers_made",
        "offer_link",
    ]
    list_display_links = ["patient_shown"]
    list_filter = [StillWaitingFilter, "treatment"]
    list_select_related = ["treatment", "dermatologist", "booking"]
    search_fields = ["name", "email"]
    search_help_text = "A name or an email."
    # By treatment, then first come first served: the order offers are made in.
    ordering = ["treatment__display_order", "treatment__name", "created_at", "pk"]
    show_full_result_count = False
    list_per_page = 50
    fields = [
        "treatment",
        "dermatologist_shown",
        "first_day",
        "last_day",
        "times_of_day",
        "name",
        "email",
        "phone_shown",
        "patient",
        "booking",
        "created_at",
        "ended_at",
        "end_reason",
        "booked",
    ]
    readonly_fields = fields

    class Media:
        css = {"all": ["css/desk.css"]}

    def get_urls(self):
        return [
            path(
                "<int:object_id>/offer/",
                desk_view(self, desk_waitlist.offer_page),
                name="bookings_waitlistentry_offer",
            ),
            path(
                "<int:object_id>/leave/",
                desk_view(self, desk_waitlist.leave),
                name="bookings_waitlistentry_leave",
            ),
            *super().get_urls(),
        ]

    def get_queryset(self, request):
        not_texts = ~Q(offers__channel=Channel.TEXT)  # a text beside an email is the same offer
        return (
            super()
            .get_queryset(request)
            .annotate(
                offer_count=Count("offers", filter=not_texts),
                last_offered=Max("offers__created_at", filter=not_texts),
            )
        )

    def changelist_view(self, request, extra_context=None):
        extra = {"title": "The waiting list", "subtitle": None, **(extra_context or {})}
        return super().changelist_view(request, extra)

    def has_add_permission(self, request):
        return False  # patients join on the site; reception may offer, not enrol

    def has_delete_permission(self, request, obj=None):
        return False  # an entry ends (left, booked); anonymising removes it with the patient

    def change_view(self, request, object_id, form_url="", extra_context=None):
        entry = self.get_object(request, object_id)
        offers = list(entry.offers.select_related("dermatologist", "by_staff")) if entry else []
        extra = {
            **(extra_context or {}),
            "offers": offers,
            "offer_url": reverse("admin:bookings_waitlistentry_offer", args=[object_id]),
            "leave_url": reverse("admin:bookings_waitlistentry_leave", args=[object_id]),
            # Everything here is read only: what changes an entry are the buttons above.
            "show_save": False,
            "show_save_and_continue": False,
            "show_save_and_add_another": False,
        }
        return super().change_view(request, object_id, form_url, extra)

    @admin.display(description="Patient", ordering="name")
    def patient_shown(self, entry):
        if entry.booking_id:
            return f"{entry.name} (earlier than {entry.booking.reference})"
        return entry.name

    @admin.display(description="Phone")
    def phone_shown(self, entry):
        return entry.phone_for_display

    @admin.display(description="Waiting for", ordering="created_at")
    def waited(self, entry):
        end = entry.ended_at or timezone.now()
        return timesince(entry.created_at, end, depth=1)

    @admin.display(description="Days", ordering="first_day")
    def days(self, entry):
        return f"{ukdate_short(entry.first_day)} to {ukdate_short(entry.last_day)}"

    @admin.display(description="Times of day")
    def times_of_day(self, entry):
        return ", ".join(PARTS_SHORT.get(part, part) for part in entry.parts_of_day)

    @admin.display(description="Dermatologist", ordering="dermatologist__name")
    def dermatologist_shown(self, entry):
        return entry.dermatologist.name if entry.dermatologist_id else "Any"

    @admin.display(description="Offers made", ordering="offer_count")
    def offers_made(self, entry):
        if not entry.offer_count:
            return "None yet"
        last = entry.last_offered
        return f"{entry.offer_count}, last {ukdate_short(last)} {uktime(last)}"

    @admin.display(description="")
    def offer_link(self, entry):
        if not entry.is_waiting:
            return entry.get_end_reason_display()
        return format_html(
            '<a class="button" href="{}">Offer a time</a>',
            reverse("admin:bookings_waitlistentry_offer", args=[entry.pk]),
        )
