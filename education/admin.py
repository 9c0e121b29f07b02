from django.contrib import admin
from django.db import models
from django.db.models import Count

from education.models import FAQ, Page, Reviewer, Section, Source


class SectionInline(admin.StackedInline):
    model = Section
    extra = 0
    ordering = ["order", "pk"]
    fields = ["order", "kind", "heading", "body", "do_items", "dont_items"]


@admin.register(Page)
class PageAdmin(admin.ModelAdmin):
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
class FAQAdmin(admin.ModelAdmin):
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
