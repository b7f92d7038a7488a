#!/usr/bin/env bash
# Several servers (issue #26): PostgreSQL (the machine's, database concerto_cluster, recreated),
# three release servers on loopback ports and HAProxy in front (deploy/haproxy.cfg, health
# checks on /health). First what must hold across servers (bench/cluster_checks.py: session
# and CSRF token good on every server, the sign-in limit counted wherever attempts land, a
# session ended through one server refused by all, a synthesis run once, the opinion map
# counting a vote on every server, a need posted through one server shown on every server's
# list, a mail and a digest sent once); then wrk (64
# connections, three runs of 10 s, median printed) on the needs list and the support endpoint
# through the balancer and on one server alone, in the same run.
#   bash bench/cluster.sh            (WORK=dir reuses a seeded database; NEEDS=20000)
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${DURATION:-10s}
CONNECTIONS=${CONNECTIONS:-64}
NEEDS=${NEEDS:-20000}
PG=${PG:-postgres://postgres@127.0.0.1:5432}
DB_URL="$PG/concerto_cluster"

command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
cargo build --release --quiet -p concerto -p concerto-bench
work=${WORK:-$(mktemp -d)}
source bench/lib.sh
source bench/cluster_lib.sh
trap stop_cluster EXIT

if [ ! -f "$work/params.env" ]; then
  echo "Seeding $NEEDS needs on PostgreSQL…"
  psql -q "$PG/postgres" -c 'DROP DATABASE IF EXISTS concerto_cluster' -c 'CREATE DATABASE concerto_cluster'
  target/release/seed-needs "$DB_URL" "$work" "$NEEDS" 2000
  psql -q "$DB_URL" -c "VACUUM ANALYZE"
fi
# shellcheck disable=SC1091
source "$work/params.env"
psql -qtA "$DB_URL" -c "DELETE FROM rate_limits" >/dev/null

DIGEST_MINUTES=1 start_cluster
echo "== three servers behind HAProxy on PostgreSQL, $(nproc) cores, release"
python3 bench/cluster_checks.py "http://127.0.0.1:$lb_port" "$work" "$DB_URL" "${server_ports[@]}"
psql -qtA "$DB_URL" -c "DELETE FROM rate_limits" >/dev/null

echo
echo "== $CONNECTIONS connections, $DURATION each: through the balancer (3 servers), then one server"
printf '%-34s %10s %9s %9s\n' endpoint requests/s p50 p99
NAME_WIDTH=34
for target in "balancer:$lb_port" "one server:${server_ports[0]}"; do
  name=${target%%:*}; port=${target##*:}
  NAME_WIDTH=34 load "list, first page ($name)" "http://127.0.0.1:$port/demarches/$SLUG/besoins"
  psql -qtA "$DB_URL" -c "DELETE FROM rate_limits WHERE bucket LIKE 'supports:%'" >/dev/null
  BENCH_DIR="$work" NAME_WIDTH=34 load "support ($name)" "http://127.0.0.1:$port" -s bench/support.lua
done

# A rolling restart under load: each server in turn stopped (SIGTERM) and started again while
# wrk reads the list through the balancer; wrk's errors are what people would have seen.
echo
echo "== rolling restart: the three servers restarted one after another under load (20 s)"
out=$(mktemp)
wrk -t2 -c"$CONNECTIONS" -d20s --latency "http://127.0.0.1:$lb_port/demarches/$SLUG/besoins" >"$out" &
load_pid=$!
sleep 3
for n in 1 2 3; do
  kill -TERM "${server_pids[$n - 1]}"; wait "${server_pids[$n - 1]}" 2>/dev/null || true
  start_server "$n"; wait_up "${server_ports[$n - 1]}"; sleep 3
done
wait "$load_pid"
errors=$(grep -E 'Non-2xx|Socket errors' "$out" | tr -s ' ' | tr '\n' ' ' || true)
echo "requests $(awk '/requests in/ {print $1}' "$out"), requests/s $(awk '/Requests\/sec/ {print $2}' "$out"), p99 $(awk '$1 == "99%" {print $2}' "$out"); failed: ${errors:-none}"
