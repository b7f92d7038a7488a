#!/usr/bin/env bash
# Synthesis benchmark (issue #6) on the 98,469 Grand Débat answers, whose question_key is the
# true label: clustering with k = the number of questions (NMI, ARI, time) and the question
# suggested from a labelled 10 % (accuracy, time), by Concerto's textkit and, in the same run,
# by scikit-learn (TF-IDF + MiniBatchKMeans; TF-IDF + logistic regression and linear SVM),
# installed by this script in a virtual environment (each timing: the median of 5 runs, for
# both); then 1,000,000 texts (the answers repeated with light perturbation) read and
# clustered: wall time and peak memory.
#   bash bench/synthesis.sh              # everything
#   PEER=no SCALE=no bash bench/synthesis.sh
set -euo pipefail
cd "$(dirname "$0")/.."
PEER=${PEER:-yes}
SCALE=${SCALE:-1000000}
VENV=${VENV:-${TMPDIR:-/tmp}/concerto-sklearn}

cargo build --release --quiet -p concerto-bench --bin synthesis
ours=$(./target/release/synthesis quality)
value() { awk -v k="$1" '$1 == k {print $2}' <<<"$2"; }

echo "== Grand Débat answers: $(value texts "$ours") texts, $(value questions "$ours") questions, 2 cores, release"
printf '%-42s %9s %8s %8s\n' "" seconds NMI ARI
printf '%-42s %9s %8s %8s\n' "textkit: TF-IDF + spherical k-means" "$(value cluster_seconds "$ours")" "$(value cluster_nmi "$ours")" "$(value cluster_ari "$ours")"
if [ "$PEER" = yes ]; then
  [ -x "$VENV/bin/python" ] || python3 -m venv "$VENV"
  "$VENV/bin/python" -c 'import sklearn' 2>/dev/null || "$VENV/bin/pip" install --quiet scikit-learn
  peer=$("$VENV/bin/python" bench/sklearn_peer/peer.py ../shared/data/contributions/grand-debat-2019)
  printf '%-42s %9s %8s %8s\n' "scikit-learn: TF-IDF + MiniBatchKMeans" "$(value sk_cluster_seconds "$peer")" "$(value sk_cluster_nmi "$peer")" "$(value sk_cluster_ari "$peer")"
fi
echo
printf '%-42s %9s %8s\n' "" seconds accuracy
printf '%-42s %9s %8s\n' "textkit: suggestion (softmax regression)" "$(value suggest_seconds "$ours")" "$(value suggest_accuracy "$ours")"
if [ "$PEER" = yes ]; then
  printf '%-42s %9s %8s\n' "scikit-learn: TF-IDF + LogisticRegression" "$(value sk_logreg_seconds "$peer")" "$(value sk_logreg_accuracy "$peer")"
  printf '%-42s %9s %8s\n' "scikit-learn: TF-IDF + LinearSVC" "$(value sk_linearsvc_seconds "$peer")" "$(value sk_linearsvc_accuracy "$peer")"
  echo
  ratio() { python3 -c "import sys; print(f'{float(sys.argv[1]) / float(sys.argv[2]):.1f}x')" "$1" "$2"; }
  echo "clustering: textkit $(ratio "$(value sk_cluster_seconds "$peer")" "$(value cluster_seconds "$ours")") faster than scikit-learn, NMI $(value cluster_nmi "$ours") vs $(value sk_cluster_nmi "$peer")"
  echo "suggestion: textkit $(ratio "$(value sk_logreg_seconds "$peer")" "$(value suggest_seconds "$ours")") faster than LogisticRegression, $(ratio "$(value sk_linearsvc_seconds "$peer")" "$(value suggest_seconds "$ours")") faster than LinearSVC; accuracy $(value suggest_accuracy "$ours") vs $(value sk_logreg_accuracy "$peer") / $(value sk_linearsvc_accuracy "$peer")"
fi
echo "textkit suggestion: reading $(value suggest_read_seconds "$ours") s, training $(value suggest_train_seconds "$ours") s, the rest suggesting"
echo "textkit suggestion with pairs of neighbouring words: $(value suggest_pairs_seconds "$ours") s, accuracy $(value suggest_pairs_accuracy "$ours")"
echo "near-duplicates (Jaccard >= 0.8, read included): $(value duplicates_groups "$ours") groups holding $(value duplicates_texts "$ours") texts in $(value duplicates_seconds "$ours") s"
echo "textkit peak memory (all tasks): $(value peak_mb "$ours") MB"
if [ "$SCALE" != no ]; then
  scale=$(./target/release/synthesis scale "$SCALE")
  echo
  echo "== scale: $(value scale_texts "$scale") texts ($(value scale_terms "$scale") terms), k = 11"
  echo "read into TF-IDF: $(value scale_read_seconds "$scale") s; read and clustered: $(value scale_seconds "$scale") s; with labels: $(value scale_with_labels_seconds "$scale") s"
  echo "peak memory: $(value scale_peak_mb "$scale") MB (of which the texts themselves: $(value scale_texts_mb "$scale") MB)"
fi
