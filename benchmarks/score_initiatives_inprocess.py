"""Score named initiatives against hand-labelled files, in process, with the shared scorer's judge.

Run: `.venv/bin/python benchmarks/score_initiatives_inprocess.py [FILES…] [-v] [--json DIR]`
(default: ../shared/gold/initiatives/*.tsv and the annotator's /work/labels/initiatives/dev/*.tsv).

For each file it loads both reports and parts as the gold header says, runs
both_sides + align_sections + diff_initiatives, and judges every row with ``judge()``
imported from ../shared/eval/score_initiatives.py on the changes' ``to_dict()`` output — the
figure the shared scorer prints once ``compare --format json`` carries ``"initiatives"``.
A file is a delivery comparison when its old part is a plan and its new part the next year's review.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
LABELS = ROOT / "benchmarks" / "heldout" / "initiatives"
sys.path.insert(0, str(ROOT))

from reportdiff.align import align_sections  # noqa: E402
from reportdiff.initiative_diff import (  # noqa: E402
    InitiativeChange,
    both_named,
    both_sides,
    diff_initiatives,
    with_recurring,
)
from reportdiff.initiatives import Initiative  # noqa: E402
from reportdiff.recurring import recurring as recurring_runs  # noqa: E402
from reportdiff.structure import Report, load  # noqa: E402


def scorer() -> Any:
    """The shared scorer module (its ``read_gold`` and ``judge``)."""
    path = SHARED / "eval" / "score_initiatives.py"
    spec = importlib.util.spec_from_file_location("score_initiatives", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def default_files() -> list[Path]:
    return sorted((SHARED / "gold" / "initiatives").glob("*.tsv")) + sorted(LABELS.glob("*.tsv"))


def section_indexes(report: Report, part: str) -> list[int]:
    """Sections of levels 1 and 2 holding sentences of the part (as compare aligns them)."""
    holding: set[str] = set()
    for s in report.sentences_in(part):
        path = report.sections[s.section].path.split(".")
        holding.update(".".join(path[:depth]) for depth in (1, 2))
    return [i for i, s in enumerate(report.sections) if i > 0 and s.level <= 2 and s.path in holding]


def is_delivery(old: Report, old_part: str, new: Report, new_part: str) -> bool:
    return old_part == "plan" and new_part == "review" and (new.year or 0) == (old.year or 0) + 1


def reports(
    header: dict[str, tuple[str, str]], corpora: Path
) -> tuple[Report, Report, str | None, str | None]:
    """The two reports of a gold header and their parts (None for the whole report)."""
    (old_name, old_part), (new_name, new_part) = header["old"], header["new"]
    op, np_ = (None if p == "all" else p for p in (old_part, new_part))
    return load(corpora / old_name), load(corpora / new_name), op, np_


def sides(header: dict[str, tuple[str, str]], corpora: Path, *, recurring: bool = True) -> tuple[Any, ...]:
    """The two sides' initiatives as a comparison pairs them (:func:`both_sides`, the grammar's and
    the lookup's), the aligned section paths, whether it is a delivery file, and the recurring runs
    each side adds afterwards (:func:`reportdiff.recurring.recurring`; none if ``recurring`` is False)."""
    ro, rn, op, np_ = reports(header, corpora)
    io, inn = both_sides(ro, rn, old_part=op, new_part=np_)
    runs = recurring_runs(ro, rn, io, inn, old_part=op, new_part=np_) if recurring else ([], [])
    old_part, new_part = header["old"][1], header["new"][1]
    pairs = align_sections(ro, rn, section_indexes(ro, old_part), section_indexes(rn, new_part))
    aligned = [(p.old.path, p.new.path) for p in pairs if p.old and p.new]
    return io, inn, aligned, is_delivery(ro, old_part, rn, new_part), runs


def run(
    io: Sequence[Initiative],
    inn: Sequence[Initiative],
    aligned: list[tuple[str, str]],
    delivery: bool,
    threshold: float | None = None,
    runs: tuple[Sequence[Initiative], Sequence[Initiative]] = ([], []),
) -> list[InitiativeChange]:
    """The changes as a comparison makes them: the grammar's names paired, then the recurring runs."""
    named = both_named(
        diff_initiatives(io, inn, aligned_sections=aligned, delivery=delivery, threshold=threshold)
    )
    return list(with_recurring(named, *runs, aligned_sections=aligned, delivery=delivery))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("files", nargs="*", type=Path)
    ap.add_argument("-v", "--verbose", action="store_true", help="print every wrong row")
    ap.add_argument("--json", type=Path, help="write each file's initiatives JSON here")
    ap.add_argument("--threshold", type=float, default=None, help="pair score threshold (default: fitted)")
    args = ap.parse_args(argv)
    sc = scorer()
    corpora = SHARED / "corpora"
    total: Counter[str] = Counter()
    right: Counter[str] = Counter()
    for gold in args.files or default_files():
        header, rows = sc.read_gold(gold)
        if header is None:
            continue
        io, inn, aligned, delivery, runs = sides(header, corpora)
        entries = [c.to_dict() for c in run(io, inn, aligned, delivery, args.threshold, runs)]
        if args.json:
            args.json.mkdir(parents=True, exist_ok=True)
            (args.json / f"{gold.stem}.json").write_text(
                json.dumps({"initiatives": entries}, ensure_ascii=False, indent=1), encoding="utf-8"
            )
        ok: Counter[str] = Counter()
        n: Counter[str] = Counter()
        for row in rows:
            good, why = sc.judge(row, entries)
            n[row["status"]] += 1
            ok[row["status"]] += good
            if not good and args.verbose:
                print(
                    f"  {gold.name}: {row['status']:10} {row['old_contains']!s:>14}"
                    f" -> {row['new_contains']}: {why}"
                )
        total.update(n)
        right.update(ok)
        by = ", ".join(f"{s} {ok[s]}/{n[s]}" for s in sorted(n))
        mode = " (delivery)" if delivery else ""
        print(
            f"{gold.name}{mode}: {sum(ok.values())}/{sum(n.values())}"
            f" ({len(entries)} initiatives listed; {by})"
        )
    k, m = sum(right.values()), sum(total.values())
    print(
        "by status: "
        + ", ".join(f"{s} {right[s]}/{total[s]} = {right[s] / total[s]:.3f}" for s in sorted(total))
    )
    print(f"initiative accuracy: {k}/{m} = {k / m if m else 0:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
