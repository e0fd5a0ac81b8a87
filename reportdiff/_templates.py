"""The Jinja2 environment shared by every HTML output (pages and notebook fragments).

Templates live in the top-level ``templates/`` folder of the source tree,
installed as the ``reportdiff.templates`` package. They render from the plain
``to_dict()`` forms of the results, so any stage can display itself without
importing a later one.

:func:`view` turns a compare dict (``ReportDiff.to_dict()``) into what the
templates show: formatted values, anchors between the table and the aligned
text, sentence pieces with their token diff and quantity marks. It reads only
the dict, never the pipeline.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Mapping, Sequence
from functools import lru_cache
from typing import Any

import jinja2
from markupsafe import Markup

_CN_DIGITS = "零一二三四五六七八九"


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    from importlib.resources import files

    from ._format import format_change, format_quantity, json_for_script

    folder = files("reportdiff.templates")
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(folder)),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["quantity"] = format_quantity
    env.filters["format_quantity"] = format_quantity
    env.filters["change"] = format_change
    env.filters["format_change"] = format_change
    env.filters["json_script"] = lambda data: Markup(json_for_script(data))
    env.filters["section_label"] = section_label
    env.globals["labels"] = _labels
    return env


def _labels(lang: str) -> dict[str, str]:
    from ._format import labels

    return labels(lang)


@lru_cache(maxsize=4)
def stylesheet(full: bool) -> str:
    """The CSS of the page (``full``) or of a fragment (scoped under ``.rd-root`` only)."""
    css = environment().get_template("_style.css.j2").render(full=full)
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    return "\n".join(line for line in css.splitlines() if line.strip()) + "\n"


@lru_cache(maxsize=1)
def script() -> str:
    """The page's one inline script (static: its CSP hash never depends on the data)."""
    return environment().get_template("_script.js.j2").render().strip() + "\n"


def render_fragment(diff: dict[str, Any], *, lang: str = "zh") -> str:
    """The compare summary as an HTML fragment with scoped styles (notebook display)."""
    return (
        environment()
        .get_template("fragment.html.j2")
        .render(
            diff=diff,
            v=view(diff, lang=lang),
            lang=lang,
            full=False,
            css=Markup(stylesheet(False)),
            js=Markup(script()),
        )
    )


def render_page(diff: dict[str, Any], *, lang: str = "zh") -> str:
    """The compare result as a whole self-contained page (the fragment inside, CSP by hash)."""
    from ._format import content_security_policy

    css, js = stylesheet(True), script()
    return (
        environment()
        .get_template("page.html.j2")
        .render(
            diff=diff,
            v=view(diff, lang=lang),
            lang=lang,
            full=True,
            css=Markup(css),
            js=Markup(js),
            csp=content_security_policy(css, js),
        )
    )


def render_commitments(rows: list[dict[str, Any]], *, lang: str = "zh") -> str:
    """A list of commitments (their ``to_dict()`` forms) as an HTML table fragment."""
    return (
        environment()
        .get_template("commitments.html.j2")
        .render(
            commitments=rows,
            lang=lang,
            full=False,
            t=_labels(lang),
            css=Markup(stylesheet(False)),
            clause=_clause_parts,
        )
    )


def render_report(report: dict[str, Any], *, lang: str = "zh") -> str:
    """A report's metadata and section tree (``Report.to_dict()``) as an HTML fragment."""
    return (
        environment()
        .get_template("report.html.j2")
        .render(
            report=report,
            lang=lang,
            full=False,
            t=_labels(lang),
            css=Markup(stylesheet(False)),
        )
    )


# --- small helpers ------------------------------------------------------------------------------


def _cn_number(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 23 → 二十三 (section numbers only)."""
    if n <= 0 or n >= 100:
        return str(n)
    tens, ones = divmod(n, 10)
    out = ("" if tens == 1 else _CN_DIGITS[tens]) + "十" if tens else ""
    return out + (_CN_DIGITS[ones] if ones else "")


def section_number(path: str, lang: str = "zh") -> str:
    """A dotted section path as the report writes it: ``2.3`` → ``二（三）`` in Chinese.

    >>> section_number("2.3"), section_number("1.2.4"), section_number("2.3", "en")
    ('二（三）', '一（二）4.', '2.3')
    """
    if lang != "zh" or not re.fullmatch(r"\d+(\.\d+)*", path or ""):
        return path or ""
    parts = [int(p) for p in path.split(".")]
    if parts == [0]:
        return ""
    out = []
    for level, n in enumerate(parts, start=1):
        if level == 1:
            out.append(_cn_number(n) + ("、" if len(parts) == 1 else ""))
        elif level == 2:
            out.append(f"（{_cn_number(n)}）")
        else:
            out.append(f"{n}.")
    return "".join(out)


def section_label(section: Mapping[str, Any] | None, lang: str = "zh") -> str:
    """``{"path": "2.3", "title": "…"}`` → ``二（三）…``."""
    if not section:
        return ""
    number = section_number(str(section.get("path") or ""), lang)
    title = str(section.get("title") or "")
    sep = "" if (lang == "zh" and number.endswith(("、", "）", "."))) or not number else " "
    return f"{number}{sep}{title}".strip()


def _path_key(path: str) -> str:
    """A sortable key for a dotted path (``2.10`` after ``2.9``)."""
    return ".".join(p.zfill(4) for p in str(path).split("."))


def _clause_parts(side: Mapping[str, Any]) -> tuple[str, str, str]:
    """A commitment side's clause split around its quantity: (before, quantity, after)."""
    text = str(side.get("text") or "")
    q = side.get("quantity") or {}
    qtext = str(q.get("text") or "")
    i = text.find(qtext) if qtext else -1
    if i < 0:
        return text, "", ""
    return text[:i], qtext, text[i + len(qtext) :]


def _side_meta(side: Mapping[str, Any], t: Mapping[str, str]) -> dict[str, Any]:
    region = side.get("region") or ""
    year = side.get("year")
    part = str(side.get("part") or "all")
    # Only the file's name: a page that is emailed must not reveal the folders of whoever made it.
    source = re.split(r"[/\\]", str(side.get("source") or ""))[-1]
    name = region or re.sub(r"\.[A-Za-z]+$", "", source) or "?"
    part_label = t.get(f"part_{part}", part)
    label = f"{name} {year}" if year else name
    label = label + ("" if part == "all" else f" · {part_label}")
    title = side.get("title") or ""
    long = " · ".join(str(x) for x in (region, title or (f"{year}" if year else ""), part_label) if x)
    return {
        "region": region,
        "year": year,
        "part": part,
        "part_label": part_label,
        "title": title,
        "source": source,
        "label": label,
        "long": f"{long} ({source})" if source else long,
    }


def _qualifier_word(q: str | None, t: Mapping[str, str]) -> str:
    from ._format import QUALIFIER_SYMBOLS

    key = q or "exact"
    symbol = QUALIFIER_SYMBOLS.get(key, "＝" if key == "exact" else "")
    word = t.get(f"q_{key}", key)
    return f"{symbol} {word}".strip()


_NOTE_QUALIFIER = re.compile(r"^qualifier (\w+) → (\w+)$")
_NOTE_DIRECTION = re.compile(r"^direction (\w+) → (\w+)")
_NOTE_UNIT = re.compile(r"^unit (.*) → (.*)$")


def _translate_note(note: str, t: Mapping[str, str], status: Mapping[str, str]) -> str:
    m = _NOTE_QUALIFIER.match(note)
    if m:
        return t["note_qualifier"].format(a=_qualifier_word(m[1], t), b=_qualifier_word(m[2], t))
    m = _NOTE_DIRECTION.match(note)
    if m:
        return t["note_direction"].format(a=t.get(f"dir_{m[1]}", m[1]), b=t.get(f"dir_{m[2]}", m[2]))
    if note.startswith("a 下降 rate"):
        return t["note_down"].format(**status)
    if note.startswith("a ceiling"):
        return t["note_ceiling"].format(**status)
    m = _NOTE_UNIT.match(note)
    if m:
        return t["note_unit"].format(a=m[1], b=m[2])
    return note


def _qualifier_change(notes: Sequence[str], t: Mapping[str, str]) -> str:
    for note in notes:
        m = _NOTE_QUALIFIER.match(note)
        if m:
            return f"{_qualifier_word(m[1], t)} → {_qualifier_word(m[2], t)}"
    return ""


def _fmt(x: Any) -> str:
    """A score for people: ``62.0`` → ``62``, ``None`` → ``''``."""
    from ._format import format_number

    return "" if x is None else format_number(float(x), decimals=1)


def _num(x: Any) -> str:
    """A number for a ``data-`` sort key ('' when missing)."""
    if x is None:
        return ""
    try:
        return repr(float(x))
    except (TypeError, ValueError):
        return ""


# --- sentence pieces -----------------------------------------------------------------------------


def _segments(text: str, ops: Sequence[Mapping[str, Any]], side: str) -> list[tuple[int, int, bool]]:
    """(start, end, changed) spans of ``text`` from the token diff ``ops`` for one side."""
    if not ops:
        return [(0, len(text), False)]
    spans: list[tuple[int, int, bool]] = []
    pos = 0
    for op in ops:
        tag = op.get("tag")
        piece = str(op.get(side) or "")
        if not piece or (side == "old" and tag == "insert") or (side == "new" and tag == "delete"):
            continue
        spans.append((pos, pos + len(piece), tag != "equal"))
        pos += len(piece)
    if pos != len(text) or "".join(text[a:b] for a, b, _ in spans) != text:
        return [(0, len(text), False)]  # ops do not spell the sentence: show it plain
    return spans


def _pieces(
    text: str,
    spans: list[tuple[int, int, bool]],
    marks: list[tuple[int, int, dict[str, Any]]],
    change_tag: str,
) -> list[dict[str, Any]]:
    """Chunks of a sentence: runs inside one quantity mark (or none), each a list of (text, del/ins)."""
    cuts = {0, len(text)}
    for a, b, _ in spans:
        cuts.update((a, b))
    for a, b, _ in marks:
        cuts.update((a, b))
    points = sorted(c for c in cuts if 0 <= c <= len(text))
    chunks: list[dict[str, Any]] = []
    for a, b in itertools.pairwise(points):
        if a == b:
            continue
        changed = next((c for s, e, c in spans if s <= a < e), False)
        mark = next((m for s, e, m in marks if s <= a < e), None)
        tag = change_tag if changed else ""
        if chunks and chunks[-1]["q"] is mark:
            parts = chunks[-1]["parts"]
            if parts[-1]["chg"] == tag:
                parts[-1]["text"] += text[a:b]
            else:
                parts.append({"text": text[a:b], "chg": tag})
        else:
            chunks.append({"q": mark, "parts": [{"text": text[a:b], "chg": tag}]})
    return chunks


class _Marks:
    """The quantities of one side's commitments, by offset, to mark inside sentences."""

    def __init__(self, prefix: str) -> None:
        self.prefix = prefix
        self.by_start: dict[int, list[dict[str, Any]]] = {}
        self.starts: list[int] = []
        self.placed: dict[str, str] = {}  # row id → anchor id, for commitments marked in the text
        self.section_of: dict[str, int] = {}  # row id → index of the aligned section holding it

    def add(self, start: int, info: dict[str, Any]) -> None:
        self.by_start.setdefault(start, []).append(info)

    def freeze(self) -> None:
        self.starts = sorted(self.by_start)

    def find(self, text: str, base: int, section: int) -> list[tuple[int, int, dict[str, Any]]]:
        found: list[tuple[int, int, dict[str, Any]]] = []
        lo = bisect.bisect_left(self.starts, base)
        hi = bisect.bisect_left(self.starts, base + len(text))
        taken_until = -1
        for start in self.starts[lo:hi]:
            infos = self.by_start[start]
            qtext = infos[0]["qtext"]
            a = start - base
            if not qtext or text[a : a + len(qtext)] != qtext:
                continue
            if a < taken_until:
                continue
            b = a + len(qtext)
            taken_until = b
            anchor = f"{self.prefix}-{start}"
            first = infos[0]
            mark = {
                "id": anchor,
                "href": f"#row-{first['row']}",
                "status": first["status"],
                "title": " / ".join(i["title"] for i in infos),
            }
            for i in infos:
                self.placed.setdefault(i["row"], anchor)
                self.section_of.setdefault(i["row"], section)
            found.append((a, b, mark))
        return found


# --- the view ------------------------------------------------------------------------------------


def view(diff: Mapping[str, Any], *, lang: str = "zh") -> dict[str, Any]:
    """What the compare templates show, computed from ``ReportDiff.to_dict()`` alone."""
    from ._format import STATUS_ORDER, SYMBOLS, format_change, format_quantity

    t = _labels(lang)
    old_side, new_side = diff.get("old") or {}, diff.get("new") or {}
    delivery = old_side.get("part") == "plan" and new_side.get("part") == "review"
    d = "_d" if delivery else ""
    same_doc = all(old_side.get(k) == new_side.get(k) for k in ("source", "title", "region", "year"))

    def status_label(s: str) -> str:
        return t.get(f"status_{s}{d}", s)

    status_words = {s: status_label(s) for s in STATUS_ORDER}
    commitments: list[Mapping[str, Any]] = list(diff.get("commitments") or [])
    summary_in = diff.get("summary") or {}
    counts = {s: int(summary_in.get(s, 0)) for s in STATUS_ORDER}
    if not summary_in:
        for c in commitments:
            counts[str(c.get("status"))] = counts.get(str(c.get("status")), 0) + 1
    total = sum(counts.values())
    biggest = max(counts.values(), default=0) or 1
    summary = [
        {
            "status": s,
            "label": status_label(s),
            "symbol": SYMBOLS[s],
            "count": counts[s],
            "help": t.get(f"help_{s}{d}", ""),
            "bar": round(220 * counts[s] / biggest, 1),
            "pct": round(100 * counts[s] / total) if total else 0,
        }
        for s in STATUS_ORDER
    ]

    # Marks: every commitment's quantity on each side, to find inside the aligned sentences.
    marks = {"old": _Marks("o"), "new": _Marks("n")}
    for c in commitments:
        status = str(c.get("status"))
        for name in ("old", "new"):
            side = c.get(name)
            if not side:
                continue
            q = side.get("quantity") or {}
            start = q.get("start", side.get("start"))
            if start is None:
                continue
            marks[name].add(
                int(start),
                {
                    "row": str(c.get("id")),
                    "status": status,
                    "qtext": str(q.get("text") or ""),
                    "title": f"{c.get('id')} {SYMBOLS.get(status, '')} {status_label(status)} · "
                    f"{c.get('indicator', '')}",
                },
            )
    for m in marks.values():
        m.freeze()

    # The aligned sections.
    sections: list[dict[str, Any]] = []
    for i, sec in enumerate(diff.get("sections") or []):
        rows = []
        for pair in sec.get("sentences") or []:
            ops = pair.get("ops") or []
            row: dict[str, Any] = {"similarity": pair.get("similarity", 0), "has_q": False}
            for name, tag in (("old", "del"), ("new", "ins")):
                s = pair.get(name)
                if s is None:
                    row[name] = None
                    continue
                text, base = str(s.get("text") or ""), int(s.get("start") or 0)
                found = marks[name].find(text, base, i)
                row["has_q"] = row["has_q"] or bool(found)
                paired = pair.get("old") is not None and pair.get("new") is not None
                spans = _segments(text, ops, name) if paired else [(0, len(text), False)]
                row[name] = _pieces(text, spans, found, tag)
                row[f"{name}_start"] = base
            both = row["old"] is not None and row["new"] is not None
            changed = both and any(op.get("tag") != "equal" for op in ops)
            one_side = "old-only" if row["old"] is not None else "new-only"
            row["kind"] = ("changed" if changed else "same") if both else one_side
            rows.append(row)
        status = str(sec.get("status") or "matched")
        if same_doc and status in ("added", "removed"):
            sec_label = t[f"sec_{status}_same"].format(old=t[f"old{d}"], new=t[f"new{d}"])
        else:
            sec_label = t.get(f"sec_{status}", status)
        sections.append(
            {
                "id": f"sec-{i + 1}",
                "status": status,
                "status_label": sec_label,
                "old": sec.get("old"),
                "new": sec.get("new"),
                "old_label": section_label(sec.get("old"), lang),
                "new_label": section_label(sec.get("new"), lang),
                "similarity": sec.get("similarity"),
                "title_similarity": sec.get("title_similarity"),
                "content_similarity": sec.get("content_similarity"),
                "rows": rows,
                "counts": [],
            }
        )

    # The table rows.
    status_rank = {s: n for n, s in enumerate(STATUS_ORDER)}
    section_counts: dict[int, dict[str, int]] = {}
    table: list[dict[str, Any]] = []
    section_options: dict[str, dict[str, str]] = {"old": {}, "new": {}}
    parts_seen: dict[str, str] = {}
    for n, c in enumerate(commitments):
        cid = str(c.get("id") or f"c{n + 1}")
        status = str(c.get("status"))
        ev = c.get("evidence") or {}
        notes = [str(x) for x in ev.get("notes") or []]
        sides: dict[str, dict[str, Any] | None] = {}
        unit = ""
        for name in ("old", "new"):
            side = c.get(name)
            if not side:
                sides[name] = None
                continue
            q = side.get("quantity") or {}
            unit = unit or str(q.get("unit") or "")
            sec = side.get("section") or {}
            path = str(sec.get("path") or "")
            part = str(side.get("part") or "")
            parts_seen.setdefault(part, t.get(f"part_{part}", part))
            for k in range(1, len(path.split(".")) + 1):
                prefix = ".".join(path.split(".")[:k])
                title = str(sec.get("title") or "") if prefix == path else ""
                known = section_options[name].get(prefix, "")
                section_options[name][prefix] = known or section_label({"path": prefix, "title": title}, lang)
            before, qtext, after = _clause_parts(side)
            sides[name] = {
                "value": format_quantity(q),
                "sort": _num(q.get("value")),
                "qtext": q.get("text") or "",
                "anchor": marks[name].placed.get(cid),
                "before": before,
                "after": after,
                "clause_q": qtext,
                "sentence": side.get("sentence") or "",
                "path": path,
                "section_label": section_label(sec, lang),
                "part": part,
                "part_label": t.get(f"part_{part}", part),
                "kind": side.get("kind") or "",
                "baseline": format_quantity(side["baseline"]) if side.get("baseline") else "",
            }
        home = sides["new"] or sides["old"]
        where = marks["new"].section_of.get(cid, marks["old"].section_of.get(cid))
        if where is not None:
            section_counts.setdefault(where, {})
            section_counts[where][status] = section_counts[where].get(status, 0) + 1
        change = c.get("change")
        rel = change.get("relative") if change else None
        match = ev.get("match")
        if match:
            match = {k: (_fmt(x) if isinstance(x, (int, float)) else x) for k, x in match.items()}
        inverted = (
            delivery
            and status in ("raised", "lowered")
            and any(x.startswith(("a ceiling", "a 下降 rate")) for x in notes)
        )
        table.append(
            {
                "id": cid,
                "status": status,
                "rank": status_rank.get(status, 9),
                "order": n,
                "status_label": status_label(status),
                "symbol": SYMBOLS.get(status, "?"),
                "help": t.get(f"help_{status}{d}", ""),
                "indicator": str(c.get("indicator") or ""),
                "similarity": c.get("similarity"),
                "old": sides["old"],
                "new": sides["new"],
                "change": format_change(change, unit=unit, lang=lang) if change else "—",
                "change_sort": _num(rel if rel is not None else (change or {}).get("absolute")),
                "qual_change": _qualifier_change(notes, t),
                "notes": [_translate_note(x, t, status_words) for x in notes],
                "rule": str(ev.get("rule") or ""),
                "rule_text": t.get(f"rule_{ev.get('rule')}", "").format(
                    status=status_label(status),
                    old=t[f"old_value{d}"],
                    new=t[f"new_value{d}"],
                    old_side=t[f"old{d}"],
                    new_side=t[f"new{d}"],
                ),
                "match": match,
                "best_candidate": ev.get("best_candidate"),
                "best_score": _fmt(ev.get("best_score")),
                "threshold": _fmt(ev.get("threshold")),
                "warn": t["direction_warn"].format(label=status_label(status))
                if any(x.startswith("direction ") for x in notes)
                else t["ceiling_warn"].format(label=status_label(status))
                if inverted
                else "",
                "parts": " ".join(sorted({s["part"] for s in (sides["old"], sides["new"]) if s})),
                "osec": sides["old"]["path"] if sides["old"] else "",
                "nsec": sides["new"]["path"] if sides["new"] else "",
                "section_sort": _path_key(home["path"]) if home else "",
            }
        )
    for i, sec in enumerate(sections):
        got = section_counts.get(i, {})
        sec["counts"] = [
            {"status": s, "symbol": SYMBOLS[s], "count": got[s], "label": status_label(s)}
            for s in STATUS_ORDER
            if got.get(s)
        ]

    k_old, k_new = f"old{d}", f"new{d}"
    old_meta, new_meta = _side_meta(old_side, t), _side_meta(new_side, t)
    section_groups = [
        {
            "label": f"{t[k]} · {meta['part_label']}",
            "side": name[0],
            "options": [
                {"value": f"{name[0]}:{p}", "label": lab}
                for p, lab in sorted(section_options[name].items(), key=lambda kv: _path_key(kv[0]))
            ],
        }
        for name, k, meta in (("old", k_old, old_meta), ("new", k_new, new_meta))
        if section_options[name]
    ]
    cfg = diff.get("config") or {}
    method = ""
    if "threshold" in cfg:
        method = t["method_text"].format(
            th=f"{cfg['threshold']:g}",
            st=f"{cfg.get('section_threshold', 0):g}",
            ss=f"{cfg.get('sentence_threshold', 0):g}",
        )
    js_labels = {
        k: t[k]
        for k in (
            "shown",
            "no_rows",
            "export_csv",
            "col_id",
            "col_status",
            "col_indicator",
            "col_qualifier",
            "col_section",
        )
    }
    js_labels.update(
        {"old_value": t[f"old_value{d}"], "new_value": t[f"new_value{d}"], "change": t[f"col_change{d}"]}
    )
    return {
        "t": t,
        "lang": lang,
        "html_lang": t["html_lang"],
        "text_lang": "zh-CN",
        "delivery": delivery,
        "k_old": k_old,
        "k_new": k_new,
        "k_old_value": f"old_value{d}",
        "k_new_value": f"new_value{d}",
        "k_change": f"col_change{d}",
        "kicker": t[f"kicker{d}"],
        "old": old_meta,
        "new": new_meta,
        "summary": summary,
        "total": total,
        "rows": table,
        "sections": sections,
        "parts": sorted(parts_seen.items()),
        "section_groups": section_groups,
        "method": method,
        "data": {
            "labels": js_labels,
            "old": old_meta["label"],
            "new": new_meta["label"],
            "delivery": delivery,
            "total": total,
        },
    }
