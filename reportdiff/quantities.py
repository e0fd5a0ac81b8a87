"""Stage 3: quantity expressions (数量表达) in Chinese report text.

A quantity is a number with its magnitude words (万 亿 千 百 …), unit, bounding qualifier (以上 左右 近 …)
and, for rates of change, a direction (增长/下降).  :func:`extract_quantities` finds every quantity of a
string in one left-to-right pass; it runs before word segmentation, so each quantity is one span.

The grammar, in the order the scanner reads it::

    [direction verb] [prefix qualifier] [第] NUMBER [多|余] [MAGNITUDE] [多|余] [UNIT[/DENOMINATOR]]
        [RANGE-SEPARATOR NUMBER … UNIT] [suffix qualifier]

NUMBER is Arabic (``1.2``) or Chinese (``两百``, ``一千二百``, ``千万``).  A candidate is dropped when it is
a year or date, part of a name (``5G``, ``PM2.5``, ``G225``), an ordinal (``第五次``), a label (``万吨级``),
inside a short quotation or a 《title》, or a bare number with neither unit nor 万/亿 magnitude.
See ``docs/quantities.md`` for the rules with examples.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum
from typing import Any, NamedTuple

from . import _regex
from .errors import ArgumentTypeError, type_name

__all__ = [
    "Direction",
    "Qualifier",
    "Quantity",
    "extract_quantities",
    "is_rank",
    "parse_chinese_numeral",
    "precise",
    "unit_kind",
]


class Qualifier(str, Enum):
    """How the stated number bounds the real one."""

    AT_LEAST = "at_least"  # 以上 不少于 不低于 至少 及以上
    MORE_THAN = "more_than"  # 超 超过 多 余 突破
    ABOUT = "about"  # 左右 约 大约
    NEARLY = "nearly"  # 近 接近 将近
    AT_MOST = "at_most"  # 以内 以下 不超过 控制在…以内
    LESS_THAN = "less_than"  # 不到 不足
    RANGE = "range"  # 5%—5.5%


class Direction(str, Enum):
    """Sign of a rate of change: 增长/提高 (up) or 下降/减少 (down)."""

    UP = "up"
    DOWN = "down"


@dataclass(frozen=True)
class Quantity:
    """One number with its unit, as written in the text.

    Attributes:
        text: the verbatim span, ``text[start:end]`` of the string searched.
        start: offset of the first character of the span.
        end: offset one past the last character.
        value: the unsigned value with magnitude words applied (1.2万 → 12000); a range's midpoint.
        low: lower bound of a range, else ``value``.
        high: upper bound of a range, else ``value``.
        unit: the base unit after removing magnitude words (亩, 元, %, 百分点, 千瓦, 元/人 …), '' if none.
        qualifier: how the number bounds the real value, or None when exact.
        direction: for rates, up (增长) or down (下降), else None.
    """

    text: str
    start: int
    end: int
    value: float
    low: float
    high: float
    unit: str
    qualifier: Qualifier | None = None
    direction: Direction | None = None

    @property
    def kind(self) -> str:
        """The unit family, ``unit_kind(self.unit)``: two quantities can only measure one indicator alike."""
        return unit_kind(self.unit)

    def to_dict(self) -> dict[str, Any]:
        """Plain-JSON form (the ``quantity`` object of the JSON contracts)."""
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "value": self.value,
            "unit": self.unit,
            "qualifier": self.qualifier.value if self.qualifier else None,
            "low": self.low,
            "high": self.high,
            "direction": self.direction.value if self.direction else None,
        }


# --------------------------------------------------------------------------------------------------------
# Units and their families
# --------------------------------------------------------------------------------------------------------

_FAMILIES: dict[str, tuple[str, ...]] = {
    "percent": ("%",),
    "points": ("百分点",),
    "money": ("元", "美元", "欧元", "港元", "日元", "英镑"),
    "area": ("亩", "平方米", "平方公里", "平方千米", "公顷", "平米"),
    "length": ("公里", "千米", "米", "延米", "厘米", "毫米", "微米", "纳米", "英寸", "km"),
    "mass": ("吨", "斤", "公斤", "千克", "克", "毫克"),
    "volume": ("立方米", "立方", "方", "升", "千升", "毫升"),
    "power": ("千瓦", "瓦", "兆瓦", "吉瓦", "千伏安", "kW", "MW", "GW"),
    "energy": ("千瓦时", "度", "兆瓦时", "吉瓦时", "吨标准煤", "吨标煤", "kWh", "MWh", "GWh"),
    "people": ("人", "名", "人次"),
    "households": ("户", "户次"),
    "count": (
        "个",
        "家",
        "座",
        "处",
        "所",
        "条",
        "项",
        "套",
        "栋",
        "幢",
        "间",
        "张",
        "台",
        "台套",
        "辆",
        "件",
        "批",
        "次",
        "场",
        "列",
        "艘",
        "架",
        "架次",
        "部",
        "组",
        "只",
        "头",
        "羽",
        "株",
        "棵",
        "块",
        "根",
        "支",
        "册",
        "份",
        "起",
        "对",
        "枚",
        "宗",
        "笔",
        "款",
        "种",
        "类",
        "篇",
        "段",
        "口",
        "盏",
        "车次",
        "班次",
        "批次",
        "场次",
        "件次",
        "方面",
        "大类",
        "乡",
        "镇",
    ),
    "time": ("年", "个月", "周", "天", "小时", "分钟", "秒", "工作日", "个工作日", "周年", "个季度"),
    "age": ("岁", "周岁"),
    "rank": ("位",),
    "multiple": ("倍", "番"),
}
_KIND_OF_UNIT = {unit: kind for kind, units in _FAMILIES.items() for unit in units}
_MONEY = frozenset(_FAMILIES["money"])
_TIME = frozenset(_FAMILIES["time"])
# Recognised units of no family (unit_kind gives "other:<unit>").
_OTHER_UNITS = (
    "千分点",
    "‰",
    "成",
    "基点",
    "亩次",
    "蒸吨",
    "千伏",
    "kV",
    "分",
    "标箱",
    "标准箱",
    "TEU",
    "微克",
    "分贝",
    "摄氏度",
    "℃",
    "P",
    "PF",
    "EFlops",
    "Eflops",
    "EFLOPS",
    "PFlops",
)
# Spellings folded into one unit: the measure word 个 before 百分点 is dropped.
_UNIT_ALIASES = {"个百分点": "百分点", "个千分点": "千分点", "个基点": "基点", "标准箱": "标箱"}
# These need an Arabic number: 十分 (very), 三方 (three parties), 一度 (once), 三镇 (a name) are words.
_ARABIC_ONLY_UNITS = frozenset({"分", "方", "度", "乡", "镇"})
_ALL_UNITS = sorted({*_KIND_OF_UNIT, *_OTHER_UNITS, *_UNIT_ALIASES}, key=lambda u: (-len(u), u))
_UNIT_ALT = "|".join(map(re.escape, _ALL_UNITS))


def is_rank(q: Any) -> bool:
    """Whether ``q`` (anything with a ``text``) is a place in a ranking (第7位, 居全国第六): a smaller
    number is a better place.

    >>> [is_rank(q) for q in extract_quantities("居全国第7位，增长5%")]
    [True, False]
    """
    return str(q.text).startswith("第")


def unit_kind(unit: str) -> str:
    """The coarse family of a unit, to decide whether two quantities can measure the same indicator.

    ========== ===================================================================================
    family     units
    ========== ===================================================================================
    percent    ``%``
    points     ``百分点``
    money      ``元 美元 欧元 港元 日元 英镑``
    money_rate a money unit per something: ``元/人 元/月 元/吨``
    area       ``亩 平方米 平方公里 平方千米 公顷 平米``
    length     ``公里 千米 米 延米 厘米 毫米 微米 纳米 英寸 km``
    mass       ``吨 斤 公斤 千克 克 毫克``
    volume     ``立方米 立方 方 升 千升 毫升``
    power      ``千瓦 瓦 兆瓦 吉瓦 千伏安 kW MW GW``
    energy     ``千瓦时 度 兆瓦时 吉瓦时 吨标准煤 吨标煤 kWh MWh GWh``
    people     ``人 名 人次`` (visits are counted with people: 游客1.2亿人次 ~ 1.2亿人)
    households ``户 户次`` (a household is not a person, so its own family)
    count      generic measure words: ``个 家 座 处 所 条 项 套 栋 间 张 台 辆 件 批 次 场 列 艘 架次 …``
    time       ``年 个月 周 天 小时 分钟 秒 工作日 周年 个季度``
    age        ``岁 周岁``
    rank       ``位`` (第五位; 位 counting people, 93位院士, is rarer in reports)
    multiple   ``倍 番``
    ''         no unit (近千万家庭)
    other:<u>  anything else, e.g. ``other:千伏``, ``other:管/日``, ``other:微克/立方米``
    ========== ===================================================================================

    >>> unit_kind("亩"), unit_kind("元/人"), unit_kind("百分点"), unit_kind("管/日"), unit_kind("")
    ('area', 'money_rate', 'points', 'other:管/日', '')
    """
    if not unit:
        return ""
    base, slash, _ = unit.partition("/")
    if slash:
        return "money_rate" if base in _MONEY else f"other:{unit}"
    return _KIND_OF_UNIT.get(unit, f"other:{unit}")


# --------------------------------------------------------------------------------------------------------
# Numbers
# --------------------------------------------------------------------------------------------------------

_CN_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_CN_SMALL = {"十": 10, "百": 100, "千": 1000}
_MAGNITUDE = {"十": 10.0, "百": 100.0, "千": 1e3, "万": 1e4, "亿": 1e8}
# 两三 三四 三五 七八 …: two adjacent digits give an approximate range.
_CN_PAIRS = frozenset({"一两", "两三", "三四", "三五", "四五", "五六", "六七", "七八", "八九"})


def parse_chinese_numeral(s: str) -> float | None:
    """The value of a Chinese numeral, or None when ``s`` is not a well-formed one.

    Digit-by-digit strings (二〇二六, 十四五) and a leading lone 万/亿 are not numerals.

    >>> parse_chinese_numeral("一千二百"), parse_chinese_numeral("两百万"), parse_chinese_numeral("千万")
    (1200.0, 2000000.0, 10000000.0)
    >>> parse_chinese_numeral("十四五") is None, parse_chinese_numeral("二〇二六") is None
    (True, True)
    """
    if not s or s[0] == "亿" or (s[0] == "万" and not s.startswith("万亿")):
        return None
    high = mid = section = 0.0  # completed 亿 groups, the 万 group, the current group below 万
    digit = 0
    last_small = 10_000  # 十/百/千 must come in decreasing order within a group
    prev = ""
    for ch in s:
        if ch in _CN_DIGITS:
            if prev == "digit":
                return None
            digit, prev = _CN_DIGITS[ch], ("digit" if _CN_DIGITS[ch] else "zero")
        elif ch in _CN_SMALL:
            unit = _CN_SMALL[ch]
            if unit >= last_small:
                return None
            section += (digit or (0 if prev == "zero" else 1)) * unit
            digit, last_small, prev = 0, unit, "unit"
        elif ch == "万":
            if mid:
                return None
            mid = ((section + digit) or 1) * 1e4
            section, digit, last_small, prev = 0.0, 0, 10_000, "unit"
        elif ch == "亿":
            if high:
                return None
            high = ((mid + section + digit) or 1) * 1e8
            mid = section = 0.0
            digit, last_small, prev = 0, 10_000, "unit"
        else:
            return None
    return float(high + mid + section + digit)


# --------------------------------------------------------------------------------------------------------
# Compiled patterns
# --------------------------------------------------------------------------------------------------------

# Full-width ASCII (０-９ ％ ． － ～ ／ Ａ-ｚ …) and other dashes/tildes, mapped one character to one
# character, so offsets into the normalised copy are offsets into the caller's text.
_HALF_WIDTH = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)} | {
    0x3000: 0x20,
    0x301C: ord("~"),
    0x2013: ord("—"),
    0x2015: ord("—"),
    0x2010: ord("-"),
    0x2011: ord("-"),
}

# Spans whose numbers are names, not quantities: 《titles》, short quotations (“两个维护”, “1+3”, “十四五”)
# and fixed phrases (千家万户, 中央八项规定, 百年变局).  They are blanked out before the scan.
_MASK_RE = _regex.compile(
    r"《[^《》\n]{0,80}》"
    r"|“[^“”\n]{1,20}”|‘[^‘’\n]{1,20}’|「[^「」\n]{1,20}」|『[^『』\n]{1,20}』|\"[^\"\n]{1,20}\""
    r"|(?<![0-9零〇二两三四五六七八九十])一?[百千]年"
    r"|环顾四周|千家万户|百家争鸣|千头万绪|千方百计|千军万马|四面八方|八项规定|铁人三项|三百六十行"
    r"|两个维护|两个确立|两个毫不动摇|四个意识|四个自信|四个全面|五位一体|一老一小|三大攻坚战|十百千万"
)

# A number: Arabic (1.2) or a run of Chinese numeral characters (两百, 千万, 二〇二六 — parsed later).
_NUM_RE = _regex.compile(r"(?P<ar>[0-9]+(?:\.[0-9]+)?)|(?P<cn>[零〇一二两三四五六七八九十百千万亿]+)")
# Magnitude words after a number: 万 亿 万亿 千万 百亿 … and 千/百 after digits (2千亿).
_MAG_RE = _regex.compile(r"万亿|[十百千]?[万亿]|[千百]")
# A unit, optionally a rate (元/人, 微克/立方米, 管/日: any one or two characters before the slash;
# 35微克每立方米 is read as 微克/立方米).
_UNIT_RE = _regex.compile(
    rf"(?:(?:(?P<rnum>{_UNIT_ALT})[/每]|(?P<gnum>(?![十百千万亿])[\u4e00-\u9fff]{{1,2}}?)/)(?P<den>[十百千万]*?(?:{_UNIT_ALT}|日|月|时|季度)"
    rf"(?:·[年月日天])?))|(?P<unit>{_UNIT_ALT})"
)
# Words that begin with a unit character but are not units: 近千万家庭, 万亿台阶, 十部门, 两位数.
_NOT_UNIT_WORDS = """
    家庭 家园 家乡 家长 家电 家政 家居 家具 家风 家门 家属 家族 人民 人文 人工 人力 人居 人社 人大 人物 人类
    人事 人身 人心 人气 人防 人造 户籍 户口 户外 户型 台阶 台湾 台州 台风 台账 场景 场所 场馆 场地 场站 场域
    部门 部署 部分 部件 部位 部队 部委 条件 条例 条款 条约 条线 处理 处置 处于 处室 处级 所有 所得 所在 所属
    所谓 支持 支撑 支付 支出 支援 支队 支部 支柱 支行 口岸 口径 口号 口罩 口碑 起点 起步 起来 起草 起跑 起航
    只有 只是 只要 只能 种植 种业 种子 种养 种粮 种源 种质 类似 类型 根本 根据 根源 宗教 宗旨 组织 组建 组成
    组团 组合 头部 头雁 头号 份额 段落 张家口 张家界 张家港 张掖 批准 批发 批复 批示 列入 列为 列车 列出
    列举 架构 架设 座谈 座位 年代 年级 年轻 年龄 天然 天气 天津 天空 天府 天山 天河 天宫 天问 天眼 天下 周边
    周期 周转 周围 周密 米粮 米面 克服 克难 升级 升值 升高 升格 升学 升为 升至 升到 度假 度过 方案 方式
    方向 方法 方针 方位 方略 方舱 方言 方阵 分之 分类 分别 分析 分布 分级 分行 分配 分享 分期 位于 位居 位列
    位置 位次 位数 名单 名称 名录 名列 名牌 名片 元素 元宇宙 元旦 元年 元宵 款项 间隔 对接 对外 对象 对标
    对口 对于 对话 对冲 对比 对策 对应 对照 对齐 对台 成为 成果 成效 成本 成立 成功 成熟 成交 成员 成绩 成长
    成型 成片 成网 成链 成群 成势 成都 成渝 成就
"""
_NOT_UNIT_RE = _regex.compile("|".join([*_NOT_UNIT_WORDS.split(), r"所以(?![上下内])"]))  # 200所以上 is 200所
_APPROX = "多余"  # 9400多间, 50余万场: more than
# 多 after a time unit (两年多) unless it starts a word (3年多措并举).
_TIME_MORE_RE = _regex.compile(r"[多余](?![措元样种方点重维层极部领功式彩项个家次渠边地跨主])")
_TIME_WITHIN_RE = _regex.compile(r"内(?![容涵部需外生陆河地蒙江在核循控资销贸])")
# A range separator between two numbers: 5%—5.5%, 3-5分, 5%至6%, 两到三家.
_SEP_RE = _regex.compile(r"[—\-~]{1,2}|至|到")
# Qualifiers after the quantity.  上下 is "about" only when it is not 上下游/上下联动 ….
_SUFFIX_RE = _regex.compile(
    r"及以上|以上|之上|及以下|以下|以内|之内|左右|有余|上下(?![游联贯一同齐协功级班])"
)
_SUFFIX_QUALIFIER = {
    "及以上": Qualifier.AT_LEAST,
    "以上": Qualifier.AT_LEAST,
    "之上": Qualifier.AT_LEAST,
    "及以下": Qualifier.AT_MOST,
    "以下": Qualifier.AT_MOST,
    "以内": Qualifier.AT_MOST,
    "之内": Qualifier.AT_MOST,
    "左右": Qualifier.ABOUT,
    "上下": Qualifier.ABOUT,
    "有余": Qualifier.MORE_THAN,
}
# Qualifiers before the number, longest spelling first.
_PREFIX_QUALIFIER = {
    "不超过": Qualifier.AT_MOST,
    "不高于": Qualifier.AT_MOST,
    "不多于": Qualifier.AT_MOST,
    "不大于": Qualifier.AT_MOST,
    "控制在": Qualifier.AT_MOST,
    "最多": Qualifier.AT_MOST,
    "至多": Qualifier.AT_MOST,
    "不少于": Qualifier.AT_LEAST,
    "不低于": Qualifier.AT_LEAST,
    "不小于": Qualifier.AT_LEAST,
    "至少": Qualifier.AT_LEAST,
    "最少": Qualifier.AT_LEAST,
    "超过": Qualifier.MORE_THAN,
    "超出": Qualifier.MORE_THAN,
    "突破": Qualifier.MORE_THAN,
    "多于": Qualifier.MORE_THAN,
    "高于": Qualifier.MORE_THAN,
    "大于": Qualifier.MORE_THAN,
    "超": Qualifier.MORE_THAN,
    "逾": Qualifier.MORE_THAN,
    "大约": Qualifier.ABOUT,
    "约为": Qualifier.ABOUT,
    "大概": Qualifier.ABOUT,
    "约": Qualifier.ABOUT,
    "接近": Qualifier.NEARLY,
    "将近": Qualifier.NEARLY,
    "逼近": Qualifier.NEARLY,
    "近": Qualifier.NEARLY,
    "不到": Qualifier.LESS_THAN,
    "不足": Qualifier.LESS_THAN,
    "不满": Qualifier.LESS_THAN,
    "少于": Qualifier.LESS_THAN,
    "低于": Qualifier.LESS_THAN,
    "小于": Qualifier.LESS_THAN,
}
# 近/约/超 are no qualifiers in 最近 附近, 节约 签约 制约 …, 赶超.
_NOT_QUALIFIER_BEFORE = {"近": "最附靠邻就亲临贴", "约": "节签制集契违履预公合条规简特相邀誓", "超": "赶"}
_UP = ("增长", "增加", "提高", "提升", "上升", "上涨", "增多", "扩大", "攀升")
_DOWN = ("下降", "减少", "降低", "减排", "下调", "下跌", "缩小", "缩减", "压减", "压降", "削减", "回落")
_DIRECTION = dict.fromkeys(_UP, Direction.UP) | dict.fromkeys(_DOWN, Direction.DOWN)
# What precedes the number: a direction verb that governs it (增长, 增长了), then a qualifier (超过).
# 至少/不少于 before a short verb phrase still bound the number that follows (至少办好1所优质初中).
_FAR_FLOOR_RE = _regex.compile(r"(?:至少|不少于)[\u4e00-\u9fff]{1,3}\Z")
_PREFIX_RE = _regex.compile(
    "(?:(?P<dir>" + "|".join(_DIRECTION) + ")了?)?(?P<qual>" + "|".join(_PREFIX_QUALIFIER) + r")?\Z"
)
# A 第N without 位/名 is a ranking after 居/列/排名 … and before a clause end (居全国第六，).
_RANKING_RE = _regex.compile(r"(?:居|列|排名|排|跃升至|升至|进至|保持|稳居)[^，,。；;]{0,5}\Z")
_CLAUSE_END = frozenset("，,。；;、）)和$")
# 作为第一位, 放在第一位: "top priority", not a ranking.
_PRIORITY_RE = _regex.compile(r"(?:作为|放在|摆在|置于|摆到|放到|列为|摆上|当作|视为|是)\Z")
# A duration that names a programme (三年行动, 五年规划, 十年禁渔, 九年义务教育) and a session ordinal
# (十一届九次全会, 人大二次会议, 三次产业) are names, not quantities.
_PROGRAMME_RE = _regex.compile("行动|计划|规划|攻坚|方案|禁渔|义务|一贯制")
_SESSION_RE = _regex.compile("(?:[、和][一二三四五六七八九十]+次)*(?:全会|全委|会议|党代会|代表大会|产业)")
_LIST_SEP = "、和及与或"


def precise(x: float) -> float:
    """``x`` without binary floating-point noise: 12 significant digits, more than a report prints.

    >>> 4.27 * 1e12, precise(4.27 * 1e12)
    (4269999999999.9995, 4270000000000.0)
    """
    return float(f"{x:.12g}")


class _Tail(NamedTuple):
    """What follows a number: its multiplier, unit and where it ends."""

    mult: float  # the magnitude (万 → 1e4), 1 when none
    unit: str  # canonical unit, '' when none
    more: bool  # 多/余 seen (more_than)
    has_mag: bool
    end: int  # end of the unit (or of the number/magnitude when there is no unit)


def _unit_at(s: str, pos: int, arabic: bool) -> tuple[str, int] | None:
    """The canonical unit starting at ``pos`` and its end, or None."""
    m = _UNIT_RE.match(s, pos)
    if m is None or _NOT_UNIT_RE.match(s, pos):
        return None
    if m.group("unit"):
        unit = _UNIT_ALIASES.get(m.group("unit"), m.group("unit"))
        if unit in _ARABIC_ONLY_UNITS and not arabic:
            return None
    else:
        numerator = m.group("rnum") or m.group("gnum")
        if numerator in _TIME and m.group("den") in _TIME:
            return numerator, m.start("den") - 1  # 4年每年新增: a span of years, then 每年
        unit = f"{_UNIT_ALIASES.get(numerator, numerator)}/{m.group('den')}"
    if (
        unit[-1].isascii()
        and unit[-1].isalpha()
        and m.end() < len(s)
        and s[m.end()].isascii()
        and s[m.end()].isalpha()
    ):
        return None  # 5GW is a unit, 5Gbps is not ours
    return unit, m.end()


def _read_tail(s: str, pos: int, arabic: bool) -> _Tail:
    """Read ``[多|余] [MAGNITUDE] [多|余] [UNIT]`` after a number ending at ``pos``."""
    more = has_mag = False
    mult = 1.0
    found = _unit_at(s, pos, arabic)  # a unit spelt with a magnitude character wins: 5千瓦, 3百分点
    if found is None:
        if pos < len(s) and s[pos] in _APPROX:
            more, pos = True, pos + 1
        m = _MAG_RE.match(s, pos)
        if m and _unit_at(s, pos, arabic) is None:
            for ch in m.group():
                mult *= _MAGNITUDE[ch]
            has_mag, pos = True, m.end()
        if not more and pos < len(s) and s[pos] in _APPROX:
            more, pos = True, pos + 1
        found = _unit_at(s, pos, arabic)
    if found is None:
        return _Tail(mult, "", more, has_mag, pos)
    return _Tail(mult, found[0], more, has_mag, found[1])


class _Num(NamedTuple):
    """A number token: its value(s) and whether it is a plain Arabic one."""

    low: float
    high: float
    end: int
    arabic: bool
    has_digit: bool  # Chinese: holds a digit 一…九 (两百万), not only magnitude characters (千万)
    lone_one: bool  # the Chinese numeral 一 alone (一批, 一个: an article, not a count)
    lone_mag: bool = False  # 万 or 亿 alone (万元生产总值 is "per 10⁴ yuan", 亿元以上项目 a threshold)


def _read_number(s: str, m: re.Match[str]) -> _Num | None:
    """The number matched by ``_NUM_RE`` at ``m``, or None when it is no numeral (十四五, 二〇二六, 零)."""
    if m.group("ar"):
        value = float(m.group("ar"))
        return _Num(value, value, m.end(), True, True, False) if value < 1e300 else None
    run, end = m.group("cn"), m.end()
    if run in ("万", "亿"):  # 亿元以上项目: a lone magnitude, a number only with a qualifier (checked later)
        return _Num(_MAGNITUDE[run], _MAGNITUDE[run], end, False, False, False, True)
    if len(run) > 1 and run[-1] in "千百" and _unit_at(s, end - 1, False):
        run, end = run[:-1], end - 1  # 五十万千瓦: the 千 belongs to the unit
    if run in _CN_PAIRS:
        return _Num(float(_CN_DIGITS[run[0]]), float(_CN_DIGITS[run[1]]), end, False, True, False)
    parsed = parse_chinese_numeral(run)
    if not parsed:  # malformed, or 零 (零碳, 零部件)
        return None
    return _Num(parsed, parsed, end, False, any(c in _CN_DIGITS for c in run), run == "一")


def _is_ascii_letter(ch: str) -> bool:
    return ch.isascii() and ch.isalpha()


def _is_year(s: str, num: _Num) -> bool:
    """An Arabic 1900–2100 directly followed by 年 (2025年, 2025年度) is a year, not a duration."""
    return (
        num.arabic and num.low.is_integer() and 1900 <= num.low <= 2100 and s[num.end : num.end + 1] == "年"
    )


_REJECTED = 0  # no quantity here
_BARE = 1  # no quantity: a plain number without unit or magnitude (it may be a 、-list item: 分别为3、5家)


def _prepare(text: str) -> str:
    """A copy of ``text`` of the same length: half-width, with names and short quotations blanked."""
    s = text.translate(_HALF_WIDTH)
    return _MASK_RE.sub(lambda m: "□" * len(m.group()), s)


# Quantities written without a number (gold README, "Quantity conventions"): doubling (翻番 = 增长1倍,
# 翻两番 = 3倍), a magnitude standing alone as a level (迈上万亿新台阶 = 1e12), full coverage (全覆盖 =
# 100%) and clearing to zero (清零 = 0).
_WORD_QUANTITY_RE = _regex.compile(
    r"翻(?:了)?(?P<times>[一两二三四])?番"
    r"|(?<=[迈跨登越突跃进入上过])(?:上|入|过|破|越|升至|上了)?(?:一个)?(?P<mag>万亿|千亿|百亿|亿|万)(?:元|斤|吨)?级?(?:新)?(?:台阶|大关)"
    r"|(?<![健完安齐])(?P<cover>全覆盖|全部覆盖)"
    r"|(?P<zero>(?:动态|全部|基本|全面)?清零)"
)
_DOUBLINGS = {None: 1.0, "一": 1.0, "两": 3.0, "二": 3.0, "三": 7.0, "四": 15.0}
_MAG_WORDS = {"万亿": 1e12, "千亿": 1e11, "百亿": 1e10, "亿": 1e8, "万": 1e4}


def _word_quantities(text: str, s: str, taken: list[Quantity]) -> list[Quantity]:
    """The quantities of :data:`_WORD_QUANTITY_RE` that overlap no number already found."""
    out: list[Quantity] = []
    for m in _WORD_QUANTITY_RE.finditer(s):
        if any(q.start < m.end() and m.start() < q.end for q in taken):
            continue
        a, b = m.span()
        if m.group("mag"):
            value, unit, direction = _MAG_WORDS[m.group("mag")], "", None
            a = m.start("mag")
        elif m.group("cover"):
            value, unit, direction = 100.0, "%", None
        elif m.group("zero"):
            value, unit, direction = 0.0, "", None
            a = m.end() - 2
        else:
            value, unit, direction = _DOUBLINGS[m.group("times")], "倍", Direction.UP
        out.append(Quantity(text[a:b], a, b, value, value, value, unit, None, direction))
    return out


def extract_quantities(text: str) -> list[Quantity]:
    """Every quantity in ``text``, in order of position.

    ``text`` is normally already normalised by ingestion, but full-width digits, ％ and dashes are accepted.

    >>> [(q.value, q.unit) for q in extract_quantities("新建高标准农田1.2万亩")]
    [(12000.0, '亩')]
    >>> q, = extract_quantities("地区生产总值增长5%—5.5%")
    >>> q.text, q.value, q.low, q.high, q.qualifier.value, q.direction.value
    ('5%—5.5%', 5.25, 5.0, 5.5, 'range', 'up')
    >>> [(q.text, q.value, q.unit, q.qualifier.value) for q in extract_quantities("惠及近千万家庭，两年多")]
    [('近千万', 10000000.0, '', 'nearly'), ('两年多', 2.0, '年', 'more_than')]
    >>> [(q.value, q.unit) for q in extract_quantities("总投资10亿元以上项目50个，居全国第五位")]
    [(1000000000.0, '元'), (50.0, '个'), (5.0, '位')]
    >>> extract_quantities("2025年1月16日，坚决做到“两个维护”，推进5G规模化应用")
    []
    """
    if not isinstance(text, str):
        raise ArgumentTypeError(
            f"text must be a str, not {type_name(text)}", "pass report text, e.g. report.text"
        )
    s = _prepare(text)
    out: list[Quantity] = []
    pending: list[tuple[int, int, float]] = []  # bare Arabic numbers of a 、-list: 分别为3、5家
    pos = 0
    for m in _NUM_RE.finditer(s):
        if m.start() < pos:
            continue
        found = _quantity_at(text, s, m)
        if isinstance(found, int):  # rejected; a bare Arabic number may take the unit of the next item
            if found == _BARE and m.group("ar") and m.end() < len(s) and s[m.end()] in _LIST_SEP:
                if not (pending and pending[-1][1] + 1 == m.start()):
                    pending = []
                pending.append((m.start(), m.end(), float(m.group("ar"))))
            else:
                pending = []
            pos = m.end()
            continue
        q, mult, number_start = found
        if pending and pending[-1][1] + 1 == number_start == q.start and q.qualifier is not Qualifier.RANGE:
            for a, b, v in pending:
                x = precise(v * mult)
                out.append(Quantity(text[a:b], a, b, x, x, x, q.unit, None, q.direction))
        pending = []
        prev = out[-1] if out else None
        if (
            q.direction is None
            and prev is not None
            and prev.direction is not None
            and prev.unit == q.unit
            and prev.end + 1 == q.start
            and s[prev.end] in _LIST_SEP
        ):
            q = Quantity(q.text, q.start, q.end, q.value, q.low, q.high, q.unit, q.qualifier, prev.direction)
        out.append(q)
        pos = q.end
    if _WORD_QUANTITY_RE.search(s):
        out = sorted([*out, *_word_quantities(text, s, out)], key=lambda q: q.start)
    return out


@dataclass
class _Draft:
    """A quantity being read: its bounds, unit and span, refined clause by clause."""

    low: float
    high: float
    unit: str
    more: bool
    mult: float
    end: int
    ranged: bool
    span_start: int
    qualifier: Qualifier | None = None
    direction: Direction | None = None
    rank: bool = False  # 第11位: the span starts at 第


def _quantity_at(text: str, s: str, m: re.Match[str]) -> tuple[Quantity, float, int] | int:
    """The quantity whose number ``_NUM_RE`` matched at ``m``, with its multiplier and number start.

    Returns ``_BARE`` or ``_REJECTED`` (ints) when there is none.
    """
    start = m.start()
    num = _read_number(s, m)
    if num is None or _is_identifier(s, num, start):
        return _REJECTED
    tail = _read_tail(s, num.end, num.arabic)
    after = s[num.end] if num.end < len(s) else "$"
    if (num.arabic and not tail.unit and not tail.has_mag and _is_ascii_letter(after)) or _is_year(s, num):
        return _REJECTED  # 5G, 4A级; a year
    d = _Draft(
        num.low * tail.mult, num.high * tail.mult, tail.unit, tail.more, tail.mult, tail.end,
        num.low != num.high, start,
    )  # fmt: skip
    if not _read_range(s, num, tail, d) or not _read_rank(s, start, d):
        return _REJECTED
    rejected = _rejected_kind(s, num, tail, d)
    if rejected is not None:
        return rejected
    if not _qualify(s, num, d):
        return _REJECTED
    if d.unit == "成":  # 七成 = 70%
        d.low, d.high, d.unit = d.low * 10, d.high * 10, "%"
    low, high = precise(d.low), precise(d.high)
    value = precise((low + high) / 2)
    q = Quantity(
        text[d.span_start : d.end], d.span_start, d.end, value, low, high, d.unit, d.qualifier, d.direction
    )
    return q, d.mult, start


def _is_identifier(s: str, num: _Num, start: int) -> bool:
    """Whether the number is part of a name or identifier: PM2.5 G225 5G C919, versions 2.0.1,
    times 15:15, fractions 1/3, 1+3, 每万人."""
    before = s[start - 1] if start else "^"
    after = s[num.end] if num.end < len(s) else "$"
    if _is_ascii_letter(before) or before in "./:+±∶每_" or (not num.arabic and before in "数几若"):
        return True
    return num.arabic and (after in ":+" or (after == "." and s[num.end + 1 : num.end + 2].isdigit()))


def _read_range(s: str, num: _Num, tail: _Tail, d: _Draft) -> bool:
    """Extend ``d`` over a range: 5%—5.5%, 3-5分/立方米, 100万元至300万元, 三至五年 (the first may
    borrow the second's 万). False when the second number is a year (2024—2027年)."""
    sep = _SEP_RE.match(s, d.end)
    m2 = _NUM_RE.match(s, sep.end()) if sep else None
    if not m2 or d.more or (num2 := _read_number(s, m2)) is None:
        return True
    tail2 = _read_tail(s, num2.end, num2.arabic)
    if not (tail2.unit or tail2.mult >= 1e4) or d.unit not in ("", tail2.unit) or tail2.more:
        return True
    if _is_year(s, num2):
        return False
    if not d.unit and not tail.has_mag:
        d.low, d.mult = num.low * tail2.mult, tail2.mult
    d.low, d.high = min(d.low, num2.low * tail2.mult), max(d.low, num2.high * tail2.mult)
    d.unit, d.end, d.ranged = tail2.unit, tail2.end, True
    return True


def _read_rank(s: str, start: int, d: _Draft) -> bool:
    """Rankings: 第11位, 第五位 (the span starts at 第); any other 第N (第五次, 第4批, 第十五个五年规划)
    is an ordinal: False."""
    if start == 0 or s[start - 1] != "第":
        return True
    nxt = s[d.end : d.end + 1] or "$"
    ranked = d.unit in ("位", "名") or (
        not d.unit and nxt in _CLAUSE_END and _RANKING_RE.search(s, max(0, start - 9), start - 1) is not None
    )
    if not ranked or d.ranged or _PRIORITY_RE.search(s, max(0, start - 3), start - 1) or nxt == "的":
        return False
    d.span_start, d.rank = start - 1, True
    return True


#: a sum in Chinese numerals below this many 元, with no 万 or 亿, is a name (三元), not an amount
_SMALL_YUAN = 100


def _rejected_kind(s: str, num: _Num, tail: _Tail, d: _Draft) -> int | None:
    """``_REJECTED`` or ``_BARE`` for numbers that are labels, articles or bare counts, else None."""
    rank = d.rank
    nxt = s[d.end : d.end + 1] or "$"
    if nxt == "级" or (
        d.unit in ("千伏", "kV")
        and not tail.has_mag
        and "\u4e00" <= nxt <= "\u9fff"
        and not _SUFFIX_RE.match(s, d.end)
    ):
        return _REJECTED  # labels: 万吨级, 千亿级, 220千伏变电站
    if d.unit == "番":
        return _REJECTED  # 翻一番, 翻两番: read as doubling by _word_quantities
    if d.unit == "元" and not num.arabic and not tail.has_mag and num.high < _SMALL_YUAN:
        return _REJECTED  # 三元、麦福劳等龙头企业, 三元乳业: a name; a report writes small sums in digits
    if num.lone_one and not rank and not d.ranged and d.unit != "倍":
        return _REJECTED  # 一批, 一个, 一年来: the article "a"
    if (d.unit in _TIME and _PROGRAMME_RE.match(s, d.end)) or (
        d.unit == "次" and _SESSION_RE.match(s, d.end)
    ):
        return _REJECTED  # 三年行动, 五年规划, 十次全会
    if not d.unit and not rank and not (d.mult >= 1e4 or (not num.arabic and num.high >= 1e4)):
        return _BARE if num.arabic and not tail.has_mag and not d.more else _REJECTED
    return None


def _qualify(s: str, num: _Num, d: _Draft) -> bool:
    """Read the qualifier and direction around ``d`` (至少, 以上, 以内, 左右, 增长, 下降 …), moving its
    span over them. False for a magnitude alone that is no number (千万 "by all means")."""
    rank = d.rank
    pm = _PREFIX_RE.search(s, max(0, d.span_start - 8), d.span_start)
    if pm and pm.group("dir"):
        d.direction = _DIRECTION[pm.group("dir")]
    if pm and pm.group("qual") and not rank:
        word, at = pm.group("qual"), pm.start("qual")
        if not (at and s[at - 1] in _NOT_QUALIFIER_BEFORE.get(word, "")):
            d.qualifier, d.span_start = _PREFIX_QUALIFIER[word], at
    elif not rank and _FAR_FLOOR_RE.search(s, max(0, d.span_start - 8), d.span_start):
        d.qualifier = Qualifier.AT_LEAST  # 至少办好1所: a floor governs the verb's object
    if not d.unit and not num.arabic and not num.has_digit and d.qualifier is None:
        return False  # 千万 alone is also the adverb "by all means"; 近千万 is a number
    _qualify_time(s, d)
    if d.more:
        d.qualifier = Qualifier.MORE_THAN
    if sm := _SUFFIX_RE.match(s, d.end):
        d.qualifier, d.end = _SUFFIX_QUALIFIER[sm.group()], sm.end()
    if d.ranged:
        d.qualifier = Qualifier.RANGE
    return not (num.lone_mag and (not d.unit or d.qualifier is None))


def _qualify_time(s: str, d: _Draft) -> None:
    """Durations and multiples: 三年多, 5倍以上 (more than), 三年内 (at most), 近五年来 (no 'nearly')."""
    if d.unit not in _TIME and d.unit != "倍":
        return
    tm = _TIME_MORE_RE.match(s, d.end)
    if tm and not d.more:
        d.more, d.end = True, tm.end()
    elif d.unit in _TIME and (tw := _TIME_WITHIN_RE.match(s, d.end)):
        d.qualifier, d.end = Qualifier.AT_MOST, tw.end()
    if d.unit in _TIME and d.qualifier is Qualifier.NEARLY and s[d.span_start] == "近":
        d.qualifier = None  # 近五年来, 近3年: "over the last five years", not "nearly"
