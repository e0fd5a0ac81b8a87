"""Formatting shared by every HTML and Markdown output: numbers, quantities, changes, labels, CSP.

A utility (no pipeline stage imported), so that any stage can display itself through the templates.
"""

from __future__ import annotations

import base64
import hashlib
import json
import math
from collections.abc import Mapping
from typing import Any

STATUS_ORDER: tuple[str, ...] = ("raised", "lowered", "kept", "new", "dropped")
SYMBOLS: dict[str, str] = {"raised": "▲", "lowered": "▼", "kept": "＝", "new": "＋", "dropped": "－"}

QUALIFIER_SYMBOLS: dict[str, str] = {
    "at_least": "≥",
    "more_than": ">",
    "about": "≈",
    "nearly": "≲",
    "at_most": "≤",
    "less_than": "<",
    "range": "",
}
_ARROWS = {"up": "↑", "down": "↓"}
_SYMBOL_UNITS = frozenset({"%", "‰", "℃", "°"})
_MINUS = "\u2212"

# Every word the HTML and Markdown outputs show, by language. Keys ending in ``_d`` are the
# delivery wording (old part = plan, new part = review: a target against its result).
LABELS: dict[str, dict[str, str]] = {
    "zh": {
        "html_lang": "zh-CN",
        "doc_title": "政府工作报告对比",
        "kicker": "reportdiff · 政府工作报告对比",
        "kicker_d": "reportdiff · 目标完成情况",
        "old": "旧",
        "new": "新",
        "old_d": "目标",
        "new_d": "实绩",
        "old_value": "旧值",
        "new_value": "新值",
        "old_value_d": "目标值",
        "new_value_d": "实绩值",
        "arrow": "→",
        "colon": "：",
        "part_review": "工作回顾",
        "part_plan": "年度计划",
        "part_five_year": "五年规划",
        "part_self": "自身建设",
        "part_other": "其他",
        "part_all": "全文",
        "status_raised": "调高",
        "status_lowered": "调低",
        "status_kept": "持平",
        "status_new": "新增",
        "status_dropped": "删去",
        "status_raised_d": "超额",
        "status_lowered_d": "未达",
        "status_kept_d": "持平",
        "status_new_d": "计划外",
        "status_dropped_d": "未报告",
        "help_raised": "新值大于旧值",
        "help_lowered": "新值小于旧值",
        "help_kept": "数值相同（限定词可能变化）",
        "help_new": "只见于新报告",
        "help_dropped": "只见于旧报告",
        "help_raised_d": "实绩高于目标",
        "help_lowered_d": "实绩低于目标",
        "help_kept_d": "实绩等于目标",
        "help_new_d": "有实绩、无对应目标",
        "help_dropped_d": "有目标、未报告实绩",
        "summary": "概览",
        "total": "共 {n} 项量化指标",
        "chart_label": "各状态的指标数量",
        "commitments": "量化指标",
        "col_id": "#",
        "col_status": "状态",
        "col_indicator": "指标",
        "col_change": "变化",
        "col_change_d": "对比目标",
        "col_qualifier": "限定词",
        "col_section": "部分 · 章节",
        "filter_status": "状态",
        "filter_part": "部分",
        "filter_section": "章节",
        "filter_search": "搜索",
        "search_placeholder": "指标、原文…",
        "all_parts": "全部部分",
        "all_sections": "全部章节",
        "reset": "重置",
        "export_csv": "导出 CSV",
        "shown": "显示 {n} / {total} 项",
        "no_rows": "没有符合条件的指标。",
        "no_commitments": "两份报告都没有可比较的量化指标。",
        "evidence": "依据",
        "clause": "原文",
        "score": "匹配得分",
        "threshold": "阈值",
        "confidence": "置信度",
        "decisive": "主要依据",
        "units": "单位",
        "rule": "规则",
        "notes": "说明",
        "best_candidate": "最接近的候选",
        "no_candidate": "没有单位相容的候选。",
        "baseline": "基数",
        "go_sentence": "在对照中查看",
        "go_row": "在指标表中查看",
        "aligned": "逐段对照",
        "toc": "目录",
        "expand_all": "全部展开",
        "collapse_all": "全部收起",
        "only_q": "只看含指标的句子",
        "only_changed": "隐藏未改动的句子",
        "sec_matched": "对应",
        "sec_moved": "位置变动",
        "sec_added": "新增章节",
        "sec_removed": "删去章节",
        "sec_added_same": "仅见于{new}",
        "sec_removed_same": "仅见于{old}",
        "similarity": "相似度",
        "title_sim": "标题",
        "content_sim": "内容",
        "no_sentences": "（本节没有句子）",
        "empty_side": "（无对应句子）",
        "method": "方法",
        "method_text": "两份报告的指标由一个在人工标注数据上训练的模型配对：它综合指标措辞、上下文、"
        "规范指标、所在章节、存量与增量、数值比例等特征，给出同一指标的概率；得分不低于 {th} 才视为同一指标，"
        "置信度经留一文件交叉验证校准。数值按绝对值比较，区间取中点。"
        "章节相似度阈值 {st}，句子相似度阈值 {ss}。",
        "generated": "由 reportdiff 生成。所有结论均附依据，请以原文为准。",
        "ceiling_warn": "上限或下降类指标：数值越小越好，“{label}”需反向理解",
        "direction_warn": "增减方向相反：按绝对值比较，“{label}”需结合增长/下降方向理解",
        "rule_equal-values": "两侧指标相同，{old}与{new}相等 → {status}",
        "rule_new-larger": "两侧指标相同，{new}大于{old} → {status}",
        "rule_new-smaller": "两侧指标相同，{new}小于{old} → {status}",
        "rule_no-counterpart-new": "{old_side}一侧没有得分达到阈值的对应指标 → {status}",
        "rule_no-counterpart-old": "{new_side}一侧没有得分达到阈值的对应指标 → {status}",
        "note_qualifier": "限定词：{a} → {b}",
        "note_direction": "方向：{a} → {b}（按绝对值比较）",
        "note_down": "下降类指标按幅度比较：“{raised}”表示降幅更大",
        "note_ceiling": "上限类指标（以内/以下）：“{raised}”表示上限放宽，“{lowered}”表示收紧",
        "note_unit": "单位：{a} → {b}",
        "q_exact": "确数",
        "q_at_least": "以上",
        "q_more_than": "超过",
        "q_about": "左右",
        "q_nearly": "接近",
        "q_at_most": "以内",
        "q_less_than": "不足",
        "q_range": "区间",
        "dir_up": "增长",
        "dir_down": "下降",
        "points": "个百分点",
        "report_meta": "报告信息",
        "report_title": "标题",
        "region": "地区",
        "year": "年份",
        "source": "来源",
        "date": "日期",
        "sections": "章节结构",
        "quantity": "数值",
        "part": "部分",
        "section": "章节",
        "md_summary": "概览",
    },
    "en": {
        "html_lang": "en",
        "doc_title": "Government work report diff",
        "kicker": "reportdiff · government work report diff",
        "kicker_d": "reportdiff · targets against results",
        "old": "Old",
        "new": "New",
        "old_d": "Target",
        "new_d": "Result",
        "old_value": "Old value",
        "new_value": "New value",
        "old_value_d": "Target",
        "new_value_d": "Result",
        "arrow": "→",
        "colon": ": ",
        "part_review": "review",
        "part_plan": "plan",
        "part_five_year": "five-year plan",
        "part_self": "self-building",
        "part_other": "other",
        "part_all": "whole report",
        "status_raised": "raised",
        "status_lowered": "lowered",
        "status_kept": "kept",
        "status_new": "new",
        "status_dropped": "dropped",
        "status_raised_d": "beat",
        "status_lowered_d": "missed",
        "status_kept_d": "met",
        "status_new_d": "unplanned",
        "status_dropped_d": "unreported",
        "help_raised": "new value is larger",
        "help_lowered": "new value is smaller",
        "help_kept": "same value (the qualifier may differ)",
        "help_new": "only in the new report",
        "help_dropped": "only in the old report",
        "help_raised_d": "result above target",
        "help_lowered_d": "result below target",
        "help_kept_d": "result equals target",
        "help_new_d": "result with no target",
        "help_dropped_d": "target with no reported result",
        "summary": "Summary",
        "total": "{n} quantified indicators",
        "chart_label": "Indicators by status",
        "commitments": "Indicators",
        "col_id": "#",
        "col_status": "Status",
        "col_indicator": "Indicator",
        "col_change": "Change",
        "col_change_d": "vs target",
        "col_qualifier": "Qualifier",
        "col_section": "Part · section",
        "filter_status": "Status",
        "filter_part": "Part",
        "filter_section": "Section",
        "filter_search": "Search",
        "search_placeholder": "indicator, text…",
        "all_parts": "All parts",
        "all_sections": "All sections",
        "reset": "Reset",
        "export_csv": "Export CSV",
        "shown": "{n} of {total} shown",
        "no_rows": "No indicator matches the filters.",
        "no_commitments": "Neither report has quantified indicators to compare.",
        "evidence": "Evidence",
        "clause": "Text",
        "score": "Match score",
        "threshold": "threshold",
        "confidence": "confidence",
        "decisive": "decided by",
        "units": "units",
        "rule": "Rule",
        "notes": "Notes",
        "best_candidate": "Closest candidate",
        "no_candidate": "No candidate with a compatible unit.",
        "baseline": "baseline",
        "go_sentence": "show in the aligned text",
        "go_row": "show in the table",
        "aligned": "Aligned text",
        "toc": "Contents",
        "expand_all": "Expand all",
        "collapse_all": "Collapse all",
        "only_q": "Only sentences with indicators",
        "only_changed": "Hide unchanged sentences",
        "sec_matched": "matched",
        "sec_moved": "moved",
        "sec_added": "added section",
        "sec_removed": "removed section",
        "sec_added_same": "{new} only",
        "sec_removed_same": "{old} only",
        "similarity": "similarity",
        "title_sim": "title",
        "content_sim": "content",
        "no_sentences": "(no sentences in this section)",
        "empty_side": "(no counterpart)",
        "method": "Method",
        "method_text": "Indicators are paired by a model trained on hand-labelled pairs: from the wording, "
        "context, canonical indicator, section, stock or increment and value ratio it gives the probability "
        "that both sides measure the same indicator; a pair needs a score of {th} or more, and its "
        "confidence "
        "is calibrated leave-one-file-out. Values compare unsigned, a range by its midpoint. Section "
        "threshold {st}, sentence threshold {ss}.",
        "generated": "Made with reportdiff. Every verdict shows its evidence; the report text is "
        "authoritative.",
        "ceiling_warn": "ceiling or falling indicator: smaller is better, read “{label}” the other way round",
        "direction_warn": "the rate changed direction: values compare unsigned, read “{label}” with the sign",
        "rule_equal-values": "same indicator, {old} equals {new} → {status}",
        "rule_new-larger": "same indicator, {new} above {old} → {status}",
        "rule_new-smaller": "same indicator, {new} below {old} → {status}",
        "rule_no-counterpart-new": "nothing on the {old_side} side reached the threshold → {status}",
        "rule_no-counterpart-old": "nothing on the {new_side} side reached the threshold → {status}",
        "note_qualifier": "qualifier: {a} → {b}",
        "note_direction": "direction: {a} → {b} (values compare unsigned)",
        "note_down": "a falling rate compares by its size: “{raised}” means a larger cut",
        "note_ceiling": "a ceiling (以内/以下): “{raised}” means a looser cap, “{lowered}” a tighter one",
        "note_unit": "unit: {a} → {b}",
        "q_exact": "exact",
        "q_at_least": "at least",
        "q_more_than": "more than",
        "q_about": "about",
        "q_nearly": "nearly",
        "q_at_most": "at most",
        "q_less_than": "less than",
        "q_range": "range",
        "dir_up": "up",
        "dir_down": "down",
        "points": " pp",
        "report_meta": "Report",
        "report_title": "Title",
        "region": "Region",
        "year": "Year",
        "source": "Source",
        "date": "Date",
        "sections": "Sections",
        "quantity": "Value",
        "part": "Part",
        "section": "Section",
        "md_summary": "Summary",
    },
}


def labels(lang: str) -> dict[str, str]:
    """The label dictionary of ``lang`` (``zh`` or ``en``); unknown languages fall back to ``zh``."""
    return LABELS.get(lang, LABELS["zh"])


# --- numbers ----------------------------------------------------------------------------------


def format_number(x: float, *, decimals: int = 4) -> str:
    """A number with thousands separators and at most ``decimals`` decimals, no trailing zeros.

    >>> format_number(12000.0), format_number(1645.0000000000002), format_number(-0.5)
    ('12,000', '1,645', '−0.5')
    """
    if not math.isfinite(x):
        return str(x)
    r = round(x, decimals)
    if r == 0:
        r = 0.0  # no "−0"
    text = f"{abs(r):,.{decimals}f}".rstrip("0").rstrip(".")
    return (_MINUS if r < 0 else "") + text


def _amount(value: float, unit: str) -> str:
    """``value`` in ``unit``, with 万/亿/万亿 for large values (see the module docstring)."""
    if unit in ("百分点", "个百分点"):
        return f"{format_number(value)}个百分点"
    size = abs(value)
    magnitude = ""
    if unit not in _SYMBOL_UNITS:
        # the largest magnitude that shows the number exactly with at most two decimals
        for threshold, step, word in ((1e12, 1e12, "万亿"), (1e8, 1e8, "亿"), (1e5, 1e4, "万")):
            scaled = value / step
            if size >= threshold and math.isclose(scaled, round(scaled, 2), rel_tol=1e-9, abs_tol=1e-9):
                value, magnitude = scaled, word
                break
    number = format_number(value)
    if magnitude:
        return f"{number}{magnitude}{unit}"
    if not unit or unit in _SYMBOL_UNITS:
        return f"{number}{unit}"
    return f"{number} {unit}"


def format_quantity(q: Mapping[str, Any] | None) -> str:
    """A quantity dict (``Quantity.to_dict()``) formatted for people.

    >>> format_quantity({"value": 12000.0, "unit": "亩"})
    '12,000 亩'
    >>> format_quantity({"value": 5.5, "unit": "%", "qualifier": "at_most"})
    '≤5.5%'
    >>> format_quantity({"value": 164500000000.0, "unit": "元"})
    '1,645亿元'
    >>> format_quantity({"value": 5.25, "low": 5.0, "high": 5.5, "unit": "%", "qualifier": "range"})
    '5%–5.5%'
    >>> format_quantity({"value": 6.5, "unit": "%", "direction": "up", "qualifier": "about"})
    '↑≈6.5%'
    >>> format_quantity(None)
    '—'
    """
    if not q:
        return "—"
    unit = str(q.get("unit") or "")
    value = float(q.get("value") or 0.0)
    qualifier = q.get("qualifier")
    low, high = q.get("low"), q.get("high")
    if qualifier == "range" and low is not None and high is not None and float(low) != float(high):
        body = f"{_amount(float(low), unit)}–{_amount(float(high), unit)}"
    else:
        body = _amount(value, unit)
    arrow = _ARROWS.get(str(q.get("direction")), "")
    return f"{arrow}{QUALIFIER_SYMBOLS.get(str(qualifier), '')}{body}"


def format_change(change: Mapping[str, Any] | None, *, unit: str | None = None, lang: str = "zh") -> str:
    """A change dict (``{"absolute", "relative"}``) formatted for people.

    The relative change as a signed percentage (with a true minus sign); when
    ``unit`` is ``%`` or ``百分点`` the absolute change in percentage points
    instead (the relative change of a rate misleads); when the old value was
    zero, the signed absolute change.

    >>> format_change({"absolute": -10000.0, "relative": -0.8333333333333334})
    '−83.3%'
    >>> format_change({"absolute": 1.5, "relative": 0.25}, unit="%")
    '+1.5个百分点'
    >>> format_change({"absolute": 0.0, "relative": 0.0}), format_change(None)
    ('0', '—')
    """
    if not change:
        return "—"
    absolute = change.get("absolute")
    relative = change.get("relative")
    if unit in ("%", "百分点") and absolute is not None:
        points = _signed(float(absolute), decimals=2)
        return points if points == "0" else points + labels(lang)["points"]
    if relative is not None:
        percent = _signed(float(relative) * 100, decimals=1)
        return percent if percent == "0" else percent + "%"
    if absolute is not None:
        return _signed(float(absolute), decimals=2)
    return "—"


def _signed(x: float, *, decimals: int) -> str:
    text = format_number(x, decimals=decimals)
    if text in ("0", _MINUS + "0"):
        return "0"
    return text if text.startswith(_MINUS) else "+" + text


# --- safe embedding ---------------------------------------------------------------------------

_JSON_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def json_for_script(data: Any) -> str:
    """JSON safe to place inside ``<script type="application/json">`` (no ``</script>``, no U+2028).

    >>> json_for_script({"t": "</script><b>&"})
    '{"t":"\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e\\\\u0026"}'
    """
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return "".join(_JSON_ESCAPES.get(ch, ch) for ch in text)


def _sha256(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "sha256-" + base64.b64encode(digest).decode("ascii")


def content_security_policy(css: str, script: str) -> str:
    """The page's CSP: nothing from the network, only the page's own style and script (by hash)."""
    return (
        f"default-src 'none'; style-src '{_sha256(css)}'; script-src '{_sha256(script)}'; "
        "img-src data:; base-uri 'none'; form-action 'none'"
    )


# --- HTML and Markdown ------------------------------------------------------------------------
