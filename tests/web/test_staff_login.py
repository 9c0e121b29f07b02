"""Staff sign-in: lockouts, the second factor, strong passwords, sessions that end."""

import io
from datetime import timedelta

import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from tests.conftest import login_with_second_factor
from tests.web.test_security import ADMIN_LOGIN

pytestmark = pytest.mark.django_db


def test_five_wrong_passwords_lock_the_account_out_from_that_address(client, staff, settings):
    settings.AXES_FAILURE_LIMIT = 5
    for _ in range(4):
        response = client.post(
            ADMIN_LOGIN, {"username": "desk", "password": "wrong", "otp_token": "123456"}
        )
        assert response.status_code == 200
    fifth = client.post(
        ADMIN_LOGIN, {"username": "desk", "password": "wrong", "otp_token": "123456"}
    )
    assert fifth.status_code == 429

    locked = client.post(
        ADMIN_LOGIN, {"username": "desk", "password": "correct-horse-battery", "otp_token": "1"}
    )

    assert locked.status_code == 429
    assert "Too many attempts" in locked.content.decode()
    other_address = client.post(
        ADMIN_LOGIN, {"username": "desk", "password": "wrong"}, REMOTE_ADDR="10.1.2.3"
    )
    assert other_address.status_code == 200


@pytest.mark.parametrize("url", ["/staff/login/", ADMIN_LOGIN])
def test_a_username_too_long_for_any_account_is_refused_as_a_wrong_login(client, staff, url):
    username = "desk" + "k" * 300  # past the lockout record's 255 characters

    response = client.post(url, {"username": username, "password": "wrong", "otp_token": "123456"})

    html = response.content.decode()
    assert response.status_code == 200
    assert "correct username and password" in html
    assert username in html  # what was typed is still there to correct
    assert "_auth_user_id" not in client.session


def test_the_admin_needs_a_second_factor_as_well_as_the_password(client, staff):
    from django_otp.plugins.otp_static.models import StaticDevice

    StaticDevice.objects.create(user=staff, name="codes").token_set.create(token="24681357")

    without = client.post(ADMIN_LOGIN, {"username": "desk", "password": "correct-horse-battery"})
    wrong = client.post(
        ADMIN_LOGIN,
        {"username": "desk", "password": "correct-horse-battery", "otp_token": "11111111"},
    )
    assert "_auth_user_id" not in client.session
    assert without.status_code == wrong.status_code == 200

    with time_machine.travel(
        timezone.now() + timedelta(minutes=1)
    ):  # past the wrong code's throttle
        right = client.post(
            ADMIN_LOGIN,
            {"username": "desk", "password": "correct-horse-battery", "otp_token": "24681357"},
        )
    assert right.status_code == 302
    assert client.get(reverse("admin:index")).status_code == 200


def test_a_password_alone_does_not_open_the_admin(client, staff):
    client.force_login(staff)  # password checked, no second factor

    response = client.get(reverse("admin:index"))

    assert response.status_code == 302
    assert response.url.startswith(ADMIN_LOGIN)


def test_the_demo_logins_get_in_with_a_printed_code_once(client):
    call_command("demo_data", "--i-know-this-is-not-production", stdout=io.StringIO())

    first = client.post(
        ADMIN_LOGIN,
        {"username": "reception", "password": "kingsway-reception-demo", "otp_token": "100001"},
    )
    assert first.status_code == 302
    client.logout()
    again = client.post(
        ADMIN_LOGIN,
        {"username": "reception", "password": "kingsway-reception-demo", "otp_token": "100001"},
    )
    assert again.status_code == 200  # each code works once

    call_command(
        "demo_data", "--i-know-this-is-not-production", stdout=io.StringIO()
    )  # make run puts the codes back
    from django_otp.plugins.otp_static.models import StaticDevice

    StaticDevice.objects.update(throttling_failure_count=0, throttling_failure_timestamp=None)
    assert (
        client.post(
            ADMIN_LOGIN,
            {"username": "reception", "password": "kingsway-reception-demo", "otp_token": "100001"},
        ).status_code
        == 302
    )


def test_enrolment_prints_an_authenticator_key_and_ten_recovery_codes(staff, capsys):
    from django_otp.plugins.otp_static.models import StaticToken
    from django_otp.plugins.otp_totp.models import TOTPDevice

    call_command("twofactor_enrol", "desk")

    out = capsys.readouterr().out
    assert "otpauth://totp/" in out
    assert TOTPDevice.objects.filter(user=staff, confirmed=True).count() == 1
    codes = list(StaticToken.objects.filter(device__user=staff).values_list("token", flat=True))
    assert len(codes) == 10 and all(code in out for code in codes)


def test_logging_in_starts_a_new_session(client, staff):
    client.get(ADMIN_LOGIN)
    client.session["something"] = "before"
    before = client.session.session_key

    login_with_second_factor(client, staff)

    assert client.session.session_key != before


def test_a_staff_session_ends_after_half_an_hour_idle(client, staff):
    with time_machine.travel(timezone.now(), tick=False) as clock:
        login_with_second_factor(client, staff)
        assert client.get(reverse("admin:index")).status_code == 200
        clock.shift(timedelta(minutes=29))
        assert client.get(reverse("admin:index")).status_code == 200
        clock.shift(timedelta(minutes=31))

        response = client.get(reverse("admin:index"))

    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_a_staff_session_ends_after_ten_hours_however_busy(client, staff):
    with time_machine.travel(timezone.now(), tick=False) as clock:
        login_with_second_factor(client, staff)
        for _ in range(21):  # a request every half hour, never idle
            assert client.get(reverse("admin:index")).status_code == 200
            clock.shift(timedelta(minutes=29))

        response = client.get(reverse("admin:index"))

    assert response.status_code == 302


def test_passwords_must_be_strong(staff):
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    for weak in ["short1", "password1234", "123456789012"]:
        with pytest.raises(ValidationError):
            validate_password(weak, staff)
    validate_password("plum-quarry-lantern-41", staff)


def test_the_site_hashes_passwords_with_pbkdf2_though_the_tests_use_a_fast_hasher():
    from django.conf import global_settings

    import clinic.settings

    hashers = getattr(clinic.settings, "PASSWORD_HASHERS", global_settings.PASSWORD_HASHERS)
    assert hashers[0] == "django.contrib.auth.hashers.PBKDF2PasswordHasher"
