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

import bisect
import heapq
import itertools
import math
import re
import weakref
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import Enum
from typing import Any

from rapidfuzz import fuzz, process
from rapidfuzz.distance import Indel

from . import _regex
from ._assign import assign
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
    sentence_threshold: float = 45.0
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


_YEARS = _regex.compile(r"20\d\d年?|十[四五六]五|[0-9]+")
_NOISE = _regex.compile(r"[\s，。；、：,.;:！？（）()“”0-9%]")


def _title_key(title: str) -> str:
    return _YEARS.sub("", title)


def _section_text(report: Report, section: Section) -> str:
    return report.text[section.heading_end : section.end]


def _bigrams(text: str) -> set[str]:
    text = _NOISE.sub("", text)
    return {text[i : i + 2] for i in range(len(text) - 1)}


def _section_bigrams(report: Report, index: int) -> set[str]:
    return report.memo(
        ("section_bigrams", index), lambda: _bigrams(_section_text(report, report.sections[index]))
    )


def _idf(docs: Sequence[set[str]]) -> dict[str, float]:
    """The smoothed inverse document frequency of every bigram of ``docs``."""
    df = Counter(itertools.chain.from_iterable(docs))
    n = len(docs)
    weight = [math.log((n + 1) / (k + 1)) + 1.0 for k in range(n + 1)]  # a bigram is in 1..n documents
    return {g: weight[k] for g, k in df.items()}


def _tfidf(docs: Sequence[set[str]]) -> list[dict[str, float]]:
    """Unit TF-IDF vectors of bigram sets (IDF over all ``docs``): words shared by every section weigh
    little, the words of a topic (大湾区, 低空经济) much."""
    idf = _idf(docs)
    out = []
    for d in docs:
        vec = {g: idf[g] for g in d}
        norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
        out.append({g: v / norm for g, v in vec.items()})
    return out


#: past this many sections on a side, candidates come from each section's rarest bigrams only
_POSTINGS_CAP = 256
#: how many of its rarest bigrams a section looks its candidates up by, past :data:`_POSTINGS_CAP`
_RARE_BIGRAMS = 48


def _dot(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(a[g] * b[g] for g in a.keys() & b.keys())


def _cosines(
    a: Sequence[dict[str, float]], b: Sequence[dict[str, float]], k: int
) -> dict[tuple[int, int], float]:
    """Cosine similarity (0–100) of the pairs worth it when ``b`` has more than :data:`_POSTINGS_CAP`
    sections (no real report has a third of that): each of ``a`` finds its candidates through its
    :data:`_RARE_BIGRAMS` rarest bigrams in an inverted index, keeps its ``k`` best, and their exact
    cosines are computed: cost stays linear in the number of sections instead of growing with its
    square."""
    postings: dict[str, list[tuple[int, float]]] = {}
    for j, vec in enumerate(b):
        for g, w in vec.items():
            postings.setdefault(g, []).append((j, w))
    out: dict[tuple[int, int], float] = {}
    for i, vec in enumerate(a):
        acc: dict[int, float] = {}
        for g in heapq.nsmallest(_RARE_BIGRAMS, vec, key=lambda g: len(postings.get(g, ()))):
            w = vec[g]
            for j, v in postings.get(g, ()):
                acc[j] = acc.get(j, 0.0) + w * v
        best = sorted(acc.items(), key=lambda kv: -kv[1])[:k] if len(acc) > k else acc.items()
        for j, _ in best:
            out[(i, j)] = 100.0 * _dot(vec, b[j])
    return out


def _set_cosines(a: Sequence[set[str]], b: Sequence[set[str]], k: int) -> dict[tuple[int, int], float]:
    """:func:`_cosines` of :func:`_tfidf`'s vectors for a report's few sections, by set operations: a
    bigram set's vector holds idf(g) / norm, so the dot product of two is the sum of idf(g)² over the
    bigrams they share, divided by both norms; intersections and sums run in C, not a loop per bigram."""
    docs = [*a, *b]
    squared = {g: w**2 for g, w in _idf(docs).items()}
    weigh = squared.__getitem__
    norms = [math.sqrt(sum(map(weigh, d))) or 1.0 for d in docs]
    out: dict[tuple[int, int], float] = {}
    for i, da in enumerate(a):
        acc = [(j, sum(map(weigh, da & db)) / (norms[i] * norms[len(a) + j])) for j, db in enumerate(b)]
        acc = [(j, v) for j, v in acc if v > 0.0]
        best = sorted(acc, key=lambda kv: -kv[1])[:k] if len(acc) > k else acc
        for j, v in best:
            out[(i, j)] = 100.0 * v
    return out


_CONTENT: list[tuple[Any, Any, tuple[int, ...], tuple[int, ...], dict[tuple[int, int], float]]] = []


def _content(old: Report, new: Report, oi: Sequence[int], ni: Sequence[int]) -> dict[tuple[int, int], float]:
    """The content cosines of the chosen sections (see :func:`align_sections`), computed once for the two
    passes of a comparison: the last result is kept (weakly) for the same reports and sections."""
    key = (tuple(oi), tuple(ni))
    for ro, rn, ko, kn, found in _CONTENT:
        if ro() is old and rn() is new and (ko, kn) == key:
            return dict(found)
    docs = [_section_bigrams(old, i) for i in oi] + [_section_bigrams(new, j) for j in ni]
    if len(ni) > _POSTINGS_CAP:
        vectors = _tfidf(docs)
        content = _cosines(vectors[: len(oi)], vectors[len(oi) :], _SECTION_CANDIDATES)
    else:
        content = _set_cosines(docs[: len(oi)], docs[len(oi) :], _SECTION_CANDIDATES)
    _CONTENT[:] = [(weakref.ref(old), weakref.ref(new), key[0], key[1], content)]
    return dict(content)


def _lis_keep(pairs: list[tuple[int, int]]) -> set[tuple[int, int]]:
    """The pairs in the longest run increasing on both sides (the rest have moved): patience sorting,
    O(n log n)."""
    ordered = sorted(pairs)
    tails: list[int] = []  # tails[k]: index in ordered of the smallest tail of a run of length k + 1
    prev: list[int] = [-1] * len(ordered)
    for i, (_, b) in enumerate(ordered):
        k = bisect.bisect_left([ordered[t][1] for t in tails], b)
        prev[i] = tails[k - 1] if k else -1
        if k == len(tails):
            tails.append(i)
        else:
            tails[k] = i
    keep: set[tuple[int, int]] = set()
    i = tails[-1] if tails else -1
    while i >= 0:
        keep.add(ordered[i])
        i = prev[i]
    return keep


_SECTION_CANDIDATES = 12


def align_sections(
    old: Report,
    new: Report,
    old_sections: Sequence[int] | None = None,
    new_sections: Sequence[int] | None = None,
    config: MatchConfig | None = None,
    links: Mapping[tuple[str, str], int] | None = None,
) -> list[SectionPair]:
    """Pair sections (by index) of ``old`` and ``new`` by title and content similarity.

    Content is the cosine of TF-IDF-weighted character bigrams (a topic's own words weigh most, so the
    same topic under a new title still pairs). ``links`` counts matched commitments and initiatives
    between (old path, new path) section pairs: each adds ``config.link_bonus`` points (up to three), so
    that sections sharing them pair even when their titles differ.
    """
    cfg = config or MatchConfig()
    oi = list(range(1, len(old.sections))) if old_sections is None else list(old_sections)
    ni = list(range(1, len(new.sections))) if new_sections is None else list(new_sections)
    content = _content(old, new, oi, ni)
    if links:
        old_at = {old.sections[i].path: a for a, i in enumerate(oi)}
        new_at = {new.sections[j].path: b for b, j in enumerate(ni)}
        for (po, pn), _k in links.items():
            if po in old_at and pn in new_at:
                content.setdefault((old_at[po], new_at[pn]), 0.0)
    titles_o = [_title_key(old.sections[i].title) for i in oi]
    titles_n = [_title_key(new.sections[j].title) for j in ni]
    scores: dict[tuple[int, int], tuple[float, float, float]] = {}
    for (a, b), c in content.items():
        so, sn = old.sections[oi[a]], new.sections[ni[b]]
        title = fuzz.ratio(titles_o[a], titles_n[b])
        score = 0.4 * title + 0.6 * c - (0.0 if so.level == sn.level else 25.0)
        if links:
            score += cfg.link_bonus * min(links.get((so.path, sn.path), 0), 3)
        scores[(a, b)] = (score, title, c)
    n, m = max(len(oi), 1), max(len(ni), 1)
    edges = [
        (a, b, v[0] - cfg.section_threshold + 1e-3 + 1e-6 * (1 - abs(a / n - b / m)))
        for (a, b), v in scores.items()
        if v[0] >= cfg.section_threshold
    ]
    pairs = assign(edges)
    in_order = _lis_keep(pairs)
    out: list[SectionPair] = []
    paired_old = {a for a, _ in pairs}
    paired_new = {b for _, b in pairs}
    for a, b in pairs:
        score, title, c = scores[(a, b)]
        status = SectionStatus.MATCHED if (a, b) in in_order else SectionStatus.MOVED
        out.append(
            SectionPair(
                status, min(score, 100.0), title, c, old.sections[oi[a]], new.sections[ni[b]], oi[a], ni[b]
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


_TOKEN = _regex.compile(r"[A-Za-z0-9.%]+|[\u4e00-\u9fff]|\s+|.", re.S)


def tokenize(text: str) -> list[str]:
    """Tokens for a diff: every number-with-unit as one token (1.2万亩 never splits), runs of Latin letters
    and digits, and single Chinese characters otherwise (no dictionary to load).

    >>> tokenize("新建高标准农田1.2万亩")[-2:]
    ['田', '1.2万亩']
    """
    tokens: list[str] = []
    pos = 0
    for q in extract_quantities(text):
        if q.start > pos:
            tokens.extend(_TOKEN.findall(text, pos, q.start))
        tokens.append(text[q.start : q.end])
        pos = q.end
    if pos < len(text):
        tokens.extend(_TOKEN.findall(text, pos))
    return tokens


def token_diff(old: str, new: str) -> list[DiffOp]:
    """Token-level diff of two sentences, with islands of one or two unchanged characters between
    changes folded into them (so that a rewording reads as one change, not a scatter of letters).

    >>> [(o.tag, o.old, o.new) for o in token_diff("新建高标准农田1.2万亩", "新建高标准农田2000亩")]
    [('equal', '新建高标准农田', '新建高标准农田'), ('replace', '1.2万亩', '2000亩')]
    >>> [(o.tag, o.old, o.new) for o in token_diff("加快建设港口", "加力推进港口")]
    [('equal', '加', '加'), ('replace', '快建设', '力推进'), ('equal', '港口', '港口')]
    """
    a, b = tokenize(old), tokenize(new)
    ops: list[DiffOp] = []
    for oc in Indel.opcodes(a, b):
        tag, sa, sb = oc.tag, "".join(a[oc.src_start : oc.src_end]), "".join(b[oc.dest_start : oc.dest_end])
        ops.append(DiffOp(tag, sa, sb))
    return _cleanup(ops)


def _cleanup(ops: list[DiffOp]) -> list[DiffOp]:
    """Merge runs: an equal island of at most two characters between two changes joins them, a delete
    next to an insert becomes a replace."""
    merged: list[DiffOp] = []
    for i, op in enumerate(ops):
        short = op.tag == "equal" and len(op.old) <= 2 and 0 < i < len(ops) - 1
        if short:
            op = DiffOp("replace", op.old, op.new)
        if merged and merged[-1].tag != "equal" and op.tag != "equal":
            prev = merged.pop()
            tag = prev.tag if prev.tag == op.tag else "replace"
            merged.append(DiffOp(tag, prev.old + op.old, prev.new + op.new))
        elif merged and merged[-1].tag == op.tag == "equal":
            prev = merged.pop()
            merged.append(DiffOp("equal", prev.old + op.old, prev.new + op.new))
        else:
            merged.append(op)
    return merged


# --- sentences ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SentenceGroup:
    """One row of the aligned view: old sentences beside new ones (one-to-one, one-to-many, many-to-one),
    or sentences of one side only, with the token diff of their texts.

    Attributes:
        old: the old sentences of the row (empty for an added sentence).
        new: the new sentences of the row (empty for a removed one).
        similarity: 0–100: how alike the two sides read (100 for a row held by matched commitments).
        ops: the token diff of the joined old and new texts (empty for one-sided rows).
        anchored: the row holds matched commitments or initiatives, so its sides belong together.
        moved: the old sentences were taken from elsewhere in the old text (another section, or another
            place in this one) to sit beside their counterparts.
    """

    old: tuple[Sentence, ...]
    new: tuple[Sentence, ...]
    similarity: float
    ops: tuple[DiffOp, ...] = ()
    anchored: bool = False
    moved: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {
            "old": [{"text": s.text, "start": s.start} for s in self.old],
            "new": [{"text": s.text, "start": s.start} for s in self.new],
            "similarity": round(self.similarity, 1),
            "anchored": self.anchored,
            "moved": self.moved,
            "ops": [o.to_dict() for o in self.ops],
        }


_MASK = _regex.compile(
    r"[0-9]+(?:\.[0-9]+)?%?|[零〇一二两三四五六七八九十百千万亿]+(?=[个项家条批次所座处名位万亿%])"
)
_MERGE_PENALTY = 0.05
_BAND = 120


def _band(n: int, m: int) -> list[tuple[int, int]]:
    """Each row's columns [lo, hi] within :data:`_BAND` of the diagonal, widened where two rows would not
    touch (a section of a few sentences against one of hundreds), so that (n, m) is always reachable."""
    rows = []
    for i in range(n + 1):
        mid = int(i * m / n)
        rows.append((max(0, mid - _BAND), min(m, mid + _BAND)))
    for i in range(n):
        if rows[i][1] < rows[i + 1][0]:
            rows[i] = (rows[i][0], rows[i + 1][0])
    return rows


def _similar(query: str, choices: Sequence[str], first: int, threshold: float) -> list[tuple[int, float]]:
    """(column, similarity) of the ``choices`` (column ``first`` onwards) at least ``threshold`` (0–1)
    like ``query``: one rapidfuzz call scans them all."""
    if not choices:
        return []
    cutoff = max(0.0, 100.0 * threshold - 1.0)
    found = process.extract(query, choices, scorer=fuzz.ratio, score_cutoff=cutoff, limit=None)
    return [(first + k, score / 100.0) for _, score, k in found if score / 100.0 >= threshold]


def _bead_gains(
    old: Sequence[str], new: Sequence[str], band: Sequence[tuple[int, int]], threshold: float
) -> list[list[tuple[int, int, int, float, float]]]:
    """For each target row, the beads (1–1, 2–1, 1–2) that end in it above ``threshold``, as (source
    row, source column, target column, gain, similarity)."""
    n, m = len(old), len(new)
    joined = ["".join(new[j : j + 2]) for j in range(m - 1)]
    ending: list[list[tuple[int, int, int, float, float]]] = [[] for _ in range(n + 1)]
    for i in range(n):
        lo, hi = band[i]
        for di, dj in ((1, 1), (2, 1), (1, 2)):
            if i + di > n:
                continue
            top = min(hi, m - dj)
            query = old[i] if di == 1 else old[i] + old[i + 1]
            choices = new[lo : top + 1] if dj == 1 else joined[lo : top + 1]
            penalty = _MERGE_PENALTY if di + dj > 2 else 0.0
            for j, sim in _similar(query, choices, lo, threshold):
                ending[i + di].append((i, j, j + dj, sim - threshold - penalty + 1e-3, sim))
    return ending


def _beads(
    old: Sequence[str], new: Sequence[str], threshold: float
) -> list[tuple[int, int, int, int, float]]:
    """A monotone alignment of two lists of (masked) sentences, as beads (old i, old count, new j, new
    count, similarity): 1–1, 2–1 and 1–2 pairs above ``threshold``, the rest one-sided. Dynamic
    programming that maximises the summed similarity above the threshold, within a band around the
    diagonal so that cost stays linear in long sections.

    Only the pairs above the threshold are scored (one rapidfuzz scan per row and bead shape); a row's
    scores are the running maximum of the row above and the beads ending in it, and the path is read
    back by asking each cell on it which move gave its score (the first one, in the order (2,1), (1,2),
    (1,1), (1,0), (0,1), that reaches it)."""
    n, m = len(old), len(new)
    if not n or not m:
        return [(i, 1, -1, 0, 0.0) for i in range(n)] + [(-1, 0, j, 1, 0.0) for j in range(m)]
    neg = float("-inf")
    band = _band(n, m)
    ending = _bead_gains(old, new, band, threshold)
    rows: list[list[float]] = []
    for i in range(n + 1):
        lo, hi = band[i]
        if i == 0:
            cand = [0.0] + [neg] * (hi - lo)
        else:
            plo, phi = band[i - 1]
            above = rows[i - 1][max(lo - plo, 0) : max(min(hi, phi) - plo + 1, 0)]
            cand = above + [neg] * (hi - lo + 1 - len(above))
        for si, sj, tj, gain, _ in ending[i]:
            slo, shi = band[si]
            if lo <= tj <= hi and slo <= sj <= shi:
                v = rows[si][sj - slo] + gain
                if v > cand[tj - lo]:
                    cand[tj - lo] = v
        rows.append(list(itertools.accumulate(cand, max)))
    return _read_back(rows, band, ending, n, m)


def _read_back(
    rows: Sequence[Sequence[float]],
    band: Sequence[tuple[int, int]],
    ending: Sequence[Sequence[tuple[int, int, int, float, float]]],
    n: int,
    m: int,
) -> list[tuple[int, int, int, int, float]]:
    neg = float("-inf")

    def score(i: int, j: int) -> float:
        lo, hi = band[i]
        return rows[i][j - lo] if i >= 0 and lo <= j <= hi else neg

    out = []
    i, j = n, m
    while i or j:
        best, move = neg, (0, 0, 0.0)
        beads = {(i - si, tj - sj): (gain, sim) for si, sj, tj, gain, sim in ending[i] if tj == j}
        for di, dj in ((2, 1), (1, 2), (1, 1), (1, 0), (0, 1)):
            if (di, dj) in beads:
                gain, sim = beads[(di, dj)]
            elif di and dj:
                continue
            else:
                gain, sim = 0.0, 0.0
            v = score(i - di, j - dj) + gain
            if v > best:
                best, move = v, (di, dj, sim)
        di, dj, sim = move
        if not (di or dj):
            raise AssertionError(f"no way back from ({i}, {j})")  # the band always links (0, 0) to (n, m)
        i, j = i - di, j - dj
        if di and dj:
            out.append((i, di, j, dj, sim))
        elif di:
            out.append((i, 1, -1, 0, 0.0))
        else:
            out.append((-1, 0, j, 1, 0.0))
    return out[::-1]


def align_sentences(
    old: Sequence[Sentence],
    new: Sequence[Sentence],
    config: MatchConfig | None = None,
    groups: Sequence[tuple[tuple[Sentence, ...], tuple[Sentence, ...]]] = (),
) -> list[SentenceGroup]:
    """The rows of the aligned view for one pair of sections, in reading order (the new text's, the old
    sentences without a counterpart after the one before them).

    ``groups`` are rows fixed in advance — sentences held together by matched commitments or initiatives
    (whose old sentences may come from elsewhere) — the remaining sentences are aligned in order,
    allowing one-to-two and two-to-one rows for sentences split or merged in the rewording.
    """
    cfg = config or MatchConfig()
    taken_old = {s.start for g in groups for s in g[0]}
    taken_new = {s.start for g in groups for s in g[1]}
    free_old = [s for s in old if s.start not in taken_old]
    free_new = [s for s in new if s.start not in taken_new]
    masked_old = [_MASK.sub("#", s.text) for s in free_old]
    masked_new = [_MASK.sub("#", s.text) for s in free_new]
    rows: list[SentenceGroup] = []
    for i, di, j, dj, sim in _beads(masked_old, masked_new, cfg.sentence_threshold / 100.0):
        olds = tuple(free_old[i : i + di]) if di else ()
        news = tuple(free_new[j : j + dj]) if dj else ()
        rows.append(_row(olds, news, 100.0 * sim))
    here = {s.start for s in old}
    for g_old, g_new in groups:
        moved = any(s.start not in here for s in g_old)
        rows.append(_row(g_old, g_new, 100.0, anchored=True, moved=moved))
    return _in_reading_order(rows, old, new)


def _row(
    old: tuple[Sentence, ...],
    new: tuple[Sentence, ...],
    similarity: float,
    *,
    anchored: bool = False,
    moved: bool = False,
) -> SentenceGroup:
    if not old or not new:
        return SentenceGroup(old, new, 0.0)
    ops = tuple(token_diff("".join(s.text for s in old), "".join(s.text for s in new)))
    return SentenceGroup(old, new, similarity, ops, anchored, moved)


def _in_reading_order(
    rows: list[SentenceGroup], old: Sequence[Sentence], new: Sequence[Sentence]
) -> list[SentenceGroup]:
    """Rows sorted by their first new sentence; a row with old sentences only comes right after the row
    that holds the old sentence before it."""
    new_at = {s.start: k for k, s in enumerate(new)}
    old_at = {s.start: k for k, s in enumerate(old)}
    row_of_old: dict[int, float] = {}
    keyed: list[tuple[tuple[float, int, int], SentenceGroup]] = []
    for r in rows:
        if r.new:
            key = (float(min(new_at.get(s.start, 10**9) for s in r.new)), 0, 0)
            for s in r.old:
                row_of_old[old_at.get(s.start, -1)] = key[0]
            keyed.append((key, r))
    for r in rows:
        if not r.new:
            k = old_at.get(r.old[0].start, 0)
            before = [row_of_old[x] for x in row_of_old if x < k]
            keyed.append(((max(before) if before else -1.0, 1, k), r))
    keyed.sort(key=lambda kr: kr[0])
    return [r for _, r in keyed]
