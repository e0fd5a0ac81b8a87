"""Print a reproducible random sample of extracted initiatives as TSV, for judging by hand.

Run: `.venv/bin/python benchmarks/initiative_sample.py [--reports A B …] [--per 20] [--seed 2026]`

By default 20 initiatives from the plan part of each of the five reports reserved for the held-out
precision sample (yunnan-2026, heilongjiang-2025, national-2024, hailaer-2017, tianjin-2026): an
annotator who has not seen the tool's output draws and judges it. ``--reports`` names others (corpus
file stems) for development samples; the judged development samples are in
``benchmarks/results/initiative_precision_dev.tsv``. Columns: report, part, name, kind, stage, verb,
text. A judge marks each row: is it a real initiative (gold/README.md, "Named initiatives"), and are
its kind and stage right.
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPORA = ROOT.parent / "shared" / "corpora"
sys.path.insert(0, str(ROOT))

from reportdiff.initiatives import extract_initiatives  # noqa: E402
from reportdiff.structure import load  # noqa: E402

#: the reports of the held-out precision sample (never used for development)
RESERVED = ("yunnan-2026", "heilongjiang-2025", "national-2024", "hailaer-2017", "tianjin-2026")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--reports", nargs="+", default=list(RESERVED), help="corpus file stems")
    ap.add_argument("--per", type=int, default=20, help="initiatives per report")
    ap.add_argument("--seed", type=int, default=2026)
    ap.add_argument("--part", default="plan")
    args = ap.parse_args(argv)
    rng = random.Random(args.seed)
    print("report\tpart\tname\tkind\tstage\tverb\ttext")
    for name in args.reports:
        found = list(extract_initiatives(load(CORPORA / f"{name}.txt"), part=args.part))
        for i in sorted(rng.sample(found, min(args.per, len(found))), key=lambda i: i.start):
            stage = i.stage.value if i.stage else ""
            print(f"{name}\t{i.part.value}\t{i.name}\t{i.kind.value}\t{stage}\t{i.verb}\t{i.text}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
