"""The production line-up, started from an empty folder with only the README's variables.

Run by `make test` (`python -m tests.production.lineup`), and by hand the same
way. It copies the checkout (as a fresh clone would have it) into an empty
temporary folder, makes a fresh PostgreSQL database, starts a small SMTP
server, runs the Procfile's `release` line (migrate, collectstatic), then its
`web`, `worker` and `beat` lines on free ports, checks that each comes up and
that beat ticks, books an appointment over plain HTTP and waits for its
email to arrive through the worker, checks that every process is still up,
and stops everything, also when a step fails.

It reads TEST_DATABASE_URL (the server to make its database on), TEST_REDIS_URL
and TEST_BROKER_URL, as `make test` sets them. Plain HTTP on 127.0.0.1 without a
TLS proxy in front needs SECURE_SSL_REDIRECT=false and BEHIND_TLS_PROXY=false;
the cookies keep their Secure flag, and this client sends them back itself.
"""

import contextlib
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
BIN = REPO / ".venv" / "bin"
PATIENT = "lineup.patient@example.com"
STAY_UP_SECONDS = 10
# However a step hangs, the whole check ends, and cleans up, within this.
DEADLINE_SECONDS = 180


class LineUpFailed(Exception):
    pass


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def production_env(
    *,
    database_url: str,
    redis_url: str,
    broker_url: str,
    smtp_port: int,
    web_port: int,
    **extra: str,
) -> dict[str, str]:
    """The README's production variables, and nothing else from the calling shell."""
    site = f"http://127.0.0.1:{web_port}"
    env = {name: os.environ[name] for name in ("HOME", "LANG", "TZ") if name in os.environ}
    env.update(
        PATH=f"{BIN}:/usr/local/bin:/usr/bin:/bin",
        DEBUG="false",
        SECRET_KEY=secrets.token_urlsafe(64),
        ALLOWED_HOSTS="127.0.0.1",
        CSRF_TRUSTED_ORIGINS=site,
        SITE_URL=site,
        DATABASE_URL=database_url,
        REDIS_URL=redis_url,
        CELERY_BROKER_URL=broker_url,
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=str(smtp_port),
        EMAIL_USE_TLS="false",
        # No TLS proxy in front: plain HTTP, and no X-Forwarded-* header to trust.
        SECURE_SSL_REDIRECT="false",
        BEHIND_TLS_PROXY="false",
        TRUSTED_PROXIES="0",
        PORT=str(web_port),
        WEB_CONCURRENCY="2",
        CELERY_CONCURRENCY="1",
        # gunicorn's own option, not the site's: no control socket in the shared ~/.gunicorn.
        GUNICORN_CMD_ARGS="--no-control-socket",
    )
    env.update(extra)
    return env


def procfile() -> dict[str, str]:
    lines = (REPO / "Procfile").read_text().splitlines()
    return dict(line.split(": ", 1) for line in lines if line.strip())


def fresh_checkout(folder: Path) -> Path:
    """The checkout's files as a clone has them (no data/, no staticfiles/), in `folder`."""
    files = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=REPO,
        capture_output=True,
        check=True,
    ).stdout.split(b"\0")
    app = folder / "app"
    for name in filter(None, files):
        source = REPO / name.decode()
        if source.is_file():
            target = app / name.decode()
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
    # What `npm ci` would install: Bootstrap, which collectstatic copies.
    (app / "node_modules").symlink_to(REPO / "node_modules")
    return app


@contextlib.contextmanager
def fresh_database(server_url: str) -> Iterator[str]:
    """A new, empty PostgreSQL database on the server of `server_url`, dropped afterwards."""
    import psycopg2

    parts = urllib.parse.urlsplit(server_url)
    name = f"lineup_{os.getpid()}_{secrets.token_hex(3)}"

    def admin(sql: str) -> None:
        connection = psycopg2.connect(
            dbname="postgres",
            user=parts.username,
            password=parts.password,
            host=parts.hostname,
            port=parts.port,
        )
        connection.autocommit = True
        try:
            connection.cursor().execute(sql)
        finally:
            connection.close()

    admin(f'CREATE DATABASE "{name}"')
    try:
        yield urllib.parse.urlunsplit(parts._replace(path=f"/{name}"))
    finally:
        admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


class Processes:
    """Long-running processes, each in its own process group, all stopped on leaving."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.running: dict[str, subprocess.Popen] = {}

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stop()

    def start(self, name: str, command: str, *, env: dict[str, str], cwd: Path) -> None:
        log = (self.folder / f"{name}.log").open("w")
        self.running[name] = subprocess.Popen(
            ["sh", "-c", f"exec {command}"],
            cwd=cwd,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def log(self, name: str) -> str:
        return (self.folder / f"{name}.log").read_text(errors="replace")

    def wait_for(self, name: str, pattern: str, *, timeout: float) -> None:
        """Waits until the process's output matches `pattern`; fails if it exits first."""
        deadline = time.monotonic() + timeout
        while not re.search(pattern, self.log(name)):
            self.check_up(name)
            if time.monotonic() > deadline:
                raise LineUpFailed(
                    f"{name}: no {pattern!r} within {timeout:.0f} s:\n{self.log(name)[-3000:]}"
                )
            time.sleep(0.2)

    def check_up(self, *names: str) -> None:
        for name in names or self.running:
            code = self.running[name].poll()
            if code is not None:
                raise LineUpFailed(f"{name} exited with {code}:\n{self.log(name)[-3000:]}")

    def stop(self) -> None:
        for process in self.running.values():
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGTERM)
        deadline = time.monotonic() + 15
        for process in self.running.values():
            try:
                process.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(process.pid, signal.SIGKILL)
                process.wait()


def run(command: str, *, env: dict[str, str], cwd: Path, timeout: float = 120) -> None:
    result = subprocess.run(
        ["sh", "-c", command],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    if result.returncode:
        raise LineUpFailed(
            f"{command!r} exited with {result.returncode}:\n{result.stdout}{result.stderr}"
        )


class Browser:
    """Just enough of a browser for a booking: cookies by name, no redirects followed."""

    def __init__(self, base: str):
        self.base = base
        self.cookies: dict[str, str] = {}

    def request(self, path: str, data: dict | None = None) -> tuple[int, str, dict[str, str]]:
        body = urllib.parse.urlencode(data, doseq=True).encode() if data is not None else None
        request = urllib.request.Request(self.base + path, data=body)
        if self.cookies:
            request.add_header("Cookie", "; ".join(f"{k}={v}" for k, v in self.cookies.items()))
        opener = urllib.request.build_opener(_NoRedirects)
        try:
            response = opener.open(request, timeout=20)
        except urllib.error.HTTPError as error:
            response = error
        for header in response.headers.get_all("Set-Cookie") or []:
            name, _, rest = header.partition("=")
            self.cookies[name.strip()] = rest.split(";", 1)[0]
        return response.status, response.read().decode(errors="replace"), dict(response.headers)


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def book_over_http(base: str) -> None:
    """Books the first free time of the line-up's treatment as a patient would."""
    browser = Browser(base)
    status, html, _ = browser.request("/book/lineup-consultation/")
    if status != 200:
        raise LineUpFailed(f"the slot page answered {status}")
    found = re.search(r'href="(/book/lineup-consultation/details/\?[^"]+)"', html)
    if not found:
        raise LineUpFailed("the slot page offered no free time")
    details = found.group(1).replace("&amp;", "&")
    status, html, _ = browser.request(details)
    if status != 200:
        raise LineUpFailed(f"the details page answered {status}")
    hidden = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', html))
    status, html, headers = browser.request(
        details,
        {
            **hidden,
            "patient_name": "Line Up",
            "date_of_birth": "12/04/1988",
            "email": PATIENT,
            "phone": "07700 900123",
            "areas": ["cheeks"],
            "how_long": "1_to_6_months",
            "how_many": "1_to_5",
            "tried_home_removal": "no",
            "pregnancy": "no",
            "privacy_consent": "on",
        },
    )
    if status != 302 or headers.get("Location") != "/book/confirmation/":
        raise LineUpFailed(f"the booking answered {status}:\n{html[-2000:]}")
    status, html, _ = browser.request("/book/confirmation/")
    if status != 200:
        raise LineUpFailed(f"the confirmation page answered {status}")


SETUP_DIARY = """
from datetime import time
from tests.factories import dermatologist_make, treatment_make
treatment = treatment_make(slug="lineup-consultation", name="Line-up consultation")
dermatologist_make(treatments=[treatment], hours={d: [(time(9), time(17))] for d in range(7)})
"""


def lineup_check(*, server_url: str, redis_url: str, broker_url: str) -> float:
    """Runs the whole line-up once; returns the seconds it took. Raises LineUpFailed."""
    from tests.mailserver import MailServer

    began = time.monotonic()
    lines = procfile()
    with (
        tempfile.TemporaryDirectory(prefix="clinic-lineup-") as tmp,
        MailServer() as smtp,
        fresh_database(server_url) as database_url,
        Processes(Path(tmp)) as processes,
    ):
        folder = Path(tmp)
        app = fresh_checkout(folder)
        web_port = free_port()
        env = production_env(
            database_url=database_url,
            redis_url=redis_url,
            broker_url=broker_url,
            smtp_port=smtp.port,
            web_port=web_port,
        )
        step("release: " + lines["release"])
        run(lines["release"], env=env, cwd=app)
        if (app / "data").exists():
            raise LineUpFailed("the release wrote into data/, which production does not use")
        step("a treatment and a dermatologist, as reception would add them")
        run(f"python manage.py shell -c '{SETUP_DIARY}'", env=env, cwd=app)

        step("web, worker and beat, from the Procfile")
        started = time.monotonic()
        processes.start("web", lines["web"], env=env, cwd=app)
        processes.start("worker", lines["worker"], env=env, cwd=app)
        # Its own lines at DEBUG: beat says when it wakes next after each tick.
        processes.start("beat", lines["beat"] + " --loglevel=DEBUG", env=env, cwd=app)
        processes.wait_for("web", r"Booting worker", timeout=30)
        processes.wait_for("worker", r"celery@\S+ ready", timeout=40)
        processes.wait_for("beat", r"beat: Waking up in", timeout=40)
        if not list((app / "data").glob("celerybeat-schedule*")):
            raise LineUpFailed("beat ran from somewhere other than the fresh folder")
        base = f"http://127.0.0.1:{web_port}"
        wait_for_health(base, processes)

        step("a booking over HTTP, and its email through the worker")
        book_over_http(base)
        deadline = time.monotonic() + 30
        while not any(m["To"] == PATIENT for m in smtp.messages):
            processes.check_up()
            if time.monotonic() > deadline:
                raise LineUpFailed(
                    "no email reached the patient within 30 s:\n" + processes.log("worker")[-3000:]
                )
            time.sleep(0.2)

        # Up for a while, not just long enough to answer once.
        time.sleep(max(0.0, started + STAY_UP_SECONDS - time.monotonic()))
        processes.check_up()
        step("every process still up; stopping them")
    return time.monotonic() - began


def wait_for_health(base: str, processes: Processes) -> None:
    deadline = time.monotonic() + 30
    while True:
        processes.check_up("web")
        try:
            with urllib.request.urlopen(base + "/healthz", timeout=5) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        if time.monotonic() > deadline:
            raise LineUpFailed("/healthz did not answer 200 within 30 s:\n" + processes.log("web"))
        time.sleep(0.2)


def step(text: str) -> None:
    print(f"  {time.strftime('%H:%M:%S')} {text}", flush=True)


def main() -> int:
    sys.path.insert(0, str(REPO))
    server_url = os.environ.get("TEST_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/postgres")
    redis_url = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/1")
    broker_url = os.environ.get("TEST_BROKER_URL", "redis://127.0.0.1:6379/0")
    print("The production line-up, from an empty folder:", flush=True)

    def give_up(signum, frame):
        raise LineUpFailed(f"stopped by {signal.Signals(signum).name}")

    # Stopped or stuck, it still stops what it started and drops its database.
    signal.signal(signal.SIGTERM, give_up)
    signal.signal(signal.SIGALRM, give_up)
    signal.alarm(DEADLINE_SECONDS)
    try:
        took = lineup_check(server_url=server_url, redis_url=redis_url, broker_url=broker_url)
    except LineUpFailed as failure:
        print(f"FAILED: {failure}", file=sys.stderr)
        return 1
    print(f"The production line-up works ({timedelta(seconds=round(took))}).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
