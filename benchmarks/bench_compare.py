"""What a user feels: `reportdiff compare OLD NEW -o page.html` as a whole process against a script that
builds difflib.HtmlDiff's page over the same two reports' sentences.

Run: `make bench` (or `.venv/bin/python benchmarks/bench_compare.py [--runs 5] [--all-runs 1] [--pairs N]`).
Both commands run in turn (A B A B …) so that drift of the machine's speed hits both; the figure to read
is the median of the per-run ratios (wall time), for the largest pair (guangdong) and over all 31
provincial 2025 → 2026 pairs, with each process's peak memory (``ru_maxrss`` from ``os.wait4``).
The difflib script reads the sentences from files written beforehand (reportdiff's own sentence split),
so that both sides diff the same sentences; it imports only the standard library.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path

from _proc import BIN, ROOT, Run, compile_package, run

from reportdiff import load

DIFFLIB = (
    "import difflib,sys\n"
    "a=open(sys.argv[1],encoding='utf-8').read().splitlines()\n"
    "b=open(sys.argv[2],encoding='utf-8').read().splitlines()\n"
    "open(sys.argv[3],'w',encoding='utf-8').write(difflib.HtmlDiff().make_file(a,b))\n"
)


def _sentences(path: Path, out: Path) -> Path:
    out.write_text("\n".join(s.text for s in load(path).sentences) + "\n", encoding="utf-8")
    return out


def pair(old: Path, new: Path, runs: int, tmp: Path) -> tuple[list[Run], list[Run]]:
    """``runs`` alternating runs of reportdiff and of the difflib page on one pair."""
    sa, sb = _sentences(old, tmp / "a.txt"), _sentences(new, tmp / "b.txt")
    ours = [
        str(BIN / "reportdiff"),
        "compare",
        str(old),
        str(new),
        "--format",
        "html",
        "-o",
        str(tmp / "p.html"),
    ]
    theirs = [sys.executable, "-c", DIFFLIB, str(sa), str(sb), str(tmp / "d.html")]
    run(ours), run(theirs)  # warm the file cache and the template cache
    a, b = [], []
    for _ in range(runs):
        a.append(run(ours))
        b.append(run(theirs))
    return a, b


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpora", type=Path, default=ROOT.parent / "shared" / "corpora")
    ap.add_argument("--runs", type=int, default=5, help="alternating runs on the largest pair")
    ap.add_argument(
        "--all-runs", type=int, default=1, help="alternating runs on each of the 31 pairs (0: none)"
    )
    ap.add_argument("--pairs", type=int, default=0, help="only the first N pairs (0 = all)")
    args = ap.parse_args()
    compile_package()
    olds = sorted(
        p for p in args.corpora.glob("*-2025.txt") if p.with_name(p.name.replace("2025", "2026")).exists()
    )
    if args.pairs:
        olds = olds[: args.pairs]
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        big = args.corpora / "guangdong-2025.txt"
        a, b = pair(big, big.with_name("guangdong-2026.txt"), args.runs, tmp)
        ratios = [x.wall / y.wall for x, y in zip(a, b, strict=True)]
        print(f"guangdong, {args.runs} alternating runs (whole processes):")
        print(
            f"  reportdiff compare -o page.html: wall {statistics.median(r.wall for r in a):.3f} s, "
            f"cpu {statistics.median(r.cpu for r in a):.3f} s, peak {max(r.peak_mb for r in a):.1f} MB"
        )
        print(
            f"  difflib.HtmlDiff page:           wall {statistics.median(r.wall for r in b):.3f} s, "
            f"cpu {statistics.median(r.cpu for r in b):.3f} s, peak {max(r.peak_mb for r in b):.1f} MB"
        )
        cpu = [x.cpu / y.cpu for x, y in zip(a, b, strict=True)]
        print(
            f"  ratio (median of pairs): wall {statistics.median(ratios):.2f}, "
            f"cpu {statistics.median(cpu):.2f}\n"
        )
        if args.all_runs < 1 or not olds:
            return  # --all-runs 0: the largest pair only
        print(f"{'pair':<14}{'ours s':>8}{'difflib s':>10}{'ratio':>7}{'peak MB':>9}")
        every, peaks = [], []
        for old in olds:
            a, b = pair(old, old.with_name(old.name.replace("2025", "2026")), args.all_runs, tmp)
            r = statistics.median(x.wall / y.wall for x, y in zip(a, b, strict=True))
            every.append(r)
            peaks.append(max(x.peak_mb for x in a))
            name = old.stem.split("-")[0]
            print(
                f"{name:<14}{statistics.median(x.wall for x in a):>8.3f}"
                f"{statistics.median(y.wall for y in b):>10.3f}{r:>7.2f}{peaks[-1]:>9.1f}"
            )
        print(
            f"\n{len(every)} pairs: ratio min {min(every):.2f}, median {statistics.median(every):.2f}, "
            f"max {max(every):.2f}; peak memory max {max(peaks):.1f} MB"
        )


if __name__ == "__main__":
    main()
