"""Weights a respondents file to its margins with weightipy (PyPI), an independent raking
implementation, and writes `id;weight` (weights of mean 1) — the expected weights of the
raking fixture (crates/raking/tests/fixtures), which Concerto must match to 1e-6.
    python weightipy_weights.py RESPONDENTS.csv MARGINS.csv OUT.csv
"""
import sys

import pandas as pd
import weightipy as wp

respondents_path, margins_path, out_path = sys.argv[1:4]
respondents = pd.read_csv(respondents_path, sep=";", dtype=str)
margins = pd.read_csv(margins_path, sep=";", dtype={"variable": str, "category": str, "share": float})

targets = []
for variable, rows in margins.groupby("variable", sort=False):
    targets.append({variable: {row.category: row.share for row in rows.itertuples()}})

scheme = wp.Rim("fixture", max_iterations=100000, convcrit=1e-15)
scheme.set_targets(targets)
weighted = wp.weight_dataframe(respondents, scheme, weight_column="weight")
weights = weighted["weight"] * len(weighted) / weighted["weight"].sum()
with open(out_path, "w") as out:
    out.write("id;weight\n")
    for identifier, weight in zip(weighted["id"], weights):
        out.write(f"{identifier};{weight:.12f}\n")
