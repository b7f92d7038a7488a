#!/usr/bin/env bash
# Under load and slow clients (issue #26 item 6), on SQLite with 20,000 needs: the needs list's
# requests/s and p99 (wrk, 64 connections, 10 s) alone, then while 1,000 idle keep-alive
# connections and 100 clients sending a request one byte a second hold the server
# (bench/slow_clients.py, which then says what became of them); then a soak of SOAK seconds
# (600 unless told) at 64 connections on the list and the support endpoint, printing the
# server's resident memory at the start, every minute and at the end.
#   bash bench/slow_clients.sh        (WORK=dir reuses seeded data; SOAK=600)
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${DURATION:-10s}
CONNECTIONS=${CONNECTIONS:-64}
NEEDS=${NEEDS:-20000}
SOAK=${SOAK:-600}

command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
cargo build --release --quiet -p concerto -p concerto-bench
work=${WORK:-$(mktemp -d)}
source bench/lib.sh
if [ ! -f "$work/params.env" ]; then
  echo "Seeding $NEEDS needs on SQLite…"
  target/release/seed-needs "sqlite://$work/slow.db" "$work" "$NEEDS" 2000 >/dev/null
fi
# shellcheck disable=SC1091
source "$work/params.env"
python3 -c "import sqlite3,sys; c = sqlite3.connect(sys.argv[1]); c.execute('DELETE FROM rate_limits'); c.commit()" "$work/slow.db"
port=$(free_port)
CONCERTO_LOG=warn DATABASE_URL="sqlite://$work/slow.db" CONCERTO_DATA_DIR="$work" \
  target/release/concerto serve --bind "127.0.0.1:$port" --public-url "http://127.0.0.1:$port" \
  >"$work/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
wait_up "$port"
rss() { awk '/VmRSS/ {printf "%.0f MB", $2 / 1024}' "/proc/$server/status"; }
list="http://127.0.0.1:$port/demarches/$SLUG/besoins"

echo "== SQLite, $NEED_COUNT needs, $CONNECTIONS connections, $DURATION each, release, $(nproc) cores"
printf '%-40s %10s %9s %9s\n' endpoint requests/s p50 p99
NAME_WIDTH=40 load "list, alone" "$list"
python3 bench/slow_clients.py "127.0.0.1:$port" "/demarches/$SLUG/besoins" 1000 100 60 >"$work/held.txt" &
holders=$!
sleep 15
NAME_WIDTH=40 load "list, 1,000 idle + 100 slow clients" "$list"
echo "server's open connections meanwhile: $(find "/proc/$server/fd" -mindepth 1 | wc -l) file descriptors"
wait "$holders"
cat "$work/held.txt"

echo
echo "== soak: $SOAK s at $CONNECTIONS connections (list and supports), resident memory"
WARM=no RUNS=1 DURATION=5s load "warm-up" "$list" >/dev/null
echo "start: $(rss)"
wrk -t1 -c$((CONNECTIONS / 2)) -d"${SOAK}s" "$list" >"$work/soak-list.txt" &
soak_list=$!
BENCH_DIR="$work" wrk -t1 -c$((CONNECTIONS / 2)) -d"${SOAK}s" -s bench/support.lua "http://127.0.0.1:$port" >"$work/soak-support.txt" &
soak_support=$!
for minute in $(seq 1 $((SOAK / 60))); do sleep 60; echo "after $minute min: $(rss)"; done
wait "$soak_list" "$soak_support"
echo "end: $(rss); list $(awk '/Requests\/sec/ {print $2}' "$work/soak-list.txt") requests/s, supports $(awk '/Requests\/sec/ {print $2}' "$work/soak-support.txt") requests/s"
