"""How far two annotators agree on the named initiatives of one pair of reports.

Run: `.venv/bin/python benchmarks/agreement.py` (from the project root).

Each file of ``benchmarks/blind/agreement`` labels a pair of reports that a file of
``benchmarks/heldout/initiatives`` with the same name labels too, by another annotator who saw neither
the tool's output nor the first labels. Both follow ../shared/gold/README.md and pick their own rows, so
what they share is what can be compared: two rows are about one initiative where their substrings fall
in the same clause (between ，；：、。) of the same sentence on one side. Of those shared rows, the
script counts how many the two annotators gave the same status and, for a kept or progressed row, the
same counterpart. It prints, per pair, the rows of each, the rows both labelled and the agreement, in
both directions.

This is the ceiling to read the tool's accuracy against: where two careful annotators agree on
almost every shared row, the rows the tool gets wrong are the tool's errors, not the labels' noise.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPORA = ROOT.parent / "shared" / "corpora"
sys.path.insert(0, str(ROOT))

from reportdiff.structure import Sentence, load  # noqa: E402

STATUSES = ("kept", "progressed", "new", "dropped")
_CLAUSE_ENDS = "，；：。、"

Row = tuple[str, str, str]
Clause = tuple[int, int, int]


def read(path: Path) -> tuple[dict[str, tuple[str, str]], list[Row]]:
    """The header (side → report, part) and the rows (status, old_contains, new_contains) of a file."""
    header: dict[str, tuple[str, str]] = {}
    rows: list[Row] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            key, _, value = line[1:].partition(":")
            if key.strip() in ("old", "new"):
                name, part = value.split()
                header[key.strip()] = (name, part)
            continue
        cells = line.split("\t")
        if cells[0] in STATUSES:
            rows.append((cells[0], cells[1], cells[2]))
    return header, rows


def clause(sentences: list[Sentence], sub: str) -> Clause | None:
    """Where ``sub`` first stands: its sentence and the clause around it."""
    for k, s in enumerate(sentences):
        i = s.text.find(sub)
        if i >= 0:
            a = max(s.text.rfind(ch, 0, i) for ch in _CLAUSE_ENDS) + 1
            ends = [e for ch in _CLAUSE_ENDS if (e := s.text.find(ch, i + len(sub))) >= 0]
            return k, a, min(ends, default=len(s.text))
    return None


def agreement(first: Path, second: Path) -> tuple[int, int, int, int]:
    """Rows of ``first``, rows of ``second``, rows of ``first`` that ``second`` labels too, and of
    those the rows with the same status and counterpart."""
    header, rows_a = read(first)
    header_b, rows_b = read(second)
    if header != header_b:
        raise SystemExit(f"{first.name}: the two files compare different parts")
    sides = {side: load(CORPORA / name).sentences_in(part) for side, (name, part) in header.items()}

    def where(row: Row) -> tuple[Clause | None, Clause | None]:
        _, old, new = row
        return (clause(sides["old"], old) if old else None, clause(sides["new"], new) if new else None)

    at_a, at_b = [where(r) for r in rows_a], [where(r) for r in rows_b]
    shared = same = 0
    for row, (old, new) in zip(rows_a, at_a, strict=True):
        hits = [j for j, (o, n) in enumerate(at_b) if (old and old == o) or (new and new == n)]
        if not hits:
            continue
        shared += 1
        other, (o, n) = rows_b[hits[0]], at_b[hits[0]]
        paired = row[0] in ("new", "dropped") or (old == o and new == n)
        same += other[0] == row[0] and paired
    return len(rows_a), len(rows_b), shared, same


def main() -> None:
    total_shared = total_same = 0
    for second in sorted((ROOT / "benchmarks" / "blind" / "agreement").glob("*.tsv")):
        first = ROOT / "benchmarks" / "heldout" / "initiatives" / second.name
        for a, b, label in ((first, second, "first → second"), (second, first, "second → first")):
            n_a, n_b, shared, same = agreement(a, b)
            total_shared, total_same = total_shared + shared, total_same + same
            print(
                f"{second.name} ({label}): {n_a} rows against {n_b}; {shared} labelled by both, "
                f"{same} alike = {same / max(shared, 1):.3f}"
            )
    print(
        f"agreement on the rows both annotators labelled: {total_same}/{total_shared} = "
        f"{total_same / max(total_shared, 1):.3f}"
    )


if __name__ == "__main__":
    main()
