"""Stage 5b: pair the named initiatives of two reports — kept, progressed, new, dropped.

:func:`diff_initiatives` pairs old and new initiatives one to one with an optimal assignment
(:func:`reportdiff._assign.assign`, maximum total score) over candidate pairs found per initiative
by ``rapidfuzz.process.extract`` (near-linear: no loop over all pairs). The score:

* **name** similarity on a matching key that survives shortening and rewording: quotes and the
  report's own region left out, spellings folded (``initiative_synonyms.tsv``: 高速铁路 → 高铁),
  ``A至B`` lines shortened (福州至厦门高铁 → 福厦高铁); the larger of the ratio and of the partial ratio
  (one name inside the other), the latter discounted for short names;
* **conflicts** end a pair: a differing number (地铁4号线 ≠ 地铁5号线), a later phase on one side only
  against a review that names the facility without it (天府国际机场二期工程 ≠ 天府国际机场; between two
  plans the phase is the next step of the same works) or differing words before a shared ending
  (亳州机场 ≠ 合肥机场, 合肥陆港保税物流中心 ≠ 芜湖空港保税物流中心);
* **kind** and **section alignment** add or take a few points.

A pair's status comes from the stages (:class:`~reportdiff.initiatives.Stage`): ``progressed`` when
the new side is at a later stage, else ``kept``. In a delivery comparison (plan of year N against the
review of N+1) ``progressed`` means reported done or further along. ``confidence`` is a calibrated
probability from a small logistic model (``data/initiative_confidence.json``, fitted by
``benchmarks/fit_initiatives.py``).

>>> from reportdiff.structure import load
>>> from reportdiff.initiatives import extract_initiatives
>>> old = extract_initiatives(load("二、2025年工作安排\\n加快建设福州至厦门高速铁路，开工福州地铁4号线。"))
>>> new = extract_initiatives(load("二、2026年工作安排\\n建成福厦高铁，加快建设福州地铁5号线。"))
>>> for c in diff_initiatives(old, new):
...     print(c.status.value, c.old.name if c.old else None, c.new.name if c.new else None)
progressed 福州至厦门高速铁路 福厦高铁
new None 福州地铁5号线
dropped 福州地铁4号线 None
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from enum import Enum
from functools import lru_cache
from typing import Any

from rapidfuzz import fuzz, process

from . import _regex
from ._assign import assign
from .initiatives import (
    LINE_HEADS,
    Initiative,
    InitiativeKind,
    Stage,
    extract_initiatives,
    find_named,
    grammar,
    known_regions,
    match_key,
    place_of,
    shortened,
    suffix_of,
)
from .namehood import check_below, namehood
from .recurring import Tagged
from .recurring import recurring as recurring_initiatives
from .structure import Part, Report

#: the pairing threshold on the pair score when none is given: the fitted one (initiative_confidence.json)
DEFAULT_THRESHOLD = 72.0


class InitiativeStatus(str, Enum):
    """The closed set of verdicts on a named initiative."""

    KEPT = "kept"  # the same initiative on both sides, at the same or an earlier stage
    PROGRESSED = "progressed"  # at a later stage on the new side (delivery: reported done or further)
    NEW = "new"  # named on the new side only
    DROPPED = "dropped"  # named on the old side only (delivery: not reported)


RULES: dict[str, str] = {
    "later-stage": "the same initiative at a later stage on the new side → progressed",
    "reported-done": (
        "delivery: the review reports it done (建成, 出台, 举办 …; an event it names was held) → progressed"
    ),
    "reported-named": (
        "delivery: the plan set out to finish it (建成, 出台, 推动出台 …) and the review names it, with no"
        " stage verb → progressed"
    ),
    "part-done": (
        "delivery: the plan said it would be done (建成, 投入运营 …) and the review reports only a part of"
        " the works finished (主体完工) → kept"
    ),
    "same-or-earlier-stage": "the same initiative at the same or an earlier stage → kept",
    "stage-unknown": "the same initiative; a side has no stage verb, so no progress is claimed → kept",
    "no-counterpart-new": "no old initiative scored above the threshold → new",
    "no-counterpart-old": "no new initiative scored above the threshold → dropped",
}


# --- matching keys ----------------------------------------------------------------------------


_NUMBERS = _regex.compile(r"[A-Za-z]*[0-9]+(?:\.[0-9]+)?|[一二三四五六七八九十]+(?=号|期|线|批)")


#: a phase of a project (一期, 二期), and a later one: 天府国际机场二期工程 is not 天府国际机场 itself
_PHASE = _regex.compile(r"(?:[0-9]+|[一二三四五六七八九十]+)期")
_LATER_PHASE = _regex.compile(r"(?:[2-9]|[1-9][0-9]+|[二三四五六七八九十]+)期")


def _later_phase_on_one_side(a: str, b: str) -> bool:
    """Whether one key names a later phase (二期, 三期) and the other no phase at all: the phase is a project
    of its own (sichuan-2026's review names 天府国际机场, not the plan's 天府国际机场二期工程)."""
    later_a, later_b = _LATER_PHASE.search(a) is not None, _LATER_PHASE.search(b) is not None
    return later_a != later_b and not (_PHASE.search(a) and _PHASE.search(b))


def _reviewed_without_phase(a: Initiative, ka: str, b: Initiative, kb: str) -> bool:
    """Whether the side without a later phase is named by a review: there it is the facility in
    service (sichuan-2026's 天府国际机场 of passenger numbers), not the plan's works of a later phase
    (天府国际机场二期工程). Between two plans the phase is the next step of the same works
    (世界反法西斯战争海拉尔纪念园 → 纪念园二期, 秦沈高速二期 → 秦沈高速)."""
    plain = b if _LATER_PHASE.search(ka) else a
    return plain.part is Part.REVIEW


def numbers(key: str) -> frozenset[str]:
    """The numbers that tell one initiative from another of the same family (4号线, 第十六届, F1)."""
    return frozenset(_NUMBERS.findall(key))


def head(key: str) -> str:
    """The initiative suffix a key ends with (机场, 示范区, 行动 …), or ''.

    >>> head("浦东国际机场"), head("“两新”")
    ('机场', '')
    """
    return suffix_of(key)


def _generic(words: str) -> str:
    """``words`` without the generic words of the grammar (城市, 国家级 …) that tell nothing apart, and
    without a governing word they open with (规范涉企执法专项行动, where one part kept the campaign's verb
    and the other read it as the clause's: 涉企行政执法专项行动)."""
    g = grammar()
    m = g.lead_re.match(words)
    if m is not None and len(words) - m.end() >= _LED_WORDS:
        words = words[m.end() :]
    return g.generic_re.sub("", words)


#: the characters a governing word must stand before to be read as one (研究 alone is a word of the name)
_LED_WORDS = 2


def abbreviation(short: str, long: str) -> bool:
    """Whether ``short`` abbreviates ``long``: its characters in order, the same first and last one.

    >>> abbreviation("海交会", "海峡两岸经贸交易会")
    True
    >>> abbreviation("投洽会", "海峡两岸经贸交易会")
    False
    >>> abbreviation("进博会", "中国国际进口博览会")  # the title's opening words (title-opening) left out
    True
    """
    long = _title_opening().sub("", long) if short[:1] != long[:1] else long
    if len(short) < 3 or len(short) >= len(long) or short[0] != long[0] or short[-1] != long[-1]:
        return False
    pos = 0
    for ch in short:
        pos = long.find(ch, pos) + 1
        if pos == 0:
            return False
    return True


@lru_cache(maxsize=1)
def _title_opening() -> re.Pattern[str]:
    """The words a full title opens with that its abbreviation leaves out (``initiative_words.tsv``,
    ``title-opening``), any run of them at the start."""
    words = sorted(grammar().roles.get("title-opening", ()), key=len, reverse=True)
    return _regex.compile(f"^(?:{'|'.join(map(re.escape, words))})+") if words else _regex.compile("^$")


def interchangeable(ha: str, hb: str) -> bool:
    """Whether two different heads may end the names of one initiative: the generic heads of a
    policy of one kind (``initiative_words.tsv``, ``droppable``: 提能升级计划 → 提能升级行动,
    集体产权制度 → 集体产权制度改革; not 改革 → 行动) or two words for a fair (经贸展览会 →
    经贸洽谈暨商品展销会); a place's heads are not (机场 is no 港, 园区 no 新区).

    >>> interchangeable("计划", "行动"), interchangeable("展览会", "展销会"), interchangeable("机场", "港")
    (True, True, False)
    """
    g = grammar()
    if g.kinds.get(ha) is not g.kinds.get(hb):
        return False  # 改革 is no 行动
    return g.kinds.get(ha) is InitiativeKind.EVENT or bool(
        g.droppable_re.fullmatch(ha) and g.droppable_re.fullmatch(hb)
    )


#: the specific characters a zone's words must hold for its head to change (海北物流园区 → 海北物流功能区)
_ZONE_WORDS = 4


def same_thing(a: str, ha: str, b: str, hb: str) -> bool:
    """Whether keys ending with different heads may still name one initiative (:func:`interchangeable`
    heads, or :func:`renamed_zone`)."""
    words_a, words_b = a[: len(a) - len(ha)], b[: len(b) - len(hb)]
    return (
        interchangeable(ha, hb)
        or renamed_zone(words_a, ha, words_b, hb)
        or one_policy(words_a, ha, words_b, hb)
    )


#: a pilot zone (…试验区, …示范区): a pilot set up as a place, a policy's head as :data:`_POLICIES` are
_PILOT_ZONE = _regex.compile(r"(?:试验|示范|先行)区")
#: the specific characters the words of :func:`one_policy` must share, and the most either may add
_POLICY_WORDS = 4
_POLICY_EXTRA = 3


def one_policy(words_a: str, ha: str, words_b: str, hb: str) -> bool:
    """Whether two policies of different heads are one: the same specific words done as a reform, a
    programme, a pilot or a pilot zone (公共资源“一网交易”改革 → 市公共资源“一网交易”试点,
    知识产权金融生态综合试验区 → 知识产权金融生态综合试点), one side's words holding the other's with at most
    a few more before them (a level or a place: 市, 国家); not a place's head (机场 is no 港), nor words
    added after (乡村振兴补短板工程 is no 乡村振兴战略).

    >>> one_policy("公共资源一网交易", "改革", "市公共资源一网交易", "试点")
    True
    >>> one_policy("知识产权金融生态综合", "试验区", "知识产权金融生态综合", "试点")
    True
    >>> one_policy("数字经济", "改革", "数字经济", "平台"), one_policy("养老", "改革", "养老", "试点")
    (False, False)
    >>> one_policy("乡村振兴补短板", "工程", "乡村振兴", "战略")
    False
    """
    if not (_policy_head(ha) and _policy_head(hb)):
        return False
    short, long = sorted((_generic(words_a), _generic(words_b)), key=len)
    return len(short) >= _POLICY_WORDS and long.endswith(short) and len(long) - len(short) <= _POLICY_EXTRA


def _one_policy_keys(ka: str, ha: str, kb: str, hb: str) -> bool:
    """:func:`one_policy` of two keys ending with different heads."""
    if not ha or not hb or ha == hb:
        return False
    return one_policy(ka[: len(ka) - len(ha)], ha, kb[: len(kb) - len(hb)], hb)


def _policy_head(h: str) -> bool:
    return grammar().kinds.get(h) in _POLICIES or _PILOT_ZONE.fullmatch(h) is not None


def renamed_zone(words_a: str, ha: str, words_b: str, hb: str) -> bool:
    """Whether two zones are one renamed by its head: the same words before two zone heads, specific
    enough to name a place of their own (海北物流园区 → 海北物流功能区); not 福州新区 → 福州高新区.

    >>> renamed_zone("海北物流", "园区", "海北物流", "功能区"), renamed_zone("合肥", "新区", "合肥", "高新区")
    (True, False)
    """
    g = grammar()
    zone = g.kinds.get(ha) is g.kinds.get(hb) is InitiativeKind.ZONE
    return zone and words_a == words_b and len(_generic(words_a)) >= _ZONE_WORDS


#: the longest key read as an abbreviation, every character of which tells it apart (全运会, 省运会)
_SHORT_NAME = 4


def _common_prefix(a: str, b: str) -> int:
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return n


#: the words a carried name must share with the name that carries it when the words before them differ
#: (要素市场化配置综合改革), and the most characters those words before may run (长株潭, 国家)
_CARRIED_CORE = 8
_CARRIED_PLACE = 3


def _carries(a: str, ha: str, b: str, hb: str) -> bool:
    """Whether one key is the other with a head after it, up to words before both: the action that
    carries the other out (国家自贸区提升战略 → 自贸区提升战略行动), not another initiative of another kind
    (污染防治攻坚 is no 城镇生活污水治理攻坚行动; “千万工程”经验 is no “百千万工程”).

    >>> _carries("国家自贸区提升战略", "提升战略", "自贸区提升战略行动", "行动")
    True
    >>> _carries("“千万工程”经验", "经验", "“百千万工程”", "工程")
    False
    """

    def carries(core: str, inner: str) -> bool:
        short, long = sorted((core, inner), key=len)
        return bool(core) and long.endswith(short) and not _generic(long[: len(long) - len(short)])

    return _either_way(a, ha, b, hb, carries) or _placed(a, ha, b, hb)


def _either_way(a: str, ha: str, b: str, hb: str, test: Callable[[str, str], bool]) -> bool:
    """``test`` on the words of one key before its head and the other key, both ways round."""
    return test(a[: len(a) - len(ha)], b) or test(b[: len(b) - len(hb)], a)


def _placed(a: str, ha: str, b: str, hb: str) -> bool:
    """Whether one key carries the other's words, a long run of them, after a different place or level
    (国家要素市场化配置综合改革试点 carries 长株潭要素市场化配置综合改革: the pilot of that reform there).

    >>> _placed("国家要素市场化配置综合改革试点", "试点", "长株潭要素市场化配置综合改革", "改革")
    True
    >>> _placed("合肥综合性国家科学中心", "中心", "上海综合性国家科学中心", "中心")
    False
    """

    def placed(core: str, inner: str) -> bool:
        s = _common_prefix(core[::-1], inner[::-1])
        return s >= _CARRIED_CORE and 0 < max(len(core), len(inner)) - s <= _CARRIED_PLACE

    return _either_way(a, ha, b, hb, placed)


#: the characters two names must share before the one character they differ in for it to be a rewording
_REWORDED_AFTER = 4
#: characters that tell places, directions, sizes and orders apart: never a mere rewording (城东 ≠ 城西)
_TELLING = frozenset("东西南北中上下前后内外新老大小高低一二三四五六七八九十0123456789省市县区镇乡村")


def _reworded(ra: str, rb: str, shared: int) -> bool:
    """Whether two names that differ in one character only, after ``shared`` characters of their own and
    before the same end, are one initiative reworded (提质 → 提标), not two (城东 → 城西)."""
    return shared >= _REWORDED_AFTER and len(ra) == len(rb) == 1 and ra not in _TELLING and rb not in _TELLING


#: the most two words may share (rapidfuzz ratio) and still name different things (西成 ≠ 成昆)
_WORDS_APART = 50


def _plus_differs(a: str, b: str) -> bool:
    """Whether two “X+” names share what comes before + and differ in what both name after it
    (互联网+医疗 ≠ 互联网+教育, 互联网+绿色工程; not 人工智能+ → 人工智能+行动: the campaign and its name),
    or one is an “X+” campaign and the other a name of X without the + (人工智能+ ≠ 重庆人工智能学院)."""
    if ("+" in a) != ("+" in b):  # 人工智能+ ≠ 重庆人工智能学院: the campaign is no thing of its words
        plus, other = (a, b) if "+" in a else (b, a)
        return plus.partition("+")[0] in other
    if "+" not in a:
        return False
    (pa, _, sa), (pb, _, sb) = a.partition("+"), b.partition("+")
    sa, sb = sa.removesuffix(suffix_of(sa)), sb.removesuffix(suffix_of(sb))  # “互联网+”行动: the campaign
    apart = bool(sa) and bool(sb) and sa not in sb and sb not in sa
    return pa == pb and apart and fuzz.ratio(sa, sb) <= _WORDS_APART  # not 乐城研用+海口生产 → …+海南生产


#: the shortest key whose one differing character is read as another spelling of the same name
_VARIANT_LENGTH = 7


def _one_character_apart(a: str, b: str) -> bool:
    """Whether two keys of seven characters or more differ in one character only, and not one that
    tells places, directions or numbers apart (城东 ≠ 城西: :data:`_TELLING`).

    >>> _one_character_apart("伊士丹购物广场", "伊仕丹购物广场")
    True
    >>> _one_character_apart("城东污水处理厂", "城西污水处理厂")
    False
    >>> _one_character_apart("扩面提质工程", "扩面提标工程")  # too short to tell a spelling from a word
    False
    """
    if len(a) != len(b) or len(a) < _VARIANT_LENGTH:
        return False
    apart = [(x, y) for x, y in zip(a, b, strict=True) if x != y]
    return len(apart) == 1 and not _TELLING.intersection(apart[0])


def conflict(a: str, b: str, *, phases: bool = True) -> str:
    """Why two keys name different initiatives ('' when they may be one); ``phases=False`` lets a
    later phase on one side only pass (see :func:`_reviewed_without_phase`).

    >>> conflict("福州地铁4号线", "福州地铁5号线")
    'number'
    >>> conflict("亳州机场", "合肥机场")
    'words before 机场'
    >>> conflict("浦东国际机场", "浦东国际人才港")
    '机场 is no 港'
    >>> conflict("未来产业培育工程", "未来产业培育壮大工程")
    ''
    >>> conflict("产业集群提能升级计划", "产业集群提能升级行动")
    ''
    >>> conflict("天府国际机场二期工程", "天府国际机场"), conflict("一张网二期", "一张网一期")
    ('phase', 'number')
    >>> conflict("全运会", "省运会"), conflict("重庆站", "重庆东站")
    ('words before 运会', 'words before 站')
    >>> conflict("粤藏直流", "藏粤直流"), conflict("城东公园", "东城公园")  # places reordered; two places
    ('', 'words before 公园')
    >>> conflict("互联网+医疗", "互联网+教育"), conflict("人工智能+", "人工智能+行动")
    ('words after +', '')
    >>> conflict("人工智能+", "重庆人工智能学院")
    'words after +'
    >>> conflict("创新联合体", "农业产业化联合体"), conflict("创新联合体", "央企创新联合体")
    ('words before 联合体', '')
    """
    na, nb = numbers(a), numbers(b)
    if na and nb and na != nb:
        return "number"
    if _one_character_apart(a, b):
        return ""  # 伊士丹购物广场 → 伊仕丹购物广场, 商务楼宇更新提升行动 → 商办楼宇…: a spelling of one name
    if _plus_differs(a, b):
        return "words after +"
    if phases and _later_phase_on_one_side(a, b):
        return "phase"
    ha, hb = head(a), head(b)
    differ = ha and hb and ha != hb and a not in b and b not in a and not _carries(a, ha, b, hb)
    if differ and not ha.endswith(hb) and not hb.endswith(ha) and not same_thing(a, ha, b, hb):
        return f"{ha} is no {hb}"
    s = _common_prefix(a[::-1], b[::-1])
    ra, rb = a[: len(a) - s], b[: len(b) - s]
    p = _common_prefix(ra, rb)
    if len(ra) >= 2 and sorted(ra) == sorted(rb) and not _TELLING.intersection(ra):
        return ""  # 粤藏直流 → 藏粤直流, 赤通锡 → 赤锡通: the same places in another order (not 城东 → 东城)
    if s and max(len(a), len(b)) <= _SHORT_NAME and (ra[p:] or rb[p:]):
        return f"words before {a[len(a) - s :]}"  # 全运会 ≠ 省运会, 重庆站 ≠ 重庆东站: every word tells
    if s < 2:
        return ""
    if _reworded(ra[p:], rb[p:], p):
        return ""  # 社保扩面提质工程 → 社保扩面提标工程
    xa, xb = ra[p:], rb[p:]
    ra, rb = _generic(xa), _generic(xb)
    if min(len(xa), len(xb)) >= 2 and bool(ra) != bool(rb) and not set(xa) & set(xb):
        return f"words before {a[len(a) - s :]}"  # 创新联合体 ≠ 产教联合体: a kind named by generic words
    if not ra or not rb or ra in rb or rb in ra:
        return ""
    if fuzz.ratio(ra, rb) <= _WORDS_APART:  # 西成 ≠ 成昆
        return f"words before {a[len(a) - s :]}"
    return ""


# --- scores -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class PairFeatures:
    """The evidence behind one candidate pair.

    Attributes:
        score: the combined score 0–100+ the assignment maximised (threshold applies to it).
        name: name similarity 0–100 (the larger of ratio and discounted partial ratio of the keys).
        ratio: rapidfuzz ratio of the keys.
        partial: rapidfuzz partial ratio of the keys (one inside the other).
        same_kind: both sides of one kind.
        same_section: the sides lie in aligned sections.
        conflict: why the names differ in a number or a place ('' when they do not).
        exact: the keys are equal.
        margin: how far the score stands above the best rival candidate of either side (0–100;
            100 when there is none): a pair without rivals is surer than one of several alike.
    """

    score: float
    name: float
    ratio: float
    partial: float
    same_kind: bool
    same_section: bool
    conflict: str
    exact: bool
    margin: float = 100.0

    def vector(self) -> list[float]:
        """The features the confidence model reads, in the order of its weights."""
        return [
            self.name / 100.0,
            self.ratio / 100.0,
            float(self.same_kind),
            float(self.same_section),
            float(self.exact),
            float(bool(self.conflict)),
            max(min(self.margin, 100.0), -100.0) / 100.0,
        ]

    def to_dict(self) -> dict[str, Any]:
        return {
            "score": round(self.score, 1),
            "name": round(self.name, 1),
            "ratio": round(self.ratio, 1),
            "partial": round(self.partial, 1),
            "same_kind": self.same_kind,
            "same_section": self.same_section,
            "conflict": self.conflict,
            "exact": self.exact,
            "margin": round(self.margin, 1),
        }


_KIND_BONUS = 4.0
_ABBREVIATION = 85.0  # the name similarity of an abbreviation (海交会 ↔ 海峡两岸经贸交易会)
_KIND_PENALTY = 8.0
_SECTION_BONUS = 5.0
#: what the same name on both sides adds: the surest pair, never crossed by two pairs of a name found
#: inside another (优化营商环境 ↔ 优化营商环境, not ↔ 优化营商环境专项行动 while that pairs with the other)
_EXACT_BONUS = 5.0


#: the name similarity of two keys that differ only in interchangeable heads (共链行动 ↔ “共链工程”)
_SAME_CORE = 90.0
#: the specific characters the words before such heads need (not 产业行动 ↔ 产业工程)
_CORE_WORDS = 2


def _same_core(ka: str, kb: str) -> bool:
    """Whether two keys are the same words before two different, :func:`interchangeable` heads, words
    specific enough to name one initiative (共链行动 ↔ 共链工程: a short name whose head weighs half;
    not 产业行动 ↔ 产业工程).

    >>> _same_core("共链行动", "共链工程"), _same_core("产业行动", "产业工程")
    (True, False)
    >>> _same_core("共链行动", "共链改革")  # heads of two kinds
    False
    """
    ha, hb = head(ka), head(kb)
    if not ha or not hb or ha == hb or ka[: len(ka) - len(ha)] != kb[: len(kb) - len(hb)]:
        return False
    return interchangeable(ha, hb) and len(_generic(ka[: len(ka) - len(ha)])) >= _CORE_WORDS


#: the kinds a quotation opening both names makes one (not platforms or zones: “一带一路”国际技术转移中心
#: is no “一带一路”联合实验室)
_POLICIES = frozenset({InitiativeKind.PROGRAMME, InitiativeKind.REFORM, InitiativeKind.PILOT})
#: a quotation opening a name, and the fewest characters inside it that name a programme of their own
_OPENING_QUOTE = _regex.compile(r"“([^”]+)”")
_QUOTED_WORDS = 2


def _same_quotation(a: str, b: str) -> bool:
    """Whether two names open with the same quotation, which names what both are of (“一网统管”运行机制
    and “一网统管”城市运行体征指标体系 are the one programme's), and go on after it.

    >>> _same_quotation("“一网统管”运行机制", "“一网统管”城市运行体征指标体系")
    True
    >>> _same_quotation("“一网统管”运行机制", "“一网通办”改革"), _same_quotation("“两新”", "“两新”行动")
    (False, False)
    """
    ma, mb = _OPENING_QUOTE.match(a), _OPENING_QUOTE.match(b)
    if ma is None or mb is None or ma.group(1) != mb.group(1) or len(ma.group(1)) < _QUOTED_WORDS:
        return False
    return ma.end() < len(a) and mb.end() < len(b)


def _quotation_and_suffix(a: str, b: str) -> bool:
    """Whether one name is a bare quotation (with or without its marks) and the other the same quotation
    with a suffix after it: the programme and its projects or works, named the same way (“两重” ↔
    “两重”项目, 标准地 ↔ “标准地”改革).

    >>> _quotation_and_suffix("“两重”", "“两重”项目"), _quotation_and_suffix("“两重”项目", "“两重”")
    (True, True)
    >>> _quotation_and_suffix("“两重”", "“两重”建设办公室"), _quotation_and_suffix("两重", "两重项目")
    (False, False)
    >>> _quotation_and_suffix("标准地", "“标准地”改革")  # the quotation named bare
    True
    """
    short, long = sorted((a, b), key=len)
    quoted = short if short.startswith("“") and short.endswith("”") else f"“{short}”"
    if len(quoted) <= len("“”") or not long.startswith(quoted):
        return False
    rest = long[len(quoted) :]
    return bool(rest) and suffix_of(rest) == rest


#: the heads of a law or regulation that governs a thing named in it (密云水库水源保护条例)
_LAWS = frozenset({"条例", "规定"})


def _law_of(a: Initiative, ha: str, b: Initiative, hb: str) -> str:
    """Why a law and what it governs are two initiatives: one side a regulation whose head is a law's
    (条例, 规定), the other of another kind (密云水库水源保护条例 is no 密云水库; 海南热带雨林国家公园条例
    is no 海南热带雨林国家公园管理局); '' otherwise (a 方案 of a programme may be the programme's)."""
    regulation = InitiativeKind.REGULATION
    for law, h, other in ((a, ha, b), (b, hb, a)):
        if law.kind is regulation and h in _LAWS and other.kind is not regulation:
            return f"a law is no {other.kind.value}"
    return ""


def _two_labels(a: str, ka: str, b: str, kb: str) -> str:
    """Why two bare quotations (each name a quotation alone, no head after it) are two labels: the
    shorter's characters are not the longer's in order (“奥运冠军之城” is no “奥运双冠”; “五大通道” may be
    “五大国际贸易通道”, “媒体大脑” “全媒体传播大脑”); '' otherwise.

    >>> _two_labels("“奥运冠军之城”", "奥运冠军之城", "“奥运双冠”", "奥运双冠")
    'two labels'
    >>> _two_labels("“五大通道”", "五大通道", "“五大国际贸易通道”", "五大国际贸易通道")
    ''
    >>> _two_labels("“两新”", "两新", "“两新”行动", "两新行动")  # a quotation with its head: not bare
    ''
    """
    if not all(n.startswith("“") and n.endswith("”") and n.count("“") == 1 for n in (a, b)):
        return ""
    short, long = sorted((ka, kb), key=len)
    rest = iter(long)
    return "" if all(ch in rest for ch in short) else "two labels"


def _partial_weight(short: int) -> float:
    """How much a name found inside another counts: little for two or three characters."""
    return 0.95 if short >= 5 else 0.9 if short == 4 else 0.75 if short == 3 else 0.5


def pair_features(a: Initiative, b: Initiative, ka: str, kb: str, same_section: bool) -> PairFeatures:
    """Score one candidate pair (``ka``/``kb``: their :func:`match_key`)."""
    ratio = fuzz.ratio(ka, kb)
    partial = fuzz.partial_ratio(ka, kb)
    name = max(ratio, _partial_weight(min(len(ka), len(kb))) * partial)
    short, long = sorted((ka, kb), key=len)
    abbreviated = abbreviation(short, long)
    if abbreviated:
        name = max(name, _ABBREVIATION)
    if long.startswith(short) and long[len(short) :] in LINE_HEADS and a.kind is b.kind:
        name = 100.0  # 雄商 (a member of 京沪二通道、雄商等6条高铁: a list shares the head) is 雄商高铁
    ha, hb = head(ka), head(kb)
    if _same_core(ka, kb) or _placed(ka, ha, kb, hb) or _one_policy_keys(ka, ha, kb, hb):
        name = max(name, _SAME_CORE)
    if a.kind is b.kind and _same_route(a.name, b.name):
        name = max(name, _SAME_CORE)  # 叙永大村至遵义 ↔ 大村至遵义
    own = ka == kb or _own_region(ka, kb, a.region if a.region == b.region else None)
    if own:
        name = 100.0  # 广西自贸试验区 ↔ 自贸试验区 in 广西's reports: its own, named with or without it
    why = "" if abbreviated else conflict(ka, kb)
    if why == "phase" and not _reviewed_without_phase(a, ka, b, kb):
        why = conflict(ka, kb, phases=False)  # 海拉尔纪念园 → 纪念园二期 (plan → plan): the next step
    if a.kind in _POLICIES and b.kind in _POLICIES and _same_quotation(a.name, b.name):
        name = max(name, _SAME_CORE)  # “一网统管”运行机制 ↔ “一网统管”城市运行体征指标体系
        why = why if why in ("number", "phase") else ""
    if _quotation_and_suffix(a.name, b.name):
        name = max(name, _SAME_CORE)  # “两重” ↔ “两重”项目
    if (a.found_for and a.found_for != kb) or (b.found_for and b.found_for != ka):
        why = "looked up for another"  # 营商环境, found for 营商环境改革, is no 优化营商环境条例
    why = why or _law_of(a, ha, b, hb) or ("" if abbreviated else _two_labels(a.name, ka, b.name, kb))
    why = why or _event_and_works(a, ka, b, kb)
    same_kind = a.kind is b.kind
    score = name + (_KIND_BONUS if same_kind else -_KIND_PENALTY) + (_SECTION_BONUS if same_section else 0.0)
    score += _EXACT_BONUS if own else 0.0
    if why:
        score = min(score, 30.0)
    return PairFeatures(score, name, ratio, partial, same_kind, same_section, why, own)


def _event_and_works(a: Initiative, ka: str, b: Initiative, kb: str) -> str:
    """Why an event and a thing named after it are two initiatives (全国第十四届冬运会 ≠ 第十四届全国冬运会
    主场馆一期工程大道馆: the games and the venue built for them), or ''."""
    if (a.kind is InitiativeKind.EVENT) == (b.kind is InitiativeKind.EVENT):
        return ""
    event, works = (ka, kb) if a.kind is InitiativeKind.EVENT else (kb, ka)
    return "an event is no works" if len(works) > len(event) else ""


#: a route named by its two ends, and the line's type after them
_ROUTE = _regex.compile(
    r"^([\u4e00-\u9fff]{2,})至([\u4e00-\u9fff]{2,}?)(高铁|铁路|城际|高速公路|高速|公路)?$"
)


def _same_route(a: str, b: str) -> bool:
    """Whether two names are one route: the same end and type, one start the other's with the county
    before it (叙永大村至遵义 ↔ 大村至遵义铁路 of a list: the type may be left to the list's head).

    >>> _same_route("叙永大村至遵义", "大村至遵义"), _same_route("大村至遵义", "纳雍至遵义")
    (True, False)
    """
    ma, mb = _ROUTE.match(a), _ROUTE.match(b)
    if ma is None or mb is None or ma[2] != mb[2] or (ma[3] and mb[3] and ma[3] != mb[3]):
        return False
    short, long = sorted((ma[1], mb[1]), key=len)
    return short != long and long.endswith(short)


def _own_region(ka: str, kb: str, region: str | None) -> bool:
    """Whether one key is the other after the name of the region both reports are of (the region's own
    free trade zone named with its name and without: :func:`match_key` keeps a region before a bare
    head, 广西自贸区, which names nothing alone).

    >>> _own_region("广西自贸区", "自贸区", "广西壮族自治区"), _own_region("广西自贸区", "自贸区", "广东省")
    (True, False)
    """
    place = place_of(region)
    short, long = sorted((ka, kb), key=len)
    return len(place) >= 2 and long == place + short


# --- confidence -------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _model() -> dict[str, Any]:
    from importlib.resources import files

    data: dict[str, Any] = json.loads(
        (files("reportdiff") / "data" / "initiative_confidence.json").read_text(encoding="utf-8")
    )
    return data


def probability(features: PairFeatures, model: dict[str, Any] | None = None) -> float:
    """P(the two sides are one initiative), from the logistic model in ``initiative_confidence.json``."""
    m = model or _model()
    z = float(m["intercept"]) + sum(w * x for w, x in zip(m["weights"], features.vector(), strict=True))
    return 1.0 / (1.0 + math.exp(-z))


# --- changes ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class InitiativeEvidence:
    """Why an initiative change got its status.

    Attributes:
        rule: the name of the rule that set the status (see :data:`RULES`).
        features: the pair's features, or None for new/dropped.
        old_stage: the old side's stage (or None).
        new_stage: the new side's stage (or None).
        best_candidate: for new/dropped, the best-scoring counterpart that fell short.
        best_score: its score.
        threshold: the threshold in force.
        delivery: whether statuses were read as a delivery comparison.
    """

    rule: str
    features: PairFeatures | None = None
    old_stage: Stage | None = None
    new_stage: Stage | None = None
    best_candidate: str | None = None
    best_score: float | None = None
    threshold: float = DEFAULT_THRESHOLD
    delivery: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "features": self.features.to_dict() if self.features else None,
            "old_stage": self.old_stage.value if self.old_stage else None,
            "new_stage": self.new_stage.value if self.new_stage else None,
            "best_candidate": self.best_candidate,
            "best_score": None if self.best_score is None else round(self.best_score, 1),
            "threshold": self.threshold,
            "delivery": self.delivery,
        }


@dataclass(frozen=True)
class InitiativeChange:
    """One verdict on a named initiative: a pair, or an initiative on one side only.

    Attributes:
        id: stable id within the diff (``i1``, ``i2`` …: pairs and new ones in new-report order, then
            dropped ones in old-report order).
        status: kept, progressed, new or dropped.
        old: the old initiative, or None for new.
        new: the new initiative, or None for dropped.
        similarity: the pair's name similarity 0–100 (for new/dropped: the best candidate's, or 0).
        confidence: calibrated probability 0–1 that the verdict is right: for a pair, that both sides
            are one initiative; for new/dropped, that the best candidate is not its counterpart.
        evidence: the features and the rule that set the status.
        namehood: probability 0–1 that the name is a real named initiative, not an aim, a class of
            things or a cut name (:func:`reportdiff.namehood.namehood`; of a pair, its likelier side).
            The key changes lead with likely names; the page marks a name under 0.5 for checking.
    """

    id: str
    status: InitiativeStatus
    old: Initiative | None
    new: Initiative | None
    similarity: float
    confidence: float
    evidence: InitiativeEvidence = field(repr=False)
    namehood: float = 1.0

    @property
    def name(self) -> str:
        side = self.new or self.old
        return side.name if side else ""

    def to_dict(self) -> dict[str, Any]:
        """The JSON form read by ``../shared/eval/score_initiatives.py`` (schema: ``initiatives.json``)."""
        return {
            "id": self.id,
            "status": self.status.value,
            "similarity": round(self.similarity, 1),
            "confidence": round(self.confidence, 3),
            "namehood": round(self.namehood, 3),
            "name": self.name,
            "old": self.old.to_dict() if self.old else None,
            "new": self.new.to_dict() if self.new else None,
            "evidence": self.evidence.to_dict(),
        }

    def __repr__(self) -> str:
        o = self.old.name if self.old else "—"
        n = self.new.name if self.new else "—"
        return f"<InitiativeChange {self.id} {self.status.value}: {o} → {n} ({self.confidence:.2f})>"

    def _repr_html_(self) -> str:
        """The change as the page's row, with its stages and clauses (a notebook display)."""
        from ._templates import render_changes

        return render_changes([], [self.to_dict()])


#: the kinds a deepening verb (深化, 推深做实: ``stage_verbs.tsv`` ``deepens``) takes a step past 实施
_DEEPENED = frozenset({InitiativeKind.REFORM, InitiativeKind.PROGRAMME})


def step(stage: Stage, kind: InitiativeKind, *, sets_up: bool = False, deepens: bool = False) -> int:
    """Where a stage stands for comparison. A construction project moves from start (开工) to build
    (加快建设); a reform or a programme from carried on (实施, 开展) to deepened (深化, 推深做实);
    any other initiative carried on stands at one step until it is done, after the start that sets it
    up (启动实施, 设立, 组建).

    >>> step(Stage.BUILD, InitiativeKind.PROJECT) > step(Stage.START, InitiativeKind.PROJECT)
    True
    >>> programme = InitiativeKind.PROGRAMME
    >>> step(Stage.BUILD, programme) == step(Stage.START, programme)
    True
    >>> step(Stage.BUILD, programme) > step(Stage.START, programme, sets_up=True)
    True
    >>> reform = InitiativeKind.REFORM
    >>> step(Stage.BUILD, reform, deepens=True) > step(Stage.START, reform)
    True
    >>> step(Stage.BUILD, programme, deepens=True) > step(Stage.START, programme)
    True
    >>> zone = InitiativeKind.ZONE
    >>> step(Stage.BUILD, zone, deepens=True) > step(Stage.START, zone)
    False
    """
    if kind is not InitiativeKind.PROJECT and stage is Stage.START and not sets_up:
        return 2 * Stage.BUILD.rank
    return 2 * stage.rank + (stage is Stage.BUILD and deepens and kind in _DEEPENED)


def event_stage(i: Initiative, *, review: bool = False) -> Stage | None:
    """The stage an event's side states, read by the part that names it: a plan can only say an event
    will be held (举办, 召开, 办好 a recurring event: start; 完成 a census stays done; so for anything a
    plan says it will hold), a review that names an event reports it held
    (done) unless a verb bids for it (申办, 备战: ``stage_verbs.tsv``, ``bids``), and what a review
    says it pushed towards a done verb (推动出台: :meth:`Grammar.aims_to_finish`) is done, whatever its
    kind. ``review``: the side
    is read as a review whatever its part (the new side of a delivery comparison).

    >>> from reportdiff.structure import load
    >>> from reportdiff.initiatives import extract_initiatives
    >>> plan = extract_initiatives(load("二、2025年工作安排\\n继续举办好国际草原音乐那达慕大会。"))[0]
    >>> plan.stage.value, event_stage(plan).value
    ('done', 'start')
    """
    g, planned = grammar(), i.part is Part.PLAN and not review
    if planned and i.stage is Stage.DONE and g.holds(i.verb):
        return Stage.START  # 办好, 举办 in a plan: to be held (“双创汇”等活动, whatever its kind)
    if not planned and g.aims_to_finish(i.verb) and not g.bids(i.verb):
        return Stage.DONE  # a review's 推动出台 reports what it pushed through: issued
    if not planned and i.kind is InitiativeKind.PLATFORM and g.founds(i.verb):
        return Stage.DONE  # a review's 成立, 组建: the institution is in place
    if i.kind is not InitiativeKind.EVENT:
        return i.stage
    if planned:
        return i.stage
    if (review or i.part is Part.REVIEW) and not g.bids(i.verb):
        return Stage.DONE
    return i.stage


def decide(old: Initiative, new: Initiative, *, delivery: bool = False) -> tuple[InitiativeStatus, str]:
    """The status of a pair from its stages, and the rule that set it.

    An event is read by its part (:func:`event_stage`): in a delivery comparison an event the review
    names has been held (楚商大会…成果丰硕, 成功举办, 办好第十四届中国艺术节), a plan's 举办 of a recurring
    event is no progress on the last plan's 办好.
    """
    g = grammar()
    old_stage, new_stage = event_stage(old), event_stage(new, review=delivery)
    if delivery and new_stage is old_stage is Stage.DONE and g.finishes_part(new.verb):
        return InitiativeStatus.KEPT, "part-done"  # 确保…年内投入运营 → …主体完工: the target missed
    if delivery and new_stage is Stage.DONE:
        return InitiativeStatus.PROGRESSED, "reported-done"
    if delivery and new_stage is None and (old_stage is Stage.DONE or g.aims_to_finish(old.verb)):
        return InitiativeStatus.PROGRESSED, "reported-named"
    if new_stage is Stage.DONE and old_stage is not Stage.DONE:
        return InitiativeStatus.PROGRESSED, "later-stage"
    if old_stage is None or new_stage is None:
        return InitiativeStatus.KEPT, "stage-unknown"
    kind = old.kind if old.kind is new.kind else InitiativeKind.PROGRAMME
    later = step(new_stage, kind, sets_up=g.sets_up(new.verb), deepens=g.deepens(new.verb)) > step(
        old_stage, kind, sets_up=g.sets_up(old.verb), deepens=g.deepens(old.verb)
    )
    if later and new_stage > old_stage:  # 启动 → 开展 is one stage (start), 启动 → 深化 a later one
        return InitiativeStatus.PROGRESSED, "later-stage"
    return InitiativeStatus.KEPT, "same-or-earlier-stage"


def _aligned(paths: Sequence[tuple[str, str]]) -> set[tuple[str, str]]:
    return {(a, b) for a, b in paths}


def _in_aligned(old: tuple[str, ...], new: tuple[str, ...], aligned: set[tuple[str, str]]) -> bool:
    """Whether two sections' paths, level by level (:func:`_ancestors`), meet in an aligned pair."""
    return any(p in aligned for p in zip(old, new, strict=True))


def _ancestors(path: str) -> tuple[str, ...]:
    """A section path and its ancestors down to depth 3, shallowest first (3.2.1 → 3, 3.2, 3.2.1)."""
    parts = path.split(".")
    return tuple(".".join(parts[:d]) for d in (1, 2, 3))


_LIMIT = 8
_CUTOFF = 40.0


def _candidates(keys_a: list[str], keys_b: list[str]) -> list[tuple[int, int]]:
    """Candidate pairs: for each key of ``keys_a``, the best keys of ``keys_b`` by ratio
    (``process.extract`` with a cutoff and a limit), and the same from the other side. The ratio's
    cutoff is low enough to let a short name meet the long one that holds it (康养基地 ↔
    长三角（广德）康养基地: 57) and an abbreviation its full name (海交会 ↔ 海峡两岸经贸交易会: 50);
    the pair is then scored in full by :func:`pair_features`."""
    found: set[tuple[int, int]] = set()
    for i, k in enumerate(keys_a):
        for _, _, j in process.extract(k, keys_b, scorer=fuzz.ratio, score_cutoff=_CUTOFF, limit=_LIMIT):
            found.add((i, j))
    for j, k in enumerate(keys_b):
        for _, _, i in process.extract(k, keys_a, scorer=fuzz.ratio, score_cutoff=_CUTOFF, limit=_LIMIT):
            found.add((i, j))
    return sorted(found)


def candidate_pairs(
    old: Sequence[Initiative], new: Sequence[Initiative], aligned_sections: Sequence[tuple[str, str]] = ()
) -> dict[tuple[int, int], PairFeatures]:
    """The candidate pairs (old index, new index) that blocking finds, each with its features."""
    region_o = next((i.region for i in old if i.region), None)
    region_n = next((i.region for i in new if i.region), None)
    ko = [match_key(i.name, region_o) for i in old]
    kn = [match_key(i.name, region_n) for i in new]
    aligned = _aligned(aligned_sections)
    po = [_ancestors(i.section_path) for i in old]
    pn = [_ancestors(i.section_path) for i in new]
    feats = {
        (i, j): pair_features(old[i], new[j], ko[i], kn[j], _in_aligned(po[i], pn[j], aligned))
        for i, j in _candidates(ko, kn)
    }
    return _with_margins(feats)


def _with_margins(feats: dict[tuple[int, int], PairFeatures]) -> dict[tuple[int, int], PairFeatures]:
    """Each pair's margin over the best rival that shares one of its sides."""
    top: dict[tuple[int, int], list[float]] = {}  # (side, index) → its two best scores
    for (i, j), f in feats.items():
        for key in ((0, i), (1, j)):
            two = top.setdefault(key, [-math.inf, -math.inf])
            if f.score > two[0]:
                two[:] = [f.score, two[0]]
            elif f.score > two[1]:
                two[1] = f.score

    def rival(key: tuple[int, int], mine: float) -> float:
        first, second = top[key]
        return second if mine >= first else first

    out = {}
    for (i, j), f in feats.items():
        best = max(rival((0, i), f.score), rival((1, j), f.score))
        out[(i, j)] = replace(f, margin=100.0 if best == -math.inf else f.score - best)
    return out


def diff_initiatives(
    old: Sequence[Initiative],
    new: Sequence[Initiative],
    *,
    aligned_sections: Sequence[tuple[str, str]] = (),
    delivery: bool = False,
    threshold: float | None = None,
) -> tuple[InitiativeChange, ...]:
    """Pair ``old`` and ``new`` initiatives one to one and give each a status.

    ``aligned_sections`` holds (old path, new path) pairs of aligned sections
    (:func:`reportdiff.align.align_sections`): pairs inside them earn a few points. ``delivery``
    reads the new side as the review of the old side's plan. ``threshold`` is the least pair score
    that pairs (default: the fitted one, ``initiative_confidence.json``).
    """
    if threshold is None:
        threshold = float(_model().get("threshold", DEFAULT_THRESHOLD))
    feats = candidate_pairs(old, new, aligned_sections)
    n_o, n_n = max(len(old), 1), max(len(new), 1)
    edges = [
        # a tie goes to the pair at the same relative place on both sides (reads the same both ways)
        (i, j, f.score + 1e-3 * (1.0 - abs(i / n_o - j / n_n)))
        for (i, j), f in feats.items()
        if f.score >= threshold
    ]
    pairs = dict(assign(edges))
    return tuple(_changes(old, new, pairs, feats, delivery, threshold))


def cross_lookup(
    old: Sequence[Initiative],
    new: Sequence[Initiative],
    old_report: Report,
    new_report: Report,
    *,
    old_part: str | None = None,
    new_part: str | None = None,
) -> tuple[list[Initiative], list[Initiative]]:
    """Both sides completed by name: an initiative of one side whose name (matching key) the other
    side's grammar did not find is looked up in the other part's text (:func:`find_named`); where it
    is named there, that mention joins the other side. A dropped or new verdict then means "not named
    anywhere in the other part" (../shared/gold/README.md)."""

    def keys(items: Sequence[Initiative]) -> set[str]:
        return {match_key(m.name, i.region) for i in items for m in (i.mentions or (i,))}

    def spans(items: Sequence[Initiative]) -> list[tuple[int, int]]:
        return [(m.start, m.end) for i in items for m in (i.mentions or (i,))]

    old = unquoted_mentions(old, old_report, old_part)
    new = unquoted_mentions(new, new_report, new_part)
    ko, kn = keys(old), keys(new)
    names_o, names_n = "\n".join(i.name for i in old), "\n".join(i.name for i in new)
    missing_new = [
        i for i in old if match_key(i.name, i.region) not in kn and not _named_otherwise(i, new, names_n)
    ]
    missing_old = [
        i for i in new if match_key(i.name, i.region) not in ko and not _named_otherwise(i, old, names_o)
    ]
    new = yield_to_longer(new, missing_new, new_report, new_part)
    old = yield_to_longer(old, missing_old, old_report, old_part)
    more_new = find_named(new_report, missing_new, part=new_part, taken=spans(new))
    more_old = find_named(old_report, missing_old, part=old_part, taken=spans(old))
    return (
        sorted([*old, *more_old], key=lambda i: i.start),
        sorted([*new, *more_new], key=lambda i: i.start),
    )


def _named_otherwise(source: Initiative, others: Sequence[Initiative], joined: str) -> bool:
    """Whether the other part names ``source`` already, in another form that holds a shortened
    spelling of it and surely pairs with it (优化营商环境三年专项行动 ↔ 优化营商环境专项行动): then no
    lookup, whose bare mention (持续优化营商环境) would only compete with that pair. ``joined``: the
    other part's names, one per line (a quick test that one of them holds a shortened spelling)."""
    short = [v for v in shortened(source) if v in joined]
    if not short:
        return False
    key = match_key(source.name, source.region)
    for other in others:
        if any(v in other.name for v in short):
            other_key = match_key(other.name, other.region)
            if pair_features(source, other, key, other_key, False).score >= _NAMED_OTHERWISE:
                return True
    return False


#: the score (aligned sections aside) at which another form of a name surely names it (a near-equal
#: name of one kind: 优化营商环境三年专项行动 ↔ 优化营商环境专项行动, 93; not 自贸试验区 ↔ 中国—东盟自贸区,
#: 79)
_NAMED_OTHERWISE = 90.0


def yield_to_longer(
    items: Sequence[Initiative], sought: Sequence[Initiative], report: Report, part: str | None
) -> list[Initiative]:
    """``items`` without those named only inside a longer name of the other part written here as it
    is there (巩固拓展招投标“双盲”评审改革成果 holds 招投标“双盲”评审改革 of the other part, not only
    “双盲”): the lookup then finds the longer name."""
    mentions = [m for i in items for m in (i.mentions or (i,))]

    def holds(a: int, b: int) -> bool:  # the span holds every name it overlaps, and one at least
        over = [m for m in mentions if m.start < b and a < m.end]
        return bool(over) and all(a <= m.start and m.end <= b and b - a > m.end - m.start for m in over)

    by_opening: dict[str, list[str]] = {}
    for m in mentions:
        by_opening.setdefault(m.name[:2], []).append(m.name)
    names = {m.name for i in sought for m in (i.mentions or (i,)) if _holds_one(m.name, by_opening)}
    free = [(a, b) for a, b in _occurrences(report, part, names) if holds(a, b)]
    if not free:
        return list(items)
    return [
        i
        for i in items
        if not all(any(a <= m.start and m.end <= b for a, b in free) for m in (i.mentions or (i,)))
    ]


def _holds_one(name: str, by_opening: dict[str, list[str]]) -> bool:
    """Whether ``name`` holds a shorter name of ``by_opening`` (names by their first two characters):
    a cheap test before searching the text for it."""
    return any(
        len(inner) < len(name) and name.startswith(inner, a)
        for a in range(len(name) - 1)
        for inner in by_opening.get(name[a : a + 2], ())
    )


def _occurrences(report: Report, part: str | None, names: set[str]) -> list[tuple[int, int]]:
    """Where the part's text writes each of ``names``."""
    sentences = report.sentences_in(part)
    if not sentences:
        return []
    text, hi, out = report.text, sentences[-1].end, []
    for name in names:
        pos = text.find(name, sentences[0].start, hi)
        while pos >= 0:
            out.append((pos, pos + len(name)))
            pos = text.find(name, pos + len(name), hi)
    return out


def unquoted_mentions(items: Sequence[Initiative], report: Report, part: str | None) -> list[Initiative]:
    """``items`` with the mentions of their quoted names written without the marks elsewhere in the part
    (实施“厕所革命” … 继续推进厕所革命): one initiative per distinct name and part, however it is written.

    >>> from reportdiff.structure import load
    >>> r = load("二、2025年工作安排\\n实施“厕所革命”。继续推进厕所革命。")
    >>> [(i.name, len(i.mentions)) for i in unquoted_mentions(extract_initiatives(r), r, None)]
    [('“厕所革命”', 2)]
    """
    quoted = [i for i in items if "“" in i.name]
    if not quoted:
        return list(items)
    taken = [(m.start, m.end) for i in items for m in (i.mentions or (i,))]
    more = {match_key(i.name, i.region): i for i in find_named(report, quoted, part=part, taken=taken)}
    if not more:
        return list(items)
    out = []
    for i in items:
        extra = more.get(match_key(i.name, i.region))
        out.append(i if extra is None or "“" not in i.name else merge_mentions(i, extra))
    return out


def merge_mentions(a: Initiative, b: Initiative) -> Initiative:
    """``a`` with the mentions of ``b`` (the same initiative found elsewhere in its part): its stage the
    most advanced they state, its text every clause."""
    mentions = tuple(sorted((*a.mentions, *b.mentions), key=lambda m: m.start))
    staged = max(mentions, key=lambda m: m.stage.rank if m.stage else 0)
    texts = dict.fromkeys(m.text for m in mentions)
    return replace(
        a,
        stage=staged.stage if staged.stage else a.stage,
        verb=staged.verb if staged.stage else a.verb,
        text="；".join(texts),
        mentions=mentions,
    )


def compare_initiatives(
    old_report: Report,
    new_report: Report,
    *,
    old_part: str | None = None,
    new_part: str | None = None,
    aligned_sections: Sequence[tuple[str, str]] = (),
    delivery: bool = False,
    threshold: float | None = None,
    tags: tuple[Tagged, Tagged] | None = None,
) -> tuple[InitiativeChange, ...]:
    """The initiatives of two reports' parts (None or ``"all"``: the whole report): extracted, completed
    and paired (:func:`pair_initiatives`), then with the recurring runs (:func:`add_recurring`; ``tags``:
    the parts' sentences tagged elsewhere, see :func:`reportdiff.recurring.recurring_runs`).

    >>> from reportdiff.structure import load
    >>> old = load("二、2025年工作安排\\n加快建设福州至厦门高速铁路，推进分级诊疗试点。")
    >>> new = load("二、2026年工作安排\\n建成福厦高铁，深化分级诊疗试点。")
    >>> [(c.status.value, c.name) for c in compare_initiatives(old, new)]
    [('progressed', '福厦高铁'), ('kept', '分级诊疗试点')]
    """
    changes, sides = pair_initiatives(
        old_report,
        new_report,
        old_part=old_part,
        new_part=new_part,
        aligned_sections=aligned_sections,
        delivery=delivery,
        threshold=threshold,
    )
    return add_recurring(
        changes,
        sides,
        old_report,
        new_report,
        old_part=old_part,
        new_part=new_part,
        aligned_sections=aligned_sections,
        delivery=delivery,
        tags=tags,
    )


Sides = tuple[list[Initiative], list[Initiative]]


def _part(part: str | None) -> str | None:
    return None if part in (None, "all") else part


def pair_initiatives(
    old_report: Report,
    new_report: Report,
    *,
    old_part: str | None = None,
    new_part: str | None = None,
    aligned_sections: Sequence[tuple[str, str]] = (),
    delivery: bool = False,
    threshold: float | None = None,
    sides: Sides | None = None,
) -> tuple[tuple[InitiativeChange, ...], Sides]:
    """The first step of :func:`compare_initiatives`: the initiatives the grammar and the lookup find
    (:func:`both_sides` without recurring runs), paired; and both sides, for :func:`add_recurring`.
    ``sides``: :func:`both_sides` of the same reports and parts, found already (by a forked process)."""
    if sides is None:
        sides = both_sides(old_report, new_report, old_part=old_part, new_part=new_part)
    changes = diff_initiatives(
        *sides, aligned_sections=aligned_sections, delivery=delivery, threshold=threshold
    )
    return both_named(changes), sides


def add_recurring(
    changes: Sequence[InitiativeChange],
    sides: Sides,
    old_report: Report,
    new_report: Report,
    *,
    old_part: str | None = None,
    new_part: str | None = None,
    aligned_sections: Sequence[tuple[str, str]] = (),
    delivery: bool = False,
    tags: tuple[Tagged, Tagged] | None = None,
) -> tuple[InitiativeChange, ...]:
    """The second step of :func:`compare_initiatives`: the recurring runs of the two parts
    (:func:`reportdiff.recurring.recurring`, outside the names of ``sides``) paired with themselves
    and merged into ``changes`` (:func:`with_recurring`). A run changes no other pairing, so a
    comparison may take this step last, once the tags it reads are ready."""
    more = recurring_initiatives(
        old_report, new_report, *sides, old_part=_part(old_part), new_part=_part(new_part), tags=tags
    )
    return with_recurring(changes, *more, aligned_sections=aligned_sections, delivery=delivery)


def with_recurring(
    changes: Sequence[InitiativeChange],
    old: Sequence[Initiative],
    new: Sequence[Initiative],
    *,
    aligned_sections: Sequence[tuple[str, str]] = (),
    delivery: bool = False,
) -> tuple[InitiativeChange, ...]:
    """``changes`` with the recurring runs' pairs (``old[k]`` is ``new[k]``: see
    :func:`reportdiff.recurring.recurring`) among them, in new-report order, ids renumbered. A run pairs
    with itself only, so it changes no other pairing: a comparison adds runs once the rest is done."""
    if not old:
        return tuple(changes)
    aligned = _aligned(aligned_sections)
    added = [_run_change(a, b, aligned, delivery) for a, b in zip(old, new, strict=True)]
    paired = [c for c in changes if c.new is not None]
    merged = sorted([*paired, *added], key=lambda c: c.new.start if c.new else 0)
    out = [*merged, *(c for c in changes if c.new is None)]
    return tuple(replace(c, id=f"i{k}") for k, c in enumerate(out, 1))


def _run_change(
    a: Initiative, b: Initiative, aligned: set[tuple[str, str]], delivery: bool
) -> InitiativeChange:
    """The change of a recurring run's pair: its status, features and confidence as any pair's, its
    namehood the run's weight."""
    same = _in_aligned(_ancestors(a.section_path), _ancestors(b.section_path), aligned)
    f = pair_features(a, b, match_key(a.name, a.region), match_key(b.name, b.region), same)
    status, rule = decide(a, b, delivery=delivery)
    threshold = float(_model().get("threshold", DEFAULT_THRESHOLD))
    ev = InitiativeEvidence(rule, f, a.stage, b.stage, threshold=threshold, delivery=delivery)
    return InitiativeChange("", status, a, b, min(f.name, 100.0), probability(f), ev, a.recurring)


def both_sides(
    old_report: Report,
    new_report: Report,
    *,
    old_part: str | None = None,
    new_part: str | None = None,
) -> Sides:
    """The initiatives of both parts (None or ``"all"``: the whole report) as a comparison pairs them:
    extracted with the weak names and completed by :func:`cross_lookup` (the recurring runs come later:
    :func:`add_recurring`)."""
    old_part, new_part = _part(old_part), _part(new_part)
    return cross_lookup(
        extract_initiatives(old_report, part=old_part, weak=True),
        extract_initiatives(new_report, part=new_part, weak=True),
        old_report,
        new_report,
        old_part=old_part,
        new_part=new_part,
    )


def both_named(changes: Sequence[InitiativeChange]) -> tuple[InitiativeChange, ...]:
    """The changes without the one-sided ones of weak names (:attr:`Initiative.needs_both`), ids
    renumbered: a weak name is listed only where both parts name it."""
    kept = [c for c in changes if not ((c.old or c.new) and (c.old is None or c.new is None) and _weak(c))]
    return tuple(replace(c, id=f"i{k}") for k, c in enumerate(kept, 1))


def _weak(c: InitiativeChange) -> bool:
    side = c.old or c.new
    return side is not None and side.needs_both


def _changes(
    old: Sequence[Initiative],
    new: Sequence[Initiative],
    pairs: dict[int, int],
    feats: dict[tuple[int, int], PairFeatures],
    delivery: bool,
    threshold: float,
) -> list[InitiativeChange]:
    by_new = {j: i for i, j in pairs.items()}
    by_old: dict[int, list[tuple[int, PairFeatures]]] = {}
    by_new_f: dict[int, list[tuple[int, PairFeatures]]] = {}
    for (i, j), f in feats.items():
        by_old.setdefault(i, []).append((j, f))
        by_new_f.setdefault(j, []).append((i, f))
    out: list[InitiativeChange] = []
    for j, b in enumerate(new):
        if j in by_new:
            i = by_new[j]
            a, f = old[i], feats[(i, j)]
            status, rule = decide(a, b, delivery=delivery)
            ev = InitiativeEvidence(rule, f, a.stage, b.stage, threshold=threshold, delivery=delivery)
            out.append(InitiativeChange("", status, a, b, min(f.name, 100.0), probability(f), ev))
        else:
            out.append(
                _one_sided(InitiativeStatus.NEW, None, b, by_new_f.get(j, []), old, delivery, threshold)
            )
    for i, a in enumerate(old):
        if i not in pairs:
            out.append(
                _one_sided(InitiativeStatus.DROPPED, a, None, by_old.get(i, []), new, delivery, threshold)
            )
    return [replace(c, id=f"i{k}", namehood=_namehood(c)) for k, c in enumerate(out, 1)]


def _namehood(c: InitiativeChange) -> float:
    """The namehood of a change: of its one side, or the likelier of a pair's two."""
    return max(namehood(side) for side in (c.old, c.new) if side is not None)


def _one_sided(
    status: InitiativeStatus,
    a: Initiative | None,
    b: Initiative | None,
    candidates: list[tuple[int, PairFeatures]],
    others: Sequence[Initiative],
    delivery: bool,
    threshold: float,
) -> InitiativeChange:
    rule = "no-counterpart-new" if status is InitiativeStatus.NEW else "no-counterpart-old"
    best = max(candidates, key=lambda c: (c[1].score, -c[0]), default=None)
    side = a or b
    assert side is not None
    if best is None:
        ev = InitiativeEvidence(
            rule, None, a.stage if a else None, b.stage if b else None, threshold=threshold, delivery=delivery
        )
        return InitiativeChange("", status, a, b, 0.0, 1.0 - probability(_NO_CANDIDATE), ev)
    k, f = best
    ev = InitiativeEvidence(
        rule,
        None,
        a.stage if a else None,
        b.stage if b else None,
        others[k].name,
        f.score,
        threshold,
        delivery,
    )
    return InitiativeChange("", status, a, b, min(f.name, 100.0), 1.0 - probability(f), ev)


#: the features of "no candidate at all": nothing alike
_NO_CANDIDATE = PairFeatures(0.0, 0.0, 0.0, 0.0, False, False, "", False)


def explain_initiative(change: InitiativeChange) -> str:
    """A few lines saying why an initiative change got its status."""
    ev = change.evidence
    lines = [f"{change.id} {change.status.value}: {change.name}"]
    for label, side in (("old", change.old), ("new", change.new)):
        if side is not None:
            stage = side.stage.value if side.stage else "no stage"
            lines.append(
                f"  {label}: {side.name} ({side.kind.value}, {stage}) in “{side.text}” [{side.section_path}]"
            )
    if change.old is not None and change.new is not None:
        lines.append(f"  paired: similarity {change.similarity:.0f}, confidence {change.confidence:.2f}")
    elif ev.best_candidate is not None:
        lines.append(f"  best candidate “{ev.best_candidate}” scored {ev.best_score or 0:.1f}")
    lines.append(f"  rule {ev.rule}: {RULES.get(ev.rule, '')}")
    side = change.old or change.new
    if side is not None and side.recurring:
        lines.append("  a recurring run: both parts name it without a name's marks (reportdiff.recurring)")
    if side is not None and (regions := known_regions(side.name)):
        lines.append(f"  a known programme: the development labels of {regions} regions name it (lexicon)")
    doubt = (
        " — may not be one named initiative: check before quoting" if change.namehood < check_below() else ""
    )
    lines.append(f"  namehood {change.namehood:.2f}{doubt}")
    return "\n".join(lines)
