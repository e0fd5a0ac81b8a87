"""Stage 7: show a diff to people — a self-contained HTML page, a Markdown table, formatted numbers.

The HTML renders from the JSON contract (:meth:`ReportDiff.to_dict`) through the
templates of ``reportdiff.templates`` (see :mod:`reportdiff._templates`), so a
diff saved as JSON renders the same as a live one. Conventions (docs/html.md):

* numbers read the way Chinese reports print them: digits with thousands
  separators; from 100,000 on, the largest of 万 (10⁴), 亿 (10⁸) and 万亿
  (10¹²) that shows the value exactly with at most two decimals (``38万亩``,
  ``1,645亿元``, ``3.2万亿元``, but ``60,199亿元`` and ``123,456 亩``); a space
  between digits and a word unit (``12,000 亩``), none after a magnitude word
  or before a symbol (``1,645亿元``, ``6.5%``);
* qualifiers become symbols (≥ 以上, > 超, ≈ 左右, ≲ 近, ≤ 以内, < 不足) and a
  range is ``low–high``; a rate's direction is an arrow (↑ 增长, ↓ 下降);
* status is always told by a word and a symbol as well as a colour
  (▲ raised, ▼ lowered, ＝ kept, ＋ new, － dropped);
* the output is deterministic: no timestamps, no versions, no random ids.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from typing import Any, Protocol

from . import _templates
from ._format import (  # re-exported: the formatting is part of the render stage
    LABELS,
    STATUS_ORDER,
    SYMBOLS,
    content_security_policy,
    format_change,
    format_number,
    format_quantity,
    json_for_script,
)


class ReportDiffLike(Protocol):
    """Anything whose ``to_dict()`` is the compare JSON contract (a :class:`reportdiff.ReportDiff`)."""

    def to_dict(self) -> dict[str, Any]: ...


__all__ = [
    "LABELS",
    "STATUS_ORDER",
    "SYMBOLS",
    "ReportDiffLike",
    "content_security_policy",
    "format_change",
    "format_number",
    "format_quantity",
    "json_for_script",
    "render_html",
    "render_markdown",
]


def _as_dict(diff: ReportDiffLike | Mapping[str, Any]) -> dict[str, Any]:
    if isinstance(diff, Mapping):
        return dict(diff)
    return diff.to_dict()


def render_html(diff: ReportDiffLike | Mapping[str, Any], *, lang: str = "zh", full: bool = True) -> str:
    """The diff as one self-contained HTML page (``full=False``: the embeddable fragment).

    ``diff`` is a :class:`ReportDiff` or its ``to_dict()`` form. The page needs
    no network: styles and script are inline and allowed by hash in its
    Content-Security-Policy; report text is escaped everywhere.
    """
    data = _as_dict(diff)
    if not full:
        return _templates.render_fragment(data, lang=lang)
    return _templates.render_page(data, lang=lang)


def _md_cell(text: str) -> str:
    r"""Text made safe for one Markdown table cell.

    >>> _md_cell("a|b <i>\nc")
    'a\\|b &lt;i&gt; c'
    """
    text = " ".join(str(text).split())
    for a, b in (
        ("\\", "\\\\"),
        ("|", "\\|"),
        ("<", "&lt;"),
        (">", "&gt;"),
        ("`", "\\`"),
        ("*", "\\*"),
        ("_", "\\_"),
        ("[", "\\["),
        ("]", "\\]"),
    ):
        text = text.replace(a, b)
    return text


def render_markdown(diff: ReportDiffLike | Mapping[str, Any], *, lang: str = "zh") -> str:
    """The diff as Markdown: a header, the summary and the indicators table (for pasting into issues)."""
    data = _as_dict(diff)
    v = _templates.view(data, lang=lang)
    t = v["t"]
    old, new = v["old"], v["new"]
    lines = [
        f"# {_md_cell(t['doc_title'])}{t['colon']}"
        f"{_md_cell(old['label'])} {t['arrow']} {_md_cell(new['label'])}",
        "",
        f"- {t[v['k_old']]}{t['colon']}{_md_cell(old['long'])}",
        f"- {t[v['k_new']]}{t['colon']}{_md_cell(new['long'])}",
        "",
        f"**{t['md_summary']}**{t['colon']}"
        + " · ".join(f"{s['symbol']} {s['label']} {s['count']}" for s in v["summary"])
        + f" ({t['total'].format(n=v['total'])})",
        "",
    ]
    head = [
        t["col_id"],
        t["col_status"],
        t["col_indicator"],
        t[v["k_old_value"]],
        t[v["k_new_value"]],
        t[v["k_change"]],
        t["col_qualifier"],
        t["col_section"],
    ]
    lines.append("| " + " | ".join(_md_cell(h) for h in head) + " |")
    lines.append("|" + "|".join("---" for _ in head) + "|")
    for r in v["rows"]:
        side = r["new"] or r["old"]
        section = f"{side['part_label']} · {side['section_label']}" if side else ""
        cells = [
            r["id"],
            f"{r['symbol']} {r['status_label']}",
            r["indicator"],
            r["old"]["value"] if r["old"] else "—",
            r["new"]["value"] if r["new"] else "—",
            r["change"],
            r["qual_change"] or "",
            section,
        ]
        lines.append("| " + " | ".join(_md_cell(c) for c in cells) + " |")
    lines.append("")
    return "\n".join(lines)


# --- showing a timeline (reportdiff.timeline's results, from their to_dict() form) -----------------

#: The delivery verdicts of :mod:`reportdiff.timeline`, in display order, with their symbols.
VERDICT_SYMBOLS: dict[str, str] = {"met": "✓", "exceeded": "▲", "missed": "✗", "not_reported": "?"}

# --- ----------------------------------------------------------------------------

#: Every word the timeline's HTML, Markdown and table outputs show, by language.
TRACK_LABELS: dict[str, dict[str, str]] = {
    "zh": {
        "html_lang": "zh-CN",
        "doc_title": "目标追踪",
        "kicker": "reportdiff · 历年目标与实绩",
        "title_suffix": "历年目标与实绩",
        "reports": "{n} 份政府工作报告",
        "histories": "{n} 条指标轨迹",
        "judged": "{n} 条有目标和实绩可对照",
        "target": "目标",
        "result": "实绩",
        "verdict_met": "完成",
        "verdict_exceeded": "超额完成",
        "verdict_missed": "未完成",
        "verdict_not_reported": "未报告",
        "verdict_none": "无目标",
        "help_met": "实绩落在目标的范围内",
        "help_exceeded": "实绩明显好于目标",
        "help_missed": "实绩未达到目标",
        "help_not_reported": "下一年报告未给出对应实绩",
        "no_later_report": "系列中没有下一年的报告",
        "rate": "完成率",
        "pending": "待下年报告",
        "pending_help": "；其中 {n} 项为最后一年，尚无下一年报告",
        "rate_help": "（完成 + 超额）÷ 已核对年份",
        "summary": "概览",
        "years_judged": "{n} 个年份有目标和实绩可对照",
        "col_id": "#",
        "col_indicator": "指标",
        "col_trend": "走势",
        "col_rate": "完成率",
        "legend_target": "目标",
        "legend_result": "实绩（颜色表示结论）",
        "legend_cell": "表格每格：上为目标，下为实绩（粗体）与结论",
        "sources": "原文",
        "report_of": "{y}年报告",
        "filter_verdict": "结论",
        "filter_search": "搜索",
        "search_placeholder": "指标、原文…",
        "only_judged": "只看有实绩对照的指标",
        "shown": "显示 {n} / {total} 条",
        "no_rows": "没有符合条件的指标。",
        "no_histories": "这些报告之间没有可串联的量化指标。",
        "method": "规则",
        "method_text": "相邻年份的报告两两比较：上年计划与下年计划串联目标，上年计划与下年工作回顾对照实绩。"
        "“左右”的容差为 ±{points} 个百分点（%）或 ±{relative}%（其他单位）；"
        "“以上”达到目标即为完成，高出容差为超额；“以内”等上限只分完成与未完成；"
        "区间以区间为准；“下降”类目标按降幅比较（降得更多为超额）。",
        "generated": "由 reportdiff 生成。所有结论均附依据，请以原文为准。",
        "warnings": "提示",
        "link_history": "经指标轨迹间接对应",
        "year_col": "{y}年",
    },
    "en": {
        "html_lang": "en",
        "doc_title": "Timeline",
        "kicker": "reportdiff · targets and results over the years",
        "title_suffix": "targets and results",
        "reports": "{n} government work reports",
        "histories": "{n} indicator histories",
        "judged": "{n} with a target and a result to compare",
        "target": "Target",
        "result": "Result",
        "verdict_met": "met",
        "verdict_exceeded": "exceeded",
        "verdict_missed": "missed",
        "verdict_not_reported": "not reported",
        "verdict_none": "no target",
        "help_met": "the result is within the target",
        "help_exceeded": "the result clearly beats the target",
        "help_missed": "the result falls short of the target",
        "help_not_reported": "the next report states no matching result",
        "no_later_report": "no report for the next year in the series",
        "rate": "Delivery rate",
        "pending": "awaiting next report",
        "pending_help": "; {n} of them in the last year, with no later report",
        "rate_help": "(met + exceeded) ÷ years judged",
        "summary": "Summary",
        "years_judged": "{n} years with a target and a result",
        "col_id": "#",
        "col_indicator": "Indicator",
        "col_trend": "Trend",
        "col_rate": "Rate",
        "legend_target": "target",
        "legend_result": "result (colour: verdict)",
        "legend_cell": "each year: target above, result (bold) and verdict below",
        "sources": "Sources",
        "report_of": "{y} report",
        "filter_verdict": "Verdict",
        "filter_search": "Search",
        "search_placeholder": "indicator, text…",
        "only_judged": "Only indicators with results",
        "shown": "Showing {n} of {total}",
        "no_rows": "No indicator matches.",
        "no_histories": "No quantified indicator links these reports.",
        "method": "Method",
        "method_text": "Consecutive reports are compared pairwise: plan to plan chains the targets, a plan "
        "to the next report's review finds the result. 左右 (about) allows ±{points} "
        "percentage points for %, ±{relative}% otherwise; 以上 (at least) is met from "
        "the value up and exceeded beyond the tolerance; ceilings (以内) are met or missed; "
        "a range by its bounds; 下降 targets compare by the size of the cut.",
        "generated": "Made with reportdiff. Every verdict shows its evidence; "
        "the report text is authoritative.",
        "warnings": "Notes",
        "link_history": "paired through the history",
        "year_col": "{y}",
    },
}

_SPARK_W, _SPARK_H, _SPARK_PAD, _SPARK_GUTTER = 226.0, 58.0, 8.0, 42.0


def _track_labels(lang: str) -> dict[str, str]:
    return TRACK_LABELS.get(lang, TRACK_LABELS["zh"])


def _fmt_q(q: Mapping[str, Any] | None) -> str:
    """A quantity for the timeline: as compare formats it, but without the ↑ of growth (↓ stays)."""
    from .render import format_quantity

    if q and q.get("direction") == "up":
        q = {**q, "direction": None}
    return format_quantity(q)


def _sentence_parts(obs: Mapping[str, Any]) -> tuple[str, str, str]:
    """The observation's sentence split around its quantity: (before, quantity, after)."""
    sentence, clause = str(obs.get("sentence") or ""), str(obs.get("text") or "")
    qtext = str((obs.get("quantity") or {}).get("text") or "")
    base = sentence.find(clause) if clause else -1
    at = sentence.find(qtext, max(base, 0)) if qtext else -1
    if at < 0:
        return sentence, "", ""
    return sentence[:at], qtext, sentence[at + len(qtext) :]


def _plotted(obs: Mapping[str, Any], reference: str | None) -> tuple[float, float, float]:
    """(value, low, high) to plot: as printed, negated when the direction differs from the history's."""
    q = obs.get("quantity") or {}
    v, lo, hi = float(q.get("value") or 0.0), float(q.get("low") or 0.0), float(q.get("high") or 0.0)
    d = q.get("direction")
    if reference and d and d != reference:
        return -v, -hi, -lo
    return v, lo, hi


def _spark(
    entries: Sequence[Mapping[str, Any]], years: Sequence[int], t: Mapping[str, str]
) -> dict[str, Any]:
    """The geometry of one row's sparkline, on the timeline's common year axis."""
    directions = [
        (e[k].get("quantity") or {}).get("direction")
        for e in entries
        for k in ("target", "result")
        if e.get(k)
    ]
    reference = next((str(d) for d in directions if d), None)
    n = max(len(years) - 1, 1)
    left = _SPARK_GUTTER + _SPARK_PAD
    x_of = {y: left + i * (_SPARK_W - left - _SPARK_PAD) / n for i, y in enumerate(years)}
    points: list[tuple[int, str, float, float, float]] = []  # year, kind, value, low, high
    for e in entries:
        for kind in ("target", "result"):
            if e.get(kind):
                v, lo, hi = _plotted(e[kind], reference)
                points.append((int(e["year"]), kind, v, lo, hi))
    values = [x for p in points for x in p[2:]]
    top, bottom = (max(values), min(values)) if values else (1.0, 0.0)
    shown_top, shown_bottom = top, bottom
    if math.isclose(top, bottom):
        top, bottom = top + (abs(top) * 0.1 or 1.0), bottom - (abs(bottom) * 0.1 or 1.0)
    span = top - bottom
    units = [
        str((e[k].get("quantity") or {}).get("unit") or "")
        for e in entries
        for k in ("target", "result")
        if e.get(k)
    ]
    unit = units[0] if units else ""

    def y(v: float) -> float:
        return round(_SPARK_H - _SPARK_PAD - (v - bottom) / span * (_SPARK_H - 2 * _SPARK_PAD), 1)

    def lines(kind: str) -> list[str]:
        seq = sorted((p[0], p[2]) for p in points if p[1] == kind)
        out: list[str] = []
        run: list[str] = []
        for n_, (ya, va) in enumerate(seq):
            run.append(f"{round(x_of[ya], 1)},{y(va)}")
            if n_ + 1 == len(seq) or seq[n_ + 1][0] != ya + 1:
                if len(run) > 1:
                    out.append(" ".join(run))
                run = []
        return out

    marks: list[dict[str, Any]] = []
    for e in entries:
        year = int(e["year"])
        verdict = e.get("verdict") or "none"
        for kind in ("target", "result"):
            obs = e.get(kind)
            if not obs:
                continue
            v, lo, hi = _plotted(obs, reference)
            q = obs.get("quantity") or {}
            marks.append(
                {
                    "kind": kind,
                    "x": round(x_of[year], 1),
                    "y": y(v),
                    "y_lo": y(lo),
                    "y_hi": y(hi),
                    "range": q.get("qualifier") == "range" and lo != hi,
                    "verdict": verdict,
                    "qualifier": q.get("qualifier") or "",
                    "ceiling": bool(obs.get("ceiling")),
                    "title": f"{year} {t[kind]} {_fmt_q(q)}"
                    + (
                        f" · {VERDICT_SYMBOLS.get(verdict, '')} {t.get('verdict_' + verdict, '')}"
                        if kind == "result" and verdict != "none"
                        else ""
                    ),
                }
            )
    marks.sort(key=lambda m: m["kind"] == "result")  # results drawn over targets
    label = "; ".join(str(m["title"]) for m in marks)
    return {
        "w": _SPARK_W,
        "h": _SPARK_H,
        "targets": lines("target"),
        "results": lines("result"),
        "marks": marks,
        "ticks": [round(x_of[yr], 1) for yr in years],
        "label": label,
        "axis": [
            {"y": y(shown_top), "text": _fmt_q({"value": shown_top, "unit": unit})},
            *(
                [{"y": y(shown_bottom), "text": _fmt_q({"value": shown_bottom, "unit": unit})}]
                if not math.isclose(shown_top, shown_bottom)
                else []
            ),
        ],
        "gutter": _SPARK_GUTTER,
    }


def _view(data: Mapping[str, Any], lang: str) -> dict[str, Any]:
    """What the timeline templates show, computed from ``Timeline.to_dict()`` alone."""
    from ._templates import section_label

    t = _track_labels(lang)
    reports = list(data.get("reports") or [])
    histories = list(data.get("histories") or [])
    years = sorted(
        {int(e["year"]) for h in histories for e in h.get("entries") or []}
        | {int(r["year"]) for r in reports}
    )
    summary_in = data.get("summary") or {}
    counts = {v: int(summary_in.get(v, 0)) for v in VERDICT_SYMBOLS}
    judged = counts["met"] + counts["exceeded"] + counts["missed"]
    rate = round(100 * (counts["met"] + counts["exceeded"]) / judged) if judged else None
    pending = sum(1 for h in histories for e in h.get("entries") or [] if e.get("rule") == "no-later-report")
    cards = [
        {
            "verdict": v,
            "symbol": VERDICT_SYMBOLS[v],
            "label": t[f"verdict_{v}"],
            "count": counts[v],
            "help": t[f"help_{v}"]
            + (t["pending_help"].format(n=pending) if v == "not_reported" and pending else ""),
        }
        for v in counts
    ]
    rows = []
    for order, h in enumerate(histories):
        entries = list(h.get("entries") or [])
        by_year = {int(e["year"]): e for e in entries}
        cells: list[dict[str, Any] | None] = []
        sources: list[dict[str, Any]] = []
        for yr in years:
            e = by_year.get(yr)
            if e is None:
                cells.append(None)
                continue
            verdict = e.get("verdict")
            cell: dict[str, Any] = {
                "year": yr,
                "verdict": verdict or "none",
                "pending": False,
                "symbol": VERDICT_SYMBOLS.get(verdict or "", ""),
                "label": t[f"verdict_{verdict}"] if verdict else t["verdict_none"],
                "note": str(e.get("note") or ""),
                "rule": str(e.get("rule") or ""),
            }
            if e.get("rule") == "no-later-report":
                cell.update(note=t["no_later_report"], label=t["pending"], pending=True)
            elif e.get("link") == "history":
                cell["note"] = f"{cell['note']} ({t['link_history']})"
            for kind in ("target", "result"):
                obs = e.get(kind)
                if not obs:
                    cell[kind] = None
                    continue
                anchor = f"{h['id']}-{yr}-{kind[0]}"
                cell[kind] = {
                    "value": _fmt_q(obs.get("quantity")),
                    "anchor": anchor,
                    "qtext": str((obs.get("quantity") or {}).get("text") or ""),
                }
                before, q, after = _sentence_parts(obs)
                src = re.split(r"[/\\]", str(obs.get("source") or ""))[-1]
                sources.append(
                    {
                        "anchor": anchor,
                        "year": yr,
                        "kind": kind,
                        "kind_label": t[kind],
                        "report": t["report_of"].format(y=obs.get("report_year")),
                        "source": src,
                        "section": section_label(obs.get("section"), lang),
                        "before": before,
                        "q": q,
                        "after": after,
                        "verdict": verdict or "none",
                    }
                )
            cells.append(cell)
        n_judged = sum(1 for e in entries if e.get("verdict") in ("met", "exceeded", "missed"))
        n_good = sum(1 for e in entries if e.get("verdict") in ("met", "exceeded"))
        verdicts = sorted({str(e.get("verdict")) for e in entries if e.get("verdict")})
        rows.append(
            {
                "id": h["id"],
                "order": order,
                "indicator": h.get("indicator") or "—",
                "unit": h.get("unit") or "",
                "cells": cells,
                "sources": sources,
                "spark": _spark(entries, years, t),
                "judged": n_judged,
                "rate": f"{round(100 * n_good / n_judged)}%" if n_judged else "—",
                "rate_sort": f"{n_good / n_judged:.4f}" if n_judged else "",
                "verdicts": " ".join(verdicts),
                "n_years": len(entries),
            }
        )
    region = data.get("region") or ""
    span = f"{years[0]}–{years[-1]}" if years else ""
    report_years = [int(r["year"]) for r in reports]
    rspan = (
        f"{report_years[0]}–{report_years[-1]}"
        if len(report_years) > 1
        else (str(report_years[0]) if report_years else "")
    )
    rules = data.get("rules") or {}
    return {
        "t": t,
        "lang": lang,
        "html_lang": t["html_lang"],
        "text_lang": "zh-CN",
        "region": region,
        "span": rspan,
        "year_span": span,
        "years": years,
        "reports": [
            {
                "year": r["year"],
                "source": re.split(r"[/\\]", str(r.get("source") or ""))[-1],
                "title": r.get("title") or "",
            }
            for r in reports
        ],
        "cards": cards,
        "rate": rate,
        "judged": judged,
        "rows": rows,
        "n_judged_rows": sum(1 for r in rows if r["judged"]),
        "warnings": list(data.get("warnings") or []),
        "method": t["method_text"].format(
            points=f"{float(rules.get('points', 0.5)):g}",
            relative=f"{100 * float(rules.get('relative', 0.05)):g}",
        ),
        "data": {"labels": {k: t[k] for k in ("shown",)}, "total": len(rows)},
    }


def _track_css(full: bool) -> str:
    from ._templates import environment, stylesheet

    own = environment().get_template("track_style.css.j2").render(full=full)
    own = re.sub(r"/\*.*?\*/", "", own, flags=re.S)
    return stylesheet(full) + "\n".join(line for line in own.splitlines() if line.strip()) + "\n"


def _track_js() -> str:
    from ._templates import environment

    return environment().get_template("track_script.js.j2").render().strip() + "\n"


def render_timeline_fragment(data: Mapping[str, Any], *, lang: str = "zh") -> str:
    """A timeline (``Timeline.to_dict()``) as an HTML fragment with scoped styles (notebook display)."""
    from markupsafe import Markup

    from ._templates import environment

    return (
        environment()
        .get_template("track_fragment.html.j2")
        .render(v=_view(data, lang), full=False, css=Markup(_track_css(False)), js=Markup(_track_js()))
    )


def render_timeline_page(data: Mapping[str, Any], *, lang: str = "zh") -> str:
    """A timeline as one self-contained page: inline style and script allowed by hash, no network."""
    from markupsafe import Markup

    from ._templates import environment
    from .render import content_security_policy

    css, js = _track_css(True), _track_js()
    return (
        environment()
        .get_template("track_page.html.j2")
        .render(
            v=_view(data, lang),
            full=True,
            css=Markup(css),
            js=Markup(js),
            csp=content_security_policy(css, js),
        )
    )


def render_timeline_markdown(data: Mapping[str, Any], *, lang: str = "zh") -> str:
    """The timeline as a Markdown table: one row per history, one column per year."""
    from .render import _md_cell

    v = _view(data, lang)
    t = v["t"]
    lines = [f"# {_md_cell(v['region'])} {v['span']} {t['title_suffix']}", ""]
    lines.append(" · ".join(f"{c['symbol']} {c['label']} {c['count']}" for c in v["cards"]))
    lines.append("")
    head = [t["col_id"], t["col_indicator"], *[t["year_col"].format(y=y) for y in v["years"]], t["col_rate"]]
    lines.append("| " + " | ".join(head) + " |")
    lines.append("|" + "|".join("---" for _ in head) + "|")
    for r in v["rows"]:
        cells = []
        for c in r["cells"]:
            if c is None:
                cells.append("")
                continue
            parts = [
                f"{t['target']} {c['target']['value']}" if c["target"] else "",
                f"{t['result']} {c['result']['value']}" if c["result"] else "",
                f"{c['symbol']} {c['label']}" if c["verdict"] != "none" else "",
            ]
            cells.append(" · ".join(p for p in parts if p))
        row = [r["id"], r["indicator"], *cells, r["rate"]]
        lines.append("| " + " | ".join(_md_cell(x) for x in row) + " |")
    lines.append("")
    return "\n".join(lines)


def render_timeline_table(data: Mapping[str, Any], *, lang: str = "zh") -> str:
    """A terminal table: one row per history with its targets, results and verdicts by year."""
    from ._io import text_table

    v = _view(data, lang)
    t = v["t"]
    counts = ", ".join(f"{c['count']} {c['label']}" for c in v["cards"])
    columns = [t["col_id"], t["col_indicator"], *[str(y) for y in v["years"]], t["col_rate"]]
    rows = []
    for r in v["rows"]:
        cells = [
            ""
            if c is None
            else "\n".join(
                x
                for x in (
                    c["target"]["value"] if c["target"] else "—",
                    c["result"]["value"] if c["result"] else "—",
                    c["symbol"],
                )
                if x
            )
            for c in r["cells"]
        ]
        rows.append([r["id"], r["indicator"], *cells, r["rate"]])
    return text_table(f"{v['region']} {v['span']}: {counts}", columns, rows, width=200)
