"""Fit reportdiff/data/initiative_namehood.json: P(a listed name is a real named initiative).

Run: `.venv/bin/python benchmarks/fit_namehood.py [--write]`

It reads the hand-judged precision samples (``benchmarks/blind/initiative_precision*.tsv``: each row a
name the grammar listed, judged real or not against gold/README.md "Named initiatives"), computes
:func:`reportdiff.namehood.features` of each, and fits a logistic regression
(``fit_initiatives.logistic``: Newton's method, L2 on the weights). It prints, leave-one-sample-out
(each sample scored by the model fitted on the others), the area under the ROC curve, the share real
among the names scored highest and at each threshold, then the weights fitted on all samples;
``--write`` stores them. A sample judged after the last fit is a fresh
check of the model: score it with the stored weights before refitting.
"""

from __future__ import annotations

import argparse
import json
import sys
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
from reportdiff.namehood import FEATURES, features  # noqa: E402


def rows(path: Path) -> list[tuple[list[float], bool]]:
    lines = [ln.split("\t") for ln in path.read_text(encoding="utf-8").splitlines() if ln and ln[0] != "#"]
    col = {name: i for i, name in enumerate(lines[0])}
    out = []
    for r in lines[1:]:
        stage = Stage(r[col["stage"]]) if r[col["stage"]] else None
        text = r[col["text"]]
        x = features(r[col["name"]], InitiativeKind(r[col["kind"]]), stage, text)
        out.append((x, r[col["real"]] == "yes"))
    return out


def auc(scores: np.ndarray, y: np.ndarray) -> float:
    pos, neg = scores[y == 1], scores[y == 0]
    wins = sum(float((p > neg).sum()) + 0.5 * float((p == neg).sum()) for p in pos)
    return wins / (len(pos) * len(neg))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--write", action="store_true")
    args = ap.parse_args(argv)
    data = {p.name: rows(p) for p in SAMPLES}
    x = np.array([[1.0, *f] for rs in data.values() for f, _ in rs])
    y = np.array([float(ok) for rs in data.values() for _, ok in rs])
    which = np.array([name for name, rs in data.items() for _ in rs])
    held = np.zeros(len(y))
    for name in data:
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
    w = fit(x, y)
    model = {
        "features": list(FEATURES),
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
