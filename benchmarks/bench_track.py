"""What a user feels of `reportdiff track`: the hailaer 2012–2019 timeline page as a whole process.

Run: `make bench` (or `.venv/bin/python benchmarks/bench_track.py [--runs 7]`). Three commands run in turn
(A B C A B C …): `reportdiff track … -o page.html` with its default workers (one per CPU, up to four),
the same with `--workers 1`, and a script that writes difflib.HtmlDiff's page for each of the seven
consecutive pairs of years over the same sentences (the generic tool's answer to "what changed each
year"). The figures to read are the medians of wall time and the per-run ratios; the goal of the speed
issue is under 1 s.
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
    "files=sys.argv[1:-1]\n"
    "for k,(x,y) in enumerate(zip(files,files[1:])):\n"
    "    a=open(x,encoding='utf-8').read().splitlines()\n"
    "    b=open(y,encoding='utf-8').read().splitlines()\n"
    "    open(f'{sys.argv[-1]}{k}.html','w',encoding='utf-8').write(difflib.HtmlDiff().make_file(a,b))\n"
)


def _line(name: str, runs: list[Run]) -> str:
    wall = statistics.median(r.wall for r in runs)
    cpu = statistics.median(r.cpu for r in runs)
    return f"  {name:<34} wall {wall:.3f} s, cpu {cpu:.3f} s, peak {max(r.peak_mb for r in runs):.1f} MB"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpora", type=Path, default=ROOT.parent / "shared" / "corpora")
    ap.add_argument("--runs", type=int, default=7)
    args = ap.parse_args()
    compile_package()
    files = sorted(args.corpora.glob("hailaer-20*.txt"))
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        lines = []
        for k, f in enumerate(files):
            lines.append(tmp / f"s{k}.txt")
            lines[-1].write_text("\n".join(s.text for s in load(f).sentences) + "\n", encoding="utf-8")
        page = str(tmp / "t.html")
        track = [str(BIN / "reportdiff"), "track", *map(str, files), "-o", page]
        commands = {
            "reportdiff track (default workers)": track,
            "reportdiff track --workers 1": [*track, "--workers", "1"],
            "difflib.HtmlDiff, 7 pages": [sys.executable, "-c", DIFFLIB, *map(str, lines), str(tmp / "d")],
        }
        times: dict[str, list[Run]] = {name: [] for name in commands}
        for turn in range(args.runs + 1):  # the first turn warms the file cache and is not counted
            for name, cmd in commands.items():
                Path(page).unlink(missing_ok=True)
                r = run(cmd)
                if r.code:
                    sys.exit(f"{name} failed with exit {r.code}")
                if turn:
                    times[name].append(r)
    print(f"track hailaer 2012–2019 → HTML, {args.runs} turns (whole processes):")
    for name, runs in times.items():
        print(_line(name, runs))
    base = times["difflib.HtmlDiff, 7 pages"]
    for name in list(commands)[:2]:
        ratio = statistics.median(x.wall / y.wall for x, y in zip(times[name], base, strict=True))
        print(f"  {name}: {ratio:.2f}× the difflib pages")


if __name__ == "__main__":
    main()
