"""Stage 3b: indicators — readable labels for what a number measures, and canonical ids.

A commitment's *label* names what is measured, as a reader would write it, built only from
pieces of its own clause (and the subject carried from the clause or list before it):

* connective verbs, fillers and hedges are trimmed from both ends (达到, 稳定在, 增至, 力争, 全年 …);
* quotes and brackets stay balanced (“土特产富”全产业链总产值);
* the head noun after the number is kept when the words before it only say what is done
  (新建4个自来水厂 → 新建自来水厂);
* the direction of a rate (增长/下降) is not part of the label: it is the quantity's ``direction``.

A *canonical id* names the common indicators of work reports across regions and years
(``gdp_growth``, ``cpi``, ``new_urban_jobs`` …, about 45, with an English gloss), from the table
``reportdiff/data/canonical_indicators.tsv``: 地区生产总值增长 / 生产总值增长 / 经济增长 are one indicator.

>>> clean_label("全年地区生产总值增长")
'地区生产总值'
>>> clean_label("“土特产富”全产业链总产值达")
'“土特产富”全产业链总产值'
>>> canonical_id("经济", "percent", rate=True), canonical_id("全省地区生产总值", "money", rate=False)
('gdp_growth', 'gdp')
>>> canonical_id("高技术制造业增加值", "percent", rate=True)
'high_tech_manufacturing'
>>> canonical_id("装备制造业增加值", "percent", rate=True) is None
True
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from . import _regex
from ._data import data_json, data_text

__all__ = [
    "SYNONYMS",
    "Canonical",
    "canonical_id",
    "canonical_table",
    "clean_label",
    "gloss",
    "is_verb_only",
    "normalise_label",
    "words",
]

#: Synonyms and abbreviations of report language, folded to one spelling before comparing labels.
SYNONYMS: tuple[tuple[str, str], ...] = (
    ("国内生产总值", "地区生产总值"),
    ("地区生产总值", "地区生产总值"),
    ("生产总值", "地区生产总值"),
    ("地区地区", "地区"),
    ("GDP", "地区生产总值"),
    ("规模以上", "规上"),
    ("规模工业", "规上工业"),
    ("限额以上", "限上"),
    ("公共厕所", "公厕"),
    ("居民消费价格指数", "居民消费价格"),
    ("社零额", "社会消费品零售总额"),
    ("研究与试验发展", "研发"),
    ("R&D", "研发"),
    ("城镇新增就业", "新增城镇就业"),
    ("外贸进出口", "进出口"),
    ("总产量", "产量"),
    ("常住居民", "居民"),
    ("个百分点", "百分点"),
    ("农村牧区", "农村"),
    ("农民人均纯收入", "农村居民人均可支配收入"),
    ("中转站", "转运站"),
)


@lru_cache(maxsize=1)
def words() -> dict[str, tuple[str, ...]]:
    """The tables of words of ``reportdiff/data/words.json`` (lists by name)."""
    raw = data_json("words.json")
    return {k: tuple(v) for k, v in raw.items() if not k.startswith("_")}


def alternation(name: str) -> str:
    """The words of table ``name`` as one regular-expression alternation, longest first."""
    return "|".join(re.escape(w) for w in sorted(words()[name], key=len, reverse=True))


#: an enumerator opening a list item: 一是, 十三是, 二十是
_ORDINAL_IS = "[一二三四五六七八九十]{1,3}是"


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """Label openers to drop, label closers to drop, and a label made of closers only."""
    lead = _regex.compile(f"^(?:{_ORDINAL_IS}|{alternation('label_lead')})+")
    trail = _regex.compile(f"(?:{alternation('label_trail')})+$")
    verb_only = _regex.compile(f"^(?:{alternation('label_trail')})*$")
    return lead, trail, verb_only


# A bracket of one or two characters inside a word: 新（改）建 → 新改建, 新(扩)建 → 新扩建.
_INFIX = _regex.compile(r"(?<=[\u4e00-\u9fff])[（(]([\u4e00-\u9fff]{1,2})[）)](?=[\u4e00-\u9fff])")
_EDGE_PUNCT = "，,、；;：:。！？!?\"' \t—-" + "".join(map(chr, range(0x2460, 0x2474)))  # and ①–⑳
_PAIRS = (("“", "”"), ("‘", "’"), ("《", "》"), ("（", "）"), ("(", ")"), ("「", "」"), ("【", "】"))
_OPENERS = {a: b for a, b in _PAIRS}
_CLOSERS = {b: a for a, b in _PAIRS}
_MAX_LABEL = 28
# what separates the items of a list in a label
_ITEM_SEPARATORS = "、，,；;"


def is_verb_only(text: str) -> bool:
    """Whether ``words`` name nothing: empty, or only connective verbs and hedges.

    >>> is_verb_only("分别增长"), is_verb_only("达到"), is_verb_only("粮食产量")
    (True, True, False)
    """
    return not text or bool(_patterns()[2].match(text))


def _balance(label: str) -> str:
    """Drop quote and bracket characters that have no partner inside ``label``."""
    keep = [True] * len(label)
    stack: list[int] = []
    for i, ch in enumerate(label):
        if ch in _OPENERS and not (ch == _OPENERS[ch] and stack and label[stack[-1]] == ch):
            stack.append(i)
        elif ch in _CLOSERS:
            if stack and label[stack[-1]] == _CLOSERS[ch]:
                stack.pop()
            else:
                keep[i] = False
    for i in stack:
        keep[i] = False
    return "".join(ch for ch, k in zip(label, keep, strict=True) if k)


def clean_label(raw: str, *, whole: bool = False) -> str:
    """The words of a clause around a number, trimmed to what they name.

    Connectives, hedges and number-introducing verbs go from both ends; an unpaired quote or
    bracket goes; a label longer than 28 characters keeps its end (the head noun), from the start of
    a list item (``whole=True`` keeps it all: a list of subjects to split).

    >>> clean_label("力争粮食产量稳定在"), clean_label("分别增长"), clean_label("瞪羚”企业")
    ('粮食产量', '', '瞪羚企业')
    >>> clean_label("⑤城乡低保标准"), clean_label("附件1\\n2025年省十件民生实事")
    ('城乡低保标准', '2025年省十件民生实事')
    """
    lead, trail, _ = _patterns()
    previous = None
    text = _INFIX.sub(r"\1", raw.rsplit("\n", 1)[-1])  # a label never reaches back over a line break
    while text != previous:
        previous = text
        text = text.strip(_EDGE_PUNCT).removeprefix("的")
        text = lead.sub("", text)
        text = trail.sub("", text)
        text = _balance(text)
    if len(text) > _MAX_LABEL and not whole:
        text = _balance(_whole_items(text)).strip(_EDGE_PUNCT)
    return text


def _whole_items(text: str) -> str:
    """The last :data:`_MAX_LABEL` characters of a long label, from the start of a list item rather than
    from inside a word (健康管理、康复护理… cut there reads 理、康复护理…): widened to the start of the
    item they cut into, or else narrowed to the next one, by at most half as many characters.

    >>> _whole_items("老年人健康管理、康复护理服务及指导、心理支持和能力综合评估等上门服务")
    '老年人健康管理、康复护理服务及指导、心理支持和能力综合评估等上门服务'
    >>> _whole_items("65岁及以上失能老年人免费提供健康管理、康复护理服务及指导、心理支持和能力综合评估等服务")
    '康复护理服务及指导、心理支持和能力综合评估等服务'
    """
    cut, reach = len(text) - _MAX_LABEL, _MAX_LABEL // 2
    if text[cut - 1] in _ITEM_SEPARATORS:
        return text[cut:]
    item = max(text.rfind(sep, 0, cut) for sep in _ITEM_SEPARATORS) + 1
    if cut - item <= reach:
        return text[item:]
    after = min((k for sep in _ITEM_SEPARATORS if (k := text.find(sep, cut, cut + reach)) >= 0), default=-1)
    return text[after + 1 :] if after >= 0 else text[cut:]


# --- canonical ids ---------------------------------------------------------------------------------

_SCOPE = _regex.compile(r"^(?:全省|全市|全区|全县|全州|全国|我省|我市|我区|本市|全年|实现|完成|全体)+")
_NOISE = _regex.compile(r"[“”\"‘’《》「」\s]|[（(][^）)]*[）)]")


def normalise_label(label: str) -> str:
    """A label with quotes, brackets and scope words removed and synonyms folded.

    >>> normalise_label("全省（GDP）生产总值")
    '地区生产总值'
    >>> normalise_label("Ⅰ—Ⅲ类水质比例") == normalise_label("I—III类水质比例")
    True
    """
    text = _NOISE.sub("", unicodedata.normalize("NFKC", label))  # Ⅲ = III, full-width Ａ = A
    for a, b in SYNONYMS:
        text = text.replace(a, b)
    return _SCOPE.sub("", text)


@dataclass(frozen=True)
class Canonical:
    """One common indicator.

    Attributes:
        id: the stable id (``gdp_growth``).
        english: an English gloss (GDP growth).
        chinese: how reports usually name it (地区生产总值增速).
        measure: ``rate`` (a change: 增长/下降 N%), ``level`` (a value) or ``any``.
        units: the unit families (:func:`reportdiff.quantities.unit_kind`) it may be measured in.
        pattern: the regular expression a normalised label must match in full.
    """

    id: str
    english: str
    chinese: str
    measure: str
    units: frozenset[str]
    pattern: re.Pattern[str]


@lru_cache(maxsize=1)
def canonical_table() -> tuple[Canonical, ...]:
    """The canonical indicators, in table order (the first match wins)."""
    rows = []
    text = data_text("canonical_indicators.tsv")
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cid, english, chinese, measure, units, pattern = line.split("\t")
        rows.append(
            Canonical(cid, english, chinese, measure, frozenset(units.split(",")), _regex.compile(pattern))
        )
    return tuple(rows)


_RATE_UNITS = frozenset({"percent", "points"})


@lru_cache(maxsize=8192)
def canonical_id(label: str, kind: str, *, rate: bool) -> str | None:
    """The canonical id of an indicator label, given its unit family and whether it is a rate.

    A rate (增长 N%) only takes a ``rate`` or ``any`` entry, a level only ``level`` or ``any``; a
    level in % (城镇化率 65%) is a level. Returns None when no entry matches the whole label.
    """
    text = normalise_label(label)
    if not text:
        return None
    for c in canonical_table():
        if c.measure == "rate" and not (rate and kind in _RATE_UNITS):
            continue
        if c.measure == "level" and rate:
            continue
        if kind not in c.units:
            continue
        if c.pattern.fullmatch(text):
            return c.id
    return None


def gloss(cid: str | None) -> str:
    """The English gloss of a canonical id ('' for None or an unknown id).

    >>> gloss("cpi")
    'Consumer prices (CPI)'
    """
    return next((c.english for c in canonical_table() if c.id == cid), "")
