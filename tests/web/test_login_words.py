"""What staff read when logging in: plain English, not the libraries' jargon."""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticDevice

from tests.factories import staff_user_make

pytestmark = pytest.mark.django_db

ADMIN_LOGIN = reverse("admin:login")
PASSWORD = "a-long-test-password"


@pytest.fixture
def desk():
    user = staff_user_make("desk", group="Reception")
    StaticDevice.objects.create(user=user, name="codes").token_set.create(token="24681357")
    return user


def log_in(client, code):
    return client.post(ADMIN_LOGIN, {"username": "desk", "password": PASSWORD, "otp_token": code})


def test_the_lockout_page_says_how_long_in_words(client, desk, settings):
    settings.AXES_FAILURE_LIMIT = 1
    settings.AXES_COOLOFF_TIME = timedelta(minutes=30)
    client.post(ADMIN_LOGIN, {"username": "desk", "password": "wrong", "otp_token": "1"})

    html = log_in(client, "24681357").content.decode()

    assert "paused for 30 minutes." in html
    assert "PT30M" not in html


def test_the_admin_login_names_the_code_field_plainly(client):
    html = client.get(ADMIN_LOGIN).content.decode()

    assert "Code from your authenticator app or a recovery code" in html
    assert "OTP" not in html


def test_a_wrong_code_and_a_throttled_code_are_explained_plainly(client, desk):
    wrong = log_in(client, "11111111").content.decode()
    throttled = log_in(client, "24681357").content.decode()  # straight after a wrong one

    assert "That code is not right. Check it and try again" in wrong
    assert "Invalid token" not in wrong
    assert "Too many wrong codes" in throttled
    assert "Verification temporarily disabled" not in throttled
    with time_machine.travel(timezone.now() + timedelta(minutes=1)):
        assert log_in(client, "24681357").status_code == 302
