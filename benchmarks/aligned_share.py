"""How much of the compared text the aligned view pairs: the share of sentences that sit in a row with a
counterpart, over the 31 provincial 2025 → 2026 plan → plan comparisons (docs/html.md quotes it).

Run: `.venv/bin/python benchmarks/aligned_share.py [--corpora DIR]`.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from reportdiff import compare, load

ROOT = Path(__file__).resolve().parents[1]


def shares(diff: object) -> tuple[int, int]:
    """(sentences in a row with a counterpart, all sentences) of a diff's aligned view."""
    paired = total = 0
    for sec in diff.to_dict()["sections"]:  # type: ignore[attr-defined]
        for row in sec["sentences"]:
            old, new = row.get("old"), row.get("new")
            olds = old if isinstance(old, list) else ([old] if old else [])
            news = new if isinstance(new, list) else ([new] if new else [])
            total += len(olds) + len(news)
            if olds and news:
                paired += len(olds) + len(news)
    return paired, total


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpora", type=Path, default=ROOT.parent / "shared" / "corpora")
    args = ap.parse_args()
    p_all = t_all = 0
    for old in sorted(args.corpora.glob("*-2025.txt")):
        if old.name.startswith("hailaer"):
            continue
        new = old.with_name(old.name.replace("-2025", "-2026"))
        diff = compare(load(old), load(new), old_part="plan", new_part="plan")
        p, t = shares(diff)
        p_all, t_all = p_all + p, t_all + t
        print(f"{old.stem.split('-')[0]:<14}{p:>6}/{t:<6}{p / t if t else 0:.2f}")
    print(f"all 31 pairs: {p_all}/{t_all} sentences paired = {p_all / t_all:.3f}")


if __name__ == "__main__":
    main()
