"""Puts the guide, as first published, into an empty database.

The text is frozen in _guide_first_edition.py: later releases change the guide
through their own data migrations (0003_urgent_advice, 0006_guide_checkable),
which find this text on a new database just as on a clinic that migrated long ago.
From then on the database is the guide: staff edit it in the admin.
"""

from datetime import date

from django.db import migrations

from education.migrations._guide_first_edition import FAQS, PAGES, SOURCES

REVIEWER = {
    "name": "Dr Amara Okafor",
    "post_nominals": "MRCP (Dermatology)",
    "role": "Consultant Dermatologist",
}
LAST_REVIEWED = date(2026, 11, 20)
NEXT_REVIEW_DUE = date(2027, 11, 20)
WRITTEN_BY = "Kingsway Skin Clinic patient information team"

# The three pages that have no sections of their own: the guide's home page,
# the questions page and the sources page. Their lists come from their own tables.
GENERATED_PAGES = [
    {
        "kind": "hub",
        "slug": "milia-guide",
        "title": "A guide to milia",
        "summary": (
            "Milia are tiny, harmless white bumps under the skin. This guide explains "
            "what they are, why it is best not to squeeze them, and how they can be "
            "treated safely."
        ),
    },
    {
        "kind": "faqs",
        "slug": "faqs",
        "title": "Common questions about milia",
        "summary": "Short answers to the questions people ask most often about milia.",
    },
    {
        "kind": "sources",
        "slug": "sources",
        "title": "Sources for this guide",
        "summary": (
            "We checked the facts in this guide against these sources. Some of them "
            "are written for health professionals."
        ),
    },
]


def load(apps, schema_editor):
    Page = apps.get_model("education", "Page")
    Section = apps.get_model("education", "Section")
    FAQ = apps.get_model("education", "FAQ")
    Source = apps.get_model("education", "Source")
    Reviewer = apps.get_model("education", "Reviewer")

    if Page.objects.exists():
        return  # the guide belongs to the staff now; never overwrite their edits

    reviewer = Reviewer.objects.create(**REVIEWER)
    review = {
        "reviewed_by": reviewer,
        "last_reviewed": LAST_REVIEWED,
        "next_review_due": NEXT_REVIEW_DUE,
        "written_by": WRITTEN_BY,
    }
    for fields in GENERATED_PAGES:
        Page.objects.create(**fields, **review)
    for data in PAGES:
        fields = {key: value for key, value in data.items() if key != "sections"}
        page = Page.objects.create(**fields, **review)
        Section.objects.bulk_create(
            Section(page=page, order=number, **section)
            for number, section in enumerate(data["sections"], start=1)
        )
    FAQ.objects.bulk_create(
        FAQ(question=question, answer=answer, order=number)
        for number, (question, answer) in enumerate(FAQS, start=1)
    )
    Source.objects.bulk_create(
        Source(
            authors=source["authors"],
            year=int(source["year"]),
            title=source["title"],
            publisher=source["publisher"],
            url=source["url"],
            order=number,
        )
        for number, source in enumerate(SOURCES, start=1)
    )


def unload(apps, schema_editor):
    for model in ("Section", "FAQ", "Source", "Page", "Reviewer"):
        apps.get_model("education", model).objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("education", "0001_initial")]

    operations = [migrations.RunPython(load, unload)]
