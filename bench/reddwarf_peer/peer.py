"""red-dwarf (PyPI), the Python reimplementation of Polis's pipeline, on the same Polis
conversations as `opinion polis`: its groups' adjusted Rand index against Polis's own
`group-id` (over the participants both put in a group) and its time, the median of 3 runs.
Prints `key value` lines.
"""
import csv
import statistics
import sys
import time

from reddwarf.implementations.polis import run_pipeline
from sklearn.metrics import adjusted_rand_score

for folder in sys.argv[1:]:
    name = folder.rstrip("/").rsplit("/", 1)[-1]
    with open(f"{folder}/votes.csv", encoding="utf-8", newline="") as f:
        votes = [
            {
                "participant_id": int(row["voter-id"]),
                "statement_id": int(row["comment-id"]),
                "vote": int(row["vote"]),
                "modified": int(row["timestamp"]),
            }
            for row in csv.DictReader(f)
        ]
    with open(f"{folder}/comments.csv", encoding="utf-8", newline="") as f:
        moderated = [int(row["comment-id"]) for row in csv.DictReader(f) if row["moderated"] == "-1"]
    with open(f"{folder}/participants-votes.csv", encoding="utf-8", newline="") as f:
        theirs = {int(row["participant"]): row["group-id"] for row in csv.DictReader(f) if row["group-id"] != ""}

    def pipeline():
        # red-dwarf wants one vote per participant and statement: the last one, as Polis
        # keeps it (inside the timing, as our matrix building is).
        last = {}
        for vote in sorted(votes, key=lambda v: v["modified"]):
            last[(vote["participant_id"], vote["statement_id"])] = vote
        return run_pipeline(votes=list(last.values()), mod_out_statement_ids=moderated, random_state=0)

    times, result = [], None
    for _ in range(3):
        result = None  # the previous run's result is let go first, as Concerto's is
        start = time.perf_counter()
        result = pipeline()
        times.append(time.perf_counter() - start)
    clusters = result.participants_df["cluster_id"]
    both = [p for p, c in clusters.items() if c is not None and str(c) != "<NA>" and p in theirs]
    print(f"rd_{name}_ari {adjusted_rand_score([theirs[p] for p in both], [int(clusters[p]) for p in both]):.3f}")
    print(f"rd_{name}_both {len(both)}")
    print(f"rd_{name}_groups {clusters.dropna().nunique()}")
    print(f"rd_{name}_seconds {statistics.median(times):.4f}")
