#!/usr/bin/env bash
# Needs benchmark (issue #5): 100,000 needs over the 197 communes of the demo, texts from the
# Grand Débat answers. For SQLite then PostgreSQL, a release server is loaded by wrk with 64
# connections on loopback for 10 s per endpoint: the list (first page, a deep page, a
# filtered page, a search), the map page, and supports (POST, a random need by a random
# signed-in account), three runs each. Prints requests/s, p50 and p99 of the median run,
# supports stored per second and the server's peak memory; then the same first page served
# by a minimal Django + gunicorn app over the same SQLite data, and the ratio. With both engines
# it ends with PostgreSQL's requests/s over SQLite's per endpoint.
#   bash bench/needs.sh                 # everything
#   ENGINES=sqlite PEER=no bash bench/needs.sh
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${DURATION:-10s}
CONNECTIONS=${CONNECTIONS:-64}
NEEDS=${NEEDS:-100000}
ENGINES=${ENGINES:-sqlite postgres}
PEER=${PEER:-yes}
PG=${PG:-postgres://postgres@127.0.0.1:5432}

command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
cargo build --release --quiet -p concerto -p concerto-bench

work=${WORK:-$(mktemp -d)}
server=""
cleanup() { [ -n "$server" ] && kill "$server" 2>/dev/null; true; }
trap cleanup EXIT
# shellcheck source=bench/lib.sh
source bench/lib.sh

run_sql() {
  case $1 in
    sqlite) python3 -c "import sqlite3,sys; c = sqlite3.connect(sys.argv[1]); r = c.execute(sys.argv[2]).fetchone(); c.commit(); print(r[0] if r else '')" "$work/sqlite/bench.db" "$2" ;;
    postgres) psql -qtA "$PG/concerto_bench" -c "$2" ;;
  esac
}

supports_stored() { run_sql "$1" 'SELECT COUNT(*) FROM supports'; }

# One endpoint measured (lib.sh's `load`), its requests/s noted per engine for the ratios.
measure() {
  load "$@"
  printf '%s\t%s\t%s\n' "$engine" "$1" "$(cat "$work/last_rps")" >>"$work/figures.tsv"
}

rm -f "$work/figures.tsv"
for engine in $ENGINES; do
  mkdir -p "$work/$engine"
  case $engine in
    sqlite) url="sqlite://$work/sqlite/bench.db" ;;
    postgres) url="$PG/concerto_bench" ;;
  esac
  if [ ! -f "$work/$engine/params.env" ]; then
    echo "Seeding $NEEDS needs on $engine…"
    if [ "$engine" = postgres ]; then
      psql -q "$PG/postgres" -c 'DROP DATABASE IF EXISTS concerto_bench' -c 'CREATE DATABASE concerto_bench'
    fi
    target/release/seed-needs "$url" "$work/$engine" "$NEEDS" 2000
  fi
  # Statistics, visibility map and no dead rows left by an earlier run, as a database in
  # service has them (autovacuum would see to it; it may be off on a CI machine).
  [ "$engine" = postgres ] && psql -q "$url" -c "VACUUM ANALYZE"
  # shellcheck disable=SC1091
  source "$work/$engine/params.env"
  # Each account may support 300 needs an hour: a run shortly after another would find the
  # accounts' hours half spent and count refusals instead of supports. Every run starts afresh.
  run_sql "$engine" "DELETE FROM rate_limits WHERE bucket LIKE 'supports:%'" >/dev/null
  port=$(free_port)
  CONCERTO_LOG=warn DATABASE_URL="$url" CONCERTO_DATA_DIR="$work/$engine" \
    target/release/concerto serve --bind "127.0.0.1:$port" --public-url "http://127.0.0.1:$port" \
    >"$work/$engine/server.log" 2>&1 &
  server=$!
  wait_up "$port"
  base="http://127.0.0.1:$port/demarches/$SLUG"
  echo
  echo "== $engine: $NEED_COUNT needs, $CONNECTIONS connections, $DURATION each, release, $(nproc) cores"
  printf '%-22s %10s %9s %9s\n' endpoint requests/s p50 p99
  measure "list, first page" "$base/besoins"
  [ "$engine" = sqlite ] && concerto_rps=$(cat "$work/last_rps")
  measure "list, deep page" "$base/besoins?apres=$DEEP_CURSOR"
  measure "list, theme+commune" "$base/besoins?theme=$THEME&territoire=$COMMUNE"
  measure "list, EPCI" "$base/besoins?territoire=$EPCI"
  measure "search" "$base/besoins?q=$SEARCH"
  measure "map page" "$base/besoins/carte"
  export BENCH_DIR="$work/$engine"
  warm -s bench/support.lua "http://127.0.0.1:$port"
  before=$(supports_stored "$engine")
  WARM=no measure "support (POST)" "http://127.0.0.1:$port" -s bench/support.lua
  after=$(supports_stored "$engine")
  seconds=$(( ${DURATION%s} * ${RUNS:-3} ))
  echo "supports stored: $((after - before)) in $seconds s = $(((after - before) / seconds)) per second"
  echo "server peak memory (VmHWM): $(awk '/VmHWM/ {printf "%.0f MB", $2/1024}' "/proc/$server/status")"
  kill "$server"; wait "$server" 2>/dev/null || true; server=""
done

if [ "$(cut -f1 "$work/figures.tsv" | sort -u | wc -l)" = 2 ]; then
  echo
  echo "== PostgreSQL / SQLite, requests/s in this run"
  python3 - "$work/figures.tsv" <<'PY'
import sys
rps = {}
for line in open(sys.argv[1]):
    engine, name, value = line.rstrip("\n").split("\t")
    rps.setdefault(name, {})[engine] = float(value)
print(f"{'endpoint':22} {'SQLite':>10} {'PostgreSQL':>11} {'ratio':>6}")
for name, by in rps.items():
    print(f"{name:22} {by['sqlite']:10.0f} {by['postgres']:11.0f} {by['postgres'] / by['sqlite']:6.2f}")
PY
fi

if [ "$PEER" = yes ] && [ -n "${concerto_rps:-}" ]; then
  venv="$work/venv"
  [ -x "$venv/bin/gunicorn" ] || { python3 -m venv "$venv" && "$venv/bin/pip" install -q django gunicorn; }
  port=$(free_port)
  workers=$(( $(nproc) * 2 + 1 ))
  (cd bench/django_peer && CONCERTO_BENCH_DB="$work/sqlite/bench.db" \
    "$venv/bin/gunicorn" -w "$workers" -b "127.0.0.1:$port" --log-level warning peer:application \
    >"$work/django.log" 2>&1) &
  server=$!
  for _ in $(seq 1 100); do curl -fs "http://127.0.0.1:$port/demarches/$SLUG/besoins" >/dev/null 2>&1 && break; sleep 0.2; done
  echo
  echo "== peer: Django $("$venv/bin/python" -c 'import django; print(django.get_version())') + gunicorn ($workers sync workers), same SQLite data"
  printf '%-22s %10s %9s %9s\n' endpoint requests/s p50 p99
  load "list, first page" "http://127.0.0.1:$port/demarches/$SLUG/besoins"
  django_rps=$(cat "$work/last_rps")
  pkill -P "$server" 2>/dev/null || true; kill "$server" 2>/dev/null || true; server=""
  python3 -c "import sys; print(f'Concerto / Django, list first page: {float(sys.argv[1]) / float(sys.argv[2]):.1f}x')" "$concerto_rps" "$django_rps"
fi
echo "(data kept in $work; WORK=$work reuses it)"
