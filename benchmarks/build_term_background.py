"""Build reportdiff/data/term_background.tsv: how often each term is used across the corpus reports,
the informative prior of :func:`reportdiff.terms.term_shifts` (Monroe, Colaresi & Quinn 2008, §3.5).

Run: `.venv/bin/python benchmarks/build_term_background.py [--min-count 5]`

Every report of ../shared/corpora is segmented as term_shifts segments a side (words and quoted
phrases, stop words out); the table keeps each term used at least --min-count times in all, with
its count and the number of reports using it. Derived statistics only: no text is shipped.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPORA = ROOT.parent / "shared" / "corpora"
OUT = ROOT / "reportdiff" / "data" / "term_background.tsv"
sys.path.insert(0, str(ROOT))

from reportdiff.structure import load  # noqa: E402
from reportdiff.terms import _terms, stop_words  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--min-count", type=int, default=5)
    args = ap.parse_args(argv)
    stop = stop_words()
    counts: Counter[tuple[str, bool]] = Counter()
    docs: Counter[tuple[str, bool]] = Counter()
    paths = sorted(CORPORA.glob("*.txt"))
    for path in paths:
        found: Counter[tuple[str, bool]] = Counter()
        for s in load(path).sentences:
            found.update(_terms(s.text, stop))
        counts.update(found)
        docs.update(found.keys())
    kept = sorted((k for k, n in counts.items() if n >= args.min_count), key=lambda k: (-counts[k], k))
    lines = [
        "# Term use across the corpus reports: the background prior of reportdiff/terms.py",
        f"# (built by benchmarks/build_term_background.py from {len(paths)} reports; terms used >= "
        f"{args.min_count} times; {sum(counts.values())} term uses in all)",
        f"# total\t{sum(counts.values())}",
        "# term\tquoted\tcount\treports",
    ]
    lines += [f"{t}\t{int(q)}\t{counts[(t, q)]}\t{docs[(t, q)]}" for t, q in kept]
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(kept)} terms written to {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
