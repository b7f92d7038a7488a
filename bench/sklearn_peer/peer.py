"""scikit-learn baselines for the synthesis benchmark, on the same Grand Débat answers and the
same labelled rows (every tenth) as `synthesis quality`. Prints `key value` lines.

  clustering: TfidfVectorizer (sublinear tf, min_df=2) + MiniBatchKMeans(k = questions)
  suggestion: TfidfVectorizer fitted on all texts + LogisticRegression, and + LinearSVC,
              trained on the labelled tenth, tested on the rest
Each is timed five times and the median printed, as textkit is.
"""
import csv
import sys
import time

from sklearn.cluster import MiniBatchKMeans
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score
from sklearn.svm import LinearSVC

DIR = sys.argv[1] if len(sys.argv) > 1 else "../shared/data/contributions/grand-debat-2019"

texts, labels = [], []
for name in ["responses-fiscalite.csv", "responses-transition.csv"]:
    with open(f"{DIR}/{name}", encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            labels.append(row["question_key"])
            texts.append(row["response"])
keys = sorted(set(labels))
truth = [keys.index(label) for label in labels]


def vectorizer():
    return TfidfVectorizer(sublinear_tf=True, min_df=2, strip_accents="unicode")


RUNS = 5  # the median is reported, as for textkit: single runs on two shared cores are noisy


def median_of(work):
    """Runs work() RUNS times; returns the median time and the last result."""
    times, result = [], None
    for _ in range(RUNS):
        result = None  # the previous run's result is let go first, as textkit's is
        start = time.perf_counter()
        result = work()
        times.append(time.perf_counter() - start)
    return sorted(times)[len(times) // 2], result


def clustering():
    matrix = vectorizer().fit_transform(texts)
    return MiniBatchKMeans(n_clusters=len(keys), random_state=0, n_init=3).fit_predict(matrix)


seconds, found = median_of(clustering)
print(f"sk_cluster_seconds {seconds:.3f}")
print(f"sk_cluster_nmi {normalized_mutual_info_score(truth, found):.4f}")
print(f"sk_cluster_ari {adjusted_rand_score(truth, found):.4f}")

train = [i for i in range(len(texts)) if i % 10 == 0]
test = [i for i in range(len(texts)) if i % 10 != 0]
for name, model in [
    ("logreg", LogisticRegression(max_iter=1000)),
    ("linearsvc", LinearSVC()),
]:
    def suggestion():
        matrix = vectorizer().fit_transform(texts)
        model.fit(matrix[train], [truth[i] for i in train])
        return model.predict(matrix[test])

    seconds, predicted = median_of(suggestion)
    right = sum(1 for i, p in zip(test, predicted) if truth[i] == p)
    print(f"sk_{name}_seconds {seconds:.3f}")
    print(f"sk_{name}_accuracy {right / len(test):.4f}")
