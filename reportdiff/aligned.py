"""Stage 6c: the aligned view — the two compared parts side by side, section by section, in rows.

The sections were paired by :func:`reportdiff.align.align_sections`. Within them, rows come from two
sources:

* **anchors**: a matched commitment or initiative ties its old sentence to its new one. Sentences tied
  together (one to one, one to many, many to one) make one row, placed where its new sentence is; an old
  sentence taken from another section or place is marked ``moved``. A reader therefore always finds a
  matched pair side by side;
* the remaining sentences of each section pair are aligned in order
  (:func:`reportdiff.align.align_sentences`), with one-to-two and two-to-one rows for sentences split or
  merged in a rewording.

>>> from reportdiff.structure import load
>>> from reportdiff.align import align_sections
>>> old = load("二、2023年工作安排\\n（一）扩大内需。新建高标准农田1.2万亩。推动消费回升。")
>>> new = load("二、2024年工作安排\\n（一）扩大内需。大力推动消费回升。新建高标准农田2000亩。")
>>> pairs = align_sections(old, new)
>>> view = aligned_view(old, new, pairs, anchors=[(old.text.index("1.2万"), new.text.index("2000"))])
>>> rows = [r for s in view for r in s.rows if r.old and r.new]
>>> [("".join(x.text for x in r.old), r.anchored) for r in rows][-2:]
[('推动消费回升。', False), ('新建高标准农田1.2万亩。', True)]
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from .align import MatchConfig, SectionPair, SentenceGroup, align_sentences
from .structure import Report, Sentence

__all__ = ["AlignedSection", "aligned_view"]


@dataclass(frozen=True)
class AlignedSection:
    """A section pair (or a section of one side) with its rows, for the aligned view.

    Attributes:
        pair: the two sections and how they were paired.
        rows: the rows, in reading order.
    """

    pair: SectionPair
    rows: tuple[SentenceGroup, ...]

    def to_dict(self) -> dict[str, Any]:
        return {**self.pair.to_dict(), "sentences": [r.to_dict() for r in self.rows]}


def _own_sentences(report: Report, chosen: set[str], part: str) -> dict[str, list[Sentence]]:
    """Each chosen section path → the sentences of the part whose nearest chosen ancestor it is."""
    out: dict[str, list[Sentence]] = {p: [] for p in chosen}
    for s in report.sentences_in(part):
        parts = report.sections[s.section].path.split(".")
        for depth in range(len(parts), 0, -1):
            path = ".".join(parts[:depth])
            if path in chosen:
                out[path].append(s)
                break
    return out


class _Finder:
    """The sentence (of a part) that holds an offset."""

    def __init__(self, sentences: Sequence[Sentence]) -> None:
        self.sentences = sorted(sentences, key=lambda s: s.start)
        self.starts = [s.start for s in self.sentences]

    def at(self, offset: int) -> Sentence | None:
        i = bisect.bisect_right(self.starts, offset) - 1
        if i >= 0 and self.sentences[i].start <= offset < self.sentences[i].end:
            return self.sentences[i]
        return None


def _groups(
    anchors: Iterable[tuple[int, int]], old: _Finder, new: _Finder
) -> list[tuple[tuple[Sentence, ...], tuple[Sentence, ...]]]:
    """Sentences tied by anchors, as connected groups (old sentences, new sentences), each in text order."""
    parent: dict[tuple[str, int], tuple[str, int]] = {}
    sentence: dict[tuple[str, int], Sentence] = {}

    def root(k: tuple[str, int]) -> tuple[str, int]:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    for a, b in anchors:
        so, sn = old.at(a), new.at(b)
        if so is None or sn is None:
            continue
        ko, kn = ("o", so.start), ("n", sn.start)
        for k, s in ((ko, so), (kn, sn)):
            parent.setdefault(k, k)
            sentence[k] = s
        parent[root(ko)] = root(kn)
    members: dict[tuple[str, int], list[tuple[str, int]]] = {}
    for k in parent:
        members.setdefault(root(k), []).append(k)
    out = []
    for ks in members.values():
        olds = tuple(sorted((sentence[k] for k in ks if k[0] == "o"), key=lambda s: s.start))
        news = tuple(sorted((sentence[k] for k in ks if k[0] == "n"), key=lambda s: s.start))
        out.append((olds, news))
    out.sort(key=lambda g: g[1][0].start)
    return out


def aligned_view(
    old: Report,
    new: Report,
    pairs: Sequence[SectionPair],
    config: MatchConfig | None = None,
    *,
    top_only: bool = False,
    parts: tuple[str, str] = ("all", "all"),
    anchors: Iterable[tuple[int, int]] = (),
) -> tuple[AlignedSection, ...]:
    """The aligned view of paired sections: top-level sections for whole reports, levels 1 and 2 (each
    with its own sentences) when parts are compared. ``anchors`` are (old offset, new offset) pairs of
    matched commitments and initiatives: their sentences always share a row."""
    cfg = config or MatchConfig()
    shown = [p for p in pairs if not top_only or (p.old or p.new).level == 1]  # type: ignore[union-attr]
    own_old = _own_sentences(old, {p.old.path for p in shown if p.old}, parts[0])
    own_new = _own_sentences(new, {p.new.path for p in shown if p.new}, parts[1])
    groups = _groups(anchors, _Finder(old.sentences_in(parts[0])), _Finder(new.sentences_in(parts[1])))
    home = {s.start: path for path, ss in own_new.items() for s in ss}
    by_section: dict[str, list[tuple[tuple[Sentence, ...], tuple[Sentence, ...]]]] = {}
    tied_old: set[int] = set()
    for g in groups:
        path = home.get(g[1][0].start)
        if path is not None:
            by_section.setdefault(path, []).append(g)
            tied_old.update(s.start for s in g[0])
    out = []
    for p in shown:
        olds = [s for s in own_old[p.old.path] if s.start not in tied_old] if p.old else []
        news = own_new[p.new.path] if p.new else []
        fixed = by_section.get(p.new.path, []) if p.new else []
        rows = align_sentences(olds, news, cfg, fixed) if (olds and news) or fixed else _one_sided(olds, news)
        out.append(AlignedSection(p, tuple(rows)))
    return tuple(out)


def _one_sided(olds: Sequence[Sentence], news: Sequence[Sentence]) -> list[SentenceGroup]:
    return [SentenceGroup((s,), (), 0.0) for s in olds] + [SentenceGroup((), (s,), 0.0) for s in news]
