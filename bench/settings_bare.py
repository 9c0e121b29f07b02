"""The bench settings with no middleware at all: the trivial view's floor under gunicorn.

    DJANGO_SETTINGS_MODULE=bench.settings_bare gunicorn ... --bind 127.0.0.1:8717
    BENCH_BASE=http://127.0.0.1:8717 bench/wrk.sh constant

Compared with the same trivial view on the usual server, in the same minutes,
it gives what the middleware costs every request.
"""

from bench.settings import *  # noqa: F403

MIDDLEWARE: list[str] = []
