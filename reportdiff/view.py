"""The compare page's view model: what the templates show, computed from ``ReportDiff.to_dict()`` alone.

One short function per block of the page — header, key changes, summary, commitment rows, initiative rows,
terms, aligned sections — each returning plain dicts the templates only lay out (a saved JSON renders the
same as a live diff). Words come from ``reportdiff/data/ui/<lang>.json``; numbers are shown as the report
writes them (:func:`reportdiff._format.as_written`). Every element id carries the render's ``uid``
prefix, so two diffs in one notebook never share an id (a whole page uses no prefix: ``#key-changes``).

The aligned text is the largest block: its sentences are turned into escaped HTML here, in one pass, so
that the template renders it with a handful of calls.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from typing import Any

from markupsafe import Markup, escape

from . import _regex
from ._data import data_json
from ._format import (
    QUALIFIER_SYMBOLS,
    STATUS_ORDER,
    SYMBOLS,
    as_written,
    change_number,
    change_text,
    clause_parts,
    format_quantity,
    labels,
    section_label,
)

__all__ = ["INITIATIVE_STATUSES", "STAGES", "page"]

INITIATIVE_STATUSES: tuple[str, ...] = ("progressed", "kept", "new", "dropped")
INITIATIVE_SYMBOLS: dict[str, str] = {"progressed": "↗", "kept": "＝", "new": "＋", "dropped": "－"}
STAGES: tuple[str, ...] = ("prepare", "start", "build", "done")
# The verdict each delivery status already says. Above and below the target (raised, lowered) say a
# direction, not a verdict: below a ceiling (失业率5.5%左右 → 5.0%) is met, above it missed.
_SAID = {
    "dropped": "not_reported",
    "new": "unplanned",
    "kept": "met",
}


# --- small helpers ---------------------------------------------------------------------------------------


def _file_name(source: Any) -> str:
    """Only a file's name: a page that is emailed must not reveal the folders of whoever made it."""
    return re.split(r"[/\\]", str(source or ""))[-1]


def _side_meta(side: Mapping[str, Any], t: Mapping[str, str]) -> dict[str, Any]:
    region, year = side.get("region") or "", side.get("year")
    part = str(side.get("part") or "all")
    source = _file_name(side.get("source"))
    name = region or re.sub(r"\.[A-Za-z]+$", "", source) or "?"
    part_label = t.get(f"part_{part}", part)
    label = (f"{name} {year}" if year else name) + ("" if part == "all" else f" · {part_label}")
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


def _num(x: Any) -> str:
    """A number for a ``data-`` sort key ('' when missing)."""
    try:
        return "" if x is None else repr(float(x))
    except (TypeError, ValueError):
        return ""


def _path_key(path: str) -> str:
    """A sortable key for a dotted path (``2.10`` after ``2.9``)."""
    return ".".join(p.zfill(4) for p in str(path).split("."))


def _qualifier_word(q: str | None, t: Mapping[str, str]) -> str:
    key = q or "exact"
    symbol = QUALIFIER_SYMBOLS.get(key, "＝" if key == "exact" else "")
    return f"{symbol} {t.get(f'q_{key}', key)}".strip()


_NOTE_QUALIFIER = _regex.compile(r"^qualifier (\w+) → (\w+)$")
_NOTE_DIRECTION = _regex.compile(r"^direction (\w+) → (\w+)")
_NOTE_UNIT = _regex.compile(r"^unit (.*) → (.*)$")
_NOTE_STRETCH = _regex.compile(r"^a stretch value beside the target (.*): judged against the same result$")


def _note(note: str, t: Mapping[str, str], words: Mapping[str, str]) -> str:
    if m := _NOTE_QUALIFIER.match(note):
        return t["note_qualifier"].format(a=_qualifier_word(m[1], t), b=_qualifier_word(m[2], t))
    if m := _NOTE_DIRECTION.match(note):
        return t["note_direction"].format(a=t.get(f"dir_{m[1]}", m[1]), b=t.get(f"dir_{m[2]}", m[2]))
    if note.startswith("a 下降 rate"):
        return t["note_down"].format(**words)
    if note.startswith("a ceiling"):
        return t["note_ceiling"].format(**words)
    if note.startswith("a ranking"):
        return t["note_rank"].format(**words)
    if m := _NOTE_UNIT.match(note):
        return t["note_unit"].format(a=m[1], b=m[2])
    if m := _NOTE_STRETCH.match(note):
        return t["note_stretch"].format(base=m[1])
    return note


def _qualifier_change(notes: Iterable[str], t: Mapping[str, str]) -> str:
    for note in notes:
        if m := _NOTE_QUALIFIER.match(note):
            return f"{_qualifier_word(m[1], t)} → {_qualifier_word(m[2], t)}"
    return ""


# --- the frame: modes, statuses, sides -------------------------------------------------------------------


def _mode_of(diff: Mapping[str, Any]) -> str:
    """The mode of a saved diff that predates the ``mode`` field (see ``ReportDiff.mode``)."""
    parts = ((diff.get("old") or {}).get("part"), (diff.get("new") or {}).get("part"))
    return {("plan", "review"): "delivery", ("plan", "plan"): "plan"}.get(parts, "other")  # type: ignore[arg-type]


class _Frame:
    """What every block needs: words, mode, ids and the side labels."""

    def __init__(self, diff: Mapping[str, Any], lang: str, uid: str) -> None:
        self.t = labels(lang)
        self.lang = lang
        self.uid = uid
        self.mode = str(diff.get("mode") or _mode_of(diff))
        self.delivery = self.mode == "delivery"
        self.d = "_d" if self.delivery else ""
        self.old = _side_meta(diff.get("old") or {}, self.t)
        self.new = _side_meta(diff.get("new") or {}, self.t)
        self.same_doc = all(
            (diff.get("old") or {}).get(k) == (diff.get("new") or {}).get(k) for k in ("source", "year")
        )

    def id(self, name: str) -> str:
        return f"{self.uid}{name}"

    def status_label(self, status: str) -> str:
        return self.t.get(f"status_{status}{self.d}", status)

    def words(self) -> dict[str, str]:
        return {s: self.status_label(s) for s in STATUS_ORDER}


# --- header and summary ------------------------------------------------------------------------------------


def summary_cards(diff: Mapping[str, Any], f: _Frame) -> list[dict[str, Any]]:
    """One card per status, with its count, help and share."""
    counts = {s: int((diff.get("summary") or {}).get(s, 0)) for s in STATUS_ORDER}
    total = sum(counts.values())
    biggest = max(counts.values(), default=0) or 1
    return [
        {
            "status": s,
            "label": f.status_label(s),
            "symbol": SYMBOLS[s],
            "count": counts[s],
            "help": f.t.get(f"help_{s}{f.d}", ""),
            "bar": round(220 * counts[s] / biggest, 1),
            "pct": round(100 * counts[s] / total) if total else 0,
        }
        for s in STATUS_ORDER
    ]


def initiative_cards(diff: Mapping[str, Any], f: _Frame) -> list[dict[str, Any]]:
    counts = diff.get("initiative_summary") or {}
    return [
        {
            "status": s,
            "label": f.t.get(f"init_{s}{f.d}", s),
            "symbol": INITIATIVE_SYMBOLS[s],
            "count": int(counts.get(s, 0)),
        }
        for s in INITIATIVE_STATUSES
    ]


# --- commitment rows ---------------------------------------------------------------------------------------


def _side_view(side: Mapping[str, Any] | None, f: _Frame, anchor: str | None) -> dict[str, Any] | None:
    if not side:
        return None
    q = side.get("quantity") or {}
    before, qtext, after = clause_parts(side)
    sec = side.get("section") or {}
    return {
        "value": as_written(q),
        "title": format_quantity(q),
        "sort": _num(q.get("value")),
        "unit": str(q.get("unit") or ""),
        "anchor": anchor,
        "before": before,
        "clause_q": qtext,
        "after": after,
        "path": str(sec.get("path") or ""),
        "section_label": section_label(sec, f.lang),
        "part": str(side.get("part") or ""),
        "part_label": f.t.get(f"part_{side.get('part')}", str(side.get("part") or "")),
        "baseline": as_written(side["baseline"]) if side.get("baseline") else "",
        "headline": bool(side.get("headline")),
    }


def _check_items(keys: Iterable[str], f: _Frame) -> list[dict[str, str]]:
    return [{"key": k, "text": f.t.get(f"check_{k}", k)} for k in keys]


def commitment_row(c: Mapping[str, Any], n: int, f: _Frame, placed: Mapping[str, str]) -> dict[str, Any]:
    """One row of the commitments table (and of the key changes)."""
    cid, status = str(c.get("id") or f"c{n + 1}"), str(c.get("status"))
    sides = {
        "old": _side_view(c.get("old"), f, placed.get(f"o:{cid}")),
        "new": _side_view(c.get("new"), f, placed.get(f"n:{cid}")),
    }
    home = sides["new"] or sides["old"]
    return {
        "id": cid,
        "row_id": f.id(f"row-{cid}"),
        "order": n,
        "indicator": str(c.get("indicator") or "") + _stretch_tag(c, f),
        "gloss": str(c.get("canonical_en") or ""),
        "headline": bool(home and home["headline"]),
        "old": sides["old"],
        "new": sides["new"],
        **_status_view(c, status, f),
        **_change_view(c, f),
        **_evidence_view(c, status, f),
        **_place_view(sides["old"], sides["new"]),
    }


def _stretch_tag(c: Mapping[str, Any], f: _Frame) -> str:
    """（力争值） after the indicator of a stretch value judged against its target's result: the table then
    shows two rows of one indicator and one result, and says which is the target."""
    notes = (c.get("evidence") or {}).get("notes") or []
    return f.t["stretch_tag"] if any(_NOTE_STRETCH.match(str(n)) for n in notes) else ""


def _status_view(c: Mapping[str, Any], status: str, f: _Frame) -> dict[str, Any]:
    """A row's status, verdict, confidence and checks, as shown."""
    checks = [str(k) for k in c.get("checks") or []]
    verdict = c.get("verdict")
    confidence = float(c.get("confidence") or 0.0)
    return {
        "status": status,
        "rank": STATUS_ORDER.index(status) if status in STATUS_ORDER else 9,
        "status_label": f.status_label(status),
        "symbol": SYMBOLS.get(status, "?"),
        "help": f.t.get(f"help_{status}{f.d}", ""),
        "confidence": confidence,
        "confidence_pct": round(100 * confidence),
        "similarity": c.get("similarity"),
        "checks": _check_items(checks, f),
        "cleared": _check_items(c.get("cleared") or [], f),
        "has_check": bool(checks),
        "verdict": verdict or "",
        # the verdict where the status does not already say it (▼ 低于目标 · 完成: a ceiling kept)
        "verdict_label": f.t.get(f"verdict_{verdict}", "")
        if verdict and _SAID.get(status) != verdict
        else "",
    }


def _change_view(c: Mapping[str, Any], f: _Frame) -> dict[str, Any]:
    """A row's change as shown (1.2万亩 → 2000亩: −83.3%) and the number it sorts by."""
    change = c.get("change")
    oq = (c.get("old") or {}).get("quantity") or {}
    nq = (c.get("new") or {}).get("quantity") or {}
    return {
        "change": change_text(change, oq, nq, f.t) if change else "—",
        "change_sort": _num(change_number(change, oq, nq)),
    }


def _evidence_view(c: Mapping[str, Any], status: str, f: _Frame) -> dict[str, Any]:
    """A row's evidence: the rule that decided it, the match features, the notes."""
    ev = c.get("evidence") or {}
    notes = [str(x) for x in ev.get("notes") or []]
    return {
        "qual_change": _qualifier_change(notes, f.t),
        "notes": [_note(x, f.t, f.words()) for x in notes],
        "rule": str(ev.get("rule") or ""),
        "rule_text": f.t.get(f"rule_{ev.get('rule')}", "").format(
            status=f.status_label(status),
            old=f.t[f"old_value{f.d}"],
            new=f.t[f"new_value{f.d}"],
            old_side=f.t[f"old{f.d}"],
            new_side=f.t[f"new{f.d}"],
        ),
        "match": _match_view(ev.get("match")),
        "best_candidate": ev.get("best_candidate"),
        "best_score": _fmt(ev.get("best_score")),
        "threshold": _fmt(ev.get("threshold")),
    }


def _place_view(old: dict[str, Any] | None, new: dict[str, Any] | None) -> dict[str, Any]:
    """Where a row stands: its parts and sections, for filters and the section sort."""
    home = new or old
    return {
        "parts": " ".join(sorted({s["part"] for s in (old, new) if s})),
        "osec": old["path"] if old else "",
        "nsec": new["path"] if new else "",
        "section_sort": _path_key(home["path"]) if home else "",
        "section_label": home["section_label"] if home else "",
        "part_label": home["part_label"] if home else "",
    }


def _fmt(x: Any) -> str:
    from ._format import format_number

    return "" if x is None else format_number(float(x), decimals=1)


def _match_view(match: Mapping[str, Any] | None) -> dict[str, Any] | None:
    if not match:
        return None
    return {
        "score": _fmt(match.get("score")),
        "confidence": f"{float(match.get('confidence') or 0):.2f}",
        "decisive": list(match.get("decisive") or []),
        "units": match.get("units") or "",
    }


# --- initiatives ------------------------------------------------------------------------------------------


def _ladder(stage: str | None) -> list[bool]:
    """Four steps, lit up to the stage (prepare < start < build < done)."""
    k = STAGES.index(stage) if stage in STAGES else -1
    return [i <= k for i in range(len(STAGES))]


@lru_cache(maxsize=1)
def _namehood_check() -> float:
    """Under this namehood the page asks the reader to check a name (``check_below`` of
    ``initiative_namehood.json``, as :func:`reportdiff.namehood.check_below`)."""
    return float(data_json("initiative_namehood.json")["check_below"])


def initiative_row(c: Mapping[str, Any], n: int, f: _Frame, placed: Mapping[str, str]) -> dict[str, Any]:
    """One row of the named initiatives table."""
    iid, status = str(c.get("id") or f"i{n + 1}"), str(c.get("status"))
    sides: dict[str, Any] = {}
    for name, tag in (("old", "o"), ("new", "n")):
        s = c.get(name)
        if not s:
            sides[name] = None
            continue
        stage = s.get("stage")
        sec = s.get("section") or {}
        sides[name] = {
            "name": str(s.get("name") or ""),
            "kind": f.t.get(f"kind_{s.get('kind')}", str(s.get("kind") or "")),
            "stage": stage or "",
            "stage_label": f.t.get(f"stage_{stage}", "") if stage else f.t["stage_none"],
            "ladder": _ladder(stage),
            "text": str(s.get("text") or ""),
            "section_label": section_label(sec, f.lang),
            "path": str(sec.get("path") or ""),
            "anchor": placed.get(f"{tag}:{iid}"),
        }
    home = sides["new"] or sides["old"]
    recurring = bool((c.get("old") or {}).get("recurring"))  # a run both parts hold: always checked
    return {
        "id": iid,
        "row_id": f.id(f"init-{iid}"),
        "status": status,
        "order": n,
        "status_label": f.t.get(f"init_{status}{f.d}", status),
        "symbol": INITIATIVE_SYMBOLS.get(status, "?"),
        "name": str(c.get("name") or (home or {}).get("name") or ""),
        "confidence_pct": round(100 * float(c.get("confidence") or 0.0)),
        "namehood_pct": round(100 * float(c.get("namehood", 1.0))),
        "check_name": float(c.get("namehood", 1.0)) < _namehood_check() or recurring,
        "recurring": recurring,
        "old": sides["old"],
        "new": sides["new"],
        "section_label": home["section_label"] if home else "",
        "section_sort": _path_key(home["path"]) if home else "",
    }


# --- terms -----------------------------------------------------------------------------------------------


def terms_panel(
    diff: Mapping[str, Any], f: _Frame, shown: set[str], limit: int = 12
) -> dict[str, list[dict[str, Any]]]:
    """The words whose use rose and fell most, each with counts and a link to its first sentence when
    the aligned text shows it (``shown``: the ids of the sentences shown)."""
    rose: list[dict[str, Any]] = []
    fell: list[dict[str, Any]] = []
    for term in diff.get("terms") or []:
        starts = term.get("new_sentences") if term.get("direction") == "rose" else term.get("old_sentences")
        side = "n" if term.get("direction") == "rose" else "o"
        item = {
            "term": str(term.get("term") or ""),
            "quoted": bool(term.get("quoted")),
            "old": int(term.get("old_count") or 0),
            "new": int(term.get("new_count") or 0),
            "z": f"{float(term.get('z') or 0):+.1f}",
            "is_new": bool(term.get("is_new")),
            "href": next((f"#{i}" for i in [f.id(f"s-{side}-{x}") for x in starts or []] if i in shown), ""),
        }
        (rose if term.get("direction") == "rose" else fell).append(item)
    return {"rose": rose[:limit], "fell": fell[:limit]}


# --- the aligned text -----------------------------------------------------------------------------------


class _Marks:
    """Where each commitment's quantity and each initiative's name sit in the text, to mark them in the
    aligned sentences and link them to their rows."""

    def __init__(self) -> None:
        self.items: dict[str, list[tuple[int, int, str, str, str]]] = {"o": [], "n": []}
        self.placed: dict[str, str] = {}  # "o:c12" → the id of its mark in the aligned text
        self.sentences: set[str] = set()  # the ids of the sentences the aligned text shows
        self.linked = True  # marks link to their rows (False when the display shows no rows)

    def add(self, side: str, start: int, end: int, row_id: str, cls: str, title: str) -> None:
        if end > start:
            self.items[side].append((start, end, row_id, cls, title))

    def freeze(self) -> None:
        for v in self.items.values():
            v.sort()
        self.starts = {k: [x[0] for x in v] for k, v in self.items.items()}

    def within(self, side: str, start: int, end: int) -> list[tuple[int, int, str, str, str]]:
        lo = bisect.bisect_left(self.starts[side], start)
        hi = bisect.bisect_left(self.starts[side], end)
        out, taken = [], -1
        for m in self.items[side][lo:hi]:
            if m[0] >= taken and m[1] <= end:
                out.append(m)
                taken = m[1]
        return out


def _marks(diff: Mapping[str, Any], f: _Frame) -> _Marks:
    marks = _Marks()
    for c in diff.get("commitments") or []:
        cid, status = str(c.get("id")), str(c.get("status"))
        for name, tag in (("old", "o"), ("new", "n")):
            side = c.get(name)
            if side and (q := side.get("quantity")) and q.get("start") is not None:
                title = f"{cid} {SYMBOLS.get(status, '')} {f.status_label(status)} · {c.get('indicator', '')}"
                marks.add(
                    tag, int(q["start"]), int(q["end"]), f.id(f"row-{cid}"), f"rd-q rd-s-{status}", title
                )
    for c in diff.get("initiatives") or []:
        iid, status = str(c.get("id")), str(c.get("status"))
        for name, tag in (("old", "o"), ("new", "n")):
            side = c.get(name)
            if side and side.get("start") is not None:
                title = f"{iid} {f.t.get(f'init_{status}{f.d}', status)} · {side.get('name', '')}"
                marks.add(
                    tag,
                    int(side["start"]),
                    int(side["end"]),
                    f.id(f"init-{iid}"),
                    f"rd-n rd-i-{status}",
                    title,
                )
    marks.freeze()
    return marks


def _changed_spans(text: str, ops: Sequence[Mapping[str, Any]], side: str) -> list[tuple[int, int]]:
    """(start, end) of the changed runs of one side's text, from the token diff."""
    out, pos = [], 0
    for op in ops:
        piece = str(op.get(side) or "")
        if not piece:
            continue
        if op.get("tag") != "equal":
            out.append((pos, pos + len(piece)))
        pos += len(piece)
    return out if pos == len(text) else []


def _sentence_html(
    s: Mapping[str, Any], side: str, changed: list[tuple[int, int]], base: int, marks: _Marks, f: _Frame
) -> Markup:
    """One sentence as escaped HTML: changed runs in <del>/<ins>, quantities and initiative names as links
    to their rows (each with an id the rows link back to)."""
    text, start = str(s.get("text") or ""), int(s.get("start") or 0)
    tag = "del" if side == "o" else "ins"
    found = marks.within(side, start, start + len(text))
    cuts = {0, len(text)}
    for a, b in changed:
        cuts.update((max(a - base, 0), min(b - base, len(text))))
    for m in found:
        cuts.update((m[0] - start, m[1] - start))
    points = sorted(c for c in cuts if 0 <= c <= len(text))
    html: list[str] = []
    open_mark: tuple[int, int, str, str, str] | None = None
    el = "a" if marks.linked else "span"
    for a, b in itertools.pairwise(points):
        mark = next((m for m in found if m[0] - start <= a < m[1] - start), None)
        if mark is not open_mark:
            if open_mark is not None:
                html.append(f"</{el}>")
            if mark is not None:
                mid = f.id(f"m-{side}-{mark[0]}")
                marks.placed.setdefault(f"{side}:{mark[2].rsplit('-', 1)[-1]}", mid)
                href = f' href="#{escape(mark[2])}"' if marks.linked else ""
                html.append(
                    f'<{el} class="{escape(mark[3])}" id="{escape(mid)}"{href} title="{escape(mark[4])}">'
                )
            open_mark = mark
        piece = escape(text[a:b].replace("\n", ""))
        hit = any(x - base <= a < y - base for x, y in changed)
        html.append(f"<{tag}>{piece}</{tag}>" if hit else str(piece))
    if open_mark is not None:
        html.append(f"</{el}>")
    sid = f.id(f"s-{side}-{start}")
    marks.sentences.add(sid)
    return Markup(f'<span class="rd-sent" id="{escape(sid)}">{"".join(html)}</span>')


def _cell(
    sentences: Sequence[Mapping[str, Any]],
    side: str,
    ops: Sequence[Mapping[str, Any]],
    marks: _Marks,
    f: _Frame,
) -> Markup:
    joined = "".join(str(s.get("text") or "") for s in sentences)
    changed = _changed_spans(joined, ops, "old" if side == "o" else "new") if ops else []
    out, base = [], 0
    for s in sentences:
        out.append(_sentence_html(s, side, changed, base, marks, f))
        base += len(str(s.get("text") or ""))
    return Markup("").join(out)


def aligned_sections(diff: Mapping[str, Any], f: _Frame, marks: _Marks) -> list[dict[str, Any]]:
    """The sections of the aligned view, each with its rows as ready HTML cells."""
    out = []
    for i, sec in enumerate(diff.get("sections") or []):
        rows = []
        for row in sec.get("sentences") or []:
            olds, news = _listed(row.get("old")), _listed(row.get("new"))
            ops = row.get("ops") or []
            kind = (
                ("changed" if any(o.get("tag") != "equal" for o in ops) else "same")
                if olds and news
                else ("old-only" if olds else "new-only")
            )
            old = _cell(olds, "o", ops, marks, f) if olds else None
            new = _cell(news, "n", ops, marks, f) if news else None
            rows.append(
                {
                    "kind": kind,
                    "moved": bool(row.get("moved")),
                    "anchored": bool(row.get("anchored")),
                    "has_q": 'class="rd-q' in f"{old}{new}",
                    "old": old,
                    "new": new,
                }
            )
        status = str(sec.get("status") or "matched")
        label = (
            f.t[f"sec_{status}_same"].format(old=f.t[f"old{f.d}"], new=f.t[f"new{f.d}"])
            if f.same_doc and status in ("added", "removed")
            else f.t.get(f"sec_{status}", status)
        )
        out.append(
            {
                "id": f.id(f"sec-{i + 1}"),
                "status": status,
                "status_label": label,
                "old_label": section_label(sec.get("old"), f.lang),
                "new_label": section_label(sec.get("new"), f.lang),
                "paired": bool(sec.get("old") and sec.get("new")),
                "similarity": sec.get("similarity"),
                "rows": rows,
            }
        )
    return out


def _listed(side: Any) -> list[Mapping[str, Any]]:
    """A row side as a list of sentences (saved JSON of an earlier version held one sentence or None)."""
    if isinstance(side, list):
        return side
    return [side] if side else []


# --- key changes -------------------------------------------------------------------------------------------


_KEY_GROUPS = (
    ("unreported", "commitment"),
    ("missed", "commitment"),
    ("headline", "commitment"),
    ("dropped_headline", "commitment"),
    ("raises", "commitment"),
    ("cuts", "commitment"),
    ("initiatives_new", "initiative"),
    ("initiatives_dropped", "initiative"),
    ("initiatives_progressed", "initiative"),
)


def _in_mode(f: _Frame, key: str) -> str:
    """A UI string in the comparison's mode: its delivery variant (``key`` + ``_d``) where there is one,
    else the plain one, else empty."""
    return str(f.t.get(f"{key}{f.d}", f.t.get(key, "")))


def key_block(
    diff: Mapping[str, Any], rows: Mapping[str, Any], inits: Mapping[str, Any], f: _Frame
) -> list[dict[str, Any]]:
    """The key-changes block: its groups, each with a title, the rows it shows and a note on what the
    reader should know before quoting them (the groups of what the tool could not find carry one: a
    target with no result found may be reported in other words; empty for the others)."""
    key = diff.get("key_changes") or {}
    groups = []
    for name, kind in _KEY_GROUPS:
        ids = key.get(name) or []
        source = rows if kind == "commitment" else inits
        chosen = [source[i] for i in ids if i in source]
        if chosen:
            groups.append(
                {
                    "name": name,
                    "kind": kind,
                    "title": _in_mode(f, f"key_{name}"),
                    "note": _in_mode(f, f"key_{name}_note"),
                    "rows": chosen,
                }
            )
    return groups


# --- the page ------------------------------------------------------------------------------------------


def page(
    diff: Mapping[str, Any], *, lang: str = "zh", uid: str = "", aligned: bool = True, rows: bool = True
) -> dict[str, Any]:
    """Everything the compare templates show. ``uid`` prefixes every id; ``aligned`` False leaves the
    aligned text out (a notebook's lean display), ``rows`` False the tables (the aligned text alone)."""
    f = _Frame(diff, lang, uid)
    marks = _marks(diff, f)
    marks.linked = rows
    sections = aligned_sections(diff, f, marks) if aligned else []
    commitments = diff.get("commitments") or [] if rows else []
    table = [commitment_row(c, n, f, marks.placed) for n, c in enumerate(commitments)]
    table.sort(key=lambda r: r["has_check"])  # the check bucket last, the diff's order otherwise
    named = diff.get("initiatives") or [] if rows else []
    inits = [initiative_row(c, n, f, marks.placed) for n, c in enumerate(named)]
    inits.sort(key=lambda r: r["recurring"])  # the recurring runs (mostly not initiatives) last
    cards = summary_cards(diff, f)
    return {
        "t": f.t,
        "lang": lang,
        "html_lang": f.t["html_lang"],
        "text_lang": "zh-CN",
        "uid": uid,
        "ids": {
            k: f.id(k) for k in ("key-changes", "overview", "commitments", "initiatives", "terms", "aligned")
        },
        "mode": f.mode,
        "delivery": f.delivery,
        "k_old": f"old{f.d}",
        "k_new": f"new{f.d}",
        "k_old_value": f"old_value{f.d}",
        "k_new_value": f"new_value{f.d}",
        "k_change": f"col_change{f.d}",
        "kicker": f.t[f"kicker{f.d}"],
        "old": f.old,
        "new": f.new,
        "summary": cards,
        "total": sum(c["count"] for c in cards),
        "checked": sum(1 for r in table if r["has_check"]),
        "key": key_block(diff, {r["id"]: r for r in table}, {r["id"]: r for r in inits}, f),
        "rows": table,
        "initiative_cards": initiative_cards(diff, f),
        "initiatives": inits,
        "initiatives_to_check": sum(1 for r in inits if r["check_name"]),
        "terms": terms_panel(diff, f, marks.sentences),
        "sections": sections,
        "aligned": aligned,
        "section_groups": _section_groups(table, f),
        "parts": sorted(
            {(r["old"] or r["new"])["part"]: (r["old"] or r["new"])["part_label"] for r in table}.items()
        ),
        "method": _method(diff, f),
        "data": _script_data(f),
    }


def _section_groups(rows: Sequence[Mapping[str, Any]], f: _Frame) -> list[dict[str, Any]]:
    options: dict[str, dict[str, str]] = {"old": {}, "new": {}}
    for r in rows:
        for name in ("old", "new"):
            side = r[name]
            if not side:
                continue
            path = side["path"]
            for k in range(1, len(path.split(".")) + 1):
                prefix = ".".join(path.split(".")[:k])
                label = side["section_label"] if prefix == path else section_label({"path": prefix}, f.lang)
                known = options[name].get(prefix, "")
                options[name][prefix] = known if known and prefix != path else label
    return [
        {
            "label": f"{f.t[f'{name}{f.d}']} · {meta['part_label']}",
            "options": [
                {"value": f"{name[0]}:{p}", "label": lab}
                for p, lab in sorted(options[name].items(), key=lambda kv: _path_key(kv[0]))
            ],
        }
        for name, meta in (("old", f.old), ("new", f.new))
        if options[name]
    ]


def _method(diff: Mapping[str, Any], f: _Frame) -> str:
    cfg = diff.get("config") or {}
    if "threshold" not in cfg:
        return ""
    return f.t["method_text"].format(
        th=f"{cfg['threshold']:g}",
        st=f"{cfg.get('section_threshold', 0):g}",
        ss=f"{cfg.get('sentence_threshold', 0):g}",
    )


def _script_data(f: _Frame) -> dict[str, Any]:
    keys = (
        "shown",
        "no_rows",
        "export_csv",
        "col_id",
        "col_status",
        "col_indicator",
        "col_qualifier",
        "col_section",
    )
    out: dict[str, Any] = {k: f.t[k] for k in keys}
    out.update(
        old_value=f.t[f"old_value{f.d}"], new_value=f.t[f"new_value{f.d}"], change=f.t[f"col_change{f.d}"]
    )
    return {"labels": out, "old": f.old["label"], "new": f.new["label"], "delivery": f.delivery}
