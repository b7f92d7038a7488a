#!/usr/bin/env bash
# Backup and move-to benchmark (issue #26 item 4): seeds 100,000 needs on SQLite
# (seed-needs), then times `concerto backup` (VACUUM INTO, integrity check) and
# `concerto move-to` into a new PostgreSQL database (copy and verification of every table).
#   bash bench/move.sh            (PG=postgres://… for another server)
set -euo pipefail
cd "$(dirname "$0")/.."
PG=${PG:-postgres://postgres@127.0.0.1:5432}
NEEDS=${NEEDS:-100000}
cargo build --release --quiet -p concerto -p concerto-bench
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
url="sqlite://$work/bench.db"
target/release/seed-needs "$url" "$work" "$NEEDS" 50 | tail -1
echo "SQLite file: $(du -h "$work/bench.db" | cut -f1)"
start=$(date +%s.%N)
DATABASE_URL="$url" CONCERTO_LOG=warn target/release/concerto backup "$work/backup.db"
echo "backup: $(echo "$(date +%s.%N) - $start" | bc) s"
psql -q "$PG/postgres" -c "DROP DATABASE IF EXISTS concerto_bench_move" -c "CREATE DATABASE concerto_bench_move"
start=$(date +%s.%N)
DATABASE_URL="$url" CONCERTO_LOG=warn target/release/concerto move-to "$PG/concerto_bench_move"
echo "move-to (copy and verification): $(echo "$(date +%s.%N) - $start" | bc) s"
psql -q "$PG/postgres" -c "DROP DATABASE concerto_bench_move"
