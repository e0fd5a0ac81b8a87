"""Compare at scale: a report concatenated 1, 4, 16 and 64 times, compared with itself, as whole processes.

Run: `make bench` (or `.venv/bin/python benchmarks/bench_scale.py [--copies 1 4 16 64] [--report NAME]`).
Prints each run's wall and CPU seconds and peak memory, and the time per copy: near-linear growth keeps
that last column flat (it fell from 24 s at 16 copies and 321 s / 1.85 GB at 64 before the blocking of
issue 11). tests/test_scale.py asserts the operation counts behind it.
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from _proc import BIN, ROOT, compile_package, run


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpora", type=Path, default=ROOT.parent / "shared" / "corpora")
    ap.add_argument("--report", default="guangdong-2025.txt")
    ap.add_argument("--copies", type=int, nargs="+", default=[1, 4, 16, 64])
    args = ap.parse_args()
    compile_package()
    text = (args.corpora / args.report).read_text(encoding="utf-8")
    print(
        f"{args.report} ({len(text):,} characters) concatenated k times, compared with itself (--format json)"
    )
    print(f"{'k':>4}{'chars':>12}{'wall s':>9}{'cpu s':>9}{'peak MB':>9}{'s per copy':>12}")
    with tempfile.TemporaryDirectory() as folder:
        for k in args.copies:
            path = Path(folder) / f"x{k}.txt"
            path.write_text("\n".join([text] * k), encoding="utf-8")
            cmd = [
                str(BIN / "reportdiff"),
                "compare",
                str(path),
                str(path),
                "--format",
                "json",
                "-o",
                str(Path(folder) / "out.json"),
            ]
            r = run(cmd)
            print(
                f"{k:>4}{len(text) * k:>12,}{r.wall:>9.2f}{r.cpu:>9.2f}{r.peak_mb:>9.1f}{r.wall / k:>12.3f}"
                + ("" if r.code in (0, 1) else f"  (exit {r.code})")
            )


if __name__ == "__main__":
    main()
