"""{% url %} and {% static %} for the links every page carries, worked out once per process.

Reversing a URL and looking up a static file's hashed name cost the base
template, on every page, more than the rest of it together. A URL without
arguments and a static file's address do not change while a process runs (a
deploy is a new process, with a new manifest), so each is worked out the
first time and kept, per script prefix and URLconf for URLs. A test that changes
settings (ROOT_URLCONF, STATIC_URL, STORAGES) empties them through setting_changed.
The output is escaped as {% url %} and {% static %} escape theirs.
"""

from functools import cache

from django import template
from django.core.signals import setting_changed
from django.templatetags.static import static
from django.urls import get_script_prefix, get_urlconf, reverse

register = template.Library()


@cache
def _reversed(name: str, prefix: str, urlconf: str | None) -> str:
    return reverse(name, urlconf=urlconf)


@cache
def _static(path: str) -> str:
    return static(path)


@register.simple_tag
def fixed_url(name: str) -> str:
    """`{% url name %}` for a URL that takes no arguments."""
    return _reversed(name, get_script_prefix(), get_urlconf())


@register.simple_tag
def fixed_static(path: str) -> str:
    """`{% static path %}`."""
    return _static(path)


def _forget(**kwargs) -> None:
    _reversed.cache_clear()
    _static.cache_clear()


setting_changed.connect(_forget)
