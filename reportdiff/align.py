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
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

import numpy as np
from rapidfuzz import fuzz, process
from rapidfuzz.distance import Indel, LCSseq

from .commitments import Commitment, mask_numbers
from .quantities import extract_quantities, unit_kind
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
        modifier_penalty: points taken when two indicators share a head noun but their modifiers differ
            (规上工业增加值 vs 高技术制造业增加值, 城镇居民收入 vs 农村居民收入): near-twins stay apart.
        coverage_weight: score given when the whole shorter indicator (4+ characters) is found in order
            inside the longer one (片区更新 in 片区综合更新重点项目).
        multi_year_penalty: points taken from a figure of a five-year review, so that a one-year figure
            that fits as well wins.
        vague_penalty: points taken when an indicator is only a head noun (:data:`VAGUE_INDICATORS`: 投资,
            产值) and the clauses are less alike than ``vague_clause``.
        partial_weight: factor on the indicator's partial_ratio (one indicator inside the other).
        reorder_weight: factor on the ratio of the indicators' sorted characters
            (word order: 整治裸房 ↔ 裸房整治).
        section_threshold: minimum similarity for two sections to pair.
        link_bonus: points per matched commitment shared by two sections (at most three count).
        sentence_threshold: minimum similarity for two sentences to pair in the aligned view.
    """

    threshold: float = 62.0
    indicator_weight: float = 0.55
    clause_weight: float = 0.45
    section_bonus: float = 4.0
    stock_penalty: float = 40.0
    modifier_penalty: float = 15.0
    multi_year_penalty: float = 3.0
    vague_penalty: float = 10.0
    vague_clause: float = 70.0
    coverage_weight: float = 0.85
    partial_weight: float = 0.9
    reorder_weight: float = 0.9
    section_threshold: float = 35.0
    link_bonus: float = 12.0
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


# --- commitments ------------------------------------------------------------------------------

_DIRECTION_WORDS = re.compile(
    r"增长|下降|提高|降低|减少|增加(?!值)|上升|提升|回落|增速|减排|涨幅|上涨|增幅|降幅"
)
_STOCK = re.compile(
    r"增至|增加到|提高到|提升至|提升到|达到|达|累计|总数|总量|保有|总规模|总计|共有|拥有|超过|突破"
)
_INCREMENT = re.compile(
    r"新建|新增|新开工|开工|建成|新改建|改建|改造|建设|完成|实施|培育|引进|新认定|新培育|新引进|创建|打造|"
    r"培训|举办|开展|招引|签约|建立|新创建|争创|创成|推广|发放|提供|投入|减免|实现"
)
_STOCK_NOUNS = re.compile(r"累计|总数|总量|保有量|总规模|总里程|(?<!新增)规模达")

# Synonyms and abbreviations of report language, folded to one spelling before scoring.
SYNONYMS: tuple[tuple[str, str], ...] = (
    ("国内生产总值", "地区生产总值"),
    ("生产总值", "地区生产总值"),
    ("地区地区", "地区"),
    ("经济增长", "地区生产总值增长"),
    ("GDP", "地区生产总值"),
    ("经济增速", "地区生产总值增长"),
    ("规模以上", "规上"),
    ("限额以上", "限上"),
    ("公共厕所", "公厕"),
    ("居民消费价格指数", "居民消费价格"),
    ("消费价格涨幅", "消费价格上涨"),
    ("物价涨幅", "居民消费价格上涨"),
    ("CPI", "居民消费价格"),
    ("社零额", "社会消费品零售总额"),
    ("研发经费", "研究与试验发展经费"),
    ("R&D", "研究与试验发展"),
    ("城镇新增就业", "新增城镇就业"),
    ("外贸进出口", "进出口"),
    ("总产量", "产量"),
    ("常住居民", "居民"),
    ("个百分点", "百分点"),
    ("农村牧区", "农村"),
    ("农民人均纯收入", "农村居民人均可支配收入"),
    ("中转站", "转运站"),
    ("城镇居民人均收入", "城镇居民人均可支配收入"),
)
# Generic action and hedging words: what is measured does not depend on them.
_GENERIC = re.compile(
    r"力争|争取|确保|努力|继续|持续|进一步|全力|加快|积极|稳步|全面|大力|着力|推动|推进|抓好|做好|"
    r"保持在|稳定在|控制在|保持|稳定|实现|完成|达到|突破|超过|新建|新增|建设|建成|新改建|改建|改造|"
    r"修建|再建|兴建|新修|续建|"
    r"实施|开展|培育|打造|创建|争创|新培育|新创建|引进|引育|新认定|提升|提高|增至|全年|年内|今年|"
    r"左右|以上|以内|以下|累计"
)
_QUOTES = re.compile(r"[“”\"‘’'《》「」]")
_GENERIC_END = re.compile(r"(?:达|超|约|近|为|是)+$")
# Examples named before 等 (开工长深高速改扩建等2个项目): the list, not the indicator; the verb stays.
_NAMED_LIST = re.compile(
    r"^((?:新开工|开工|续建|建成通车|建成|竣工|投产|推进|实施|抓好|加快|推动|新建|改扩建|建设|打造|培育|力争|争取)*)"
    r"[^，,；;]*?等"
)


# Head nouns that name no indicator by themselves: 投资 of what? 产值 of which industry?
VAGUE_INDICATORS = frozenset(
    {
        "投资",
        "产值",
        "收入",
        "项目",
        "企业",
        "资金",
        "规模",
        "总量",
        "面积",
        "产量",
        "增加值",
        "总额",
        "金额",
        "数量",
        "人数",
        "任务",
        "工程",
        "营收",
        "效益",
        "支出",
        "贷款",
        "融资",
    }
)


def canonical(indicator: str) -> str:
    """The indicator with numbers masked, synonyms folded and generic words dropped.

    >>> canonical("新建高标准农田")
    '高标准农田'
    >>> canonical("经济增长") == canonical("地区生产总值增长")
    True
    """
    text = indicator
    for a, b in SYNONYMS:  # before masking: 规模以上 must not lose its 以上
        text = text.replace(a, b)
    text = mask_numbers(text).replace("#", "")
    text = _NAMED_LIST.sub(r"\1等", text)
    text = _QUOTES.sub("", _DIRECTION_WORDS.sub("±", text))
    stripped = _GENERIC_END.sub("", _GENERIC.sub("", text)).strip("，,、()（）等和及与的")
    # a generic word may be part of the indicator (新增贷款 is not 贷款): keep it when only a vague noun
    # or a single character remains
    core = stripped.replace("±", "")
    return (
        stripped
        if len(core) >= 2 and core not in VAGUE_INDICATORS
        else (text.strip("，,、()（）等和及与的") or indicator)
    )


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
    """Commitments with different keys never pair: unit family, rate vs level for % and 百分点,
    and a multi-year total (``Commitment.cumulative``) vs one year's figure."""
    kind = unit_kind(c.quantity.unit)
    if kind == "households":
        kind = "count"  # 户 counts households, firms (企业80户) or dwellings (335户保暖房): a count
    period = "cumulative:" if c.cumulative else ""
    if kind in ("percent", "points"):
        return f"{period}{kind}:{'rate' if _is_rate(c) else 'level'}"
    return period + (kind or f"none:{c.quantity.unit}")


def units_note(a: Commitment, b: Commitment) -> str:
    """Say why two units are compatible (call only for same-block pairs)."""
    ua, ub = a.quantity.unit, b.quantity.unit
    if ua == ub:
        return f"same unit {ua or '(none)'}"
    return f"{unit_kind(ua)} {ua}~{ub}"


def _indicator_key(c: Commitment) -> str:
    return canonical(c.indicator)


def _clause_key(c: Commitment) -> str:
    """The masked clause with named examples dropped (建成临沂至滕州等#项目 → 建成等#项目)."""
    return _NAMED_LIST.sub(r"\1等", c.masked_text)


_SCOPE = re.compile(
    r"先行|试点|基层|重点|国家级|省级|市级|县级|区级|自治区级|省市|年度|全省|全市|全区|新型|现代化的?|现代|"
    r"高质量|示范|"
    r"标准化|规范化|首批|新一批|一批|优质|特色|智能|智慧|各类|各级|城乡|全域|新"
)


def modifier_conflict(a: str, b: str) -> bool:
    """Two canonical indicators share a head noun (a common ending of 2+ characters) but their
    modifiers, both present once a common beginning is set aside, have little in common.

    >>> modifier_conflict("规上工业增加值±", "高技术制造业增加值±")
    True
    >>> modifier_conflict("规上工业企业", "规上服务业企业")
    True
    >>> modifier_conflict("一般公共预算总收入±", "一般公共预算收入±")
    False
    >>> modifier_conflict("省级首店", "省市首店")
    False
    """
    # scope and level words (省级, 基层, 试点 …) do not make a different indicator
    a, b = _SCOPE.sub("", a.replace("±", "")), _SCOPE.sub("", b.replace("±", ""))
    n = 0
    while n < min(len(a), len(b)) and a[-1 - n] == b[-1 - n]:
        n += 1
    pa, pb = a[: len(a) - n], b[: len(b) - n]
    k = 0
    while k < min(len(pa), len(pb)) and pa[k] == pb[k]:
        k += 1
    ma, mb = pa[k:], pb[k:]
    return n >= 2 and len(ma) >= 1 and len(mb) >= 1 and len(ma) + len(mb) >= 3 and fuzz.ratio(ma, mb) < 40


def stock_flag(c: Commitment) -> int:
    """+1 when the clause states a stock or cumulative level, −1 a yearly increment, 0 unknown.

    Only counts and physical amounts are judged; rates, shares and money amounts are 0.
    """
    if unit_kind(c.quantity.unit) in ("percent", "points", "", "rank", "time", "age", "multiple", "money"):
        return 0  # rates, and money amounts (a year's flow whether 完成 or 达到)
    before = c.text[: max(c.start - c.clause_start, 0)]
    if _STOCK_NOUNS.search(c.text) or _STOCK.search(before[-3:]):
        return 1
    if _INCREMENT.search(c.subject + before):
        return -1
    if c.quantity.text.startswith(("超过", "突破", "达")):
        return 1
    return 0


def _groups(paths: list[str], index: dict[str, int], depth: int) -> np.ndarray[Any, Any]:
    """For each section path, the index in ``index`` of its ancestor at ``depth`` (−1 when not aligned)."""
    return np.array([index.get(".".join(p.split(".")[:depth]), -1) for p in paths], dtype=np.int64)


def _vague(keys: list[str]) -> np.ndarray[Any, Any]:
    return np.array([len(k.replace("±", "")) <= 1 or k.replace("±", "") in VAGUE_INDICATORS for k in keys])


def _partial(a: list[str], b: list[str], alike: np.ndarray[Any, Any]) -> np.ndarray[Any, Any]:
    """partial_ratio, not counted for a vague indicator (产值 inside 生态渔业产值) unless the clauses are
    ``alike``."""
    part = process.cdist(a, b, scorer=fuzz.partial_ratio, dtype=np.float64)
    vague = _vague(a)[:, None] | _vague(b)[None, :]
    return np.where(~vague | alike, part, 0.0)


def _coverage(a: list[str], b: list[str]) -> np.ndarray[Any, Any]:
    """100 where the shorter string (4+ characters) appears in order inside the longer one and both
    start with the same two characters (片区更新 in 片区综合更新重点项目), else 0."""
    lcs = process.cdist(a, b, scorer=LCSseq.similarity, dtype=np.float64)
    la = np.array([len(x) for x in a], dtype=np.float64)[:, None]
    lb = np.array([len(x) for x in b], dtype=np.float64)[None, :]
    short = np.minimum(la, lb)
    same_head = np.array([[x[:2] == y[:2] for y in b] for x in a], dtype=bool).reshape(len(a), len(b))
    return np.where((short >= 4) & (lcs >= short) & same_head, 100.0, 0.0)


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
    aligned: Sequence[tuple[str, str]] = (),
    config: MatchConfig | None = None,
    nearest: dict[tuple[str, int], tuple[int, float]] | None = None,
) -> list[CommitmentMatch]:
    """An optimal one-to-one pairing of ``old`` and ``new`` commitments.

    When ``nearest`` is given it is filled with each commitment's best-scoring counterpart in
    its block, paired or not: ``("old", i) → (j, score)`` and ``("new", j) → (i, score)``.

    Only commitments in the same block (:func:`block_key`) are scored, with
    ``process.cdist`` per block; ``aligned`` holds (old path, new path) pairs of
    aligned sections: two commitments whose deepest aligned ancestors form one
    pair earn ``config.section_bonus``.
    """
    cfg = config or MatchConfig()
    old_index = {a: k for k, (a, _) in enumerate(aligned)}
    new_index = {b: k for k, (_, b) in enumerate(aligned)}
    old_group = [_groups([c.section_path for c in old], old_index, d) for d in (1, 2)]
    new_group = [_groups([c.section_path for c in new], new_index, d) for d in (1, 2)]
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
        ko, kn = [_indicator_key(c) for c in bo], [_indicator_key(c) for c in bn]
        cla = process.cdist([_clause_key(c) for c in bo], [_clause_key(c) for c in bn], scorer=fuzz.ratio)
        ind = np.maximum.reduce(
            [
                process.cdist(ko, kn, scorer=fuzz.ratio),
                cfg.partial_weight * _partial(ko, kn, cla >= cfg.vague_clause),
                cfg.reorder_weight
                * process.cdist(
                    ["".join(sorted(k)) for k in ko], ["".join(sorted(k)) for k in kn], scorer=fuzz.ratio
                ),
                cfg.coverage_weight * _coverage(ko, kn),
            ]
        )
        same = np.zeros((len(bo), len(bn)), dtype=bool)
        for go, gn in zip(old_group, new_group, strict=True):
            a_, b_ = go[block.old], gn[block.new]
            same |= (a_[:, None] == b_[None, :]) & (a_[:, None] >= 0)
        bonus = np.where(same, cfg.section_bonus, 0.0)
        so = np.array([stock_flag(c) for c in bo])
        sn = np.array([stock_flag(c) for c in bn])
        penalty = np.where(so[:, None] * sn[None, :] < 0, cfg.stock_penalty, 0.0)
        # a figure from a five-year review gives way to a one-year figure that fits as well
        my = (
            np.array([c.in_multi_year_review for c in bn])[None, :]
            | np.array([c.in_multi_year_review for c in bo])[:, None]
        )
        penalty = penalty + np.where(my, cfg.multi_year_penalty, 0.0)
        # a vague indicator (投资, 产值) needs alike clauses to pair
        vague = _vague(ko)[:, None] | _vague(kn)[None, :]
        penalty = penalty + np.where(vague & (cla < cfg.vague_clause), cfg.vague_penalty, 0.0)
        score = cfg.indicator_weight * ind + cfg.clause_weight * cla + bonus - penalty
        # near-twins: only pairs that could pass the threshold are worth the Python-level check
        for a, b in np.argwhere(score >= cfg.threshold - cfg.section_bonus):
            if modifier_conflict(ko[a], kn[b]):
                penalty[a, b] += cfg.modifier_penalty
                score[a, b] -= cfg.modifier_penalty
        if nearest is not None:
            for a, b in enumerate(np.argmax(score, axis=1)):
                nearest[("old", block.old[a])] = (block.new[int(b)], float(score[a, b]))
            for b, a in enumerate(np.argmax(score, axis=0)):
                nearest[("new", block.new[b])] = (block.old[int(a)], float(score[a, b]))
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
