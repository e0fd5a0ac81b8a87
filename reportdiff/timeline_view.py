"""Showing a timeline: the view model of `reportdiff track`'s page, its notebook displays, Markdown and
terminal table.

Renders from :meth:`reportdiff.timeline.Timeline.to_dict` (a history's card from
:meth:`~reportdiff.timeline.History.to_dict`) alone, so a saved JSON renders the same, through the
``track_*`` templates; the words come from ``reportdiff/data/ui/<lang>.json`` (table ``track``).

A row shows every value in **one unit and magnitude**, the one its source texts use most
(:func:`row_scale`), so 92000吨 and 15万吨 in one history read as a reader writes them:

>>> scale = row_scale([{"text": "9.2万吨", "unit": "吨"}, {"text": "15万吨", "unit": "吨"},
...                    {"text": "92000吨", "unit": "吨"}], "吨")
>>> scale.show({"value": 92000.0, "unit": "吨"}), scale.show({"value": 150000.0, "unit": "吨"})
('9.2万吨', '15万吨')

The text as written stays in each value's tooltip and in the row's source sentences.
"""

from __future__ import annotations

import hashlib
import itertools
import math
import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, NamedTuple

from . import _regex

__all__ = [
    "VERDICT_SYMBOLS",
    "RowScale",
    "render_history_fragment",
    "render_timeline_fragment",
    "render_timeline_markdown",
    "render_timeline_page",
    "render_timeline_table",
    "row_scale",
]

#: The delivery verdicts of :mod:`reportdiff.timeline`, in display order, with their symbols.
VERDICT_SYMBOLS: dict[str, str] = {"met": "✓", "exceeded": "▲", "missed": "✗", "not_reported": "?"}

_KINDS = ("target", "result")
_GOOD = frozenset({"met", "exceeded"})
_SPARK_W, _SPARK_H, _SPARK_PAD, _SPARK_GUTTER = 200.0, 54.0, 7.0, 40.0
_RENDERS = itertools.count(1)  # numbers every notebook render, so no two share an element id
_FRAGMENT_ROWS = 50  # a notebook shows the most informative histories; the rest are a call away

# --- one unit and magnitude per row ------------------------------------------------------------------

_MAGNITUDES: dict[str, float] = {"": 1.0, "万": 1e4, "亿": 1e8, "万亿": 1e12}
_WRITTEN_MAGNITUDE = _regex.compile(r"万亿|亿|万")
_NO_MAGNITUDE = frozenset({"%", "‰", "百分点", "千分点", "基点", "℃", "°"})
_MINUS = "\u2212"


def _factor(from_unit: str, to_unit: str) -> float | None:
    """The conversion the verdicts use (公里 → 米, 公顷 → 亩 …), None between unit families."""
    from .delivery import _factor as delivery_factor

    return delivery_factor(from_unit, to_unit)


def _written_magnitude(q: Mapping[str, Any]) -> str:
    """万, 亿, 万亿 or '' as the quantity is written (``4360万元`` → ``万``)."""
    m = _WRITTEN_MAGNITUDE.search(str(q.get("text") or ""))
    return m.group(0) if m else ""


def _plain(x: float) -> str:
    """A number as a report prints it: no thousands separator, no float noise, a true minus sign.

    >>> _plain(0.43600000000000005), _plain(12000.0), _plain(-2.5)
    ('0.436', '12000', '−2.5')
    """
    r = round(x, 6) or 0.0
    text = f"{abs(r):.6f}".rstrip("0").rstrip(".")
    return (_MINUS if r < 0 else "") + text


class RowScale(NamedTuple):
    """The unit and magnitude every value of one row is shown in.

    Attributes:
        unit: the row's base unit (the history's unit).
        word: 万, 亿, 万亿 or '' (none).
        step: the magnitude's value (1e4 for 万).
    """

    unit: str
    word: str = ""
    step: float = 1.0

    @property
    def label(self) -> str:
        """The unit as a reader writes it over a column: ``万吨``."""
        return f"{self.word}{self.unit}"

    def amount(self, value: float) -> str:
        """``value`` (in the row's base unit) in the row's magnitude."""
        if self.unit in ("百分点", "个百分点"):
            return f"{_plain(value)}个百分点"
        return f"{_plain(value / self.step)}{self.word}{self.unit}"

    def convert(self, q: Mapping[str, Any]) -> tuple[RowScale, float]:
        """The scale to show ``q`` in and the factor into its unit: the row's, unless ``q``'s unit is of
        another family (个 and 家), which stays as written."""
        unit = str(q.get("unit") or "")
        factor = _factor(unit, self.unit)
        if factor is None:
            word = _written_magnitude(q)
            return RowScale(unit, word, _MAGNITUDES[word]), 1.0
        return self, factor

    def show(self, q: Mapping[str, Any] | None) -> str:
        """A quantity dict in this scale, with its qualifier (≈, ≥, ≤) and ↓ for a 下降 rate."""
        from ._format import QUALIFIER_SYMBOLS

        if not q:
            return "—"
        scale, factor = self.convert(q)
        low, high = q.get("low"), q.get("high")
        if q.get("qualifier") == "range" and low is not None and high is not None and low != high:
            body = f"{scale.amount(float(low) * factor)}–{scale.amount(float(high) * factor)}"
        else:
            body = scale.amount(float(q.get("value") or 0.0) * factor)
        arrow = "↓" if q.get("direction") == "down" else ""
        return f"{arrow}{QUALIFIER_SYMBOLS.get(str(q.get('qualifier')), '')}{body}"

    def rescale(self, note: str) -> str:
        """A verdict's note with its amounts in this scale, so a tooltip does not mix magnitudes either.

        >>> RowScale("吨", "万", 1e4).rescale("result 92,000 吨 > target 80,000 吨 + 4,000 吨")
        'result 9.2万吨 > target 8万吨 + 0.4万吨'
        """
        if not self.unit or self.unit in _NO_MAGNITUDE:
            return note
        number = rf"({_MINUS}?\d[\d,]*(?:\.\d+)?)\s?(万亿|亿|万)?\s?"
        amount = _regex.compile(number + re.escape(self.unit) + r"(?![\u4e00-\u9fff/])")

        def one(m: re.Match[str]) -> str:
            number = float(m.group(1).replace(",", "").replace(_MINUS, "-"))
            return self.amount(number * _MAGNITUDES[m.group(2) or ""])

        return amount.sub(one, note)


def row_scale(quantities: Iterable[Mapping[str, Any]], unit: str) -> RowScale:
    """The magnitude the row's source texts use most for ``unit`` (a tie: the larger one)."""
    if unit in _NO_MAGNITUDE:
        return RowScale(unit)
    words = Counter(
        _written_magnitude(q) for q in quantities if _factor(str(q.get("unit") or ""), unit) is not None
    )
    if not words:
        return RowScale(unit)
    word = max(words, key=lambda w: (words[w], _MAGNITUDES[w]))
    return RowScale(unit, word, _MAGNITUDES[word])


# --- the view model ------------------------------------------------------------------------------------


def _labels(lang: str) -> dict[str, str]:
    from ._format import track_labels

    return track_labels(lang)


def _prefix(key: object, unique: bool) -> str:
    """The element-id prefix of one render: none on a page (readable links such as ``#h2``); in a
    notebook a counter and a short hash of ``key``, so two displays never share an id."""
    if not unique:
        return ""
    digest = hashlib.blake2s(repr(key).encode("utf-8"), digest_size=3).hexdigest()
    return f"tl{next(_RENDERS)}{digest}-"


def _sentence_parts(obs: Mapping[str, Any]) -> tuple[str, str, str]:
    """The observation's sentence split around its quantity: (before, quantity, after)."""
    sentence, clause = str(obs.get("sentence") or ""), str(obs.get("text") or "")
    qtext = str((obs.get("quantity") or {}).get("text") or "")
    base = sentence.find(clause) if clause else -1
    at = sentence.find(qtext, max(base, 0)) if qtext else -1
    if at < 0:
        return sentence, "", ""
    return sentence[:at], qtext, sentence[at + len(qtext) :]


def _file_name(path: Any) -> str:
    """Only a file's name: a page that is emailed must not reveal the folders of whoever made it."""
    return re.split(r"[/\\]", str(path or ""))[-1]


def _gloss(cid: Any) -> str:
    from .indicators import gloss

    return gloss(str(cid)) if cid else ""


class _Row:
    """Builds one history's row in one pass over its entries: cells, sources, sparkline points, tally."""

    def __init__(
        self, h: Mapping[str, Any], t: Mapping[str, str], lang: str, prefix: str, sources: bool
    ) -> None:
        self.h, self.t, self.lang, self.prefix, self.with_sources = h, t, lang, prefix, sources
        self.entries = list(h.get("entries") or [])
        observed = [e[k] for e in self.entries for k in _KINDS if e.get(k)]
        self.scale = row_scale((o.get("quantity") or {} for o in observed), str(h.get("unit") or ""))
        directions = [(o.get("quantity") or {}).get("direction") for o in observed]
        self.reference = next((str(d) for d in directions if d), None)
        self.wordings = {str(o.get("indicator") or "") for o in observed}
        self.tally: Counter[str] = Counter()  # years by verdict ('pending': not reported, no later report)
        self.verdicts = {str(e["verdict"]) for e in self.entries if e.get("verdict")}
        self.sources: list[dict[str, Any]] = []
        self.points: list[dict[str, Any]] = []

    def cell(self, e: Mapping[str, Any]) -> dict[str, Any]:
        t, year = self.t, int(e["year"])
        verdict = str(e.get("verdict") or "none")
        pending = e.get("rule") == "no-later-report"
        self.tally["pending" if pending else verdict] += 1
        note = self.scale.rescale(str(e.get("note") or ""))
        if pending:
            note = t["no_later_report"]
        elif e.get("link") == "history":
            note = f"{note} ({t['link_history']})"
        cell = {
            "year": year,
            "verdict": verdict,
            "pending": pending,
            "symbol": VERDICT_SYMBOLS.get(verdict, ""),
            "short": t["short_pending"] if pending else t.get(f"short_{verdict}", ""),
            "label": t["pending"] if pending else t[f"verdict_{verdict}"],
            "note": note,
        }
        for kind in _KINDS:
            cell[kind] = self.value(e, kind, verdict) if e.get(kind) else None
        return cell

    def value(self, e: Mapping[str, Any], kind: str, verdict: str) -> dict[str, Any]:
        obs, year, t = e[kind], int(e["year"]), self.t
        q = obs.get("quantity") or {}
        shown = self.scale.show(q)
        anchor = f"{self.prefix}{self.h['id']}-{year}-{kind[0]}"
        self.point(year, kind, q, verdict, obs, f"{year} {t[kind]} {shown}")
        if self.with_sources:
            self.source(obs, year, kind, anchor, verdict)
        qtext = str(q.get("text") or "")
        return {
            "value": shown,
            "title": t["as_written"].format(text=qtext) if qtext and qtext != shown else "",
            "href": f"#{anchor}" if self.with_sources else "",
        }

    def point(
        self, year: int, kind: str, q: Mapping[str, Any], verdict: str, obs: Mapping[str, Any], title: str
    ) -> None:
        """A sparkline point: the value in the row's unit, negated when its direction is not the row's."""
        _, factor = self.scale.convert(q)
        v, lo, hi = (float(q.get(k) or 0.0) * factor for k in ("value", "low", "high"))
        d = q.get("direction")
        if self.reference and d and d != self.reference:
            v, lo, hi = -v, -hi, -lo
        if kind == "result" and verdict != "none":
            title += f" · {VERDICT_SYMBOLS.get(verdict, '')} {self.t.get('verdict_' + verdict, '')}"
        self.points.append(
            {
                "year": year,
                "kind": kind,
                "v": v,
                "lo": lo,
                "hi": hi,
                "verdict": verdict,
                "range": q.get("qualifier") == "range" and lo != hi,
                "floor": q.get("qualifier") in ("at_least", "more_than"),
                "ceiling": bool(obs.get("ceiling")),
                "title": title,
            }
        )

    def source(self, obs: Mapping[str, Any], year: int, kind: str, anchor: str, verdict: str) -> None:
        from ._format import section_label

        before, q, after = _sentence_parts(obs)
        self.sources.append(
            {
                "anchor": anchor,
                "year": year,
                "kind": kind,
                "kind_label": self.t[kind],
                "report": self.t["report_of"].format(y=obs.get("report_year")),
                "source": _file_name(obs.get("source")),
                "section": section_label(obs.get("section"), self.lang),
                "before": before,
                "q": q,
                "after": after,
                "verdict": verdict,
            }
        )

    def build(self, years: Sequence[int], order: int) -> dict[str, Any]:
        by_year = {int(e["year"]): e for e in self.entries}
        cells = [self.cell(by_year[y]) if y in by_year else None for y in years]
        h, tally = self.h, self.tally
        good = tally["met"] + tally["exceeded"]
        judged = good + tally["missed"]
        counted = judged + tally["not_reported"]
        gloss = _gloss(h.get("canonical"))
        indicator = str(h.get("indicator") or "—")
        return {
            "id": h["id"],
            "dom_id": f"{self.prefix}{h['id']}",
            "order": order,
            "indicator": indicator,
            "gloss": gloss,
            "show_gloss": bool(gloss) and self.lang == "en",
            "q": " ".join(x for x in (gloss, str(h.get("canonical") or ""), *sorted(self.wordings)) if x),
            "unit": self.scale.label,
            "cells": cells,
            "sources": self.sources,
            "spark": _spark(self.points, years, self.scale),
            "judged": judged,
            "good": good,
            "counted": counted,
            "missed": tally["missed"],
            "rate": _pct(good, judged),
            "rate_all": _pct(good, counted),
            "rate_sort": f"{good / judged:.4f}" if judged else "",
            "rate_all_sort": f"{good / counted:.4f}" if counted else "",
            "verdicts": " ".join(sorted(self.verdicts)),
            "tally": tally,
        }


def _pct(part: int, whole: int) -> str:
    return f"{round(100 * part / whole)}%" if whole else "—"


def _spark(points: Sequence[Mapping[str, Any]], years: Sequence[int], scale: RowScale) -> dict[str, Any]:
    """The geometry of one row's sparkline, on the timeline's common year axis."""
    n = max(len(years) - 1, 1)
    left = _SPARK_GUTTER + _SPARK_PAD
    x_of = {y: round(left + i * (_SPARK_W - left - _SPARK_PAD) / n, 1) for i, y in enumerate(years)}
    values = [p[k] for p in points for k in ("v", "lo", "hi")]
    top, bottom = (max(values), min(values)) if values else (1.0, 0.0)
    shown = [top] if math.isclose(top, bottom) else [top, bottom]
    if math.isclose(top, bottom):
        top, bottom = top + (abs(top) * 0.1 or 1.0), bottom - (abs(bottom) * 0.1 or 1.0)
    span = top - bottom

    def y(v: float) -> float:
        return round(_SPARK_H - _SPARK_PAD - (v - bottom) / span * (_SPARK_H - 2 * _SPARK_PAD), 1)

    def lines(kind: str) -> list[str]:
        seq = sorted((p["year"], p["v"]) for p in points if p["kind"] == kind)
        runs: list[list[str]] = []
        for i, (year, v) in enumerate(seq):
            if i == 0 or seq[i - 1][0] != year - 1:
                runs.append([])
            runs[-1].append(f"{x_of[year]:g},{y(v):g}")
        return [" ".join(r) for r in runs if len(r) > 1]

    marks = [_mark(p, x_of[p["year"]], y) for p in sorted(points, key=lambda p: p["kind"] == "result")]
    return {
        "w": f"{_SPARK_W:g}",
        "h": f"{_SPARK_H:g}",
        "targets": lines("target"),
        "results": lines("result"),
        "marks": marks,
        "ticks": "".join(f"M{x:g} 2V{_SPARK_H - 2:g}" for x in x_of.values()),
        "axis": [{"y": f"{y(v):g}", "text": scale.amount(v)} for v in shown],
        "gutter": f"{_SPARK_GUTTER:g}",
    }


def _mark(p: Mapping[str, Any], x: float, y: Callable[[float], float]) -> dict[str, Any]:
    """One point of the sparkline, drawn (results over targets; a tick over 以上, under a ceiling)."""
    v = y(p["v"])
    return {
        **p,
        "x": f"{x:g}",
        "y": f"{v:g}",
        "y_lo": f"{y(p['lo']):g}",
        "y_hi": f"{y(p['hi']):g}",
        "x_l": f"{x - 4:g}",
        "y_up": f"{v - 6:g}",
        "y_down": f"{v + 6:g}",
    }


def _years(histories: Sequence[Mapping[str, Any]], reports: Sequence[Mapping[str, Any]]) -> list[int]:
    return sorted(
        {int(e["year"]) for h in histories for e in h.get("entries") or []}
        | {int(r["year"]) for r in reports}
    )


def _span(years: Sequence[int]) -> str:
    if not years:
        return ""
    return f"{years[0]}–{years[-1]}" if years[0] != years[-1] else str(years[0])


def _cards(tally: Mapping[str, int], t: Mapping[str, str]) -> list[dict[str, Any]]:
    """The four verdict cards, then the delivery rate without and with the unreported target-years."""
    counts = {v: tally.get(v, 0) for v in VERDICT_SYMBOLS}
    counts["not_reported"] += tally.get("pending", 0)
    pending = tally.get("pending", 0)
    cards = [
        {
            "kind": v,
            "symbol": VERDICT_SYMBOLS[v],
            "label": t[f"verdict_{v}"],
            "n": str(counts[v]),
            "unit": "",
            "help": t[f"help_{v}"]
            + (t["pending_help"].format(n=pending) if v == "not_reported" and pending else ""),
        }
        for v in VERDICT_SYMBOLS
    ]
    good = tally.get("met", 0) + tally.get("exceeded", 0)
    judged = good + tally.get("missed", 0)
    counted = judged + tally.get("not_reported", 0)
    for kind, whole, help_key in (
        ("rate", judged, "rate_help"),
        ("rate_all", counted, "rate_all_help" if pending else "rate_all_help_none"),
    ):
        pct = _pct(good, whole)
        cards.append(
            {
                "kind": kind,
                "symbol": "",
                "label": t[kind],
                "n": pct.rstrip("%"),
                "unit": "%" if whole else "",
                "help": t[help_key].format(good=good, n=whole, pending=pending),
            }
        )
    return cards


_SORTS = ("order", "indicator", "rate_asc", "rate_desc", "rate_all_asc", "missed_desc")


def _view(data: Mapping[str, Any], lang: str, mode: str) -> dict[str, Any]:
    """What the timeline templates show, from ``Timeline.to_dict()`` alone (``mode``: page or fragment)."""
    t = _labels(lang)
    reports = list(data.get("reports") or [])
    prefix = _prefix((data.get("region"), [r.get("source") for r in reports]), mode == "fragment")
    histories = list(data.get("histories") or [])
    years = _years(histories, reports)
    with_sources = mode == "page"
    tally: Counter[str] = Counter()
    rows = []
    for order, h in enumerate(histories):
        row = _Row(h, t, lang, prefix, with_sources).build(years, order)
        tally.update(row.pop("tally"))
        rows.append(row)
    targets = sum(tally[k] for k in (*VERDICT_SYMBOLS, "pending"))
    judged = tally["met"] + tally["exceeded"] + tally["missed"]
    rules = data.get("rules") or {}
    return {
        "t": t,
        "lang": lang,
        "mode": mode,
        "full": mode == "page",
        "p": prefix,
        "html_lang": t["html_lang"],
        "text_lang": "zh-CN",
        "region": data.get("region") or "",
        "span": _span([int(r["year"]) for r in reports]),
        "year_span": _span(years),
        "years": years,
        "reports": [{"year": r["year"], "source": _file_name(r.get("source"))} for r in reports],
        "cards": _cards(tally, t),
        "target_years": t["target_years"].format(n=targets, judged=judged),
        "rows": rows if mode != "fragment" else rows[:_FRAGMENT_ROWS],
        "n_rows": len(rows),
        "n_judged_rows": sum(1 for r in rows if r["judged"]),
        "with_sources": with_sources,
        "note": _fragment_note(rows, t) if mode == "fragment" else "",
        "sorts": [{"key": s, "label": t[f"sort_{s}"]} for s in _SORTS],
        "warnings": list(data.get("warnings") or []),
        "method": t["method_text"].format(
            points=f"{float(rules.get('points', 0.5)):g}",
            relative=f"{100 * float(rules.get('relative', 0.05)):g}",
        ),
        "data": {"labels": {"shown": t["shown"]}},
    }


def _fragment_note(rows: Sequence[Mapping[str, Any]], t: Mapping[str, str]) -> str:
    """What a notebook display leaves out (the source sentences, the histories after the first 50)."""
    if not rows:
        return ""
    note = t["fragment_note"].format(id=rows[0]["id"])
    if len(rows) > _FRAGMENT_ROWS:
        note = t["fragment_more"].format(n=_FRAGMENT_ROWS, total=len(rows)) + note
    return note


def _history_view(h: Mapping[str, Any], lang: str) -> dict[str, Any]:
    """What a history's card shows, from ``History.to_dict()`` alone."""
    t = _labels(lang)
    prefix = _prefix((h.get("id"), h.get("indicator"), len(h.get("entries") or [])), True)
    years = sorted(int(e["year"]) for e in h.get("entries") or [])
    row = _Row(h, t, lang, prefix, True).build(years, 0)
    row.pop("tally")
    return {
        "t": t,
        "lang": lang,
        "p": prefix,
        "html_lang": t["html_lang"],
        "text_lang": "zh-CN",
        "years": years,
        "row": row,
        "span": t["history_years"].format(first=years[0], last=years[-1], n=len(years)) if years else "",
    }


# --- rendering -------------------------------------------------------------------------------------------


def _css(full: bool) -> str:
    """The timeline's own stylesheet (standalone: it shares no rule with the compare page's)."""
    from ._templates import stylesheet

    return stylesheet(full, "track_style.css.j2")


def _js() -> str:
    """The timeline's one script (static: the page's CSP hash never depends on the data)."""
    from ._templates import script

    return script("track_script.js.j2")


def _render(template: str, **context: Any) -> str:
    from ._templates import environment

    return environment().get_template(template).render(**context)


def render_timeline_fragment(data: Mapping[str, Any], *, lang: str = "zh") -> str:
    """A timeline (``Timeline.to_dict()``) as an HTML fragment for a notebook: scoped styles, ids unique
    to this render, no source sentences (a history's own display has them)."""
    from markupsafe import Markup

    return _render(
        "track_fragment.html.j2",
        v=_view(data, lang, "fragment"),
        full=False,
        css=Markup(_css(False)),
        js=Markup(_js()),
    )


def render_timeline_page(data: Mapping[str, Any], *, lang: str = "zh") -> str:
    """A timeline as one self-contained page: inline style and script allowed by hash, no network."""
    from markupsafe import Markup

    from ._format import content_security_policy

    css, js = _css(True), _js()
    return _render(
        "track_page.html.j2",
        v=_view(data, lang, "page"),
        full=True,
        css=Markup(css),
        js=Markup(js),
        csp=content_security_policy(css, js),
    )


def render_history_fragment(history: Mapping[str, Any], *, lang: str = "zh") -> str:
    """One history (``History.to_dict()``) as a small card: its years, targets, results, verdicts and
    source sentences (notebook display)."""
    from markupsafe import Markup

    return _render("track_history.html.j2", v=_history_view(history, lang), css=Markup(_css(False)))


def _indicator_text(r: Mapping[str, Any]) -> str:
    return f"{r['gloss']} ({r['indicator']})" if r["show_gloss"] else str(r["indicator"])


def render_timeline_markdown(data: Mapping[str, Any], *, lang: str = "zh") -> str:
    """The timeline as a Markdown table: one row per history, one column per year."""
    from ._format import md_cell as _md_cell

    v = _view(data, lang, "markdown")
    t = v["t"]
    lines = [f"# {_md_cell(v['region'])} {v['span']} {t['title_suffix']}", ""]
    lines.append(" · ".join(f"{c['symbol']} {c['label']} {c['n']}{c['unit']}".strip() for c in v["cards"]))
    lines += ["", v["target_years"], ""]
    head = [
        t["col_id"],
        t["col_indicator"],
        *[t["year_col"].format(y=y) for y in v["years"]],
        f"{t['col_rate']} ({t['col_rate_sub']})",
    ]
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
        rate = f"{r['rate']} / {r['rate_all']}"
        name = f"{_indicator_text(r)} ({r['unit']})" if r["unit"] else _indicator_text(r)
        row = [r["id"], name, *cells, rate]
        lines.append("| " + " | ".join(_md_cell(x) for x in row) + " |")
    lines.append("")
    return "\n".join(lines)


def render_timeline_table(data: Mapping[str, Any], *, lang: str = "zh") -> str:
    """A terminal table: one row per history with its targets, results and verdicts by year."""
    from ._io import text_table

    v = _view(data, lang, "table")
    t = v["t"]
    counts = ", ".join(f"{c['n']}{c['unit']} {c['label']}" for c in v["cards"])
    columns = [t["col_id"], t["col_indicator"], *[str(y) for y in v["years"]], t["col_rate"]]
    rows = []
    for r in v["rows"]:
        cells = [
            ""
            if c is None
            else "\n".join(
                (
                    c["target"]["value"] if c["target"] else "—",
                    c["result"]["value"] if c["result"] else "—",
                    c["symbol"],
                )
            ).rstrip()
            for c in r["cells"]
        ]
        rows.append([r["id"], _indicator_text(r), *cells, f"{r['rate']}\n{r['rate_all']}"])
    return text_table(f"{v['region']} {v['span']}: {counts}", columns, rows, width=200)
