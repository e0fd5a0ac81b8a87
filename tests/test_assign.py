"""Tests for reportdiff._assign: properties against scipy's linear_sum_assignment and a brute force."""

from __future__ import annotations

import math
import random

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.optimize import linear_sum_assignment

from reportdiff import _assign
from reportdiff._assign import TOP_K, assign, assign_dense

Edges = list[tuple[int, int, float]]

# small integers make ties (the hard case for determinism); floats make unique optima
WEIGHTS = st.one_of(st.integers(1, 3).map(float), st.floats(0.5, 100.0, allow_nan=False))


@st.composite
def graphs(draw: st.DrawFn, max_side: int = 6) -> tuple[int, int, Edges]:
    """``(n, m, edges)``: an n×m matrix, each cell missing or weighted; density varies per example."""
    n, m = draw(st.integers(0, max_side)), draw(st.integers(0, max_side))
    present = draw(st.sampled_from([0.15, 0.4, 0.7, 1.0]))
    cells = draw(st.lists(st.tuples(st.floats(0, 1), WEIGHTS), min_size=n * m, max_size=n * m))
    return n, m, [(k // m, k % m, w) for k, (p, w) in enumerate(cells) if p < present]


def total(edges: Edges, pairs: list[tuple[int, int]]) -> float:
    weight = {(a, b): w for a, b, w in edges}
    return math.fsum(weight[p] for p in pairs)


def scipy_pairs(n: int, m: int, edges: Edges) -> list[tuple[int, int]]:
    """scipy's optimal pairs on the dense matrix with 0 for missing edges, zero pairs dropped."""
    if not n or not m:
        return []
    dense = np.zeros((n, m))
    for a, b, w in edges:
        dense[a, b] = w
    rows, cols = linear_sum_assignment(dense, maximize=True)
    return sorted((int(a), int(b)) for a, b in zip(rows, cols, strict=True) if dense[a, b] > 0)


def optimal_matchings(edges: Edges) -> list[list[tuple[int, int]]]:
    """Every matching of maximum total weight, by brute force (small graphs only)."""
    by_left: dict[int, list[tuple[int, float]]] = {}
    for a, b, w in edges:
        by_left.setdefault(a, []).append((b, w))
    lefts = sorted(by_left)
    found: list[tuple[float, list[tuple[int, int]]]] = []

    def walk(k: int, used: frozenset[int], pairs: list[tuple[int, int]], weight: float) -> None:
        if k == len(lefts):
            found.append((weight, sorted(pairs)))
            return
        walk(k + 1, used, pairs, weight)
        for b, w in by_left[lefts[k]]:
            if b not in used:
                walk(k + 1, used | {b}, [*pairs, (lefts[k], b)], weight + w)

    walk(0, frozenset(), [], 0.0)
    best = max(w for w, _ in found)
    return [p for w, p in found if math.isclose(w, best, rel_tol=1e-12, abs_tol=1e-12)]


def transposed(edges: Edges) -> Edges:
    return [(b, a, w) for a, b, w in edges]


def flip(pairs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    return sorted((b, a) for a, b in pairs)


def is_matching(edges: Edges, pairs: list[tuple[int, int]]) -> bool:
    given_ = {(a, b) for a, b, _ in edges}
    return (
        pairs == sorted(pairs)
        and len({a for a, _ in pairs}) == len(pairs)
        and len({b for _, b in pairs}) == len(pairs)
        and all(p in given_ for p in pairs)
    )


@given(graphs())
def test_same_total_as_scipy_and_a_valid_matching_of_given_edges(graph: tuple[int, int, Edges]) -> None:
    n, m, edges = graph
    pairs = assign(edges)
    assert is_matching(edges, pairs)
    best = total(edges, scipy_pairs(n, m, edges))
    assert math.isclose(total(edges, pairs), best, rel_tol=1e-9, abs_tol=1e-9)


@given(graphs(max_side=5))
def test_a_unique_optimum_is_scipys_both_ways(graph: tuple[int, int, Edges]) -> None:
    n, m, edges = graph
    optima = optimal_matchings(edges)
    if len(optima) == 1:
        assert assign(edges) == optima[0] == scipy_pairs(n, m, edges)
        assert assign(transposed(edges)) == flip(optima[0])


@given(graphs(), st.randoms(use_true_random=False))
def test_result_depends_on_the_edge_set_only(graph: tuple[int, int, Edges], rnd: random.Random) -> None:
    _, _, edges = graph
    shuffled = edges + [(a, b, w / 2) for a, b, w in edges[:3]]  # repeats count with their largest weight
    rnd.shuffle(shuffled)
    assert assign(shuffled) == assign(edges)


@given(graphs())
def test_transposed_edges_give_the_transposed_pairs_ties_included(graph: tuple[int, int, Edges]) -> None:
    _, _, edges = graph
    assert assign(transposed(edges)) == flip(assign(edges))


@pytest.mark.parametrize(
    ("edges", "expected"),
    [
        ([], []),
        ([(4, 2, 0.5)], [(4, 2)]),
        ([(0, 0, 1.0), (0, 1, 3.0), (0, 2, 2.0)], [(0, 1)]),  # one row, many columns
        ([(0, 0, 1.0), (1, 0, 3.0), (2, 0, 2.0)], [(1, 0)]),  # many rows, one column
        ([(0, 0, 5.0), (0, 1, 4.0), (1, 0, 4.5)], [(0, 1), (1, 0)]),  # 2×2: not greedy
        ([(0, 0, 5.0), (0, 1, 1.0), (1, 0, 1.0)], [(0, 0)]),  # 2×2: one heavy pair beats two light ones
        ([(0, 0, 9.0), (1, 0, 8.0), (1, 1, 2.0), (2, 1, 3.0), (2, 2, 1.0)], [(0, 0), (1, 1), (2, 2)]),
        ([(0, 0, 1.0), (0, 1, 1.0), (1, 0, 1.0), (1, 1, 1.0)], [(0, 0), (1, 1)]),  # a tie, uncrossed
    ],
)
def test_examples(edges: Edges, expected: list[tuple[int, int]]) -> None:
    assert assign(edges) == expected


@pytest.mark.parametrize(
    "edge", [(-1, 0, 1.0), (0, -1, 1.0), (0, 0, 0.0), (0, 0, -2.0), (0, 0, math.nan), (0, 0, math.inf)]
)
def test_bad_edges_raise(edge: tuple[int, int, float]) -> None:
    with pytest.raises(ValueError, match="weights finite and > 0"):
        assign([(1, 1, 1.0), edge])


@given(graphs(), st.floats(0.5, 100.0))
def test_assign_dense_pairs_cells_at_or_above_the_threshold(
    graph: tuple[int, int, Edges], threshold: float
) -> None:
    n, m, edges = graph
    score = [[0.0] * m for _ in range(n)]
    for a, b, w in edges:
        score[a][b] = w
    kept = [(a, b, w) for a, b, w in edges if w >= threshold]
    assert assign_dense(score, threshold) == assign(kept)


def test_assign_dense_takes_numpy_rows_and_ignores_nan_and_negative_cells() -> None:
    score = np.array([[90.0, np.nan, -5.0], [80.0, 95.0, 0.0]])
    assert assign_dense(score, threshold=-10.0) == [(0, 0), (1, 1)]


@given(graphs(max_side=8), st.integers(1, 4))
def test_thinning_keeps_every_edge_when_no_node_has_more_than_k(
    graph: tuple[int, int, Edges], k: int
) -> None:
    _, _, edges = graph
    solver_edges = [(a, b, w, 0) for a, b, w in edges]
    degrees = [sum(e[side] == e2[side] for e2 in edges) for e in edges for side in (0, 1)]
    thinned = _assign._thin(solver_edges, k)
    if all(d <= k for d in degrees):
        assert thinned == solver_edges
    else:  # every node keeps min(k, degree) edges of its own at least
        for node in {(side, e[side]) for e in edges for side in (0, 1)}:
            own = sum(e[node[0]] == node[1] for e in edges)
            assert sum(e[node[0]] == node[1] for e in thinned) >= min(own, k)


@settings(max_examples=50)
@given(graphs(max_side=8))
def test_top_k_capping_never_changes_results_when_no_node_has_more_than_k_edges(
    graph: tuple[int, int, Edges],
) -> None:
    _, _, edges = graph
    exact = assign(edges)
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(_assign, "EXACT_WORK", 0)  # every component takes the large-component road
        capped = assign(edges)
        mp.setattr(_assign, "TOP_K", 3)
        thinned = assign(edges)
    assert capped == exact  # degrees here are ≤ 8 < TOP_K
    degree = max((sum(e[s] == f[s] for f in edges) for e in edges for s in (0, 1)), default=0)
    if degree <= 3:
        assert thinned == exact


def thinned_graph(edges: Edges, k: int) -> Edges:
    """The edges ``assign`` keeps for a large component with ``TOP_K = k`` (same closeness key)."""
    if not edges:
        return []
    n = 1 + max(a for a, _, _ in edges)
    m = 1 + max(b for _, b, _ in edges)
    kept = _assign._thin([(a, b, w, abs(a * m - b * n)) for a, b, w in edges], k)
    return [(a, b, w) for a, b, w, _ in kept]


@settings(max_examples=50)
@given(graphs(max_side=8))
def test_over_budget_the_result_is_a_valid_matching_at_least_half_the_thinned_optimum(
    graph: tuple[int, int, Edges],
) -> None:
    n, m, edges = graph
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(_assign, "EXACT_WORK", 0)
        mp.setattr(_assign, "TOP_K", 2)
        mp.setattr(_assign, "WORK_PER_EDGE", 0)  # no search may run: set-aside rows, greedy
        pairs = assign(edges)
        mirrored = assign(transposed(edges))
    assert is_matching(edges, pairs)
    assert mirrored == flip(pairs)
    thinned = thinned_graph(edges, 2)
    assert set(pairs) <= {(a, b) for a, b, _ in thinned}
    assert total(edges, pairs) >= 0.5 * total(thinned, scipy_pairs(n, m, thinned)) - 1e-9


def copies(base: Edges, k: int) -> Edges:
    """Every node of ``base`` repeated k times on its side (a report concatenated k times with itself)."""
    n = 1 + max(a for a, _, _ in base)
    m = 1 + max(b for _, b, _ in base)
    return [(c * n + a, d * m + b, w) for a, b, w in base for c in range(k) for d in range(k)]


def test_a_report_repeated_against_itself_is_paired_copy_by_copy() -> None:
    base = [(0, 0, 90.0), (0, 1, 70.0), (1, 1, 90.0), (1, 0, 70.0), (2, 2, 80.0), (2, 1, 80.0), (3, 3, 62.0)]
    edges = copies(base, 40)  # one component of 240 nodes with TOP_K < 40 ties per node
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(_assign, "EXACT_WORK", 100)
        pairs = assign(edges)
    assert TOP_K < 40
    assert pairs == [(i, i) for i in range(160)]  # each copy with the copy at its own place
