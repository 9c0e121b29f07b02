#!/usr/bin/env bash
# Every load run, one after the other, against the bench server on 127.0.0.1.
# Needs the server up and bench/prepare.py run (it writes bench/out/targets.sh).
#
#   bench/wrk.sh                 # all pages, 20 s each, 2 threads, 20 connections
#   DURATION=10s bench/wrk.sh slot post
# The POST and journey runs last POST_DURATION (6 s), so the free times last the whole run.
#
# Prints one line per page and keeps wrk's full output in bench/out/wrk-<page>.txt.
# "post" books free times (run bench/prepare.py again before repeating it);
# "journey" books the same times the whole way, details form, POST and
# confirmation, and is left out of the default list: it needs bench/prepare.py
# before it too, which this script runs itself when a booking run came first;
# "taken" posts times nobody is free at, which the site refuses with a 409.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/out/targets.sh
BASE=${BENCH_BASE:-$BASE}  # another server of the same code and database, e.g. a prototype

DURATION=${DURATION:-20s}
THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-20}
export WRK_THREADS=$THREADS

case "$BASE" in http://127.0.0.1:*) ;; *) echo "only 127.0.0.1, not $BASE" >&2; exit 2 ;; esac

port=${BASE##*:}
port=${port%%/*}
db=${DATABASE_URL##*/}

run() {
    local name=$1; shift
    local out=bench/out/wrk-$name.txt
    local duration=$DURATION
    case $name in post|journey) duration=${POST_DURATION:-6s} ;; esac
    echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)" > "$out"
    python3 bench/cpu.py --port "$port" --db "$db" --out "$out.cpu" &
    local sampler=$!
    sleep 0.5
    # A 10 s time-out, not wrk's 2 s, so the slowest answers count in the percentiles.
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"$duration" --timeout 10s --latency "$@" >> "$out"
    kill "$sampler"
    wait "$sampler" || true
    echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$out"
    local result cpu
    result=$(grep '^RESULT' "$out" | cut -d' ' -f2-)
    # The journey's cost is per booking too: three requests make one.
    cpu=$(python3 -c 'import json, math, sys; c = json.load(open(sys.argv[1])); n = int(sys.argv[2]) or 1
total = sum(c.values()); b = int(sys.argv[3]) if sys.argv[3] else None
per = [] if b is None else [f"cpu_ms_per_booking={total / b if b else math.inf:.2f}"]
print(" ".join([f"cpu_ms_per_req={total / n:.2f}"] + per + [f"cpu_{k}_ms={v}" for k, v in sorted(c.items())]))' \
        "$out.cpu" "$(sed -E 's/.*requests=([0-9]+).*/\1/' <<< "$result")" \
        "$(sed -nE 's/.* bookings=([0-9]+).*/\1/p' <<< "$result")")
    printf '%-9s %s %s load_before=%s load_after=%s\n' "$name" "$result" "$cpu" \
        "$(sed -n 's/^load before: \([^ ]*\).*/\1/p' "$out")" "$(sed -n 's/^load after: \([^ ]*\).*/\1/p' "$out")"
    sleep 2
}

pages=${*:-constant sized home guide slot manage admin diary week freetimes post taken}
booked=
for page in $pages; do
    # A second booking run in one call would find the first one's times taken.
    case $page in
        post|journey)
            if [ -n "$booked" ]; then
                echo "bench/prepare.py before $page" >&2
                .venv/bin/python bench/prepare.py > /dev/null
            fi
            booked=1 ;;
    esac
    case $page in
        constant) run constant -s bench/lua/report.lua "$BASE/bench/constant" ;;
        sized)    run sized -s bench/lua/report.lua "$BASE/bench/sized" ;;
        kept)     run kept -s bench/lua/report.lua "$BASE/bench/kept" ;;
        home)     run home -s bench/lua/report.lua "$BASE/" ;;
        guide)    run guide -s bench/lua/report.lua "$BASE$GUIDE_PATH" ;;
        slot)     run slot -s bench/lua/report.lua "$BASE$SLOT_PATH" ;;
        manage)   run manage -s bench/lua/report.lua "$BASE$MANAGE_PATH" ;;
        admin)    run admin -s bench/lua/report.lua -H "Cookie: $ADMIN_COOKIE" "$BASE$ADMIN_PATH" ;;
        # The changelist's own floor: five treatments, no filters, no date links.
        adminfloor) run adminfloor -s bench/lua/report.lua -H "Cookie: $ADMIN_COOKIE" "$BASE/admin/bookings/treatment/" ;;
        diary)    run diary -s bench/lua/report.lua -H "Cookie: $ADMIN_COOKIE" "$BASE$DIARY_PATH" ;;
        week)     run week -s bench/lua/report.lua -H "Cookie: $ADMIN_COOKIE" "$BASE$WEEK_PATH" ;;
        freetimes) run freetimes -s bench/lua/report.lua -H "Cookie: $ADMIN_COOKIE" "$BASE$FREE_TIMES_PATH" ;;
        post)     BOOK_DATA=bench/out/book_data.lua run post -s bench/lua/book.lua "$BASE/" ;;
        journey)  BOOK_DATA=bench/out/book_data.lua run journey -s bench/lua/journey.lua "$BASE/" ;;
        taken)    BOOK_CYCLE=1 BOOK_DATA=bench/out/book_taken.lua run taken -s bench/lua/book.lua "$BASE/" ;;
        *) echo "unknown page $page" >&2; exit 2 ;;
    esac
done
