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

from collections.abc import Mapping
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


def render_markdown(diff: ReportDiffLike | Mapping[str, Any], *, lang: str = "zh") -> str:
    """The diff as Markdown: a header, the summary and the indicators table (for pasting into issues)."""
    data = _as_dict(diff)
    v = _templates.view(data, lang=lang)
    t = v["t"]
    old, new = v["old"], v["new"]
    lines = [
        f"# {md_cell(t['doc_title'])}{t['colon']}"
        f"{md_cell(old['label'])} {t['arrow']} {md_cell(new['label'])}",
        "",
        f"- {t[v['k_old']]}{t['colon']}{md_cell(old['long'])}",
        f"- {t[v['k_new']]}{t['colon']}{md_cell(new['long'])}",
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
    lines.append("| " + " | ".join(md_cell(h) for h in head) + " |")
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
        lines.append("| " + " | ".join(md_cell(c) for c in cells) + " |")
    lines.append("")
    return "\n".join(lines)
