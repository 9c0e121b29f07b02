"""Strangers kept out, staff kept to their role, and health data kept out of logs."""

import logging
import os
import re
import subprocess
import sys
from datetime import time, timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from bookings.models import AuditEntry, Booking
from tests.conftest import login_with_second_factor
from tests.factories import dermatologist_make, treatment_make
from tests.public.test_booking_flow import valid_answers

pytestmark = pytest.mark.django_db

ADMIN_LOGIN = reverse("admin:login")


@pytest.fixture
def production_headers(settings):
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.SECURE_HSTS_PRELOAD = True
    settings.SESSION_COOKIE_SECURE = True
    settings.CSRF_COOKIE_SECURE = True


@pytest.fixture
def treatment():
    treatment = treatment_make(slug="milia-extraction")
    dermatologist_make(treatments=[treatment], hours={d: [(time(9), time(17))] for d in range(7)})
    return treatment


def a_free_start():
    return (timezone.localtime() + timedelta(days=3)).replace(
        hour=10, minute=0, second=0, microsecond=0
    )


def book(client, treatment, **answers):
    return client.post(
        reverse("bookings:details", args=[treatment.slug]),
        {"start": a_free_start().isoformat(), "dermatologist": "any", **valid_answers(**answers)},
    )


# Headers


@pytest.mark.parametrize("url", ["/", "/milia/", "/book/", ADMIN_LOGIN, "/no-such-page/"])
def test_every_response_carries_the_security_headers(client, production_headers, settings, url):
    settings.DEBUG = False

    response = client.get(url, secure=True)

    csp = response["Content-Security-Policy"]
    script_src = next(part for part in csp.split(";") if part.strip().startswith("script-src"))
    assert "'unsafe-inline'" not in script_src and "'self'" in script_src
    assert "frame-ancestors 'none'" in csp
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"


def test_session_and_csrf_cookies_are_secure_and_the_session_cookie_is_httponly(
    client, production_headers, staff
):
    from django_otp.plugins.otp_static.models import StaticDevice

    StaticDevice.objects.create(user=staff, name="codes").token_set.create(token="24681357")
    page = client.get(ADMIN_LOGIN, secure=True)
    login = client.post(
        ADMIN_LOGIN,
        {"username": "desk", "password": "correct-horse-battery", "otp_token": "24681357"},
        secure=True,
    )

    assert page.cookies["csrftoken"]["secure"] is True
    assert login.status_code == 302
    assert login.cookies["sessionid"]["secure"] is True
    assert login.cookies["sessionid"]["httponly"] is True


def test_production_settings_pass_the_deployment_checks(tmp_path):
    env = {k: v for k, v in os.environ.items() if k in {"PATH", "HOME", "LANG"}}
    env.update(
        DEBUG="false",
        SECRET_KEY="f7Qp" + "3mZk9vLx2Rw8TnB4" * 4,
        ALLOWED_HOSTS="clinic.example",
        DATABASE_URL=os.environ.get("DATABASE_URL", ""),
        REDIS_URL="redis://127.0.0.1:6379/1",
        CELERY_BROKER_URL="redis://127.0.0.1:6379/0",
        EMAIL_HOST="smtp.example",
        TRUSTED_PROXIES="1",
        DATA_DIR=str(tmp_path),
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )

    assert result.returncode == 0, result.stdout + result.stderr


# CSRF


@pytest.mark.parametrize(
    "url",
    [
        "/book/milia-extraction/details/",
        "/manage/",
        "/manage/" + "x" * 43 + "/cancel/",
        ADMIN_LOGIN,
    ],
)
def test_a_form_posted_without_its_csrf_token_is_refused_kindly(treatment, url):
    strict = Client(enforce_csrf_checks=True)

    response = strict.post(url, {"email": "a@example.com"})

    assert response.status_code == 403
    assert "Nothing has been booked or changed" in response.content.decode()
    assert Booking.objects.count() == 0


def test_a_form_posted_with_its_csrf_token_goes_through(treatment):
    strict = Client(enforce_csrf_checks=True)
    strict.get(reverse("bookings:lost_link"))

    response = strict.post(
        reverse("bookings:lost_link"),
        {"email": "a@example.com", "csrfmiddlewaretoken": strict.cookies["csrftoken"].value},
    )

    assert response.status_code == 200


TOKEN_PATH = "/manage/" + "x" * 43


@pytest.mark.parametrize("charset", ["latin-1", "utf-16"])
@pytest.mark.parametrize(
    "url",
    [
        "/book/milia-extraction/",
        "/book/milia-extraction/details/",
        "/manage/",
        TOKEN_PATH + "/cancel/",
        TOKEN_PATH + "/move/",
        TOKEN_PATH + "/move/confirm/",
        "/staff/login/",
        ADMIN_LOGIN,
    ],
)
def test_a_form_sent_in_another_charset_gets_the_sites_own_400_page(treatment, url, charset):
    # Forms are sent as UTF-8: Django refuses any other charset, and the refusal
    # must not read the form again on its way to the error page.
    strict = Client(enforce_csrf_checks=True)
    strict.get(reverse("bookings:lost_link"))
    token = strict.cookies["csrftoken"].value

    response = strict.post(
        url,
        f"csrfmiddlewaretoken={token}&email=caf\u00e9@example.com&username=d\u00e9sk",
        content_type=f"application/x-www-form-urlencoded; charset={charset}",
    )

    html = response.content.decode()
    assert response.status_code == 400
    assert "<h1>We could not read that</h1>" in html
    assert "Kingsway Skin Clinic" in html  # the site's header, from base.html
    assert Booking.objects.count() == 0


# Public forms


def test_booking_is_rate_limited_per_address_with_a_friendly_page(client, treatment, settings):
    settings.RATE_LIMIT_PER_HOUR = 2
    book(client, treatment, email="one@example.com")
    book(client, treatment, email="two@example.com")

    response = book(client, treatment, email="three@example.com")

    assert response.status_code == 429
    assert "Please wait a little" in response.content.decode()
    assert "020 7946 0123" in response.content.decode()


def test_with_redis_down_the_rate_limit_lets_bookings_through(
    client, treatment, settings, redis_down
):
    settings.RATE_LIMIT_PER_HOUR = 1

    first = book(client, treatment, email="one@example.com")
    second = client.post(reverse("bookings:lost_link"), {"email": "one@example.com"})

    assert first.status_code == 302
    assert second.status_code == 200


def test_a_bot_filling_the_hidden_field_books_nothing(client, treatment):
    response = book(client, treatment, fax_number="+44 20 7946 0000")

    assert Booking.objects.count() == 0
    assert "Sorry, we could not accept this form" in response.content.decode()


def test_people_never_reach_the_hidden_field(client, treatment):
    html = client.get(
        reverse("bookings:details", args=[treatment.slug]),
        {"start": a_free_start().isoformat(), "dermatologist": "any"},
    ).content.decode()

    assert re.search(r'class="hp-field"\s+aria-hidden="true"', html)
    field = html[html.index('name="fax_number"') - 200 : html.index('name="fax_number"') + 200]
    assert 'tabindex="-1"' in field and 'autocomplete="off"' in field


# Audit trail and logs


def test_changes_are_in_the_audit_trail_and_only_superusers_read_it(
    client, admin_client, treatment, staff
):
    book(client, treatment)
    booking = Booking.objects.get()
    client.post(reverse("bookings:cancel", args=[booking.manage_token]))

    entries = list(AuditEntry.objects.order_by("at").values_list("actor", "action", "target"))
    assert entries == [
        ("patient", "changed", f"booking {booking.reference}"),
        ("patient", "changed", f"booking {booking.reference}"),
    ]
    assert admin_client.get(reverse("admin:bookings_auditentry_changelist")).status_code == 200
    desk = login_with_second_factor(Client(), staff)
    assert desk.get(reverse("admin:bookings_auditentry_changelist")).status_code == 403


def test_no_intake_answer_reaches_any_log_line(client, treatment, settings, caplog):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", 1  # the mail server is down
    secret_note = "PRIVATE-NOTE-bleeding-under-left-eye"
    tried = "PRIVATE-TRIED-tretinoin-0.05"
    caplog.set_level(logging.DEBUG)

    book(
        client,
        treatment,
        note=secret_note,
        tried_already=tried,
        pregnancy="pregnant",
        date_of_birth="31/02/1990",
    )
    book(
        client,
        treatment,
        note=secret_note,
        tried_already=tried,
        pregnancy="pregnant",
        warning_signs=["infection"],
    )
    from bookings.models import OutboxEmail
    from bookings.notify.outbox import outbox_deliver

    for email in OutboxEmail.objects.all():
        outbox_deliver(outbox_id=email.pk)

    assert Booking.objects.count() == 1
    logged = "\n".join(record.getMessage() + (record.exc_text or "") for record in caplog.records)
    assert caplog.records  # something was logged, so the check means something
    for private in [secret_note, tried, "pregnant", "infection", "1990"]:
        assert private not in logged


def test_the_policy_header_is_django_csps_own_and_follows_a_changed_policy(client, settings):
    from csp.utils import build_policy

    assert client.get("/milia/")["Content-Security-Policy"] == build_policy()

    settings.CONTENT_SECURITY_POLICY = {"DIRECTIVES": {"default-src": ["'self'"], "img-src": ["*"]}}

    header = client.get("/milia/")["Content-Security-Policy"]
    assert sorted(header.split("; ")) == ["default-src 'self'", "img-src *"]


def test_a_report_only_policy_set_later_is_still_sent_with_the_enforced_one(client, settings):
    settings.CONTENT_SECURITY_POLICY_REPORT_ONLY = {"DIRECTIVES": {"img-src": ["'self'"]}}

    response = client.get("/milia/")

    assert "img-src 'self'" in response["Content-Security-Policy-Report-Only"].split("; ")
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]


def test_a_patient_with_no_session_cookie_costs_no_session_or_user_lookup(client):
    from django.utils.functional import empty

    response = client.get("/milia/")

    assert response.status_code == 200
    assert response.wsgi_request.user._wrapped is empty  # never looked up
