"""Fit reportdiff/data/initiative_namehood.json: P(a listed name is a real named initiative).

Run: `.venv/bin/python benchmarks/fit_namehood.py [--write]`

It reads the hand-judged precision samples (``benchmarks/blind/initiative_precision*.tsv``: each row a
name the grammar listed, judged real or not against gold/README.md "Named initiatives"), computes
:func:`reportdiff.namehood.features` of each, and fits a logistic regression
(``fit_initiatives.logistic``: Newton's method, L2 on the weights); the heads the names end with
(…行动, …平台, a bare quotation) weigh as features when at least ``MIN_HEAD`` judged names end so.
It prints, leave-one-sample-out (each sample scored by the model fitted on the others), the area
under the ROC curve, the share real among the names scored highest and at each threshold, then the
weights fitted on all samples; ``--write`` stores them. A sample judged after the last fit is a fresh
check of the model: score it with the stored weights before refitting.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = sorted((ROOT / "benchmarks" / "blind").glob("initiative_precision*.tsv"))
OUT = ROOT / "reportdiff" / "data" / "initiative_namehood.json"
#: under this namehood the page, Markdown and explain() mark a name for checking: fewer than half the
#: judged names scored below it are real initiatives (leave-one-sample-out, printed by main())
CHECK_BELOW = 0.5
sys.path.insert(0, str(ROOT))

from fit_initiatives import logistic as fit  # noqa: E402

from reportdiff.initiatives import InitiativeKind, Stage  # noqa: E402
from reportdiff.namehood import FEATURES, features, name_head  # noqa: E402

#: the fewest judged names a head needs to get a weight of its own
MIN_HEAD = 5

Judged = tuple[str, InitiativeKind, "Stage | None", str, bool]


def rows(path: Path) -> list[Judged]:
    """A sample's judged names: name, kind, stage, clause, real."""
    lines = [ln.split("\t") for ln in path.read_text(encoding="utf-8").splitlines() if ln and ln[0] != "#"]
    col = {name: i for i, name in enumerate(lines[0])}
    out = []
    for r in lines[1:]:
        stage = Stage(r[col["stage"]]) if r[col["stage"]] else None
        out.append(
            (r[col["name"]], InitiativeKind(r[col["kind"]]), stage, r[col["text"]], r[col["real"]] == "yes")
        )
    return out


def heads_of(judged: list[Judged]) -> list[str]:
    """The heads (:func:`name_head`) that end at least :data:`MIN_HEAD` of the judged names, most first."""
    counts = Counter(name_head(j[0]) for j in judged)
    return sorted((h for h, n in counts.items() if n >= MIN_HEAD), key=lambda h: (-counts[h], h))


def matrix(judged: list[Judged], heads: list[str]) -> np.ndarray:
    return np.array([[1.0, *features(n, k, s, t, heads)] for n, k, s, t, _ in judged])


def auc(scores: np.ndarray, y: np.ndarray) -> float:
    pos, neg = scores[y == 1], scores[y == 0]
    wins = sum(float((p > neg).sum()) + 0.5 * float((p == neg).sum()) for p in pos)
    return wins / (len(pos) * len(neg))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--write", action="store_true")
    args = ap.parse_args(argv)
    data = {p.name: rows(p) for p in SAMPLES}
    judged = [j for rs in data.values() for j in rs]
    y = np.array([float(j[-1]) for j in judged])
    which = np.array([name for name, rs in data.items() for _ in rs])
    held = np.zeros(len(y))
    for name in data:  # the heads too are read from the other samples only
        train = [j for j, w in zip(judged, which, strict=True) if w != name]
        x = matrix(judged, heads_of(train))
        w = fit(x[which != name], y[which != name])
        held[which == name] = 1.0 / (1.0 + np.exp(-x[which == name] @ w))
    print(f"{len(y)} judged names from {len(data)} samples, {y.mean():.3f} real")
    print(f"leave-one-sample-out: AUC {auc(held, y):.3f}")
    order = np.argsort(-held)
    for share in (0.2, 0.3, 0.5, 0.7):
        k = int(len(y) * share)
        print(f"  the {share:.0%} scored highest: {y[order[:k]].mean():.3f} real")
    for t in (0.5, 0.6, 0.7, 0.8):
        m = held >= t
        below = f"{int(y[~m].sum())}/{int((~m).sum())}"
        print(f"  namehood >= {t}: {m.mean():.2f} of names, {y[m].mean():.3f} real; below it {below} real")
    heads = heads_of(judged)
    w = fit(matrix(judged, heads), y)
    model = {
        "features": list(FEATURES),
        "heads": heads,
        "weights": [round(float(v), 4) for v in w[1:]],
        "intercept": round(float(w[0]), 4),
        "fitted_on": sorted(data),
        "leave_one_sample_out_auc": round(auc(held, y), 3),
        "check_below": CHECK_BELOW,
    }
    print("fitted on all samples:", json.dumps({k: model[k] for k in ("weights", "intercept")}))
    if args.write:
        OUT.write_text(json.dumps(model, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        print(f"wrote {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
