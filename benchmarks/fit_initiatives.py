"""Fit the confidence model of initiative pairs, choose the pairing threshold, and report both.

Run: `.venv/bin/python benchmarks/fit_initiatives.py [--write]`

Labelled files: ../shared/gold/initiatives/*.tsv and benchmarks/heldout/initiatives/*.tsv (ten in all
since the fourth round).
For every file, blocking's candidate pairs (reportdiff.initiative_diff.candidate_pairs) are labelled
from the gold rows: a kept/progressed row makes its (old, new) entries a true pair and their other
candidates false ones; a dropped or new row makes every candidate of its side false. A logistic
model over the pair features (PairFeatures.vector: name similarity, ratio, same kind, same section,
exact key, conflict) is fitted by Newton's method with a small L2 penalty; the threshold on the pair
score is the one that maximises the judged accuracy (score_initiatives.judge) over the files.

It prints the leave-one-file-out figures (model and threshold fitted without the file, judged on
it, each file's names extracted with the initiative lexicon built without its labels:
``build_initiative_lexicon.without``) and the calibration of held-out pairs (predicted probability
against the share right). With
--write it stores the model fitted on all files in reportdiff/data/initiative_confidence.json and
the figures (per file and per status, held out, and the calibration table) in
benchmarks/results/initiatives.json, which docs/accuracy.md, docs/initiatives.md and
docs/initiatives-log.md quote.
"""

from __future__ import annotations

import argparse
import itertools
import json
import math
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import score_initiatives_inprocess as bench  # noqa: E402
from build_initiative_lexicon import without  # noqa: E402

from reportdiff._assign import assign  # noqa: E402
from reportdiff.initiative_diff import (  # noqa: E402
    PairFeatures,
    candidate_pairs,
)

OUT = ROOT / "reportdiff" / "data" / "initiative_confidence.json"
RESULTS = ROOT / "benchmarks" / "results" / "initiatives.json"
THRESHOLDS = [float(t) for t in range(56, 92, 2)]
#: the threshold under which pairs are assigned for training: low, so that wrong pairs are seen too
TRAIN_THRESHOLD = 50.0
BINS = [0.0, 0.5, 0.7, 0.8, 0.9, 0.95, 1.0001]


def find(items: list[dict[str, Any]], contains: str) -> list[int]:
    """Indexes of the initiatives holding ``contains`` (name or text, else sentence), as the scorer does."""
    hits = [k for k, d in enumerate(items) if contains in d["name"] or contains in d["text"]]
    return hits or [k for k, d in enumerate(items) if contains in d["sentence"]]


class File:
    """One labelled file, read once: both sides, the candidates and their labels."""

    def __init__(self, path: Path, sc: Any) -> None:
        self.path = path
        header, self.rows = sc.read_gold(path)
        with without(path):  # the lexicon as an unseen report's: built without this file's labels
            self.old, self.new, self.aligned, self.delivery, self.runs = bench.sides(
                header, bench.SHARED / "corpora"
            )
        self.feats = candidate_pairs(self.old, self.new, self.aligned)
        self.labels = self._labels()

    def _labels(self) -> dict[tuple[int, int], bool]:
        od = [i.to_dict() for i in self.old]
        nd = [i.to_dict() for i in self.new]
        pos: set[tuple[int, int]] = set()
        neg: set[tuple[int, int]] = set()
        for row in self.rows:
            olds = find(od, row["old_contains"]) if row["old_contains"] else []
            news = find(nd, row["new_contains"]) if row["new_contains"] else []
            for i, j in self.feats:
                if row["status"] in ("kept", "progressed"):
                    if i in olds and j in news:
                        pos.add((i, j))
                    elif (i in olds) != (j in news):
                        neg.add((i, j))
                elif (row["status"] == "dropped" and i in olds) or (row["status"] == "new" and j in news):
                    neg.add((i, j))
        return {k: k in pos for k in (pos | neg) if not (k in pos and k in neg)}

    def assigned(self) -> list[tuple[PairFeatures, bool]]:
        """The labelled pairs the one-to-one assignment makes at :data:`TRAIN_THRESHOLD`: the pairs a
        confidence is given to, so that the model is calibrated on them and not on every candidate."""
        edges = [(i, j, f.score) for (i, j), f in self.feats.items() if f.score >= TRAIN_THRESHOLD]
        return [(self.feats[k], self.labels[k]) for k in assign(edges) if k in self.labels]

    def by_status(self, sc: Any, threshold: float, model: dict[str, Any]) -> dict[str, list[int]]:
        """status → [right, rows] of the file judged with ``model`` and ``threshold``."""
        entries = [c.to_dict() for c in self.judged(sc, threshold, model)[2]]
        out: dict[str, list[int]] = {}
        for row in self.rows:
            tally = out.setdefault(row["status"], [0, 0])
            tally[0] += sc.judge(row, entries)[0]
            tally[1] += 1
        return out

    def judged(self, sc: Any, threshold: float, model: dict[str, Any]) -> tuple[int, int, list[Any]]:
        from reportdiff import initiative_diff

        saved = initiative_diff._model
        initiative_diff._model = lambda: model  # type: ignore[assignment]
        try:
            changes = bench.run(self.old, self.new, self.aligned, self.delivery, threshold, self.runs)
        finally:
            initiative_diff._model = saved  # type: ignore[assignment]
        entries = [c.to_dict() for c in changes]
        right = sum(sc.judge(row, entries)[0] for row in self.rows)
        return right, len(self.rows), list(changes)


def logistic(x: np.ndarray, y: np.ndarray, l2: float = 1.0) -> np.ndarray:
    """Logistic regression by Newton's method, L2 on the weights; column 0 of ``x`` is the intercept's
    (ones), not penalised."""
    w = np.zeros(x.shape[1])
    penalty = np.eye(x.shape[1]) * l2
    penalty[0, 0] = 0.0
    for _ in range(50):
        p = 1.0 / (1.0 + np.exp(-x @ w))
        grad = x.T @ (p - y) + penalty @ w
        hess = x.T @ (x * (p * (1 - p))[:, None]) + penalty
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return w


def fit(pairs: Sequence[tuple[PairFeatures, bool]], l2: float = 1.0) -> dict[str, Any]:
    """The pair model: :func:`logistic` on the pairs' feature vectors."""
    x = np.array([[1.0, *f.vector()] for f, _ in pairs])
    y = np.array([1.0 if label else 0.0 for _, label in pairs])
    w = logistic(x, y, l2)
    return {
        "features": ["name", "ratio", "same_kind", "same_section", "exact", "conflict", "margin"],
        "weights": [round(float(v), 4) for v in w[1:]],
        "intercept": round(float(w[0]), 4),
    }


def probability(model: dict[str, Any], f: PairFeatures) -> float:
    z = model["intercept"] + sum(a * b for a, b in zip(model["weights"], f.vector(), strict=True))
    return 1.0 / (1.0 + math.exp(-z))


def best_threshold(files: Sequence[File], sc: Any, model: dict[str, Any]) -> float:
    scores = {t: sum(f.judged(sc, t, model)[0] for f in files) for t in THRESHOLDS}
    top = max(scores.values())
    best = [t for t, v in scores.items() if v == top]
    return best[len(best) // 2]  # the middle of a plateau


def calibration(rows: list[tuple[float, bool]]) -> list[dict[str, Any]]:
    out = []
    for lo, hi in itertools.pairwise(BINS):
        inside = [(p, ok) for p, ok in rows if lo <= p < hi]
        if inside:
            out.append(
                {
                    "bin": f"{lo:.2f}–{min(hi, 1):.2f}",
                    "n": len(inside),
                    "mean_p": round(sum(p for p, _ in inside) / len(inside), 3),
                    "right": round(sum(ok for _, ok in inside) / len(inside), 3),
                }
            )
    return out


def paired_outcomes(f: File, changes: list[Any], model: dict[str, Any]) -> list[tuple[float, bool]]:
    """(confidence, right?) for every pair and one-sided verdict whose truth the labels know."""
    index_o = {id(x): k for k, x in enumerate(f.old)}
    index_n = {id(x): k for k, x in enumerate(f.new)}
    out = []
    for c in changes:
        if c.old is not None and c.new is not None:
            if id(c.old) not in index_o:  # a recurring run's pair, added after the assignment
                continue
            key = (index_o[id(c.old)], index_n[id(c.new)])
            if key in f.labels:
                out.append((probability(model, f.feats[key]), f.labels[key]))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--write", action="store_true", help="store the model fitted on all files")
    args = ap.parse_args(argv)
    sc = bench.scorer()
    files = [File(p, sc) for p in bench.default_files()]
    for f in files:
        n_pos = sum(f.labels.values())
        pairs = f.assigned()
        print(
            f"{f.path.name}: {len(f.feats)} candidates, {n_pos} true and {len(f.labels) - n_pos} false"
            " labelled;"
            f" {len(pairs)} labelled pairs assigned at {TRAIN_THRESHOLD:g}, {sum(v for _, v in pairs)} true"
        )

    print("\nleave one file out (model and threshold fitted on the other files):")
    held: list[tuple[float, bool]] = []
    total_right = total_rows = 0
    lofo: dict[str, Any] = {}
    statuses: dict[str, list[int]] = {}
    for f in files:
        rest = [g for g in files if g is not f]
        model = fit([pair for g in rest for pair in g.assigned()])
        t = best_threshold(rest, sc, model)
        right, n, changes = f.judged(sc, t, model)
        held += paired_outcomes(f, changes, model)
        total_right, total_rows = total_right + right, total_rows + n
        by = f.by_status(sc, t, model)
        for status, (ok, rows) in by.items():
            tally = statuses.setdefault(status, [0, 0])
            tally[0], tally[1] = tally[0] + ok, tally[1] + rows
        lofo[f.path.name] = {"threshold": t, "right": right, "rows": n, "by_status": by}
        detail = ", ".join(f"{s} {ok}/{rows}" for s, (ok, rows) in sorted(by.items()))
        print(f"  {f.path.name}: threshold {t:g} → {right}/{n} = {right / n:.3f} ({detail})")
    print(f"  all held out: {total_right}/{total_rows} = {total_right / total_rows:.3f}")
    print("  by status: " + ", ".join(f"{s} {ok}/{n}" for s, (ok, n) in sorted(statuses.items())))
    print("calibration of held-out pairs (confidence bin, pairs, mean confidence, share right):")
    for row in calibration(held):
        print(f"  {row['bin']}: {row['n']:4d}  {row['mean_p']:.3f}  {row['right']:.3f}")

    model = fit([pair for g in files for pair in g.assigned()])
    model["threshold"] = best_threshold(files, sc, model)
    inside = [o for f in files for o in paired_outcomes(f, f.judged(sc, model["threshold"], model)[2], model)]
    model["fitted_on"] = [f.path.name for f in files]
    model["pairs"] = sum(len(f.assigned()) for f in files)
    model["calibration_held_out"] = calibration(held)
    model["calibration_in_sample"] = calibration(inside)
    model["note"] = (
        "fitted by benchmarks/fit_initiatives.py;"
        " probability = 1 / (1 + exp(-(intercept + weights · features)))"
    )
    print("\nfitted on all files:", json.dumps({k: model[k] for k in ("weights", "intercept", "threshold")}))
    stored = {f.path.name: f.by_status(sc, model["threshold"], model) for f in files}
    results = {
        "note": "written by benchmarks/fit_initiatives.py --write",
        "files": [f.path.name for f in files],
        "leave_one_file_out": {
            "files": lofo,
            "right": total_right,
            "rows": total_rows,
            "by_status": {s: {"right": ok, "rows": n} for s, (ok, n) in sorted(statuses.items())},
        },
        "fitted_on_all": {
            "threshold": model["threshold"],
            "files": {
                name: {
                    "right": sum(v[0] for v in by.values()),
                    "rows": sum(v[1] for v in by.values()),
                    "by_status": by,
                }
                for name, by in stored.items()
            },
        },
        "calibration_held_out": calibration(held),
    }
    if args.write:
        OUT.write_text(json.dumps(model, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        RESULTS.write_text(json.dumps(results, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {OUT.relative_to(ROOT)} and {RESULTS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
