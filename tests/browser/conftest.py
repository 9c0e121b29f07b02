"""Real people in a real browser: Debian's headless Chromium, driven by Playwright.

Nothing is downloaded at test time: Playwright drives the system's
/usr/bin/chromium (`apt-get install chromium`), never a browser of its own.
Every test gets a fresh browser context (cookies, viewport, touch) on one
Chromium that the browser tests share, against pytest-django's live_server.

When a test fails, each page it had open is saved to
test-artifacts/<test name>.png.
"""

import os
import re
from datetime import time
from pathlib import Path
from unittest import mock

import pytest
import time_machine

from tests.factories import NOW, dermatologist_make, treatment_make

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
DESKTOP = {"viewport": {"width": 1280, "height": 900}}


# Package scope, not session: while Playwright's sync API runs, the main thread
# has an event loop marked as running, so Django refuses ORM calls unless
# DJANGO_ALLOW_ASYNC_UNSAFE is set and asyncio.run() refuses to start. Both end
# with the last browser test instead of leaking into the rest of the run.
@pytest.fixture(scope="package")
def chromium():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: apt-get install chromium (.ci/run does this).")
    from django.db import connections
    from playwright.sync_api import sync_playwright

    before = list(connections.all())
    with (
        mock.patch.dict(os.environ, {"DJANGO_ALLOW_ASYNC_UNSAFE": "true"}),
        sync_playwright() as playwright,
    ):
        # Django keeps database connections per thread, but per context once an
        # event loop runs in the thread, as Playwright's now does. Without this,
        # the browser tests would get fresh connections that know nothing of
        # the rows serialized_rollback restores, and empty the guide for good.
        for connection in before:
            connections[connection.alias] = connection
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(autouse=True)
def clock_clear_of_the_notice_edge():
    """The clock runs from tests.factories.NOW, Tuesday 8am, for every browser test.

    On the real clock a test that opened the times page a few seconds before
    the hour or half hour offered a time exactly 24 hours ahead, which the
    notice period had taken away by the time the form was sent. From 8am the
    first time the test dermatologists work is an hour clear of that edge.
    """
    with time_machine.travel(NOW, tick=True):
        yield


@pytest.fixture
def new_context(request, chromium, live_server):
    """Opens a browser context on the live server: new_context(**PHONE) for a phone."""
    contexts = []
    request.node.browser_pages = pages = []

    def make(**options):
        # Reduced motion: what a check measures is what the patient sees once
        # Bootstrap's transitions (focus rings fade in) have finished.
        options = {"locale": "en-GB", "reduced_motion": "reduce", **options}
        context = chromium.new_context(base_url=live_server.url, **options)
        context.set_default_timeout(10_000)
        context.on("page", lambda page: pages.append(page))
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_context):
    return new_context(**DESKTOP).new_page()


@pytest.fixture
def phone(new_context):
    return new_context(**PHONE).new_page()


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.failed and report.when in ("setup", "call"):
        ARTIFACTS.mkdir(exist_ok=True)
        name = re.sub(r"[^\w.-]+", "_", item.name)
        for number, page in enumerate(getattr(item, "browser_pages", [])):
            if page.is_closed():
                continue
            suffix = f"-{number + 1}" if number else ""
            try:
                page.screenshot(path=ARTIFACTS / f"{name}{suffix}.png", full_page=True)
            except Exception as exc:  # a crashed page must not hide the real failure
                report.sections.append(("screenshot", f"no screenshot: {exc}"))
    return report


@pytest.fixture
def extraction():
    """The treatment the guide's extraction page books, with someone free every day, 9 to 5."""
    treatment = treatment_make(
        name="Milia extraction",
        slug="milia-extraction",
        duration_minutes=30,
        price="180",
        guide_url="/milia/treatments/extraction/",
    )
    dermatologist_make(
        treatments=[treatment],
        name="Dr Amara Okafor",
        hours={day: [(time(9), time(17))] for day in range(7)},
    )
    return treatment


@pytest.fixture
def emails_by_hand(settings, live_server):
    """Emails go to django.core.mail.outbox only when the test delivers the outbox itself."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.SITE_URL = live_server.url  # so the links in emails lead to the live server
    with mock.patch("bookings.notify.emails.email_queue"):  # no broker: the test delivers
        yield
