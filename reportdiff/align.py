"""Stage 5: align the sections of two reports and match their commitments.

Three jobs, each measured with rapidfuzz and solved as an optimal assignment
(``scipy.optimize.linear_sum_assignment``), never first-come greedy:

* :func:`align_sections` pairs sections by title and content similarity, so
  renumbered, retitled and reordered sections still meet (matched / moved /
  added / removed);
* :func:`match_commitments` pairs old and new commitments one-to-one; the
  score (see :class:`MatchScore`) combines indicator and clause similarity with
  the numbers masked, the section alignment and unit compatibility;
* :func:`token_diff` gives a token-level diff of two sentences (jieba tokens,
  difflib's opcode model via rapidfuzz ``Indel.opcodes``), every number with
  its unit kept as one token.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

import numpy as np
from rapidfuzz import fuzz, process
from rapidfuzz.distance import Indel

from .commitments import Commitment, mask_numbers
from .quantities import Direction, extract_quantities, unit_kind
from .structure import Report, Section, Sentence


@dataclass(frozen=True)
class MatchConfig:
    """Every knob of alignment and matching, with its documented default.

    Attributes:
        threshold: minimum combined score (0–100) for two commitments to pair.
        indicator_weight: weight of indicator similarity in the score.
        clause_weight: weight of masked-clause similarity.
        section_bonus: points added when both sides lie in aligned sections.
        stock_penalty: points taken when one side states a stock (增至, 累计, 达到)
            and the other an increment (新建, 新增).
        section_threshold: minimum similarity for two sections to pair.
        sentence_threshold: minimum similarity for two sentences to pair in the aligned view.
    """

    threshold: float = 62.0
    indicator_weight: float = 0.55
    clause_weight: float = 0.45
    section_bonus: float = 4.0
    stock_penalty: float = 18.0
    section_threshold: float = 35.0
    sentence_threshold: float = 55.0

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
        similarity: combined score 0–100 (0 when unpaired).
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
    return 100.0 * len(a & b) / min(len(a), len(b)) ** 0.5 / max(len(a), len(b)) ** 0.5


def _assign(score: np.ndarray[Any, Any], threshold: float) -> list[tuple[int, int]]:
    """Optimal one-to-one pairs of ``score`` (maximised), keeping those at or above threshold."""
    if score.size == 0:
        return []
    from scipy.optimize import linear_sum_assignment

    rows, cols = linear_sum_assignment(score, maximize=True)
    return sorted((int(r), int(c)) for r, c in zip(rows, cols) if score[r, c] >= threshold)


def _lis_keep(pairs: list[tuple[int, int]]) -> set[tuple[int, int]]:
    """The pairs in the longest run increasing on both sides (the rest have moved)."""
    best: list[list[tuple[int, int]]] = []
    for p in sorted(pairs):
        chain = max((c for c in best if c[-1][1] < p[1]), key=len, default=[])
        best.append([*chain, p])
    return set(max(best, key=len, default=[]))


def align_sections(
    old: Report,
    new: Report,
    old_sections: Sequence[int] | None = None,
    new_sections: Sequence[int] | None = None,
    config: MatchConfig | None = None,
) -> list[SectionPair]:
    """Pair sections (by index) of ``old`` and ``new`` by title and content similarity."""
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
    pairs = _assign(score, cfg.section_threshold)
    in_order = _lis_keep(pairs)
    out: list[SectionPair] = []
    paired_old = {a for a, _ in pairs}
    paired_new = {b for _, b in pairs}
    for a, b in pairs:
        out.append(
            SectionPair(
                SectionStatus.MATCHED if (a, b) in in_order else SectionStatus.MOVED,
                float(score[a, b]),
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
            out.append(SectionPair(SectionStatus.ADDED, 0.0, 0.0, 0.0, None, new.sections[ni[b]], None, ni[b]))
    out.sort(key=lambda p: (p.new_index if p.new_index is not None else 10**9, p.old_index or 0))
    return out


# --- commitments ------------------------------------------------------------------------------

_COUNT_KINDS = frozenset({"count"})
_DIRECTION_WORDS = re.compile(r"增长|下降|提高|降低|减少|增加|上升|提升|下降到|回落|增速|减排")
_STOCK = re.compile(r"增至|增加到|提高到|提升至|提升到|达到|达|累计|总数|总量|保有|规模|总计|共有|拥有|占比")
_INCREMENT = re.compile(r"新建|新增|新开工|建成|开工|新改建|改建|改造|完成|实施|培育|引进|新认定|新培育|新引进")


@dataclass(frozen=True)
class MatchScore:
    """The evidence behind one commitment pair.

    Attributes:
        score: the combined score 0–100 the assignment maximised (threshold applies to it).
        indicator: indicator similarity (rapidfuzz ratio, numbers and rate verbs masked).
        clause: clause similarity (rapidfuzz partial_ratio, numbers masked).
        section_bonus: points added for aligned sections.
        penalty: points taken (stock vs increment).
        units: how the units were judged compatible (``same unit 亩``, ``counts 座~个``).
    """

    score: float
    indicator: float
    clause: float
    section_bonus: float
    penalty: float
    units: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "score": round(self.score, 1),
            "indicator": round(self.indicator, 1),
            "clause": round(self.clause, 1),
            "section_bonus": self.section_bonus,
            "penalty": self.penalty,
            "units": self.units,
        }


def _is_rate(c: Commitment) -> bool:
    return c.quantity.direction is not None or bool(_DIRECTION_WORDS.search(c.indicator))


def block_key(c: Commitment) -> str:
    """Commitments with different keys never pair: unit family, and rate vs level for % and 百分点."""
    kind = unit_kind(c.quantity.unit)
    if kind in ("percent", "points"):
        return f"{kind}:{'rate' if _is_rate(c) else 'level'}"
    return kind or f"none:{c.quantity.unit}"


def units_note(a: Commitment, b: Commitment) -> str:
    """Say why two units are compatible (call only for same-block pairs)."""
    ua, ub = a.quantity.unit, b.quantity.unit
    if ua == ub:
        return f"same unit {ua or '(none)'}"
    return f"{unit_kind(ua)} {ua}~{ub}"


def _indicator_key(c: Commitment) -> str:
    return _DIRECTION_WORDS.sub("±", mask_numbers(c.indicator))


def _stock_flag(c: Commitment) -> int:
    before = c.text[: max(c.start - c.clause_start, 0)]
    if _STOCK.search(before[-6:]) or re.search(r"累计|总数|总量|保有", c.text):
        return 1
    if _INCREMENT.search(before):
        return -1
    return 0


@dataclass(frozen=True)
class CommitmentMatch:
    """One paired commitment (indexes into the old and new lists) with its evidence."""

    old: int
    new: int
    evidence: MatchScore


@dataclass
class _Block:
    old: list[int] = field(default_factory=list)
    new: list[int] = field(default_factory=list)


def match_commitments(
    old: Sequence[Commitment],
    new: Sequence[Commitment],
    aligned: set[tuple[str, str]] | None = None,
    config: MatchConfig | None = None,
) -> list[CommitmentMatch]:
    """An optimal one-to-one pairing of ``old`` and ``new`` commitments.

    Only commitments in the same block (:func:`block_key`) are scored, with
    ``process.cdist`` per block; ``aligned`` holds (old path, new path) pairs of
    aligned sections, which earn ``config.section_bonus``.
    """
    cfg = config or MatchConfig()
    aligned = aligned or set()
    blocks: dict[str, _Block] = {}
    for i, c in enumerate(old):
        blocks.setdefault(block_key(c), _Block()).old.append(i)
    for j, c in enumerate(new):
        blocks.setdefault(block_key(c), _Block()).new.append(j)
    matches: list[CommitmentMatch] = []
    for block in blocks.values():
        if not block.old or not block.new:
            continue
        bo = [old[i] for i in block.old]
        bn = [new[j] for j in block.new]
        ind = process.cdist([_indicator_key(c) for c in bo], [_indicator_key(c) for c in bn], scorer=fuzz.ratio)
        ind_p = process.cdist(
            [_indicator_key(c) for c in bo], [_indicator_key(c) for c in bn], scorer=fuzz.partial_ratio
        )
        ind = np.maximum(ind, ind_p * 0.9)
        cla = process.cdist([c.masked_text for c in bo], [c.masked_text for c in bn], scorer=fuzz.partial_ratio)
        bonus = np.array(
            [[cfg.section_bonus if (a.section_path, b.section_path) in aligned else 0.0 for b in bn] for a in bo]
        )
        so = np.array([_stock_flag(c) for c in bo])
        sn = np.array([_stock_flag(c) for c in bn])
        penalty = np.where(so[:, None] * sn[None, :] < 0, cfg.stock_penalty, 0.0)
        score = cfg.indicator_weight * ind + cfg.clause_weight * cla + bonus - penalty
        for a, b in _assign(score, cfg.threshold):
            matches.append(
                CommitmentMatch(
                    block.old[a],
                    block.new[b],
                    MatchScore(
                        float(score[a, b]),
                        float(ind[a, b]),
                        float(cla[a, b]),
                        float(bonus[a, b]),
                        float(penalty[a, b]),
                        units_note(bo[a], bn[b]),
                    ),
                )
            )
    matches.sort(key=lambda m: (m.new, m.old))
    return matches


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
    for op in Indel.opcodes(a, b):
        tag, sa, sb = op.tag, "".join(a[op.src_start : op.src_end]), "".join(b[op.dest_start : op.dest_end])
        if ops and ops[-1].tag == tag:
            ops[-1] = DiffOp(tag, ops[-1].old + sa, ops[-1].new + sb)
        else:
            ops.append(DiffOp(tag, sa, sb))
    # Indel has no replace: fold a delete next to an insert into one.
    merged: list[DiffOp] = []
    for op in ops:
        if merged and {merged[-1].tag, op.tag} == {"delete", "insert"}:
            prev = merged.pop()
            merged.append(DiffOp("replace", prev.old + op.old, prev.new + op.new))
        elif merged and merged[-1].tag == "replace" and op.tag in ("delete", "insert"):
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


def is_down(c: Commitment) -> bool:
    """Whether the commitment's rate points down (下降, 减少)."""
    return c.quantity.direction is Direction.DOWN
