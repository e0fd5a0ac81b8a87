"""Time `compare` on all 31 provincial 2025→2026 pairs against difflib.HtmlDiff on the same sentences.

Run: `make bench` (or `.venv/bin/python benchmarks/bench_compare.py [--corpora DIR] [--pairs N]`).
Both are measured in the same run on the same machine; the ratio is what to read, not the seconds.
"""

from __future__ import annotations

import argparse
import difflib
import statistics
import time
from pathlib import Path

from reportdiff import compare, load
from reportdiff.align import align_sentences

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpora", type=Path, default=ROOT.parent / "shared" / "corpora")
    ap.add_argument("--pairs", type=int, default=0, help="only the first N pairs (0 = all)")
    args = ap.parse_args()
    olds = sorted(p for p in args.corpora.glob("*-2025.txt") if not p.name.startswith("hailaer"))
    if args.pairs:
        olds = olds[: args.pairs]
    # warm-up: imports and the segmenter's dictionary load once per process, not per pair
    warm = load(olds[0]) if olds else None
    if warm is not None:
        compare(warm, warm)
        difflib.HtmlDiff().make_table(["预热"], ["预热"])
    ratios, rows = [], []
    print(f"{'pair':<14}{'sentences':>10}{'compare s':>11}{'difflib s':>11}{'ratio':>8}")
    for old_path in olds:
        new_path = old_path.with_name(old_path.name.replace("-2025", "-2026"))
        if not new_path.exists():
            continue
        old, new = load(old_path), load(new_path)  # parsing is shared; time the compare step
        t0 = time.perf_counter()
        diff = compare(old, new)
        t_compare = time.perf_counter() - t0
        a = [s.text for s in old.sentences]
        b = [s.text for s in new.sentences]
        t0 = time.perf_counter()
        difflib.HtmlDiff().make_table(a, b)
        t_difflib = time.perf_counter() - t0
        ratio = t_compare / t_difflib
        ratios.append(ratio)
        rows.append((old_path.stem.split("-")[0], len(a) + len(b), t_compare, t_difflib, ratio, len(diff)))
        print(f"{rows[-1][0]:<14}{len(a) + len(b):>10}{t_compare:>11.3f}{t_difflib:>11.3f}{ratio:>8.2f}")
    if ratios:
        print(
            f"\n{len(ratios)} pairs: compare/difflib time ratio median {statistics.median(ratios):.2f}, "
            f"max {max(ratios):.2f}; compare total {sum(r[2] for r in rows):.1f}s, "
            f"difflib total {sum(r[3] for r in rows):.1f}s"
        )
    # the aligned view's sentence pairing alone, for reference
    if olds:
        old, new = load(olds[0]), load(olds[0].with_name(olds[0].name.replace("-2025", "-2026")))
        t0 = time.perf_counter()
        align_sentences(old.sentences, new.sentences)
        print(
            f"align_sentences over all {len(old.sentences)}×{len(new.sentences)} sentences of "
            f"{olds[0].stem}: {time.perf_counter() - t0:.3f}s"
        )


if __name__ == "__main__":
    main()
