"""The content files' format, and the migration that loads them into the database."""

from html import escape
from pathlib import Path

import pytest
from django.apps import apps

from education.content_format import (
    ContentFormatError,
    faqs_parse,
    page_parse,
    sources_parse,
)
from education.loader import guide_load
from education.models import FAQ, Page, Reviewer, Section, Source

CONTENT = Path(__file__).resolve().parents[2] / "education" / "content"
PAGE_FILES = sorted((CONTENT / "pages").glob("*.md")) + sorted(
    (CONTENT / "treatments").glob("*.md")
)


# The format


def test_front_matter_lines_split_at_the_first_colon():
    parsed = page_parse("---\nslug: a\ntitle: Milia: a review\n---\n")

    assert parsed.meta == {"slug": "a", "title": "Milia: a review"}
    assert parsed.sections == []


def test_sections_keep_their_kind_heading_and_markdown():
    parsed = page_parse(
        "---\nslug: a\n---\n\n"
        "::: text | What milia are\nLine one.\n\n- a list\n:::\n\n"
        "::: see_someone | See a GP if\n- it grows\n:::\n"
    )

    assert [(s.kind, s.heading, s.body) for s in parsed.sections] == [
        ("text", "What milia are", "Line one.\n\n- a list"),
        ("see_someone", "See a GP if", "- it grows"),
    ]


def test_a_do_dont_section_becomes_two_lists():
    parsed = page_parse(
        "---\n---\n::: do_dont | Skincare\nDo:\n- wash gently\n- use sunscreen\nDon't:\n- scrub hard\n:::\n"
    )

    section = parsed.sections[0]
    assert section.do_items == ["wash gently", "use sunscreen"]
    assert section.dont_items == ["scrub hard"]
    assert section.body == ""


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("slug: a\n", "line 1: front matter must start with '---'"),
        ("---\nslug: a\n", "front matter has no closing '---'"),
        ("---\nno colon here\n---\n", "line 2: expected 'key: value'"),
        (
            "---\n---\n::: text | Open\nNever closed.\n",
            "line 3: section 'Open' has no closing ':::'",
        ),
        ("---\n---\n::: table | Odd\nx\n:::\n", "line 3: unknown section kind 'table'"),
        ("---\n---\nStray text\n", "line 3: expected '::: kind | Heading'"),
        (
            "---\n---\n::: do_dont | Half\nDo:\n- one\n:::\n",
            "'Half' needs both a Do: and a Don't: list",
        ),
    ],
)
def test_a_malformed_page_file_is_refused_with_its_line(text, message):
    with pytest.raises(ContentFormatError, match=message.replace("(", r"\(")):
        page_parse(text, name="bad.md")


def test_faqs_are_questions_each_followed_by_an_answer():
    assert faqs_parse("### Can I pop them?\nNo.\n\nReally not.\n### Are they harmful?\nNo.\n") == [
        ("Can I pop them?", "No.\n\nReally not."),
        ("Are they harmful?", "No."),
    ]


def test_sources_are_list_items_whose_values_may_hold_colons():
    assert sources_parse(
        "- authors: Berk DR\n  year: 2008\n  title: Milia: a review\n  url: https://doi.org/x\n\n- authors: Gupta M\n  year: 2009\n"
    ) == [
        {
            "authors": "Berk DR",
            "year": "2008",
            "title": "Milia: a review",
            "url": "https://doi.org/x",
        },
        {"authors": "Gupta M", "year": "2009"},
    ]


@pytest.mark.parametrize("path", PAGE_FILES, ids=lambda path: path.name)
def test_every_content_file_parses_with_the_front_matter_the_loader_needs(path):
    parsed = page_parse(path.read_text(), name=path.name)

    assert {"slug", "title", "summary", "order", "kind"} <= parsed.meta.keys()
    assert parsed.meta["kind"] in {"page", "treatment"}
    assert (parsed.meta["kind"] == "treatment") == ("booking" in parsed.meta)
    assert parsed.sections


# The loaded guide


@pytest.mark.django_db
@pytest.mark.parametrize("path", PAGE_FILES, ids=lambda path: path.name)
def test_the_migration_loads_each_content_file_with_its_sections_in_order(path):
    parsed = page_parse(path.read_text(), name=path.name)

    page = Page.objects.get(slug=parsed.meta["slug"])

    assert (page.kind, page.title, page.summary) == (
        parsed.meta["kind"],
        parsed.meta["title"],
        parsed.meta["summary"],
    )
    assert page.booking_slug == parsed.meta.get("booking", "")
    assert [(s.kind, s.heading, s.body, s.do_list, s.dont_list) for s in page.sections.all()] == [
        (s.kind, s.heading, s.body, s.do_items, s.dont_items) for s in parsed.sections
    ]
    # Every page with a content file was reviewed again with its citations (0005).
    assert (str(page.last_reviewed), str(page.next_review_due)) == ("2026-12-01", "2027-12-01")
    assert str(page.reviewed_by) == "Dr Amara Okafor, MRCP (Dermatology)"
    assert page.reviewed_by.role == "Consultant Dermatologist"


@pytest.mark.django_db
def test_every_faq_of_faqs_md_is_on_the_faq_page(client):
    faqs = faqs_parse((CONTENT / "faqs.md").read_text())

    html = client.get("/milia/faqs/").content.decode()

    assert len(faqs) == 10
    for question, answer in faqs:
        assert f">{question}</h2>" in html.replace("&#x27;", "'")
        assert f"<p>{escape(answer, quote=False)}</p>" in html.replace("&#x27;", "'").replace(
            "&#39;", "'"
        )


@pytest.mark.django_db
def test_every_source_of_sources_md_is_on_the_sources_page_with_its_dates(client):
    sources = sources_parse((CONTENT / "sources.md").read_text())

    html = client.get("/milia/sources/").content.decode()

    assert len(sources) == 11
    for source in sources:
        assert f'<a href="{source["url"]}">{source["title"]}</a>' in html
        assert f"{source['authors']} ({source.get('year', 'no date')})" in html
        assert f"Published: {source['published']}." in html.replace("&quot;", '"').replace(
            "&#x27;", "'"
        )
    assert html.count('Checked by us: <time datetime="2026-12-01">1 December 2026</time>') == 11


@pytest.mark.django_db
def test_notes_on_the_sources_are_not_published(client):
    html = client.get("/milia/sources/").content.decode()

    assert "Reference 4" not in html and "Khaled" not in html  # a note, not a source
    assert Page.objects.filter(title__icontains="notes").count() == 0


@pytest.mark.django_db
def test_loading_again_leaves_the_staff_edits_alone():
    Section.objects.filter(heading="Cleanse well").update(body="Edited by staff.")
    counts = [model.objects.count() for model in (Page, Section, FAQ, Source, Reviewer)]

    guide_load(apps)

    assert [model.objects.count() for model in (Page, Section, FAQ, Source, Reviewer)] == counts
    assert Section.objects.get(heading="Cleanse well").body == "Edited by staff."
