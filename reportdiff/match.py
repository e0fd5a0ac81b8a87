"""Stage 6: match the commitments of two parts — a learned, calibrated pair scorer and an optimal assignment.

Two commitments can only pair when they fall in the same block (:func:`block_key`: unit family,
rate or level, one year's figure or a multi-year total). Within a block, each commitment's likely
counterparts are found with rapidfuzz (a few best by indicator and by clause), and every such
candidate pair is described by interpretable features (:data:`FEATURES`: indicator and clause
similarity, head noun, canonical id, section alignment, stock vs increment, value ratio …). A
logistic model (weights in ``reportdiff/data/match_model.json``, fitted by
``benchmarks/fit_matcher.py`` on every labelled file) turns them into the probability that both
sides measure the same indicator; a Platt calibration fitted on leave-one-file-out predictions
makes it a confidence: among pairs shown at 0.9, about 90 % are right.

Two rules hold whatever the wording: two different canonical indicators (出口 vs 进出口) never pair, nor
does a stated stock with a stated increment (5G基站增至18.8万个 vs 新建5G基站2.3万个), as the labelling
conventions say. The pairs are then chosen one-to-one to maximise the total log-odds above the threshold
(:func:`reportdiff._assign.assign`), keeping only those at or above the threshold. No numpy, no scipy:
the candidate graph is sparse.

>>> from reportdiff.structure import load
>>> from reportdiff.commitments import extract_commitments
>>> a = extract_commitments(load("二、2024年工作安排\\n新建高标准农田1.2万亩，城镇新增就业5400人。"))
>>> b = extract_commitments(load("二、2025年工作安排\\n城镇新增就业5000人以上，新建高标准农田2000亩。"))
>>> sorted((a[m.old].indicator, b[m.new].indicator) for m in match_commitments(a, b))
[('城镇新增就业', '城镇新增就业'), ('新建高标准农田', '新建高标准农田')]
"""

from __future__ import annotations

import bisect
import math
import operator
import re
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from difflib import Match
from functools import lru_cache
from typing import Any

from rapidfuzz import fuzz, process
from rapidfuzz.distance import LCSseq

from . import _regex
from ._assign import assign
from ._data import data_json
from .align import MatchConfig
from .commitments import Commitment, mask_numbers, own_members
from .indicators import alternation, normalise_label, words
from .quantities import unit_kind

__all__ = [
    "FEATURES",
    "CommitmentMatch",
    "MatchConfig",
    "MatchModel",
    "PairEvidence",
    "addition_vs_level",
    "block_key",
    "candidates",
    "features",
    "indicator_key",
    "match_commitments",
    "model",
    "modifier_conflict",
    "scopes_differ",
    "stock_flag",
    "use_model",
]


# --- blocks ---------------------------------------------------------------------------------------


def block_key(c: Commitment) -> str:
    """Commitments with different keys never pair: unit family, rate vs level for % and 百分点,
    and a multi-year total (``Commitment.cumulative``) vs one year's figure.

    >>> from reportdiff.structure import load
    >>> from reportdiff.commitments import extract_commitments
    >>> [block_key(c) for c in extract_commitments(load("二、2025年\\n增长5%，城镇化率65%，培训8000人。"))]
    ['percent:rate', 'percent:level', 'people']
    """
    kind = unit_kind(c.quantity.unit)
    if kind == "households":
        kind = "count"  # 户 counts households, firms (企业80户) or dwellings (335户保暖房): a count
    period = "cumulative:" if c.cumulative else ""
    if kind in ("percent", "points"):
        return f"{period}{kind}:{'rate' if c.rate else 'level'}"
    return period + (kind or f"none:{c.quantity.unit}")


# --- keys -----------------------------------------------------------------------------------------


# Examples named before 等 (开工长深高速改扩建等2个项目): the list, not the indicator; the verb stays.
_NAMED_LIST = _regex.compile(
    r"^((?:新开工|开工|续建|建成通车|建成|竣工|投产|推进|实施|抓好|加快|推动|新建|改扩建|建设|打造|培育|力争|争取)*)"
    r"[^，,；;]*?等"
)
# Head nouns that name no indicator by themselves: 投资 of what? 产值 of which industry?
VAGUE = frozenset(words()["vague_heads"])


@lru_cache(maxsize=1)
def _generic() -> re.Pattern[str]:
    """Generic action and hedging words (data: ``generic_words``): the indicator does not depend on them."""
    return _regex.compile(alternation("generic_words"))


@lru_cache(maxsize=16384)
def indicator_key(indicator: str) -> str:
    """The indicator with numbers masked, synonyms folded and generic words dropped.

    >>> indicator_key("新建高标准农田"), indicator_key("经济") == indicator_key("经济")
    ('高标准农田', True)
    """
    text = mask_numbers(normalise_label(indicator)).replace("#", "")
    text = _NAMED_LIST.sub(r"\1等", text)
    stripped = _generic().sub("", text).strip("，,、()（）等和及与的")
    return stripped if len(stripped) >= 2 and stripped not in VAGUE else (text or indicator)


def _clause_key(c: Commitment) -> str:
    """The clause (after any carried subject) with its numbers masked and named examples dropped."""
    return _NAMED_LIST.sub(r"\1等", c.masked_text)


_SCOPE = _regex.compile(
    r"先行|试点|基层|重点|国家级|省级|市级|县级|区级|自治区级|省市|年度|全省|全市|全区|新型|现代化的?|现代|"
    r"高质量|示范|标准化|规范化|首批|新一批|一批|优质|特色|智能|智慧|各类|各级|城乡|全域|新"
)


@lru_cache(maxsize=65536)
def modifier_conflict(a: str, b: str) -> bool:
    """Two indicator keys share a head noun (a common ending of 2+ characters, else a common run of 3+
    inside both) but their modifiers, both present once a common beginning is set aside, have little in
    common.

    >>> modifier_conflict("规上工业增加值", "高技术制造业增加值")
    True
    >>> modifier_conflict("规上工业企业", "规上服务业企业")
    True
    >>> modifier_conflict("制造业技改投资", "高技术制造业投资")  # a shared word in different places
    True
    >>> modifier_conflict("企业科技特派员", "农村科技特派员服务县域特色产业发展")  # a head in the middle
    True
    >>> modifier_conflict("一般公共预算总收入", "一般公共预算收入"), modifier_conflict("省级首店", "省市首店")
    (False, False)
    """
    a, b = _SCOPE.sub("", a), _SCOPE.sub("", b)
    n = _common_end(a, b)
    if n < 2:
        head = _longest_run(a, b)
        if head.size >= 3 and head.a > 0 and head.b > 0:  # 企业科技特派员 vs 农村科技特派员服务…
            a, b = a[: head.a + head.size], b[: head.b + head.size]
            n = head.size
    pa, pb = a[: len(a) - n], b[: len(b) - n]
    k = 0
    while k < min(len(pa), len(pb)) and pa[k] == pb[k]:
        k += 1
    ma, mb = pa[k:], pb[k:]
    if not (n >= 2 and len(ma) >= 1 and len(mb) >= 1 and len(ma) + len(mb) >= 3):
        return False
    return fuzz.ratio(ma, mb) < 40 or _residues_conflict(ma, mb)


def _common_end(a: str, b: str) -> int:
    """How many characters ``a`` and ``b`` share at their end (their head noun, if any)."""
    n = 0
    while n < min(len(a), len(b)) and a[-1 - n] == b[-1 - n]:
        n += 1
    return n


def _longest_run(a: str, b: str) -> Match:
    """The longest run of characters ``a`` and ``b`` share, wherever it stands in each: the first in
    ``a``, then in ``b``, of the longest (what ``SequenceMatcher.find_longest_match`` gives, searched
    longest first with ``str.find``, which is several times faster on keys this short).

    >>> _longest_run("制造业技改", "高技术制造业"), _longest_run("农村", "城市")
    (Match(a=0, b=3, size=3), Match(a=0, b=0, size=0))
    """
    chars, stretch, longest = set(b), 0, 0
    for ch in a:  # a shared run lies within a stretch of a's characters that b holds: none is longer
        stretch = stretch + 1 if ch in chars else 0
        longest = max(longest, stretch)
    for size in range(min(longest, len(b)), 0, -1):
        for i in range(len(a) - size + 1):
            j = b.find(a[i : i + size])
            if j >= 0:
                return Match(i, j, size)
    return Match(0, 0, 0)


def _residues_conflict(a: str, b: str) -> bool:
    """Whether two modifiers that share a word in different places (制造业技改 vs 高技术制造业) keep, once
    it is set aside, words of two characters or more each, no two characters of which they share.

    >>> _residues_conflict("制造业技改", "高技术制造业"), _residues_conflict("农村", "农村地区")
    (True, False)
    """
    m = _longest_run(a, b)
    if m.size < 2:
        return False
    ga = _bigrams(a[: m.a]) | _bigrams(a[m.a + m.size :])
    gb = _bigrams(b[: m.b]) | _bigrams(b[m.b + m.size :])
    return bool(ga) and bool(gb) and not ga & gb


@lru_cache(maxsize=1)
def _level_words() -> tuple[re.Pattern[str], re.Pattern[str], dict[str, tuple[str, ...]]]:
    table = words()
    national = _regex.compile("|".join(map(re.escape, table["level_national"])))
    combined = {w: tuple(f"{c}级" for c in w) for w in table["level_combined"]}  # 省市县 → 省级, 市级, 县级
    local = _regex.compile(
        f"(?:{'|'.join(map(re.escape, [*combined, *table['level_local']]))})(?!以上|级以上)"
    )
    return national, local, combined


def levels_differ(a: str, b: str) -> bool:
    """Whether two indicators name different levels of government (国家级 vs 省级, 省级 vs 市级, 省市县 vs
    省级); a level "and above" (省级以上) names none.

    >>> levels_differ("新创建国家级绿色工厂", "省级绿色工厂")
    True
    >>> levels_differ("国家级绿色工厂", "省级以上绿色工厂"), levels_differ("省市县重点项目", "省级重点项目")
    (False, True)
    """
    national, local, combined = _level_words()

    def levels(text: str) -> set[str]:
        found = {"national"} if national.search(text) else set()
        for w in local.findall(text):
            found.update(combined.get(w, (w,)))
        return found

    la, lb = levels(a), levels(b)
    return bool(la) and bool(lb) and la != lb


_EXCLUSIVE = ("exclusive_utilities", "exclusive_schools", "exclusive_power", "exclusive_roads")


def kinds_differ(a: str, b: str) -> bool:
    """Whether two indicators name different kinds of one thing that never count each other
    (``words.json`` ``exclusive_*``: 供水 vs 雨水 管网, 中小学 vs 中学 学位, 风电 vs 光伏 装机).

    >>> kinds_differ("新建供水管网", "完成雨水管网改造"), kinds_differ("新建供水管网", "改造供水管网")
    (True, False)
    """
    for name in _EXCLUSIVE:
        group = words()[name]
        ka, kb = {w for w in group if w in a}, {w for w in group if w in b}
        if ka and kb and not ka & kb:
            return True
    return False


_MEMBER_SPLIT = _regex.compile(r"[、和及与]")
_MEMBER_MARKS = _regex.compile(r"[“”‘’《》、\s]")


def members_differ(a: str, b: str) -> bool:
    """Whether two indicators with one head list different members before it: 交通完成投资 vs 交通、能源、
    水利完成投资, 支持西江苗寨、遵义会议会址…创建国家5A级旅游景区 vs 支持西江苗寨创建…: a member of one
    shares no two characters with the words before the head of the other. A list of examples (A、B等…)
    scopes nothing; marks, verbs and rewordings of a member (改造提升 vs 改造, 本桓宽 vs 本桓) change nothing.

    >>> members_differ("交通完成投资", "交通、能源、水利完成投资")
    True
    >>> members_differ("新建和加密建设、改造提升高速公路服务区", "新建和加密建设、改造高速公路服务区")
    False
    """
    if "等" in a or "等" in b or "、" not in a + b:
        return False
    n = _common_end(a, b)
    if n < 2:
        return False  # no shared head
    head_a, head_b = a[: len(a) - n], b[: len(b) - n]

    def missing(items: str, other: str) -> bool:
        pairs = _bigrams(_MEMBER_MARKS.sub("", other))
        members = (_MEMBER_MARKS.sub("", x) for x in _MEMBER_SPLIT.split(items))
        return any(len(item) >= 2 and not _bigrams(item) & pairs for item in members)

    return missing(head_a, head_b) or missing(head_b, head_a)


def scopes_differ(a: str, b: str) -> bool:
    """Whether two indicators count things of different scope: other levels of government, other kinds of
    one thing or other members before one head (:func:`levels_differ`, :func:`kinds_differ`,
    :func:`members_differ`)."""
    return levels_differ(a, b) or kinds_differ(a, b) or members_differ(a, b)


_STOCK = _regex.compile(
    r"增至|增加到|提高到|提升至|提升到|达到|达|累计|总数|总量|保有|总规模|总计|共有|拥有|超过|突破"
)
_INCREMENT = _regex.compile(
    r"新建|新增|新开工|开工|建成|新改建|改建|改造|建设|完成|实施|培育|引进|新认定|新培育|新引进|创建|打造|"
    r"培训|举办|开展|招引|签约|建立|新创建|争创|创成|推广|发放|提供|投入|减免|实现"
)
_STOCK_NOUNS = _regex.compile(r"累计|总数|总量|保有量|总规模|总里程|(?<!新增)规模达")
_NO_STOCK = frozenset({"percent", "points", "", "rank", "time", "age", "multiple", "money"})


def stock_flag(c: Commitment) -> int:
    """+1 when the clause, up to the end of the number's own 、-member, states a stock or cumulative
    level, −1 a yearly increment, 0 unknown.

    Only counts and physical amounts are judged; rates, shares and money amounts are 0.
    """
    if unit_kind(c.quantity.unit) in _NO_STOCK:
        return 0
    before = c.text[: max(c.start - c.clause_start, 0)]
    own = own_members(c.text, 0, len(c.text), c.end - c.clause_start)  # 新建绿道137公里、累计…: not its own
    if _STOCK_NOUNS.search(own) or _STOCK.search(before[-3:]):
        return 1
    if _INCREMENT.search(c.subject + before):
        return -1
    if c.quantity.text.startswith(("超过", "突破", "达")):
        return 1
    return 0


_ADDITION = _regex.compile(r"新增|净增|增加")
_ALSO_ADDS = _regex.compile(r"新入|再|入库|获批")  # verbs of an addition the pair features do not read


def addition_vs_level(a: Commitment, b: Commitment) -> bool:
    """One side's indicator is this year's addition and the other, with no verb at all, states the
    level of the same thing: 天然气产量370亿方 (a level) vs 新增天然气产量10亿方 (an addition).
    Counts and physical amounts only, as :func:`stock_flag`.

    >>> from reportdiff.commitments import extract_commitments
    >>> from reportdiff.structure import load
    >>> def one(text: str) -> Commitment:
    ...     return extract_commitments(load("二、2025年工作安排\\n" + text))[0]
    >>> old, new = one("天然气产量370亿方。"), one("新增天然气产量10亿方以上。")
    >>> addition_vs_level(old, new), addition_vs_level(new, old), addition_vs_level(new, new)
    (True, True, False)
    """
    if unit_kind(a.quantity.unit) in _NO_STOCK:
        return False

    def lead(c: Commitment) -> str:
        return c.subject + c.text[: max(c.start - c.clause_start, 0)]

    def bare(c: Commitment) -> bool:
        return stock_flag(c) == 0 and not any(r.search(lead(c)) for r in (_INCREMENT, _ADDITION, _ALSO_ADDS))

    return any(_ADDITION.search(x.indicator) and bare(y) for x, y in ((a, b), (b, a)))


# --- features -------------------------------------------------------------------------------------

#: The features of a candidate pair, in the order of the model's weights; each is in [0, 1].
FEATURES: tuple[str, ...] = (
    "indicator_ratio",  # rapidfuzz ratio of the indicator keys
    "indicator_partial",  # partial_ratio: one key inside the other (0 for a vague key)
    "indicator_sorted",  # ratio of the keys' sorted characters: the same words in another order
    "indicator_cover",  # the shorter key's characters found in order in the longer one
    "indicator_bigrams",  # shared character bigrams of the keys (Dice)
    "head_same",  # the keys end with the same two characters (the head noun)
    "canonical_same",  # both have one canonical id
    "clause_ratio",  # rapidfuzz ratio of the masked clauses
    "clause_bigrams",  # shared character bigrams of the masked clauses (Dice)
    "section_aligned",  # their sections were aligned with each other
    "multi_year",  # one side is a figure of a five-year review
    "vague",  # a key is only a head noun (投资, 产值)
    "modifier_conflict",  # same head noun, different modifiers (规上工业增加值 vs 高技术制造业增加值)
    "value_equal",  # the values are equal
    "value_near",  # the values are within a factor of 1.5
    "value_far",  # the values are more than a factor of 3 apart (not counted for a known canonical indicator)
    "unit_same",  # the unit words are identical
    "direction_flip",  # rates with opposite directions (增长 vs 下降)
    "position",  # 1 − the distance between their relative positions in their parts
    "best_both",  # each is the other's most similar candidate
    "indicator_tfidf",  # cosine of the keys' character bigrams weighted by rarity in both parts
    "clause_tfidf",  # the same for the masked clauses: shared rare words (公厕, 供排水) weigh most
)


@dataclass(frozen=True)
class _Side:
    """What the features need of one commitment, computed once."""

    key: str
    clause: str
    canonical: str | None
    stock: int
    vague: bool
    position: float
    bigrams: frozenset[str]
    clause_bigrams: frozenset[str]
    key_vector: dict[str, float] = field(default_factory=dict)
    clause_vector: dict[str, float] = field(default_factory=dict)


def _bigrams(text: str) -> frozenset[str]:
    return frozenset(text[i : i + 2] for i in range(len(text) - 1))


def _cosine(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(w * b[k] for k, w in a.items() if k in b)


def _vectors(sides: Sequence[_Side]) -> None:
    """Give every side unit TF-IDF vectors of its key's and clause's bigrams (IDF over all ``sides``)."""
    n = len(sides)
    for attr, source in (("key_vector", "bigrams"), ("clause_vector", "clause_bigrams")):
        df: dict[str, int] = {}
        for s in sides:
            for g in getattr(s, source):
                df[g] = df.get(g, 0) + 1
        for s in sides:
            vec = {g: math.log((n + 1) / (df[g] + 1)) + 1.0 for g in getattr(s, source)}
            norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
            getattr(s, attr).update({g: v / norm for g, v in vec.items()})


def _dice(a: frozenset[str], b: frozenset[str]) -> float:
    return 2.0 * len(a & b) / (len(a) + len(b)) if a and b else 0.0


def _side(c: Commitment, index: int, total: int) -> _Side:
    key = indicator_key(c.indicator)
    clause = _clause_key(c)
    return _Side(
        key,
        clause,
        c.canonical,
        stock_flag(c),
        len(key) <= 1 or key in VAGUE,
        index / max(total - 1, 1),
        _bigrams(key),
        _bigrams(clause.replace("#", "")),
    )


def features(
    a: Commitment, b: Commitment, sa: _Side, sb: _Side, *, aligned: bool, best_both: bool
) -> tuple[float, ...]:
    """The :data:`FEATURES` of one candidate pair."""
    ka, kb = sa.key, sb.key
    same_id = sa.canonical is not None and sa.canonical == sb.canonical
    if same_id:
        ka = kb = sa.canonical or ""  # one canonical indicator: the wording differs, the indicator does not
    ratio = fuzz.ratio(ka, kb) / 100
    clause = fuzz.ratio(sa.clause, sb.clause) / 100
    vague = (sa.vague or sb.vague) and not same_id
    partial = 0.0 if vague and clause < 0.7 else fuzz.partial_ratio(ka, kb) / 100
    short = min(len(ka), len(kb))
    cover = LCSseq.similarity(ka, kb) / short if short else 0.0
    va, vb = abs(a.quantity.value), abs(b.quantity.value)
    factor = max(va, vb) / min(va, vb) if min(va, vb) > 0 else (1.0 if va == vb else math.inf)
    da, db = a.quantity.direction, b.quantity.direction
    return (
        ratio,
        partial,
        fuzz.ratio("".join(sorted(ka)), "".join(sorted(kb))) / 100,
        cover,
        1.0 if same_id else _dice(sa.bigrams, sb.bigrams),
        float(len(ka) >= 2 and len(kb) >= 2 and ka[-2:] == kb[-2:]),
        float(same_id),
        clause,
        _dice(sa.clause_bigrams, sb.clause_bigrams),
        float(aligned),
        float(a.in_multi_year_review or b.in_multi_year_review),
        float(vague),
        float(not same_id and modifier_conflict(ka, kb)),
        float(factor <= 1 + 1e-9),
        float(factor <= 1.5),
        float(factor > 3 and not same_id),  # rates of a known indicator may swing: 下降2.2% → 增长8%
        float(a.quantity.unit == b.quantity.unit),
        float(da is not None and db is not None and da != db and not same_id),
        1.0 - abs(sa.position - sb.position),
        float(best_both),
        1.0 if same_id else _cosine(sa.key_vector, sb.key_vector),
        _cosine(sa.clause_vector, sb.clause_vector),
    )


# --- the model --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class MatchModel:
    """A logistic pair scorer and its calibration.

    Attributes:
        weights: one weight per feature of :data:`FEATURES`.
        intercept: the model's intercept.
        calibration: (a, b) of the Platt calibration ``sigmoid(a · logit(p) + b)``.
        meta: how it was fitted (files, rows, leave-one-file-out score), for the record.
    """

    weights: tuple[float, ...]
    intercept: float
    calibration: tuple[float, float] = (1.0, 0.0)
    meta: Mapping[str, Any] = field(default_factory=dict)

    def logit(self, x: Sequence[float]) -> float:
        if len(x) != len(self.weights):
            raise ValueError(f"{len(x)} features for {len(self.weights)} weights")
        return self.intercept + float(sum(map(operator.mul, self.weights, x)))  # in C, the same sum

    def confidence(self, p: float) -> float:
        """The calibrated confidence of a pair the model scored ``p``."""
        a, b = self.calibration
        p = min(max(p, 1e-6), 1 - 1e-6)
        return _sigmoid(a * math.log(p / (1 - p)) + b)

    def contributions(self, x: Sequence[float]) -> dict[str, float]:
        """Each feature's share of the logit (weight × value), for the evidence."""
        return {name: w * v for name, w, v in zip(FEATURES, self.weights, x, strict=True) if w * v}

    def to_dict(self) -> dict[str, Any]:
        return {
            "features": list(FEATURES),
            "weights": list(self.weights),
            "intercept": self.intercept,
            "calibration": list(self.calibration),
            "meta": dict(self.meta),
        }


def _logit(p: float) -> float:
    p = min(max(p, 1e-9), 1 - 1e-9)
    return math.log(p / (1 - p))


def _sigmoid(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-z)) if z > -700 else 0.0


_OVERRIDE: list[MatchModel] = []


@lru_cache(maxsize=1)
def _shipped() -> MatchModel:
    raw = data_json("match_model.json")
    by_name = dict(zip(raw["features"], raw["weights"], strict=True))
    weights = tuple(float(by_name.get(name, 0.0)) for name in FEATURES)
    a, b = raw.get("calibration", (1.0, 0.0))
    return MatchModel(weights, float(raw["intercept"]), (float(a), float(b)), raw.get("meta", {}))


def model() -> MatchModel:
    """The model in force: the shipped one, or one set by :func:`use_model`."""
    return _OVERRIDE[-1] if _OVERRIDE else _shipped()


@contextmanager
def use_model(m: MatchModel) -> Iterator[MatchModel]:
    """Score with ``m`` inside the block (for fitting and leave-one-file-out evaluation)."""
    _OVERRIDE.append(m)
    try:
        yield m
    finally:
        _OVERRIDE.pop()


# --- candidates and matching --------------------------------------------------------------------------


@dataclass(frozen=True)
class PairEvidence:
    """The evidence behind one scored pair.

    Attributes:
        score: the pair score 0–100 (the model's probability × 100); the threshold applies to it.
        confidence: the calibrated probability that the pair is right (0–1).
        features: the value of every feature (:data:`FEATURES`).
        contributions: each feature's weight × value, the largest first: what decided the pair.
        units: how the units were judged compatible (``same unit 亩``, ``count 座~个``).
    """

    score: float
    confidence: float
    features: Mapping[str, float]
    contributions: Mapping[str, float]
    units: str

    def decisive(self, n: int = 3) -> list[str]:
        """The ``n`` features that moved the score most, signed: ``+indicator_ratio``, ``−value_far``."""
        top = sorted(self.contributions.items(), key=lambda kv: -abs(kv[1]))[:n]
        return [("+" if v > 0 else "−") + k for k, v in top]

    def to_dict(self) -> dict[str, Any]:
        return {
            "score": round(self.score, 1),
            "confidence": round(self.confidence, 3),
            "features": {k: round(v, 3) for k, v in self.features.items()},
            "decisive": self.decisive(),
            "units": self.units,
        }


@dataclass(frozen=True)
class CommitmentMatch:
    """One paired commitment (indexes into the old and new lists) with its evidence."""

    old: int
    new: int
    evidence: PairEvidence


def units_note(a: Commitment, b: Commitment) -> str:
    """Say why two units are compatible (call only for same-block pairs)."""
    ua, ub = a.quantity.unit, b.quantity.unit
    if ua == ub:
        return f"same unit {ua or '(none)'}"
    return f"{unit_kind(ua) or 'none'} {ua or '(none)'}~{ub or '(none)'}"


def _aligned_groups(paths: Sequence[str], index: Mapping[str, int]) -> list[tuple[int, int]]:
    """For each section path, the aligned pair index of its ancestors at depths 1 and 2 (−1: none)."""
    out = []
    for p in paths:
        parts = p.split(".")
        out.append((index.get(parts[0], -1), index.get(".".join(parts[:2]), -1)))
    return out


def candidates(
    so: Sequence[_Side], sn: Sequence[_Side], olds: Sequence[int], news: Sequence[int], k: int
) -> set[tuple[int, int]]:
    """The pairs (positions in ``olds``/``news``) worth scoring in one block: for each side, its ``k``
    most similar counterparts by indicator ratio, by partial indicator and by clause, and the ``k``
    nearest (by place in the part) with the same clause or the same canonical id. Symmetric, so that
    compare(b, a) mirrors compare(a, b); at most 5·k candidates a side, so that cost stays linear."""
    pairs: set[tuple[int, int]] = set()
    if not olds or not news:
        return pairs
    for left, right, flip in ((so, sn, False), (sn, so, True)):
        all_keys = [s.key for s in right]
        all_clauses = [s.clause for s in right]
        places = [s.position for s in right]
        by_clause: dict[str, list[int]] = {}
        by_canonical: dict[str, list[int]] = {}
        for j, r in enumerate(right):
            by_clause.setdefault(r.clause, []).append(j)
            if r.canonical is not None:
                by_canonical.setdefault(r.canonical, []).append(j)
        for i, s in enumerate(left):
            found: set[int] = set()
            lo, hi = _window(places, s.position)
            keys, clauses = all_keys[lo:hi], all_clauses[lo:hi]
            for query, choices, scorer in (
                (s.key, keys, fuzz.ratio),
                (s.key, keys, fuzz.partial_ratio),
                (s.clause, clauses, fuzz.ratio),
            ):
                found.update(
                    lo + j
                    for _, score, j in process.extract(query, choices, scorer=scorer, limit=k)
                    if score > 0
                )
            for same in (by_clause.get(s.clause, []), by_canonical.get(s.canonical or "", [])):
                found.update(sorted(same, key=lambda j: abs(right[j].position - s.position))[:k])
            pairs.update((j, i) if flip else (i, j) for j in found)
    return pairs


#: a block side longer than this is searched only within this many of its items nearest in place
CANDIDATE_WINDOW = 256


def _window(places: Sequence[float], position: float) -> tuple[int, int]:
    """The slice of a block side (its items' relative ``places`` in their part, ascending) searched for
    an item at relative place ``position``: all of it up to :data:`CANDIDATE_WINDOW` items (every real
    report), else the window of that many around the same place, so that the search costs at most a
    window per item instead of the whole side. (Same-clause and same-indicator counterparts are still
    found anywhere.)

    >>> places = [k / 9999 for k in range(10_000)]
    >>> _window(places[:100], 0.5), _window(places, 0.5), _window(places, 1.0)
    ((0, 100), (4872, 5128), (9744, 10000))
    """
    n = len(places)
    if n <= CANDIDATE_WINDOW:
        return 0, n
    mid = bisect.bisect_left(places, position)
    lo = min(max(mid - CANDIDATE_WINDOW // 2, 0), n - CANDIDATE_WINDOW)
    return lo, lo + CANDIDATE_WINDOW


#: a sibling this many times nearer in value takes the pair (新增1000处…、累计达8000处 against 7000处)
_SIBLING_NEARER = 2.0


def _siblings(items: Sequence[Commitment], sides: Sequence[_Side]) -> list[tuple[float, ...]]:
    """For each commitment, the values of the others of its clause with the same indicator key: one
    clause that states this year's addition and the level it reaches (新增1000处信号灯联网、累计达8000处)."""
    groups: dict[tuple[int, str], list[int]] = {}
    for k, (c, side) in enumerate(zip(items, sides, strict=True)):
        groups.setdefault((c.clause_start, side.key), []).append(k)
    out: list[tuple[float, ...]] = []
    for k, (c, side) in enumerate(zip(items, sides, strict=True)):
        same = groups[(c.clause_start, side.key)]
        out.append(
            tuple(
                abs(items[m].quantity.value)
                for m in same
                if m != k and items[m].quantity.unit == c.quantity.unit
            )
        )
    return out


def _factor(a: float, b: float) -> float:
    return max(a, b) / min(a, b) if min(a, b) > 0 else math.inf


def _sibling_nearer(value: float, other: float, siblings: Sequence[float]) -> bool:
    """Whether a sibling of ``other`` (:func:`_siblings`) is much nearer to ``value`` than ``other`` is:
    7000处 (a target) against 新增1000处…、累计达8000处 is the 8000, never the 1000.

    >>> _sibling_nearer(7000, 1000, (8000,)), _sibling_nearer(130, 137, (2136,))
    (True, False)
    """
    far = _factor(abs(value), abs(other))
    return any(_factor(abs(value), s) * _SIBLING_NEARER < far for s in siblings)


def _never(a: _Side, b: _Side) -> bool:
    """Pairs that never match, whatever their wording: two different canonical indicators (出口 vs 进出口),
    and a stated stock against a stated increment (5G基站增至18.8万个 vs 新建5G基站2.3万个)."""
    return (a.canonical is not None and b.canonical is not None and a.canonical != b.canonical) or (
        a.stock * b.stock < 0
    )


def _plain(a: _Side, b: _Side, same_value: bool) -> float:
    """A plain similarity of two commitments (indicator and clause; equal values and nearby places break
    ties), to find each one's most similar."""
    same_id = a.canonical is not None and a.canonical == b.canonical
    words = (100.0 if same_id else fuzz.ratio(a.key, b.key)) + fuzz.ratio(a.clause, b.clause)
    return words + 10.0 * same_value + 5.0 * (1.0 - abs(a.position - b.position))


def _best_both(scored: Mapping[tuple[int, int], float]) -> set[tuple[int, int]]:
    """The pairs that are each side's most similar candidate (by a plain similarity)."""
    best_o: dict[int, tuple[float, int]] = {}
    best_n: dict[int, tuple[float, int]] = {}
    for (i, j), v in scored.items():
        if v > best_o.get(i, (-1.0, -1))[0]:
            best_o[i] = (v, j)
        if v > best_n.get(j, (-1.0, -1))[0]:
            best_n[j] = (v, i)
    return {(i, j) for i, (_, j) in best_o.items() if best_n.get(j, (0.0, -1))[1] == i}


def match_commitments(
    old: Sequence[Commitment],
    new: Sequence[Commitment],
    aligned: Sequence[tuple[str, str]] = (),
    config: MatchConfig | None = None,
    nearest: dict[tuple[str, int], tuple[int, float]] | None = None,
    scored: dict[tuple[int, int], tuple[float, ...]] | None = None,
) -> list[CommitmentMatch]:
    """An optimal one-to-one pairing of ``old`` and ``new`` commitments.

    ``aligned`` holds (old path, new path) pairs of aligned sections. When ``nearest`` is given it
    is filled with each commitment's best-scoring candidate, paired or not: ``("old", i) → (j, score)``
    and ``("new", j) → (i, score)``. When ``scored`` is given it is filled with the features of every
    candidate pair (for fitting the model).
    """
    cfg = config or MatchConfig()
    m = model()
    side_o = [_side(c, i, len(old)) for i, c in enumerate(old)]
    side_n = [_side(c, j, len(new)) for j, c in enumerate(new)]
    _vectors(side_o + side_n)
    sib_o, sib_n = _siblings(old, side_o), _siblings(new, side_n)
    index_o = {a: k for k, (a, _) in enumerate(aligned)}
    index_n = {b: k for k, (_, b) in enumerate(aligned)}
    group_o = _aligned_groups([c.section_path for c in old], index_o)
    group_n = _aligned_groups([c.section_path for c in new], index_n)
    blocks: dict[str, tuple[list[int], list[int]]] = {}
    for i, c in enumerate(old):
        blocks.setdefault(block_key(c), ([], []))[0].append(i)
    for j, c in enumerate(new):
        blocks.setdefault(block_key(c), ([], []))[1].append(j)
    edges: list[tuple[int, int, float]] = []
    kept: dict[tuple[int, int], tuple[tuple[float, ...], float]] = {}  # features and probability
    for olds, news in blocks.values():
        pairs = candidates([side_o[i] for i in olds], [side_n[j] for j in news], olds, news, cfg.candidates)
        plain = {
            (i, j): _plain(side_o[i], side_n[j], abs(old[i].quantity.value - new[j].quantity.value) < 1e-9)
            for i, j in ((olds[a], news[b]) for a, b in pairs)
        }
        mutual = _best_both(plain)
        for i, j in sorted(plain):
            if _never(side_o[i], side_n[j]):
                continue
            va, vb = old[i].quantity.value, new[j].quantity.value
            if _sibling_nearer(va, vb, sib_n[j]) or _sibling_nearer(vb, va, sib_o[i]):
                continue
            go, gn = group_o[i], group_n[j]
            same = any(x >= 0 and x == y for x, y in zip(go, gn, strict=True))
            x = features(old[i], new[j], side_o[i], side_n[j], aligned=same, best_both=(i, j) in mutual)
            if scored is not None:
                scored[(i, j)] = x
            logit = m.logit(x)
            p = _sigmoid(logit)
            score = 100 * p
            if nearest is not None:
                for key, other in ((("old", i), j), (("new", j), i)):
                    if score > nearest.get(key, (-1, -1.0))[1]:
                        nearest[key] = (other, score)
            if score >= cfg.threshold:
                kept[(i, j)] = (x, p)
                # the log-odds above the threshold, so that near-certain pairs still differ; ties go to
                # pairs at the same relative place in both lists (reads the same both ways)
                margin = logit - _logit(cfg.threshold / 100) + 1e-3
                edges.append((i, j, max(margin, 1e-3) + 1e-6 * x[FEATURES.index("position")]))
    return [
        CommitmentMatch(i, j, _evidence(m, old[i], new[j], *kept[(i, j)]))
        for i, j in sorted(assign(edges), key=lambda p: (p[1], p[0]))
    ]


def _evidence(m: MatchModel, a: Commitment, b: Commitment, x: tuple[float, ...], p: float) -> PairEvidence:
    """The evidence of a chosen pair (built only for the pairs the assignment keeps)."""
    return PairEvidence(
        100 * p, m.confidence(p), dict(zip(FEATURES, x, strict=True)), m.contributions(x), units_note(a, b)
    )
