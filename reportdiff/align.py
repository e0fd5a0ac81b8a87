"""Stage 5: align the sections of two reports and match their commitments.

Two jobs, each measured with rapidfuzz and solved as an optimal assignment
(``scipy.optimize.linear_sum_assignment``), never first-come greedy:

* :func:`align_sections` pairs sections by title and content similarity, so
  renumbered, retitled and reordered sections still meet (matched / moved /
  added / removed);
* :func:`token_diff` gives a token-level diff of two sentences (jieba tokens,
  difflib's opcode model via rapidfuzz ``Indel.opcodes``), every number with
  its unit kept as one token.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import Enum
from typing import Any

import numpy as np
from rapidfuzz import fuzz, process
from rapidfuzz.distance import Indel

from .errors import ArgumentValueError
from .quantities import extract_quantities
from .structure import Report, Section, Sentence


@dataclass(frozen=True)
class MatchConfig:
    """Every knob of alignment and matching, with its documented default.

    Attributes:
        threshold: minimum pair score (0–100: the pair model's probability × 100) for two commitments
            to pair (:mod:`reportdiff.match`).
        section_threshold: minimum similarity (0–100) for two sections to pair.
        link_bonus: points per matched commitment shared by two sections (at most three count).
        sentence_threshold: minimum similarity (0–100) for two sentences to pair in the aligned view.
        candidates: how many most similar counterparts of each commitment, per similarity, are scored.
    """

    threshold: float = 50.0
    section_threshold: float = 35.0
    link_bonus: float = 12.0
    sentence_threshold: float = 55.0
    candidates: int = 6

    def __post_init__(self) -> None:
        for name in ("threshold", "section_threshold", "sentence_threshold", "link_bonus"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, (int, float)) or not (0 <= value <= 100):
                raise ArgumentValueError(
                    f"{name} must be a number from 0 to 100, not {value!r}", "give e.g. --threshold 50"
                )
        if isinstance(self.candidates, bool) or not isinstance(self.candidates, int) or self.candidates < 1:
            raise ArgumentValueError(
                f"candidates must be a positive whole number, not {self.candidates!r}", "give e.g. 6"
            )

    def to_dict(self) -> dict[str, float]:
        return dict(self.__dict__)


# --- sections ---------------------------------------------------------------------------------


class SectionStatus(str, Enum):
    """How a section fared between the two reports."""

    MATCHED = "matched"
    MOVED = "moved"
    ADDED = "added"
    REMOVED = "removed"


@dataclass(frozen=True)
class SectionPair:
    """Two aligned sections (or one, added or removed).

    Attributes:
        status: matched (same relative place), moved, added (new only), removed (old only).
        similarity: combined score (title, content, shared commitments), capped at 100; 0 when unpaired.
        title_similarity: title ratio 0–100.
        content_similarity: content similarity 0–100 (token-set overlap).
        old: the old section, or None.
        new: the new section, or None.
        old_index: index into the old report's sections, or None.
        new_index: index into the new report's sections, or None.
    """

    status: SectionStatus
    similarity: float
    title_similarity: float
    content_similarity: float
    old: Section | None
    new: Section | None
    old_index: int | None = None
    new_index: int | None = None

    def to_dict(self) -> dict[str, Any]:
        def side(s: Section | None) -> dict[str, Any] | None:
            return None if s is None else {"path": s.path, "title": s.title, "part": s.part.value}

        return {
            "status": self.status.value,
            "similarity": round(self.similarity, 1),
            "title_similarity": round(self.title_similarity, 1),
            "content_similarity": round(self.content_similarity, 1),
            "old": side(self.old),
            "new": side(self.new),
        }


_YEARS = re.compile(r"20\d\d年?|十[四五六]五|[0-9]+")


def _title_key(title: str) -> str:
    return _YEARS.sub("", title)


def _section_text(report: Report, section: Section) -> str:
    return report.text[section.heading_end : section.end]


def _bigrams(text: str) -> set[str]:
    text = re.sub(r"[\s，。；、：,.;:！？（）()“”0-9%]", "", text)
    return {text[i : i + 2] for i in range(len(text) - 1)}


def _jaccard(a: set[str], b: set[str]) -> float:
    if not a or not b:
        return 0.0
    return float(100.0 * len(a & b) / (len(a) * len(b)) ** 0.5)


def _assign(score: np.ndarray[Any, Any], threshold: float) -> list[tuple[int, int]]:
    """Optimal one-to-one pairs of ``score`` (maximised), keeping those at or above threshold."""
    if score.size == 0:
        return []
    from scipy.optimize import linear_sum_assignment

    # Pairs under the threshold count for nothing, so that they never steer the assignment. Ties
    # (one clause listing several values) go to pairs at the same relative place in both lists: a
    # tie-break that reads the same both ways, so compare(b, a) mirrors compare(a, b).
    n, m = score.shape
    place = 1e-3 * (1.0 - np.abs(np.arange(n)[:, None] / max(n, 1) - np.arange(m)[None, :] / max(m, 1)))
    usable = np.where(score >= threshold, score + place, 0.0)
    rows, cols = linear_sum_assignment(usable, maximize=True)
    return sorted((int(r), int(c)) for r, c in zip(rows, cols, strict=True) if score[r, c] >= threshold)


def _lis_keep(pairs: list[tuple[int, int]]) -> set[tuple[int, int]]:
    """The pairs in the longest run increasing on both sides (the rest have moved)."""
    best: list[list[tuple[int, int]]] = []
    for p in sorted(pairs):
        before = [c for c in best if c[-1][1] < p[1]]
        chain = max(before, key=len) if before else []
        best.append([*chain, p])
    longest: list[tuple[int, int]] = []
    for c in best:
        if len(c) > len(longest):
            longest = c
    return set(longest)


def align_sections(
    old: Report,
    new: Report,
    old_sections: Sequence[int] | None = None,
    new_sections: Sequence[int] | None = None,
    config: MatchConfig | None = None,
    links: Mapping[tuple[str, str], int] | None = None,
) -> list[SectionPair]:
    """Pair sections (by index) of ``old`` and ``new`` by title and content similarity.

    ``links`` counts matched commitments between (old path, new path) section pairs: each adds
    ``config.link_bonus`` points (up to three), so that sections sharing commitments pair even
    when their titles differ (a review's 高标推进乡村振兴 and a plan's …现代美丽乡村).
    """
    cfg = config or MatchConfig()
    oi = list(range(1, len(old.sections))) if old_sections is None else list(old_sections)
    ni = list(range(1, len(new.sections))) if new_sections is None else list(new_sections)
    ot = [_title_key(old.sections[i].title) for i in oi]
    nt = [_title_key(new.sections[i].title) for i in ni]
    title = process.cdist(ot, nt, scorer=fuzz.ratio) if oi and ni else np.zeros((len(oi), len(ni)))
    ob = [_bigrams(_section_text(old, old.sections[i])) for i in oi]
    nb = [_bigrams(_section_text(new, new.sections[i])) for i in ni]
    content = np.array([[_jaccard(a, b) for b in nb] for a in ob]).reshape(len(oi), len(ni))
    level = np.array(
        [[0.0 if old.sections[a].level == new.sections[b].level else -25.0 for b in ni] for a in oi]
    ).reshape(len(oi), len(ni))
    score = 0.4 * title + 0.6 * content + level
    if links:
        for a, i in enumerate(oi):
            for b, j in enumerate(ni):
                k = links.get((old.sections[i].path, new.sections[j].path), 0)
                score[a, b] += cfg.link_bonus * min(k, 3)
    pairs = _assign(score, cfg.section_threshold)
    in_order = _lis_keep(pairs)
    out: list[SectionPair] = []
    paired_old = {a for a, _ in pairs}
    paired_new = {b for _, b in pairs}
    for a, b in pairs:
        out.append(
            SectionPair(
                SectionStatus.MATCHED if (a, b) in in_order else SectionStatus.MOVED,
                min(float(score[a, b]), 100.0),
                float(title[a, b]),
                float(content[a, b]),
                old.sections[oi[a]],
                new.sections[ni[b]],
                oi[a],
                ni[b],
            )
        )
    for a in range(len(oi)):
        if a not in paired_old:
            out.append(SectionPair(SectionStatus.REMOVED, 0.0, 0.0, 0.0, old.sections[oi[a]], None, oi[a]))
    for b in range(len(ni)):
        if b not in paired_new:
            out.append(
                SectionPair(SectionStatus.ADDED, 0.0, 0.0, 0.0, None, new.sections[ni[b]], None, ni[b])
            )
    out.sort(key=lambda p: (p.new_index if p.new_index is not None else 10**9, p.old_index or 0))
    return out


# --- text diff --------------------------------------------------------------------------------


@dataclass(frozen=True)
class DiffOp:
    """One opcode of a token diff: ``equal``, ``replace``, ``delete`` or ``insert`` (difflib's model)."""

    tag: str
    old: str
    new: str

    def to_dict(self) -> dict[str, str]:
        return {"tag": self.tag, "old": self.old, "new": self.new}


def tokenize(text: str) -> list[str]:
    """jieba tokens, with every number-plus-unit kept as one token.

    >>> tokenize("新建高标准农田1.2万亩")[-1]
    '1.2万亩'
    """
    import rjieba

    tokens: list[str] = []
    pos = 0
    for q in extract_quantities(text):
        if q.start > pos:
            tokens.extend(rjieba.cut(text[pos : q.start], False))
        tokens.append(text[q.start : q.end])
        pos = q.end
    if pos < len(text):
        tokens.extend(rjieba.cut(text[pos:], False))
    return tokens


def token_diff(old: str, new: str) -> list[DiffOp]:
    """Token-level diff of two sentences.

    >>> [(o.tag, o.old, o.new) for o in token_diff("新建高标准农田1.2万亩", "新建高标准农田2000亩")]
    [('equal', '新建高标准农田', '新建高标准农田'), ('replace', '1.2万亩', '2000亩')]
    """
    a, b = tokenize(old), tokenize(new)
    ops: list[DiffOp] = []
    for oc in Indel.opcodes(a, b):
        tag, sa, sb = oc.tag, "".join(a[oc.src_start : oc.src_end]), "".join(b[oc.dest_start : oc.dest_end])
        if ops and ops[-1].tag == tag:
            ops[-1] = DiffOp(tag, ops[-1].old + sa, ops[-1].new + sb)
        else:
            ops.append(DiffOp(tag, sa, sb))
    # Indel has no replace: fold a delete next to an insert into one.
    merged: list[DiffOp] = []
    for op in ops:
        if (merged and {merged[-1].tag, op.tag} == {"delete", "insert"}) or (
            merged and merged[-1].tag == "replace" and op.tag in ("delete", "insert")
        ):
            prev = merged.pop()
            merged.append(DiffOp("replace", prev.old + op.old, prev.new + op.new))
        else:
            merged.append(op)
    return merged


@dataclass(frozen=True)
class SentencePair:
    """Two aligned sentences of matched sections (or one, added or removed), with their diff."""

    old: Sentence | None
    new: Sentence | None
    similarity: float
    ops: tuple[DiffOp, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "old": None if self.old is None else {"text": self.old.text, "start": self.old.start},
            "new": None if self.new is None else {"text": self.new.text, "start": self.new.start},
            "similarity": round(self.similarity, 1),
            "ops": [o.to_dict() for o in self.ops],
        }


def align_sentences(
    old: Sequence[Sentence], new: Sequence[Sentence], config: MatchConfig | None = None
) -> list[SentencePair]:
    """Pair the sentences of two matched sections and diff each pair, in reading order."""
    cfg = config or MatchConfig()
    if not old or not new:
        return [SentencePair(s, None, 0.0) for s in old] + [SentencePair(None, s, 0.0) for s in new]
    score = process.cdist([s.text for s in old], [s.text for s in new], scorer=fuzz.ratio)
    pairs = dict(_assign(score, cfg.sentence_threshold))
    by_new = {b: a for a, b in pairs.items()}
    out: list[SentencePair] = []
    emitted_old: set[int] = set()
    next_old = 0
    for j, s in enumerate(new):
        if j in by_new:
            i = by_new[j]
            # removed sentences before this one's partner come first
            while next_old < i:
                if next_old not in pairs and next_old not in emitted_old:
                    out.append(SentencePair(old[next_old], None, 0.0))
                    emitted_old.add(next_old)
                next_old += 1
            out.append(SentencePair(old[i], s, float(score[i, j]), tuple(token_diff(old[i].text, s.text))))
            emitted_old.add(i)
        else:
            out.append(SentencePair(None, s, 0.0))
    for i in range(len(old)):
        if i not in emitted_old and i not in pairs:
            out.append(SentencePair(old[i], None, 0.0))
    return out
