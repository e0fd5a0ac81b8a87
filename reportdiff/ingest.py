"""Stage 1: read a report from a file, stdin or a string, and normalise its text.

Formats: plain text (UTF-8/16, GBK/GB18030, Big5 …), HTML pages, PDF (extra ``pdf``) and DOCX
(extra ``docx``). Every format ends as :func:`normalise`-d text, one paragraph per line, with web
page chrome (breadcrumbs, 附件下载, 版权所有 …) dropped from its top and bottom, plus metadata
(title, region, year, delivery date). A report in Traditional characters is converted to Simplified
for analysis, character for character (:mod:`reportdiff.script`), keeping the text as written in
``Document.original``. Hostile input (huge, endless, binary, zip bombs, deep nesting) is refused
with a one-line :class:`InputError`, within the limits below. Rules and examples: ``docs/ingest.md``.
"""

from __future__ import annotations

import codecs
import contextlib
import datetime as _dt
import errno
import fcntl
import io
import itertools
import os
import re
import stat
import sys
import zipfile
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files
from pathlib import Path
from typing import Any

from . import _regex
from ._io import shown
from .errors import ArgumentTypeError, InputError, MissingExtraError, type_name
from .script import detect_script, to_simplified

MAX_BYTES = 20 * 1024 * 1024  # inputs larger than this are refused (every source, checked while reading)
MAX_DOCX_UNCOMPRESSED = 64 * 1024 * 1024  # all parts of a DOCX, uncompressed
MAX_DOCX_XML = 32 * 1024 * 1024  # its XML parts, uncompressed
MAX_DOCX_ELEMENTS = 500_000  # XML elements in all its XML parts
MAX_DOCX_PARTS = 5_000  # files in the ZIP
MAX_DOCX_RATIO = 100  # uncompressed / compressed size of a part larger than 1 MB
MAX_HTML_TAGS = 500_000  # tags in an HTML page
MAX_HTML_DEPTH = 1_000  # nesting of its elements (estimated from the tags)
PATH_SUFFIXES = (".txt", ".html", ".htm", ".pdf", ".docx")


@dataclass(frozen=True)
class Document:
    """A report's normalised text and what was learnt while reading it.

    Attributes:
        text: the normalised text, one paragraph per line (every later offset points into it), in
            Simplified characters.
        source: the path read (bytes that are not UTF-8 shown as �), ``"<stdin>"`` or ``"<text>"``.
        format: ``txt``, ``html``, ``pdf``, ``docx`` or ``text`` (a string passed directly).
        encoding: the encoding the bytes were decoded with (None for a str, PDF or DOCX).
        title: the report's title (e.g. ``2023年政府工作报告``), or None.
        region: the government that delivered it (南安市, 福建省, 国务院 …), or None.
        year: the report's year (the year whose plan it sets), or None.
        date: the delivery date as ISO ``YYYY-MM-DD`` when stated, or None.
        script: ``"simplified"``, or ``"traditional"`` when the report was written in Traditional
            characters and ``text`` is its conversion.
        original: for a Traditional report, the normalised text as written: same length, same lines
            and same offsets as ``text`` (quote ``original[start:end]`` to cite the report as
            published); None when nothing was converted.
    """

    text: str
    source: str
    format: str
    encoding: str | None = None
    title: str | None = None
    region: str | None = None
    year: int | None = None
    date: str | None = None
    script: str = "simplified"
    original: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "format": self.format,
            "encoding": self.encoding,
            "title": self.title,
            "region": self.region,
            "year": self.year,
            "date": self.date,
            "script": self.script,
        }


# ---------------------------------------------------------------- normalisation

#: Full-width forms left alone: the Chinese punctuation later stages split sentences and clauses
#: on (！（），：；？), and －．～, which are rewritten only between digits (see ``_NUMERIC``).
KEEP_FULLWIDTH = "！（），：；？－．～"
_SPACES = "\t\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
_CONTROLS = "".join(chr(c) for c in range(32) if chr(c) not in "\t\n\r\x0b\x0c")
_DELETE = "\u00ad\u200b\u200c\u200d\u2060\ufeff\ufffe\x7f" + _CONTROLS
_SPEC: dict[str, str | None] = {chr(c): chr(c - 0xFEE0) for c in range(0xFF01, 0xFF5F)}
_SPEC = {k: v for k, v in _SPEC.items() if k not in KEEP_FULLWIDTH} | dict.fromkeys(_SPACES, " ")
_SPEC |= dict.fromkeys("\r\x0b\x0c\x85\u2028\u2029", "\n") | dict.fromkeys(_DELETE)
#: The character table of :func:`normalise` (``text.translate(NORMALISE_TABLE)``): U+FF01–U+FF5E →
#: ASCII except ``KEEP_FULLWIDTH``; tab, NBSP, U+3000 and other spaces → " "; CR, VT, FF, NEL,
#: U+2028/9 → newline; zero-width characters, soft hyphen, BOM and C0 controls → removed.
NORMALISE_TABLE: dict[int, str | None] = str.maketrans(_SPEC)
_TABLE_CHARS = _regex.compile("[" + "".join(map(re.escape, _SPEC)) + "]")
_DASH_CHARS = "．\\-－–—~～―−〜‒"
_NUMERIC = _regex.compile(rf"\d[\d.%‰]*[{_DASH_CHARS}][\d.%‰{_DASH_CHARS}]*\d")  # where _CONTEXT may apply
_CONTEXT = _regex.compile(
    r"(?P<date>(?<![\d.．])(?:19|20)\d\d[-－–](?:0?[1-9]|1[0-2])[-－–](?:0?[1-9]|[12]\d|3[01])(?![\d.．]))"
    r"|(?P<phone>(?<!\d)0\d{2,3}[-－](?=\d{7,8}(?!\d)))"
    r"|(?<=\d)(?P<dot>．)(?=\d)"
    r"|(?<=\d)(?P<pct>[%‰]?)(?:——|[—–－~～\-―−〜‒])(?=\d)"
)
_MULTISPACE = _regex.compile(" {2,}")


def _context_sub(m: re.Match[str]) -> str:
    if m.group("date"):
        return re.sub("[－–]", "-", m.group())
    if m.group("phone"):
        return m.group()
    return "." if m.group("dot") else m.group("pct") + "—"


def normalise(text: str) -> str:
    """Half-width ASCII/digits/％, one range dash, one paragraph per line; CJK characters untouched.

    >>> normalise("　　全市完成地区生产总值１６４５亿元、增长４％（预计数，下同）。\\r\\n\\r\\n")
    '全市完成地区生产总值1645亿元、增长4%（预计数，下同）。'
    >>> normalise("增长5%～5.5%，2025－2027年，3-5个，发布于2022-12-26")
    '增长5%—5.5%，2025—2027年，3—5个，发布于2022-12-26'
    >>> normalise("——2022年12月27日在南安市第十八届人民代表大会第三次会议上")
    '——2022年12月27日在南安市第十八届人民代表大会第三次会议上'
    >>> normalise("ＧＤＰ增长３．５％！\\u200b\\n\\n\\xa0\\n政 府　工作")
    'GDP增长3.5%！\\n政 府 工作'
    """
    text = _TABLE_CHARS.sub(lambda m: NORMALISE_TABLE[ord(m.group())] or "", text)  # == translate, faster
    text = _NUMERIC.sub(lambda m: _CONTEXT.sub(_context_sub, m.group()), text)
    lines = (_MULTISPACE.sub(" ", ln.strip()) for ln in text.split("\n"))
    return "\n".join(ln for ln in lines if ln)


# ---------------------------------------------------------------- chrome removal

_CHROME_SHORT = _regex.compile(
    r"(?:您(?:当前|现在)?(?:的|所在)?(?:位置|所在位置)|当前位置|所在位置)\s*[:：].*"
    r"|.{0,20}首页\s*(?:>|>>|»|›|→|/|＞)\s*.*"
    r"|\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?(?:\s*\d{1,2}:\d{2}(?::\d{2})?)?"
    r"(?:\s*(?:阅读|浏览|点击|访问)\S{0,3}\s*[:：]?\s*\d*次?)?"
    r"|(?:发布|更新|发表|成文)?(?:时间|日期)\s*[:：].*|(?:信息|文章|稿件|新闻)?来源\s*[:：].*"
    r"|(?:责任)?编辑\s*[:：].*|(?:作者|审核|校对|供稿|撰稿|摄影|编审)\s*[:：].*"
    r"|(?:阅读|浏览|点击|访问)(?:人数|次数|量|数)\s*[:：].*|分享到?\s*[:：].*"
    r"|.*字[号体]\s*[:：]?.*(?:大\s*中\s*小|[A-Za-z]\s*[A-Za-z]\s*[A-Za-z]).*|【?\s*大\s*中\s*小\s*】?"
    r"|(?:[【\[]?\s*(?:打印|关闭|打印本页|关闭窗口|返回顶部|返回|收藏|收藏本页|分享|纠错|我要纠错)\s*[】\]]?\s*)+"
    r"|附件下载\s*[:：]?|(?:手机|微信)?扫一扫.*|.*二维码.*"
    r"|(?:上一篇|下一篇|相关链接|相关报道|相关新闻|相关阅读|相关稿件|延伸阅读)\s*[:：]?.*"
    r"|(?:图为|图片来源|图\s*[:：/]).*|.{0,80}(?:记者|通讯员|摄影)\S{0,12}(?:\s\S{1,4}){0,3}\s*摄\s*[)）]?"
)
_CHROME_FOOTER = _regex.compile(
    r".*(?:版权所有|ICP备|ICP证|公网安备|网站标识码|Copyright|©|网站地图).*", re.I
)
CHROME_WINDOW = 15  # report lines examined at each end


def is_chrome(line: str) -> bool:
    """Whether a (normalised) line is web-page chrome: short and matching a chrome pattern."""
    n = len(line)
    short = n <= 60 and _CHROME_SHORT.fullmatch(line) is not None
    return short or (n <= 150 and _CHROME_FOOTER.fullmatch(line) is not None)


def strip_chrome(lines: list[str]) -> list[str]:
    """Drop chrome lines (:func:`is_chrome`) near the top and bottom; the middle is never touched.

    From each end, lines are examined until ``CHROME_WINDOW`` non-chrome lines have been seen.
    """
    return [ln for ln, k in zip(lines, chrome_mask(lines), strict=True) if k]


def chrome_mask(lines: list[str]) -> list[bool]:
    """For each line, whether :func:`strip_chrome` keeps it."""
    keep = [True] * len(lines)
    for order in (range(len(lines)), range(len(lines) - 1, -1, -1)):
        seen = 0
        for i in order:
            if seen >= CHROME_WINDOW:
                break
            keep[i] = not is_chrome(lines[i])
            seen += keep[i]
    return keep


# ---------------------------------------------------------------- metadata

_CN_DIGITS = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0, "○": 0}
_NUM = r"\d{1,2}|[一二三四五六七八九十]{1,3}"
_DATE = _regex.compile(rf"(\d{{4}}|[〇零○一二三四五六七八九]{{4}})\s*年\s*({_NUM})\s*月\s*({_NUM})\s*日")
_DELIVERY = _regex.compile(_DATE.pattern + r"(?=[^。]{0,60}?(?:人民代表大会|会议))")
_CONGRESS = _regex.compile(
    r"在\s*([^\s，。、；：“”（）()]{0,24}?)\s*第?[一二三四五六七八九十\d]{1,4}\s*届\s*(全国)?\s*人民代表大会"
)
_LEADER = _regex.compile(
    r"([\u4e00-\u9fff]{2,20}?)(?:人民政府)?(?:代理?|常务副)?(?:省长|市长|区长|县长|主席|旗长|州长|盟长)"
)
_ON_BEHALF = _regex.compile(r"我代表([\u4e00-\u9fff]{2,20}?)(?:人民政府|，|,|向)")
_ADMIN = _regex.compile(r".+?(?:特别行政区|自治区|自治州|自治县|自治旗|省|市|区|县|旗|盟)")
_SHORT_NAMES = dict(
    zip(
        ("广西", "宁夏", "新疆", "西藏", "内蒙古"),
        ("广西壮族", "宁夏回族", "新疆维吾尔", "西藏", "内蒙古"),
        strict=True,
    )
)
_GENERIC = {"自治区", "全省", "全市", "全区", "全县", "本市", "我市", "我省", "我区"}
_TITLE = _regex.compile(r"(.{0,30}?政府工作报告)")
_TITLE_YEAR = _regex.compile(r"(\d{4})\s*年[^\n]{0,20}?政府工作报告")
_TITLE_REGION = _regex.compile(r"(?:\d{4}年)?([\u4e00-\u9fff]{2,20}?)(?:\d{4}年)?(?:人民)?政府工作报告")
_PLAN_YEAR = _regex.compile(
    r"(\d{4})\s*年[^。，\n]{0,12}?(?:主要预期目标|目标任务|重点工作|工作安排|总体要求)"
)
_REVIEW_YEAR = _regex.compile(r"(\d{4})\s*年[^。，\n]{0,15}?回顾")


def _cn_int(s: str) -> int:
    """'27' / '二十七' / '十二' / '二〇二六' → int."""
    if s.isdigit():
        return int(s)
    if "十" in s:
        tens, _, ones = s.partition("十")
        return (_CN_DIGITS[tens] if tens else 1) * 10 + (_CN_DIGITS[ones] if ones else 0)
    return int("".join(str(_CN_DIGITS[c]) for c in s))


def _region_name(raw: str) -> str | None:
    """The innermost administrative unit named in ``raw`` (呼伦贝尔市海拉尔区 → 海拉尔区)."""
    if raw in _SHORT_NAMES:
        return _SHORT_NAMES[raw] + "自治区"
    parts = _ADMIN.findall(raw)
    return parts[-1] if parts and parts[-1] not in _GENERIC and len(parts[-1]) >= 2 else None


def _find_region(head: str, text: str) -> str | None:
    for m in _CONGRESS.finditer(head):  # ——2022年12月27日在南安市第十八届人民代表大会…
        if m.group(2):
            return "国务院"
        if name := _region_name(m.group(1)):
            return name
    if "国务院总理" in head or "我代表国务院" in text[:3000]:
        return "国务院"
    for pattern, hay in ((_LEADER, head), (_ON_BEHALF, text[:3000])):  # 南安市人民政府市长 王连赞
        for m in pattern.finditer(hay):
            if name := _region_name(m.group(1)):
                return name
    for ln in head.split("\n")[:3]:  # 2025年安徽省政府工作报告, 陕西省2026年政府工作报告
        if (t := _TITLE_REGION.match(ln.replace(" ", ""))) and (name := _region_name(t.group(1))):
            return name
    return None


def _plan_year(d: _dt.date) -> int:
    """The plan year of a report delivered (or published) on ``d``: Oct–Dec belong to next year."""
    return d.year + 1 if d.month >= 10 else d.year


def metadata(text: str, *, title: str | None = None, published: _dt.date | None = None) -> dict[str, Any]:
    """Title, region, year and delivery date found in normalised report ``text``.

    ``title`` (an HTML ``<title>``/``<h1>`` or DOCX title) is used when no title line is found;
    ``published`` (a web page's publication date) decides the year when nothing else does.
    """
    lines = text.split("\n")
    head = "\n".join(lines[:12])
    found = None
    for ln in lines[:8]:
        m = _TITLE.match(compact := ln.replace(" ", ""))
        if m and len(compact) <= 60 and not re.search("会议|人民代表大会|作政府工作报告", m.group(1)):
            found = m.group(1).lstrip("—-(（")
            break
    if found is None and title:
        parts = re.split(r"\s*[_|｜]\s*|\s+[-—－]\s+|-(?=[^-]*$)", title.strip())
        found = next((p for p in parts if "报告" in p), parts[0]) or None
    delivered = None
    if m := _DELIVERY.search(head):
        with contextlib.suppress(ValueError, KeyError):
            delivered = _dt.date(*(_cn_int(g) for g in m.groups()))
    year = None
    if m := _TITLE_YEAR.search(found or "") or _TITLE_YEAR.search(head):
        year = int(m.group(1))
    for ln in lines if year is None else ():
        # headings only: 一、2022年政府工作回顾 (→ 2023) / 二、2023年目标任务和重点工作
        if (
            len(ln) <= 40
            and not ln.endswith("。")
            and (m := _REVIEW_YEAR.search(ln) or _PLAN_YEAR.search(ln))
        ):
            year = int(m.group(1)) + (m.re is _REVIEW_YEAR)
            break
    if year is None and (when := delivered or published):
        year = _plan_year(when)
    return {
        "title": found,
        "region": _find_region(head, text),
        "year": year,
        "date": delivered.isoformat() if delivered else None,
    }


# ---------------------------------------------------------------- decoding

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_GOOD_NON_HAN = _regex.compile(
    "[\t\n\r\x20-\x7e\xa0\xb0\xb7\xd7\u2000-\u206f\u2100-\u218f\u2460-\u24ff\u2500-\u25ff\u3000-\u303f"
    "\uff01-\uff5e\uffe0-\uffe6]"
)
_HAN = _regex.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


@lru_cache(maxsize=1)
def _common_han() -> frozenset[str]:
    """GB2312 level-1 (3755 simplified) ∪ Big5 frequent (5401 traditional) characters."""
    chars: set[str] = set()
    for codec, leads, trails in (
        ("gb2312", range(0xB0, 0xD8), range(0xA1, 0xFF)),
        ("big5", range(0xA4, 0xC7), [*range(0x40, 0x7F), *range(0xA1, 0xFF)]),
    ):
        for a in leads:
            chars.update(bytes((a, b)).decode(codec, "ignore") for b in trails)
    return frozenset(chars)


def text_quality(text: str) -> float:
    """Share of plausible characters (ASCII, CJK punctuation, common hanzi) in the first 6000.

    Report text scores above 0.99; Big5 bytes mis-decoded as GB18030 score 0.2–0.3.
    """
    sample = text[:6000]
    good = len(_GOOD_NON_HAN.findall(sample)) + sum(map(_common_han().__contains__, _HAN.findall(sample)))
    return good / len(sample) if sample else 1.0


def parse_encoding(encoding: str) -> tuple[str, str]:
    """``CODEC`` or ``CODEC:replace`` → (Python's codec name, error handling ``strict``/``replace``).

    >>> parse_encoding("GBK"), parse_encoding("utf8:replace")
    (('gbk', 'strict'), ('utf-8', 'replace'))
    """
    name, _, handling = encoding.partition(":")
    handling = handling.strip().lower() or "strict"
    if handling not in ("strict", "replace"):
        raise InputError(
            f"unknown error handling {handling!r} in encoding {encoding!r}",
            "use CODEC or CODEC:replace, e.g. utf-8:replace",
        )
    try:
        info = codecs.lookup(name.strip())
    except LookupError:
        raise InputError(
            f"unknown encoding {name.strip()!r}", "use a codec name: utf-8, gb18030, big5, utf-16"
        ) from None
    if not getattr(info, "_is_text_encoding", True):  # hex, base64, zlib, rot13 …
        raise InputError(
            f"{name.strip()!r} is not a text encoding (it turns bytes into bytes, or text into text)",
            "use a codec name: utf-8, gb18030, big5, utf-16",
        )
    return info.name, handling


def _where(data: bytes, start: int) -> str:
    line = data.count(b"\n", 0, start) + 1
    return f"{data[start : start + 4]!r} at byte {start} (line {line})"


def _decode_as(data: bytes, source: str, encoding: str) -> tuple[str, str]:
    name, handling = parse_encoding(encoding)
    try:
        return data.decode(name, handling), name if handling == "strict" else f"{name}:{handling}"
    except UnicodeError as e:
        start = getattr(e, "start", 0)
        raise InputError(
            f"{source} is not valid {name}: {_where(data, start)}",
            f"pass the file's real encoding, omit the encoding to detect it, or read it with "
            f"--encoding {name}:replace (encoding='{name}:replace') to show bad bytes as �",
        ) from None


def _mostly_utf8(data: bytes, source: str) -> InputError | None:
    """The error for UTF-8 text with a few invalid bytes (at most 1 %), or None."""
    try:
        data.decode("utf-8")
        return None
    except UnicodeDecodeError as e:
        first = e.start
    bad = len(re.findall("[\udc80-\udcff]", data.decode("utf-8", "surrogateescape")))
    if bad > max(1, len(data) // 100):
        return None
    return InputError(
        f"{source} is UTF-8 text with {bad} invalid byte(s), the first {_where(data, first)}",
        "repair those bytes, or read it anyway with --encoding utf-8:replace (encoding='utf-8:replace'), "
        "which shows them as �",
    )


def _decode(data: bytes, source: str, encoding: str | None, declared: str | None = None) -> tuple[str, str]:
    """Decode bytes to str; returns (text, codec name). The order is documented in docs/ingest.md."""
    if encoding:
        return _decode_as(data, source, encoding)
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(name), name
            except UnicodeDecodeError:
                break
    candidates: list[tuple[float, str, str]] = []

    def attempt(name: str) -> float:
        try:
            text = data.decode(name)
        except (UnicodeDecodeError, LookupError):
            return -1.0
        candidates.append((text_quality(text), name, text))
        return candidates[-1][0]

    try:
        declared = codecs.lookup(declared).name if declared else None
    except LookupError:
        declared = None
    if declared in ("gbk", "gb2312", "cp936"):
        declared = "gb18030"  # the superset: "GBK" pages often hold GB18030-only characters
    if declared and attempt(declared) >= 0.9:
        return candidates[-1][2], declared
    if b"\x00" in data[:8192]:  # UTF-16 without BOM, or binary
        attempt("utf-16-le")
        attempt("utf-16-be")
    else:
        try:
            return data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            pass
        if attempt("gb18030") >= 0.9:
            return candidates[-1][2], "gb18030"
        attempt("big5")
        from charset_normalizer import from_bytes

        for match in list(from_bytes(data[:200_000]))[:3]:
            attempt(codecs.lookup(match.encoding).name)
    best = max(candidates, key=lambda c: c[0], default=None)
    if (
        (best is None or best[0] < 0.9)
        and b"\x00" not in data[:8192]
        and (damaged := _mostly_utf8(data, source))
    ):
        raise damaged
    if best is None or best[0] < 0.6:
        raise InputError(
            f"{source} looks binary or is mostly undecodable (not UTF-8, GB18030, Big5 or UTF-16 text)",
            "pass a text/HTML/PDF/DOCX report, or give its encoding (--encoding / encoding=)",
        )
    return best[2], best[1]


# ---------------------------------------------------------------- HTML

_HTML_SNIFF = re.compile(rb"\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|meta|body)\b", re.I | re.S)
_META_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([\w.:-]+)", re.I)
_BLOCK = frozenset(
    str.split(
        "address article aside blockquote body center dd div dl dt fieldset figcaption figure footer form h1"
        " h2 h3 h4 h5 h6 header hr li main nav ol p pre section table tbody td tfoot th thead tr ul"
    )
)
_JUNK = frozenset(
    str.split(
        "script style noscript template iframe form select button input textarea svg canvas object embed"
        " nav header footer aside head title -comment"
    )
)
_WS = _regex.compile(r"[ \t\r\n\f]+")
_MEANINGFUL = _regex.compile(r"[\u4e00-\u9fff\w]")
_PUBLISHED = _regex.compile(r"(?:发布|发表)(?:时间|日期)[:：]\s*(\d{4})\D(\d{1,2})\D(\d{1,2})")
_PUBDATE_META = ("pubdate", "publishdate", "firstpublishedtime", "article:published_time", "date")


def _valid_date(m: re.Match[str]) -> _dt.date | None:
    try:
        return _dt.date(*map(int, m.groups()))
    except ValueError:  # 2023-13-45 on a page is not a date
        return None


_TAG = _regex.compile(r"<(/?)([A-Za-z][A-Za-z0-9:-]*)[^<>]*?(/?)>")
_VOID = frozenset(
    str.split(
        "area base br col embed hr img input link meta source track wbr param keygen frame basefont bgsound"
    )
)
#: closed by their next sibling without an end tag: they never deepen a real page
_SELF_CLOSING = frozenset(
    str.split("p li td th tr dt dd option optgroup rb rt rp colgroup caption thead tbody tfoot")
)


def check_html(page: str, source: str = "<html>") -> None:
    """Refuse a page with more than ``MAX_HTML_TAGS`` tags or nested deeper than ``MAX_HTML_DEPTH``.

    The HTML parser's cost grows with the depth of open elements for every block it opens (and
    its memory with the number of elements), so a hostile page could take hours; this pre-scan
    counts tags and estimates the depth (an upper bound: start tags less end tags, without
    void elements and elements closed by their siblings) in one pass.
    """
    depth = deepest = tags = 0
    for m in _TAG.finditer(page):
        tags += 1
        if tags > MAX_HTML_TAGS:
            raise _html_limit(source, f"more than {MAX_HTML_TAGS:,} tags", f"{MAX_HTML_TAGS:,} tags")
        closing, name, empty = m.groups()
        name = name.lower()
        if name in _VOID or name in _SELF_CLOSING or empty:
            continue
        if closing:
            depth = max(depth - 1, 0)
        else:
            depth += 1
            if depth > deepest:
                deepest = depth
                if deepest > MAX_HTML_DEPTH:
                    raise _html_limit(
                        source, f"elements nested over {MAX_HTML_DEPTH:,} deep", f"{MAX_HTML_DEPTH:,} levels"
                    )


def _html_limit(source: str, what: str, limit: str) -> InputError:
    return InputError(
        f"{source} is refused as HTML: {what} (the limit is {limit}; a web page has far fewer)",
        "check it is the right file, or save the report's text from a browser",
    )


def _html_text(page: str, source: str = "<html>") -> tuple[str, str | None, _dt.date | None]:
    """The report text of an HTML page (one block per line), its title and publication date.

    Each block element's own text (without links and nested blocks) scores for the block itself and
    its parent, half for its grandparent; the best-scoring (deepest on ties) block is the report.
    """
    from selectolax.lexbor import LexborHTMLParser

    check_html(page, source)
    tree = LexborHTMLParser(page)
    titles = [n.text(strip=True) for n in tree.css("title, h1, h2")]
    titles += [str(n.attributes.get("content") or "") for n in tree.css('meta[name="ArticleTitle"]')]
    title = next((t for t in titles if "报告" in t), titles[0] if titles else None)
    published = None
    for node in tree.css("meta[name], meta[property]"):
        key = str(node.attributes.get("name") or node.attributes.get("property") or "").lower()
        if key in _PUBDATE_META and (
            m := re.match(r"(\d{4})\D(\d{1,2})\D(\d{1,2})", str(node.attributes.get("content") or ""))
        ):
            published = _valid_date(m) or published
    body = tree.body
    if body is None:
        return "", title, published
    if published is None and (m := _PUBLISHED.search(body.text())):
        published = _valid_date(m)
    nodes, scores = _score_blocks(body)
    best = max(range(len(nodes)), key=lambda i: (scores[i], nodes[i][1]), default=None)
    if best is None or not scores[best]:
        return "", title, published
    return _block_text(nodes[best][0]), title, published


_WEIGHTS = (1.0, 1.0, 0.5)  # a block's own text counts for itself, its parent and half for its grandparent


def _score_blocks(body: Any) -> tuple[list[tuple[Any, int]], list[float]]:
    """Every block node with its depth (in blocks), and its score; iterative, so any nesting depth works."""
    nodes: list[tuple[Any, int]] = []  # (block node, depth)
    scores: list[float] = []
    # a frame: [node, its children, is it a block, own text, the 3 nearest blocks, depth, counts for parent]
    frames: list[list[Any]] = []

    def push(node: Any, near: tuple[int, ...], depth: int, counts: bool) -> None:
        block = node.tag in _BLOCK
        if block:
            nodes.append((node, depth))
            scores.append(0.0)
            near, depth = (len(nodes) - 1, *near[:2]), depth + 1
        frames.append([node, node.iter(include_text=True), block, 0, near, depth, counts])

    push(body, (), 0, False)
    while frames:
        frame = frames[-1]
        child = next(frame[1], None)
        if child is None:
            frames.pop()
            _, _, block, own, near, _, counts = frame
            if block and own >= 10:
                for weight, i in zip(_WEIGHTS, near, strict=False):
                    scores[i] += own * weight
            if counts and not block:
                frames[-1][3] += own
        elif child.tag == "-text":
            frame[3] += len(_MEANINGFUL.findall(child.text(deep=False)))
        elif child.tag == "a":
            push(child, frame[4], frame[5], False)  # link text is not report text
        elif child.tag not in _JUNK:
            push(child, frame[4], frame[5], True)
    return nodes, scores


def _block_text(node: Any) -> str:
    """The text of ``node``: every block element and ``<br>`` starts a line, table cells end with a space."""
    out: list[str] = []
    stack: list[tuple[Any, str]] = [(node.iter(include_text=True), "")]  # (children, text after them)
    while stack:
        children, after = stack[-1]
        child = next(children, None)
        if child is None:
            stack.pop()
            out.append(after)
        elif child.tag == "-text":
            out.append(_WS.sub(" ", child.text(deep=False)))
        elif child.tag == "br":
            out.append("\n")
        elif child.tag in ("td", "th"):
            stack.append((child.iter(include_text=True), " "))
        elif child.tag in _BLOCK:
            out.append("\n")
            stack.append((child.iter(include_text=True), "\n"))
        elif child.tag not in _JUNK:
            stack.append((child.iter(include_text=True), ""))
    return "".join(out)


# ---------------------------------------------------------------- PDF

_TERMINAL = (*"。！？：；”…!?;:", "会议上")
_HEADING = _regex.compile(
    r"(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[）)]|第[一二三四五六七八九十]+[部分章节篇]|\d{1,2}[.．、](?!\d))"
)
_PAGE_NUMBER = _regex.compile(
    r"[-—–\s]*(?:第\s*)?\d{1,4}\s*页?\s*(?:[/／]\s*\d{1,4}|共\s*\d{1,4}\s*页)?[-—–\s]*"
)


def _width(line: str) -> int:
    return sum(2 if ord(c) >= 0x1100 else 1 for c in line)


def rejoin_lines(lines: list[str]) -> list[str]:
    """Join lines a PDF broke mid-paragraph: no space in Chinese, one space between ASCII words.

    A line is joined to the next when it is full width (≥ 85 % of the 90th-percentile line width, so
    short title and heading lines stay), does not end with 。！？：；” (or 会议上), and the next line
    does not start like a heading (一、 （一） (1) 1. 第一部分).

    >>> rejoin_lines(["全市完成地区生产总值1645亿", "元、增长4%。", "一、2022年工作回顾"])
    ['全市完成地区生产总值1645亿元、增长4%。', '一、2022年工作回顾']
    """
    if not lines:
        return []
    widths = sorted(map(_width, lines))
    full = 0.85 * widths[round(0.9 * (len(widths) - 1))]
    out = [lines[0]]
    for prev, ln in itertools.pairwise(lines):
        if _width(prev) >= full and not prev.endswith(_TERMINAL) and not _HEADING.match(ln):
            words = prev[-1:].isascii() and prev[-1:].isalpha() and ln[:1].isascii() and ln[:1].isalpha()
            out[-1] += (" " if words else "") + ln
        else:
            out.append(ln)
    return out


def _pdf_text(data: bytes, source: str) -> str:
    try:
        import pypdfium2 as pdfium
    except ImportError:
        raise MissingExtraError(
            f"reading PDF needs pypdfium2 ({source})", "pip install 'reportdiff[pdf]'"
        ) from None
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as e:
        raise InputError(
            f"{source} cannot be opened as a PDF ({e})", "check it is not encrypted or damaged"
        ) from None
    pages: list[list[str]] = []
    try:
        for i in range(len(pdf)):
            page = pdf[i]
            textpage = page.get_textpage()
            pages.append([s for ln in textpage.get_text_range().splitlines() if (s := normalise(ln))])
            textpage.close()
            page.close()
    except pdfium.PdfiumError as e:  # a damaged page (flipped bits, a truncated stream)
        raise InputError(
            f"{source} is a damaged PDF: page {len(pages) + 1} cannot be read ({e})",
            "re-save or re-download it, or pass the report as text",
        ) from None
    finally:
        pdf.close()
    if sum(len(ln) for p in pages for ln in p) < 10 * max(len(pages), 1):
        raise InputError(
            f"no text layer: this PDF looks scanned ({source}: {len(pages)} page(s), no text)",
            "run OCR first, e.g. ocrmypdf -l chi_sim in.pdf out.pdf",
        )
    # Running headers/footers: lines among a page's first/last two that recur (digits masked) on most pages.
    edges = Counter(
        k for p in pages for k in {re.sub(r"\d+", "#", ln) for ln in p[:2] + p[-2:] if len(ln) <= 50}
    )
    repeated = {k for k, n in edges.items() if len(pages) >= 2 and n >= max(2, 0.6 * len(pages))}
    lines = [
        ln
        for p in pages
        for j, ln in enumerate(p)
        if not (
            (j < 2 or j >= len(p) - 2) and (_PAGE_NUMBER.fullmatch(ln) or re.sub(r"\d+", "#", ln) in repeated)
        )
    ]
    return "\n".join(rejoin_lines(lines))


# ---------------------------------------------------------------- DOCX


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MAX_GRID_SPAN = 63  # Word's widest table


def _docx_limit(source: str, what: str, limit: str) -> InputError:
    return InputError(
        f"{source} is refused as a DOCX: {what} (the limit is {limit}; a work report is far below it)",
        "check it is the right file; re-save it from Word, or pass the report as text",
    )


def _damaged_docx(source: str, exc: BaseException) -> InputError:
    return InputError(f"{source} is a damaged DOCX ({type(exc).__name__})", "re-save it from Word")


def check_docx(data: bytes, source: str = "<docx>") -> None:
    """Refuse a hostile DOCX before python-docx reads it: a zip bomb, or XML that is not Word's.

    The ZIP's declared sizes are checked first (``MAX_DOCX_PARTS`` files, ``MAX_DOCX_UNCOMPRESSED``
    bytes in all, ``MAX_DOCX_XML`` bytes of XML, at most ``MAX_DOCX_RATIO`` : 1 compression for a
    part over 1 MB); then every XML part is streamed (Python's zipfile never inflates past the
    declared size) through defusedxml, which refuses DTDs, entity declarations and external
    references, while ``MAX_DOCX_ELEMENTS`` elements and table cells spanning at most 63 columns
    are counted. Raises :class:`InputError` naming the limit.
    """
    try:
        from defusedxml import DefusedXmlException
    except ImportError:
        raise MissingExtraError(
            f"reading DOCX needs defusedxml ({source})", "pip install 'reportdiff[docx]'"
        ) from None
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            infos = z.infolist()
            _check_zip_sizes(infos, source)
            elements = 0
            for info in infos:
                if info.filename.endswith((".xml", ".rels")):
                    elements = _check_xml_part(z, info, source, elements)
    except DefusedXmlException as exc:
        raise InputError(
            f"{source} is refused as a DOCX: its XML declares a DTD, entities or external references "
            f"({type(exc).__name__}), which Word never writes",
            "re-save it from Word, or pass the report as text",
        ) from None
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, RuntimeError, EOFError) as exc:
        raise _damaged_docx(source, exc) from None
    except (ValueError, OSError, SyntaxError) as exc:  # zlib.error is an OSError, ParseError a SyntaxError
        raise _damaged_docx(source, exc) from None


def _check_zip_sizes(infos: list[zipfile.ZipInfo], source: str) -> None:
    mb = 2**20
    if len(infos) > MAX_DOCX_PARTS:
        raise _docx_limit(source, f"{len(infos)} files in its ZIP", f"{MAX_DOCX_PARTS} files")
    total = sum(i.file_size for i in infos)
    if total > MAX_DOCX_UNCOMPRESSED:
        raise _docx_limit(
            source, f"{total / mb:.0f} MB uncompressed", f"{MAX_DOCX_UNCOMPRESSED // mb} MB uncompressed"
        )
    xml = sum(i.file_size for i in infos if i.filename.endswith((".xml", ".rels")))
    if xml > MAX_DOCX_XML:
        raise _docx_limit(source, f"{xml / mb:.0f} MB of XML", f"{MAX_DOCX_XML // mb} MB of XML")
    for i in infos:
        if i.file_size > mb and i.file_size > MAX_DOCX_RATIO * max(i.compress_size, 1):
            raise _docx_limit(
                source,
                f"{i.filename} inflates {i.file_size // max(i.compress_size, 1)}-fold (a zip bomb)",
                f"{MAX_DOCX_RATIO}-fold for a part over 1 MB",
            )


def _check_xml_part(z: zipfile.ZipFile, info: zipfile.ZipInfo, source: str, elements: int) -> int:
    from defusedxml.ElementTree import iterparse

    with z.open(info) as stream:
        for _, elem in iterparse(stream, events=("end",), forbid_dtd=True):
            elements += 1
            if elements > MAX_DOCX_ELEMENTS:
                raise _docx_limit(source, "more XML elements than a report has", f"{MAX_DOCX_ELEMENTS:,}")
            if elem.tag == f"{_W}gridSpan" and _int_attr(elem, "val", 1) > MAX_GRID_SPAN:
                raise _docx_limit(source, "a table cell spans more columns than Word allows", "63 columns")
            elem.clear()
    return elements


def _int_attr(elem: Any, name: str, default: int) -> int:
    try:
        return int(elem.get(f"{_W}{name}", default))
    except (TypeError, ValueError):
        return default


def _docx_text(data: bytes, source: str) -> tuple[str, str | None]:
    try:
        import docx
        from docx.text.paragraph import Paragraph
    except ImportError:
        raise MissingExtraError(
            f"reading DOCX needs python-docx ({source})", "pip install 'reportdiff[docx]'"
        ) from None
    check_docx(data, source)
    try:
        document = docx.Document(io.BytesIO(data))
        lines: list[str] = []
        for el in document.element.body.iterchildren():
            tag = el.tag.rsplit("}", 1)[-1]
            if tag == "p":
                lines.append(Paragraph(el, document).text)
            elif tag == "tbl":
                lines += _table_lines(el, lambda p: str(Paragraph(p, document).text))
        title = document.core_properties.title or None
    except Exception as e:  # python-docx and lxml raise KeyError, XMLSyntaxError, ValueError …
        raise _damaged_docx(source, e) from None
    return "\n".join(lines), title


def _table_lines(tbl: Any, paragraph_text: Any) -> list[str]:
    """One line per row of a DOCX table, cells joined by a space; a cell merged across columns once,
    a cell merged down rows repeated in each (what python-docx's ``row.cells`` gives, in linear time)."""
    lines = []
    above: dict[int, str] = {}  # grid column → text of the cell a vertical merge started with
    for tr in tbl.iterchildren(f"{_W}tr"):
        trpr = tr.find(f"{_W}trPr")
        before = trpr.find(f"{_W}gridBefore") if trpr is not None else None
        col = _int_attr(before, "val", 0) if before is not None else 0
        cells = []
        for tc in tr.iterchildren(f"{_W}tc"):
            tcpr = tc.find(f"{_W}tcPr")
            span = vmerge = None
            if tcpr is not None:
                span, vmerge = tcpr.find(f"{_W}gridSpan"), tcpr.find(f"{_W}vMerge")
            if vmerge is not None and vmerge.get(f"{_W}val", "continue") == "continue":
                text = above.get(col, "")
            else:
                text = " ".join(paragraph_text(p) for p in tc.iterchildren(f"{_W}p")).replace("\n", " ")
                above[col] = text
            cells.append(text)
            col += min(max(_int_attr(span, "val", 1), 1), MAX_GRID_SPAN) if span is not None else 1
        lines.append(" ".join(cells))
    return lines


# ---------------------------------------------------------------- reading


@lru_cache(maxsize=1)
def binary_formats() -> tuple[tuple[int, bytes, str], ...]:
    """(offset, signature, what the file is) of the binary formats in ``data/binary_formats.tsv``."""
    text = (files("reportdiff") / "data" / "binary_formats.tsv").read_text(encoding="utf-8")
    rows = [ln.split("\t") for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]
    return tuple((int(offset), bytes.fromhex(sig), name) for offset, sig, name in rows)


def binary_format(data: bytes) -> str | None:
    """What a binary file is by its first bytes (PNG image, gzip archive …), or None.

    >>> binary_format(b"\\x89PNG\\r\\n\\x1a\\n" + b"iVBORw0KGgo=" * 10), binary_format("各位代表".encode())
    ('PNG image', None)
    """
    for offset, signature, name in binary_formats():
        if data[offset : offset + len(signature)] == signature:
            return name
    return None


def _sniff(data: bytes, suffix: str, source: str) -> str:
    """The format of ``data``: content wins over the file name."""
    if data[:1024].lstrip().startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as z:
                if "word/document.xml" in z.namelist():
                    return "docx"
        except (zipfile.BadZipFile, ValueError, OSError, EOFError, NotImplementedError, RuntimeError):
            pass
        raise InputError(f"{source} is a ZIP archive, not a DOCX report", "unzip it and pass the report file")
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise InputError(f"{source} is a legacy .doc/.xls file", "save it as .docx from Word or LibreOffice")
    if kind := binary_format(data):
        raise InputError(
            f"{source} is a {kind}, not report text", "pass the report itself: a text, HTML, PDF or DOCX file"
        )
    if suffix in (".pdf", ".docx"):
        raise InputError(
            f"{source} is named {suffix} but is not a {suffix[1:].upper()} file", "check the file"
        )
    head = data[:1024]
    return (
        "html"
        if suffix in (".html", ".htm") or _HTML_SNIFF.match(head) or b"<html" in head.lower()
        else "txt"
    )


def _build(raw: str, source: str, fmt: str, encoding: str | None, **hints: Any) -> Document:
    """The Document of decoded text: normalised, Traditional converted, chrome dropped, metadata found."""
    written = normalise(raw)
    script = detect_script(written)
    text = to_simplified(written, source) if script == "traditional" else written
    keep = chrome_mask(text.split("\n"))
    text = "\n".join(ln for ln, k in zip(text.split("\n"), keep, strict=True) if k)
    original = None
    if script == "traditional":
        original = "\n".join(ln for ln, k in zip(written.split("\n"), keep, strict=True) if k)
        if hints.get("title"):
            hints["title"] = to_simplified(hints["title"], source)
    if not text:
        what = "contains only whitespace" if raw and not raw.strip() else "has no report text"
        raise InputError(f"{source} {what}" + (" in its HTML body" if fmt == "html" else ""), _FIX_EMPTY)
    return Document(
        text=text,
        source=source,
        format=fmt,
        encoding=encoding,
        **metadata(text, **hints),
        script=script,
        original=original,
    )


_FIX_EMPTY = "pass a file that contains the report text"


def _too_large(source: str, size: int | None) -> InputError:
    how = f"{size / 2**20:.1f} MB" if size is not None else f"more than {MAX_BYTES // 2**20} MB"
    return InputError(
        f"{source} is too large ({how}; the limit is {MAX_BYTES // 2**20} MB)",
        "a work report is well under 1 MB: check it is the right file, or extract the report first",
    )


def _from_bytes(data: bytes, source: str, suffix: str, encoding: str | None) -> Document:
    if len(data) > MAX_BYTES:
        raise _too_large(source, len(data) if len(data) > MAX_BYTES + 1 else None)
    if not data:
        raise InputError(f"{source} is empty", _FIX_EMPTY)
    fmt = _sniff(data, suffix, source)
    if fmt == "pdf":
        return _build(_pdf_text(data, source), source, "pdf", None)
    if fmt == "docx":
        raw, title = _docx_text(data, source)
        return _build(raw, source, "docx", None, title=title)
    declared = None
    if fmt == "html" and (m := _META_CHARSET.search(data[:4096])):
        declared = m.group(1).decode("ascii", "ignore")
    text, used = _decode(data, source, encoding, declared)
    if fmt == "html" or _HTML_SNIFF.match(text[:1024].encode("utf-8", "ignore")):  # e.g. UTF-16 HTML
        body, title, published = _html_text(text, source)
        return _build(body, source, "html", used, title=title, published=published)
    return _build(text, source, "txt", used)


def _read_capped(fd: int) -> bytes:
    """At most ``MAX_BYTES + 1`` bytes from ``fd``, whatever it is (a file, a pipe, /dev/zero)."""
    chunks: list[bytes] = []
    left = MAX_BYTES + 1
    while left > 0:
        chunk = os.read(fd, min(left, 1 << 20))
        if not chunk:
            break
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def _open_error(name: str, exc: OSError) -> InputError:
    if exc.errno == errno.ENOENT:
        return InputError(f"no such file: {name}", "check the path (or pass '-' to read stdin)")
    if exc.errno == errno.ELOOP:
        return InputError(
            f"cannot read {name}: a loop of symbolic links", "point the link at the report file"
        )
    if exc.errno == errno.ENAMETOOLONG:
        return InputError(f"cannot read {name[:60]}…: the file name is too long", "check the path")
    return InputError(f"cannot read {name}: {exc.strerror or exc}", "check the path and its permissions")


def _read_path(path: Path, encoding: str | None) -> Document:
    try:
        path = path.expanduser()
    except RuntimeError:  # ~nosuchuser/x.txt
        user = str(path).split("/", 1)[0]
        raise InputError(
            f"cannot read {shown(path)}: there is no user {user[1:]!r} for {user}", "check the path"
        ) from None
    name = shown(path)
    try:
        st = os.stat(path)
        if stat.S_ISDIR(st.st_mode):
            raise InputError(
                f"{name} is a directory", "pass a report file in it (.txt, .html, .pdf or .docx)"
            )
        if not (stat.S_ISREG(st.st_mode) or stat.S_ISFIFO(st.st_mode) or stat.S_ISCHR(st.st_mode)):
            kind = (
                "a block device"
                if stat.S_ISBLK(st.st_mode)
                else "a socket"
                if stat.S_ISSOCK(st.st_mode)
                else "not a file"
            )
            raise InputError(f"{name} is {kind}", "pass a report file")
        if stat.S_ISREG(st.st_mode) and st.st_size > MAX_BYTES:
            raise _too_large(name, st.st_size)
        # A FIFO is opened without blocking (no writer yet: read as empty, never a hang).
        fd = os.open(path, os.O_RDONLY | os.O_CLOEXEC | (os.O_NONBLOCK if stat.S_ISFIFO(st.st_mode) else 0))
    except OSError as exc:
        raise _open_error(name, exc) from None
    except ValueError:  # a NUL character in the path
        raise InputError(
            f"cannot read {name!r}: a path cannot hold a NUL character", "check the path"
        ) from None
    try:
        if os.isatty(fd):
            raise InputError(f"{name} is a terminal", "pass a report file, or pipe one into '-'")
        if stat.S_ISFIFO(st.st_mode):
            fcntl.fcntl(fd, fcntl.F_SETFL, fcntl.fcntl(fd, fcntl.F_GETFL) & ~os.O_NONBLOCK)
        data = _read_capped(fd)
    except OSError as exc:
        raise _open_error(name, exc) from None
    finally:
        os.close(fd)
    if not data and stat.S_ISFIFO(st.st_mode):
        raise InputError(
            f"{name} is a FIFO (named pipe) that nothing was written to", "start its writer first"
        )
    return _from_bytes(data, name, path.suffix.lower(), encoding)


_STDIN_READ: set[int] = set()  # id() of the stdin objects already read to the end


def _read_stdin(encoding: str | None) -> Document:
    stdin = sys.stdin
    if stdin is None or stdin.closed:
        raise InputError("there is no stdin to read '-' from", "pass a report file instead of '-'")
    if stdin.isatty():
        raise InputError(
            "stdin is a terminal: no report was piped in",
            "pipe one in (… | reportdiff sections -) or pass a file",
        )
    data = stdin.buffer.read(MAX_BYTES + 1)
    if not data and id(stdin) in _STDIN_READ:
        raise InputError(
            "stdin can be read only once, and it was read already", "pass at most one report as '-'"
        )
    _STDIN_READ.add(id(stdin))
    return _from_bytes(data, "<stdin>", "", encoding)


def _names_a_file(text: str) -> bool:
    """Whether a str names something on disk (also a dangling or looping symbolic link)."""
    if not text.strip() or "\n" in text:
        return False
    try:
        os.lstat(Path(text).expanduser())
        return True
    except (OSError, ValueError, RuntimeError):
        return False


def read(source: str | Path, *, encoding: str | None = None) -> Document:
    """Read a report from a path, ``"-"`` (stdin) or report text itself.

    A :class:`~pathlib.Path` is always a file (the CLI passes every argument but ``-`` as one). A
    ``str`` is report text when it contains a newline or names nothing on disk (unless it ends with
    .txt/.html/.htm/.pdf/.docx: then "no such file"). ``encoding`` forces the codec of text and
    HTML input (``"gbk"``; ``"utf-8:replace"`` shows invalid bytes as �). Every source is read
    through a ``MAX_BYTES`` cap. Raises :class:`InputError` or :class:`MissingExtraError` with a
    one-line cause and fix, :class:`~reportdiff.errors.ArgumentTypeError` (a ``TypeError``) for a
    source that is not a str or a path; inputs are never modified.
    """
    if isinstance(source, os.PathLike) and not isinstance(source, Path):
        source = Path(os.fsdecode(os.fspath(source)))
    if not isinstance(source, (str, Path)):
        fix = (
            "decode the bytes first (data.decode('utf-8')), or write them to a file and pass its Path"
            if isinstance(source, (bytes, bytearray))
            else "pass a pathlib.Path, '-' for stdin, or the report text as a str"
        )
        raise ArgumentTypeError(
            f"source must be a path, '-', report text or a Report, not {type_name(source)}", fix
        )
    if encoding is not None and not isinstance(encoding, str):
        raise ArgumentTypeError(f"encoding must be a str, not {type_name(encoding)}", "e.g. encoding='gbk'")
    if isinstance(source, Path):
        return _read_path(source, encoding)
    if source == "-":
        return _read_stdin(encoding)
    if _names_a_file(source):
        return _read_path(Path(source), encoding)
    if "\n" not in source and source.strip().lower().endswith(PATH_SUFFIXES):
        raise InputError(f"no such file: {source}", "check the path (or pass '-' to read stdin)")
    if len(source) > MAX_BYTES:
        raise _too_large("<text>", len(source))
    return _build(source, "<text>", "text", None)
