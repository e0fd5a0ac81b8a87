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
from reportdiff.render import render_timeline_fragment, render_timeline_markdown, render_timeline_page
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

from .helpers import CORPORA, needs_corpora

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
        "新建高标准农田2000亩。\n三、加强政府自身建设\n坚持过紧日子。\n"
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
    assert frag.startswith('<div class="rd-root rd-track rd-fragment"') and "<style>" in frag
    assert small._repr_html_() == frag
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
    assert cli.main(["track", str(tmp_path / "r2023.txt"), str(tmp_path / "r2023.txt")]) == 2


# --- the hailaer series: values verified by hand in the texts ----------------------------------------

HAILAER = sorted(CORPORA.glob("hailaer-20*.txt")) if CORPORA.is_dir() else []


@pytest.fixture(scope="module")
def hailaer() -> Timeline:
    if len(HAILAER) != 8:
        pytest.skip("the hailaer 2012–2019 series is not in ../shared/corpora")
    return track(reversed(HAILAER))


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


# --- the page in a browser ----------------------------------------------------------------------------

CHROMIUM = Path("/usr/bin/chromium")
BROWSER_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
DOCS_IMG = Path(__file__).resolve().parents[1] / "docs" / "img"
WATCH = """
window.__csp = [];
document.addEventListener('securitypolicyviolation', function (e) {
  window.__csp.push(e.violatedDirective + ' ' + e.blockedURI);
});
"""


# Runs in its own process: tests/test_browser.py keeps a Playwright session open for the whole run,
# and a second sync Playwright cannot start inside it.
BROWSER_SCRIPT = r"""
import json, sys
from playwright.sync_api import sync_playwright
page_uri, artifacts, docs_img, hid = sys.argv[1:5]
args = json.loads(sys.argv[5])
out = {}
with sync_playwright() as p:
    browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=args)
    page = browser.new_page(viewport={"width": 1560, "height": 1300})
    errors = []
    page.on("console", lambda m: errors.append(m.text) if m.type in ("error", "warning") else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.add_init_script(WATCH)
    page.goto(page_uri)
    out["errors"] = errors
    out["csp"] = page.evaluate("window.__csp")
    page.screenshot(path=artifacts + "/hailaer-timeline.png")
    if docs_img:
        page.screenshot(path=docs_img + "/timeline.png")
    more = page.locator("tr.rd-tl-more[data-for=%s]" % hid)
    out["more_before"] = more.is_visible()
    page.click("a[href='#%s-2012-r']" % hid)
    out["more_after"] = more.is_visible()
    hit = page.locator("#%s-2012-r" % hid)
    out["hit_class"] = hit.get_attribute("class") or ""
    out["hit_text"] = hit.inner_text()
    page.screenshot(path=artifacts + "/hailaer-timeline-sources.png")
    for v in ("exceeded", "missed", "not_reported"):
        page.uncheck(".rd-chips input[value=%s]" % v)
    shown = page.locator("tr.rd-tl-row:not([hidden])")
    out["shown_verdicts"] = [shown.nth(i).get_attribute("data-verdicts") for i in range(shown.count())]
    page.set_viewport_size({"width": 390, "height": 900})
    page.goto(page_uri)
    out["mobile_width"] = page.evaluate("document.documentElement.scrollWidth")
    page.screenshot(path=artifacts + "/hailaer-timeline-mobile.png")
    browser.close()
print(json.dumps(out))
"""


@needs_corpora
@pytest.mark.browser
def test_hailaer_page_in_a_browser(hailaer: Timeline, update_golden: bool) -> None:
    import subprocess
    import sys

    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is not installed")
    pytest.importorskip("playwright.sync_api")
    ARTIFACTS.mkdir(exist_ok=True)
    page_file = ARTIFACTS / "hailaer-timeline.html"
    page_file.write_text(render_timeline_page(hailaer.to_dict()), encoding="utf-8")
    if update_golden:
        DOCS_IMG.mkdir(exist_ok=True)
    gdp = one(hailaer, 2012, "21%")
    script = BROWSER_SCRIPT.replace("WATCH", repr(WATCH))
    run = subprocess.run(
        [
            sys.executable,
            "-c",
            script,
            page_file.as_uri(),
            str(ARTIFACTS),
            str(DOCS_IMG) if update_golden else "",
            gdp.id,
            json.dumps(BROWSER_ARGS),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    out = json.loads(run.stdout.strip().splitlines()[-1])
    assert out["errors"] == [] and out["csp"] == []
    # a result links to its sentence: the row's sources open and the sentence is marked
    assert not out["more_before"] and out["more_after"]
    assert "rd-hit" in out["hit_class"] and "18.5%" in out["hit_text"]
    # the verdict filter: only rows with a 'met' year stay
    assert 0 < len(out["shown_verdicts"]) < len(hailaer)
    assert all("met" in (v or "").split() for v in out["shown_verdicts"])
    # a narrow screen: no horizontal page scroll
    assert out["mobile_width"] <= 390


@needs_corpora
def test_hailaer_initiatives_start_progress_and_vanish() -> None:
    """Read in the texts: 机场快速路 is pushed on in 2012 (全力推进), finished in 2013 (完成) and
    reported open in 2014 (建成通车), then no longer named; 远山红郡住宅小区 starts in 2014 (启动实施) and
    is built in 2015; “放管服”改革 is named from 2017 to the last report."""
    tl = track(sorted(CORPORA.glob("hailaer-201*.txt")))
    by_name = {h.name: h for h in tl.initiatives}
    road = next(h for h in tl.initiatives if h.name.startswith("机场快速路"))
    assert (road.first_year, road.last_year, road.vanished) == (2012, 2014, True)
    assert road.stages()[2012] is Stage.BUILD and road.stages()[2014] is Stage.DONE
    homes = next(h for h in tl.initiatives if h.name.startswith("远山红郡住宅小区"))
    assert homes.first_year == 2014 and homes.stages()[2014] is Stage.START
    assert homes.stages()[2015] is Stage.BUILD and homes.vanished
    reform = by_name["“放管服”改革"]
    assert (reform.first_year, reform.last_year, reform.vanished) == (2017, 2019, False)
    data = tl.to_dict()["initiatives"]
    assert (
        len(data) == len(tl.initiatives) and {"first_year", "last_year", "stages", "years"} <= data[0].keys()
    )
    assert all(
        h.years == tuple(sorted(h.years, key=lambda y: (y.year, y.part != "review"))) for h in tl.initiatives
    )
