"""The urgent-advice update reaching a clinic that already holds the guide (migration 0003).

Each test takes the database back to 0002, which gives the guide as a clinic
migrated before this release holds it, changes what reception might have
changed, and migrates forward again.
"""

import datetime
from importlib import import_module
from pathlib import Path

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse

from education.content_format import page_parse
from education.models import FAQ, GuideNotice, Page, Section

# Migrations run real DDL; serialized_rollback puts back the rows migrations made.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

CONTENT = Path(__file__).resolve().parents[2] / "education" / "content"
BEFORE = [("education", "0002_load_guide")]
THIS_UPDATE = [("education", "0003_urgent_advice")]
UPDATE = import_module("education.migrations.0003_urgent_advice")
REVIEWED = datetime.date(2026, 11, 30)
EARLIER_REVIEW = datetime.date(2026, 11, 20)


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.fixture
def before_update():
    """The guide as it was before this release, as historical models; latest again after."""
    apps = _migrate(BEFORE)
    yield apps
    _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())


def _update():
    _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())


def _page_as_in_its_file(slug):
    path = next(CONTENT.glob(f"pages/*-{slug}.md"), CONTENT / "treatments" / f"{slug}.md")
    return [
        (s.kind, s.heading, s.body) for s in page_parse(path.read_text(), name=path.name).sections
    ]


def _page_as_in_the_database(slug):
    return [(s.kind, s.heading, s.body) for s in Section.objects.filter(page__slug=slug)]


CHANGED_PAGES = [
    "what-are-milia",
    "types",
    "removing-milia-at-home",
    "when-to-see-a-doctor",
    "extraction",
    "laser",
    "chemical-peels",
    "cryotherapy",
]


def test_going_back_gives_the_guide_as_a_clinic_migrated_before_holds_it(before_update):
    Section = before_update.get_model("education", "Section")

    assert Section.objects.filter(page__slug="removing-milia-at-home", heading="Near your eyes")
    assert not Section.objects.filter(kind__in=["call_999", "call_111", "see_gp", "book_us"])
    assert Page.objects.filter(last_reviewed=REVIEWED).count() == 0


def test_an_unedited_guide_gets_the_approved_text_in_the_files_order(before_update):
    _update()

    for slug in CHANGED_PAGES:
        assert _page_as_in_the_database(slug) == _page_as_in_its_file(slug), slug
    assert FAQ.objects.get(question="Are milia dangerous?").answer.startswith(
        "Milia themselves are harmless"
    )


def test_an_unedited_guide_carries_the_dermatologist_and_date_of_the_review(before_update):
    # Up to this update only: a later one (0006) reviews the pages again.
    Page = _migrate(THIS_UPDATE).get_model("education", "Page")

    for slug in [*CHANGED_PAGES, "milia-guide", "faqs"]:
        page = Page.objects.select_related("reviewed_by").get(slug=slug)
        assert page.last_reviewed == REVIEWED, slug
        assert page.next_review_due == datetime.date(2027, 11, 30)
        assert page.reviewed_by.name == "Dr Amara Okafor"
    assert Page.objects.get(slug="myths").last_reviewed == EARLIER_REVIEW


def test_an_unedited_guide_gets_a_notice_of_what_changed_and_nothing_kept(before_update):
    _update()

    notice = GuideNotice.objects.get(title=UPDATE.NOTICE_TITLE)
    assert notice.title == UPDATE.NOTICE_TITLE
    assert "Call 999 or go to A&E, Call 111 now, See a GP, and Book with us" in notice.changes
    assert notice.kept == ""
    assert notice.done is False


def test_a_section_saved_in_the_admin_without_changes_still_counts_as_unedited(before_update):
    Section = before_update.get_model("education", "Section")
    old_box = Section.objects.get(page__slug="removing-milia-at-home", kind="see_someone")
    assert "\n" in old_box.body
    old_box.body = old_box.body.replace("\n", "\r\n") + "\r\n"  # what a browser sends back
    old_box.save()

    _update()

    assert not Section.objects.filter(pk=old_box.pk, kind="see_someone").exists()
    assert GuideNotice.objects.get(title=UPDATE.NOTICE_TITLE).kept == ""


def test_a_section_reception_edited_is_left_as_they_wrote_it_and_listed(before_update, capsys):
    Section = before_update.get_model("education", "Section")
    Section.objects.filter(page__slug="types", heading="If you are worried about your baby").update(
        body="Worried? Ring the front desk and ask for Dr Okafor."
    )

    _update()

    edited = Section.objects.get(page__slug="types", heading="If you are worried about your baby")
    assert edited.body == "Worried? Ring the front desk and ask for Dr Okafor."
    assert edited.kind == "callout"
    # It sits where its replacement would have gone, after the new baby boxes.
    headings = [s.heading for s in Section.objects.filter(page__slug="types")]
    assert headings.index("If you are worried about your baby") > headings.index(
        "Call 111 now, or go to A&E, if your baby"
    )
    notice = GuideNotice.objects.get(title=UPDATE.NOTICE_TITLE)
    assert 'Types of milia: "If you are worried about your baby"' in notice.kept
    assert "Milia in babies are harmless and need no treatment. If something else" in notice.kept
    assert 'Types of milia: "If you are worried about your baby"' in capsys.readouterr().out


def test_the_rest_of_a_page_with_an_edited_section_is_still_updated(before_update):
    Section = before_update.get_model("education", "Section")
    Section.objects.filter(page__slug="types", heading="If you are worried about your baby").update(
        body="Worried? Ring the front desk."
    )

    apps = _migrate(THIS_UPDATE)  # a later update (0006) reviews the pages again
    Section, Page = apps.get_model("education", "Section"), apps.get_model("education", "Page")

    kinds = [s.kind for s in Section.objects.filter(page__slug="types")]
    assert kinds.index("call_999") < kinds.index("call_111") < kinds.index("see_gp")
    assert Section.objects.filter(
        page__slug="types", heading="When milia come with another condition"
    )
    # The page's urgent advice is not all the approved text, so it keeps its earlier review.
    assert Page.objects.get(slug="types").last_reviewed == EARLIER_REVIEW
    assert Page.objects.get(slug="when-to-see-a-doctor").last_reviewed == REVIEWED


def test_an_edited_answer_is_kept_and_the_questions_page_keeps_its_earlier_review(before_update):
    FAQ_then = before_update.get_model("education", "FAQ")
    FAQ_then.objects.filter(question="Do milia hurt?").update(answer="Ask at the desk.")

    _update()

    assert FAQ.objects.get(question="Do milia hurt?").answer == "Ask at the desk."
    assert (
        'Common questions: "Do milia hurt?"'
        in GuideNotice.objects.get(title=UPDATE.NOTICE_TITLE).kept
    )
    assert Page.objects.get(slug="faqs").last_reviewed == EARLIER_REVIEW


def test_staff_editing_the_guide_are_told_until_they_mark_the_notice_dealt_with(
    before_update, admin_client
):
    Section = before_update.get_model("education", "Section")
    Section.objects.filter(page__slug="types", heading="If you are worried about your baby").update(
        body="Worried? Ring the front desk."
    )
    _update()
    notice = GuideNotice.objects.get(title=UPDATE.NOTICE_TITLE)
    link = reverse("admin:education_guidenotice_change", args=[notice.pk])

    for url in [
        reverse("admin:education_page_changelist"),
        reverse("admin:education_page_change", args=[Page.objects.get(slug="types").pk]),
        reverse("admin:education_faq_changelist"),
    ]:
        html = admin_client.get(url).content.decode()
        assert UPDATE.NOTICE_TITLE in html, url
        assert f'<a href="{link}">Read what changed, and the sections left as you edited' in html

    page = admin_client.get(link).content.decode()
    assert "Worried" not in page  # it shows the approved text, not reception's
    assert "Milia in babies are harmless and need no treatment." in page

    notice.done = True
    notice.save()
    assert (
        UPDATE.NOTICE_TITLE
        not in admin_client.get(reverse("admin:education_page_changelist")).content.decode()
    )


def test_the_update_carries_its_own_text_and_reads_no_content_file():
    source = Path(UPDATE.__file__).read_text()

    assert "education.loader" not in source and "content_format" not in source
    assert "from education" not in source and "import education" not in source
