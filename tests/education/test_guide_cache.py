"""Guide pages are built once per edit of the guide and served from Redis until the next."""

import pytest
from django.conf import settings
from django.contrib.messages import INFO
from django.contrib.messages.storage.base import Message
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.test import Client, RequestFactory

from bookings.models import Treatment
from education import pagecache
from education.models import FAQ, Page, Reviewer, Source
from education.pagecache import VERSION_KEY

pytestmark = pytest.mark.django_db

URL = "/milia/what-are-milia/"


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Runs what waits for the commit, as it would run after a real one (tests roll back)."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def _text(client, url=URL):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_a_guide_page_seen_before_is_served_without_a_query(client, django_assert_num_queries):
    first = _text(client)

    with django_assert_num_queries(0):
        again = _text(client)

    assert again == first


def test_an_edit_to_a_section_shows_on_the_next_request(client, committed):
    _text(client)
    section = Page.objects.get(slug="what-are-milia").sections.first()
    section.body = "Milia are **tiny** cysts, newly reworded."
    with committed():
        section.save()

    assert "newly reworded" in _text(client)


def test_a_page_built_while_an_edit_is_uncommitted_is_not_kept_past_the_commit(
    client, django_capture_on_commit_callbacks
):
    _text(client)
    section = Page.objects.get(slug="what-are-milia").sections.first()
    with django_capture_on_commit_callbacks() as commit:
        section.body = "Milia are **tiny** cysts, newly reworded."
        section.save()
        # Another visitor, before the commit, still sees (and may keep) the old page.
        before_commit = cache.get(VERSION_KEY)
    for callback in commit:
        callback()

    assert cache.get(VERSION_KEY) != before_commit
    assert "newly reworded" in _text(client)


def test_deleting_a_section_takes_it_off_the_page(client, committed):
    section = Page.objects.get(slug="what-are-milia").sections.first()
    assert section.heading in _text(client)

    with committed():
        section.delete()

    assert section.heading not in _text(client)


@pytest.mark.parametrize(
    ("url", "model", "field"),
    [
        ("/milia/faqs/", FAQ, "question"),
        ("/milia/sources/", Source, "title"),
        (URL, Reviewer, "name"),
    ],
)
def test_saving_anything_a_page_shows_builds_it_afresh(client, committed, url, model, field):
    _text(client, url)
    row = model.objects.first()
    setattr(row, field, f"{getattr(row, field)} (edited)")
    with committed():
        row.save()

    assert "(edited)" in _text(client, url)


def test_a_treatment_no_longer_offered_is_no_longer_booked_from_its_guide_page(client, committed):
    laser = Treatment.objects.create(
        slug="laser-treatment",
        name="Laser treatment",
        summary="Laser treatment at the clinic.",
        duration_minutes=90,
        price=350,
    )
    assert "/book/laser-treatment/" in _text(client, "/milia/treatments/laser/")

    laser.is_active = False
    with committed():
        laser.save()

    assert "/book/laser-treatment/" not in _text(client, "/milia/treatments/laser/")


def test_a_waiting_message_is_shown_to_its_reader_and_kept_from_everyone_else(client):
    _text(Client())  # someone else has already seen the page: it is in the cache
    # A message waiting for this reader, as Django keeps it in a cookie.
    storage = CookieStorage(RequestFactory().get("/"))
    client.cookies[storage.cookie_name] = storage._encode([Message(INFO, "Kept for you.")])

    assert "Kept for you." in _text(client)
    assert "Kept for you." not in _text(Client())


def test_with_redis_down_guide_pages_are_still_served(client, redis_down):

    assert "What are milia" in _text(client)


@pytest.mark.skipif(not settings.REDIS_URL, reason="needs Redis (REDIS_URL) as the cache")
def test_the_cache_keeps_one_redis_client_rather_than_making_one_per_call():
    cache.set("anything", 1)

    assert cache._cache.get_client() is cache._cache.get_client(write=True)


def test_a_page_served_a_moment_ago_is_served_again_without_asking_redis(client, monkeypatch):
    first = _text(client)
    asked = []
    monkeypatch.setattr(pagecache, "cache_call", lambda *args, **kw: asked.append(args))

    assert _text(client) == first
    assert asked == []


def test_a_process_copies_each_host_s_page_apart(client, settings):
    settings.ALLOWED_HOSTS = ["testserver", "clinic.example"]
    _text(client)  # copied for testserver

    other = client.get(URL, HTTP_HOST="clinic.example").content.decode()

    assert "//clinic.example/" in other
    assert "//testserver/" not in other


def test_while_debug_is_on_no_copy_is_kept_in_the_process(client, settings, monkeypatch):
    settings.DEBUG = True  # templates may change under the running server
    _text(client)
    asked = []
    real = pagecache.cache_call
    monkeypatch.setattr(
        pagecache, "cache_call", lambda *args, **kw: asked.append(args) or real(*args, **kw)
    )

    _text(client)

    assert asked  # the page came through Redis, under a key with the templates' digest


def test_an_edit_saved_by_another_process_shows_within_seconds(client, monkeypatch):
    clock = [1000.0]
    monkeypatch.setattr(pagecache, "monotonic", lambda: clock[0])
    _text(client)
    # Another process saves an edit: the rows change and so does the version in Redis.
    section = Page.objects.get(slug="what-are-milia").sections.first()
    section.__class__.objects.filter(pk=section.pk).update(body="Reworded elsewhere.")
    cache.set(VERSION_KEY, "another process's edit", timeout=None)

    clock[0] += pagecache.VERSION_CHECK_SECONDS - 0.5
    assert "Reworded elsewhere." not in _text(client)  # this process's copy, still fresh

    clock[0] += 1.0
    assert "Reworded elsewhere." in _text(client)


def test_after_another_process_edits_no_copy_of_the_old_guide_is_served(client, monkeypatch):
    clock = [1000.0]
    monkeypatch.setattr(pagecache, "monotonic", lambda: clock[0])
    _text(client)
    _text(client, "/milia/faqs/")
    faq = FAQ.objects.first()
    FAQ.objects.filter(pk=faq.pk).update(question="Reworded elsewhere?")
    cache.set(VERSION_KEY, "another process's edit", timeout=None)

    clock[0] += pagecache.VERSION_CHECK_SECONDS + 0.5
    _text(client)  # this page's request reads the new version first

    assert "Reworded elsewhere?" in _text(client, "/milia/faqs/")
