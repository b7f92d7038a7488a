#!/usr/bin/env bash
# Ressourcerie benchmark (issue #23): the living demo and 5,000 published resources with Grand
# Débat texts (seed-resources), then, for SQLite then PostgreSQL, a release server loaded by
# wrk with 64 connections for 10 s per endpoint: the ressourcerie's first page (kept in
# memory), a search, a filtered page, a resource's page, a solution's page with the resources
# that fit it, the partners page, the budget page. Prints requests/s, p50 and p99 of the
# median of three runs.
#   bash bench/resources.sh            (WORK=folder keeps and reuses the data)
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${DURATION:-10s}
CONNECTIONS=${CONNECTIONS:-64}
ENGINES=${ENGINES:-sqlite postgres}
PG=${PG:-postgres://postgres@127.0.0.1:5432}
RESOURCES=${RESOURCES:-5000}
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
    postgres) url="$PG/concerto_bench_resources" ;;
  esac
  if [ ! -f "$work/$engine/resources.env" ]; then
    if [ "$engine" = postgres ]; then
      psql -q "$PG/postgres" -c "DROP DATABASE IF EXISTS concerto_bench_resources" -c "CREATE DATABASE concerto_bench_resources"
    fi
    target/release/seed-resources "$url" "$work/$engine" "$RESOURCES" | tee "$work/$engine/resources.txt"
    [ "$engine" = postgres ] && psql -q "$url" -c "VACUUM ANALYZE"
  else
    cat "$work/$engine/resources.txt"
  fi
  # shellcheck disable=SC1091
  source "$work/$engine/resources.env"
  port=$(free_port)
  CONCERTO_LOG=warn DATABASE_URL="$url" CONCERTO_DATA_DIR="$work/$engine" \
    target/release/concerto serve --bind "127.0.0.1:$port" --public-url "http://127.0.0.1:$port" \
    >"$work/$engine/server.log" 2>&1 &
  server=$!
  wait_up "$port"
  base="http://127.0.0.1:$port"
  echo
  echo "== $engine: $RESOURCES resources, $CONNECTIONS connections, $DURATION each, release, $(nproc) cores"
  printf '%-31s %10s %9s %9s\n' endpoint requests/s p50 p99
  load "ressourcerie, first page" "$base/demarches/$SLUG/ressources"
  load "ressourcerie, search" "$base/demarches/$SLUG/ressources?q=$WORD"
  load "ressourcerie, kind and stage" "$base/demarches/$SLUG/ressources?type=funding&etape=idea"
  load "a resource's page" "$base/ressources/$RESOURCE"
  load "a solution with its resources" "$base/solutions/$SOLUTION"
  load "partners page" "$base/demarches/$SLUG/partenaires"
  load "budget page" "$base/demarches/$SLUG/budget"
  echo "server peak memory (VmHWM): $(awk '/VmHWM/ {printf "%.0f MB", $2/1024}' "/proc/$server/status")"
  kill "$server"; wait "$server" 2>/dev/null || true; server=""
done
echo "(data kept in $work; WORK=$work reuses it)"
