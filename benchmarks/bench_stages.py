"""Time each early stage on the largest corpus report against a naive baseline in the same run.

Run: `.venv/bin/python benchmarks/bench_stages.py [--repeat N]`. Ratios are what to read:

- ingest: `reportdiff.ingest.read` (decode, normalise, strip chrome, metadata) vs `Path.read_text`;
- structure: `structure.parse` (headings, parts, sentences, clauses) vs a bare `re.split` into sentences;
- quantities: `extract_quantities` (the grammar) vs `re.findall` of bare digit runs;
- initiatives: `extract_initiatives` vs `extract_commitments`, each on a freshly parsed report with the
  per-text caches (names, indicator labels) cleared (the named-initiatives issue asks the first to
  cost no more than the second).
"""

from __future__ import annotations

import argparse
import re
import time
from collections.abc import Callable
from pathlib import Path

from reportdiff import indicators, initiatives
from reportdiff.commitments import extract_commitments
from reportdiff.ingest import read
from reportdiff.quantities import extract_quantities
from reportdiff.structure import parse

ROOT = Path(__file__).resolve().parents[1]


def best(fn: Callable[[], object], repeat: int) -> float:
    fn()  # warm caches and lazy imports
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def fresh_initiatives(doc: object) -> object:
    """Initiatives of a freshly parsed report, with the caches of names cleared."""
    initiatives.match_key.cache_clear()
    initiatives._specific_name.cache_clear()
    return initiatives.extract_initiatives(parse(doc))  # type: ignore[arg-type]


def fresh_commitments(doc: object) -> object:
    """Commitments of a freshly parsed report, with the cache of indicator labels cleared: each side
    of the comparison starts from its per-text caches empty."""
    indicators.canonical_id.cache_clear()
    return extract_commitments(parse(doc))  # type: ignore[arg-type]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpora", type=Path, default=ROOT.parent / "shared" / "corpora")
    ap.add_argument("--repeat", type=int, default=7)
    args = ap.parse_args()
    path = max(args.corpora.glob("*.txt"), key=lambda p: p.stat().st_size)
    doc = read(path)
    text = doc.text
    rows = [
        ("ingest", lambda: read(path), lambda: path.read_text(encoding="utf-8")),
        ("structure", lambda: parse(doc), lambda: re.split(r"[。！？；\n]", text)),
        ("quantities", lambda: extract_quantities(text), lambda: re.findall(r"\d+(?:\.\d+)?", text)),
    ]
    rows.append(("initiatives", lambda: fresh_initiatives(doc), lambda: fresh_commitments(doc)))
    print(f"{path.name}: {len(text):,} characters")
    print(f"{'stage':<12}{'ms':>9}{'baseline ms':>13}{'ratio':>8}  chars/s")
    for name, ours, baseline in rows:
        t, b = best(ours, args.repeat), best(baseline, args.repeat)
        print(f"{name:<12}{t * 1e3:>9.2f}{b * 1e3:>13.3f}{t / b:>8.2f}  {len(text) / t:,.0f}")


if __name__ == "__main__":
    main()
