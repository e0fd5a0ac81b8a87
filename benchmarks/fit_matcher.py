"""Fit the commitment pair model (reportdiff/data/match_model.json) and measure it leave-one-file-out.

Run: `make fit` (or `.venv/bin/python benchmarks/fit_matcher.py [--write] [--report FILE]`).

Every labelled commitment-pair file is used: the shared dev sets (../shared/gold/*.tsv) and the project's
held-out sets (benchmarks/heldout/*-*.tsv). For each file, the compared parts are prepared exactly as
`reportdiff.compare` does, every candidate pair is described by its features (reportdiff.match.FEATURES),
and the gold rows label the candidates: a matched row's pair is positive, every other candidate of its two
commitments negative; a dropped (new) row makes every candidate of its old (new) commitment negative.

A logistic model with an L2 penalty is fitted by Newton's method. Its quality is judged as users meet it:
leave-one-file-out, each file's `compare` is scored by the shared scorer's own judge() with a model fitted
on the other files. The regularisation and the decision threshold are chosen on that figure; a Platt
calibration is fitted on the leave-one-file-out pairs, so that the confidence of a pair is the share of
such pairs that are right. `--write` stores the model fitted on all files (with the threshold folded into
the intercept, so that a score of 50 is the decision point) and the figures in its `meta`.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.util
import itertools
import json
import math
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(ROOT))

from reportdiff import load  # noqa: E402
from reportdiff.align import MatchConfig  # noqa: E402
from reportdiff.classify import compare, prepare  # noqa: E402
from reportdiff.match import FEATURES, MatchModel, match_commitments, use_model  # noqa: E402


def _scorer() -> Any:
    spec = importlib.util.spec_from_file_location("score_gold", SHARED / "eval" / "score_gold.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


SCORER = _scorer()
FLOOR = 0.92  # every status must reach this leave-one-file-out (the trust issue's floor)


def labelled_files(blind: bool = False) -> list[Path]:
    """Every labelled commitment-pair file (``blind``: the blind held-out sets instead)."""
    if blind:
        return sorted((ROOT / "benchmarks" / "blind" / "pairs").glob("*.tsv"))
    dev = sorted(p for p in (SHARED / "gold").glob("*.tsv") if p.name != "quantities.tsv")
    held = sorted(p for p in (ROOT / "benchmarks" / "heldout").glob("*-*.tsv") if p.name != "quantities.tsv")
    return dev + held


@dataclass
class Case:
    """One labelled file, prepared: its reports and parts, candidate features and labels."""

    path: Path
    header: dict[str, tuple[str, str]]
    rows: list[dict[str, Any]]
    old: Any
    new: Any
    X: np.ndarray
    y: np.ndarray


_REPORTS: dict[str, Any] = {}


def _report(name: str) -> Any:
    if name not in _REPORTS:
        _REPORTS[name] = load(SHARED / "corpora" / name)
    return _REPORTS[name]


def _find(commitments: list[Any], contains: str, value: float | None) -> list[int]:
    """Indexes of the commitments a gold side names (the scorer's rule: clause first, then sentence)."""

    def has(c: Any, field: str) -> bool:
        return SCORER.same(c.quantity.value, value) and contains in getattr(c, field)

    return [i for i, c in enumerate(commitments) if has(c, "text")] or [
        i for i, c in enumerate(commitments) if has(c, "sentence")
    ]


def build(path: Path) -> Case:
    header, rows = SCORER.read_gold(path)
    (old_name, old_part), (new_name, new_part) = header["old"], header["new"]
    old, new = _report(old_name), _report(new_name)
    p = prepare(old, new, old_part=old_part, new_part=new_part)
    scored: dict[tuple[int, int], tuple[float, ...]] = {}
    match_commitments(
        p.old_commitments, p.new_commitments, p.aligned, MatchConfig(threshold=100.0), None, scored
    )
    label: dict[tuple[int, int], int] = {}
    for row in rows:
        st = row["status"]
        olds = _find(p.old_commitments, row["old_contains"], row["old_value"]) if st != "new" else []
        news = _find(p.new_commitments, row["new_contains"], row["new_value"]) if st != "dropped" else []
        for pair in scored:
            i, j = pair
            if i in olds or j in news:
                positive = st in ("kept", "raised", "lowered") and i in olds and j in news
                label[pair] = max(label.get(pair, 0), int(positive))
    keys = sorted(label)
    X = np.array([scored[k] for k in keys], dtype=float).reshape(len(keys), len(FEATURES))
    y = np.array([label[k] for k in keys], dtype=float)
    return Case(path, header, rows, old, new, X, y)


def fit(X: np.ndarray, y: np.ndarray, l2: float) -> tuple[np.ndarray, float]:
    """L2-penalised logistic regression by Newton's method (the intercept is not penalised)."""
    Xb = np.hstack([np.ones((len(X), 1)), X])
    w = np.zeros(Xb.shape[1])
    penalty = np.full(Xb.shape[1], l2)
    penalty[0] = 0.0
    for _ in range(50):
        z = Xb @ w
        p = 1 / (1 + np.exp(-z))
        grad = Xb.T @ (p - y) + penalty * w
        hess = (Xb * (p * (1 - p))[:, None]).T @ Xb + np.diag(penalty) + 1e-9 * np.eye(len(w))
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.max(np.abs(step)) < 1e-8:
            break
    return w[1:], float(w[0])


def as_model(
    weights: np.ndarray,
    intercept: float,
    threshold: float,
    calibration: tuple[float, float] = (1.0, 0.0),
    meta: dict[str, Any] | None = None,
) -> MatchModel:
    """A model whose score 50 is the decision threshold ``threshold`` (a probability)."""
    shift = math.log(threshold / (1 - threshold))
    return MatchModel(tuple(float(x) for x in weights), intercept - shift, calibration, meta or {})


def judge_file(
    case: Case, m: MatchModel
) -> tuple[Counter[str], Counter[str], list[tuple[float, int]], list[str]]:
    """Score one file's compare under model ``m`` with the shared scorer's judge(): totals and rights by
    status, (raw probability, right?) for every output pair that a gold row speaks about, wrong rows."""
    (_, old_part), (_, new_part) = case.header["old"], case.header["new"]
    with use_model(m):
        diff = compare(case.old, case.new, old_part=old_part, new_part=new_part)
    entries = diff.to_dict()["commitments"]
    total: Counter[str] = Counter()
    right: Counter[str] = Counter()
    wrong: list[str] = []
    for row in case.rows:
        ok, why = SCORER.judge(row, entries)
        total[row["status"]] += 1
        right[row["status"]] += ok
        if not ok:
            wrong.append(
                f"{case.path.name}: {row['status']} {row['old_contains']} → {row['new_contains']}: {why}"
            )
    pairs = _pair_outcomes(case, entries)
    return total, right, pairs, wrong


def _pair_outcomes(case: Case, entries: list[dict[str, Any]]) -> list[tuple[float, int]]:
    """(score / 100, right?) for output pairs whose old or new side a gold row names."""
    out = []
    for e in entries:
        if not (e.get("old") and e.get("new")):
            continue
        verdicts = []
        for row in case.rows:
            olds = (
                SCORER.find([e], "old", row["old_contains"], row["old_value"])
                if row["status"] != "new"
                else []
            )
            news = (
                SCORER.find([e], "new", row["new_contains"], row["new_value"])
                if row["status"] != "dropped"
                else []
            )
            if olds or news:
                verdicts.append(
                    int(row["status"] in ("kept", "raised", "lowered") and bool(olds) and bool(news))
                )
        if verdicts:
            out.append((e["evidence"]["match"]["score"] / 100, max(verdicts)))
    return out


def platt(pairs: list[tuple[float, int]]) -> tuple[float, float]:
    """(a, b) so that sigmoid(a · logit(p) + b) matches the share of right pairs."""
    if len(pairs) < 10 or len({r for _, r in pairs}) < 2:
        return 1.0, 0.0
    p = np.clip(np.array([x for x, _ in pairs]), 1e-6, 1 - 1e-6)
    X = np.log(p / (1 - p))[:, None]
    y = np.array([r for _, r in pairs], dtype=float)
    w, b = fit(X, y, 1e-3)
    return float(w[0]), b


def lofo(cases: list[Case], l2: float, threshold: float, verbose: bool = False) -> dict[str, Any]:
    total: Counter[str] = Counter()
    right: Counter[str] = Counter()
    pairs: list[tuple[float, int]] = []
    per_file = {}
    wrong_rows: list[str] = []
    for k, case in enumerate(cases):
        X = np.vstack([c.X for n, c in enumerate(cases) if n != k])
        y = np.concatenate([c.y for n, c in enumerate(cases) if n != k])
        w, b = fit(X, y, l2)
        t, r, p, wrong = judge_file(case, as_model(w, b, threshold))
        total.update(t)
        right.update(r)
        pairs.extend(p)
        wrong_rows.extend(wrong)
        per_file[case.path.name] = (sum(r.values()), sum(t.values()))
        if verbose:
            print(f"  {case.path.name}: {sum(r.values())}/{sum(t.values())}", flush=True)
    n, k = sum(total.values()), sum(right.values())
    false_pairs = sum("wrongly paired" in w for w in wrong_rows)
    return {
        "accuracy": k / n if n else 0.0,
        # a wrong pairing is worse than a missed one: it counts one and a half errors when choosing
        "objective": (k - 0.5 * false_pairs) / n if n else 0.0,
        "false_pairs": false_pairs,
        "right": k,
        "rows": n,
        "by_status": {s: [right[s], total[s]] for s in sorted(total)},
        "per_file": per_file,
        "pairs": pairs,
        "wrong": wrong_rows,
    }


def calibration_table(pairs: list[tuple[float, int]], cal: tuple[float, float]) -> list[dict[str, Any]]:
    """Share right per confidence bucket, after calibration."""
    m = MatchModel(tuple(0.0 for _ in FEATURES), 0.0, cal)
    edges = [0.0, 0.5, 0.7, 0.8, 0.9, 0.95, 1.01]
    rows = []
    for lo, hi in itertools.pairwise(edges):
        got = [r for p, r in pairs if lo <= m.confidence(p) < hi]
        if got:
            rows.append(
                {
                    "confidence": f"{lo:.2f}–{min(hi, 1.0):.2f}",
                    "pairs": len(got),
                    "right": sum(got),
                    "share": round(sum(got) / len(got), 3),
                    "mean_confidence": round(
                        float(np.mean([m.confidence(p) for p, r in pairs if lo <= m.confidence(p) < hi])), 3
                    ),
                }
            )
    return rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--write", action="store_true", help="write reportdiff/data/match_model.json")
    ap.add_argument("--report", type=Path, default=ROOT / "benchmarks" / "results" / "matcher.json")
    ap.add_argument("--l2", type=float, nargs="*", default=[1.0, 3.0, 10.0])
    ap.add_argument("--thresholds", type=float, nargs="*", default=[0.35, 0.5, 0.65])
    args = ap.parse_args()
    files = labelled_files()
    print(f"preparing {len(files)} labelled files …", flush=True)
    cases = [build(f) for f in files]
    print(f"{sum(len(c.y) for c in cases)} candidate pairs, {int(sum(c.y.sum() for c in cases))} positive")
    best: tuple[float, float, tuple[bool, float], dict[str, Any]] | None = None
    for l2 in args.l2:
        for th in args.thresholds:
            res = lofo(cases, l2, th)
            print(
                f"l2={l2:g} threshold={th:g}: leave-one-file-out "
                f"{res['right']}/{res['rows']} = {res['accuracy']:.3f} "
                f"({res['false_pairs']} false pairs) "
                + ", ".join(f"{s} {a}/{b}" for s, (a, b) in res["by_status"].items()),
                flush=True,
            )
            # the floors first (every status ≥ 0.92), then the objective
            floor = min(a / b for a, b in res["by_status"].values()) >= FLOOR
            key = (floor, res["objective"])
            if best is None or key > best[2]:
                best = (l2, th, key, res)
    assert best is not None
    l2, th, _, res = best
    cal = platt(res["pairs"])
    X = np.vstack([c.X for c in cases])
    y = np.concatenate([c.y for c in cases])
    w, b = fit(X, y, l2)
    table = calibration_table(res["pairs"], cal)
    meta = {
        "fitted": dt.date.today().isoformat(),
        "files": [c.path.name for c in cases],
        "candidate_pairs": len(y),
        "positive_pairs": int(y.sum()),
        "l2": l2,
        "threshold_probability": th,
        "leave_one_file_out": {
            k: res[k] for k in ("accuracy", "right", "rows", "false_pairs", "by_status", "per_file")
        },
        "calibration_table": table,
    }
    model = as_model(w, b, th, cal, meta)
    print("chosen:", f"l2={l2:g} threshold={th:g}", "calibration", cal)
    for row in table:
        print("  ", row)
    args.report.parent.mkdir(parents=True, exist_ok=True)
    args.report.write_text(
        json.dumps({**meta, "wrong": res["wrong"]}, ensure_ascii=False, indent=1), encoding="utf-8"
    )
    if args.write:
        out = ROOT / "reportdiff" / "data" / "match_model.json"
        out.write_text(json.dumps(model.to_dict(), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
