"""Puts the guide, as the content files in education/content/ have it now, into an
empty database: for benchmarks (bench/make_data.py) and tests.

Migrations never read these files. Migration 0002 loads the guide as first
published, frozen in education/migrations/_guide_first_edition.py, and each later
change to the approved text ships as its own data migration that carries its text
(0003_urgent_advice, 0006_guide_checkable); the content files are edited to match,
and tests/education/test_guide_content.py checks that they do.
"""

from datetime import date
from pathlib import Path

from education.content_format import faqs_parse, page_parse, sources_parse

CONTENT_DIR = Path(__file__).resolve().parent / "content"

LAST_REVIEWED = date(2026, 11, 20)
NEXT_REVIEW_DUE = date(2027, 11, 20)

# The three pages that have no content file: the guide's home page, the
# questions page and the sources page. Their lists come from their own tables.
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


def guide_load(apps, *, content_dir: Path = CONTENT_DIR) -> None:
    """Create the guide's pages, sections, questions, sources and reviewer, once."""
    Page = apps.get_model("education", "Page")
    Section = apps.get_model("education", "Section")
    FAQ = apps.get_model("education", "FAQ")
    Source = apps.get_model("education", "Source")
    Reviewer = apps.get_model("education", "Reviewer")

    if Page.objects.exists():
        return  # the guide belongs to the staff now; never overwrite their edits

    reviewer = Reviewer.objects.create(
        name="Dr Amara Okafor",
        post_nominals="MRCP (Dermatology)",
        role="Consultant Dermatologist",
    )
    review = {
        "reviewed_by": reviewer,
        "last_reviewed": LAST_REVIEWED,
        "next_review_due": NEXT_REVIEW_DUE,
    }
    for fields in GENERATED_PAGES:
        Page.objects.create(**fields, **review)

    paths = sorted((content_dir / "pages").glob("*.md")) + sorted(
        (content_dir / "treatments").glob("*.md")
    )
    for path in paths:
        parsed = page_parse(path.read_text(encoding="utf-8"), name=path.name)
        meta = parsed.meta
        page = Page.objects.create(
            kind=meta["kind"],
            slug=meta["slug"],
            title=meta["title"],
            summary=meta["summary"],
            order=int(meta["order"]),
            booking_slug=meta.get("booking", ""),
            **review,
        )
        Section.objects.bulk_create(
            Section(
                page=page,
                order=number,
                kind=section.kind,
                heading=section.heading,
                body=section.body,
                do_items="\n".join(section.do_items),
                dont_items="\n".join(section.dont_items),
            )
            for number, section in enumerate(parsed.sections, start=1)
        )

    faqs = faqs_parse((content_dir / "faqs.md").read_text(encoding="utf-8"))
    FAQ.objects.bulk_create(
        FAQ(question=question, answer=answer, order=number)
        for number, (question, answer) in enumerate(faqs, start=1)
    )

    sources = sources_parse((content_dir / "sources.md").read_text(encoding="utf-8"))
    # A source without a year (most NHS pages) needs the nullable year of migration
    # 0005, which adds such sources itself; earlier models cannot hold them.
    undated_ok = Source._meta.get_field("year").null
    Source.objects.bulk_create(
        Source(
            authors=source["authors"],
            year=int(source["year"]) if source.get("year") else None,
            title=source["title"],
            publisher=source["publisher"],
            url=source["url"],
            order=number,
        )
        for number, source in enumerate(sources, start=1)
        if source.get("year") or undated_ok
    )


def guide_unload(apps) -> None:
    """Undo guide_load, so the data migration can be reversed."""
    for model in ("Section", "FAQ", "Source", "Page", "Reviewer"):
        apps.get_model("education", model).objects.all().delete()
