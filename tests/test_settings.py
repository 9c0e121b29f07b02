import os
import subprocess
import sys

import pytest
from django.core.exceptions import ImproperlyConfigured

from clinic.env import envbool, envint, envlist, envstr


def test_envbool_reads_the_usual_spellings(monkeypatch):
    for raw, expected in [("true", True), ("1", True), ("Yes", True), ("off", False), ("0", False)]:
        monkeypatch.setenv("FLAG", raw)
        assert envbool("FLAG", default=not expected) is expected


def test_envbool_uses_the_default_when_unset_or_blank(monkeypatch):
    monkeypatch.delenv("FLAG", raising=False)
    assert envbool("FLAG", default=True) is True
    monkeypatch.setenv("FLAG", "  ")
    assert envbool("FLAG", default=False) is False


def test_envbool_names_the_variable_and_the_bad_value(monkeypatch):
    monkeypatch.setenv("DEBUG", "maybe")
    with pytest.raises(ImproperlyConfigured, match=r"DEBUG must be true or false .*'maybe'"):
        envbool("DEBUG", default=True)


def test_envint_refuses_words_and_values_below_the_minimum(monkeypatch):
    monkeypatch.setenv("EMAIL_PORT", "twenty-five")
    with pytest.raises(
        ImproperlyConfigured, match=r"EMAIL_PORT must be a whole number, not 'twenty-five'"
    ):
        envint("EMAIL_PORT", 587)
    monkeypatch.setenv("EMAIL_PORT", "0")
    with pytest.raises(ImproperlyConfigured, match="EMAIL_PORT must be at least 1, not 0"):
        envint("EMAIL_PORT", 587, minimum=1)
    monkeypatch.setenv("EMAIL_PORT", " 2525 ")
    assert envint("EMAIL_PORT", 587, minimum=1) == 2525


def test_envlist_splits_on_commas_and_drops_blanks(monkeypatch):
    monkeypatch.setenv("ALLOWED_HOSTS", "clinic.example, www.clinic.example,,")
    assert envlist("ALLOWED_HOSTS") == ["clinic.example", "www.clinic.example"]
    monkeypatch.delenv("ALLOWED_HOSTS")
    assert envlist("ALLOWED_HOSTS", ["localhost"]) == ["localhost"]
    assert envstr("ALLOWED_HOSTS", "x") == "x"


def _load_settings(**env):
    """Imports the settings in a fresh interpreter with exactly these variables."""
    clean = {k: v for k, v in os.environ.items() if k in {"PATH", "HOME", "LANG"}}
    clean.update(env)
    return subprocess.run(
        [sys.executable, "-c", "import clinic.settings"],
        env=clean,
        capture_output=True,
        text=True,
        check=False,
    )


PRODUCTION = {
    "DEBUG": "false",
    "SECRET_KEY": "kq3" + "8f2Lp0Zs7Vx" * 6,
    "ALLOWED_HOSTS": "clinic.example",
}


def test_production_refuses_to_start_without_a_real_secret_key(tmp_path):
    result = _load_settings(DEBUG="false", DATA_DIR=str(tmp_path))
    assert result.returncode != 0
    assert "SECRET_KEY must be set to a long random value" in result.stderr

    weak = _load_settings(
        DEBUG="false", SECRET_KEY="django-insecure-" + "x" * 60, DATA_DIR=str(tmp_path)
    )
    assert "SECRET_KEY must be set to a long random value" in weak.stderr


def test_production_starts_with_a_long_random_secret_key(tmp_path):
    result = _load_settings(**PRODUCTION, TRUSTED_PROXIES="1", DATA_DIR=str(tmp_path))
    assert result.returncode == 0, result.stderr


def test_a_typo_in_a_setting_stops_start_up_with_its_name(tmp_path):
    result = _load_settings(DEBUG="ture", DATA_DIR=str(tmp_path))
    assert result.returncode != 0
    assert "DEBUG must be true or false" in result.stderr


def test_a_deployment_must_say_debug_out_loud(tmp_path):
    result = _load_settings(DATABASE_URL="postgres://db.example/clinic", DATA_DIR=str(tmp_path))

    assert result.returncode != 0
    assert "DEBUG must be set explicitly" in result.stderr


def test_production_refuses_to_start_without_being_told_how_many_proxies_are_in_front(tmp_path):
    # Guessing either way is wrong for someone: 1 without a proxy lets a client
    # write its own address, 0 behind one makes every patient the proxy.
    result = _load_settings(**PRODUCTION, DATA_DIR=str(tmp_path))

    assert result.returncode != 0
    assert "TRUSTED_PROXIES must be set" in result.stderr


def test_production_counts_the_proxies_it_is_told_of(tmp_path):
    for proxies in ["0", "2"]:
        env = {k: v for k, v in os.environ.items() if k in {"PATH", "HOME", "LANG"}}
        env.update(PRODUCTION, TRUSTED_PROXIES=proxies, DATA_DIR=str(tmp_path))
        result = subprocess.run(
            [sys.executable, "-c", "import clinic.settings as s; print(s.TRUSTED_PROXIES)"],
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )

        assert result.stdout.strip() == proxies, result.stderr
