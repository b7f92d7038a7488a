#!/usr/bin/env bash
# Load benchmark: a release build on SQLite, 64 concurrent connections on loopback for 10 s
# per page (wrk, from Debian), printing requests/s and p50/p99 latency.
#   bash bench/load.sh            # home page and sign-in page
#   DURATION=30s bash bench/load.sh
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${DURATION:-10s}
CONNECTIONS=${CONNECTIONS:-64}

command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
cargo build --release --quiet

work=$(mktemp -d)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
CONCERTO_LOG=warn DATABASE_URL="sqlite://$work/bench.db" CONCERTO_DATA_DIR="$work" \
  target/release/concerto serve --bind "127.0.0.1:$port" >"$work/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 1 50); do curl -fs "http://127.0.0.1:$port/health" >/dev/null && break; sleep 0.1; done

printf '%-14s %12s %10s %10s\n' page "requests/s" p50 p99
for page in / /connexion; do
  out=$(wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency "http://127.0.0.1:$port$page")
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  p50=$(awk '$1 == "50%" {print $2}' <<<"$out")
  p99=$(awk '$1 == "99%" {print $2}' <<<"$out")
  errors=$(awk '/Non-2xx|Socket errors/ {print}' <<<"$out")
  printf '%-14s %12s %10s %10s %s\n' "$page" "$rps" "$p50" "$p99" "$errors"
done
echo "($CONNECTIONS connections, $DURATION each, release build, SQLite, $(nproc) cores)"
