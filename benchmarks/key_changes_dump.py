"""The entries of the key-changes block for the hand-judged sets, as rows to judge.

Run: `.venv/bin/python benchmarks/key_changes_dump.py {1,2} [--carry benchmarks/blind/key_changes.tsv]`.
Set 1: the seven provinces whose reports are reserved, 2025 → 2026, plan → plan and plan → review.
Set 2: hailaer 2014 → 2018, each consecutive pair plan → plan and plan → review; national 2022 → 2024,
plan → plan. Each row: pair, mode, list (raises, cuts, missed, unreported), the change's indicator, the
old and new quantities as written. With ``--carry`` an entry listed word for word in an earlier judged
file keeps its judgement (right, note); the others are left blank, for an annotator to judge.
"""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

from reportdiff import compare, load

ROOT = Path(__file__).resolve().parents[1]
RESERVED = ["yunnan", "heilongjiang", "tianjin", "gansu", "jiangsu", "hunan", "ningxia"]
LISTS = {"plan": ("raises", "cuts"), "delivery": ("missed", "unreported", "raises")}
Row = tuple[str, str, str, str, str, str]


def _pairs(which: int) -> list[tuple[str, str, str, list[str]]]:
    """(pair label, old file, new file, modes) of a set."""
    if which == 1:
        return [(f"{p}-2025→2026", f"{p}-2025.txt", f"{p}-2026.txt", ["plan", "delivery"]) for p in RESERVED]
    out = [
        (f"hailaer-{y}→hailaer-{y + 1}", f"hailaer-{y}.txt", f"hailaer-{y + 1}.txt", ["plan", "delivery"])
        for y in range(2014, 2018)
    ]
    return [*out, ("national-2022→national-2024", "national-2022.txt", "national-2024.txt", ["plan"])]


def rows(which: int, corpora: Path) -> list[Row]:
    out: list[Row] = []
    for label, a, b, modes in _pairs(which):
        old, new = load(corpora / a), load(corpora / b)
        for mode in modes:
            d = compare(old, new, old_part="plan", new_part="plan" if mode == "plan" else "review")
            k, by_id = d.key_changes(), {c.id: c for c in d.all_changes}
            for name in LISTS[mode]:
                for cid in getattr(k, name):
                    c = by_id[cid]
                    q = [s.quantity.text if s else "" for s in (c.old, c.new)]
                    out.append((label, mode, name, c.indicator, q[0], q[1]))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("set", type=int, choices=(1, 2))
    ap.add_argument("--corpora", type=Path, default=ROOT.parent / "shared" / "corpora")
    ap.add_argument("--carry", type=Path, help="an earlier judged file whose judgements carry over")
    args = ap.parse_args()
    judged: dict[Row, tuple[str, str]] = {}
    if args.carry:
        lines = [ln for ln in args.carry.read_text(encoding="utf-8").splitlines() if not ln.startswith("#")]
        for r in csv.DictReader(lines, delimiter="\t"):
            key = (r["pair"], r["mode"], r["list"], r["indicator"], r["old_value"], r["new_value"])
            judged[key] = (r["right"], r["note"] or "")
    w = csv.writer(sys.stdout, delimiter="\t", lineterminator="\n")
    w.writerow(["pair", "mode", "list", "indicator", "old_value", "new_value", "right", "note"])
    for row in rows(args.set, args.corpora):
        w.writerow([*row, *judged.get(row, ("", ""))])


if __name__ == "__main__":
    main()
