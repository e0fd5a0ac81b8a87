"""Reports per second of `reportdiff panel` over the corpus folder, as whole processes: 1 worker against 2.

Run: `.venv/bin/python benchmarks/bench_panel.py [--corpora DIR] [--workers 2] [--runs 3]`.
Every run is forced (`--force`: no reuse of earlier output) and writes CSV to a temporary folder; the
runs of both modes alternate and the median is printed. Process start-up, imports and the worker pool's
start are included, as a user pays for them.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
from pathlib import Path

from _proc import BIN, ROOT, compile_package, run

from reportdiff.corpus import discover


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpora", type=Path, default=ROOT.parent / "shared" / "corpora")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    compile_package()
    files, _ = discover([args.corpora])
    print(f"{len(files)} reports in {args.corpora}")
    walls: dict[int, list[float]] = {1: [], args.workers: []}
    with tempfile.TemporaryDirectory() as tmp:
        for _ in range(args.runs):
            for workers in walls:
                cmd = [str(BIN / "reportdiff"), "panel", str(args.corpora), "-o", str(Path(tmp) / "p.csv")]
                r = run([*cmd, "--force", "--no-progress", "--workers", str(workers)])
                walls[workers].append(r.wall)
    for workers, w in walls.items():
        m = statistics.median(w)
        print(f"--workers {workers}: {m:6.2f} s  {len(files) / m:6.1f} reports/s (median of {len(w)})")
    single, multi = statistics.median(walls[1]), statistics.median(walls[args.workers])
    print(f"speed-up with {args.workers} workers: {single / multi:.2f}×")


if __name__ == "__main__":
    main()
