"""The base template's links, worked out once per process, are those {% url %} and
{% static %} give (clinic/web/templatetags/fixed_links.py)."""

import re

import pytest
from django.template import Context, Template
from django.test import override_settings
from django.urls import clear_script_prefix, set_script_prefix

BASE_LINKS = [
    ("url", "home"),
    ("url", "education:hub"),
    ("url", "bookings:start"),
    ("url", "bookings:lost_link"),
    ("url", "privacy"),
    ("static", "favicon.svg"),
    ("static", "vendor/bootstrap/css/bootstrap.min.css"),
    ("static", "css/clinic.css"),
]


def both(tag: str, name: str) -> tuple[str, str]:
    source = f"{{% load static fixed_links %}}{{% {tag} '{name}' %}}|{{% fixed_{tag} '{name}' %}}"
    standard, fixed = Template(source).render(Context()).split("|")
    return standard, fixed


@pytest.mark.parametrize(("tag", "name"), BASE_LINKS)
def test_each_link_is_what_the_standard_tag_gives(tag, name):
    standard, fixed = both(tag, name)

    assert fixed == standard and fixed.startswith("/")
    assert both(tag, name) == (standard, fixed)  # and again, kept


def test_the_base_template_uses_them_for_every_link_it_carries():
    with open("templates/base.html") as base:
        source = base.read()

    assert not re.search(r"{% (url|static) ", source)
    for tag, name in BASE_LINKS:
        assert f"{{% fixed_{tag} '{name}' %}}" in source


def test_a_changed_static_url_is_followed():
    both("static", "css/clinic.css")  # kept under the settings before

    with override_settings(STATIC_URL="/assets/"):
        standard, fixed = both("static", "css/clinic.css")

    assert fixed == standard and fixed.startswith("/assets/")


def test_a_script_prefix_is_followed():
    both("url", "home")
    set_script_prefix("/clinic/")
    try:
        standard, fixed = both("url", "home")
    finally:
        clear_script_prefix()

    assert fixed == standard == "/clinic/"
