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

from collections.abc import Iterable, Mapping
from typing import Any, Protocol

from . import _templates
from ._format import (  # re-exported: the formatting is part of the render stage
    STATUS_ORDER,
    SYMBOLS,
    content_security_policy,
    format_change,
    format_number,
    format_quantity,
    json_for_script,
    md_cell,
)


class ReportDiffLike(Protocol):
    """Anything whose ``to_dict()`` is the compare JSON contract (a :class:`reportdiff.ReportDiff`)."""

    def to_dict(self) -> dict[str, Any]: ...


__all__ = [
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
    "render_table",
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
        return _templates.render_fragment(data, lang=lang, aligned=True)
    return _templates.render_page(data, lang=lang)


def _key_lines(v: Mapping[str, Any]) -> list[tuple[str, list[str]]]:
    """The key-changes groups as (title, one line per row); a group's note follows its title."""
    out = []
    for g in v["key"]:
        lines = []
        for r in g["rows"]:
            if g["kind"] == "commitment":
                verdict = f" {r['verdict_label']}" if r["verdict_label"] else ""
                old = r["old"]["value"] if r["old"] else "—"
                new = r["new"]["value"] if r["new"] else "—"
                change = f" ({r['change']})" if r["change"] != "—" else ""
                lines.append(
                    f"{r['symbol']} {r['status_label']}{verdict} {r['indicator']}: {old} → {new}{change}"
                )
            else:
                side = r["new"] or r["old"]
                lines.append(
                    f"{r['symbol']} {r['status_label']} {r['name']} ({side['kind']} · {side['stage_label']})"
                )
        out.append((f"{g['title']} ({g['note']})" if g["note"] else g["title"], lines))
    return out


def render_markdown(diff: ReportDiffLike | Mapping[str, Any], *, lang: str = "zh") -> str:
    """The diff as Markdown (for pasting into issues): the key changes first, then the summary, the
    commitments (with the checks a reader should make), the named initiatives and the words that rose
    and fell."""
    from .view import page

    v = page(_as_dict(diff), lang=lang, aligned=False)
    blocks = (_md_head, _md_key, _md_commitments, _md_initiatives, _md_terms)
    return "\n".join(line for block in blocks for line in block(v)) + "\n"


def _md_table(head: list[str], rows: Iterable[list[str]]) -> list[str]:
    lines = ["| " + " | ".join(md_cell(h) for h in head) + " |", "|" + "|".join("---" for _ in head) + "|"]
    return lines + ["| " + " | ".join(md_cell(c) for c in r) + " |" for r in rows]


def _md_head(v: Mapping[str, Any]) -> list[str]:
    t, old, new = v["t"], v["old"], v["new"]
    return [
        f"# {md_cell(t['doc_title'])}{t['colon']}{md_cell(old['label'])} {t['arrow']} "
        f"{md_cell(new['label'])}",
        "",
        f"- {t[v['k_old']]}{t['colon']}{md_cell(old['long'])}",
        f"- {t[v['k_new']]}{t['colon']}{md_cell(new['long'])}",
        "",
    ]


def _md_key(v: Mapping[str, Any]) -> list[str]:
    t = v["t"]
    lines = [f"## {t['key_changes']}", ""]
    for title, rows in _key_lines(v) or [(t["key_none"], [])]:
        lines += [f"**{md_cell(title)}**", "", *(f"- {md_cell(r)}" for r in rows), ""]
    counts = " · ".join(f"{s['symbol']} {s['label']} {s['count']}" for s in v["summary"])
    checked = f" · ⚠ {t['check_bucket']} {v['checked']} ({t['total'].format(n=v['total'])})"
    return [*lines, f"## {t['overview']}", "", counts + checked, ""]


def _md_commitments(v: Mapping[str, Any]) -> list[str]:
    t = v["t"]
    rows = ([*_row_cells(r), f"{r['part_label']} · {r['section_label']}"] for r in v["rows"])
    return [f"## {t['commitments']}", "", *_md_table([*_row_columns(v), t["col_section"]], rows), ""]


def _md_initiatives(v: Mapping[str, Any]) -> list[str]:
    t = v["t"]
    if not v["initiatives"]:
        return [f"## {t['initiatives']}", "", t["no_initiatives"], ""]
    head = [t["col_id"], t["col_status"], t["col_name"], t["col_kind"], t[v["k_old"]], t[v["k_new"]]]
    rows = (
        [
            r["id"],
            f"{r['symbol']} {r['status_label']}",
            f"⚠ {r['name']}" if r["check_name"] else r["name"],
            (r["new"] or r["old"])["kind"],
            r["old"]["stage_label"] if r["old"] else "—",
            r["new"]["stage_label"] if r["new"] else "—",
        ]
        for r in v["initiatives"]
    )
    note = [f"⚠ {t['check_namehood']}", ""] if v["initiatives_to_check"] else []
    return [f"## {t['initiatives']}", "", *_md_table(head, rows), "", *note]


def _md_terms(v: Mapping[str, Any]) -> list[str]:
    t = v["t"]
    lines = [f"## {t['terms']}", ""]
    for name in ("rose", "fell"):
        terms = ", ".join(f"{x['term']} ({x['old']}→{x['new']})" for x in v["terms"][name])
        lines.append(f"- {t['terms_' + name]}{t['colon']}{md_cell(terms) or '—'}")
    return lines


def _row_columns(v: Mapping[str, Any]) -> list[str]:
    """The columns of a commitment row in Markdown and the terminal (in the comparison's own words)."""
    t = v["t"]
    keys: list[str] = ["col_id", "col_status", "col_indicator", v["k_old_value"], v["k_new_value"]]
    keys += [v["k_change"], "checks"]
    return [t[k] for k in keys]


def _row_cells(r: Mapping[str, Any]) -> list[str]:
    status = f"{r['symbol']} {r['status_label']}" + (f" {r['verdict_label']}" if r["verdict_label"] else "")
    return [
        r["id"],
        status,
        r["indicator"],
        r["old"]["value"] if r["old"] else "—",
        r["new"]["value"] if r["new"] else "—",
        r["change"],
        "; ".join(c["text"] for c in r["checks"]),
    ]


def render_table(diff: ReportDiffLike | Mapping[str, Any], *, lang: str = "zh", width: int = 160) -> str:
    """The diff for a terminal: the key changes first, then one row per commitment (status in the
    comparison's own words: 高于目标/低于目标/计划外/未报告 for a delivery comparison) with its checks."""
    from ._io import text_table
    from .view import page

    v = page(_as_dict(diff), lang=lang, aligned=False)
    t = v["t"]
    out = [f"{t['key_changes']}: {v['old']['label']} {t['arrow']} {v['new']['label']}"]
    for title, items in _key_lines(v):
        out += [f"  {title}", *(f"    {r}" for r in items)]
    if not v["key"]:
        out.append(f"  {t['key_none']}")
    counts = ", ".join(f"{s['count']} {s['label']}" for s in v["summary"])
    rows = [_row_cells(r) for r in v["rows"]]
    columns = _row_columns(v)
    table = text_table(
        f"{v['old']['label']} {t['arrow']} {v['new']['label']}: {counts}", columns, rows, width=width
    )
    return "\n".join(out) + "\n\n" + table
