#!/usr/bin/env bash
# Faults with nothing acknowledged lost (issue #26). A client (bench/fault_client.py, 8
# threads) writes needs and supports as signed-in accounts and keeps every write a server
# acknowledged, while:
#   - on PostgreSQL, behind HAProxy (bench/cluster_lib.sh): one of the three servers is killed
#     with SIGKILL and started again, then PostgreSQL itself is restarted;
#   - on SQLite, the only server is killed with SIGKILL mid-load and started again, three times.
# After each run every acknowledged write is looked up in the database; the script prints
# writes acknowledged, found unchanged and lost, how long the site took to answer again, and
# the requests that failed during each fault. Exits 1 if anything acknowledged was lost.
#   bash bench/faults.sh        (WORK=dir reuses seeded data; NEEDS=20000)
set -euo pipefail
cd "$(dirname "$0")/.."
NEEDS=${NEEDS:-20000}
PG=${PG:-postgres://postgres@127.0.0.1:5432}
DB_URL="$PG/concerto_faults"
THREADS=${THREADS:-8}

cargo build --release --quiet -p concerto -p concerto-bench
base_work=${WORK:-$(mktemp -d)}
source bench/lib.sh
source bench/cluster_lib.sh

now() { date +%s.%N; }
# Seconds since the epoch when the address answers /health again (polled every 50 ms).
answered_again() { for _ in $(seq 1 600); do curl -fs -m 1 "http://127.0.0.1:$1/health" >/dev/null && break; sleep 0.05; done; now; }
lost=0

# Thirty accepted statements to vote on (SQL for both engines), listed in $work/statements.txt.
statements_sql() {
  # shellcheck disable=SC1091
  source "$work/params.env"
  : >"$work/statements.txt"
  for n in $(seq 1 30); do
    echo "INSERT INTO opinion_statements (id, process_id, body, author_id, status, created_at)
      SELECT $((900000000 + n)), id, 'Proposition $n', NULL, 'accepted', 1700000000000
      FROM processes WHERE slug = '$SLUG' ON CONFLICT DO NOTHING;"
    echo $((900000000 + n)) >>"$work/statements.txt"
  done
}

# --- PostgreSQL, three servers behind HAProxy.
work="$base_work/postgres"; mkdir -p "$work"
if [ ! -f "$work/params.env" ]; then
  echo "Seeding $NEEDS needs on PostgreSQL…"
  psql -q "$PG/postgres" -c 'DROP DATABASE IF EXISTS concerto_faults' -c 'CREATE DATABASE concerto_faults'
  target/release/seed-needs "$DB_URL" "$work" "$NEEDS" 2000 >/dev/null
fi
psql -qtA "$DB_URL" -c "DELETE FROM rate_limits" >/dev/null
statements_sql | psql -q "$DB_URL"
trap stop_cluster EXIT
start_cluster
echo "== PostgreSQL, three servers behind HAProxy: $THREADS writers for 40 s"
python3 bench/fault_client.py load "http://127.0.0.1:$lb_port" "$work" 40 "$THREADS" "$work/acks" &
client=$!
: >"$work/faults"
sleep 8
start=$(now); kill -9 "${server_pids[1]}"; wait "${server_pids[1]}" 2>/dev/null || true
sleep 3; start_server 2
echo "server 2 killed (SIGKILL), started again 3 s later $start $(answered_again "${server_ports[1]}")" >>"$work/faults"
sleep 8
start=$(now); pg_ctlcluster 15 main restart
echo "PostgreSQL restarted $start $(answered_again "$lb_port")" >>"$work/faults"
wait "$client"
python3 bench/fault_client.py verify "$work/acks" "$DB_URL" "$work/faults" || lost=1
stop_cluster
trap - EXIT

# --- SQLite, one server killed mid-load three times.
work="$base_work/sqlite"; mkdir -p "$work"
if [ ! -f "$work/params.env" ]; then
  echo "Seeding $NEEDS needs on SQLite…"
  target/release/seed-needs "sqlite://$work/faults.db" "$work" "$NEEDS" 2000 >/dev/null
fi
python3 -c "import sqlite3,sys; c = sqlite3.connect(sys.argv[1]); c.execute('DELETE FROM rate_limits'); c.executescript(sys.stdin.read()); c.commit()" "$work/faults.db" < <(statements_sql)
port=$(free_port)
serve_sqlite() {
  CONCERTO_LOG=warn DATABASE_URL="sqlite://$work/faults.db" CONCERTO_DATA_DIR="$work" \
    target/release/concerto serve --bind "127.0.0.1:$port" --public-url "http://127.0.0.1:$port" \
    >>"$work/server.log" 2>&1 &
  server=$!
}
serve_sqlite; wait_up "$port"
trap 'kill $server 2>/dev/null || true' EXIT
echo
echo "== SQLite, one server: $THREADS writers for 40 s"
python3 bench/fault_client.py load "http://127.0.0.1:$port" "$work" 40 "$THREADS" "$work/acks" &
client=$!
: >"$work/faults"
for round in 1 2 3; do
  sleep 9
  start=$(now); kill -9 "$server"; wait "$server" 2>/dev/null || true; serve_sqlite
  echo "server killed (SIGKILL), round $round, started again at once $start $(answered_again "$port")" >>"$work/faults"
done
wait "$client"
python3 bench/fault_client.py verify "$work/acks" "$work/faults.db" "$work/faults" || lost=1
exit "$lost"
