#!/usr/bin/env bash
# Solutions benchmark (issue #22): 100,000 needs (seed-needs), their synthesis published, and
# 20,000 solutions answering 60,000 needs (seed-solutions, which also times the suggestions'
# index in process). For SQLite then PostgreSQL, a release server is loaded by wrk with 64
# connections on loopback for 10 s per endpoint: the solutions list (first page, a stage, the
# most supported),
# the planisphère, a need's page with its trail; then the suggestions asked from the form
# (POST, signed in) with 8 connections. Prints requests/s, p50 and p99 of the median of
# three runs, and the server's peak memory.
#   bash bench/solutions.sh
#   ENGINES=sqlite bash bench/solutions.sh
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${DURATION:-10s}
CONNECTIONS=${CONNECTIONS:-64}
NEEDS=${NEEDS:-100000}
SOLUTIONS=${SOLUTIONS:-20000}
ENGINES=${ENGINES:-sqlite postgres}
PG=${PG:-postgres://postgres@127.0.0.1:5432}

command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
cargo build --release --quiet -p concerto -p concerto-bench

work=${WORK:-$(mktemp -d)}
server=""
cleanup() { [ -n "$server" ] && kill "$server" 2>/dev/null; true; }
trap cleanup EXIT
NAME_WIDTH=31
# shellcheck source=bench/lib.sh
source bench/lib.sh

for engine in $ENGINES; do
  mkdir -p "$work/$engine"
  case $engine in
    sqlite) url="sqlite://$work/sqlite/bench.db" ;;
    postgres) url="$PG/concerto_bench_solutions" ;;
  esac
  if [ ! -f "$work/$engine/params.env" ]; then
    echo "Seeding $NEEDS needs and $SOLUTIONS solutions on $engine…"
    if [ "$engine" = postgres ]; then
      psql -q "$PG/postgres" -c 'DROP DATABASE IF EXISTS concerto_bench_solutions' -c 'CREATE DATABASE concerto_bench_solutions'
    fi
    target/release/seed-needs "$url" "$work/$engine" "$NEEDS" 200
    target/release/seed-solutions "$url" "$work/$engine" "$SOLUTIONS" | tee "$work/$engine/seed.txt"
    [ "$engine" = postgres ] && psql -q "$url" -c "VACUUM ANALYZE"
  else
    cat "$work/$engine/seed.txt"
  fi
  # shellcheck disable=SC1091
  source "$work/$engine/params.env"
  port=$(free_port)
  CONCERTO_LOG=warn DATABASE_URL="$url" CONCERTO_DATA_DIR="$work/$engine" \
    target/release/concerto serve --bind "127.0.0.1:$port" --public-url "http://127.0.0.1:$port" \
    >"$work/$engine/server.log" 2>&1 &
  server=$!
  wait_up "$port"
  base="http://127.0.0.1:$port"
  echo
  echo "== $engine: $NEED_COUNT needs, $SOLUTION_COUNT solutions, $CONNECTIONS connections, $DURATION each, release, $(nproc) cores"
  printf '%-31s %10s %9s %9s\n' endpoint requests/s p50 p99
  load "solutions list, first page" "$base/demarches/$SLUG/solutions"
  load "solutions list, a stage" "$base/demarches/$SLUG/solutions?etape=$STAGE"
  load "solutions list, most supported" "$base/demarches/$SLUG/solutions?tri=soutiens"
  load "planisphère" "$base/demarches/$SLUG/solutions/planisphere"
  load "need page with its trail" "$base/besoins/$SOLUTION_NEED"
  export BENCH_DIR="$work/$engine" SLUG
  CONNECTIONS=8 load "suggestions (POST, 8 conn.)" "$base" -s bench/suggest.lua
  echo "server peak memory (VmHWM): $(awk '/VmHWM/ {printf "%.0f MB", $2/1024}' "/proc/$server/status")"
  kill "$server"; wait "$server" 2>/dev/null || true; server=""
done
echo "(data kept in $work; WORK=$work reuses it)"
