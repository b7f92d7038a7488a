#!/usr/bin/env bash
# Observatory benchmark (issue #25), for SQLite then PostgreSQL:
# - importing a national IRIS table (50,000 rows, 19 figures each, over 35,000 communes) through
#   the import service, three times on a new database, each time printed;
# - the daily indicators snapshot of a process with NEEDS (100,000) needs (seed-needs);
# - the portrait page of a commune (Belfort) and of the pôle on the demo's data (RP2016 by IRIS,
#   legal populations 2023, the living demo's needs and workshops), a release server loaded by
#   wrk with 64 connections, 10 s, median of three runs: requests/s, p50, p99.
#   bash bench/observatory.sh
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${DURATION:-10s}
CONNECTIONS=${CONNECTIONS:-64}
ENGINES=${ENGINES:-sqlite postgres}
PG=${PG:-postgres://postgres@127.0.0.1:5432}
ROWS=${ROWS:-50000}
NEEDS=${NEEDS:-100000}
COMMUNES=${COMMUNES:-35000}
command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
cargo build --release --quiet -p concerto -p concerto-bench

work=$(mktemp -d)
server=""
cleanup() { [ -n "$server" ] && kill "$server" 2>/dev/null; true; }
trap cleanup EXIT
NAME_WIDTH=30
# shellcheck source=bench/lib.sh
source bench/lib.sh

for engine in $ENGINES; do
  echo "== $engine, release, $(nproc) cores"
  for run in 1 2 3; do
    case $engine in
      sqlite) rm -f "$work/census.db"*; url="sqlite://$work/census.db" ;;
      postgres)
        psql -q "$PG/postgres" -c "DROP DATABASE IF EXISTS concerto_bench_census" -c "CREATE DATABASE concerto_bench_census"
        url="$PG/concerto_bench_census" ;;
    esac
    printf "import %s: " "$run"
    target/release/census-import "$url" "$ROWS" "$COMMUNES"
  done

  case $engine in
    sqlite) mkdir -p "$work/needs"; rm -f "$work/needs/needs.db"*; url="sqlite://$work/needs/needs.db" ;;
    postgres)
      psql -q "$PG/postgres" -c "DROP DATABASE IF EXISTS concerto_bench_indicators" -c "CREATE DATABASE concerto_bench_indicators"
      url="$PG/concerto_bench_indicators" ;;
  esac
  target/release/seed-needs "$url" "$work/needs" "$NEEDS" 10 | tail -1
  target/release/indicators-snapshot "$url"

  case $engine in
    sqlite) mkdir -p "$work/demo"; rm -f "$work/demo/demo.db"*; url="sqlite://$work/demo/demo.db" ;;
    postgres)
      psql -q "$PG/postgres" -c "DROP DATABASE IF EXISTS concerto_bench_portrait" -c "CREATE DATABASE concerto_bench_portrait"
      url="$PG/concerto_bench_portrait" ;;
  esac
  port=$(free_port)
  CONCERTO_LOG=warn DATABASE_URL="$url" CONCERTO_DATA_DIR="$work/demo" \
    target/release/concerto --demo --bind "127.0.0.1:$port" --public-url "http://127.0.0.1:$port" \
    >"$work/server-$engine.log" 2>&1 &
  server=$!
  for _ in $(seq 1 600); do curl -fs "http://127.0.0.1:$port/health" >/dev/null && break; sleep 0.2; done
  base="http://127.0.0.1:$port"
  first=$(curl -s -o /dev/null -w '%{time_total}' "$base/territoires/pole/pmnfc/portrait")
  echo "first portrait of the pôle (figures summed from its IRIS, written): ${first} s"
  printf "%-${NAME_WIDTH}s %10s %9s %9s\n" page requests/s p50 p99
  load "portrait, commune (Belfort)" "$base/territoires/commune/90010/portrait"
  load "portrait, pôle" "$base/territoires/pole/pmnfc/portrait"
  load "portrait, pôle, age map" "$base/territoires/pole/pmnfc/portrait?indicateur=age-75p"
  kill "$server"; wait "$server" 2>/dev/null || true; server=""
  echo
done
