"""Fit reportdiff/data/recurring_model.json: P(a run both compared parts hold is an initiative).

Run: `.venv/bin/python benchmarks/fit_recurring.py [FILES…] [--write]`
(default: the labelled initiative files of ``score_initiatives_inprocess.default_files``).

For each labelled file it extracts both sides as a comparison does, without recurring runs, then
lists every recurring run (:func:`reportdiff.recurring.recurring_pairs`) with its features. A run is
labelled an initiative when a kept or progressed row of the file names it on both sides: the row's
old_contains is in the run's old name or clause (the scorer's own test) and shares four characters
with the run itself, and its new_contains likewise. The annotators list every clear kept pair
(gold/README.md), so a run no row names is taken for a generic phrase.

It fits a logistic regression (``fit_initiatives.logistic``) leave-one-file-out: each file's runs
are weighed by the model fitted on the other files. For each threshold it then prints the share of
runs labelled initiatives among those kept, and the initiative accuracy of all files (the shared
scorer's judge). The weights are then fitted on all files; ``--write`` stores them with
``--threshold``. The accuracy rises as the threshold falls, for a kept run costs the scorer nothing:
the threshold is set where the hand-judged runs say listing more stops paying
(``benchmarks/blind/recurring_judged.tsv``: runs weighed under 0.15 were real 6 times in 90).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from dataclasses import replace
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import score_initiatives_inprocess as S  # noqa: E402
from build_initiative_lexicon import without  # noqa: E402
from build_recurring_regions import regions_of_runs  # noqa: E402
from fit_initiatives import logistic  # noqa: E402

from reportdiff.initiatives import Initiative  # noqa: E402
from reportdiff.recurring import FEATURES, likelihood, recurring_pairs, run_features  # noqa: E402

OUT = ROOT / "reportdiff" / "data" / "recurring_model.json"
RESULTS = ROOT / "benchmarks" / "results" / "recurring.json"
THRESHOLDS = (0.05, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8)


def overlaps(run: str, contains: str) -> bool:
    """Whether a run and a row's contains string share a stretch of at least four characters (or the
    whole of the shorter)."""
    m = SequenceMatcher(None, run, contains, autojunk=False).find_longest_match(0, len(run), 0, len(contains))
    return m.size >= min(4, len(run), len(contains))


def names(row: dict[str, str], run: str, a: Initiative, b: Initiative) -> bool:
    """Whether a kept or progressed row names the run on both sides: its old_contains is in the run's
    old name or clause (the scorer's test) and shares a stretch with the run itself; the new side
    likewise. A run only sharing a clause with a named initiative is no initiative."""
    return row["status"] in ("kept", "progressed") and all(
        c and (c in i.name or c in i.text) and overlaps(run, c)
        for c, i in ((row["old_contains"], a), (row["new_contains"], b))
    )


def load(files: Sequence[Path]) -> list[dict[str, Any]]:
    """Each file's rows, base sides and runs with features and labels. A run's regions are counted
    without the file's own (``build_recurring_regions``): what an unseen region's run would read."""
    sc = S.scorer()
    seen = regions_of_runs(S.SHARED / "corpora")
    out = []
    for f in files:
        header, rows = sc.read_gold(f)
        if header is None:
            continue
        with without(f):  # the lexicon built without the file's labels, as an unseen report's
            io, inn, aligned, delivery, _ = S.sides(header, S.SHARED / "corpora", recurring=False)
            ro, rn, op, np_ = S.reports(header, S.SHARED / "corpora")
            runs = recurring_pairs(ro, rn, io, inn, old_part=op, new_part=np_)
        own = ro.region or header["old"][0].rpartition("-")[0]
        here = header["old"][0].rpartition("-")[0]
        x = [run_features(r, a, b, len(seen.get(r.text, set()) - {own, here})) for r, a, b in runs]
        y = [any(names(row, r.text, a, b) for row in rows) for r, a, b in runs]
        out.append(dict(file=f, rows=rows, sides=(io, inn, aligned, delivery), runs=runs, x=x, y=y))
    return out


def fit(x: Sequence[Sequence[float]], y: Sequence[bool], l2: float) -> dict[str, Any]:
    w = logistic(np.array([[1.0, *v] for v in x]), np.array([float(v) for v in y]), l2)
    return {
        "features": list(FEATURES),
        "weights": [round(float(v), 4) for v in w[1:]],
        "intercept": round(float(w[0]), 4),
    }


def score(data: list[dict[str, Any]], probs: list[list[float]], cut: float) -> tuple[int, int]:
    """Right rows of all files with the runs at least ``cut`` likely."""
    sc = S.scorer()
    right = total = 0
    for d, ps in zip(data, probs, strict=True):
        io, inn, aligned, delivery = d["sides"]
        kept = [(a, b, p) for (_, a, b), p in zip(d["runs"], ps, strict=True) if p >= cut]
        runs = ([replace(a, recurring=p) for a, _, p in kept], [replace(b, recurring=p) for _, b, p in kept])
        entries = [c.to_dict() for c in S.run(io, inn, aligned, delivery, runs=runs)]
        right += sum(sc.judge(row, entries)[0] for row in d["rows"])
        total += len(d["rows"])
    return right, total


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("files", nargs="*", type=Path)
    ap.add_argument("--l2", type=float, default=1.0)
    ap.add_argument("--threshold", type=float, default=0.15)
    ap.add_argument("--write", action="store_true")
    args = ap.parse_args()
    data = load(args.files or S.default_files())
    n = sum(len(d["y"]) for d in data)
    print(f"{len(data)} files, {n} runs, {sum(sum(d['y']) for d in data)} named by a kept/progressed row")
    probs = []
    for k, d in enumerate(data):
        rest = [e for j, e in enumerate(data) if j != k]
        m = fit([v for e in rest for v in e["x"]], [v for e in rest for v in e["y"]], args.l2)
        probs.append([likelihood(v, m) for v in d["x"]])
    base = score(data, [[0.0] * len(d["runs"]) for d in data], 2.0)
    print(f"without recurring runs: {base[0]}/{base[1]} = {base[0] / base[1]:.3f}")
    table = {}
    for cut in THRESHOLDS:
        pairs = (zip(ps, d["y"], strict=True) for d, ps in zip(data, probs, strict=True))
        kept = [(p, y) for one in pairs for p, y in one if p >= cut]
        share = sum(y for _, y in kept) / len(kept) if kept else 0.0
        right, total = score(data, probs, cut)
        table[str(cut)] = {"runs": len(kept), "named": round(share, 3), "right": right, "rows": total}
        print(
            f"  leave-one-file-out, threshold {cut}: {len(kept)} runs ({share:.2f} named),"
            f" {right}/{total} = {right / total:.3f}"
        )
    model = fit([v for d in data for v in d["x"]], [v for d in data for v in d["y"]], args.l2)
    model["threshold"] = args.threshold
    print(json.dumps(model, ensure_ascii=False))
    if args.write:
        OUT.write_text(json.dumps(model, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        lofo = {"without_runs": {"right": base[0], "rows": base[1]}, "leave_one_file_out": table}
        RESULTS.write_text(json.dumps(lofo, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {OUT.relative_to(ROOT)} and {RESULTS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
