"""Draw recurring runs for hand-judging: are they real named initiatives?

Run: `.venv/bin/python benchmarks/recurring_sample.py --out SAMPLE.tsv --key KEY.tsv [--per-bin 30]
[--seed 2040] [--regions R …] [--listed N]`

From the plan → plan and review → review comparisons of the regions that no labelled initiative file
uses (``REGIONS``: neither the development nor the blind files), it lists every recurring run the
model weighs at least ``--floor``. It then draws ``--per-bin`` of them at random from each bin of
likelihood (``BINS``). SAMPLE.tsv is what an annotator sees: each run with its clause on each side,
shuffled, and no likelihood. KEY.tsv holds each id's likelihood for scoring the judgements
(``benchmarks/accuracy.py`` reads both with the judged column filled in). With ``--listed N`` it draws
N of the runs a comparison lists (at least the model's threshold) instead, from ``--regions`` (for a
check of the listed runs' precision once the model and its word lists are set).
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from reportdiff.initiative_diff import both_sides  # noqa: E402
from reportdiff.recurring import _model, likelihood, recurring_pairs, run_features  # noqa: E402
from reportdiff.structure import load  # noqa: E402

CORPORA = ROOT.parent / "shared" / "corpora"
REGIONS = ("guangdong", "heilongjiang", "jilin", "neimenggu", "yunnan")
BINS = ((0.03, 0.06), (0.06, 0.1), (0.1, 0.15), (0.15, 0.25), (0.25, 1.01))


def runs(floor: float, regions: tuple[str, ...] = REGIONS) -> list[tuple[str, str, str, str, str, float]]:
    """(region, part, run, old sentence, new sentence, likelihood) of every run at least ``floor``."""
    out = []
    for region in regions:
        ro, rn = load(CORPORA / f"{region}-2025.txt"), load(CORPORA / f"{region}-2026.txt")
        for part in ("plan", "review"):
            io, inn = both_sides(ro, rn, old_part=part, new_part=part)
            for r, a, b in recurring_pairs(ro, rn, io, inn, old_part=part, new_part=part):
                p = likelihood(run_features(r, a, b))
                if p >= floor:
                    out.append((region, part, r.text, a.sentence, b.sentence, p))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--key", type=Path, required=True)
    ap.add_argument("--per-bin", type=int, default=30)
    ap.add_argument("--floor", type=float, default=0.03)
    ap.add_argument("--seed", type=int, default=2040)
    ap.add_argument("--regions", nargs="*", default=list(REGIONS))
    ap.add_argument("--listed", type=int, default=0, help="draw this many of the runs a comparison lists")
    args = ap.parse_args()
    rng = random.Random(args.seed)
    if args.listed:
        pool = runs(_model()["threshold"], tuple(args.regions))
        drawn = rng.sample(pool, min(args.listed, len(pool)))
        print(f"{len(pool)} runs listed; {len(drawn)} drawn")
    else:
        pool = runs(args.floor, tuple(args.regions))
        drawn = []
        for lo, hi in BINS:
            inside = [r for r in pool if lo <= r[5] < hi]
            drawn += rng.sample(inside, min(args.per_bin, len(inside)))
            print(f"[{lo}, {hi}): {len(inside)} runs")
    rng.shuffle(drawn)
    with args.out.open("w", encoding="utf-8") as f, args.key.open("w", encoding="utf-8") as k:
        f.write("id\tregion\tpart\trun\told_sentence\tnew_sentence\treal\tnote\n")
        k.write("id\tlikelihood\n")
        for n, (region, part, run, old, new, p) in enumerate(drawn, 1):
            f.write(f"r{n}\t{region}\t{part}\t{run}\t{old}\t{new}\t\t\n")
            k.write(f"r{n}\t{p:.4f}\n")
    print(f"{len(drawn)} runs drawn to {args.out}")


if __name__ == "__main__":
    main()
