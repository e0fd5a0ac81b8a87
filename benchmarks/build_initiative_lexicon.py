"""Build reportdiff/data/initiative_lexicon.tsv: programmes and reforms that carry no mark of a name
(no suffix, quotation or title: 扫黑除恶, 信访工作法治化, 长期护理保险, 双一流) but that annotators of
reports of at least two regions labelled as named initiatives. Extraction finds them wherever a report
names them, outside the grammar's names, so that they can be new, dropped, kept or progressed like any
other.

Run: `.venv/bin/python benchmarks/build_initiative_lexicon.py [--min-regions 2] [--write]`

It reads the development label files (../shared/gold/initiatives and benchmarks/heldout/initiatives,
which since the sixteenth round also holds the first blind round; never benchmarks/blind), takes the
strings each row names a side by (``old_contains`` / ``new_contains``) that could be a name on their
own — three to fourteen Chinese characters, no digit, letter or mark, no suffix of the grammar (a
name that ends with one is the grammar's to find or reject: 双高计划, 大学科技园) but for a weak one,
which the grammar lists only where both parts name it (:func:`weak_policy`: 房地产发展新模式), not
opening with a governing word (推进…), no stop word (a roll of honour, …名单, among them), no kind of
thing nor part of one (``initiative_generic_names.txt``) — and keeps those labelled in the files of at
least --min-regions distinct regions, but for those the reports quote mostly inside a longer quotation
(:func:`cut`).
Without --write it prints them for review.
:func:`without` is how ``benchmarks/lexicon_lofo.py`` and the fit scripts (``fit_initiatives.py``,
``fit_recurring.py``) read each labelled file with the table built without it.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import defaultdict
from collections.abc import Iterable, Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
OUT = ROOT / "reportdiff" / "data" / "initiative_lexicon.tsv"
sys.path.insert(0, str(ROOT))

from reportdiff.initiatives import InitiativeKind, grammar, match_key, suffix_of  # noqa: E402

#: what a labelled string may hold to be looked up as a name of its own
_WORDS = re.compile(r"[\u4e00-\u9fff]{3,14}")

HEADER = """\
# Programmes and reforms named without a suffix, quotation or title that annotators of at least two
# regions' reports labelled as named initiatives (built by benchmarks/build_initiative_lexicon.py from
# the development labels; edit there, not here). Extraction looks each up wherever a report names it,
# outside the grammar's names, longest first.
# name\tkind\tregions
"""


def dev_files() -> list[Path]:
    """The development label files (the blind ones are never read)."""
    return sorted((SHARED / "gold" / "initiatives").glob("*.tsv")) + sorted(
        (ROOT / "benchmarks" / "heldout" / "initiatives").glob("*.tsv")
    )


def region(path: Path) -> str:
    """The region a label file compares (anhui-2025-2026-initiatives.tsv → anhui)."""
    return path.name.split("-")[0]


def labelled(path: Path) -> set[str]:
    """The strings a label file names initiatives by that could be names on their own."""
    g = grammar()
    out = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or line.startswith("status"):
            continue
        for cell in [*line.split("\t"), "", ""][1:3]:
            s = cell.strip()
            words = _WORDS.fullmatch(s) is not None
            named = words and (not suffix_of(s) or weak_policy(s) or designation(s))
            if named and not g.lead_re.match(s) and not g.is_stop(s) and not generic(s):
                out.add(s)
    return out


def designation(name: str) -> bool:
    """Whether ``name`` ends with a suffix the grammar names nothing by here, its words being a field's
    or generic ones (国家植物园, 创新联合体, 数字经济创新发展试验区: a title the state confers, a kind of
    body it promotes). Labelled as named initiatives in :data:`DESIGNATION_REGIONS` regions or more, it
    is a national programme's name (:func:`entries`)."""
    from reportdiff.initiatives import _field_class, _kind, _specific

    g, suffix = grammar(), suffix_of(name)
    if not suffix or weak_policy(name):
        return False
    return not _specific(name, suffix, g) or _field_class(name, suffix, _kind(name, suffix, g), g)


#: the regions whose labels must count a :func:`designation` for it to be one of the table
DESIGNATION_REGIONS = 3


def weak_policy(name: str) -> bool:
    """Whether ``name`` ends with a weak suffix (needs ``both``: …机制, …模式, …制度, …体系, …战略),
    which the grammar lists only where both compared parts name it: a policy labelled as a named one in
    two regions (房地产发展新模式, 生态产品价值实现机制) is then found as a name of its own, new or dropped
    like any other; other suffixes stay the grammar's to find or reject (双高计划, 大学科技园)."""
    return grammar().needs.get(suffix_of(name)) == "both"


def generic(name: str) -> bool:
    """Whether the corpus counts a name a kind of thing (``initiative_generic_names.txt``: 零碳园区), or
    it is part of such a name (一刻钟, of 一刻钟便民生活圈)."""
    key = match_key(name, None)
    return any(key in kind for kind in grammar().generic_names)


def kind_of(name: str) -> InitiativeKind:
    """The kind a name's suffix gives it, or a programme."""
    suffix = suffix_of(name)
    return grammar().kinds.get(suffix, InitiativeKind.PROGRAMME) if suffix else InitiativeKind.PROGRAMME


def entries(files: Iterable[Path], min_regions: int = 2) -> list[tuple[str, InitiativeKind, int]]:
    """(name, kind, regions) of every string labelled in the files of ``min_regions`` regions or more,
    but for the cut ones (:func:`cut`)."""
    regions: dict[str, set[str]] = defaultdict(set)
    for path in files:
        for s in labelled(path):
            regions[s].add(region(path))
    quoted = _QUOTED.findall(corpus_text())
    least = {s: max(min_regions, DESIGNATION_REGIONS) if designation(s) else min_regions for s in regions}
    kept = [
        (s, kind_of(s), len(rs)) for s, rs in regions.items() if len(rs) >= least[s] and not cut(s, quoted)
    ]
    return sorted(kept, key=lambda e: (-len(e[0]), e[0]))


#: a quotation of the reports
_QUOTED = re.compile(r"“([^”]{1,30})”")
#: the quotations a string must stand in, and the share of them longer than it, for it to be cut
_QUOTED_MIN, _LONGER_SHARE = 3, 0.75


def cut(name: str, quoted: list[str]) -> bool:
    """Whether the reports quote ``name`` mostly inside a longer quotation: a part of that quoted name,
    which a label could only give cut (数据要素 of “数据要素×”: the labels hold no ×; 十百千 of “十百千万”).

    >>> cut("数据要素", ["数据要素×", "数据要素×", "数据要素乘"])
    True
    >>> cut("双一流", ["双一流", "双一流", "双一流196"])
    False
    """
    holding = [q for q in quoted if name in q]
    longer = sum(q != name for q in holding)
    return len(holding) >= _QUOTED_MIN and longer >= _LONGER_SHARE * len(holding)


def corpus_text() -> str:
    """Every report of ../shared/corpora, one after another."""
    return "".join(p.read_text(encoding="utf-8") for p in sorted((SHARED / "corpora").glob("*.txt")))


Lexicon = tuple[tuple[str, InitiativeKind], ...]


def table(rows: Iterable[tuple[str, InitiativeKind, int]]) -> Lexicon:
    """The (name, kind) pairs extraction reads, of :func:`entries`' rows."""
    return tuple((name, kind) for name, kind, _ in rows)


@contextmanager
def using(lexicon: Lexicon) -> Iterator[None]:
    """Within it, extraction reads ``lexicon`` instead of the shipped table."""
    from reportdiff import initiatives

    saved = initiatives._lexicon
    initiatives._lexicon = lambda: lexicon  # type: ignore[assignment]
    try:
        yield
    finally:
        initiatives._lexicon = saved  # type: ignore[assignment]


def without(path: Path, min_regions: int = 2) -> AbstractContextManager[None]:
    """Within it, extraction reads the lexicon built without ``path``'s labels: what a report whose
    labels the table never saw gets (a leave-one-file-out fold of the fit scripts)."""
    return using(table(entries([f for f in dev_files() if f != path], min_regions)))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--min-regions", type=int, default=2)
    ap.add_argument("--write", action="store_true")
    args = ap.parse_args()
    rows = entries(dev_files(), args.min_regions)
    body = "".join(f"{name}\t{kind.value}\t{n}\n" for name, kind, n in rows)
    if args.write:
        OUT.write_text(HEADER + body, encoding="utf-8")
        print(f"wrote {len(rows)} names to {OUT.relative_to(ROOT)}")
    else:
        print(body, end="")
    return 0


if __name__ == "__main__":
    sys.exit(main())
