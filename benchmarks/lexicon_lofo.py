"""Leave-one-file-out check of the initiative lexicon (``reportdiff/data/initiative_lexicon.tsv``).

Run: `.venv/bin/python benchmarks/lexicon_lofo.py [--min-regions 2]`

For each development label file it builds the lexicon from the other files alone
(:func:`build_initiative_lexicon.entries`), scores that file with it, and prints the totals beside the
scores without any lexicon and with the shipped one (in-sample): what the lexicon adds on a report
whose labels it never saw.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT))

import build_initiative_lexicon as lex  # noqa: E402
import score_initiatives_inprocess as sip  # noqa: E402


def score(path: Path) -> Counter[str]:
    """Right and total rows of one label file, by status (keys ``ok:<status>`` and ``n:<status>``)."""
    sc = sip.scorer()
    header, rows = sc.read_gold(path)
    io, inn, aligned, delivery, runs = sip.sides(header, sip.SHARED / "corpora")
    entries = [c.to_dict() for c in sip.run(io, inn, aligned, delivery, None, runs)]
    out: Counter[str] = Counter()
    for row in rows:
        good, _ = sc.judge(row, entries)
        out[f"n:{row['status']}"] += 1
        out[f"ok:{row['status']}"] += good
    return out


def line(label: str, c: Counter[str]) -> str:
    statuses = sorted(k[2:] for k in c if k.startswith("n:"))
    ok, n = sum(c[f"ok:{s}"] for s in statuses), sum(c[f"n:{s}"] for s in statuses)
    by = ", ".join(f"{s} {c[f'ok:{s}']}/{c[f'n:{s}']}" for s in statuses)
    return f"{label}: {ok}/{n} = {ok / n:.3f} ({by})"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--min-regions", type=int, default=2)
    args = ap.parse_args()
    files = lex.dev_files()
    shipped = lex.table(lex.entries(files, args.min_regions))
    totals: dict[str, Counter[str]] = {"none": Counter(), "left out": Counter(), "in-sample": Counter()}
    for path in files:
        held = lex.table(lex.entries([f for f in files if f != path], args.min_regions))
        for label, t in (("none", ()), ("left out", held), ("in-sample", shipped)):
            with lex.using(t):
                c = score(path)
            totals[label].update(c)
            if label == "left out":
                print(line(f"  {path.name}, lexicon without it", c))
    for label, c in totals.items():
        print(line(f"lexicon {label}", c))
    return 0


if __name__ == "__main__":
    sys.exit(main())
