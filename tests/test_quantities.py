"""Tests for reportdiff.quantities: cases as data, the dev gold set, targeted rules and properties."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reportdiff.quantities import (
    Direction,
    Qualifier,
    Quantity,
    extract_quantities,
    parse_chinese_numeral,
    unit_kind,
)

HERE = Path(__file__).parent
CASES = HERE / "cases" / "quantities.tsv"
SHARED = Path(__file__).parents[1].parent / "shared"
GOLD = SHARED / "gold" / "quantities.tsv"
CORPORA = SHARED / "corpora"
FULL_WIDTH = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)}


def read_rows(path: Path) -> list[tuple[str, str, str, str]]:
    """Rows ``(text, value, unit, qualifier)`` of a quantities TSV, comments and blank lines skipped."""
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        text, value, unit, qual = [*line.split("\t"), "", "", ""][:4]
        rows.append((text.strip(), value.strip(), unit.strip(), qual.strip()))
    return rows


def verdict(text: str, value: str, unit: str, qual: str) -> str:
    """'' when extract_quantities(text) answers the row as the scorer wants, else what went wrong."""
    got = extract_quantities(text)
    shown = [(q.value, q.unit, q.qualifier.value if q.qualifier else "") for q in got]
    if not value:
        return "" if not got else f"want [], got {shown}"
    if len(got) != 1:
        return f"want one quantity, got {shown}"
    q = got[0]
    if not math.isclose(q.value, float(value), rel_tol=1e-6) or q.unit != unit:
        return f"want {value} {unit!r}, got {shown}"
    if (q.qualifier.value if q.qualifier else "") != qual:
        return f"want qualifier {qual or None}, got {shown}"
    return ""


CASE_ROWS = read_rows(CASES)


def test_cases_file_is_substantial() -> None:
    negatives = [r for r in CASE_ROWS if not r[1]]
    assert len(CASE_ROWS) >= 40
    assert len(negatives) >= 10


@pytest.mark.parametrize(("text", "value", "unit", "qual"), CASE_ROWS, ids=[r[0][:16] for r in CASE_ROWS])
def test_case(text: str, value: str, unit: str, qual: str) -> None:
    assert verdict(text, value, unit, qual) == ""


@pytest.mark.skipif(not GOLD.exists(), reason="../shared/gold/quantities.tsv not available")
def test_gold_dev_set_accuracy() -> None:
    rows = read_rows(GOLD)
    failures = [(r[0], why) for r in rows if (why := verdict(*r))]
    accuracy = 1 - len(failures) / len(rows)
    assert accuracy >= 0.95, failures


def test_held_out_set_accuracy() -> None:
    """benchmarks/heldout/quantities.tsv was labelled independently from other reports."""
    rows = read_rows(Path(__file__).resolve().parents[1] / "benchmarks" / "heldout" / "quantities.tsv")
    failures = [(r[0], why) for r in rows if (why := verdict(*r))]
    assert len(rows) >= 100
    assert 1 - len(failures) / len(rows) >= 0.95, failures


# ----------------------------------------------------------------------------------------------- rules


def one(text: str) -> Quantity:
    found = extract_quantities(text)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("text", "direction"),
    [
        ("进出口下降5.4%", Direction.DOWN),
        ("城镇居民人均可支配收入增长了4.5%", Direction.UP),
        ("服务贸易增长超过7%", Direction.UP),
        ("单位地区生产总值能耗降低3.2%左右", Direction.DOWN),
        ("提高至842元/月", None),  # a level, not a change
        ("城镇调查失业率4.7%", None),
    ],
)
def test_direction(text: str, direction: Direction | None) -> None:
    assert one(text).direction is direction


def test_list_items_share_direction_and_unit() -> None:
    qs = extract_quantities("城镇、农村居民人均可支配收入分别增长4.5%、5.7%，分别为3、5家")
    assert [(q.text, q.value, q.unit, q.direction) for q in qs] == [
        ("4.5%", 4.5, "%", Direction.UP),
        ("5.7%", 5.7, "%", Direction.UP),
        ("3", 3.0, "家", None),
        ("5家", 5.0, "家", None),
    ]


def test_several_quantities_in_order_with_offsets() -> None:
    text = "新引进落地总投资超10亿元项目50个以上，居全国第五位"
    qs = extract_quantities(text)
    assert [(q.text, q.value, q.unit, q.qualifier) for q in qs] == [
        ("超10亿元", 1e9, "元", Qualifier.MORE_THAN),
        ("50个以上", 50.0, "个", Qualifier.AT_LEAST),
        ("第五位", 5.0, "位", None),
    ]
    assert all(text[q.start : q.end] == q.text for q in qs)


def test_range_bounds_and_borrowed_magnitude() -> None:
    q = one("应纳税所得额3—5万元部分")
    assert (q.low, q.high, q.value, q.qualifier) == (30000.0, 50000.0, 40000.0, Qualifier.RANGE)


def test_category_word_before_yishang_does_not_qualify() -> None:
    q = one("新增4A级以上旅游景区12家")
    assert (q.value, q.unit, q.qualifier) == (12.0, "家", None)


def test_full_width_input_keeps_offsets_into_the_original() -> None:
    text = "地区生产总值增长５．５％左右"
    q = one(text)
    assert (q.value, q.unit, q.qualifier, q.text) == (5.5, "%", Qualifier.ABOUT, "５．５％左右")
    assert text[q.start : q.end] == q.text


def test_to_dict_and_kind() -> None:
    q = one("新增可再生能源发电装机600万千瓦以上")
    assert q.kind == "power"
    assert q.to_dict() == {
        "text": "600万千瓦以上",
        "start": 11,
        "end": 19,
        "value": 6e6,
        "unit": "千瓦",
        "qualifier": "at_least",
        "low": 6e6,
        "high": 6e6,
        "direction": None,
    }


@pytest.mark.parametrize(
    ("unit", "kind"),
    [
        ("%", "percent"),
        ("百分点", "points"),
        ("元", "money"),
        ("美元", "money"),
        ("元/人", "money_rate"),
        ("亩", "area"),
        ("公顷", "area"),
        ("公里", "length"),
        ("吨", "mass"),
        ("立方米", "volume"),
        ("千瓦", "power"),
        ("千瓦时", "energy"),
        ("人次", "people"),
        ("户", "households"),
        ("座", "count"),
        ("个月", "time"),
        ("岁", "age"),
        ("位", "rank"),
        ("倍", "multiple"),
        ("", ""),
        ("千伏", "other:千伏"),
        ("管/日", "other:管/日"),
    ],
)
def test_unit_kind(unit: str, kind: str) -> None:
    assert unit_kind(unit) == kind


@pytest.mark.parametrize(
    ("numeral", "value"),
    [
        ("三十", 30.0),
        ("十四", 14.0),
        ("两百", 200.0),
        ("一千二百", 1200.0),
        ("一千零五", 1005.0),
        ("千万", 1e7),
        ("三亿五千万", 3.5e8),
        ("万亿", 1e12),
        ("十四五", None),
        ("二〇二六", None),
        ("万", None),
        ("百千万", None),
    ],
)
def test_parse_chinese_numeral(numeral: str, value: float | None) -> None:
    assert parse_chinese_numeral(numeral) == value


@pytest.mark.skipif(not CORPORA.exists(), reason="../shared/corpora not available")
def test_whole_report_slices_back() -> None:
    """The largest report in one call (speed is measured in benchmarks/bench_stages.py, not here)."""
    text = max(CORPORA.glob("*.txt"), key=lambda p: p.stat().st_size).read_text(encoding="utf-8")
    text = text.translate(FULL_WIDTH)
    found = extract_quantities(text)
    assert len(found) > 100
    assert all(text[q.start : q.end] == q.text for q in found)


# ------------------------------------------------------------------------------------------ properties

# Text drawn from the characters the grammar reads, so that the properties exercise it.
GRAMMAR_TEXT = st.text(
    alphabet=st.sampled_from(
        list(
            "0123456789.%％０５．—-～至到一二两三五十百千万亿零〇多余近超约第位个家年月日岁亩元人吨千瓦时"
            "以上下内左右及增长下降“”《》、，。和/G年号级"
        )
    ),
    max_size=40,
)


@given(st.text())
def test_never_raises_on_arbitrary_text(text: str) -> None:
    assert isinstance(extract_quantities(text), list)


@given(st.one_of(GRAMMAR_TEXT, st.text()))
def test_offsets_slice_back_and_bounds_are_ordered(text: str) -> None:
    previous_end = 0
    for q in extract_quantities(text):
        assert text[q.start : q.end] == q.text
        assert previous_end <= q.start < q.end
        assert q.low <= q.value <= q.high
        assert q.value >= 0 and math.isfinite(q.value)
        previous_end = q.end


@given(st.integers(min_value=1, max_value=9999), st.sampled_from(["亩", "人", "吨", "元", "平方米", "千瓦"]))
def test_wan_multiplies_by_ten_thousand(n: int, unit: str) -> None:
    q = one(f"新增{n}万{unit}")
    assert (q.value, q.unit, q.text) == (n * 1e4, unit, f"{n}万{unit}")


@given(st.integers(min_value=0, max_value=999), st.integers(min_value=0, max_value=9))
def test_percent_value_and_full_width_agree(whole: int, tenth: int) -> None:
    half = f"增长{whole}.{tenth}%以上"
    full = half.translate({ord(c): ord(c) + 0xFEE0 for c in "0123456789.%"})
    a, b = one(half), one(full)
    assert a.value == b.value == pytest.approx(whole + tenth / 10)
    assert (
        (a.unit, a.qualifier, a.direction)
        == (b.unit, b.qualifier, b.direction)
        == ("%", Qualifier.AT_LEAST, Direction.UP)
    )


@settings(max_examples=60)
@given(st.sampled_from(CASE_ROWS), st.sampled_from(CASE_ROWS))
def test_sentences_are_read_independently(first: tuple[str, ...], second: tuple[str, ...]) -> None:
    joined = first[0] + "。" + second[0]
    shift = len(first[0]) + 1
    expected = [(q.value, q.unit, q.start) for q in extract_quantities(first[0])] + [
        (q.value, q.unit, q.start + shift) for q in extract_quantities(second[0])
    ]
    assert [(q.value, q.unit, q.start) for q in extract_quantities(joined)] == expected
