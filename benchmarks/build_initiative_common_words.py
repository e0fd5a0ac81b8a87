"""Build reportdiff/data/initiative_common_words.txt: the words that reports of many regions use, none
of them a proper name, so that a project, platform or zone named by these words alone is a kind of
thing (产业投资基金, 中试验证平台, 综合货运枢纽, 社区全民健身中心), not one initiative.

Run: `.venv/bin/python benchmarks/build_initiative_common_words.py [--min-regions 16] [--write]`

It segments every report in ../shared/corpora except those set aside for held-out judging
(``RESERVED``) with rjieba's part-of-speech tagger, and counts for each word the distinct regions
whose reports use it. Words used by at least --min-regions regions are listed, except proper names
(place, person, organisation and other proper-noun tags: 上海, 曲靖, 天府), numerals, words with a
digit or Latin letter, and the one-character words of an administration (省, 市, 区: 省知识产权保护中心
is one province's centre). Extraction marks a project, platform or zone weak when the words before its
suffix are all such words (or the field and generic words of ``initiative_words.tsv``) and no
quotation or digit names it: a comparison then lists it only where both parts name it, never as new
or dropped. Without --write it prints the words with their counts for review.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import defaultdict
from pathlib import Path

import rjieba

ROOT = Path(__file__).resolve().parents[1]
CORPORA = ROOT.parent / "shared" / "corpora"
OUT = ROOT / "reportdiff" / "data" / "initiative_common_words.txt"
sys.path.insert(0, str(ROOT))

from build_initiative_generic import RESERVED as _GENERIC_RESERVED  # noqa: E402

from reportdiff.structure import load  # noqa: E402

#: reports set aside for held-out judging (precision samples, blind pairs): never read here; the
#: generic-names builder's, the blind pairs labelled after it and the third precision sample
RESERVED = _GENERIC_RESERVED | {
    "gansu-2025",
    "gansu-2026",
    "jiangsu-2025",
    "jiangsu-2026",
    "shanxi-2026",
    "hainan-2026",
    "xinjiang-2026",
    "guizhou-2026",
    "hailaer-2013",
}
#: part-of-speech tags of proper names and numerals (jieba's tag set)
PROPER = frozenset({"ns", "nr", "nrt", "nrfg", "nt", "nz", "m", "mq", "eng", "x", "t"})
_CJK = re.compile(r"^[\u4e00-\u9fff]+$")
#: the words of one administration (省民营经济发展促进中心, 市技术转移研究院, 区人民医院): an institution
#: of one province, city or district, not a kind of thing, so never common
ADMIN = frozenset("省市区县州盟旗镇乡")


def region_words(min_regions: int) -> list[tuple[str, int]]:
    regions: dict[str, set[str]] = defaultdict(set)
    for path in sorted(CORPORA.glob("*.txt")):
        if path.stem in RESERVED:
            continue
        region = path.stem.rsplit("-", 1)[0]
        text = "\n".join(s.text for s in load(path).sentences)
        for word, tag in rjieba.tag(text):
            if tag not in PROPER and word not in ADMIN and _CJK.match(word):
                regions[word].add(region)
    common = [(w, len(r)) for w, r in regions.items() if len(r) >= min_regions]
    return sorted(common, key=lambda wr: (-wr[1], wr[0]))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--min-regions", type=int, default=16)
    ap.add_argument("--write", action="store_true")
    args = ap.parse_args(argv)
    words = region_words(args.min_regions)
    if not args.write:
        for w, n in words:
            print(f"{w}\t{n}")
        return 0
    head = (
        "# Words that reports of many regions use, none a proper name: a project, platform or zone named\n"
        f"# by them alone is a kind of thing (built by benchmarks/build_initiative_common_words.py,"
        f" >= {args.min_regions} regions)\n"
    )
    OUT.write_text(head + "".join(f"{w}\n" for w, _ in sorted(words)), encoding="utf-8")
    print(f"wrote {len(words)} words to {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
