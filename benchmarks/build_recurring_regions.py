"""Build reportdiff/data/recurring_regions.tsv: in how many regions' comparisons each recurring run recurs.

Run: `.venv/bin/python benchmarks/build_recurring_regions.py [--min-regions 3] [--write]`

For every region of ../shared/corpora with two successive reports (each province 2025 → 2026, and
hailaer year to year), it compares the plan parts and the review parts as a comparison does, and lists
the runs both parts hold (:func:`reportdiff.recurring.recurring_runs`). A run that recurs in many
regions is the common language of these reports (营商环境, 新质生产力, 前期工作); one that recurs in a
single region is that region's own (牛河梁红山文化遗址, 沈抚科创园). The table keeps each run recurring in
at least --min-regions regions, with their number: :mod:`reportdiff.recurring` reads it as a feature.
Derived counts only: no text of a report is shipped.
"""

from __future__ import annotations

import argparse
import itertools
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPORA = ROOT.parent / "shared" / "corpora"
OUT = ROOT / "reportdiff" / "data" / "recurring_regions.tsv"
sys.path.insert(0, str(ROOT))

from reportdiff.initiative_diff import both_sides  # noqa: E402
from reportdiff.recurring import recurring_runs  # noqa: E402
from reportdiff.structure import load  # noqa: E402


def pairs(corpora: Path) -> list[tuple[Path, Path, str]]:
    """Each region's successive reports: (older, newer, region)."""
    by_region: dict[str, list[tuple[int, Path]]] = defaultdict(list)
    for p in corpora.glob("*-*.txt"):
        region, _, year = p.stem.rpartition("-")
        if year.isdigit():
            by_region[region].append((int(year), p))
    out = []
    for region, reports in sorted(by_region.items()):
        reports.sort()
        out += [(a, b, region) for (ya, a), (yb, b) in itertools.pairwise(reports) if yb == ya + 1]
    return out


def regions_of_runs(corpora: Path) -> dict[str, set[str]]:
    """Each run → the regions whose comparisons hold it."""
    seen: dict[str, set[str]] = defaultdict(set)
    for a, b, region in pairs(corpora):
        ro, rn = load(a), load(b)
        for part in ("plan", "review"):
            io, inn = both_sides(ro, rn, old_part=part, new_part=part)
            for run in recurring_runs(ro, rn, io, inn, old_part=part, new_part=part):
                seen[run.text].add(region)
    return seen


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpora", type=Path, default=CORPORA)
    ap.add_argument("--min-regions", type=int, default=3)
    ap.add_argument("--write", action="store_true")
    args = ap.parse_args()
    seen = regions_of_runs(args.corpora)
    n_regions = len({r for _, _, r in pairs(args.corpora)})
    kept = sorted(((len(v), k) for k, v in seen.items() if len(v) >= args.min_regions), reverse=True)
    print(f"{len(seen)} runs over {n_regions} regions; {len(kept)} recur in >= {args.min_regions}")
    print("most common:", ", ".join(f"{k} {n}" for n, k in kept[:15]))
    if args.write:
        head = (
            "# Recurring runs and the number of regions whose comparisons hold them (plan and review parts,\n"
            f"# successive reports of {n_regions} regions of ../shared/corpora; runs in >= {args.min_regions}"
            " regions).\n# Built by benchmarks/build_recurring_regions.py; read by reportdiff/recurring.py.\n"
            "# run\tregions\n"
        )
        OUT.write_text(head + "".join(f"{k}\t{n}\n" for n, k in kept), encoding="utf-8")
        print(f"wrote {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
