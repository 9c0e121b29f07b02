"""The production settings, plus the trivial view the benchmarks compare every page with.

Only ROOT_URLCONF differs, so every page runs under the same middleware,
database and cache as in `clinic.settings`.
"""

from clinic.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
