"""What the middleware costs the trivial view: CPU per request through Django's WSGI
handler, with the site's middleware, with Django's startproject list, with none, and
with each named one left out.

    . bench/env.sh
    .venv/bin/python bench/middleware_cost.py [csrf messages ...] [--requests 20000 --rounds 3]

No server and no network: the WSGI handler is called in this process, as gunicorn
calls it, so the figure is the framework's and the middleware's alone. The best of
the rounds is printed, then every round.
"""

import argparse
import io
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.core.handlers.wsgi import WSGIHandler  # noqa: E402
from django.test import override_settings  # noqa: E402


def environ(path: str = "/bench/constant", *, form: bytes = b"", cookie: str = "") -> dict:
    """A request as gunicorn hands it to Django: a GET, or a form's POST when `form` is given."""
    host = settings.ALLOWED_HOSTS[0]
    request = {
        "REQUEST_METHOD": "POST" if form else "GET",
        "PATH_INFO": path,
        "QUERY_STRING": "",
        "SERVER_NAME": host,
        "SERVER_PORT": "80",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_HOST": host,
        "HTTP_USER_AGENT": "wrk",
        "REMOTE_ADDR": "127.0.0.1",
        "wsgi.input": io.BytesIO(form),
        "wsgi.errors": sys.stderr,
        "wsgi.url_scheme": "http",
    }
    if form:
        request["CONTENT_TYPE"] = "application/x-www-form-urlencoded"
        request["CONTENT_LENGTH"] = str(len(form))
    if cookie:
        request["HTTP_COOKIE"] = cookie
    return request


# What `django-admin startproject` lists: Django's own protections, with no addition of the site's.
STARTPROJECT = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]


def cost_us(requests: int) -> float:
    handler = WSGIHandler()
    for _ in range(200):  # warm
        handler(environ(), lambda status, headers: None).close()
    started = time.process_time()
    for _ in range(requests):
        response = handler(environ(), lambda status, headers: None)
        b"".join(response)
        response.close()
    return (time.process_time() - started) / requests * 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("leave_out", nargs="*", help="part of a middleware's dotted path")
    parser.add_argument("--requests", type=int, default=20000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()

    variants = {
        "site's middleware": settings.MIDDLEWARE,
        "Django's startproject middleware only": STARTPROJECT,
        "no middleware": [],
    }
    for name in args.leave_out:
        variants[f"without {name}"] = [m for m in settings.MIDDLEWARE if name not in m]
    results: dict[str, list[float]] = {name: [] for name in variants}
    for _ in range(args.rounds):
        for name, middleware in variants.items():
            with override_settings(MIDDLEWARE=middleware):
                results[name].append(cost_us(args.requests))
    for name, figures in results.items():
        rounds = ", ".join(f"{figure:.1f}" for figure in figures)
        print(f"{name:32s} {min(figures):6.1f} µs a request  ({rounds})")


if __name__ == "__main__":
    main()
