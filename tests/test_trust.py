"""What makes a diff trustworthy on reports nobody tuned for: the shipped pair model meets its
leave-one-file-out floors and is calibrated, every pair that a reader could misquote carries a check,
and a delivery comparison leads with the targets and their verdicts."""

from __future__ import annotations

import itertools

import pytest

from reportdiff import compare, load
from reportdiff.classify import Check, Status
from reportdiff.delivery import Verdict
from reportdiff.match import FEATURES, model

from .helpers import CORPORA, corpus, needs_corpora

PROVINCES = sorted(
    {p.name.split("-")[0] for p in CORPORA.glob("*-2025.txt")} - {"hailaer"} if CORPORA.is_dir() else []
)


def test_shipped_model_meets_the_leave_one_file_out_floors() -> None:
    m = model()
    assert len(m.weights) == len(FEATURES)
    from reportdiff._data import data_json

    assert data_json("match_model.json")["features"] == list(FEATURES)  # refit after changing FEATURES
    lofo = m.meta["leave_one_file_out"]
    assert lofo["rows"] >= 1000 and len(lofo["per_file"]) >= 20
    assert lofo["accuracy"] >= 0.95
    for status, (right, total) in lofo["by_status"].items():
        assert right / total >= 0.92, status


def test_shipped_model_is_calibrated() -> None:
    """Among pairs shown with a high confidence, about that share is right (leave-one-file-out)."""
    table = model().meta["calibration_table"]
    assert sum(row["pairs"] for row in table) >= 300
    for row in table:
        if row["pairs"] >= 30:
            assert abs(row["share"] - row["mean_confidence"]) <= 0.1, row
    top = [row for row in table if row["confidence"].startswith("0.95")]
    assert top and top[0]["share"] >= 0.95


def test_confidence_grows_with_the_score() -> None:
    m = model()
    scores = [m.confidence(p / 100) for p in (5, 30, 50, 70, 95)]
    assert scores == sorted(scores) and 0 < scores[0] < scores[-1] < 1


# --- checks over the whole corpus -------------------------------------------------------------------


def _modes(province: str) -> list[tuple[str, str, str, str]]:
    old, new = f"{province}-2025.txt", f"{province}-2026.txt"
    return [(old, new, "plan", "plan"), (old, new, "plan", "review"), (new, new, "review", "plan")]


@needs_corpora
@pytest.mark.slow
def test_no_big_change_or_unit_change_is_shown_without_a_check() -> None:
    """Over the 31 provincial pairs in all three modes: a pair whose value moves more than threefold,
    or whose unit word changes, always carries the check (open, or cleared by identical wording)."""
    big = unit = 0
    for province in PROVINCES:
        for old, new, op, np_ in _modes(province):
            diff = compare(load(corpus(old)), load(corpus(new)), old_part=op, new_part=np_)
            keys = diff.key_changes()
            led = set(keys.raises + keys.cuts)
            for c in diff:
                if c.id in led:  # what a reader quotes first: sure and unchecked
                    assert c.confidence >= 0.9 and not c.checks, (province, c)
                if c.old is None or c.new is None:
                    continue
                a, b = c.old.quantity.value, c.new.quantity.value
                if a and b and max(a, b) / min(a, b) > 3:
                    big += 1
                    assert Check.BIG_CHANGE in c.checks + c.cleared, (province, c)
                    if Check.BIG_CHANGE in c.cleared:
                        assert c.confidence >= 0.9 and not c.checks, c
                if c.old.quantity.unit != c.new.quantity.unit:
                    unit += 1
                    assert Check.UNIT_CHANGED in c.checks, (province, c)
                assert (not c.checks) == c.confident or c.confidence < 0.7
    assert big > 10 and unit > 10  # the test saw such pairs


# --- delivery ----------------------------------------------------------------------------------------


@needs_corpora
def test_delivery_leads_with_the_targets_and_judges_them() -> None:
    diff = compare(corpus("hubei-2025.txt"), corpus("hubei-2026.txt"), old_part="plan", new_part="review")
    changes = list(diff)
    first_unplanned = next(i for i, c in enumerate(changes) if c.old is None)
    assert all(c.old is not None for c in changes[:first_unplanned])
    assert all(c.old is None and c.verdict is Verdict.UNPLANNED for c in changes[first_unplanned:])
    assert all(c.verdict is Verdict.NOT_REPORTED for c in changes if c.status is Status.DROPPED)
    gdp = next(c for c in changes if c.old is not None and c.old.canonical == "gdp_growth")
    assert gdp.new is not None and gdp.new.quantity.value == 5.5
    assert gdp.verdict is Verdict.MET  # 经济增长6%左右 → 地区生产总值增长5.5%: within 左右 ± 0.5 pp
    assert [c.id for c in changes] == [f"c{n}" for n in range(1, len(changes) + 1)]


@needs_corpora
def test_a_plan_compared_with_a_plan_has_no_verdicts() -> None:
    diff = compare(corpus("fujian-2025.txt"), corpus("fujian-2026.txt"), old_part="plan", new_part="plan")
    assert all(c.verdict is None for c in diff)


@needs_corpora
def test_stock_never_pairs_with_an_increment_nor_two_canonical_indicators() -> None:
    diff = compare(corpus("hubei-2025.txt"), corpus("hubei-2026.txt"), old_part="plan", new_part="review")
    for c in diff:
        if c.old is not None and c.new is not None:
            a, b = c.old.canonical, c.new.canonical
            assert a is None or b is None or a == b, c
    base = [c for c in diff if c.old is not None and "5G基站" in c.old.indicator]
    assert base and all(c.status is Status.DROPPED for c in base)  # 5G基站增至18.8万个 is a stock


@needs_corpora
def test_a_level_against_an_addition_is_checked_and_never_leads() -> None:
    """shaanxi: 天然气产量370亿方 (2025 plan: a level) against 新增天然气产量10亿方以上 (2026 plan: this
    year's addition) is no 97% cut; whatever pairs them, a reader is told to check."""
    diff = compare(corpus("shaanxi-2025.txt"), corpus("shaanxi-2026.txt"), old_part="plan", new_part="plan")
    gas = [c for c in diff if c.old is not None and c.new is not None and "新增天然气产量" in c.new.text]
    assert all(Check.STOCK_VS_INCREMENT in c.checks for c in gas)
    keys = diff.key_changes()
    assert not {c.id for c in gas} & set(keys.raises + keys.cuts)


@needs_corpora
def test_a_money_threshold_on_one_side_is_a_scope_check() -> None:
    """anhui: 全年新开工亿元以上重点项目1000个以上 (2025) → 全年开工重点项目2000个以上 (2026) counts
    other projects: not a doubling to quote without a check."""
    diff = compare(corpus("anhui-2025.txt"), corpus("anhui-2026.txt"), old_part="plan", new_part="plan")
    pairs = [c for c in diff if c.old is not None and c.new is not None and "亿元以上重点项目" in c.old.text]
    assert pairs and all(Check.SCOPE_DIFFERS in c.checks for c in pairs)


def test_new_and_dropped_confidence_reflects_the_nearest_candidate() -> None:
    old = "二、2023年工作安排\n新建高标准农田1.2万亩，建成口袋公园15个。"
    new = "二、2024年工作安排\n新建高标准农田2000亩，城镇新增就业5000人。"
    diff = compare(old, new)
    for c in diff:
        assert 0.0 <= c.confidence <= 1.0
        if c.status in (Status.NEW, Status.DROPPED):
            assert c.confidence >= 0.5
    assert len(list(itertools.islice(diff, 3))) == 3


def test_a_floor_written_not_lower_than_is_no_ceiling() -> None:
    """zhejiang-2025 → 2026: 不低于97.5% is a floor; 98.7% delivers it (低于 inside 不低于 made it a cap)."""
    diff = compare(
        "2025年政府工作报告\n二、2025年工作安排\n地表水国控断面I—Ⅲ类水质比例不低于97.5%。",
        "2026年政府工作报告\n一、2025年工作回顾\n地表水国控断面Ⅰ—Ⅲ类水质比例达98.7%。",
        old_part="plan",
        new_part="review",
    )
    assert [(c.status.value, c.verdict and c.verdict.value) for c in diff] == [("raised", "exceeded")]


def test_a_ranking_is_never_a_key_cut_and_says_lower_is_better() -> None:
    """fujian-2025 → 2026 (review parts): 网络零售额居全国第六 → 第三 is a better place, not a cut."""
    diff = compare(
        "2025年政府工作报告\n一、2024年工作回顾\n网络零售额居全国第六位。\n二、2025年工作安排\n新建高标准农田1.2万亩。",
        "2026年政府工作报告\n一、2025年工作回顾\n网络零售额居全国第三位。\n二、2026年工作安排\n新建高标准农田2000亩。",
        old_part="review",
        new_part="review",
    )
    (rank,) = list(diff)
    assert rank.status is Status.LOWERED and not diff.key_changes().cuts
    assert any(n.startswith("a ranking") for n in rank.evidence.notes)


def test_different_levels_of_government_are_a_scope_check() -> None:
    """anhui-2025 → 2026 (whole reports): 新创建国家级绿色工厂73家 → 省级绿色工厂200家以上 counts national and
    provincial green factories: the pair says so before anyone quotes it as a raise."""
    diff = compare(
        "2025年政府工作报告\n一、2024年工作回顾\n新创建国家级绿色工厂73家。",
        "2026年政府工作报告\n一、2025年工作回顾\n新创建省级绿色工厂200家以上。",
        old_part="review",
        new_part="review",
    )
    changes = [c for c in diff if c.old is not None and c.new is not None]
    assert changes and all(Check.SCOPE_DIFFERS in c.checks for c in changes)
    assert not diff.key_changes().raises


@needs_corpora
def test_a_one_year_opener_inside_a_five_year_review_reports_that_year() -> None:
    """hebei-2026 opens with “十四五”时期经济社会发展回顾; its 刚刚过去的2025年… paragraphs report 2025
    (生产总值增长5.6%): the headline targets of 2025 are judged, not listed as unreported."""
    diff = compare(corpus("hebei-2025.txt"), corpus("hebei-2026.txt"), old_part="plan", new_part="review")
    gdp = next(c for c in diff if c.old is not None and c.old.canonical == "gdp_growth")
    assert gdp.new is not None and gdp.new.quantity.value == 5.6
    assert gdp.verdict is Verdict.EXCEEDED


@needs_corpora
def test_key_initiatives_are_specific_names_and_real_progress() -> None:
    """fujian-2025 → 2026 plans: 第四次全国文物普查 (no stage in 2025) is no key progression, and the
    key new and dropped initiatives list names of five characters or more before shorter ones (三级医院)."""
    diff = compare(corpus("fujian-2025.txt"), corpus("fujian-2026.txt"), old_part="plan", new_part="plan")
    keys, by_id = diff.key_changes(), {c.id: c for c in diff.initiatives}
    for i in keys.initiatives_progressed:
        change = by_id[i]
        assert change.old is not None and change.old.stage is not None and change.new is not None
    for ids in (keys.initiatives_new, keys.initiatives_dropped):
        short = [len(by_id[i].name.strip("“”")) < 5 for i in ids]
        assert short == sorted(short), [by_id[i].name for i in ids]
    assert "三级医院" not in {by_id[i].name for i in keys.initiatives_dropped}


def test_a_list_with_other_members_before_one_head_is_a_scope_check() -> None:
    """shandong-2025 plan → 2026 review: 交通、水利分别完成投资2500亿元、800亿元 against
    交通、能源、水利完成投资5400多亿元 — the result counts three sectors, the target one: not an
    exceeded target to quote."""
    diff = compare(
        "2025年政府工作报告\n二、2025年工作安排\n今年力争交通、水利分别完成投资2500亿元、800亿元。",
        "2026年政府工作报告\n一、2025年工作回顾\n交通、能源、水利完成投资5400多亿元。",
        old_part="plan",
        new_part="review",
    )
    paired = [c for c in diff if c.old is not None and c.new is not None]
    assert paired and all(Check.SCOPE_DIFFERS in c.checks for c in paired)
    assert not diff.key_changes().raises
