"""Maximum-weight one-to-one matching over a sparse bipartite graph, in pure Python.

TEMPORARY (branch ``initiatives``): an exact implementation with the agreed signature, to be
replaced at merge by the shared ``reportdiff/_assign.py``.

The graph is split into connected components; each is solved exactly with the Hungarian algorithm
(Kuhn–Munkres with potentials, O(k³) for a component of k nodes). Blocking keeps components small.

>>> assign([(0, 0, 5.0), (0, 1, 4.0), (1, 0, 4.5)])
[(0, 1), (1, 0)]
>>> assign([])
[]
"""

from __future__ import annotations

from collections.abc import Iterable


def _components(edges: list[tuple[int, int, float]]) -> list[list[tuple[int, int, float]]]:
    parent: dict[tuple[str, int], tuple[str, int]] = {}

    def find(x: tuple[str, int]) -> tuple[str, int]:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for i, j, _ in edges:
        a, b = find(("o", i)), find(("n", j))
        if a != b:
            parent[a] = b
    groups: dict[tuple[str, int], list[tuple[int, int, float]]] = {}
    for e in edges:
        groups.setdefault(find(("o", e[0])), []).append(e)
    return list(groups.values())


def _hungarian(weight: list[list[float]]) -> list[int]:
    """For a rows ≤ columns weight matrix, the column of each row in a maximum-weight assignment."""
    n, m = len(weight), len(weight[0])
    inf = float("inf")
    u, v = [0.0] * (n + 1), [0.0] * (m + 1)
    p, way = [0] * (m + 1), [0] * (m + 1)
    for i in range(1, n + 1):
        p[0], j0 = i, 0
        minv, used = [inf] * (m + 1), [False] * (m + 1)
        while True:
            used[j0] = True
            i0, delta, j1 = p[j0], inf, 0
            for j in range(1, m + 1):
                if not used[j]:
                    cur = -weight[i0 - 1][j - 1] - u[i0] - v[j]
                    if cur < minv[j]:
                        minv[j], way[j] = cur, j0
                    if minv[j] < delta:
                        delta, j1 = minv[j], j
            for j in range(m + 1):
                if used[j]:
                    u[p[j]] += delta
                    v[j] -= delta
                else:
                    minv[j] -= delta
            j0 = j1
            if p[j0] == 0:
                break
        while j0:
            j1 = way[j0]
            p[j0] = p[j1]
            j0 = j1
    row_col = [-1] * n
    for j in range(1, m + 1):
        if p[j]:
            row_col[p[j] - 1] = j - 1
    return row_col


def assign(edges: Iterable[tuple[int, int, float]]) -> list[tuple[int, int]]:
    """The pairs ``(i, j)`` of a maximum-weight matching over the given positive edges, sorted."""
    best: dict[tuple[int, int], float] = {}
    for i, j, w in edges:
        if w > 0 and w > best.get((i, j), 0.0):
            best[(i, j)] = w
    out: list[tuple[int, int]] = []
    for comp in _components([(i, j, w) for (i, j), w in best.items()]):
        rows = sorted({i for i, _, _ in comp})
        cols = sorted({j for _, j, _ in comp})
        flip = len(rows) > len(cols)
        if flip:
            rows, cols = cols, rows
        ri, ci = {r: k for k, r in enumerate(rows)}, {c: k for k, c in enumerate(cols)}
        weight = [[0.0] * len(cols) for _ in rows]
        for i, j, w in comp:
            a, b = (j, i) if flip else (i, j)
            weight[ri[a]][ci[b]] = w
        for k, c in enumerate(_hungarian(weight)):
            if c >= 0 and weight[k][c] > 0:
                pair = (cols[c], rows[k]) if flip else (rows[k], cols[c])
                out.append(pair)
    return sorted(out)
