#!/usr/bin/env bash
# Bourse aux initiatives benchmark (issue #23): on the solutions benchmark's data (100,000
# needs, 20,000 solutions; bench/solutions.sh seeds it when WORK holds none), 200
# organisations, 10,000 offers and 10,000 requests (seed-bourse). First the matching alone
# (every request's top 10, bench/matching.rs); then, for SQLite then PostgreSQL, a release
# server loaded by wrk with 64 connections for 10 s per endpoint: the bourse's page (offers and
# requests), a process's partners page, an offer's page, and a request's page with its 10
# best offers as its carrier sees them (signed in). Prints requests/s, p50 and p99 of the
# median of three runs.
#   WORK=/tmp/solbench bash bench/bourse.sh
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${DURATION:-10s}
CONNECTIONS=${CONNECTIONS:-64}
ENGINES=${ENGINES:-sqlite postgres}
PG=${PG:-postgres://postgres@127.0.0.1:5432}
command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
cargo build --release --quiet -p concerto -p concerto-bench
target/release/matching

work=${WORK:-$(mktemp -d)}
server=""
cleanup() { [ -n "$server" ] && kill "$server" 2>/dev/null; true; }
trap cleanup EXIT
NAME_WIDTH=31
# shellcheck source=bench/lib.sh
source bench/lib.sh

for engine in $ENGINES; do
  [ -f "$work/$engine/params.env" ] || WORK="$work" ENGINES="$engine" bash bench/solutions.sh >/dev/null
  case $engine in
    sqlite) url="sqlite://$work/sqlite/bench.db" ;;
    postgres) url="$PG/concerto_bench_solutions" ;;
  esac
  if [ ! -f "$work/$engine/bourse.env" ]; then
    target/release/seed-bourse "$url" "$work/$engine" | tee "$work/$engine/bourse.txt"
    [ "$engine" = postgres ] && psql -q "$url" -c "VACUUM ANALYZE"
  else
    cat "$work/$engine/bourse.txt"
  fi
  # shellcheck disable=SC1091
  source "$work/$engine/params.env"
  # shellcheck disable=SC1091
  source "$work/$engine/bourse.env"
  cookie=$(head -1 "$work/$engine/sessions.txt" | cut -f1)
  port=$(free_port)
  CONCERTO_LOG=warn DATABASE_URL="$url" CONCERTO_DATA_DIR="$work/$engine" \
    target/release/concerto serve --bind "127.0.0.1:$port" --public-url "http://127.0.0.1:$port" \
    >"$work/$engine/server.log" 2>&1 &
  server=$!
  wait_up "$port"
  base="http://127.0.0.1:$port"
  echo
  echo "== $engine: 10,000 offers, 10,000 requests, $CONNECTIONS connections, $DURATION each, release, $(nproc) cores"
  printf '%-31s %10s %9s %9s\n' endpoint requests/s p50 p99
  load "bourse page" "$base/demarches/$SLUG/bourse"
  load "partners page" "$base/demarches/$SLUG/partenaires"
  load "an offer's page" "$base/offres/$OFFER"
  load "a request's 10 best offers" "$base/demandes/$REQUEST" -H "Cookie: $cookie"
  echo "server peak memory (VmHWM): $(awk '/VmHWM/ {printf "%.0f MB", $2/1024}' "/proc/$server/status")"
  kill "$server"; wait "$server" 2>/dev/null || true; server=""
done
echo "(data kept in $work; WORK=$work reuses it)"
