#!/usr/bin/env bash
# Raking benchmark and correctness check (issue #24): first weightipy (PyPI, in a virtualenv)
# weights the fixture's 400 respondents and its output is compared with `concerto weight`'s,
# respondent by respondent (they must agree to 1e-6; the committed fixture
# crates/raking/tests/fixtures/weightipy_weights.csv is this script's output); then 100,000
# respondents raked on three margins (bench/raking.rs).
#   bash bench/raking.sh
set -euo pipefail
cd "$(dirname "$0")/.."
venv=${VENV:-/tmp/concerto-weightipy}
[ -x "$venv/bin/python" ] || python3 -m venv "$venv"
"$venv/bin/pip" install -q weightipy
cargo build --release --quiet -p concerto -p concerto-bench
fixtures=crates/raking/tests/fixtures
work=$(mktemp -d)
"$venv/bin/python" bench/raking/weightipy_weights.py "$fixtures/respondents.csv" "$fixtures/margins.csv" "$work/weightipy.csv"
target/release/concerto weight --respondents "$fixtures/respondents.csv" --margins "$fixtures/margins.csv" --out "$work/concerto"
python3 - "$work/weightipy.csv" "$work/concerto/weights.csv" "$fixtures/weightipy_weights.csv" <<'PY'
import sys
def read(path, sep):
    rows = open(path).read().split("\n")[1:]
    return {r.split(sep)[0]: float(r.split(sep)[1]) for r in rows if r}
theirs, ours, committed = read(sys.argv[1], ";"), read(sys.argv[2], ","), read(sys.argv[3], ";")
gap = max(abs(theirs[k] - ours[k]) for k in theirs)
drift = max(abs(theirs[k] - committed[k]) for k in theirs)
print(f"weightipy vs concerto weight: {len(theirs)} respondents, largest difference {gap:.2e} (must be < 1e-6); committed fixture drift {drift:.2e}")
sys.exit(0 if gap < 1e-6 else 1)
PY
target/release/raking
rm -rf "$work"
