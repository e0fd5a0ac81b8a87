"""Timelines: delivery verdicts, chaining across years, outputs, and the 海拉尔区 2012–2019 series.

The hailaer values below were read by hand in ../shared/corpora/hailaer-20*.txt (line numbers in the
comments); the tests assert what compare links today.
"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest

from reportdiff.errors import InputError
from reportdiff.initiatives import Stage
from reportdiff.quantities import extract_quantities
from reportdiff.timeline import (
    RULES,
    DeliveryRules,
    History,
    Timeline,
    Verdict,
    judge,
    track,
    track_command,
)
from reportdiff.timeline_view import (
    render_history_fragment,
    render_timeline_fragment,
    render_timeline_markdown,
    render_timeline_page,
    render_timeline_table,
    row_scale,
)

from .helpers import CORPORA, ROOT, needs_corpora

ARTIFACTS = Path(__file__).parent / "artifacts"


def q(text: str):  # type: ignore[no-untyped-def]
    found = extract_quantities(text)
    assert found, text
    return found[0]


# --- verdict rules ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("target", "result", "ceiling", "verdict", "rule"),
    [
        # a plain target is a floor: met from the value up to value + 0.5 point, exceeded beyond
        ("增长21%", "增长18.5%", False, "missed", "floor"),
        ("增长7.5%", "增长7.5%", False, "met", "floor"),
        ("增长9%", "增长9.5%", False, "met", "floor"),
        ("增长8%", "增长8.9%", False, "exceeded", "floor"),
        # 以上 / 突破: at least the value
        ("1300亿元以上", "1290亿元", False, "missed", "at-least"),
        ("突破600万人次", "607万人次", False, "met", "at-least"),
        ("突破60亿元", "69亿元", False, "exceeded", "at-least"),
        # 左右: ± 0.5 percentage point for %, ± 5% otherwise
        ("6%左右", "6.0%", False, "met", "about"),
        ("6%左右", "5.5%", False, "met", "about"),
        ("6%左右", "5.4%", False, "missed", "about"),
        ("6%左右", "6.6%", False, "exceeded", "about"),
        ("1000亿元左右", "960亿元", False, "met", "about"),
        ("1000亿元左右", "940亿元", False, "missed", "about"),
        # a range: inside it
        ("5%—5.5%", "5.2%", False, "met", "range"),
        ("5%—5.5%", "4.9%", False, "missed", "range"),
        ("5%—5.5%", "5.8%", False, "exceeded", "range"),
        # a ceiling: at most the value, never exceeded
        ("4%以内", "3.79%", False, "met", "ceiling"),
        ("4%以内", "4.2%", False, "missed", "ceiling"),
        ("5.5%", "4.8%", True, "met", "ceiling"),
        ("3%左右", "3.4%", True, "met", "ceiling"),
        ("3%左右", "3.6%", True, "missed", "ceiling"),
    ],
)
def test_judge_rules(target: str, result: str, ceiling: bool, verdict: str, rule: str) -> None:
    v, r, note = judge(q(target), q(result), ceiling=ceiling)
    assert (v.value, r) == (verdict, rule), note
    assert r in RULES


def test_a_reduction_target_compares_the_size_of_the_cut() -> None:
    assert judge(q("下降3%"), q("下降3.8%"))[0] is Verdict.EXCEEDED  # a bigger cut
    assert judge(q("下降3%"), q("下降3.2%"))[0] is Verdict.MET
    assert judge(q("下降3%"), q("下降2%"))[0] is Verdict.MISSED
    v, _, note = judge(q("下降3%"), q("增长1%"))  # went the other way: a negative cut
    assert v is Verdict.MISSED and "other direction" in note


def test_units_convert_and_tolerance_is_configurable() -> None:
    assert judge(q("新建道路10公里"), q("建成道路12000米"))[0] is Verdict.EXCEEDED
    assert judge(q("增长6%左右"), q("增长5.6%"))[0] is Verdict.MET
    assert judge(q("增长6%左右"), q("增长5.6%"), rules=DeliveryRules(points=0.3))[0] is Verdict.MISSED
    assert DeliveryRules(relative=0.1).tolerance("亩", 2000.0) == 200.0


# --- chaining -----------------------------------------------------------------------------------------


def report(year: int, target: str, result: float, region: str = "南安市", review: bool = True) -> str:
    """A small report of ``region`` for ``year``: last year's GDP result, this year's targets."""
    head = f"{region}{year}年政府工作报告\n——{year}年1月在{region}第十八届人民代表大会第四次会议上\n"
    past = (
        (
            f"一、{year - 1}年工作回顾\n全市完成地区生产总值1645亿元、增长{result}%。城镇调查失业率4.8%。"
            "新建高标准农田1.2万亩。\n"
        )
        if review
        else ""
    )
    plan = (
        f"二、{year}年目标任务\n主要预期目标是：地区生产总值增长{target}，城镇调查失业率5.5%以内，"
        "新建高标准农田2000亩。开工建设滨河公园。\n三、加强政府自身建设\n坚持过紧日子。\n"
    )
    return head + past + plan


SERIES = {
    2023: report(2023, "7%", 6.1),
    2024: report(2024, "6.5%以上", 6.6),
    2025: report(2025, "6%左右", 5.2),
}


@pytest.fixture(scope="module")
def small() -> Timeline:
    return track([SERIES[2025], SERIES[2023], SERIES[2024]])  # any order: sorted by the year inside


def test_reports_are_ordered_by_their_year(small: Timeline) -> None:
    assert small.years == [2023, 2024, 2025]
    assert small.region == "南安市"
    assert repr(small).startswith("<Timeline 南安市 2023–2025: ")


def test_targets_chain_and_results_attach(small: Timeline) -> None:
    gdp = small.find("gdp_growth")[0]
    assert [
        (e.year, e.target.value if e.target else None, e.result.value if e.result else None)
        for e in gdp.entries
    ] == [(2022, None, 6.1), (2023, 7.0, 6.6), (2024, 6.5, 5.2), (2025, 6.0, None)]
    assert gdp.verdicts() == {2023: Verdict.MISSED, 2024: Verdict.MISSED, 2025: Verdict.NOT_REPORTED}
    assert [e.rule for e in gdp.entries] == ["no-target", "floor", "at-least", "no-later-report"]
    e2023 = gdp.entry(2023)
    assert e2023 is not None and e2023.link == "compare" and e2023.score is not None
    assert e2023.target is not None and e2023.target.report_year == 2023
    assert e2023.result is not None and e2023.result.report_year == 2024 and e2023.result.year == 2023


def test_a_ceiling_is_met_under_the_cap(small: Timeline) -> None:
    rate = small.find("失业率")[0]
    assert rate.verdicts() == {2023: Verdict.MET, 2024: Verdict.MET, 2025: Verdict.NOT_REPORTED}
    t = rate.target(2024)
    assert t is not None and t.ceiling


def test_history_ids_follow_the_documented_order(small: Timeline) -> None:
    assert [h.id for h in small] == [f"h{n}" for n in range(1, len(small) + 1)]
    weight = [
        sum(1 for e in h.entries if e.target)
        + sum(1 for v in h.verdicts().values() if v is not Verdict.NOT_REPORTED)
        for h in small
    ]
    assert weight == sorted(weight, reverse=True)
    assert small["h1"] is small.histories[0]
    with pytest.raises(KeyError):
        small["h999"]


def test_a_gap_year_still_chains_targets_but_finds_no_result() -> None:
    tl = track([SERIES[2023], SERIES[2025]])
    gdp = tl.find("gdp_growth")[0]
    assert gdp.target(2023) is not None and gdp.target(2025) is not None
    e = gdp.entry(2023)
    assert e is not None and e.result is None and e.verdict is Verdict.NOT_REPORTED
    assert e.rule == "no-later-report"  # no 2024 report in the series


def test_a_missing_result_in_an_existing_report_is_no_result() -> None:
    later = report(2024, "6.5%以上", 6.6)
    later = later.replace("全市完成地区生产总值1645亿元、增长6.6%。", "经济运行稳中有进。")
    tl = track([SERIES[2023], later])
    e = tl.find("gdp_growth")[0].entry(2023)
    assert e is not None and e.verdict is Verdict.NOT_REPORTED and e.rule == "no-result"


@pytest.mark.parametrize(
    ("reports", "words"),
    [
        ([SERIES[2023], SERIES[2023]], "two reports for 南安市 2023"),
        ([SERIES[2023], report(2024, "6%", 6.0, region="晋江市")], "one government"),
        (["二、工作安排\n新建高标准农田2000亩。"], "no year found"),
        ([], "at least one report"),
    ],
)
def test_clear_errors(reports: list[str], words: str) -> None:
    with pytest.raises(InputError, match=words):
        track(reports)


def test_to_dict_records_and_dataframe(small: Timeline) -> None:
    data = small.to_dict()
    assert data["schema"] == "reportdiff/track/1"
    assert [r["year"] for r in data["reports"]] == [2023, 2024, 2025]
    assert data["summary"] == small.summary() and set(data["summary"]) == {v.value for v in Verdict}
    assert json.loads(json.dumps(data, ensure_ascii=False)) == data
    records = small.to_records()
    assert len(records) == sum(len(h.entries) for h in small)
    row = next(r for r in records if r["year"] == 2023 and r["indicator"] == small.histories[0].indicator)
    assert row["verdict"] in {v.value for v in Verdict}
    frame = small.to_dataframe()
    assert list(frame.columns) == list(records[0])


def test_history_of_finds_a_commitment(small: Timeline) -> None:
    h = small.histories[0]
    o = next(h.observations())
    found = small.history_of(o.source, o.start, o.indicator)
    assert isinstance(found, History) and found.id == h.id
    assert small.history_of(o.source, -1, o.indicator) is None


# --- outputs ------------------------------------------------------------------------------------------


def test_html_page_is_self_contained_and_escaped() -> None:
    hostile = report(2024, "6%左右", 6.0).replace("坚持过紧日子。", "坚持过紧日子。<script>alert(1)</script>")
    img = "新建<img src=x onerror=alert(1)>高标准农田2000亩"
    hostile = hostile.replace("新建高标准农田2000亩", img)
    base = report(2023, "7%", 6.1).replace("新建高标准农田2000亩", img)
    page = render_timeline_page(track([base, hostile]).to_dict())
    assert page.count("<script") == 2  # the JSON block and the page's own script, nothing else
    assert "<img src=x" not in page and "&lt;img src=x" in page
    assert 'http-equiv="Content-Security-Policy"' in page
    assert not re.search(r"(src|href)=\"(https?:)?//", page)  # nothing from the network
    assert '<svg class="rd-spark"' in page and 'class="rd-sp-t"' in page and "rd-sp-r rd-v-" in page
    assert "✗" in page or "✓" in page or "▲" in page


def test_fragment_and_markdown(small: Timeline) -> None:
    frag = render_timeline_fragment(small.to_dict())
    assert frag.startswith('<div class="rd-tl rd-tl-fragment"') and "<style>" in frag
    assert small._repr_html_().startswith('<div class="rd-tl rd-tl-fragment"')
    md = render_timeline_markdown(small.to_dict(), lang="en")
    assert "| h1 |" in md and "2023" in md and "missed" in md


@pytest.mark.parametrize("fmt", ["json", "csv", "html", "md", "table"])
def test_track_command_formats(fmt: str) -> None:
    files = [SERIES[2024], SERIES[2023]]
    out = track_command(files, format=fmt, output=None)
    if fmt == "json":
        assert json.loads(out)["reports"][0]["year"] == 2023
    elif fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(out)))
        assert rows and {"history", "year", "target_value", "result_value", "verdict"} <= set(rows[0])
    elif fmt == "html":
        assert out.startswith("<!doctype html>")
    else:
        assert "h1" in out


def test_track_command_format_from_suffix(tmp_path: Path) -> None:
    out = track_command([SERIES[2023], SERIES[2024]], format=None, output=tmp_path / "t.html")
    assert out.startswith("<!doctype html>")


def test_cli_track_when_registered(tmp_path: Path) -> None:
    from reportdiff import cli

    names = {c.name or (c.callback.__name__ if c.callback else "") for c in cli.app.registered_commands}
    if "track" not in names:
        pytest.skip("`reportdiff track` is not registered in cli.py yet")
    paths = []
    for year in (2024, 2023):  # out of order on purpose
        p = tmp_path / f"r{year}.txt"
        p.write_text(SERIES[year], encoding="utf-8")
        paths.append(str(p))
    out = tmp_path / "timeline.html"
    assert cli.main(["track", *paths, "-o", str(out)]) == 0
    assert "rd-spark" in out.read_text(encoding="utf-8")
    one = tmp_path / "one.html"
    assert cli.main(["track", *paths, "-o", str(one), "--workers", "1"]) == 0
    assert one.read_text(encoding="utf-8") == out.read_text(encoding="utf-8")
    assert cli.main(["track", str(tmp_path / "r2023.txt"), str(tmp_path / "r2023.txt")]) == 2


# --- the hailaer series: values verified by hand in the texts ----------------------------------------

HAILAER = sorted(CORPORA.glob("hailaer-20*.txt")) if CORPORA.is_dir() else []


@pytest.fixture(scope="module")
def hailaer() -> Timeline:
    if len(HAILAER) != 8:
        pytest.skip("the hailaer 2012–2019 series is not in ../shared/corpora")
    return track(reversed(HAILAER))


@needs_corpora
@pytest.mark.parametrize("workers", [2, 3])
def test_hailaer_timeline_is_the_same_with_workers(hailaer: Timeline, workers: int) -> None:
    shared = track(HAILAER, workers=workers)
    assert shared.to_dict() == hailaer.to_dict()
    assert [h.id for h in shared.initiatives] == [h.id for h in hailaer.initiatives]


def values(h: History, kind: str) -> dict[int, float]:
    return {e.year: getattr(e, kind).value for e in h.entries if getattr(e, kind) is not None}


def one(tl: Timeline, year: int, text: str) -> History:
    """The history holding the target of ``year`` whose quantity reads ``text``."""
    found = [h for h in tl if (t := h.target(year)) is not None and t.quantity_text == text]
    assert len(found) == 1, [h.indicator for h in found]
    return found[0]


@needs_corpora
def test_hailaer_gdp_growth(hailaer: Timeline) -> None:
    h = one(hailaer, 2012, "21%")
    assert "生产总值" in h.indicator
    # targets: 2012.txt:21 增长21%; 2013.txt:15 增长20%; 2014.txt:31 增长11%; 2015.txt:23 增长8%;
    # 2016.txt:38 增长7.5%; 2017.txt:18 增长7.5%; 2018.txt:22 增长6%左右; 2019.txt:20 增长3.5%左右
    assert values(h, "target") == {
        2012: 21,
        2013: 20,
        2014: 11,
        2015: 8,
        2016: 7.5,
        2017: 7.5,
        2018: 6,
        2019: 3.5,
    }
    t2018 = h.target(2018)
    assert t2018 is not None and t2018.qualifier is not None and t2018.qualifier.value == "about"
    # results: 2012.txt:8 (2011) 增长22.3%; 2013.txt:8 增长18.5%; 2014.txt:8 增长10.1%; 2015.txt:9 增长9.1%;
    # 2017.txt:7 增长7.2%; 2019.txt:7 增长6.0%. 2018.txt:14 gives no number for 2017 (稳中有升).
    results = values(h, "result")
    assert {y: results.get(y) for y in (2011, 2012, 2013, 2014, 2016, 2018)} == {
        2011: 22.3,
        2012: 18.5,
        2013: 10.1,
        2014: 9.1,
        2016: 7.2,
        2018: 6.0,
    }
    assert 2017 not in results
    v = h.verdicts()
    assert {y: v[y].value for y in (2012, 2013, 2014, 2016, 2017, 2018, 2019)} == {
        2012: "missed",
        2013: "missed",
        2014: "missed",
        2016: "missed",
        2017: "not_reported",
        2018: "met",
        2019: "not_reported",
    }
    e2019 = h.entry(2019)
    assert e2019 is not None and e2019.rule == "no-later-report"


@needs_corpora
def test_hailaer_gdp_growth_2015_result(hailaer: Timeline) -> None:
    h = one(hailaer, 2015, "8%")
    assert values(h, "result").get(2015) == 8.9
    assert h.verdicts()[2015] is Verdict.EXCEEDED


@needs_corpora
def test_hailaer_retail_sales_growth(hailaer: Timeline) -> None:
    h = one(hailaer, 2013, "22%")
    assert "社会消费品零售总额" in h.indicator
    # targets: 2012.txt:21 增长20%; 2013.txt:15 22%; 2014.txt:31 14%; 2015.txt:23 11.5%; 2016.txt:38 9%;
    # 2017.txt:18 10%; none in 2018; 2019.txt:20 6.5%左右
    assert values(h, "target") == {2012: 20, 2013: 22, 2014: 14, 2015: 11.5, 2016: 9, 2017: 10, 2019: 6.5}
    # results: 2013.txt:8 16.2%; 2014.txt:10 13%; 2015.txt:11 11.6%; 2016 gives only 年均增长14.9% (five
    # years, not 2015's); 2017.txt:7 9.5%; 2018.txt:14 6.9%; 2019.txt:7 6.2% (2018 had no target)
    results = values(h, "result")
    assert {y: results.get(y) for y in (2012, 2013, 2014, 2015, 2016, 2017)} == {
        2012: 16.2,
        2013: 13,
        2014: 11.6,
        2015: None,
        2016: 9.5,
        2017: 6.9,
    }
    v = h.verdicts()
    assert [v[y].value for y in (2012, 2013, 2014, 2015, 2016, 2017)] == [
        "missed",
        "missed",
        "missed",
        "not_reported",
        "met",
        "missed",
    ]


@needs_corpora
def test_hailaer_unemployment_ceiling(hailaer: Timeline) -> None:
    # 2014.txt:51 and 2015.txt:44 城镇登记失业率控制在4%以内; results 2015.txt:15 3.79%, 2016.txt:26 3.9%
    h = one(hailaer, 2014, "控制在4%以内")
    assert "失业率" in h.indicator
    t = h.target(2014)
    assert t is not None and t.ceiling
    assert {y: values(h, "result").get(y) for y in (2014, 2015)} == {2014: 3.79, 2015: 3.9}
    assert {y: h.verdicts()[y] for y in (2014, 2015)} == {2014: Verdict.MET, 2015: Verdict.MET}


@needs_corpora
def test_hailaer_tourism_revenue(hailaer: Timeline) -> None:
    # 2012.txt:25 旅游收入达到38亿元 → 2013.txt:8 旅游收入达到38亿元 (met);
    # 2015.txt:31 旅游收入突破60亿元 → 2016.txt:22 旅游收入完成69亿元 (exceeded: > 60亿 + 5%)
    h = one(hailaer, 2012, "38亿元")
    assert "旅游收入" in h.indicator
    assert values(h, "target")[2015] == 60e8
    assert {y: values(h, "result").get(y) for y in (2012, 2015)} == {2012: 38e8, 2015: 69e8}
    assert {y: h.verdicts()[y] for y in (2012, 2015)} == {2012: Verdict.MET, 2015: Verdict.EXCEEDED}


@needs_corpora
def test_hailaer_page_is_written(hailaer: Timeline) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page = render_timeline_page(hailaer.to_dict())
    (ARTIFACTS / "hailaer-timeline.html").write_text(page, encoding="utf-8")
    assert page.count('<tr id="h') == len(hailaer)
    assert "海拉尔区" in page and "2012–2019" in page


# --- the display: units, rates, ids, headings, English, the notebook ------------------------------------

ID = re.compile(r'\bid="([^"]+)"')
HEADING = re.compile(r"<h([1-6])\b")
TEMPLATES = ROOT / "templates"


@pytest.mark.parametrize(
    ("texts", "unit", "values", "shown"),
    [
        # hailaer 蔬菜产量: 8万吨, 9.2万吨, 15万吨 — never 92,000 吨 beside 15万吨
        (["8万吨", "9.2万吨", "15万吨"], "吨", [92000.0, 150000.0], ["9.2万吨", "15万吨"]),
        # mostly 亿: the 万 values follow the row
        (["12.7亿元", "3亿元", "4360万元"], "元", [43600000.0, 1.27e9], ["0.436亿元", "12.7亿元"]),
        # a tie: the larger magnitude
        (["12000亩", "1.2万亩"], "亩", [12000.0, 2000.0], ["1.2万亩", "0.2万亩"]),
        # as written when the row writes no magnitude
        (["2000亩", "1500亩"], "亩", [2000.0], ["2000亩"]),
        # rates take no magnitude
        (["6.5%", "7%"], "%", [6.5], ["6.5%"]),
    ],
)
def test_one_unit_and_magnitude_per_row(
    texts: list[str], unit: str, values: list[float], shown: list[str]
) -> None:
    scale = row_scale([{"text": x, "unit": unit} for x in texts], unit)
    assert [scale.show({"value": v, "unit": unit}) for v in values] == shown


def test_a_row_converts_units_of_one_family_and_keeps_others_as_they_are() -> None:
    scale = row_scale([{"text": "10公里", "unit": "公里"}, {"text": "2000米", "unit": "米"}], "米")
    assert scale.show({"value": 10.0, "unit": "公里", "qualifier": "at_least"}) == "≥10000米"
    assert scale.show({"value": 20.0, "unit": "个"}) == "20个"  # 个 and 米 do not convert
    between = {"value": 5.25, "low": 5.0, "high": 5.5, "unit": "米", "qualifier": "range"}
    assert scale.show(between) == "5米–5.5米"


def test_delivery_rates_with_and_without_unreported_years(small: Timeline) -> None:
    page = render_timeline_page(small.to_dict())
    s = small.summary()
    good, judged = s["met"] + s["exceeded"], s["met"] + s["exceeded"] + s["missed"]
    pending = sum(1 for h in small for e in h.entries if e.rule == "no-later-report")
    counted = judged + s["not_reported"] - pending
    assert "完成率（已核对）" in page and f"{good} / {judged}：" in page
    assert "完成率（计入未报告）" in page and f"{good} / {counted}：" in page
    assert f"不含 {pending} 个待下年报告" in page
    assert f"共 {judged + s['not_reported']} 个目标年份" in page and f"已核对 {judged} 个" in page
    en = render_timeline_page(small.to_dict(), lang="en")
    assert "Delivery rate (judged)" in en and "Delivery rate (counting unreported)" in en
    assert "target-years" in en


def test_page_headings_and_skip_links(small: Timeline) -> None:
    page = render_timeline_page(small.to_dict())
    assert [int(h) for h in HEADING.findall(page)] == [1, 2, 3, 3, 3]  # title, the timeline, its parts
    for part in ("summary", "table", "method"):
        assert f'<a href="#{part}">' in page and f'id="{part}"' in page
    frag = render_timeline_fragment(small.to_dict())
    assert [int(h) for h in HEADING.findall(frag)] == [2, 3, 3, 3]  # in a notebook: no h1


def test_ids_are_unique_per_render_and_fragments_are_lean(small: Timeline) -> None:
    a, b = small._repr_html_(), small._repr_html_()  # the same timeline shown twice in one notebook
    ids_a, ids_b = ID.findall(a), ID.findall(b)
    assert ids_a and len(set(ids_a)) == len(ids_a)
    assert not set(ids_a) & set(ids_b)
    prefix = ids_a[0].split("-")[0] + "-"
    assert all(i.startswith(prefix) for i in ids_a)  # every id carries the render's prefix
    assert set(re.findall(r'href="#([^"]+)"', a)) <= set(ids_a)  # links stay inside their own render
    page = render_timeline_page(small.to_dict())
    assert '<ol class="rd-tl-sentences"' in page and '<ol class="rd-tl-sentences"' not in a  # page only
    assert len(a) < len(page)


def test_history_card(small: Timeline) -> None:
    gdp = small.find("gdp_growth")[0]
    card = gdp._repr_html_()
    assert card.startswith('<div class="rd-tl rd-tl-card"') and "<script" not in card
    again = render_history_fragment(gdp.to_dict())
    unprefixed = [re.sub(r"tl\d+[0-9a-f]{6}-", "P-", x) for x in (again, card)]
    assert unprefixed[0] == unprefixed[1]  # the same templates, only the ids' prefix differs
    assert all(str(y) in card for y in gdp.years)
    assert "7%" in card and "6.6%" in card and "✗" in card  # a target, a result, a verdict
    assert card.count("<li id=") == sum(1 for _ in gdp.observations())  # every source sentence
    other = gdp._repr_html_()
    assert not set(ID.findall(card)) & set(ID.findall(other))
    assert "GDP growth" in render_history_fragment(gdp.to_dict(), lang="en")


def test_english_shows_the_gloss_and_both_languages_search_it(small: Timeline) -> None:
    en = render_timeline_page(small.to_dict(), lang="en")
    zh = render_timeline_page(small.to_dict())
    assert '<span class="rd-ind" lang="en">GDP growth</span>' in en
    assert '<span class="rd-ind" lang="en">GDP growth</span>' not in zh
    for page in (en, zh):
        assert re.search(r'data-q="[^"]*GDP growth[^"]*gdp_growth', page)
    md = render_timeline_markdown(small.to_dict(), lang="en")
    assert "GDP growth (" in md


def test_markdown_and_table_show_both_rates(small: Timeline) -> None:
    md = render_timeline_markdown(small.to_dict())
    assert "完成率 (已核对 / 计入未报告)" in md and re.search(r"\| \d+% / \d+% \|", md)
    table = render_timeline_table(small.to_dict())
    assert "完成率（已核对）" in table and "完成率（计入未报告）" in table


def test_print_styles_have_no_hatching_and_fit_the_page() -> None:
    css = (TEMPLATES / "track_style.css.j2").read_text(encoding="utf-8")
    assert "repeating-linear-gradient" not in css
    assert "@page{size:A4 landscape" in css and "table-layout:fixed" in css


def test_every_track_word_is_used_in_both_languages() -> None:
    zh = json.loads((ROOT / "reportdiff" / "data" / "ui" / "zh.json").read_text(encoding="utf-8"))["track"]
    en = json.loads((ROOT / "reportdiff" / "data" / "ui" / "en.json").read_text(encoding="utf-8"))["track"]
    assert set(zh) == set(en)
    code = (ROOT / "reportdiff" / "timeline_view.py").read_text(encoding="utf-8") + "".join(
        p.read_text(encoding="utf-8") for p in TEMPLATES.glob("track_*.j2")
    )
    prefixed = ("verdict_", "short_", "help_", "sort_")
    unused = [k for k in zh if not re.search(rf"\b{k}\b", code) and not k.startswith(prefixed)]
    assert unused == []
    for k in zh:
        if k.startswith(prefixed):
            assert re.search(rf"\b{k.split('_', 1)[0]}_", code), k
    assert all(
        f"verdict_{v}" in zh and f"short_{v}" in zh and f"help_{v}" in zh
        for v in ("met", "exceeded", "missed", "not_reported")
    )


@needs_corpora
def test_hailaer_rows_read_in_one_unit(hailaer: Timeline) -> None:
    page = render_timeline_page(hailaer.to_dict())
    # 2014.txt: 蔬菜产量达到9.2万吨 and 2015.txt: 15万吨 — one row, one magnitude: never 92,000 吨
    veg = next(h for h in hailaer if "蔬菜产量" in h.indicator)
    row = re.search(rf'<tr id="{veg.id}".*?</tr>', page, re.S)
    assert row is not None
    cells = re.sub(r"<[^>]+>", " ", row.group(0))
    assert "9.2万吨" in cells and "15万吨" in cells and "92000" not in cells and "92,000" not in page
    assert '<span class="rd-tl-unit" lang="zh-CN">万吨</span>' in row.group(0)


@needs_corpora
def test_hailaer_rates_and_lean_fragment(hailaer: Timeline) -> None:
    data = hailaer.to_dict()
    page, frag = render_timeline_page(data), render_timeline_fragment(data)
    s = hailaer.summary()
    good, judged = s["met"] + s["exceeded"], s["met"] + s["exceeded"] + s["missed"]
    assert f"{round(100 * good / judged)}<small>%</small>" in page  # 54%: the judged target-years
    pending = sum(1 for h in hailaer for e in h.entries if e.rule == "no-later-report")
    counted = judged + s["not_reported"] - pending
    assert f"{round(100 * good / counted)}<small>%</small>" in page  # 35%: unreported years count
    assert f"{good} / {counted}：" in page
    assert frag.count('<tr id="') == min(50, len(hailaer)) and f"共 {len(hailaer)} 条" in frag
    assert len(frag) < 0.4 * len(page)


@needs_corpora
def test_hailaer_initiatives_start_progress_and_vanish() -> None:
    """Read in the texts: 机场快速路 is pushed on in 2012 (全力推进), finished in 2013 (完成) and
    reported open in 2014 (建成通车), then no longer named; 远山红郡住宅小区 starts in 2014 (启动实施), is
    to be finished in 2015 (年内完工), is still being built in 2016 (一期建设顺利推进) and then no longer
    named; “放管服”改革 is named from 2017 to the last report."""
    tl = track(sorted(CORPORA.glob("hailaer-201*.txt")))
    by_name = {h.name: h for h in tl.initiatives}
    road = next(h for h in tl.initiatives if h.name.startswith("机场快速路"))
    assert (road.first_year, road.last_year, road.vanished) == (2012, 2014, True)
    assert road.stages()[2012] is Stage.BUILD and road.stages()[2014] is Stage.DONE
    homes = next(h for h in tl.initiatives if h.name.startswith("远山红郡住宅小区"))
    assert homes.first_year == 2014 and homes.stages()[2014] is Stage.START
    assert homes.stages()[2015] is Stage.DONE and homes.stages()[2016] is Stage.BUILD and homes.vanished
    reform = by_name["“放管服”改革"]
    assert (reform.first_year, reform.last_year, reform.vanished) == (2017, 2019, False)
    data = tl.to_dict()["initiatives"]
    assert (
        len(data) == len(tl.initiatives)
        and {"first_year", "last_year", "stages", "namehood", "years"} <= data[0].keys()
    )
    # a road a verb builds is not marked for checking; every record of a history carries its namehood
    assert road.namehood >= 0.5 and all(0 <= h["namehood"] <= 1 for h in data)
    assert {r["namehood"] for r in tl.initiative_records() if r["initiative"] == road.id} == {
        round(road.namehood, 3)
    }
    assert all(
        h.years == tuple(sorted(h.years, key=lambda y: (y.year, y.part != "review"))) for h in tl.initiatives
    )
