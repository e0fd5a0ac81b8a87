"""Optimal one-to-one pairing of a sparse bipartite graph, in pure Python (no numpy, no scipy).

A utility (no pipeline stage imported). ``assign`` gives what
``scipy.optimize.linear_sum_assignment(maximize=True)`` gives on the dense matrix with 0 for the
missing edges, once the zero-weight pairs are dropped: a matching of maximum total weight. It
imports only the standard library, so a ``compare`` process pays nothing for it at start-up.

How it is solved:

- The graph is split into connected components (union-find); each is solved on its own.
- A component of one edge, with one node on a side, or 2×2, is solved directly.
- Any other component is solved EXACTLY when its smaller side times its edge count is at most
  ``EXACT_WORK`` (4 million: that product bounds the edge scans of the exact method, so a component
  under the limit never takes more than a few seconds, and usually milliseconds): shortest
  augmenting paths with potentials (the Hungarian method in the Jonker–Volgenant form that scipy
  uses), on the sparse edges, with a private zero-weight "stay unpaired" column per row, so
  rectangular components and unpaired nodes need no padding. Real report pairs are far below the
  limit: over the 31 provincial pairs of the corpus the largest component has 21 nodes and 88 edges
  (a product under 1,000); a 50×50 dense matrix is 125,000, 300×300 with 5 edges per node 450,000.
- A larger component (hostile input, e.g. a report concatenated with itself 64 times) is first
  thinned: an edge is kept when it is among the ``TOP_K`` heaviest of at least one of its two ends
  (ties: the closest in relative position, see below). The thinned graph is split again; parts
  within the limit are solved exactly, the others by the same augmenting-path method under a work
  budget: ``WORK_PER_EDGE`` edge scans, over all the part's searches, per edge its nodes had before
  thinning (counted at both ends). Rows still unpaired when the budget runs out are set aside (the
  matching stays optimal for the other rows), then take their heaviest edge to a column still
  free; if greedy-by-weight does better on that part, greedy's matching is used instead. So there
  the result is a valid matching, exact on the thinned graph whenever the searches fit the budget,
  and never below greedy (itself at least half the thinned optimum); the time is linear in the
  edges: one sort of each node's edges, then at most ``2·WORK_PER_EDGE`` scans per edge. On the
  random and 64-copies graphs of ``benchmarks/bench_assign.py`` the searches use under a quarter of
  the budget and the totals equal scipy's optimum.

Ties: edges are ranked by weight, then by how close the two ends sit in relative position
(left ``l`` of ``n`` against right ``r`` of ``m``: ``|l·m − r·n|``), then by index. The result
depends only on the set of edges, not on their order; each component is solved in a canonical
orientation (its smaller side as rows; for equal sides, the orientation whose sorted edge list is
smaller), so ``assign`` of the transposed edges is the transposed result, ties included. With exact
ties in total weight, which optimal matching is returned is otherwise unspecified (scipy may return
another one of the same total): callers that care put a tie-break term into the weights.
"""

from __future__ import annotations

import heapq
import math
import operator
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import NamedTuple

TOP_K = 12
"""Edges kept per node (the heaviest, ties by closeness) in components above ``EXACT_WORK``."""

EXACT_WORK = 4_000_000
"""Components whose smaller side × edge count is at most this are solved exactly on all their edges."""

WORK_PER_EDGE = 16
"""Edge scans allowed per edge, over all augmenting searches, in a thinned part above ``EXACT_WORK``."""

Edge = tuple[int, int, float, int]
"""An edge inside the solver: left id, right id, weight, closeness key (smaller = closer)."""


class _Problem(NamedTuple):
    """One component in its solving orientation (rows are one side, columns the other)."""

    rows: list[int]  # global id of each row
    cols: list[int]  # global id of each column
    adj: list[list[tuple[int, float, int]]]  # per row: (column, weight, key), best first
    flipped: bool  # True when the rows are the right side


def assign(edges: Iterable[tuple[int, int, float]]) -> list[tuple[int, int]]:
    """Maximum-total-weight one-to-one pairs of a bipartite graph given as ``(left, right, weight)``.

    Weights must be finite and > 0; a missing edge means the two cannot pair; a repeated edge counts
    with its largest weight. Returns the pairs ``(left, right)`` sorted. The total equals that of
    ``scipy.optimize.linear_sum_assignment(maximize=True)`` on the dense matrix with 0 for missing
    edges (zero-weight pairs dropped); see the module docstring for ties and very large components.

    >>> assign([(0, 0, 5.0), (0, 1, 4.0), (1, 0, 4.5)])
    [(0, 1), (1, 0)]
    >>> assign([(3, 7, 1.0)])
    [(3, 7)]
    >>> assign([])
    []
    """
    best = _collect(edges)
    if not best:
        return []
    n = 1 + max(left for left, _ in best)
    m = 1 + max(right for _, right in best)
    graph = [(left, right, w, abs(left * m - right * n)) for (left, right), w in best.items()]
    pairs: list[tuple[int, int]] = []
    for component in _components(graph):
        pairs.extend(_solve_component(component))
    return sorted(pairs)


def assign_dense(score: Sequence[Sequence[float]], threshold: float) -> list[tuple[int, int]]:
    """Optimal one-to-one pairs of a score matrix, using the cells at or above ``threshold``.

    The cells under the threshold (and those ≤ 0, which add nothing to a maximum, and NaN) cannot
    pair. Same as ``align._assign`` without its built-in positional tie-break: add one to the scores.

    >>> assign_dense([[90.0, 70.0], [80.0, 10.0]], threshold=50.0)
    [(0, 1), (1, 0)]
    >>> assign_dense([[90.0, 70.0], [80.0, 10.0]], threshold=75.0)
    [(0, 0)]
    """
    return assign(
        (i, j, float(cell))
        for i, row in enumerate(score)
        for j, cell in enumerate(row)
        if cell >= threshold and cell > 0
    )


def _collect(edges: Iterable[tuple[int, int, float]]) -> dict[tuple[int, int], float]:
    """The edges by (left, right), the largest weight of repeats; bad ids or weights raise ValueError."""
    best: dict[tuple[int, int], float] = {}
    get, inf = best.get, math.inf
    for left, right, weight in edges:
        key = (operator.index(left), operator.index(right))
        w = float(weight)
        if not 0.0 < w < inf or key[0] < 0 or key[1] < 0:
            raise ValueError(f"edge {key} of weight {w!r}: ids must be ≥ 0 and weights finite and > 0")
        if w > get(key, 0.0):
            best[key] = w
    return best


def _components(graph: list[Edge]) -> list[list[Edge]]:
    """The edges grouped by connected component (union-find), in a deterministic order."""
    parent: dict[int, int] = {}  # left l is node 2·l, right r is node 2·r + 1

    def find(x: int) -> int:
        root = parent.setdefault(x, x)
        while root != parent[root]:
            parent[root] = root = parent[parent[root]]
        return root

    for left, right, _, _ in graph:
        a, b = find(2 * left), find(2 * right + 1)
        if a != b:
            parent[max(a, b)] = min(a, b)
    root_of = {left: find(2 * left) for left in {e[0] for e in graph}}
    groups: dict[int, list[Edge]] = {}
    for edge in graph:
        groups.setdefault(root_of[edge[0]], []).append(edge)
    return [groups[root] for root in sorted(groups)]


def _solve_component(component: list[Edge]) -> list[tuple[int, int]]:
    """Optimal pairs of one component; above ``EXACT_WORK``, thinned and solved part by part."""
    if len(component) == 1:
        return [(component[0][0], component[0][1])]
    if _exact_work(component) <= EXACT_WORK:
        return _solve(_orient(component), budget=None)
    # a part's budget: WORK_PER_EDGE scans per edge its nodes had before thinning (counted at both
    # ends, so that it reads the same for the transposed graph); all parts: ≤ 2·WORK_PER_EDGE·edges
    degree = Counter(2 * e[0] for e in component) + Counter(2 * e[1] + 1 for e in component)
    pairs: list[tuple[int, int]] = []
    thinned = _thin(component, TOP_K)
    for part in _components(thinned) if len(thinned) < len(component) else [component]:
        budget = None
        if _exact_work(part) > EXACT_WORK:
            nodes = {2 * e[0] for e in part} | {2 * e[1] + 1 for e in part}
            budget = WORK_PER_EDGE * sum(degree[x] for x in nodes)
        pairs.extend(_solve(_orient(part), budget))
    return pairs


def _exact_work(component: list[Edge]) -> int:
    """Smaller side × edges: a bound on the edge scans of the exact method on this component."""
    return min(len({e[0] for e in component}), len({e[1] for e in component})) * len(component)


def _thin(component: list[Edge], k: int) -> list[Edge]:
    """The edges among the ``k`` best of at least one end (all of them when no node has more than k).

    An end ranks its edges by weight (heaviest first), then closeness, then the other end's id.
    """
    degree = (Counter(e[0] for e in component), Counter(e[1] for e in component))
    keep: set[tuple[int, int]] = set()
    for side in (0, 1):
        by_node: dict[int, list[tuple[float, int, int, int, int]]] = {}
        for left, right, w, key in component:
            node, other = (left, right) if side == 0 else (right, left)
            if degree[side][node] > k:
                by_node.setdefault(node, []).append((-w, key, other, left, right))
        for ranked in by_node.values():
            keep.update((e[3], e[4]) for e in heapq.nsmallest(k, ranked))
    small_left, small_right = ({node for node, d in degree[side].items() if d <= k} for side in (0, 1))
    return [e for e in component if e[0] in small_left or e[1] in small_right or (e[0], e[1]) in keep]


def _orient(component: list[Edge]) -> _Problem:
    """The component with its smaller side as rows (equal sides: the smaller sorted edge list)."""
    lefts = sorted({e[0] for e in component})
    rights = sorted({e[1] for e in component})
    li = {x: i for i, x in enumerate(lefts)}
    ri = {x: i for i, x in enumerate(rights)}
    local = [(li[a], ri[b], w, key) for a, b, w, key in component]
    flipped = len(rights) < len(lefts)
    if len(rights) == len(lefts):
        flipped = sorted((j, i, w, key) for i, j, w, key in local) < sorted(local)
    if flipped:
        lefts, rights = rights, lefts
        local = [(j, i, w, key) for i, j, w, key in local]
    adj: list[list[tuple[int, float, int]]] = [[] for _ in lefts]
    for i, j, w, key in local:
        adj[i].append((j, w, key))
    for row in adj:
        row.sort(key=lambda c: (-c[1], c[2], c[0]))
    return _Problem(lefts, rights, adj, flipped)


def _solve(problem: _Problem, budget: int | None) -> list[tuple[int, int]]:
    """Global (left, right) pairs of one oriented component."""
    if len(problem.rows) == 1:
        local = [(0, problem.adj[0][0][0])]
    elif len(problem.cols) == 2:
        local = _two_by_two(problem.adj)
    else:
        local = _augmenting_paths(problem.adj, len(problem.cols), budget)
    pairs = [(problem.rows[i], problem.cols[j]) for i, j in local]
    return [(b, a) for a, b in pairs] if problem.flipped else pairs


def _two_by_two(adj: list[list[tuple[int, float, int]]]) -> list[tuple[int, int]]:
    """The best of the matchings of a 2×2 component: one edge, or one edge from each row."""
    options: list[list[tuple[int, int, float, int]]] = [[(i, *e)] for i in (0, 1) for e in adj[i]]
    options += [[(0, *a), (1, *b)] for a in adj[0] for b in adj[1] if a[0] != b[0]]
    best = max(
        options,
        key=lambda o: (math.fsum(p[2] for p in o), -sum(p[3] for p in o), [(-p[0], -p[1]) for p in o]),
    )
    return [(p[0], p[1]) for p in best]


def _augmenting_paths(
    adj: list[list[tuple[int, float, int]]], m: int, budget: int | None
) -> list[tuple[int, int]]:
    """Maximum-weight matching by shortest augmenting paths with potentials (exact when budget is None).

    Costs are negated weights; row ``i`` also has a private column ``m + i`` of cost 0 (unpaired).
    Rows still free when ``budget`` edge scans are spent are set aside, then paired greedily.
    """
    state = _SSP(adj, m, budget)
    skipped = []
    for i in range(len(adj)):
        if state.col4row[i] < 0 and not state.augment(i):
            skipped.append(i)
    local = [(i, j) for i, j in enumerate(state.col4row) if 0 <= j < m]
    if not skipped:
        return local
    taken = {j for _, j in local}
    for i in skipped:
        free = next((c[0] for c in adj[i] if c[0] not in taken), None)
        if free is not None:
            taken.add(free)
            local.append((i, free))
    greedy = _greedy(adj)
    return greedy if _total(adj, greedy) > _total(adj, local) else local


def _total(adj: list[list[tuple[int, float, int]]], pairs: list[tuple[int, int]]) -> float:
    weight = {(i, c[0]): c[1] for i, row in enumerate(adj) for c in row}
    return math.fsum(weight[p] for p in pairs)


def _greedy(adj: list[list[tuple[int, float, int]]]) -> list[tuple[int, int]]:
    """Greedy by weight (then closeness, then indices): a maximal matching of at least half the optimum."""
    order = sorted((-w, key, i, j) for i, row in enumerate(adj) for j, w, key in row)
    rows_taken: set[int] = set()
    cols_taken: set[int] = set()
    pairs = []
    for _, _, i, j in order:
        if i not in rows_taken and j not in cols_taken:
            rows_taken.add(i)
            cols_taken.add(j)
            pairs.append((i, j))
    return pairs


class _SSP:
    """State of the shortest-augmenting-path solver: matching both ways, dual potentials, work done."""

    def __init__(self, adj: list[list[tuple[int, float, int]]], m: int, budget: int | None) -> None:
        n = len(adj)
        # cost of each edge (negated weight), then the row's private "unpaired" column at cost 0
        self.cost = [[(j, -w) for j, w, _ in row] + [(m + i, 0.0)] for i, row in enumerate(adj)]
        self.u = [0.0] * n
        self.v = [0.0] * (m + n)
        self.col4row = [-1] * n
        self.row4col = [-1] * (m + n)
        self.budget = math.inf if budget is None else budget
        self.scans = 0  # edges scanned by all searches so far
        self._start(adj)

    def _start(self, adj: list[list[tuple[int, float, int]]]) -> None:
        """Row reduction, then each row takes a free column among its heaviest edges (all tight)."""
        for i, row in enumerate(adj):
            top = row[0][1]
            self.u[i] = -top
            for j, w, _ in row:
                if w != top:
                    break
                if self.row4col[j] < 0:
                    self.row4col[j], self.col4row[i] = i, j
                    break

    def augment(self, s: int) -> bool:
        """Pair free row ``s`` along a shortest augmenting path; False (nothing changed) over budget."""
        found = self._search(s)
        if found is None:
            return False
        sink, dist, pred, done = found
        top = dist[sink]
        self.u[s] += top
        for j in done:
            self.u[self.row4col[j]] += top - dist[j]
            self.v[j] -= top - dist[j]
        j = sink
        while True:
            i = pred[j]
            self.row4col[j] = i
            self.col4row[i], j = j, self.col4row[i]
            if i == s:
                return True

    def _search(self, s: int) -> tuple[int, dict[int, float], dict[int, int], list[int]] | None:
        """Dijkstra on reduced costs from row ``s`` to the nearest free column (with the path to it)."""
        cost, u, v, row4col, inf = self.cost, self.u, self.v, self.row4col, math.inf
        dist: dict[int, float] = {}
        pred: dict[int, int] = {}
        done: list[int] = []  # settled columns that are matched (their rows were scanned)
        settled: set[int] = set()
        heap: list[tuple[float, int]] = []
        i, base = s, 0.0
        while True:
            ui = u[i]
            for j, c in cost[i]:
                if j not in settled:
                    d = base + c - ui - v[j]
                    if d < dist.get(j, inf):
                        dist[j] = d
                        pred[j] = i
                        heapq.heappush(heap, (d, j))
            self.scans += len(cost[i]) - 1
            if self.scans > self.budget:
                return None
            while True:
                base, j = heapq.heappop(heap)
                if j not in settled and base <= dist[j]:
                    break
            settled.add(j)
            if row4col[j] < 0:
                return j, dist, pred, done
            done.append(j)
            i = row4col[j]
