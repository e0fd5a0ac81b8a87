"""Stage 4: quantified commitments — an indicator and the number stated for it.

A commitment is one quantity in one clause that states a target (plan and
five-year parts) or a result (review part) about a measurable indicator:
新建高标准农田 2000亩, 地区生产总值增长 6.5%, 城镇新增就业 8000人.

Rules, each a small function below:

* one commitment per quantity; the clause's words around the number name the indicator;
* a clause with no subject of its own (``增长4%`` in ``地区生产总值1645亿元、增长4%``)
  takes the subject of the clause before it;
* ``A、B分别完成X、Y`` pairs subjects and values in order; ``城乡居民…分别增长7.5%``
  (one value, two subjects) gives an urban and a rural commitment;
* context numbers are not commitments: thresholds inside a name
  (``总投资10亿元以上项目50个`` → only 50个), names with digits (``国道324``,
  ``500强``), and baselines (``从15个县扩大到57个`` → 57, with 15 kept as ``baseline``).

>>> from reportdiff.structure import load
>>> r = load("二、2023年工作安排\\n新建高标准农田2000亩,地区生产总值增长6.5%左右。")
>>> [(c.indicator, c.quantity.value, c.quantity.unit) for c in extract_commitments(r)]
[('新建高标准农田', 2000.0, '亩'), ('地区生产总值增长', 6.5, '%')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum
from typing import Any

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
        indicator: the words naming what is measured (新建高标准农田, 地区生产总值增长).
        quantity: the number, unit and qualifier.
        text: the clause holding the quantity.
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
    region: str | None = None
    year: int | None = None

    @property
    def masked_text(self) -> str:
        """The clause (after any carried-over subject) with its numbers masked, for similarity scoring."""
        a = self.start - self.clause_start
        b = self.end - self.clause_start
        return mask_numbers(self.subject + self.text[:a] + "#" + self.text[b:])

    def to_dict(self) -> dict[str, Any]:
        """The JSON form used by ``reportdiff commitments --format json`` and compare's SIDE."""
        return {
            "text": self.text,
            "sentence": self.sentence,
            "section": {"path": self.section_path, "title": self.section_title},
            "part": self.part.value,
            "kind": self.kind.value,
            "indicator": self.indicator,
            "quantity": self.quantity.to_dict(),
            "baseline": self.baseline.to_dict() if self.baseline else None,
            "cumulative": self.cumulative,
            "start": self.start,
            "end": self.end,
        }

    def __repr__(self) -> str:
        q = self.quantity
        return f"<Commitment {self.part.value} {self.indicator} {q.text} = {q.value:g} {q.unit}>"


# --- masking ---------------------------------------------------------------------------------

_NUM = re.compile(r"[0-9]+(?:\.[0-9]+)?|[零〇一二两三四五六七八九十百千万亿]+(?=[个项家条批次所座处名位%])")
_QUAL = re.compile(r"以上|以内|左右|超过|不少于|不低于|不超过|突破|多|余|近|约|超")


def mask_numbers(text: str) -> str:
    """Replace digits and qualifiers by ``#`` so that similarity ignores the numbers.

    >>> mask_numbers("新建高标准农田1.2万亩以上")
    '新建高标准农田#万亩#'
    """
    return _QUAL.sub("#", _NUM.sub("#", text))


# --- context numbers ------------------------------------------------------------------------

# A number qualified by 以上/以下 and followed by a noun is a threshold inside a name.
_THRESHOLD_TAIL = re.compile(r"(?:的)?[\u4e00-\u9fff]")
# Units that turn a number into part of a name.
_NAME_UNITS = frozenset({"强", "版", "号", "线", "期", "届", "代", "型", "级", "星", "周年"})
_BASELINE_BEFORE = re.compile(r"(?:从|由)[^，,；;。从由]{0,6}$")
_BASELINE_AFTER = re.compile(
    r"^(?:[^，,；;。]{0,12}?)(?:扩大|提高|提升|增加|增长|增至|提至|上升|下降|降低|减少|降至|达到|拓展|延伸|升至)"
    r"(?:到|至)?"
)


_COUNTS = frozenset({"count", "people", "households"})


def _is_threshold(q: Quantity, clause: str, local_end: int, counted: bool) -> bool:
    """A bound on a size that qualifies a noun (总投资10亿元以上项目, 超亿元的文旅重大项目) while a count
    in the same clause is the commitment; counts and exact amounts (54亿元的投资计划) are never thresholds."""
    if not counted or unit_kind(q.unit) in _COUNTS or q.qualifier is None or q.qualifier is Qualifier.RANGE:
        return False
    return bool(_THRESHOLD_TAIL.match(clause, local_end))


_PERIOD_BEFORE = re.compile(r"(?:过去|这|近|未来|今后|前|后|的|连续|多)$")
_PERIOD_AFTER = re.compile(r"^(?:来|间|里|中|内|是|以来|的|，|,|。|$)")


def _is_period(q: Quantity, text: str) -> bool:
    """A span of years that frames the text (过去五年, 这五年, 极不平凡的五年, 五年来), not a commitment."""
    if q.unit != "年" or q.qualifier is not None:
        return False
    return bool(_PERIOD_BEFORE.search(text[: q.start])) or bool(_PERIOD_AFTER.match(text[q.end :]))


def _is_baseline(clause: str, local_start: int, local_end: int) -> bool:
    return bool(_BASELINE_BEFORE.search(clause[:local_start])) and bool(
        _BASELINE_AFTER.match(clause[local_end:])
    )


# --- indicator words --------------------------------------------------------------------------

# Leading words that say who or when, not what (全市, 全年, 力争 …).
_LEAD = re.compile(
    r"^(?:其中|同时|全年|今年|全市|全省|全区|全县|全国|我市|我省|我区|力争|预计|累计|共|总共|全部|"
    r"并|和|及|与|且|还|再|也|均|都|年均|年内|当年|到年底|年末|比上年|比去年|同比|再|另)+"
)
_PUNCT = "，,、；;：:。！？!?（）()“”\"'‘’《》 \t"
_VERB_ONLY = re.compile(
    r"^(?:分别)?(?:同比|比上年|较上年)?(?:增长|下降|提高|降低|减少|增加|上升|提升|达到|达|完成|实现|突破|超过|"
    r"保持|控制在|稳定在|增至|降至|为|是|占比|占|约|近|超)*$"
)


def _clean(words: str) -> str:
    words = words.strip(_PUNCT)
    words = re.sub(r"[（(][^）)]*[）)]", "", words)
    words = words.strip(_PUNCT)
    return _LEAD.sub("", words)


# What may follow a number without naming the indicator (以上, 左右, 的 …).
_TAIL_NOISE = re.compile(r"^(?:以上|以下|以内|左右|上下|多|余|的|之间|及以上)+|(?:以上|左右)$")


def _indicator(clause: str, a: int, b: int) -> str:
    """The indicator words of the quantity at clause[a:b]: what precedes it, else what follows."""
    before = _clean(clause[:a])
    after = _clean(re.sub(r"[（(].*$", "", clause[b:]))
    after = re.split(r"[，,、；;。]", after)[0] if after else ""
    after = _TAIL_NOISE.sub("", after)
    if after and not _VERB_ONLY.match(after):
        # 新建4个自来水厂: the measured thing follows the number
        return (before[-12:] + after)[:30]
    if before and not _VERB_ONLY.match(before):
        return before[-24:]
    return (before + after)[:24]


def _needs_subject(indicator: str) -> bool:
    return not indicator or bool(_VERB_ONLY.match(indicator))


# --- 分别-lists and shared subjects ---------------------------------------------------------------

# 分别 (respectively), and 均 (each) before a verb: A和B均增长8% is one value for two subjects.
_FENBIE = re.compile(r"分别|(?<![年人平])均(?=增长|下降|提高|降低|达到|达|为|超过|突破|控制在|保持在|稳定在)")
_LIST_SPLIT = re.compile(r"[、和及与]")
_URBAN_RURAL = (("城乡居民", ("城镇居民", "农村居民")), ("城乡", ("城镇", "农村")))


def _fenbie_subjects(head: str) -> list[str]:
    """Subjects of ``交通、水利领域投资分别…`` → [交通领域投资, 水利领域投资]."""
    head = _clean(head)
    for joint, pair in _URBAN_RURAL:
        if head.startswith(joint):
            rest = head[len(joint) :]
            return [p + rest for p in pair]
    items = [i for i in _LIST_SPLIT.split(head) if i]
    if len(items) < 2:
        return []
    first, last = items[0], items[-1]
    # The last item carries the shared head noun: 水利领域投资 → suffix 领域投资.
    shared = last[len(first) :] if len(last) > len(first) + 1 else ""
    return [i + shared if i is not last else i for i in items]


@dataclass(frozen=True)
class _Found:
    quantity: Quantity  # offsets relative to the sentence
    clause: Span  # relative to the sentence
    indicator: str
    baseline: Quantity | None
    subject: str = ""


def _clauses(sentence: Sentence) -> list[Span]:
    if sentence.clauses:
        return [Span(c.start - sentence.start, c.end - sentence.start) for c in sentence.clauses]
    spans, pos = [], 0
    for m in re.finditer(r"[，,；;、：:]", sentence.text):
        spans.append(Span(pos, m.start()))
        pos = m.end()
    spans.append(Span(pos, len(sentence.text)))
    return spans


_SEGMENT_END = re.compile(r"[，,；;。：:]")


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


def _shared_head(text: str, quantities: list[Quantity], span: Span) -> str:
    """The noun closing the 、-list of numbers that follows the clause ``span``, else ''."""
    pos = span.end
    last: Quantity | None = None
    while pos < len(text) and text[pos] == "、":
        nxt = next((o for o in quantities if o.start == pos + 1), None)
        if nxt is None:
            break
        last, pos = nxt, nxt.end
        while pos < len(text) and text[pos] not in "、，,；;。：:":
            pos += 1
        if text[nxt.end : pos]:
            break
    if last is None:
        return ""
    tail = _clean(text[last.end : pos])
    return "" if _needs_subject(tail) else tail[:16]


def _sentence_commitments(sentence: Sentence) -> list[_Found]:
    text = sentence.text
    quantities = [
        q for q in extract_quantities(text) if q.unit not in _NAME_UNITS and not _is_period(q, text)
    ]
    if not quantities:
        return []
    spans = _clauses(sentence)
    found: list[_Found] = []
    pending_baseline: Quantity | None = None
    subject = ""
    lists: dict[int, tuple[list[str], Span, str]] = {}  # 分别 offset → subjects, span, verb
    used: dict[int, int] = {}
    for i, q in enumerate(quantities):
        span = next((s for s in spans if s.start <= q.start < max(s.end, s.start + 1)), Span(0, len(text)))
        clause = text[span.start : span.end]
        a, b = q.start - span.start, q.end - span.start
        later = any(o.start >= q.end for o in quantities[i + 1 :])
        counted = any(
            o is not q and span.start <= o.start < span.end and unit_kind(o.unit) in _COUNTS
            for o in quantities
        )
        if _is_threshold(q, clause, b, counted):
            continue
        if _is_baseline(clause, a, b) and later:
            pending_baseline = q
            continue
        m = _governing_fenbie(text, q)
        if m is not None and m.start() not in lists:
            head = text[: m.start()]
            head_start = max(head.rfind(c) for c in "，,；;：:") + 1
            members = [o for o in quantities[i:] if _fenbie_at(text, o) == m.start()]
            end = _SEGMENT_END.search(text, members[-1].end)
            verb = _clean(text[m.end() : q.start])  # 分别完成投资 → 完成投资
            subjects = _fenbie_subjects(head[head_start:])
            if not subjects and lists:
                # …分别达到35512元、25689元，分别增长7.8%: a second 分别 reuses the subjects of the first
                subjects = list(lists[max(lists)][0])
            lists[m.start()] = (subjects, Span(head_start, end.start() if end else len(text)), verb)
            used[m.start()] = 0
        if m is not None and lists[m.start()][0]:
            subjects, list_span, verb = lists[m.start()]
            k = used[m.start()]
            n_values = sum(1 for o in quantities if _fenbie_at(text, o) == m.start())
            if n_values == 1 and len(subjects) > 1:
                # one value for every subject: 城乡居民人均可支配收入分别增长7.5%
                for subj in subjects:
                    found.append(_Found(q, list_span, subj + verb, pending_baseline, subj))
                pending_baseline = None
                continue
            if k < len(subjects):
                used[m.start()] = k + 1
                found.append(_Found(q, list_span, subjects[k] + verb, pending_baseline, subjects[k]))
                pending_baseline = None
                continue
        # the words around the number name it only between its neighbours (320个共建项目完成投资5332亿元,
        # 投资5600万元完成了西山保护区三家污染企业搬迁)
        following = [o.start for o in quantities if q.end + 2 <= o.start < span.end]
        preceding = [o.end for o in quantities if span.start <= o.end <= q.start - 2]
        lo = max(preceding, default=span.start)
        indicator = _indicator(text[lo : min(following, default=span.end)], q.start - lo, q.end - lo)
        if _needs_subject(_clean(text[q.end : span.end])) and (head := _shared_head(text, quantities, span)):
            # 完成1.8万户、189万平方米棚改任务: the noun after a 、-list of numbers names each of them
            indicator = _clean(text[lo : q.start]) + head
        if _needs_subject(indicator) and subject:
            carried = subject
            indicator = subject + indicator
        else:
            carried = ""
            subject = indicator
        found.append(_Found(q, span, indicator, pending_baseline, carried))
        pending_baseline = None
    return found


# A five-year review: a section titled so, or paragraphs from an opener like 五年来 to the next section.
_MULTI_YEAR_TITLE = re.compile(r"五年|十[三四五]五.{0,4}(?:时期|期间|成就|回顾)|过去.年")
# Sentences that open a five-year review (五年来…, 过去的五年…, “十四五”时期是…的五年) or return to one year.
_ADDRESS = r"^(?:——)?(?:各位代表[！!，,]?)?"
_MULTI_YEAR_OPENER = re.compile(
    _ADDRESS + r"(?:(?:过去的?|这|经过|近)五年|五年(?:来|间|中|里|，|,))"
    r"|" + _ADDRESS + r"“?十[三四五]五”?(?:时期|期间|以来)"
    r"|(?:的|个)五年[。！!]?$"
)
_ONE_YEAR_OPENER = re.compile(_ADDRESS + r"(?:(?:刚刚)?过去(?:的)?(?:一年|20\d\d年)|一年来|这一年|20\d\d年)")
_ONE_YEAR = re.compile(r"20\d\d年|一年|今年|去年")
_CUMULATIVE = re.compile(r"累计|五年(?:来|间|共|合计)|总共|合计|年均")
_EVERY_YEAR = re.compile(
    r"每年|平均每年|同比|比上年|较上年|稳定在|保持在|达到|达|增至|提高到|提升到|提高至|提升至|降至|下降到"
)


def _is_cumulative(q: Quantity, clause: str, sentence: str, multi_year: bool) -> bool:
    """A total or change over several years, not one year's figure (see ``Commitment.cumulative``).

    In a five-year review, levels still describe the last year: a share or rate level (城镇化率60%),
    a level reached (突破1万公里, 稳定在…, 达到…) or a yearly figure (每年, 同比).
    """
    if _EVERY_YEAR.search(clause):
        return False
    if _CUMULATIVE.search(clause):
        return True
    if not multi_year or re.search(r"20\d\d年", sentence):
        return False
    is_level = q.text.startswith(("突破", "超过", "达")) or (
        unit_kind(q.unit) in ("percent", "points") and q.direction is None
    )
    return not is_level


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

    The result is a list (a :class:`CommitmentList`, which a notebook shows as a table).
    """
    out = CommitmentList()
    top, multi_year = "", False
    for sentence in report.sentences_in(part):
        section = report.sections[sentence.section]
        if section.path.split(".")[0] != top:
            # a five-year review runs from its title or opener to the end of its top-level section
            top, multi_year = section.path.split(".")[0], False
        if _MULTI_YEAR_TITLE.search(section.title) and not _ONE_YEAR.search(section.title):
            multi_year = True
        if sentence.part is Part.REVIEW and _MULTI_YEAR_OPENER.search(sentence.text):
            multi_year = True
        elif _ONE_YEAR_OPENER.search(sentence.text):
            multi_year = False
        for f in _sentence_commitments(sentence):
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
                    and _is_cumulative(f.quantity, clause, sentence.text, multi_year),
                    region=report.region,
                    year=report.year,
                )
            )
    return out


def _shift(q: Quantity, by: int) -> Quantity:
    from dataclasses import replace

    return replace(q, start=q.start + by, end=q.end + by)
