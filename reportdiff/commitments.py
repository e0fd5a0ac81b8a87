"""Stage 4: quantified commitments — an indicator and the number stated for it.

A commitment is one quantity that states a target (plan and five-year parts) or a result (review
part) about a measurable indicator: 新建高标准农田 2000亩, 地区生产总值 增长6.5%, 城镇新增就业 8000人.

Rules, each a small function below:

* one commitment per quantity; the words of its phrase (the sentence cut at ，；：) between the
  neighbouring numbers name the indicator (:mod:`reportdiff.indicators` trims them to a label);
* a phrase with no subject of its own (``增长4%`` in ``地区生产总值1645亿元、增长4%``) takes the
  subject of the one before it; an action alone (``改造7000亩``) takes the noun before it;
* ``A、B分别完成X、Y`` pairs subjects and values in order; ``城乡居民…分别增长7.5%``
  (one value, two subjects) gives an urban and a rural commitment;
* context numbers are not commitments (:data:`RULES`, by grammar and structure): names and
  specifications (``500强``, ``二期``, ``15分钟便民服务圈``, ``0—6岁儿童``), spans and streaks
  (``过去五年``, ``连续4年``, ``再延长30年``), thresholds in a category (``总投资10亿元以上项目``),
  start values (``从1993年的44亿元``, kept as ``baseline`` of the value after it), populations in
  rhetoric or scope (``6100万湖北人民``) and the count of a list of names (``咸丰、大冶、枝江3个县市``).
  They stay quantities of their sentence (:func:`extract_quantities` is unchanged for them).

>>> from reportdiff.structure import load
>>> r = load("二、2023年工作安排\\n新建高标准农田2000亩,地区生产总值增长6.5%左右，打造15分钟便民服务圈。")
>>> [(c.indicator, c.quantity.value, c.quantity.unit, c.canonical) for c in extract_commitments(r)]
[('新建高标准农田', 2000.0, '亩', 'high_standard_farmland'), ('地区生产总值', 6.5, '%', 'gdp_growth')]
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from enum import Enum
from functools import lru_cache, partial
from typing import Any

from . import _regex
from .indicators import alternation, canonical_id, clean_label, is_verb_only
from .quantities import Qualifier, Quantity, extract_quantities, unit_kind
from .structure import Part, Report, Sentence, Span


class Kind(str, Enum):
    """What a commitment states."""

    TARGET = "target"  # plan and five-year parts: what the government commits to
    RESULT = "result"  # review part: what it reports as done
    STATEMENT = "statement"  # other parts (self-building, preamble)


@dataclass(frozen=True)
class Commitment:
    """One quantified commitment or result.

    Attributes:
        indicator: the words naming what is measured, trimmed from the clause (新建高标准农田,
            地区生产总值); a rate's direction (增长/下降) is ``quantity.direction``, not part of it.
        quantity: the number, unit and qualifier.
        text: the phrase holding the quantity (the sentence cut at ，；：, so that a 、-list of names
            sharing one number stays whole), or a 分别-list's whole span.
        sentence: the whole sentence.
        section_path: dotted path of the innermost section (``"2.3"``).
        section_title: that section's title.
        part: the part of the report (review, plan, five_year, self, other).
        kind: target, result or statement (from the part).
        start: offset of the quantity in the report text.
        end: offset one past it.
        clause_start: offset of the clause in the report text.
        baseline: a starting value restated beside the target (从15个 → 57个: 15), or None.
        subject: words carried over from an earlier clause of the sentence when the clause has no
            subject of its own (地区生产总值 for ``增长4%``), else ''.
        in_multi_year_review: True when the clause lies in a five-year review (五年来…), whether or not
            its figure is cumulative; matching prefers a one-year figure when two fit equally.
        cumulative: True when the number is a total over several years (累计…, or an increment stated
            in a five-year review: 五年来…新增就业超690万人), not one year's figure; levels that cover
            every year (每年, 年均, 稳定在, 达到) are not cumulative.
        canonical: the canonical id of a common indicator (``gdp_growth``, ``cpi``, ``new_urban_jobs`` …,
            see :func:`reportdiff.indicators.canonical_id`), or None.
        headline: one of the report's headline figures: a main target stated after 主要预期目标 (or
            主要目标) in its paragraph, or a main result of the review's opening summary — a canonical
            indicator in the first paragraph of the review that states one.
        region: the report's region, for panel data.
        year: the report's year.
    """

    indicator: str
    quantity: Quantity
    text: str
    sentence: str
    section_path: str
    section_title: str
    part: Part
    kind: Kind
    start: int
    end: int
    clause_start: int
    baseline: Quantity | None = None
    subject: str = ""
    in_multi_year_review: bool = False
    cumulative: bool = False
    canonical: str | None = None
    headline: bool = False
    region: str | None = None
    year: int | None = None

    @property
    def rate(self) -> bool:
        """Whether the number is a rate of change (增长5%), not a level (城镇化率65%, 提高到80%); in a
        分别-list, read from this commitment's own subject and the verb after 分别 (城镇调查失业率、
        居民消费价格涨幅分别控制在5%和3%以内: the unemployment rate is a level).

        >>> from reportdiff.structure import load
        >>> text = "二、2025年\\n城镇调查失业率、居民消费价格涨幅分别控制在5%和3%以内。"
        >>> [c.rate for c in extract_commitments(load(text))]
        [False, False]
        """
        before = self.text[: max(self.start - self.clause_start, 0)]
        if self.subject and "分别" in before:
            before = self.subject + before[before.rindex("分别") + 2 :]
        return is_rate(self.quantity, before)

    @property
    def masked_text(self) -> str:
        """The words around the number (its 、-clause, or the whole phrase when the indicator spans a
        list), after any carried-over subject, with numbers masked: for similarity scoring."""
        a = self.start - self.clause_start
        b = self.end - self.clause_start
        lo = self.text.rfind("、", 0, a) + 1
        hi = self.text.find("、", b)
        hi = len(self.text) if hi < 0 else hi
        if "、" in self.indicator or (not lo and hi == len(self.text)):
            lo, hi = 0, len(self.text)
        return mask_numbers(self.subject + self.text[lo:a] + "#" + self.text[b:hi])

    def to_dict(self) -> dict[str, Any]:
        """The JSON form used by ``reportdiff commitments --format json`` and compare's SIDE."""
        return {
            "text": self.text,
            "sentence": self.sentence,
            "section": {"path": self.section_path, "title": self.section_title},
            "part": self.part.value,
            "kind": self.kind.value,
            "indicator": self.indicator,
            "canonical": self.canonical,
            "headline": self.headline,
            "quantity": self.quantity.to_dict(),
            "baseline": self.baseline.to_dict() if self.baseline else None,
            "cumulative": self.cumulative,
            "start": self.start,
            "end": self.end,
        }

    def __repr__(self) -> str:
        q = self.quantity
        return f"<Commitment {self.part.value} {self.indicator} {q.text} = {q.value:g} {q.unit}>"

    def _repr_html_(self) -> str:
        """The commitment as a one-row table: part, section, indicator, quantity and clause."""
        from ._templates import render_commitments

        return render_commitments([{**self.to_dict(), "region": self.region, "year": self.year}])


# --- masking ---------------------------------------------------------------------------------

_NUM = _regex.compile(
    r"[0-9]+(?:\.[0-9]+)?|[零〇一二两三四五六七八九十百千万亿]+(?=[个项家条批次所座处名位%])"
)
_QUAL = _regex.compile(r"以上|以内|左右|超过|不少于|不低于|不超过|突破|多|余|近|约|超")


def mask_numbers(text: str) -> str:
    """Replace digits and qualifiers by ``#`` so that similarity ignores the numbers.

    >>> mask_numbers("新建高标准农田1.2万亩以上")
    '新建高标准农田#万亩#'
    """
    return _QUAL.sub("#", _NUM.sub("#", text))


# --- context numbers: quantities of a sentence that are no commitment ------------------------------

# Units that turn a number into part of a name.
_NAME_UNITS = frozenset({"强", "版", "号", "线", "期", "届", "代", "型", "级", "星", "周年"})
_BASELINE_BEFORE = _regex.compile(r"(?:从|由)(?:20\d\d年(?:的|底|末)?)?[^，,；;。从由]{0,6}$")
_COUNTS = frozenset({"count", "people", "households"})
_BOUNDS = frozenset({Qualifier.AT_LEAST, Qualifier.MORE_THAN, Qualifier.AT_MOST, Qualifier.LESS_THAN})
_NAMED_RULES = _regex.compile(r"条(?:规定|措施|意见|举措|细则|政策|规则|禁令)")
# The numerals of a number that is a bare magnitude (千亩, 超千亿元), and those of any other.
_MAGNITUDES = frozenset("十百千万亿")
_NUMERALS = _regex.compile(r"[0-9０-９.一二两三四五六七八九十百千万亿几数多余]")
_TIMES = frozenset({"time", "age"})
_CJK = _regex.compile(r"[\u4e00-\u9fff]")
_NOUN_AFTER = _regex.compile(r"(?:的)?(?![和及与或并且、])[\u4e00-\u9fff“‘]")
_PERIOD_BEFORE = _regex.compile(r"(?:过去|这|近|未来|今后|前|后|的|多|时隔|新时代)$")
_PERIOD_AFTER = _regex.compile(r"^(?:来|间|里|中|内|是|以来|的|，|,|。|$)")
# What may follow a quantity and still close it (a qualifier, a particle): not a noun it describes.
_CLOSES = _regex.compile(
    r"^(?:以上|以下|以内|之内|左右|上下|多|余|及以上|及以下|内|后|前|来|间|里|中|左|之|[，,。；;：:、）)”！？]|$)"
)


@dataclass(frozen=True)
class _Sentence:
    """What the rules about one sentence need: its text, quantities, clauses and phrases."""

    text: str
    quantities: list[Quantity]
    clauses: list[Span]  # split at ，；、：
    phrases: list[Span]  # split at ，；： only: a 、-list of nouns stays whole

    def span_of(self, q: Quantity, spans: list[Span]) -> Span:
        return next(
            (s for s in spans if s.start <= q.start < max(s.end, s.start + 1)), Span(0, len(self.text))
        )


def _words(name: str) -> re.Pattern[str]:
    return _word_patterns()[name]


@lru_cache(maxsize=1)
def _word_patterns() -> dict[str, re.Pattern[str]]:
    return {
        "streak": _regex.compile(f"(?:{alternation('streak')})$"),
        "policy_duration": _regex.compile(f"(?:{alternation('policy_duration')})$"),
        "time_nouns": _regex.compile(alternation("time_nouns")),
        "time_verbs": _regex.compile(f"(?:{alternation('time_verbs')})$"),
        "population_scope": _regex.compile(f"(?:{alternation('population_scope')})[^，,；;]{{0,4}}$|有$"),
        "list_intro": _regex.compile(f"(?:{alternation('list_intro')})[^，,；;]{{0,1}}$"),
        "joint_words": _regex.compile(alternation("joint_words")),
        "population_noun": _regex.compile(f"[^，,；;]{{0,8}}?(?:{alternation('population_noun')})"),
        "population_rhetoric": _regex.compile(alternation("population_rhetoric")),
        "next_predicate": _regex.compile(alternation("next_predicate")),
        "action_only": _regex.compile(f"(?:{alternation('action_verbs')})+"),
        "action_tail": _regex.compile(f"(?:{alternation('action_verbs')})$"),
        "predicate_start": _regex.compile(alternation("next_predicate")),
        "increment": _regex.compile(alternation("increment_verbs")),
        "milestone_nouns": _regex.compile(alternation("milestone_nouns")),
        "capacity_works": _regex.compile(
            f"{_CJK_RUN}{{0,{_WORKS_REACH}}}?(?:{alternation('capacity_works')})"
        ),
        "pair_verbs": _regex.compile(alternation("pair_verbs")),
        "action_any": _regex.compile(alternation("action_verbs") + "|加快|推进|推动|全面"),
        "generic": _regex.compile(alternation("generic_words")),
    }


def _projects_investment(label: str, subject: str) -> str:
    """The projects whose investment a bare 完成投资 counts, when the number before it counted them
    (实施省级重点项目640个、完成投资3500亿元以上: 省级重点项目), else ''."""
    projects = _words("action_only").sub("", subject, count=1)
    bare = _words("generic").sub("", label) == "投资"
    return projects if bare and projects.endswith(("项目", "工程")) else ""


def _is_threshold(q: Quantity, text: str) -> bool:
    """A bound on a size that qualifies a noun (总投资10亿元以上项目, 超亿元的文旅重大项目, 超百亿企业);
    counts (培育超1万家企业) and exact amounts (争取100亿元专项债券) are never thresholds."""
    kind = unit_kind(q.unit)
    if kind in _COUNTS or kind in ("percent", "points") or q.qualifier not in _BOUNDS:
        return False  # counts, shares (90%以上的村), exact and approximate amounts are never thresholds
    if re.search(r"[多余](?:万|亿|千|百)*", q.text) and q.qualifier is Qualifier.MORE_THAN:
        return False  # 1100多万学生: an approximate count, not a bound
    return bool(_NOUN_AFTER.match(text, q.end))


def _is_period(q: Quantity, text: str) -> bool:
    """A span of years that frames the text (过去五年, 五年来, 新时代十年, 连续4年), not a commitment."""
    if unit_kind(q.unit) != "time":
        return False
    before = text[: q.start]
    if _words("streak").search(before) or _words("policy_duration").search(before):
        return True  # 连续24个月保持两位数增长, 土地承包到期后再延长30年
    if q.unit != "年" or q.qualifier is not None:
        return False
    return bool(_PERIOD_BEFORE.search(before)) or bool(_PERIOD_AFTER.match(text[q.end :]))


def _is_time_frame(q: Quantity, s: _Sentence, label_words: str) -> bool:
    """A duration or age that is no measured value: it names or frames something (15分钟便民服务圈,
    用3年时间, 0—6岁儿童, 240小时过境免签) unless the clause measures a time (审批时限压缩至3个工作日,
    人均预期寿命提高到79岁, 优良天数290天)."""
    if unit_kind(q.unit) not in _TIMES:
        return False
    phrase = s.span_of(q, s.phrases)
    if _words("time_verbs").search(s.text, phrase.start, q.start):
        return False  # 审批时间压缩至3个工作日, 预约号源提前2周向基层投放
    if not _CLOSES.match(s.text[q.end :]):
        return True  # followed by the noun it describes
    return not _words("time_nouns").search(label_words)


def _is_baseline(q: Quantity, s: _Sentence) -> bool:
    """A start value restated before the commitment: 从775元提高到900元, 由2020年的7.2%提升至7.4%,
    从1993年的44亿元迈入1600亿元大关 (a later quantity of the same unit family in the phrase)."""
    phrase = s.span_of(q, s.phrases)
    prev = next((o for o in reversed(s.quantities) if o.end < q.start), None)
    if prev is not None and s.text[prev.end : q.start] == "、" and _is_baseline(prev, s):
        pass  # 分别从每人每月202元、270元提高到209元、280元: a list of start values
    elif not _BASELINE_BEFORE.search(s.text, max(phrase.start, q.start - 14), q.start):
        return False
    kind = unit_kind(q.unit)
    later = [o for o in s.quantities if q.end <= o.start < phrase.end and unit_kind(o.unit) == kind]
    return any(s.text[q.end : o.start] != "、" for o in later) or len(later) > 1


#: an age before the noun a count sizes (40万3岁以下婴幼儿)
_AGE = _regex.compile(r"\d{1,3}(?:周)?岁(?:以[上下]|及以[上下])?")
#: the members of a 、-list of counts before a later one (63万失能老人、158万残疾人、)
_EARLIER_COUNTS = _regex.compile(r"(?:\d[^、，,；;：:]*、)+$")


def _is_population(q: Quantity, s: _Sentence) -> bool:
    """A number without a measure word that sizes a whole population in rhetoric or a policy's scope
    (6100万湖北人民备受鼓舞, 面向两百多万高校师生); people reached by an action stay (惠及300多万群众,
    3000多万皖北群众喝上引调水)."""
    after = m.end() if (m := _AGE.match(s.text, q.end)) else q.end  # 40万3岁以下婴幼儿
    if q.unit or not _NOUN_AFTER.match(s.text, after):
        return False
    clause, phrase = s.span_of(q, s.clauses), s.span_of(q, s.phrases)
    if _words("population_scope").search(s.text, clause.start, q.start):
        return True
    # a later member of a list of populations shares the words before the list (还有63万失能老人、158万残疾人)
    listed = s.text[phrase.start : q.start]
    if listed.endswith("、") and _words("population_scope").search(_EARLIER_COUNTS.sub("", listed)):
        return True
    rest = s.text[after : clause.end]
    if re.match(r"[\u4e00-\u9fff]{1,8}?的", rest):
        return True  # 14亿多中国人的饭碗: a population as a possessor
    return bool(_words("population_noun").match(rest)) or bool(_words("population_rhetoric").search(rest))


_LIST_ITEM = _regex.compile(r"[、和及与]")
_CATEGORY_UNITS = frozenset({"类", "大类", "批", "方面", "种"})
_TOPICS_COLON = _regex.compile(r"(?:方面)?的?(?:重点)?(?:工作|任务)?[：:。]")


_IN_WORDS = _regex.compile(r"[一二两三四五六七八九]")
_CJK = _regex.compile(r"[\u4e00-\u9fff“]")


def _is_set_in_words(q: Quantity, text: str) -> bool:
    """A count under ten in Chinese numerals before the noun it counts names a set (两项补贴, 五对重要关系,
    六项计划, 四个服从), as the labelling conventions say; one that follows its noun still counts
    (新建幼儿园两所)."""
    return (
        q.qualifier is None
        and q.value < 10
        and _IN_WORDS.fullmatch(q.text[: len(q.text) - len(q.unit)] or "") is not None
        and bool(_CJK.match(text, q.end))
    )


def _is_list_count(q: Quantity, s: _Sentence) -> bool:
    """The count that closes a list of named items (咸丰、大冶、枝江3个县市; 智慧城管、智慧社区两个智慧应用),
    or a set named in words (:func:`_is_set_in_words`): it counts the names, it sets no target."""
    if unit_kind(q.unit) != "count" or q.qualifier is not None:
        return False
    if _is_set_in_words(q, s.text):
        return True
    phrase = s.span_of(q, s.phrases)
    if _words("list_intro").search(s.text, phrase.start, q.start):
        return True  # 要突出抓好以下五个方面: the topics of what follows
    if (q.unit == "方面" or s.text.startswith("方面", q.end)) and _TOPICS_COLON.match(s.text, q.end):
        return True  # 重点抓好十个方面工作：/ 重点做好十方面工作。the topics of the paragraphs that follow
    before = s.text[phrase.start : q.start]
    if any(phrase.start <= o.start < q.start for o in s.quantities) or "等" in before[-2:]:
        return False
    items = [i for i in _LIST_ITEM.split(before) if i]
    if len(items) < 2 or abs(len(items) - q.value) > 1e-9:
        return False
    # 加快建设哇让、同德、南山口、德令哈4座抽水蓄能电站 sets a target; the names alone are no commitment
    return not _words("action_any").search(items[0])


# The rules, in order; the first that applies names why a quantity is no commitment.
_RULES: tuple[tuple[str, str], ...] = (
    ("name", "a unit that makes a name: 500强, 3号线, 二期, 70周年; a size class: 千亩高产示范片"),
    ("capacity", "the capacity in a project's name: 大唐700万吨露天矿, 东电2×35万千瓦热电联产项目"),
    (
        "period",
        "a span of years framing the text, a streak or a policy's duration: 过去五年, 连续4年, 再延长30年",
    ),
    ("threshold", "a bound inside a category name: 总投资10亿元以上项目, 超百亿企业"),
    ("baseline", "a start value before the commitment: 从775元提高到900元"),
    ("population", "a population in rhetoric or scope: 6100万湖北人民"),
    ("list-count", "the count of a list of names: 咸丰、大冶、枝江3个县市; a set named in words: 两项补贴"),
    ("time-frame", "a duration or age naming or framing something: 15分钟便民服务圈, 0—6岁儿童"),
)
RULES = dict(_RULES)


def _is_size_class(q: Quantity, text: str) -> bool:
    """A measure given as a bare magnitude before a noun (粮油千亩高产示范片, 培育百亿元企业): the size
    class of what follows, not an amount. Counts are amounts (百场产业链对接活动), and so is a bare
    magnitude that ends its phrase (营收突破千亿元), describes with 的 (近万亿元的重大项目投资), has no
    unit (近百万群众) or is a milestone (跨过万亿元大关, 重回万亿元规模)."""
    numerals = set(_NUMERALS.findall(q.text))
    return (
        bool(numerals)
        and numerals <= _MAGNITUDES
        and bool(q.unit)
        and unit_kind(q.unit) not in _COUNTS
        and bool(_NOUN_AFTER.match(text, q.end))
        and not text.startswith("的", q.end)
        and not _words("milestone_nouns").match(text, q.end)  # 跨过万亿元大关: the amount reached
    )


#: the units of what works are built to make or carry (700万吨, 2×35万千瓦, 750千伏)
_CAPACITY_KINDS = frozenset({"mass", "power", "volume"})
#: an owner's or a place's words before a capacity (大唐, 东电2×), and how far after it the works end
_CJK_RUN = "[\u4e00-\u9fff]"
_OWNER = _regex.compile(_CJK_RUN + r"{2,8}(?:\d+[×x])?$")
_WORKS_REACH = 6
#: the last characters of words that own no capacity: a list's end, a conjunction, a particle
_NOT_OWNER = frozenset("等和及与的了")


def _is_capacity(q: Quantity, text: str) -> bool:
    """A capacity inside a project's name, between its owner's words and the works (大唐700万吨露天矿,
    亘富200万吨褐煤提质项目, 东电2×35万千瓦热电联产项目): a specification, not an amount; not after a
    verb (建成300万千瓦风电项目: a target) nor closing its phrase (产量达到700万吨).

    >>> from reportdiff.quantities import extract_quantities as eq
    >>> t = "确保大唐700万吨露天矿一季度完成核准"
    >>> _is_capacity(eq(t)[0], t)
    True
    >>> t = "建成300万千瓦风电项目"
    >>> _is_capacity(eq(t)[0], t)
    False
    """
    if unit_kind(q.unit) not in _CAPACITY_KINDS:
        return False
    owner = _OWNER.search(text, max(0, q.start - 12), q.start)
    words = owner.group().rstrip("0123456789×x") if owner else ""
    if not words or words[-1] in _NOT_OWNER or _words("action_tail").search(words):
        return False  # 等540万千瓦…煤电项目, 水电站和690万千瓦火电项目: a total of a list, a target
    return bool(_words("capacity_works").match(text, q.end))


def context_reason(q: Quantity, s: _Sentence) -> str | None:
    """The rule (:data:`RULES`) by which ``q`` is a context number of its sentence, not a commitment,
    judged before any indicator is named (every rule but time-frame)."""
    text = s.text
    if q.unit in _NAME_UNITS or (q.unit == "条" and _NAMED_RULES.match(text, q.end - 1)):
        return "name"  # 500强, 二期, 自治区28条规定
    if _is_size_class(q, text):
        return "name"  # 千亩高产示范片, 百亿元企业: a bare magnitude names a size class of the noun after it
    if _is_capacity(q, text):
        return "capacity"  # 大唐700万吨露天矿: the capacity in a project's name
    if text.endswith("时速", 0, q.start) and _CJK.match(text, q.end):
        return "name"  # 时速350公里高铁, 时速250公里城际市域列车: a speed class of the noun after it
    if _is_period(q, text):
        return "period"
    if _is_threshold(q, text):
        return "threshold"
    if _is_baseline(q, s):
        return "baseline"
    if _is_population(q, s):
        return "population"
    if _is_list_count(q, s):
        return "list-count"
    return None


# --- indicator words --------------------------------------------------------------------------


def _cut_baselines(text: str, lo: int, hi: int, baselines: list[Quantity]) -> str:
    """``text[lo:hi]`` without the 从/由 + start value of any baseline inside it."""
    out, pos = [], lo
    for b in baselines:
        if lo <= b.start and b.end <= hi:
            m = _BASELINE_BEFORE.search(text, max(lo, b.start - 14), b.start)
            cut = m.start() if m else b.start
            out.append(text[pos:cut])
            pos = b.end
    out.append(text[pos:hi])
    return "".join(out)


@dataclass
class _Window:
    """Where the words naming a number may be: ``text[lo:hi]``; ``lo`` moves past the words after the
    number before it that named that number (新建4个自来水厂、2个污水处理厂: 自来水厂 names the 4)."""

    lo: int
    hi: int


def _window(s: _Sentence, q: Quantity, numbers: list[Quantity]) -> _Window:
    phrase = s.span_of(q, s.phrases)
    lo = max(
        [o.end for o in numbers if o is not q and phrase.start <= o.end <= q.start], default=phrase.start
    )
    nxt = [o.start for o in numbers if o is not q and q.end + 1 <= o.start < phrase.end]
    return _Window(lo, min(nxt, default=phrase.end))


_UNIT_NOTE = _regex.compile(r"[（(][\u4e00-\u9fff]{1,3}[）)]")


def _after_words(s: _Sentence, q: Quantity, w: _Window, last_number: bool) -> tuple[str, int]:
    """The noun after ``q`` up to the next number (or the phrase end), and where the words used end."""
    raw = s.text[q.end : w.hi]
    if raw.startswith("、"):  # 地区生产总值5.2万亿元、增长5.4%、高于全国…: the next member, not a noun of q
        return "", q.end
    if m := _UNIT_NOTE.match(raw):  # 改造2.5万套（间）城市危旧房: a note on the unit
        raw = raw[m.end() :]
    raw = re.split(r"[（(]" if last_number else r"[（(]|、(?=[^、]*$)", raw)[0]
    if not last_number and (m := _words("next_predicate").search(raw, 1)):
        # 320个共建项目完成投资5332亿元, 12个小微园建成标准厂房134万平方米: the verb is the next number's
        raw = raw[: m.start()]
    return clean_label(_CLOSES.sub("", raw)), s.text.find(raw, q.end) + len(raw) if raw else q.end


def _names_nothing(words: str) -> bool:
    """Only connectives or actions (新建, 启动改造): the noun must come from after the number."""
    return is_verb_only(words) or bool(_words("action_only").fullmatch(words))


def _label(
    s: _Sentence, q: Quantity, w: _Window, baselines: list[Quantity], list_verb: str
) -> tuple[str, str, int]:
    """The indicator words of ``q``, the action before it (for the next item of a 、-list) and where the
    words after it that it used end (−1: none): its phrase's words between the neighbouring numbers —
    before it, or the noun after it when the words before only say what is done (新建4个自来水厂) or,
    for a count, merely describe the counted noun (对…发现问题的40家学生集体用餐配送单位)."""
    before_raw = _cut_baselines(s.text, w.lo, q.start, baselines)
    if w.lo > s.span_of(q, s.phrases).start and "、" in before_raw:
        # 地区生产总值达到5.53万亿元、稳居全国前十强、增长4.8%: only the last item speaks of this number
        before_raw = before_raw[before_raw.rindex("、") + 1 :]
    category = next(
        (o for o in s.quantities if o.end == q.start and o.start >= w.lo and o.unit in _CATEGORY_UNITS), None
    )
    if category is not None:  # 优化安排12类45件民生实事: the categories frame the count
        before_raw = before_raw[: len(before_raw) - len(category.text)]
    before = clean_label(before_raw)
    framed = next((o for o in s.quantities if o.start == q.end), None) if q.unit in _CATEGORY_UNITS else None
    if framed is not None:  # 12类45件民生实事: the categories of what the next number counts
        noun = _after_words(s, framed, _window(s, framed, s.quantities), True)[0]
        return clean_label(before + noun), "", -1
    after, used = _after_words(s, q, w, w.hi == s.span_of(q, s.phrases).end)
    if not after or is_verb_only(after):
        return before, "", -1
    if _names_nothing(before):
        verb = before or list_verb
        return clean_label(verb + after), verb, used
    if unit_kind(q.unit) in _COUNTS:
        if before_raw.rstrip().endswith("的"):
            return after, "", used
        if category is not None:
            return clean_label(before + after), "", used
        if before_raw.rstrip().endswith("、"):  # 重点实施了六二六小河、三个城市出入口的生态景观建设
            return clean_label(after.split("的")[0]), "", used
        if before_raw.rstrip().endswith("等"):  # 布局人工智能、高端航空装备等9个重大科技专项
            verb = m.group() if (m := _words("action_only").match(before)) else ""
            return clean_label(verb + after), verb, used
        if len(before) <= 4 or "、" in before or _words("action_tail").search(before):
            # 发挥好9个国家区域医疗中心, 先行试点建设50个智能化康复中心: the centres are counted
            return clean_label(before + after), before, used
    return before, "", -1


# --- 分别-lists and shared subjects ---------------------------------------------------------------

# 分别 (respectively), and 均 (each) before a verb: A和B均增长8% is one value for two subjects.
_FENBIE = _regex.compile(
    r"分别|(?<![年人平])均(?=增长|下降|提高|降低|达到|达|为|超过|突破|控制在|保持在|稳定在)"
)
_LIST_SPLIT = _regex.compile(r"[、和及与]")


def _list_items(head: str) -> list[str]:
    """The items of a list of subjects, split at 、 and at 和, 及, 与 where they join, not inside a word
    that holds one (``joint_words``: 自来水普及率, 参与率, 和美乡村)."""
    inside = {p for m in _words("joint_words").finditer(head) for p in range(m.start(), m.end())}
    cuts = [m.start() for m in _LIST_SPLIT.finditer(head) if m.start() not in inside]
    bounds = zip([-1, *cuts], [*cuts, len(head)], strict=True)
    return [head[a + 1 : b] for a, b in bounds if b > a + 1]


_URBAN_RURAL = (("城乡居民", ("城镇居民", "农村居民")), ("城乡", ("城镇", "农村")))
_SEGMENT_END = _regex.compile(r"[，,；;。：:]")


def _fenbie_subjects(head: str) -> list[str]:
    """Subjects of ``交通、水利领域投资分别…`` → [交通领域投资, 水利领域投资]."""
    head = clean_label(head, whole=True)  # every subject: a cut head would shift values onto the wrong ones
    for joint, pair in _URBAN_RURAL:
        if head.startswith(joint):
            rest = head[len(joint) :]
            return [p + rest for p in pair]
    items = _list_items(head)
    if len(items) < 2:
        return []
    first, last = items[0], items[-1]
    return [i + _shared_tail(first, last) if i is not last else i for i in items]


def _shared_tail(first: str, last: str) -> str:
    """The head noun the last item of a list carries for every item: 交通、水利领域投资 → 领域投资;
    六大优势产业、…绿色低碳优势产业增加值 → 增加值; 省外游客、入境过夜游客 → '' (each item is whole)."""
    if last[-1:] == first[-1:]:
        return ""
    end = first[-2:]
    if len(end) == 2 and end in last:
        return last[last.rindex(end) + 2 :]
    return last[len(first) :] if len(first) <= 3 and len(last) > len(first) + 1 else ""


@dataclass(frozen=True)
class _Found:
    quantity: Quantity  # offsets relative to the sentence
    clause: Span  # relative to the sentence: the phrase (or 分别-list) quoted as the commitment's text
    indicator: str
    baseline: Quantity | None
    subject: str = ""


def _spans(sentence: Sentence, separators: str) -> list[Span]:
    """The sentence cut at ``separators`` (offsets relative to the sentence), final punctuation dropped."""
    text = sentence.text
    end = len(text.rstrip("。！？!?；;"))
    spans, pos = [], 0
    depth = _bracket_depth(text[:end])
    for m in re.finditer(f"[{separators}]", text[:end]):
        if (m.group() in ",:" and _digit_sep(text, m.start())) or depth[m.start()]:
            continue  # 1,600; 15:15; (预计数，下同)
        spans.append(Span(pos, m.start()))
        pos = m.end()
    spans.append(Span(pos, end))
    return [sp for sp in spans if sp.end > sp.start]


def _bracket_depth(text: str) -> list[int]:
    """How many brackets are open at each character of ``text``."""
    depth, out = 0, []
    for ch in text:
        if ch in "（(":
            depth += 1
        out.append(depth)
        if ch in "）)" and depth:
            depth -= 1
    return out


def _digit_sep(text: str, i: int) -> bool:
    """A thousands comma or a time colon between digits (1,600 · 15:15), not a clause separator."""
    return 0 < i < len(text) - 1 and text[i - 1].isdigit() and text[i + 1].isdigit()


def _governing_fenbie(text: str, q: Quantity) -> re.Match[str] | None:
    """The 分别 whose value list holds ``q``: the last one before it with no ，；between them."""
    hit = None
    for m in _FENBIE.finditer(text, 0, q.start):
        if not _SEGMENT_END.search(text, m.end(), q.start):
            hit = m
    return hit


def _fenbie_at(text: str, q: Quantity) -> int:
    m = _governing_fenbie(text, q)
    return -1 if m is None else m.start()


def _shared_head(text: str, numbers: list[Quantity], q: Quantity) -> str:
    """The noun closing a 、-list of bare numbers that ``q`` opens (完成1.8万户、189万平方米棚改任务),
    else '' (新增产值超50亿元企业3家、超10亿元企业15家: each item names itself)."""
    pos = q.end
    last: Quantity | None = None
    while pos < len(text) and text[pos] == "、":
        nxt = next((o for o in numbers if o.start == pos + 1), None)
        if nxt is None:
            return ""
        last, pos = nxt, nxt.end
        while pos < len(text) and text[pos] not in "、，,；;。：:":
            pos += 1
        if text[nxt.end : pos]:
            break
    if last is None or re.search(r"\d", text[last.end : pos]):
        return ""
    tail = clean_label(text[last.end : pos])
    return "" if is_verb_only(tail) else tail[:16]


class _Lists:
    """The 分别-lists of a sentence: subjects, span and verb of each, and how many values each used."""

    def __init__(self, s: _Sentence, baselines: list[Quantity]) -> None:
        self.s = s
        self.baselines = baselines
        self.lists: dict[int, tuple[list[str], Span, str]] = {}
        self.used: dict[int, int] = {}

    def subjects_for(self, q: Quantity) -> tuple[list[str], Span, str] | None:
        """The subjects that ``q`` takes (one, or all of them for a single shared value), else None."""
        text = self.s.text
        m = _governing_fenbie(text, q)
        if m is None:
            return self._pair_for(q)
        key = m.start()
        if key not in self.lists:
            head = text[:key]
            head_start = max(head.rfind(c) for c in "，,；;：:") + 1
            members = [o for o in self.s.quantities if _fenbie_at(text, o) == key]
            end = _SEGMENT_END.search(text, members[-1].end)
            subjects = _fenbie_subjects(head[head_start:])
            if not subjects and self.lists:
                # …分别达到35512元、25689元，分别增长7.8%: a second 分别 reuses the subjects of the first
                subjects = list(self.lists[max(self.lists)][0])
            # 分别完成投资 → 完成投资; 分别从202元、270元提高到 → 提高到
            start = max([m.end(), *(o.end for o in self.baselines if m.end() <= o.end <= q.start)])
            verb = text[start : q.start]
            self.lists[key] = (subjects, Span(head_start, end.start() if end else len(text)), verb)
            self.used[key] = 0
        subjects, span, verb = self.lists[key]
        if not subjects:
            return None
        n_values = sum(1 for o in self.s.quantities if _fenbie_at(text, o) == key)
        if n_values == 1 and len(subjects) > 1:
            return subjects, span, verb  # one value for every subject: 城乡居民人均可支配收入分别增长7.5%
        k = self.used[key]
        if k >= len(subjects):
            return None
        self.used[key] = k + 1
        return [subjects[k]], span, verb

    def _pair_for(self, q: Quantity) -> tuple[list[str], Span, str] | None:
        """Two values joined by 和 after two subjects, read in order as with 分别: 城乡低保标准提高到不低于
        740元/月和485元/月 (城镇 740, 农村 485), 散居和集中养育孤儿补贴标准提高到1200元/月和1700元/月."""
        text, qs = self.s.text, self.s.quantities
        pair = [(a, b) for a, b in itertools.pairwise(qs) if text[a.end : b.start] == "和" and q in (a, b)]
        if not pair or pair[0][0].unit != pair[0][1].unit or not pair[0][0].unit:
            return None
        a, b = pair[0]
        seg = max(text.rfind(c, 0, a.start) for c in "，,；;：:、。") + 1
        verb = _words("pair_verbs").search(text, seg, a.start)  # between the subjects and the values
        if verb is None or any(seg <= o.start < a.start for o in qs):
            return None
        head = clean_label(text[seg : verb.start()], whole=True)
        if head.startswith("城乡") and len(_list_items(head)) > 1:
            return None  # 城乡居民参加养老保险和基本医疗保险参保率…90%和98%: which two take them is unclear
        subjects = _fenbie_subjects(head)
        if len(subjects) != 2:
            return None
        end = _SEGMENT_END.search(text, b.end)
        span = Span(seg, end.start() if end else len(text))
        return [subjects[0 if q is a else 1]], span, text[verb.start() : a.start]


def _phrase_before(s: _Sentence, q: Quantity) -> str:
    """The words of the phrase before ``q``'s, when it holds no number (what an action acts on)."""
    phrase = s.span_of(q, s.phrases)
    prev = next((p for p in reversed(s.phrases) if p.end <= phrase.start), None)
    if prev is None or any(prev.start <= o.start < prev.end for o in s.quantities):
        return ""
    words = clean_label(s.text[prev.start : prev.end])
    if len(words) > _PHRASE_BEFORE:  # 实施新一轮农村公路提升行动: the verb goes, not a character of it
        words = _words("action_only").sub("", words, count=1) if _words("action_only").match(words) else words
    return words[-_PHRASE_BEFORE:]


#: the most characters of a phrase before that an action alone takes as its object
_PHRASE_BEFORE = 12


def _sentence_commitments(sentence: Sentence) -> list[_Found]:
    text = sentence.text
    quantities = extract_quantities(text)
    if not quantities:
        return []
    s = _Sentence(text, quantities, _spans(sentence, "，,；;、：:"), _spans(sentence, "，,；;：:"))
    context = {i: why for i, q in enumerate(quantities) if (why := context_reason(q, s)) is not None}
    baselines = [q for i, q in enumerate(quantities) if context.get(i) == "baseline"]
    numbers = [q for i, q in enumerate(quantities) if i not in context]
    # a capacity still ends the words of the number before it (大唐700万吨露天煤矿、400万吨褐煤提质)
    edges = [q for i, q in enumerate(quantities) if i not in context or context[i] == "capacity"]
    lists = _Lists(s, baselines)
    found: list[_Found] = []
    subject, list_verb, last_noun, consumed_until = "", "", "", -1
    for i, q in enumerate(quantities):
        if i in context:
            continue
        pending = next(
            (b for b in reversed(baselines) if b.end <= q.start and not text[b.end : q.start].count("，")),
            None,
        )
        listed = lists.subjects_for(q)
        if listed is not None:
            subjects, span, verb = listed
            starts = [b for b in baselines if span.start <= b.start < q.start]
            values = [o for o in numbers if span.start <= o.start < span.end]
            if len(starts) == len(values):  # 分别从202元、270元提高到209元、280元: one start value each
                pending = starts[values.index(q)]
            if not _is_time_frame(q, s, subjects[0] + verb):
                found.extend(
                    _Found(q, span, clean_label(subj + verb) or subj, pending, subj) for subj in subjects
                )
            continue
        w = _window(s, q, edges)
        before_q = (last_noun, consumed_until, list_verb)  # a time frame skipped below consumes nothing
        consumed = consumed_until > w.lo
        w.lo = max(w.lo, consumed_until)
        indicator, verb, used = _label(s, q, w, baselines, list_verb)
        if consumed and used < 0 and _words("predicate_start").match(indicator):
            indicator = clean_label(last_noun + indicator)  # 320个共建项目完成投资5332亿元
        last_noun = clean_label(text[q.end : used]) if used > 0 else ""
        consumed_until = used
        list_verb = verb or (list_verb if consumed else "")
        if len(indicator) < 2:  # 在4所高校开展试点, 让242万农村居民喝上放心水: the words after name it
            indicator = _after_words(s, q, w, True)[0] or indicator
        if (head := _shared_head(text, numbers, q)) and text[q.end : q.end + 1] == "、":
            indicator = clean_label(indicator + head)  # 完成1.8万户、189万平方米棚改任务
        carried = subject if is_verb_only(indicator) or len(indicator) < 2 else ""
        if carried:
            indicator = clean_label(carried + indicator)
        elif carried := _projects_investment(indicator, subject):
            indicator = clean_label(carried + indicator)  # 省级重点项目 + 完成投资
        elif _names_nothing(indicator) and (subject or (phrase_words := _phrase_before(s, q))):
            # 新建农田2000亩，改造7000亩: the action takes the noun of the label before it;
            # 实施农村公路提升行动，新（改）建6000公里: or the words of the phrase before
            carried = _words("action_only").sub("", subject, count=1) if subject else phrase_words
            indicator = clean_label(indicator + carried)
        if _is_time_frame(q, s, indicator):  # 五年建成廉租房198户: 建成廉租房 still names the 198
            last_noun, consumed_until, list_verb = before_q
            continue
        if not carried and indicator:
            subject = indicator
        found.append(_Found(q, s.span_of(q, s.phrases), indicator, pending, carried))
    return found


# A five-year review: a section titled so, or paragraphs from an opener like 五年来 to the next section.
_MULTI_YEAR_TITLE = _regex.compile(r"五年|十[三四五]五.{0,4}(?:时期|期间|成就|回顾)|过去.年")
# Sentences that open a five-year review (五年来…, 过去的五年…, “十四五”时期是…的五年) or return to one year.
_ADDRESS = r"^(?:——)?(?:各位代表[！!，,]?)?"
_MULTI_YEAR_OPENER = _regex.compile(
    _ADDRESS + r"(?:(?:过去的?|这|经过|近)五年|五年(?:来|间|中|里|，|,))"
    r"|" + _ADDRESS + r"“?十[三四五]五”?(?:时期|期间|以来)"
    r"|(?:的|个)五年[。！!]?$"
)
_ONE_YEAR_OPENER = _regex.compile(
    _ADDRESS + r"(?:(?:刚刚)?过去(?:的)?(?:一年|20\d\d年)|一年来|这一年|20\d\d年)"
)
_ONE_YEAR = _regex.compile(r"20\d\d年|一年|今年|去年")
_CUMULATIVE = _regex.compile(r"累计|五年(?:来|间|共|合计)|总共|合计|年均")
_EVERY_YEAR = _regex.compile(
    r"每年|平均每年|同比|比上年|较上年|稳定在|保持在|达到|达|增至|提高到|提升到|提高至|提升至|降至|下降到"
)


def own_members(text: str, start: int, end: int, after: int) -> str:
    """The clause ``text[start:end]`` up to the end of the 、-member that ends at or after ``after``: what
    speaks of that member's number (新建绿道137公里、累计达到2136公里: 累计 is the next member's)."""
    stop = text.find("、", after, end)
    return text[start : stop if stop >= 0 else end]


def _is_cumulative(q: Quantity, clause: str, before: str, sentence: str, multi_year: bool) -> bool:
    """A total or change over several years, not one year's figure (see ``Commitment.cumulative``).

    In a five-year review, levels still describe the last year: a share or rate level (城镇化率60%),
    a level reached (突破1万公里, 稳定在…, 达到…), a yearly figure (每年, 同比) or a bare figure with no
    action before it (国家高新技术企业1.28万家); what was done over the period is cumulative
    (五年来新增就业超690万人, 累计建成…).
    """
    if _EVERY_YEAR.search(clause):
        return False
    if _CUMULATIVE.search(clause):
        return True
    if not multi_year or re.search(r"20\d\d年", sentence):
        return False
    is_level = q.text.startswith(("突破", "超", "达", "逾", "近")) or (
        unit_kind(q.unit) in ("percent", "points") and q.direction is None
    )
    return not is_level and (q.direction is not None or bool(_words("increment").search(before)))


class CommitmentList(list[Commitment]):
    """A plain list of commitments that also displays as a table in a notebook."""

    def to_dicts(self) -> list[dict[str, Any]]:
        """Every commitment's ``to_dict()``, with its region and year."""
        return [{**c.to_dict(), "region": c.region, "year": c.year} for c in self]

    def _repr_html_(self) -> str:
        from ._templates import render_commitments

        return render_commitments(self.to_dicts())


_KIND = {Part.REVIEW: Kind.RESULT, Part.PLAN: Kind.TARGET, Part.FIVE_YEAR: Kind.TARGET}


def extract_commitments(report: Report, *, part: Part | str | None = None) -> CommitmentList:
    """Every quantified commitment of ``report`` (or of one part of it), in text order.

    The result is a list (a :class:`CommitmentList`, which a notebook shows as a table), worked out
    once per report and part (:meth:`Report.memo`): every call returns a fresh list of the same items.
    """
    key = ("commitments", None if part is None or part == "all" else Part(part))
    return CommitmentList(report.memo(key, lambda: tuple(_extract(report, part))))


def _extract(report: Report, part: Part | str | None) -> list[Commitment]:
    out = []
    top, here, multi_year = "", -1, False
    summary = _review_summary(report)
    for sentence in report.sentences_in(part):
        section = report.sections[sentence.section]
        if section.path.split(".")[0] != top:
            # a five-year review runs from its title or opener to the end of its top-level section
            top, multi_year = section.path.split(".")[0], False
        if sentence.section != here:  # a title opens a five-year review; a one-year opener in it closes it
            here = sentence.section
            if _MULTI_YEAR_TITLE.search(section.title) and not _ONE_YEAR.search(section.title):
                multi_year = True
        if sentence.part is Part.REVIEW and _MULTI_YEAR_OPENER.search(sentence.text):
            multi_year = True
        elif _ONE_YEAR_OPENER.search(sentence.text):
            multi_year = False
        for f in report.memo(
            ("sentence_commitments", sentence.start), partial(_sentence_commitments, sentence)
        ):
            clause = sentence.text[f.clause.start : f.clause.end]
            out.append(
                Commitment(
                    indicator=f.indicator,
                    quantity=_shift(f.quantity, sentence.start),
                    text=clause,
                    sentence=sentence.text,
                    section_path=section.path,
                    section_title=section.title,
                    part=sentence.part,
                    kind=_KIND.get(sentence.part, Kind.STATEMENT),
                    start=sentence.start + f.quantity.start,
                    end=sentence.start + f.quantity.end,
                    clause_start=sentence.start + f.clause.start,
                    baseline=_shift(f.baseline, sentence.start) if f.baseline else None,
                    subject=f.subject,
                    in_multi_year_review=sentence.part is Part.REVIEW
                    and multi_year
                    and not re.search(r"20\d\d年", sentence.text),
                    cumulative=sentence.part is Part.REVIEW
                    and _is_cumulative(
                        f.quantity,
                        own_members(sentence.text, f.clause.start, f.clause.end, f.quantity.end),
                        f.subject + sentence.text[f.clause.start : f.quantity.start],
                        sentence.text,
                        multi_year,
                    ),
                    canonical=(cid := _canonical(f.indicator, f.quantity, clause)),
                    headline=_headline(report, sentence, sentence.start + f.quantity.start, cid, summary),
                    region=report.region,
                    year=report.year,
                )
            )
    return out


# A change named just before the number (增长5%, 提高2个百分点, 增幅8%); 提高到/增至 set a level instead.
_RATE_BEFORE = _regex.compile(
    r"(?:增长|下降|提高|降低|减少|增加|上升|提升|回落|增速|减排|涨幅|上涨|增幅|降幅)(?:了|为|达|约|近|超过?|分别)?$"
)


def is_rate(q: Quantity, before: str) -> bool:
    """Whether ``q`` is a rate of change (增长5%, 下降2.2%) rather than a level (城镇化率65%, 提高到80%),
    given the words ``before`` it in its clause."""
    return q.direction is not None or bool(_RATE_BEFORE.search(before))


def _canonical(indicator: str, q: Quantity, clause: str) -> str | None:
    """The canonical id of a commitment, a rate or a level."""
    return canonical_id(indicator, unit_kind(q.unit), rate=is_rate(q, clause[: max(clause.find(q.text), 0)]))


_HEADLINE_CUE = _regex.compile(r"主要预期目标|主要目标|预期目标|主要指标")


def _review_summary(report: Report) -> Span | None:
    """The first paragraph of the review part that states a canonical indicator's figure: the review's
    opening summary of main results (全市地区生产总值增长6.1%…)."""
    for p, part in zip(report.paragraphs, report.paragraph_parts, strict=False):
        if part is Part.REVIEW and re.search(r"生产总值|GDP|经济总量", report.text[p.start : p.end]):
            return p
    return None


def _headline(report: Report, sentence: Sentence, offset: int, cid: str | None, summary: Span | None) -> bool:
    """Whether the number at ``offset`` is a headline figure (see :attr:`Commitment.headline`)."""
    if sentence.part is Part.PLAN:
        para = report.paragraph_at(sentence.start)
        return bool(_HEADLINE_CUE.search(report.text, para.start, offset))
    if sentence.part is Part.REVIEW and cid is not None and summary is not None:
        return summary.start <= offset < summary.end
    return False


def _shift(q: Quantity, by: int) -> Quantity:
    from dataclasses import replace

    return replace(q, start=q.start + by, end=q.end + by)
