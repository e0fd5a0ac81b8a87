"""Time `reportdiff._assign.assign` against scipy on random sparse graphs and a hostile degenerate case.

Run: `.venv/bin/python benchmarks/bench_assign.py [--quick]`.

Cases: the two sizes the compare path meets (50×50 dense, 300×300 with 5 edges per node), random
sparse graphs of 1k, 4k, 16k and 64k edges (5 per left node), and "64 copies": a small synthetic
report pair (items with 1–4 candidates of tied integer scores) in which every item has 64 identical
copies on each side, as when a report is concatenated 64 times against itself. The copies series
(8, 16, 32, 64 copies) shows time per edge on that hostile family.

For each case it prints assign's time (best of a few runs), the time of an equally-sized scipy call
and the ratio: `linear_sum_assignment(maximize=True)` on the dense matrix (0 = no edge) when it fits
in memory, and `scipy.sparse.csgraph.min_weight_full_bipartite_matching` on the sparse graph (each
row with a private "unpaired" column). Both scipy times exclude building their input and the
~0.5 s it takes to import numpy and scipy.optimize, which assign does not need. `total/opt` is
assign's total weight over the optimum (1.0 = exact). Nothing here is asserted.
"""

from __future__ import annotations

import argparse
import math
import random
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from reportdiff._assign import assign

ROOT = Path(__file__).resolve().parents[1]

Edges = list[tuple[int, int, float]]
DENSE_CELLS_MAX = 16_000_000  # larger dense matrices would take minutes in scipy's O(n³) solver


def random_sparse(rows: int, cols: int, per_row: int, seed: int) -> Edges:
    """Each row gets ``per_row`` distinct random columns with a uniform weight in (1, 100)."""
    rng = random.Random(seed)
    return [(i, j, rng.uniform(1.0, 100.0)) for i in range(rows) for j in rng.sample(range(cols), per_row)]


def dense(n: int, seed: int) -> Edges:
    rng = random.Random(seed)
    return [(i, j, rng.uniform(1.0, 100.0)) for i in range(n) for j in range(n)]


def copies(items: int, k: int, seed: int) -> Edges:
    """A base pair of ``items`` items, each left item with 1–4 candidates of tied scores, k copies a side."""
    rng = random.Random(seed)
    base: dict[tuple[int, int], float] = {}
    for a in range(items):
        for b in {a, *(rng.randrange(items) for _ in range(rng.randint(0, 3)))}:
            base[a, b] = float(rng.choice((62, 70, 70, 80, 90, 100)))
    return [
        (c * items + a, d * items + b, w) for (a, b), w in base.items() for c in range(k) for d in range(k)
    ]


def best_time(fn: Callable[[], Any], budget: float = 1.0) -> tuple[float, Any]:
    """Best wall time of a few runs of ``fn`` (at least one; more while under ``budget`` seconds)."""
    t0 = time.perf_counter()
    result = fn()
    best = time.perf_counter() - t0
    spent, runs = best, 1
    while spent < budget and runs < 7:
        t0 = time.perf_counter()
        fn()
        took = time.perf_counter() - t0
        best, spent, runs = min(best, took), spent + took, runs + 1
    return best, result


def scipy_times(edges: Edges) -> tuple[float | None, float | None, float]:
    """(dense LSA time or None, sparse matching time or None, optimal total) of the same graph."""
    try:
        import numpy as np
        from scipy.optimize import linear_sum_assignment
        from scipy.sparse import coo_matrix
        from scipy.sparse.csgraph import min_weight_full_bipartite_matching
    except ImportError:
        return None, None, math.nan
    n = 1 + max(e[0] for e in edges)
    m = 1 + max(e[1] for e in edges)
    rows = np.array([e[0] for e in edges])
    cols = np.array([e[1] for e in edges])
    ws = np.array([e[2] for e in edges])
    t_dense = None
    if n * m <= DENSE_CELLS_MAX:
        mat = np.zeros((n, m))
        mat[rows, cols] = ws
        t_dense, (r, c) = best_time(lambda: linear_sum_assignment(mat, maximize=True))
    # rows n × columns m real + n private "unpaired" ones; costs big − w and big, all > 0
    big = float(ws.max()) + 1.0
    sp = coo_matrix(
        (
            np.concatenate([big - ws, np.full(n, big)]),
            (np.concatenate([rows, np.arange(n)]), np.concatenate([cols, m + np.arange(n)])),
        ),
        shape=(n, m + n),
    ).tocsr()
    t_sparse, (mr, mc) = best_time(lambda: min_weight_full_bipartite_matching(sp))
    real = mc < m
    opt = float((big - np.asarray(sp[mr[real], mc[real]]).ravel()).sum())
    if t_dense is not None:
        assert math.isclose(opt, float(mat[r, c].sum()), rel_tol=1e-9)
    return t_dense, t_sparse, opt


def report(name: str, edges: Edges) -> None:
    t, pairs = best_time(lambda: assign(edges))
    weight = {(a, b): w for a, b, w in edges}
    total = math.fsum(weight[p] for p in pairs)
    t_dense, t_sparse, opt = scipy_times(edges)
    n = 1 + max(e[0] for e in edges)
    m = 1 + max(e[1] for e in edges)

    def ratio(other: float | None) -> str:
        return f"{other * 1e3:9.2f} {t / other:7.1f}×" if other else f"{'—':>9} {'—':>8}"

    print(
        f"{name:<22}{n:>6}×{m:<6}{len(edges):>8}{t * 1e3:>10.2f}{t / len(edges) * 1e6:>8.2f}"
        f"  {ratio(t_dense)}  {ratio(t_sparse)}{total / opt:>10.6f}"
    )


def import_cost(runs: int = 15) -> None:
    """Median wall time of a bare interpreter and of importing assign, numpy, scipy.optimize."""

    def median_run(code: str) -> float:
        times = []
        for _ in range(runs):
            t0 = time.perf_counter()
            subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)
            times.append(time.perf_counter() - t0)
        return sorted(times)[len(times) // 2]

    bare = median_run("pass")
    print(f"\nprocess start and import (median of {runs}): python -c pass {bare * 1e3:.1f} ms")
    for code in ("import reportdiff._assign", "import numpy", "import scipy.optimize"):
        print(f"  {code:<28} +{(median_run(code) - bare) * 1e3:6.1f} ms")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="skip the 64k-edge and 64-copies cases")
    args = ap.parse_args()
    print(
        f"{'case':<22}{'rows×cols':>13}{'edges':>8}{'assign ms':>10}{'µs/edge':>8}"
        f"  {'LSA ms':>9} {'ratio':>8}  {'sparse ms':>9} {'ratio':>8}{'total/opt':>10}"
    )
    report("50×50 dense", dense(50, 1))
    report("300×300, 5 per node", random_sparse(300, 300, 5, 2))
    for size in (1_000, 4_000, 16_000, 64_000):
        if size <= 16_000 or not args.quick:
            report(f"random {size // 1000}k edges", random_sparse(size // 5, size // 5, 5, size))
    for k in (8, 16, 32, 64):
        if k <= 16 or not args.quick:
            report(f"{k} copies of 24 items", copies(24, k, 3))
    import_cost()


if __name__ == "__main__":
    main()
