#!/usr/bin/env bash
# Opinion-map benchmark (issue #7): on the three real Polis conversations in
# ../shared/data/opinions/, voters, those admitted to the groups by Polis's rule, those Polis
# grouped, the adjusted Rand index between our groups and Polis's own group-id (over the
# participants both put in a group) and the time (median of 5 runs), beside
# red-dwarf (PyPI, the Python reimplementation of Polis, installed here in a virtual
# environment; median of 3 runs) in the same run, and the ratio; then synthetic conversations
# with four camps: 1,000,000 votes (8,000 participants × 2,000 statements) and 10,000,000
# votes (50,000 × 2,000): time and peak memory.
#   bash bench/opinion.sh
#   PEER=no bash bench/opinion.sh
set -euo pipefail
cd "$(dirname "$0")/.."
PEER=${PEER:-yes}
VENV=${VENV:-${TMPDIR:-/tmp}/concerto-reddwarf}
DATA=../shared/data/opinions
CONVERSATIONS="brexit-consensus canadian-electoral-reform scoop-hivemind.taxes"

cargo build --release --quiet -p concerto-bench --bin opinion
dirs=$(for c in $CONVERSATIONS; do echo "$DATA/$c"; done)
# shellcheck disable=SC2086
ours=$(./target/release/opinion polis $dirs)
peer=""
if [ "$PEER" = yes ]; then
  [ -x "$VENV/bin/python" ] || python3 -m venv "$VENV"
  "$VENV/bin/python" -c 'import reddwarf' 2>/dev/null || "$VENV/bin/pip" install --quiet red-dwarf
  # shellcheck disable=SC2086
  peer=$("$VENV/bin/python" -W ignore bench/reddwarf_peer/peer.py $dirs)
fi
value() { awk -v k="$1" '$1 == k {print $2}' <<<"$2"; }
ratio() { python3 -c "import sys; print(f'{float(sys.argv[1]) / float(sys.argv[2]):.0f}x')" "$1" "$2"; }

echo "== Polis conversations: groups against Polis's own, 2 cores, release"
echo "(voters: who voted; admitted: in our groups, by Polis's rule; polis: grouped by Polis;"
echo " both: in both; ARI over both; rd: red-dwarf in the same run)"
printf '%-28s %6s %8s %6s %6s %6s %9s %6s %9s %7s\n' conversation voters admitted polis both ARI seconds "rd ARI" "rd s" faster
sum=0; rdsum=0; n=0
for c in $CONVERSATIONS; do
  row=$(printf '%-28s %6s %8s %6s %6s %6s %9s' "$c" "$(value "${c}_voters" "$ours")" "$(value "${c}_admitted" "$ours")" \
    "$(value "${c}_polis_grouped" "$ours")" "$(value "${c}_both" "$ours")" "$(value "${c}_ari" "$ours")" "$(value "${c}_seconds" "$ours")")
  sum=$(python3 -c "print($sum + $(value "${c}_ari" "$ours"))"); n=$((n + 1))
  if [ -n "$peer" ]; then
    rdsum=$(python3 -c "print($rdsum + $(value "rd_${c}_ari" "$peer"))")
    row="$row $(printf '%6s %9s %7s' "$(value "rd_${c}_ari" "$peer")" "$(value "rd_${c}_seconds" "$peer")" \
      "$(ratio "$(value "rd_${c}_seconds" "$peer")" "$(value "${c}_seconds" "$ours")")")"
  fi
  echo "$row"
done
mean() { python3 -c "print(f'{$1 / $2:.3f}')"; }
if [ -n "$peer" ]; then
  echo "mean ARI: Concerto $(mean "$sum" "$n"), red-dwarf $(mean "$rdsum" "$n")"
else
  echo "mean ARI: Concerto $(mean "$sum" "$n")"
fi
echo
for size in "8000 2000 1000000" "50000 2000 10000000"; do
  # shellcheck disable=SC2086
  out=$(./target/release/opinion scale $size)
  echo "== synthetic, $(value scale_votes "$out") votes ($(value scale_participants "$out") participants x $(value scale_statements "$out") statements, four camps)"
  echo "matrix $(value scale_matrix_seconds "$out") s; whole map $(value scale_seconds "$out") s; peak memory $(value scale_peak_mb "$out") MB (votes in memory included); $(value scale_groups "$out") groups, ARI against the camps $(value scale_ari_vs_camps "$out")"
done
