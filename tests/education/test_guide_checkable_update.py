"""The checkable-guide update reaching a clinic that already holds the guide (migration 0006).

Each test takes the database back to 0003, the guide as a clinic migrated before
this release holds it, changes what reception might have changed, and migrates
forward again.
"""

from importlib import import_module
from pathlib import Path

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from education.models import GuideNotice, Page, Section, Source

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

BEFORE = [("education", "0003_urgent_advice")]
UPDATE = import_module("education.migrations.0006_guide_checkable")
SOURCES = import_module("education.migrations.0005_guide_sources_dated")


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def _latest():
    _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())


@pytest.fixture
def before_update():
    apps = _migrate(BEFORE)
    yield apps
    _latest()


def test_going_back_gives_the_guide_as_it_was_after_the_urgent_advice(before_update):
    Page = before_update.get_model("education", "Page")
    Section = before_update.get_model("education", "Section")
    Source = before_update.get_model("education", "Source")

    assert not Page.objects.filter(slug__in=["is-it-milia", "about-this-guide"]).exists()
    assert Page.objects.get(slug="types").order == 2
    assert Source.objects.count() == 4
    definition = Section.objects.get(page__slug="laser", heading="What happens").body
    assert definition.startswith("Milia are tiny cysts.")


def test_an_unedited_guide_gets_the_new_pages_text_sources_and_review(before_update):
    _latest()

    assert Page.objects.get(slug="is-it-milia").sections.count() == 5
    assert Page.objects.get(slug="about-this-guide").first_published.isoformat() == "2026-12-01"
    assert [p.slug for p in Page.objects.filter(kind="page").order_by("order")][:3] == [
        "what-are-milia",
        "is-it-milia",
        "types",
    ]
    laser = Section.objects.get(page__slug="laser", heading="What happens").body
    assert not laser.startswith("Milia are tiny cysts.") and "[ref:dermnet]" in laser
    headings = [s.heading for s in Section.objects.filter(page__slug="treatments")]
    assert headings.index("The treatments side by side") == headings.index("Milia extraction") - 1
    assert Source.objects.count() == 11
    assert Source.objects.filter(key="").count() == 0
    assert Page.objects.get(slug="laser").last_reviewed.isoformat() == "2026-12-01"
    assert Page.objects.get(slug="sources").last_reviewed.isoformat() == "2026-12-01"
    assert Page.objects.get(slug="what-are-milia").first_published.isoformat() == "2026-11-20"
    notice = GuideNotice.objects.get(title=UPDATE.NOTICE_TITLE)
    assert notice.kept == "" and "Is it milia?" in notice.changes


def test_a_section_reception_edited_is_kept_listed_and_its_page_keeps_its_review(
    before_update, capsys
):
    Section = before_update.get_model("education", "Section")
    Section.objects.filter(page__slug="laser", heading="What happens").update(
        body="Our own words about lasers."
    )

    _latest()

    assert Section.objects.get(page__slug="laser", heading="What happens").body == (
        "Our own words about lasers."
    )
    assert Page.objects.get(slug="laser").last_reviewed.isoformat() == "2026-11-30"
    assert Page.objects.get(slug="cryotherapy").last_reviewed.isoformat() == "2026-12-01"
    kept = GuideNotice.objects.get(title=UPDATE.NOTICE_TITLE).kept
    assert 'Laser treatment: "What happens"' in kept and "[ref:dermnet]" in kept
    assert 'Laser treatment: "What happens"' in capsys.readouterr().out


def test_a_source_reception_corrected_keeps_their_title_and_gets_its_dates(before_update):
    OldSource = before_update.get_model("education", "Source")
    OldSource.objects.filter(title="Milium").update(title="Milium (DermNet NZ)")

    _latest()

    dermnet = Source.objects.get(key="dermnet")
    assert dermnet.title == "Milium (DermNet NZ)"
    assert dermnet.checked_on.isoformat() == "2026-12-01" and dermnet.published


def test_the_update_carries_its_own_text_and_reads_no_content_file():
    for module in (UPDATE, SOURCES, import_module("education.migrations.0002_load_guide")):
        source = Path(module.__file__).read_text()
        assert "education.loader" not in source and "content_format" not in source
        assert "import education\n" not in source
        assert "from education." not in source.replace(
            "from education.migrations._guide_first_edition", ""
        )
