"""Notebook displays: every result shows itself as HTML built from the page's templates, with element ids
unique to each display, report text escaped, and lists that stay plain lists."""

from __future__ import annotations

import re

import pytest

from reportdiff import compare, extract_commitments, extract_initiatives, load
from reportdiff.classify import AlignedText, Change, ChangeList
from reportdiff.errors import ArgumentValueError
from reportdiff.timeline import track

OLD = (
    "2024年政府工作报告\n二、2024年工作安排\n主要预期目标是：地区生产总值增长6%左右。\n"
    "新建高标准农田1.2万亩。开工建设滨河公园。改造农贸市场5个。\n"
)
NEW = (
    "2025年政府工作报告\n二、2025年工作安排\n主要预期目标是：地区生产总值增长5%左右。\n"
    "新建高标准农田2000亩。建成滨河公园。改造农贸市场7个。启动<script>alert(1)</script>项目。\n"
)
ID = re.compile(r'\sid="([^"]+)"')


@pytest.fixture(scope="module")
def diff():  # type: ignore[no-untyped-def]
    return compare(OLD, NEW, old_part="plan", new_part="plan")


def test_the_diff_shows_a_lean_fragment_with_ids_of_its_own(diff) -> None:  # type: ignore[no-untyped-def]
    first, second = diff._repr_html_(), diff._repr_html_()
    assert first.startswith('<div class="rd-root rd-fragment"') and 'id="' in first
    assert 'class="rd-aligned"' not in first and "rd-key" in first  # key changes, no aligned text
    assert not set(ID.findall(first)) & set(ID.findall(second))  # two displays never share an id
    assert len(ID.findall(first)) == len(set(ID.findall(first)))


def test_aligned_text_displays_on_its_own(diff) -> None:  # type: ignore[no-untyped-def]
    aligned = diff.aligned()
    assert isinstance(aligned, AlignedText) and aligned.sections == diff.sections
    assert repr(aligned).startswith("<AlignedText ") and "sections" in repr(aligned)
    html = aligned._repr_html_()
    assert 'class="rd-aligned"' in html and "<h3" in html
    assert 'class="rd-q' in html and '<section class="rd-commitments' not in html
    hrefs = re.findall(r'href="#([^"]+)"', html)
    assert hrefs and set(hrefs) <= set(ID.findall(html))  # quantities mark, links stay inside
    assert set(aligned.to_dict()) == {"old", "new", "mode", "sections", "commitments", "initiatives"}


def test_changes_are_a_list_that_displays_as_a_table(diff) -> None:  # type: ignore[no-untyped-def]
    moved = diff.changes(status=["lowered", "raised"])
    assert isinstance(moved, list) and isinstance(moved, ChangeList)
    assert {c.status.value for c in moved} == {"lowered", "raised"}
    html = moved._repr_html_()
    assert len(re.findall(r'<tr id="[^"]*row-', html)) == len(moved) == 3
    assert "1.2万亩" in html and "2000亩" in html and "−83.3%" in html
    assert moved[0]._repr_html_().count('<tr id="') == 1
    with pytest.raises(ArgumentValueError, match="unknown status 'shrunk'"):
        diff.changes(status=["lowered", "shrunk"])


def test_a_change_shows_its_checks_and_evidence() -> None:
    d = compare(
        "二、2024年工作安排\n工业投资下降2%。", "二、2025年工作安排\n工业投资增长5%。", old_part="all"
    )
    (change,) = d.changes()
    assert isinstance(change, Change) and change.checks
    html = change._repr_html_()
    assert 'class="rd-checks"' in html and "增减方向相反" in html and "rd-ev" in html and "↓2%" in html


def test_initiatives_show_their_stage_and_escape_report_text(diff) -> None:  # type: ignore[no-untyped-def]
    named = diff.changes(kind="initiative")
    park = next(c for c in named if "滨河公园" in c.name)
    html = park._repr_html_()
    assert "滨河公园" in html and "rd-ladder" in html
    everything = named._repr_html_()
    assert "<script>alert" not in everything
    found = extract_initiatives(load(NEW))
    assert "<script>alert" not in found._repr_html_() and "滨河公园" in found._repr_html_()
    assert found[0]._repr_html_().count("<tr>") == 2  # the head and one row


def test_a_commitment_shows_as_a_row() -> None:
    found = extract_commitments(load(NEW))
    farmland = next(c for c in found if c.indicator == "新建高标准农田")
    html = farmland._repr_html_()
    assert "新建高标准农田" in html and "<mark>2000亩</mark>" in html and html.count('<tr class="rd-row') == 1


def test_history_verdicts_are_a_dict_with_a_table() -> None:
    plan = "2024年政府工作报告\n二、2024年工作安排\n地区生产总值增长6%左右。\n"
    review = (
        "2025年政府工作报告\n一、2024年工作回顾\n地区生产总值增长6.3%。\n"
        "二、2025年工作安排\n地区生产总值增长5%。\n"
    )
    history = next(iter(track([load(plan), load(review)])))
    verdicts = history.verdicts()
    assert isinstance(verdicts, dict) and 2024 in verdicts
    html = verdicts._repr_html_()
    assert "2024" in html and "<table" in html


def test_panel_result_shows_a_summary_and_the_first_rows(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from reportdiff.corpus import panel

    (tmp_path / "x-2025.txt").write_text(NEW, encoding="utf-8")
    result = panel([tmp_path / "x-2025.txt"])
    html = result._repr_html_()
    assert "PanelResult" in html and f"{len(result.rows)} rows" in html and "<table" in html
    assert "<script>alert" not in html
