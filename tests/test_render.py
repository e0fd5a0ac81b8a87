"""HTML and Markdown output: golden files, determinism, escaping of hostile text, number formatting.

Golden files live in tests/golden/ and are compared byte for byte. After a deliberate change to
the pipeline or the templates, inspect the new output and rewrite them with
``pytest tests/test_render.py --update-golden``.
"""

from __future__ import annotations

import base64
import copy
import hashlib
import html
import json
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from reportdiff import _templates
from reportdiff.classify import ReportDiff, compare
from reportdiff.render import format_change, format_quantity, json_for_script, render_html, render_markdown

from .helpers import NANAN, corpus

GOLDEN = Path(__file__).parent / "golden"

# A small pair that shows every verdict and every section status: a moved section (自身建设 first),
# a matched one with token diffs, an added one (民生实事) and a removed one (工作回顾).
SMALL_OLD = """南安市2024年政府工作报告
——2024年1月在南安市第十八届人民代表大会第四次会议上
一、2023年工作回顾
全市完成地区生产总值1645亿元、增长4%。新建高标准农田1.2万亩，新增城镇就业8500人。
二、2024年目标任务
主要预期目标是：地区生产总值增长6.5%左右，城镇新增就业8000人，城镇调查失业率5.5%以内。
（一）扩大有效投资。完成固定资产投资500亿元，新签约项目300个以上。
（二）推进乡村振兴。新建高标准农田2000亩，粮食播种面积稳定在38万亩。
（三）改善民生。新增优质学位1万个，新建养老服务中心2个。
三、加强政府自身建设
坚持过紧日子，一般性支出压减5%。
"""
SMALL_NEW = """南安市2025年政府工作报告
——2025年1月在南安市第十八届人民代表大会第五次会议上
一、加强政府自身建设
坚持过紧日子，一般性支出压减8%。
二、2025年目标任务
主要预期目标是：地区生产总值增长6%左右，城镇新增就业8000人，城镇调查失业率5.5%以内。
（一）扩大有效投资。完成固定资产投资450亿元，新签约项目300个以上。
（二）推进乡村振兴。新建高标准农田3000亩，粮食播种面积稳定在38万亩。
（三）改善民生。新增优质学位1.2万个，新建长者食堂30个。
三、2025年为民办实事项目
改造老旧小区20个，新增城市停车泊位3000个。
"""

# Report text written to attack the page: tags in headings and clauses, a javascript: link,
# and </script> right after quantities (so it lands in commitment clauses).
HOSTILE_OLD = """南安市2024年政府工作报告<script>alert(1)</script>
一、2023年工作回顾<img src=x onerror=alert(1)>
新建高标准农田1.2万亩<script>alert(1)</script>，详见<a href="javascript:alert(1)">链接</a>。
二、2024年目标任务</script><script>alert(2)</script>
主要预期目标是：地区生产总值增长6.5%左右</script><script>alert(3)</script>，\
城镇新增就业8000人<img src=x onerror=alert(1)>。
（一）扩大投资<script>alert(1)</script>。完成固定资产投资500亿元</script>，打开javascript:alert(1)查看。
"""
HOSTILE_NEW = HOSTILE_OLD.replace("500亿元", "450亿元").replace("2024", "2025").replace("2023", "2024")

ATTACKS = (
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '<a href="javascript:alert(1)">x</a>',
    "</script><script>alert(2)</script>",
    "\u2028</script>\u2029",
)


def small_diff() -> ReportDiff:
    return compare(SMALL_OLD, SMALL_NEW)


def hostile_diff() -> ReportDiff:
    return compare(HOSTILE_OLD, HOSTILE_NEW)


def demo_diff() -> ReportDiff:
    return compare(NANAN, NANAN, old_part="review", new_part="plan")


def fujian_diff() -> ReportDiff:
    return compare(corpus("fujian-2025.txt"), corpus("fujian-2026.txt"), old_part="plan", new_part="plan")


def poison(data: Any, attack: str) -> Any:
    """Every string of a compare dict with ``attack`` appended (offsets and enums left alone)."""
    if isinstance(data, dict):
        return {
            k: (
                v
                if k in ("status", "tag", "part", "kind", "qualifier", "direction", "rule", "schema")
                else poison(v, attack)
            )
            for k, v in data.items()
        }
    if isinstance(data, list):
        return [poison(v, attack) for v in data]
    if isinstance(data, str):
        return data + attack
    return data


def check_golden(name: str, text: str, update: bool) -> None:
    path = GOLDEN / name
    if update:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode("utf-8"))
        return
    if not path.exists():
        pytest.fail(f"{path} is missing: run pytest --update-golden")
    want = path.read_bytes().decode("utf-8")
    if want != text:
        at = next(
            (i for i, (a, b) in enumerate(zip(want, text, strict=False)) if a != b), min(len(want), len(text))
        )
        pytest.fail(
            f"{name} differs from the golden file at char {at}:\n"
            f"  golden: {want[at - 80 : at + 80]!r}\n  now:    {text[at - 80 : at + 80]!r}\n"
            "inspect the change, then run pytest --update-golden"
        )


# --- golden files ---------------------------------------------------------------------------------


def test_golden_small_renders_from_its_saved_json(update_golden: bool) -> None:
    """The renderer alone: a saved compare dict → the golden page (independent of pipeline changes)."""
    source = GOLDEN / "small.json"
    if update_golden:
        source.write_text(
            json.dumps(small_diff().to_dict(), ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
        )
    data = json.loads(source.read_text(encoding="utf-8"))
    check_golden("small.html", render_html(data), update_golden)
    check_golden("small.en.html", render_html(data, lang="en"), update_golden)


def test_golden_nanan_demo(update_golden: bool) -> None:
    diff = demo_diff()
    check_golden("nanan-demo.html", render_html(diff), update_golden)
    check_golden("nanan-demo.md", render_markdown(diff), update_golden)


def test_golden_fujian_plan(update_golden: bool) -> None:
    check_golden("fujian-plan.html", render_html(fujian_diff()), update_golden)


def test_small_json_fixture_is_what_compare_gives_now() -> None:
    """Tells (without failing the renderer tests) when the pipeline drifted from the saved fixture."""
    saved = json.loads((GOLDEN / "small.json").read_text(encoding="utf-8"))
    now = json.loads(json.dumps(small_diff().to_dict()))
    if saved != now:
        pytest.xfail("the pipeline's output changed since tests/golden/small.json (pytest --update-golden)")


# --- determinism and the page's shape -------------------------------------------------------------


def test_rendering_is_deterministic_and_json_round_trips() -> None:
    diff = demo_diff()
    first = render_html(diff)
    assert render_html(diff) == first
    assert render_html(json.loads(json.dumps(diff.to_dict()))) == first  # a saved diff renders the same
    assert render_markdown(diff) == render_markdown(diff.to_dict())
    assert not re.search(r"20\d\d-\d\d-\d\dT|\d\d:\d\d:\d\d", first)  # no timestamps


def test_page_is_self_contained_with_a_hash_csp() -> None:
    page = render_html(small_diff())
    assert page.startswith('<!doctype html>\n<html lang="zh-CN">')
    assert '<meta charset="utf-8">' in page
    csp = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', page)
    assert csp
    policy = dict(p.strip().split(" ", 1) for p in html.unescape(csp[1]).split(";"))
    assert policy["default-src"] == "'none'" and policy["img-src"] == "data:"
    style = re.findall(r"<style>(.*?)</style>", page, re.S)
    scripts = re.findall(r"<script>(.*?)</script>", page, re.S)
    assert len(style) == 1 and len(scripts) == 1

    def sha(text: str) -> str:
        return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"

    assert policy["style-src"] == sha(style[0])
    assert policy["script-src"] == sha(scripts[0])
    assert "unsafe-inline" not in csp[1]
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", page)  # nothing from the network
    assert not re.search(r"<[^>]+\son[a-z]+\s*=", page)  # no inline event handlers
    assert not re.search(r"<[^>]+\sstyle\s*=", page)  # no style attributes (the CSP would block them)


def test_fragment_is_embeddable_and_repr_html_works() -> None:
    diff = small_diff()
    fragment = render_html(diff, full=False)
    assert "<html" not in fragment and "<body" not in fragment and "<!doctype" not in fragment.lower()
    assert fragment.startswith('<div class="rd-root rd-fragment"')
    css = re.search(r"<style>(.*?)</style>", fragment, re.S)
    assert css
    blocks = re.findall(r"(?:^|[{}])\s*([^{}@;]+)\{", css[1])
    selectors = [s.strip() for block in blocks for s in block.split(",")]
    assert selectors and all(s.startswith(".rd-root") for s in selectors)
    # readable without JavaScript: the filters start hidden, the rows and evidence do not
    assert '<div class="rd-filters" hidden>' in fragment
    assert len(re.findall(r'<tr id="rd\d+-row-', fragment)) == len(diff)
    assert fragment.count('<details class="rd-ev">') == len(diff) + len(diff.changes(kind="initiative"))
    # the notebook display: lean (no aligned text), ids of its own
    lean = diff._repr_html_()
    assert lean.startswith('<div class="rd-root rd-fragment"')
    assert 'class="rd-aligned"' not in lean and 'class="rd-aligned"' in fragment
    assert not set(re.findall(r'\sid="([^"]+)"', lean)) & set(re.findall(r'\sid="([^"]+)"', fragment))


def test_every_row_links_to_its_sentence_and_back() -> None:
    diff = small_diff()
    page = render_html(diff)
    ids = set(re.findall(r'\sid="([^"]+)"', page))
    for c in diff:
        assert f"row-{c.id}" in ids
        if c.new:  # the row's value links to the quantity in the aligned text, which links back
            assert f'href="#m-n-{c.new.start}"' in page and f"m-n-{c.new.start}" in ids
            assert re.search(rf'id="m-n-{c.new.start}" href="#row-{c.id}"', page)
        if c.old:
            assert f'href="#m-o-{c.old.start}"' in page and f"m-o-{c.old.start}" in ids
    for href in set(re.findall(r'href="#([^"]+)"', page)):
        assert href in ids, href
    assert len(ids) == len(re.findall(r'\sid="', page))  # ids are unique


def test_statuses_show_symbol_and_word_and_sections_show_their_status() -> None:
    page = render_html(small_diff())
    for symbol, word in (("▲", "调高"), ("▼", "调低"), ("＝", "持平"), ("＋", "新增"), ("－", "删去")):
        assert f'<span class="rd-sym" aria-hidden="true">{symbol}</span>{word}' in page
    for status in ("matched", "moved", "added", "removed"):
        assert f"rd-box-{status}" in page
    assert "<del>" in page and "<ins>" in page  # token diffs of the matched sentences
    assert "−10%" in page  # 500亿元 → 450亿元
    assert "1,645亿元" in page and "12,000 亩" in page and "↑≈6.5%" in page


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_empty_and_minimal_inputs_render(lang: str) -> None:
    nothing = compare("一、2024年工作安排\n坚持稳中求进。", "一、2025年工作安排\n坚持稳中求进。")
    assert len(nothing) == 0
    for data in (nothing, {"old": {}, "new": {}, "sections": [], "commitments": []}):
        page = render_html(data, lang=lang)
        assert "rd-empty-note" in page and page.endswith("</html>\n")
        assert render_html(data, lang=lang, full=False).startswith('<div class="rd-root')
        md = render_markdown(data, lang=lang)
        assert len([line for line in md.splitlines() if line.startswith("|")]) == 2


def test_english_labels() -> None:
    page = render_html(small_diff(), lang="en")
    assert '<html lang="en">' in page
    assert "raised" in page and "Indicators" in page and "调高" not in page
    assert 'lang="zh-CN"' in page  # report text keeps its language for font selection


def test_delivery_view_labels_target_and_result() -> None:
    data = small_diff().to_dict()
    data["old"]["part"], data["new"]["part"], data["mode"] = "plan", "review", "delivery"
    page = render_html(data)
    for word in ("目标值", "实绩值", "高于目标", "低于目标", "达成", "目标完成情况"):
        assert word in page, word
    assert "调高" not in page
    en = render_html(data, lang="en")
    assert "above target" in en and "below target" in en and "Target" in en
    # below a ceiling is met: the row says the direction and the verdict, never "missed" and "met"
    ceiling = compare(
        "2025年政府工作报告\n二、2025年工作安排\n主要预期目标是：居民消费价格涨幅控制在3%左右。",
        "2026年政府工作报告\n一、2025年工作回顾\n居民消费价格上涨0.2%。",
        old_part="plan",
        new_part="review",
    )
    assert [(c.status.value, c.verdict and c.verdict.value) for c in ceiling] == [("lowered", "met")]
    row = render_markdown(ceiling).splitlines()
    assert any("| ▼ 低于目标 完成 | 居民消费价格" in line for line in row), row
    assert not any("未完成" in line or "未达" in line for line in row)


# --- hostile input -------------------------------------------------------------------------------


class _Tags(HTMLParser):
    """Every start tag and its attributes, as a browser's tokenizer would see them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))


def _assert_inert(page: str) -> None:
    assert "<script>alert" not in page
    parser = _Tags()
    parser.feed(page)
    names = [tag for tag, _ in parser.tags]
    assert "img" not in names and "iframe" not in names and "object" not in names
    assert names.count("script") == 2  # the JSON block and the page script
    for tag, attrs in parser.tags:
        for name, value in attrs:
            assert not name.startswith("on"), (tag, name)
            if name in ("href", "src", "action", "formaction"):
                assert (value or "").startswith(("#", "data:")), (tag, name, value)
        if tag == "script":
            assert dict(attrs) in ({}, {"type": "application/json", "class": "rd-data"})
    assert "\u2028" not in page.split('class="rd-data">', 1)[1].split("</script>", 1)[0]


def test_hostile_report_text_is_escaped() -> None:
    diff = hostile_diff()
    assert any(c.status.value == "lowered" for c in diff)
    for page in (render_html(diff), render_html(diff, full=False), render_html(diff, lang="en")):
        _assert_inert(page)
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
        assert "&lt;img src=x onerror=alert(1)&gt;" in page
        assert "javascript:alert(1)" in page  # shown as text, never as a link
    md = render_markdown(diff)
    assert "<script" not in md and "<img" not in md


@pytest.mark.parametrize("attack", ATTACKS)
def test_hostile_strings_in_every_field_are_escaped(attack: str) -> None:
    data = poison(small_diff().to_dict(), attack)
    for page in (render_html(data), render_html(data, full=False), render_html(data, lang="en")):
        _assert_inert(page)
    block = render_html(data).split('class="rd-data">', 1)[1].split("</script>", 1)[0]
    assert attack in json.loads(block)["old"]  # the JSON block round-trips
    md = render_markdown(data)
    assert "<script" not in md and "<img" not in md


def test_json_for_script_escapes_what_ends_a_script() -> None:
    out = json_for_script({"a": "</script><!-- & \u2028\u2029"})
    assert not set(out) & {"<", ">", "&", "\u2028", "\u2029"}
    assert json.loads(out) == {"a": "</script><!-- & \u2028\u2029"}


# --- other fragments -----------------------------------------------------------------------------


def test_commitments_and_report_fragments() -> None:
    from reportdiff.commitments import extract_commitments
    from reportdiff.structure import load

    report = load(HOSTILE_OLD)
    rows = [{**c.to_dict(), "region": c.region, "year": c.year} for c in extract_commitments(report)]
    table = _templates.render_commitments(rows)
    assert table.count('<tr class="rd-row') == len(rows) > 0
    assert "12,000 亩" in table and "南安市" in table
    tree = _templates.render_report(report.to_dict(), lang="en")
    assert "Sections" in tree and "review" in tree
    for page in (table, tree):
        assert "<script>alert" not in page and "<img" not in page and "<html" not in page
        assert "&lt;script&gt;" in page or "&lt;img" in page


# --- Markdown ------------------------------------------------------------------------------------


def test_markdown_table_has_one_row_per_commitment() -> None:
    diff = demo_diff()
    md = render_markdown(diff)
    commitments = next(s for s in md.split("\n## ") if s.startswith("量化指标"))  # after the key changes
    table = [line for line in commitments.splitlines() if line.startswith("|")]
    assert len(table) == 2 + len(diff)
    assert all(len(re.findall(r"(?<!\\)\|", line)) == 9 for line in table)  # 8 columns, pipes escaped
    assert md.startswith("# ")


def test_markdown_escapes_pipes() -> None:
    data = copy.deepcopy(small_diff().to_dict())
    data["commitments"][0]["indicator"] = "A|B"
    md = render_markdown(data)
    assert "A\\|B" in md
    rows = [line for line in md.splitlines() if line.startswith("| c1 ")]
    assert len(re.findall(r"(?<!\\)\|", rows[0])) == 9


# --- numbers -------------------------------------------------------------------------------------


def q(
    value: float,
    unit: str = "",
    qualifier: str | None = None,
    direction: str | None = None,
    low: float | None = None,
    high: float | None = None,
) -> dict[str, Any]:
    return {
        "text": "",
        "value": value,
        "unit": unit,
        "qualifier": qualifier,
        "direction": direction,
        "low": value if low is None else low,
        "high": value if high is None else high,
    }


@pytest.mark.parametrize(
    ("quantity", "expected"),
    [
        (q(12000, "亩"), "12,000 亩"),  # 1.2万亩
        (q(2000, "亩"), "2,000 亩"),
        (q(380000, "亩"), "38万亩"),  # from 100,000 on: 万
        (q(164_500_000_000, "元"), "1,645亿元"),  # 1645亿元
        (q(3.2e12, "元"), "3.2万亿元"),
        (q(6.0199e12, "元"), "60,199亿元"),  # 万亿 would need four decimals
        (q(123456, "亩"), "123,456 亩"),
        (q(125000, "元"), "12.5万元"),
        (q(18_000_000, "元"), "1,800万元"),
        (q(900, "元"), "900 元"),
        (q(5.5, "%", "at_most"), "≤5.5%"),  # 5.5%以内
        (q(30, "%", "at_least", "up"), "↑≥30%"),  # 增长30%以上
        (q(6.5, "%", "about", "up"), "↑≈6.5%"),  # 增长6.5%左右
        (q(2.2, "%", None, "down"), "↓2.2%"),  # 下降2.2%
        (q(300, "个", "more_than"), ">300 个"),  # 超300个
        (q(70, "%", "nearly"), "≲70%"),  # 近70%
        (q(10, "%", "less_than"), "<10%"),  # 不足10%
        (q(5.25, "%", "range", low=5, high=5.5), "5%–5.5%"),  # 5%—5.5%
        (q(0.5, "百分点", None, "down"), "↓0.5个百分点"),
        (q(1.5, "个百分点"), "1.5个百分点"),
        (q(15), "15"),
        (q(1.25e6, "人次"), "125万人次"),
        (q(0.1 + 0.2, "%"), "0.3%"),  # float noise does not show
        (None, "—"),
    ],
)
def test_format_quantity(quantity: dict[str, Any] | None, expected: str) -> None:
    assert format_quantity(quantity) == expected


@pytest.mark.parametrize(
    ("change", "unit", "expected"),
    [
        ({"absolute": -10000.0, "relative": -0.8333333333333334}, None, "−83.3%"),
        ({"absolute": 1000.0, "relative": 0.5}, "亩", "+50%"),
        ({"absolute": 0.0, "relative": 0.0}, None, "0"),
        ({"absolute": 0.0, "relative": 0.0}, "%", "0"),
        ({"absolute": -0.5, "relative": -0.0769}, "%", "−0.5个百分点"),
        ({"absolute": 2000.0, "relative": None}, "亩", "+2,000"),
        (None, None, "—"),
    ],
)
def test_format_change(change: dict[str, Any] | None, unit: str | None, expected: str) -> None:
    assert format_change(change, unit=unit) == expected


def test_filters_are_registered() -> None:
    env = _templates.environment()
    for name in ("format_quantity", "format_change", "quantity", "change", "json_script"):
        assert name in env.filters
    assert env.autoescape is True


def test_report_and_commitment_lists_display_as_tables_in_a_notebook() -> None:
    from reportdiff import extract_commitments, load

    report = load(Path(__file__).resolve().parents[1] / "corpora" / "nanan-2023.txt")
    html = report._repr_html_()
    assert "<html" not in html and "2022年政府工作回顾" in html
    table = extract_commitments(report, part="plan")._repr_html_()
    assert "<table" in table and "高标准农田" in table and "<html" not in table
