# Production-shaped settings for the benchmarks. Source it: `. bench/env.sh`.
# Every variable can be overridden from the calling shell.

_bench_dir=$(cd "$(dirname "${BASH_SOURCE[0]:-$0}")" && pwd)
mkdir -p "$_bench_dir/out"

# One key for the server and for the scripts that make its sessions (the
# admin's session is signed with it), kept between shells, never committed.
if [ ! -s "$_bench_dir/out/secret_key" ]; then
    python3 -c 'import secrets; print(secrets.token_urlsafe(64))' > "$_bench_dir/out/secret_key"
fi

export DJANGO_SETTINGS_MODULE=${DJANGO_SETTINGS_MODULE:-bench.settings}
export DEBUG=false
export SECRET_KEY=${SECRET_KEY:-$(cat "$_bench_dir/out/secret_key")}
export ALLOWED_HOSTS=${ALLOWED_HOSTS:-127.0.0.1,localhost}
export DATABASE_URL=${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/benchscale}
export REDIS_URL=${REDIS_URL:-redis://127.0.0.1:6379/6}
export CELERY_BROKER_URL=${CELERY_BROKER_URL:-redis://127.0.0.1:6379/7}
# Inside this checkout, so two people benchmarking on one machine do not share them.
export STATIC_ROOT=${STATIC_ROOT:-$_bench_dir/out/static}
export DATA_DIR=${DATA_DIR:-$_bench_dir/out/data}
# Plain HTTP on 127.0.0.1: no redirect to HTTPS, no proxy header to trust.
export SECURE_SSL_REDIRECT=false
export BEHIND_TLS_PROXY=false
export TRUSTED_PROXIES=${TRUSTED_PROXIES:-0}
# wrk comes from one address; the real limit (60 an hour) would turn the
# booking benchmark into a benchmark of the 429 page.
export RATE_LIMIT_PER_HOUR=${RATE_LIMIT_PER_HOUR:-1000000}
export LOG_LEVEL=${LOG_LEVEL:-WARNING}
export BENCH_PORT=${BENCH_PORT:-8716}
