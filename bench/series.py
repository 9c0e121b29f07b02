"""Runs bench/wrk.sh several times and reports each page's median against the trivial view.

    . bench/env.sh && .venv/bin/python bench/series.py --rounds 3
    .venv/bin/python bench/series.py --server before=http://127.0.0.1:8716 \\
        --server after=http://127.0.0.1:8717      # two servers, rounds interleaved

Each round starts with bench/probe.py's line (how fast the machine is just
then: on a shared machine every ratio drops as the ORM's compile time rises)
and runs every page once on each server, the trivial view first, with
bench/prepare.py before the booking POSTs and before the whole journey so
they find the same free times each time. A page's rate counts only its 200s
and 302s (a booking POST's 409s, and the requests after its list of free
times ran out, are left out); the journey's counts its bookings alone (the
POSTs' 302s), not its three requests each, and its CPU is per booking. Its
ratio is that rate over the trivial
view's in the same round on the same server; the table gives the median of
each column over the rounds. Interleaving spreads whatever else the machine
is doing over both servers alike. "CPU ratio" is the trivial view's CPU
milliseconds per request over the page's (bench/cpu.py): what the ratio
would be on a quiet machine where the CPU is the limit.

With --paired, the trivial view is run again just before each page, and each
page's ratios are to that run: on a shared machine the speed drifts within a
round by more than the gaps measured.
"""

import argparse
import os
import re
import statistics
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
PAGES = [
    "constant",
    "sized",
    "kept",
    "home",
    "guide",
    "slot",
    "manage",
    "admin",
    "adminfloor",
    "diary",
    "week",
    "freetimes",
    "post",
    "journey",
    "taken",
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument(
        "--server",
        action="append",
        metavar="LABEL=URL",
        help="a server to load (default: the one in bench/out/targets.sh); repeat to compare",
    )
    parser.add_argument("--pages", nargs="*", default=PAGES)
    parser.add_argument(
        "--paired",
        action="store_true",
        help="run the trivial view again just before each page, and compare the page with that",
    )
    args = parser.parse_args()

    servers = dict(server.split("=", 1) for server in args.server or ["current="])
    results: dict[str, list[dict]] = {label: [] for label in servers}
    for n in range(args.rounds):
        for label, base in servers.items():
            env = dict(os.environ, BENCH_BASE=base) if base else dict(os.environ)
            round_label = f"round {n + 1} {label}"
            results[label].append(round_run(args.pages, env, round_label, paired=args.paired))
    for label, rounds in results.items():
        table_print(label, rounds, args.pages)


def round_run(pages: list[str], env: dict, label: str, *, paired: bool = False) -> dict:
    found = {}
    # How fast the machine is as the round starts (bench/probe.py): ratios drop with it.
    probe = subprocess.run(
        [sys.executable, str(HERE / "probe.py")],
        check=True,
        env=env,
        capture_output=True,
        text=True,
    ).stdout.strip()
    print(f"{label} {probe}", flush=True)
    for page in pages:
        if page in ("post", "journey"):
            subprocess.run(
                [sys.executable, str(HERE / "prepare.py")],
                check=True,
                env=env,
                stdout=subprocess.DEVNULL,
            )
        if paired and page != "constant":
            # On a shared machine the speed drifts within a round: the trivial view
            # measured just before the page is the fairer comparison.
            found[f"constant@{page}"] = wrk_run("constant", env, f"{label} (for {page})")
        found[page] = wrk_run(page, env, label)
    return found


def wrk_run(page: str, env: dict, label: str) -> dict:
    out = subprocess.run(
        [str(HERE / "wrk.sh"), page], check=True, env=env, capture_output=True, text=True
    ).stdout
    line = out.strip().splitlines()[-1]
    print(f"{label} {line}", flush=True)
    return parse(line)


def table_print(label: str, rounds: list[dict], pages: list[str]) -> None:
    print(f"\n{label}: median of {len(rounds)} rounds")
    print(
        "| page | answered/s | ratio to trivial | p50 ms | p95 ms | p99 ms "
        "| CPU ms/req | of which PostgreSQL | CPU ratio to trivial | answers (last round) "
        "| load before/after (last) |"
    )
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |")
    for page in pages:
        rows = [r[page] for r in rounds]
        # The journey's rate is bookings a second, so its cost is per booking.
        per_booking = all("bookings" in row for row in rows)
        cpu_key = "cpu_ms_per_booking" if per_booking else "cpu_ms_per_req"
        count_key = "bookings" if per_booking else "requests"
        ratio = cpu_ratio = float("nan")
        if "constant" in pages:
            # The trivial view run just before the page (--paired), or the round's first.
            trivial = [r.get(f"constant@{page}", r["constant"]) for r in rounds]
            ratio = statistics.median(
                r[page]["answered_rps"] / t["answered_rps"]
                for r, t in zip(rounds, trivial, strict=True)
            )
            cpu_ratio = statistics.median(
                t["cpu_ms_per_req"] / r[page][cpu_key] for r, t in zip(rounds, trivial, strict=True)
            )
        postgres = statistics.median(
            r.get("cpu_postgres_ms", 0) / r[count_key] if r[count_key] else float("nan")
            for r in rows
        )
        print(
            f"| {page} | {med(rows, 'answered_rps'):.0f} | {ratio:.1%} | {med(rows, 'p50_ms'):.1f} "
            f"| {med(rows, 'p95_ms'):.1f} | {med(rows, 'p99_ms'):.1f} "
            f"| {med(rows, cpu_key):.2f} | {postgres:.2f} | {cpu_ratio:.1%} "
            f"| {rows[-1]['statuses']} "
            f"| {rows[-1].get('load_before')}/{rows[-1].get('load_after')} |"
        )
    if "journey" in pages:
        print(
            "\njourney: bookings a second (the POSTs' 302s) and CPU ms per booking, not per request"
        )


def parse(line: str) -> dict:
    values = dict(re.findall(r"(\w+)=(\S+)", line))
    return {
        key: (value if key in ("statuses", "load_before", "load_after") else float(value))
        for key, value in values.items()
    }


def med(rows: list[dict], key: str) -> float:
    return statistics.median(row[key] for row in rows)


if __name__ == "__main__":
    main()
