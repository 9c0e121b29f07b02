"""What staff do to the guide: edit it in the admin, and type things into it."""

import re

import pytest
from django.contrib.auth.models import Permission, User
from django.urls import reverse

from education.models import GuideNotice, Page, Section
from tests.conftest import login_with_second_factor

pytestmark = pytest.mark.django_db


def _html(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def test_a_script_typed_into_a_section_is_never_run(client):
    section = Section.objects.get(page__slug="types", heading="Primary milia")
    section.body = (
        "Before <script>alert('section')</script> after.\n\n"
        '<img src="x" onerror="alert(1)"> [a link](javascript:alert(2)) '
        '<a href="https://example.org" onclick="alert(3)">safe link</a>'
    )
    section.save()

    html = _html(client, "/milia/types/")

    assert "alert(" not in html
    assert "onerror" not in html and "onclick" not in html and "javascript:" not in html
    assert "<img" not in html
    assert "Before  after." in html
    assert '<a href="https://example.org" rel="noopener noreferrer">safe link</a>' in html
    assert re.findall(r"<script\b[^>]*>", html) == ['<script type="application/ld+json">']


def test_a_heading_typed_inside_a_section_becomes_an_h3(client):
    section = Section.objects.get(page__slug="types", heading="Primary milia")
    section.body = "# A big heading\n\nText.\n\n<h2 class='x'>Raw heading</h2>"
    section.save()

    html = _html(client, "/milia/types/")

    assert "<h3>A big heading</h3>" in html
    assert "<h3>Raw heading</h3>" in html


@pytest.fixture
def editor(client):
    """A member of staff who edits the guide and nothing else."""
    user = User.objects.create_user("editor", password="not-used-here-1", is_staff=True)
    user.user_permissions.set(
        Permission.objects.filter(
            content_type__app_label="education",
            codename__in=[
                "view_page",
                "change_page",
                "view_section",
                "add_section",
                "change_section",
                "delete_section",
            ],
        )
    )
    login_with_second_factor(client, user)
    return client


def _form_data(form):
    data = {}
    for name in form.fields:
        value = form[name].value()
        if value is None or value is False:
            continue
        data[form.add_prefix(name)] = "on" if value is True else value
    return data


def _change_form_data(response):
    """What the browser would post back for an admin change form left as it is."""
    data = _form_data(response.context["adminform"].form)
    for inline in response.context["inline_admin_formsets"]:
        data |= _form_data(inline.formset.management_form)
        for form in inline.formset.forms:
            data |= _form_data(form)
    return data


def test_staff_edit_a_section_in_the_admin_and_the_site_shows_it(editor):
    page = Page.objects.get(slug="prevention")
    section = page.sections.get(heading="Cleanse well")
    change_url = reverse("admin:education_page_change", args=[page.pk])
    data = _change_form_data(editor.get(change_url))
    prefix = next(
        key.removesuffix("-id")
        for key, value in data.items()
        if key.endswith("-id") and value == section.pk
    )
    data[f"{prefix}-heading"] = "Wash your face gently"
    data[f"{prefix}-body"] = "Use a **mild** cleanser every evening."

    response = editor.post(change_url, data)

    assert response.status_code == 302, (
        response.context and response.context["adminform"].form.errors
    )
    html = _html(editor, "/milia/prevention/")
    assert f'<h2 id="section-{section.pk}">Wash your face gently</h2>' in html
    assert "<p>Use a <strong>mild</strong> cleanser every evening.</p>" in html
    assert "Cleanse well" not in html


def test_the_admin_refuses_a_second_guide_home_page(admin_client):
    reviewer = Page.objects.get(kind="hub").reviewed_by
    response = admin_client.post(
        reverse("admin:education_page_add"),
        {
            "kind": "hub",
            "title": "Another home",
            "slug": "another-home",
            "summary": "A second one.",
            "order": 0,
            "written_by": "Kingsway Skin Clinic patient information team",
            "reviewed_by": reviewer.pk,
            "last_reviewed": "2026-11-20",
            "next_review_due": "2027-11-20",
            "sections-TOTAL_FORMS": 0,
            "sections-INITIAL_FORMS": 0,
        },
    )

    assert response.status_code == 200
    assert "The guide already has a page of this kind." in response.content.decode()
    assert Page.objects.filter(kind="hub").count() == 1


def test_admin_search_finds_a_page_by_the_words_in_its_sections(admin_client):
    response = admin_client.get(
        reverse("admin:education_page_changelist"), {"q": "comedone extractor"}
    )

    assert [page.slug for page in response.context["cl"].result_list] == ["extraction"]


# Query 1: the session. Query 2: the signed-in user. Query 3: their two-factor device.
ADMIN_REQUEST_QUERIES = 3


@pytest.mark.parametrize(
    ("model", "queries"),
    [
        # The open notices about approved text, two counts (matching rows and all
        # rows), the rows with their reviewer and section count, and the reviewers
        # for the "reviewed by" filter.
        ("page", ADMIN_REQUEST_QUERIES + 5),
        # The open notices, two counts and the rows.
        ("faq", ADMIN_REQUEST_QUERIES + 4),
        ("source", ADMIN_REQUEST_QUERIES + 3),
        ("reviewer", ADMIN_REQUEST_QUERIES + 3),
    ],
)
def test_admin_lists_of_the_guide_take_a_fixed_number_of_queries(
    admin_client, django_assert_num_queries, model, queries
):
    url = reverse(f"admin:education_{model}_changelist")
    admin_client.get(url)  # the first request after login saves the session

    with django_assert_num_queries(queries):
        assert admin_client.get(url).status_code == 200


def test_reception_reads_a_notice_about_approved_text_and_marks_it_dealt_with(reception):
    notice = GuideNotice.objects.create(
        title="A notice for this test", changes="New boxes.", kept='- Types of milia: "X"'
    )
    url = reverse("admin:education_guidenotice_change", args=[notice.pk])

    assert "A notice for this test" in _html(reception, reverse("admin:education_page_changelist"))
    assert "New boxes." in _html(reception, url)
    response = reception.post(url, {"done": "on"})

    assert response.status_code == 302
    notice.refresh_from_db()
    assert notice.done is True
    _html(reception, reverse("admin:education_page_changelist"))  # shows "changed successfully"
    assert "A notice for this test" not in _html(
        reception, reverse("admin:education_page_changelist")
    )
    # Notices come with releases: nobody adds or deletes one by hand.
    assert reception.get(reverse("admin:education_guidenotice_add")).status_code == 403
    assert (
        reception.get(reverse("admin:education_guidenotice_delete", args=[notice.pk])).status_code
        == 403
    )
