"""Reports per second of `reportdiff panel` over the corpus folder: one process against worker processes.

Run: `.venv/bin/python benchmarks/bench_panel.py [--corpora DIR] [--workers 2] [--repeat 1]`.
Every run is forced (no reuse of earlier output) and writes CSV to a temporary folder. Both modes
are measured in the same run on the same machine; the ratio is what to read. The worker run
includes starting its processes (spawn), as a user pays for it.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from reportdiff.corpus import discover, panel

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpora", type=Path, default=ROOT.parent / "shared" / "corpora")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--repeat", type=int, default=1, help="runs of each mode (the best is reported)")
    args = ap.parse_args()
    files, _ = discover([args.corpora])
    print(f"{len(files)} reports in {args.corpora}")
    best: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for label, workers in (("1 process", 1), (f"--workers {args.workers}", args.workers)):
            for _ in range(args.repeat):
                t0 = time.perf_counter()
                result = panel(
                    files, workers=workers, output=Path(tmp) / "commitments.csv", force=True, progress=False
                )
                seconds = time.perf_counter() - t0
                best[label] = min(best.get(label, seconds), seconds)
            n = len({r["source"] for r in result.rows})
            print(
                f"{label:<14}{best[label]:8.2f} s {n / best[label]:8.1f} reports/s  "
                f"({len(result.rows)} rows, {len(result.errors)} errors)"
            )
    single, multi = best["1 process"], best[f"--workers {args.workers}"]
    print(f"speed-up with {args.workers} workers: {single / multi:.2f}×")


if __name__ == "__main__":
    main()
