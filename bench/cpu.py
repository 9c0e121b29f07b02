"""CPU time that one load run cost, read from /proc, whatever else the machine is doing.

    bench/cpu.py --port 8716 --db benchscale --out FILE &   # until it gets SIGTERM

Samples twice a second the CPU time (user + system) of the gunicorn server
listening on the port (master and workers), of the PostgreSQL backends
connected to the database, and of wrk loading that port, then writes their
totals in milliseconds as JSON. Backends that come and go during the run
(connections live DATABASE_CONN_MAX_AGE seconds) are counted up to their
last sample. Redis is shared with other users and is left out; the clinic
asks it for little.

On a shared machine, requests per second fall when others are busy; CPU
milliseconds per request do not, so they show what a page costs.
"""

import argparse
import json
import os
import signal
import time
from pathlib import Path

TICK_MS = 1000 / os.sysconf("SC_CLK_TCK")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", required=True)
    parser.add_argument("--db", required=True)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()

    first: dict[tuple[str, int], float] = {}
    last: dict[tuple[str, int], float] = {}
    stopping = False

    def stop(*_):
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGTERM, stop)
    while True:
        for key, cpu in sample(args.port, args.db).items():
            first.setdefault(key, 0.0 if sample.started else cpu)
            last[key] = cpu
        sample.started = True
        if stopping:
            break
        time.sleep(0.5)
    totals: dict[str, float] = {}
    for (kind, pid), cpu in last.items():
        totals[kind] = totals.get(kind, 0.0) + cpu - first[(kind, pid)]
    Path(args.out).write_text(json.dumps({k: round(v) for k, v in totals.items()}))


def sample(port: str, db: str) -> dict[tuple[str, int], float]:
    """CPU milliseconds so far of each process that serves or loads the port."""
    found = {}
    masters = []
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            cmdline = (proc / "cmdline").read_bytes().replace(b"\0", b" ").decode()
        except OSError:
            continue
        if "gunicorn" in cmdline and f"127.0.0.1:{port}" in cmdline:
            masters.append(proc.name)
        elif cmdline.startswith("postgres:") and f" {db} " in cmdline:
            found[("postgres", int(proc.name))] = cpu_ms(proc.name)
        elif cmdline.startswith("wrk ") and f"127.0.0.1:{port}" in cmdline:
            found[("wrk", int(proc.name))] = cpu_ms(proc.name)
    for master in masters:
        # Workers are the master's children; the master's own command line names the port.
        children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
        for pid in [master, *children]:
            found[("gunicorn", int(pid))] = cpu_ms(pid)
    return {key: value for key, value in found.items() if value is not None}


sample.started = False


def cpu_ms(pid: str) -> float | None:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) * TICK_MS  # utime, stime


if __name__ == "__main__":
    main()
