#!/usr/bin/env bash
# Questionnaire benchmark (issue #24): a questionnaire of 40 questions with RESPONDENTS
# (100,000) submitted responses weighted to age, sex and the 197 communes (seed-questionnaire),
# then, for SQLite then PostgreSQL, a release server loaded by wrk with 64 connections for 10 s
# per endpoint: the results page (weighted), the same filtered by an EPCI, the raw figures,
# and saving a section of nine answers as respondents under way (durable: each request commits
# its answers before it answers). Prints requests/s, p50 and p99 of the median of three runs,
# answers saved per second, the first results page's time (answers read and raked), and
# after the questionnaire's revision moves: the next page's time and when the current
# results are shown.
#   bash bench/questionnaires.sh          (WORK=folder keeps and reuses the data)
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${DURATION:-10s}
CONNECTIONS=${CONNECTIONS:-64}
ENGINES=${ENGINES:-sqlite postgres}
PG=${PG:-postgres://postgres@127.0.0.1:5432}
RESPONDENTS=${RESPONDENTS:-100000}
command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
cargo build --release --quiet -p concerto -p concerto-bench

work=${WORK:-$(mktemp -d)}
server=""
cleanup() { [ -n "$server" ] && kill "$server" 2>/dev/null; true; }
trap cleanup EXIT
NAME_WIDTH=34
# shellcheck source=bench/lib.sh
source bench/lib.sh

for engine in $ENGINES; do
  mkdir -p "$work/$engine"
  case $engine in
    sqlite) url="sqlite://$work/sqlite/bench.db" ;;
    postgres) url="$PG/concerto_bench_questionnaire" ;;
  esac
  if [ ! -f "$work/$engine/questionnaire.env" ]; then
    if [ "$engine" = postgres ]; then
      psql -q "$PG/postgres" -c "DROP DATABASE IF EXISTS concerto_bench_questionnaire" -c "CREATE DATABASE concerto_bench_questionnaire"
    fi
    target/release/seed-questionnaire "$url" "$work/$engine" "$RESPONDENTS" | tee "$work/$engine/seed.txt"
    [ "$engine" = postgres ] && psql -q "$url" -c "VACUUM ANALYZE"
  else
    cat "$work/$engine/seed.txt"
  fi
  # shellcheck disable=SC1091
  source "$work/$engine/questionnaire.env"
  export QUESTIONNAIRE SECTION_FIELDS BENCH_DIR="$work/$engine"
  port=$(free_port)
  CONCERTO_LOG=warn DATABASE_URL="$url" CONCERTO_DATA_DIR="$work/$engine" \
    target/release/concerto serve --bind "127.0.0.1:$port" --public-url "http://127.0.0.1:$port" \
    >"$work/$engine/server.log" 2>&1 &
  server=$!
  wait_up "$port"
  base="http://127.0.0.1:$port"
  first=$(curl -s -o /dev/null -w '%{time_total}' "$base/questionnaires/$QUESTIONNAIRE/resultats")
  echo
  echo "== $engine: $RESPONDENTS responses x 40 questions, $CONNECTIONS connections, $DURATION each, release, $(nproc) cores"
  echo "first results page (answers read, raked, every question computed): ${first} s"
  # The questionnaire's revision moved, as one more response moves it: the next page waits
  # its patience and shows the page written last (saying so), then the current one comes.
  bump="UPDATE questionnaires SET revision = revision + 1 WHERE id = $QUESTIONNAIRE"
  case $engine in
    sqlite) python3 -c "import sqlite3,sys; c = sqlite3.connect(sys.argv[1]); c.execute(sys.argv[2]); c.commit()" "$work/sqlite/bench.db" "$bump" ;;
    postgres) psql -q "$url" -c "$bump" ;;
  esac
  moved=$(date +%s.%N)
  next=$(curl -s -o "$work/next.html" -w '%{time_total}' "$base/questionnaires/$QUESTIONNAIRE/resultats")
  shown=current; grep -q "en cours de calcul" "$work/next.html" && shown="the last written, said so"
  # Read whole before searching: `curl | grep -q` under pipefail ends the loop at the first
  # match (curl, cut off, fails the pipeline).
  while curl -s -o "$work/next.html" "$base/questionnaires/$QUESTIONNAIRE/resultats" \
    && grep -q "en cours de calcul" "$work/next.html"; do sleep 0.2; done
  echo "after the revision moved: page in ${next} s ($shown); current results $(python3 -c "import time; print(round(time.time() - $moved, 1))") s after the move"
  printf "%-${NAME_WIDTH}s %10s %9s %9s\n" endpoint requests/s p50 p99
  load "results (weighted)" "$base/questionnaires/$QUESTIONNAIRE/resultats"
  load "results, weighted, one EPCI" "$base/questionnaires/$QUESTIONNAIRE/resultats?lieu=$EPCI"
  load "results, raw" "$base/questionnaires/$QUESTIONNAIRE/resultats?ponderation=0"
  WARM=no load "save a section ($SECTION_ANSWERS answers)" "$base/questionnaires/$QUESTIONNAIRE/sections/1" -s bench/answer.lua
  echo "answers saved per second: $(python3 -c "print(round(float('$(cat "$work/last_rps")') * $SECTION_ANSWERS))")"
  echo "server peak memory (VmHWM): $(awk '/VmHWM/ {printf "%.0f MB", $2/1024}' "/proc/$server/status")"
  kill "$server"; wait "$server" 2>/dev/null || true; server=""
done
echo "(data kept in $work; WORK=$work reuses it)"
