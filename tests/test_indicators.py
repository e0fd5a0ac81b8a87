"""Readable indicator labels, canonical ids, and which numbers are commitments (issue: trustworthy output)."""

from __future__ import annotations

import math
import re
from pathlib import Path

import pytest

from reportdiff import extract_commitments, load
from reportdiff.commitments import RULES
from reportdiff.indicators import canonical_id, canonical_table, clean_label, gloss, words

from .helpers import CORPORA, GOLD, ROOT, SHARED, needs_corpora

CASES = Path(__file__).parent / "cases" / "extraction.tsv"


def _rows() -> list[tuple[str, str, str, str]]:
    out = []
    for line in CASES.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            sentence, quantity, verdict, comment = line.split("\t")
            out.append((sentence, quantity, verdict, comment))
    return out


def _plan(sentence: str) -> str:
    return f"二、2025年工作安排\n{sentence}。\n"


@pytest.mark.parametrize(("sentence", "quantity", "verdict", "comment"), _rows(), ids=[r[3] for r in _rows()])
def test_extraction_case(sentence: str, quantity: str, verdict: str, comment: str) -> None:
    found = [c for c in extract_commitments(load(_plan(sentence))) if c.quantity.text == quantity]
    if verdict.startswith("yes"):
        assert found, f"{quantity} should be a commitment ({comment})"
        if "=" in verdict:
            assert found[0].indicator == verdict.split("=", 1)[1], comment
    else:
        assert verdict in RULES, f"unknown rule {verdict}"
        assert not found, f"{quantity} is no commitment: {RULES[verdict]} ({comment})"


def test_cases_cover_every_rule() -> None:
    used = {v for _, _, v, _ in _rows() if not v.startswith("yes")}
    assert used == set(RULES)


# --- labels over the whole corpus ---------------------------------------------------------------

# What a label must not end with: a verb that introduces the number, or a connective.
_BAD_END = re.compile(
    r"(?:达到|提高到|提升到|提高至|提升至|稳定在|保持在|控制在|增至|降至|达|为|是|突破|超过|增长|下降|提高|"
    r"提升|降低|减少|增加|分别|均|和|及|与|、|的|等)$"
)
_PAIRS = ("“”", "《》", "（）", "()")


def _balanced(label: str) -> bool:
    return all(label.count(a) == label.count(b) for a, b in _PAIRS)


def _subsequence(label: str, source: str) -> bool:
    """Every character of ``label`` occurs in ``source`` in order: a rewrite made of pieces of it."""
    it = iter(source)
    return all(ch in it for ch in label)


@pytest.fixture(scope="module")
def corpus_commitments() -> list[tuple[str, object]]:
    if not CORPORA.is_dir():
        pytest.skip("../shared/corpora is not beside the checkout")
    return [(p.stem, c) for p in sorted(CORPORA.glob("*.txt")) for c in extract_commitments(load(p))]


@needs_corpora
@pytest.mark.slow
def test_labels_read_well_over_the_whole_corpus(corpus_commitments: list[tuple[str, object]]) -> None:
    assert len(corpus_commitments) > 10_000
    bad: dict[str, list[str]] = {"verb": [], "quotes": [], "doubled": [], "rewrite": [], "short": []}
    for name, c in corpus_commitments:
        label = c.indicator  # type: ignore[attr-defined]
        source = c.subject + c.text + c.sentence  # type: ignore[attr-defined]
        if _BAD_END.search(label):
            bad["verb"].append(f"{name}: {label}")
        if not _balanced(label):
            bad["quotes"].append(f"{name}: {label}")
        if re.search(r"([\u4e00-\u9fff]{2,})\1", label):
            bad["doubled"].append(f"{name}: {label}")
        if not _subsequence(label, source):
            bad["rewrite"].append(f"{name}: {label}")
        if len(label) < 2:
            bad["short"].append(f"{name}: {label!r} in {c.text}")  # type: ignore[attr-defined]
    n = len(corpus_commitments)
    assert not bad["verb"], bad["verb"][:10]
    assert not bad["quotes"], bad["quotes"][:10]
    assert not bad["rewrite"], bad["rewrite"][:10]
    # 刑事立案数、诈骗立案数: a word may repeat across a list
    assert len(bad["doubled"]) <= n * 0.001, bad["doubled"][:10]
    assert len(bad["short"]) <= n * 0.005, bad["short"][:10]


def test_clean_label_trims_and_balances() -> None:
    assert clean_label("力争粮食产量稳定在") == "粮食产量"
    assert clean_label("“土特产富”全产业链总产值达") == "“土特产富”全产业链总产值"
    assert clean_label("瞪羚”企业") == "瞪羚企业"
    assert clean_label("新（改）建") == "新改建"
    assert clean_label("的投资计划") == "投资计划"


# --- canonical ids ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("label", "kind", "rate", "expected"),
    [
        ("地区生产总值", "percent", True, "gdp_growth"),
        ("经济", "percent", True, "gdp_growth"),
        ("全省生产总值", "percent", True, "gdp_growth"),
        ("国内生产总值", "money", False, "gdp"),
        ("居民消费价格", "percent", True, "cpi"),
        ("城镇调查失业率", "percent", False, "unemployment_surveyed"),
        ("城镇新增就业", "people", False, "new_urban_jobs"),
        ("粮食产量", "mass", False, "grain_output"),
        ("城镇居民人均可支配收入", "percent", True, "income_urban"),
        ("农民人均纯收入", "money_rate", False, "income_rural"),
        ("一般公共预算收入", "percent", True, "budget_revenue"),
        ("固定资产投资(不含农户)", "percent", True, "fixed_asset_investment"),
        ("社会消费品零售总额", "percent", True, "retail_sales"),
        ("外贸进出口", "percent", True, "trade"),
        ("出口", "percent", True, "exports"),
        ("研发经费投入强度", "percent", False, "rd_intensity"),
        ("单位地区生产总值能耗", "percent", True, "energy_intensity"),
        ("森林覆盖率", "percent", False, "forest_cover"),
        ("高技术制造业增加值", "percent", True, "high_tech_manufacturing"),
        # near-twins are other indicators
        ("装备制造业增加值", "percent", True, None),
        ("人均地区生产总值", "money", False, "gdp_per_capita"),
        ("高技术制造业增加值占规上工业比重", "percent", False, None),
        # a level in % is not GDP growth
        ("地区生产总值", "percent", False, None),
    ],
)
def test_canonical_ids(label: str, kind: str, rate: bool, expected: str | None) -> None:
    assert canonical_id(label, kind, rate=rate) == expected


def test_every_canonical_id_has_an_english_gloss_and_is_unique() -> None:
    ids = [c.id for c in canonical_table()]
    assert len(ids) == len(set(ids)) >= 40
    assert all(gloss(i) for i in ids)
    assert "GDP" in gloss("gdp_growth")


@needs_corpora
@pytest.mark.slow
def test_every_canonical_id_is_found_in_the_corpus(corpus_commitments: list[tuple[str, object]]) -> None:
    seen = {c.canonical for _, c in corpus_commitments}  # type: ignore[attr-defined]
    missing = [c.id for c in canonical_table() if c.id not in seen]
    assert not missing, missing


def test_every_table_of_words_is_used() -> None:
    sources = "".join(p.read_text(encoding="utf-8") for p in (ROOT / "reportdiff").glob("*.py"))
    for name in words():
        assert f'"{name}"' in sources or f"'{name}'" in sources, f"words.json list {name} is never used"


# --- the extraction floor (../shared/gold/extraction) ------------------------------------------------


@needs_corpora
@pytest.mark.slow
def test_extraction_floor_on_the_dev_checks() -> None:
    import importlib.util

    spec = importlib.util.spec_from_file_location("score_extraction", SHARED / "eval" / "score_extraction.py")
    assert spec and spec.loader
    scorer = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(scorer)
    yes = yes_ok = no = no_ok = 0
    for gold in sorted((GOLD / "extraction").glob("*.tsv")):
        report, rows = scorer.read_gold(gold)
        entries = [c.to_dict() for c in extract_commitments(load(CORPORA / report))]
        for row in rows:
            hit = bool(scorer.extracted(entries, row["contains"], row["value"]))
            if row["label"] == "yes":
                yes, yes_ok = yes + 1, yes_ok + hit
            else:
                no, no_ok = no + 1, no_ok + (not hit)
    assert yes_ok / yes >= 0.97
    assert no_ok / no >= 0.95
    assert (yes_ok + no_ok) / (yes + no) >= 0.97
    assert not math.isnan(yes_ok)


def test_the_docs_list_every_canonical_id_and_rule() -> None:
    doc = (ROOT / "docs" / "indicators.md").read_text(encoding="utf-8")
    for c in canonical_table():
        assert f"`{c.id}`" in doc, c.id
    for rule in RULES:
        assert f"`{rule}`" in doc, rule


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # jiangsu-2025, shanghai-2025: 累计 opens the next member; this year's figure stays one year's
        ("新入选国家5G工厂113家、累计210家", [("113家", False), ("210家", True)]),
        ("新建绿道230公里、累计近2000公里", [("230公里", False), ("近2000公里", True)]),
        # a shared 累计 before the list still counts for every member
        ("累计建成绿道230公里、口袋公园120个", [("230公里", True), ("120个", True)]),
    ],
)
def test_a_cumulative_word_belongs_to_its_own_list_member(
    sentence: str, expected: list[tuple[str, bool]]
) -> None:
    report = load(f"一、2024年工作回顾\n{sentence}。\n")
    assert [(c.quantity.text, c.cumulative) for c in extract_commitments(report)] == expected
