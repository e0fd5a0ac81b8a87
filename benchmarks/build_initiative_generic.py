"""Build reportdiff/data/initiative_generic_names.txt: the names of projects, platforms and zones
that reports of many regions name alike, so that they are kinds of thing (工业园区, 零碳园区,
公立医院, 图书馆), not one initiative. Extraction marks them weak: a comparison lists them only where
both parts name them (the dev labels count 零碳园区 or 综治中心 kept), never as new or dropped.

Run: `.venv/bin/python benchmarks/build_initiative_generic.py [--min-regions 4] [--write]`

It extracts the initiatives of every report in ../shared/corpora (except those reserved for held-out
judging, ``RESERVED``), counts for each matching key of a
project, platform or zone the distinct regions whose reports name it, and lists the keys named by at
least --min-regions regions that hold no place name of those regions (a province, or a region's own
name: 海南自由贸易港 and 长江经济带 are one initiative each, however many reports name them; the
places named by ``PLACES`` below are kept too). Without --write it prints the list with its counts
for review.
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPORA = ROOT.parent / "shared" / "corpora"
OUT = ROOT / "reportdiff" / "data" / "initiative_generic_names.txt"
sys.path.insert(0, str(ROOT))

from reportdiff.initiatives import InitiativeKind, extract_initiatives, match_key  # noqa: E402
from reportdiff.structure import load  # noqa: E402

#: reports set aside for held-out judging (initiative_sample.py, benchmarks/blind/): never read here
RESERVED = frozenset(
    {
        "yunnan-2026",
        "heilongjiang-2025",
        "national-2024",
        "hailaer-2017",
        "tianjin-2026",
        "hailaer-2015",
        "hailaer-2016",
        "hunan-2025",
        "hunan-2026",
        "ningxia-2025",
        "ningxia-2026",
    }
)
KINDS = {InitiativeKind.PROJECT, InitiativeKind.PLATFORM, InitiativeKind.ZONE}
#: places that name one initiative wherever a report names them (besides the provinces)
PLACES = (
    "长江",
    "黄河",
    "长三角",
    "粤港澳",
    "京津冀",
    "成渝",
    "大湾区",
    "雄安",
    "浦东",
    "深圳",
    "西部陆海",
    "陆海新通道",
    "中欧班列",
    "北部湾",
    "东北",
    "西部",
    "中部",
    "沿黄",
    "淮河",
    "珠江",
    "海峡",
    "两岸",
    "一带一路",
    "丝绸之路",
    "中国",
    "亚洲",
    "国际",
    "全国",
    "国家",
)
PROVINCES = (
    "北京",
    "天津",
    "上海",
    "重庆",
    "河北",
    "山西",
    "辽宁",
    "吉林",
    "黑龙江",
    "江苏",
    "浙江",
    "安徽",
    "福建",
    "江西",
    "山东",
    "河南",
    "湖北",
    "湖南",
    "广东",
    "海南",
    "四川",
    "贵州",
    "云南",
    "陕西",
    "甘肃",
    "青海",
    "台湾",
    "内蒙古",
    "广西",
    "西藏",
    "宁夏",
    "新疆",
    "香港",
    "澳门",
    "京",
    "津",
    "沪",
    "渝",
    "冀",
    "晋",
    "辽",
    "吉",
    "黑",
    "苏",
    "浙",
    "皖",
    "闽",
    "赣",
    "鲁",
    "豫",
    "鄂",
    "湘",
    "粤",
    "琼",
    "川",
    "蜀",
    "黔",
    "贵",
    "滇",
    "陕",
    "秦",
    "甘",
    "陇",
    "青",
    "蒙",
    "桂",
    "藏",
    "宁",
    "新",
)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--min-regions", type=int, default=4)
    ap.add_argument("--write", action="store_true")
    args = ap.parse_args(argv)
    regions: dict[str, set[str]] = defaultdict(set)
    for path in sorted(CORPORA.glob("*.txt")):
        if path.stem in RESERVED:
            continue
        report = load(path)
        for i in extract_initiatives(report, weak=True):
            if i.kind in KINDS and "“" not in i.name:  # a quotation makes a name (“两重”项目)
                regions[match_key(i.name)].add(path.stem.rsplit("-", 1)[0])
    places = [p for p in PLACES + PROVINCES if len(p) >= 2]
    generic = sorted(
        (k for k, rs in regions.items() if len(rs) >= args.min_regions and not any(p in k for p in places)),
        key=lambda k: (-len(regions[k]), k),
    )
    if args.write:
        head = (
            "# Names of projects, platforms and zones that reports of many regions name alike: kinds of"
            " thing, not one initiative\n# (built by benchmarks/build_initiative_generic.py from the"
            f" corpus reports; named by >= {args.min_regions} regions, no place name)\n"
        )
        OUT.write_text(head + "".join(f"{k}\n" for k in generic), encoding="utf-8")
    for k in generic:
        print(f"{len(regions[k])}\t{k}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
