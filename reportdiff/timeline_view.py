"""Showing a timeline: the view model of `reportdiff track`'s page, Markdown and terminal table.

Renders from :meth:`reportdiff.Timeline.to_dict` alone (so a saved JSON renders the same), through the
``track_*`` templates; the words come from ``reportdiff/data/ui/<lang>.json`` (table ``track``).
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from typing import Any

__all__ = [
    "VERDICT_SYMBOLS",
    "render_timeline_fragment",
    "render_timeline_markdown",
    "render_timeline_page",
    "render_timeline_table",
]

# --- showing a timeline (reportdiff.timeline's results, from their to_dict() form) -----------------

#: The delivery verdicts of :mod:`reportdiff.timeline`, in display order, with their symbols.
VERDICT_SYMBOLS: dict[str, str] = {"met": "✓", "exceeded": "▲", "missed": "✗", "not_reported": "?"}

# --- ----------------------------------------------------------------------------

_SPARK_W, _SPARK_H, _SPARK_PAD, _SPARK_GUTTER = 226.0, 58.0, 8.0, 42.0


def _track_labels(lang: str) -> dict[str, str]:
    from ._format import track_labels

    return track_labels(lang)


def _fmt_q(q: Mapping[str, Any] | None) -> str:
    """A quantity for the timeline: as compare formats it, but without the ↑ of growth (↓ stays)."""
    from ._format import format_quantity

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

    from ._format import content_security_policy
    from ._templates import environment

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
    from ._format import md_cell as _md_cell

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
