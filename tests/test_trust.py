"""What makes a diff trustworthy on reports nobody tuned for: the shipped pair model meets its
leave-one-file-out floors and is calibrated, every pair that a reader could misquote carries a check,
and a delivery comparison leads with the targets and their verdicts."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from reportdiff import compare, load
from reportdiff.classify import Check, Status
from reportdiff.delivery import Verdict
from reportdiff.initiative_diff import explain_initiative
from reportdiff.initiatives import extract_initiatives
from reportdiff.match import FEATURES, model
from reportdiff.namehood import namehood
from reportdiff.render import render_html, render_markdown

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
@pytest.mark.parametrize("fmt", ["html", "md"])
def test_unreported_targets_are_headed_as_not_found_and_say_to_check(fmt: str) -> None:
    """An unreported target is one the tool found no result for (hand-judged, most are, not all): the
    key block says so under its title, on the page and in Markdown, in both languages."""
    diff = compare(corpus("hubei-2025.txt"), corpus("hubei-2026.txt"), old_part="plan", new_part="review")
    assert diff.key_changes().unreported
    headings = (
        ("zh", "未见实绩的目标", "引用前请核对原文"),
        ("en", "Targets with no result found", "check the review"),
    )
    for lang, title, note in headings:
        text = render_html(diff, lang=lang) if fmt == "html" else render_markdown(diff, lang=lang)
        heading = f"<h3>{title}</h3>" if fmt == "html" else f"**{title} ("
        assert heading in text and note in text
        assert 0 < text.index(note) - text.index(heading) < 200  # the note right under its title


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


@needs_corpora
def test_a_one_year_opener_inside_a_five_year_review_reports_that_year() -> None:
    """hebei-2026 opens with “十四五”时期经济社会发展回顾; its 刚刚过去的2025年… paragraphs report 2025
    (生产总值增长5.6%): the headline targets of 2025 are judged, not listed as unreported."""
    diff = compare(corpus("hebei-2025.txt"), corpus("hebei-2026.txt"), old_part="plan", new_part="review")
    gdp = next(c for c in diff if c.old is not None and c.old.canonical == "gdp_growth")
    assert gdp.new is not None and gdp.new.quantity.value == 5.6
    assert gdp.verdict is Verdict.EXCEEDED


@needs_corpora
def test_key_initiatives_are_likely_names_and_real_progress() -> None:
    """fujian-2025 → 2026 plans: 第四次全国文物普查 (no stage in 2025) is no key progression, and the
    key new and dropped initiatives are the likeliest names, by confidence × namehood, none under 0.6
    (三级医院, a class of hospitals, never)."""
    diff = compare(corpus("fujian-2025.txt"), corpus("fujian-2026.txt"), old_part="plan", new_part="plan")
    keys, by_id = diff.key_changes(), {c.id: c for c in diff.initiatives}
    for i in keys.initiatives_progressed:
        change = by_id[i]
        assert change.old is not None and change.old.stage is not None and change.new is not None
    for ids in (keys.initiatives_new, keys.initiatives_dropped):
        assert ids and all(by_id[i].namehood >= 0.6 for i in ids)
        ranks = [by_id[i].confidence * by_id[i].namehood for i in ids]
        assert ranks == sorted(ranks, reverse=True)
    assert "三级医院" not in {by_id[i].name for i in keys.initiatives_dropped}


@pytest.mark.parametrize(
    ("likelier", "less_likely"),
    [
        # the head a name ends with: …行动 names nine times in ten, a bare quotation (a label) half as often
        (("“专精特新”行动", "推进“专精特新”行动"), ("“专而精”", "推进“专而精”")),
        # …平台 is most often a class of things (数据要素服务平台), …行动 a programme
        (("数据要素赋能行动", "推进数据要素赋能行动"), ("数据要素服务平台", "推进数据要素服务平台")),
        # a name with words of its own beside its head and generic words (华西) against none (国家)
        (("华西医学中心", "建设华西医学中心"), ("国家医学中心", "建设国家医学中心")),
    ],
)
def test_namehood_reads_the_head_and_the_words_of_its_own(
    likelier: tuple[str, str], less_likely: tuple[str, str]
) -> None:
    def score(name: str, text: str) -> float:
        item = extract_initiatives(load("二、2025年工作安排\n" + text + "。"), weak=True)
        found = [i for i in item if i.name == name]
        assert found, (name, [i.name for i in item])
        return namehood(found[0])

    assert score(*likelier) > score(*less_likely)


def test_a_positioning_never_leads_the_page_and_an_unlikely_name_is_marked_for_checking() -> None:
    """neimenggu-2025: 打造…兽用疫苗研发生产基地 is a positioning, not an initiative being set up (the
    fifth judged sample): it is listed only where both parts name it, never as new. A metropolitan
    area a plan builds up (hubei-2026's 广域武汉大都市圈) is new but unlikely a named initiative: the
    page asks the reader to check it; a pilot a verb starts is the key change."""
    old = "二、2025年工作安排\n建成福州地铁4号线。打造国际消费中心城市。"
    new = (
        "二、2026年工作安排\n建成福州地铁4号线。打造全球领先的兽用疫苗研发生产基地。打造国际消费中心城市。"
        "超常规打造广域武汉大都市圈。启动国家生育保险制度改革创新试点。"
    )
    diff = compare(old, new)
    by_name = {c.name: c for c in diff.initiatives}
    assert "兽用疫苗研发生产基地" not in by_name, sorted(by_name)
    assert by_name["国际消费中心城市"].status.value == "kept"  # named on both sides: listed
    base, pilot = by_name["广域武汉大都市圈"], by_name["国家生育保险制度改革创新试点"]
    assert base.namehood < 0.5 < 0.9 < pilot.namehood
    assert diff.key_changes().initiatives_new == (pilot.id,)
    page = render_html(diff)
    row = page[page.index(f'id="init-{base.id}"') :]
    assert "可能不是具体的项目或改革" in row[: row.index("</tr>")]
    row = page[page.index(f'id="init-{pilot.id}"') :]
    assert "可能不是具体的项目或改革" not in row[: row.index("</tr>")]
    assert "check before quoting" in explain_initiative(base)
    assert "check before quoting" not in explain_initiative(pilot)


CASES = Path(__file__).parent / "cases" / "trust.tsv"


def _trust_cases() -> list[tuple[str, ...]]:
    rows = [ln.split("\t") for ln in CASES.read_text(encoding="utf-8").splitlines() if ln and ln[0] != "#"]
    return [tuple(r) for r in rows]


@pytest.mark.parametrize(
    ("label", "old_part", "old", "new_part", "new", "expect", "comment"),
    _trust_cases(),
    ids=[r[0] for r in _trust_cases()],
)
def test_trust_case(
    label: str, old_part: str, old: str, new_part: str, new: str, expect: str, comment: str
) -> None:
    diff = compare(old.replace("\\n", "\n"), new.replace("\\n", "\n"), old_part=old_part, new_part=new_part)
    paired = [c for c in diff if c.old is not None and c.new is not None]
    assert paired, comment
    keys = diff.key_changes()
    for claim in expect.split(";"):
        what, value = claim.split("=", 1)
        for c in paired:
            if what == "status":
                assert c.status.value == value, comment
            elif what == "verdict":
                assert c.verdict is not None and c.verdict.value == value, comment
            elif what == "check":
                assert Check(value) in c.checks, comment
            elif what == "note":
                assert any(n.startswith(value) for n in c.evidence.notes), comment
            else:
                assert what == "not_key" and c.id not in getattr(keys, value), comment


@pytest.mark.parametrize(
    ("plan", "result", "answered", "unanswered"),
    [
        # hubei-2025 states its growth target twice: the restatement is no unreported target
        (
            "经济增长6%左右。经济增长目标设定为6%左右，是一个积极进取的目标。建设高标准农田300万亩。",
            "地区生产总值增长5.5%。",
            "6%左右",
            "300万亩",
        ),
        # xizang-2025: the stretch value of the same clause is answered by the result of its target
        (
            "地区生产总值增长7%以上、力争达到8%。新建和改造高标准农田20万亩。",
            "地区生产总值增长7%。",
            "8%",
            "20万亩",
        ),
    ],
    ids=["stated-twice", "stretch-value"],
)
def test_a_target_answered_elsewhere_is_not_listed_unreported(
    plan: str, result: str, answered: str, unanswered: str
) -> None:
    old = f"2025年政府工作报告\n二、2025年工作安排\n主要预期目标是：{plan}"
    new = f"2026年政府工作报告\n一、2025年工作回顾\n{result}"
    diff = compare(old, new, old_part="plan", new_part="review")
    by_id = {c.id: c for c in diff}
    unreported = [by_id[i].old.quantity.text for i in diff.key_changes().unreported]
    assert answered not in unreported and unanswered in unreported, unreported
    assert any(c.old is not None and c.old.quantity.text == answered for c in diff)


def test_a_stretch_value_is_judged_against_the_result_of_its_target() -> None:
    """xizang-2025 → 2026: 地区生产总值增长7%以上、力争达到8% against 增长7% is a target met and a stretch
    missed — not a stretch "not reported"; the key changes show the target only."""
    from reportdiff.highlights import STRETCH_NOTE
    from reportdiff.render import render_html, render_markdown

    old = "2025年政府工作报告\n二、2025年工作安排\n主要预期目标是：地区生产总值增长7%以上、力争达到8%。"
    new = "2026年政府工作报告\n一、2025年工作回顾\n地区生产总值增长7%。"
    diff = compare(old, new, old_part="plan", new_part="review")
    got = {c.old.quantity.text: c for c in diff if c.old is not None}
    target, stretch = got["7%以上"], got["8%"]
    assert (target.status.value, target.verdict and target.verdict.value) == ("kept", "met")
    assert (stretch.status.value, stretch.verdict and stretch.verdict.value) == ("lowered", "missed")
    assert stretch.new is not None and stretch.new.quantity.text == "7%"
    assert any(n.startswith(STRETCH_NOTE) for n in stretch.evidence.notes)
    assert stretch.id not in diff.key_changes().ids() and target.id in diff.key_changes().ids()
    assert "力争值" in render_html(diff)
    assert "| 地区生产总值（力争值） | 8% |" in render_markdown(
        diff
    )  # the table says which row is the stretch
    assert "地区生产总值 (stretch value)" in render_markdown(diff, lang="en")
    # plan → plan: the stretch is its own commitment, dropped when the next plan states none
    plan = compare(
        old,
        "2026年政府工作报告\n二、2026年工作安排\n主要预期目标是：地区生产总值增长7%左右。",
        old_part="plan",
        new_part="plan",
    )
    assert {c.old.quantity.text: c.status.value for c in plan if c.old is not None}["8%"] == "dropped"
