from django.contrib import admin, messages
from django.db import models
from django.db.models import Count
from django.urls import reverse
from django.utils.html import format_html

from education.models import FAQ, GuideNotice, Page, Reviewer, Section, Source


class NoticesShownMixin:
    """Tells whoever edits the guide about approved text that a release has changed.

    Until a notice is marked as dealt with, its title and a link to it head the
    pages where the guide is edited.
    """

    def changelist_view(self, request, extra_context=None):
        self._notices_tell(request)
        return super().changelist_view(request, extra_context)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        self._notices_tell(request)
        return super().change_view(request, object_id, form_url, extra_context)

    def _notices_tell(self, request) -> None:
        if request.method != "GET":
            return  # the page a save redirects to tells them once
        for notice in GuideNotice.objects.filter(done=False):
            url = reverse("admin:education_guidenotice_change", args=[notice.pk])
            if notice.kept:
                link = "Read what changed, and the sections left as you edited them"
            else:
                link = "Read what changed"
            messages.warning(
                request, format_html('{}. <a href="{}">{}</a>.', notice.title, url, link)
            )


class SectionInline(admin.StackedInline):
    model = Section
    extra = 0
    ordering = ["order", "pk"]
    fields = ["order", "kind", "heading", "body", "do_items", "dont_items"]


@admin.register(Page)
class PageAdmin(NoticesShownMixin, admin.ModelAdmin):
    list_display = [
        "title",
        "kind",
        "order",
        "section_count",
        "reviewed_by",
        "last_reviewed",
        "next_review_due",
    ]
    list_filter = ["kind", "reviewed_by", "next_review_due"]
    list_select_related = ["reviewed_by"]
    search_fields = ["title", "slug", "summary", "sections__heading", "sections__body"]
    ordering = ["kind", "order", "title"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [SectionInline]
    fieldsets = [
        (None, {"fields": ["kind", "title", "slug", "summary", "order", "booking_slug"]}),
        ("Review", {"fields": ["written_by", "reviewed_by", "last_reviewed", "next_review_due"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(section_count=Count("sections"))

    def get_readonly_fields(self, request, obj=None):
        # The address of a page depends on its kind; changing it would break links.
        return ["kind"] if obj else []

    @admin.display(description="sections", ordering="section_count")
    def section_count(self, page):
        return page.section_count


@admin.register(FAQ)
class FAQAdmin(NoticesShownMixin, admin.ModelAdmin):
    list_display = ["question", "order"]
    list_display_links = ["question"]
    list_editable = ["order"]
    search_fields = ["question", "answer"]
    ordering = ["order", "pk"]


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = ["title", "authors", "year", "publisher", "order"]
    list_editable = ["order"]
    search_fields = ["title", "authors", "publisher"]
    ordering = ["order", "pk"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


@admin.register(Reviewer)
class ReviewerAdmin(admin.ModelAdmin):
    list_display = ["name", "post_nominals", "role", "page_count"]
    search_fields = ["name", "post_nominals", "role"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(page_count=Count("pages"))

    @admin.display(description="pages reviewed", ordering="page_count")
    def page_count(self, reviewer):
        return reviewer.page_count


@admin.register(GuideNotice)
class GuideNoticeAdmin(admin.ModelAdmin):
    list_display = ["title", "created_at", "sections_kept", "done"]
    list_filter = ["done"]
    fields = ["title", "created_at", "changes", "kept", "done"]
    readonly_fields = ["title", "created_at", "changes", "kept"]

    def has_add_permission(self, request):
        return False  # notices come with the releases that change the approved text

    @admin.display(description="sections left as edited", boolean=True)
    def sections_kept(self, notice):
        return bool(notice.kept)
