"""Stage 1: read a report from a file, stdin or a string, and normalise its text.

Formats: plain text (UTF-8/16, GBK/GB18030, Big5 …), HTML pages, PDF (extra ``pdf``) and DOCX
(extra ``docx``). Every format ends as :func:`normalise`-d text, one paragraph per line, with web
page chrome (breadcrumbs, 附件下载, 版权所有 …) dropped from its top and bottom, plus metadata
(title, region, year, delivery date). Rules and examples: ``docs/ingest.md``.
"""

from __future__ import annotations

import codecs
import contextlib
import datetime as _dt
import io
import itertools
import re
import sys
import zipfile
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from .errors import InputError, MissingExtraError

MAX_BYTES = 20 * 1024 * 1024  # inputs larger than this are refused
PATH_SUFFIXES = (".txt", ".html", ".htm", ".pdf", ".docx")


@dataclass(frozen=True)
class Document:
    """A report's normalised text and what was learnt while reading it.

    Attributes:
        text: the normalised text, one paragraph per line (every later offset points into it).
        source: the path read, ``"<stdin>"`` or ``"<text>"``.
        format: ``txt``, ``html``, ``pdf``, ``docx`` or ``text`` (a string passed directly).
        encoding: the encoding the bytes were decoded with (None for a str, PDF or DOCX).
        title: the report's title (e.g. ``2023年政府工作报告``), or None.
        region: the government that delivered it (南安市, 福建省, 国务院 …), or None.
        year: the report's year (the year whose plan it sets), or None.
        date: the delivery date as ISO ``YYYY-MM-DD`` when stated, or None.
    """

    text: str
    source: str
    format: str
    encoding: str | None = None
    title: str | None = None
    region: str | None = None
    year: int | None = None
    date: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "format": self.format,
            "encoding": self.encoding,
            "title": self.title,
            "region": self.region,
            "year": self.year,
            "date": self.date,
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
_TABLE_CHARS = re.compile("[" + "".join(map(re.escape, _SPEC)) + "]")
_DASH_CHARS = "．\\-－–—~～―−〜‒"
_NUMERIC = re.compile(rf"\d[\d.%‰]*[{_DASH_CHARS}][\d.%‰{_DASH_CHARS}]*\d")  # where _CONTEXT may apply
_CONTEXT = re.compile(
    r"(?P<date>(?<![\d.．])(?:19|20)\d\d[-－–](?:0?[1-9]|1[0-2])[-－–](?:0?[1-9]|[12]\d|3[01])(?![\d.．]))"
    r"|(?P<phone>(?<!\d)0\d{2,3}[-－](?=\d{7,8}(?!\d)))"
    r"|(?<=\d)(?P<dot>．)(?=\d)"
    r"|(?<=\d)(?P<pct>[%‰]?)(?:——|[—–－~～\-―−〜‒])(?=\d)"
)
_MULTISPACE = re.compile(" {2,}")


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

_CHROME_SHORT = re.compile(
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
_CHROME_FOOTER = re.compile(r".*(?:版权所有|ICP备|ICP证|公网安备|网站标识码|Copyright|©|网站地图).*", re.I)
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
    keep = [True] * len(lines)
    for order in (range(len(lines)), range(len(lines) - 1, -1, -1)):
        seen = 0
        for i in order:
            if seen >= CHROME_WINDOW:
                break
            keep[i] = not is_chrome(lines[i])
            seen += keep[i]
    return [ln for ln, k in zip(lines, keep, strict=True) if k]


# ---------------------------------------------------------------- metadata

_CN_DIGITS = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0, "○": 0}
_NUM = r"\d{1,2}|[一二三四五六七八九十]{1,3}"
_DATE = re.compile(rf"(\d{{4}}|[〇零○一二三四五六七八九]{{4}})\s*年\s*({_NUM})\s*月\s*({_NUM})\s*日")
_DELIVERY = re.compile(_DATE.pattern + r"(?=[^。]{0,60}?(?:人民代表大会|会议))")
_CONGRESS = re.compile(
    r"在\s*([^\s，。、；：“”（）()]{0,24}?)\s*第?[一二三四五六七八九十\d]{1,4}\s*届\s*(全国)?\s*人民代表大会"
)
_LEADER = re.compile(
    r"([\u4e00-\u9fff]{2,20}?)(?:人民政府)?(?:代理?|常务副)?(?:省长|市长|区长|县长|主席|旗长|州长|盟长)"
)
_ON_BEHALF = re.compile(r"我代表([\u4e00-\u9fff]{2,20}?)(?:人民政府|，|,|向)")
_ADMIN = re.compile(r".+?(?:特别行政区|自治区|自治州|自治县|自治旗|省|市|区|县|旗|盟)")
_SHORT_NAMES = dict(
    zip(
        ("广西", "宁夏", "新疆", "西藏", "内蒙古"),
        ("广西壮族", "宁夏回族", "新疆维吾尔", "西藏", "内蒙古"),
        strict=True,
    )
)
_GENERIC = {"自治区", "全省", "全市", "全区", "全县", "本市", "我市", "我省", "我区"}
_TITLE = re.compile(r"(.{0,30}?政府工作报告)")
_TITLE_YEAR = re.compile(r"(\d{4})\s*年[^\n]{0,20}?政府工作报告")
_TITLE_REGION = re.compile(r"(?:\d{4}年)?([\u4e00-\u9fff]{2,20}?)(?:\d{4}年)?(?:人民)?政府工作报告")
_PLAN_YEAR = re.compile(r"(\d{4})\s*年[^。，\n]{0,12}?(?:主要预期目标|目标任务|重点工作|工作安排|总体要求)")
_REVIEW_YEAR = re.compile(r"(\d{4})\s*年[^。，\n]{0,15}?回顾")


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
_GOOD_NON_HAN = re.compile(
    "[\t\n\r\x20-\x7e\xa0\xb0\xb7\xd7\u2000-\u206f\u2100-\u218f\u2460-\u24ff\u2500-\u25ff\u3000-\u303f"
    "\uff01-\uff5e\uffe0-\uffe6]"
)
_HAN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


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


def _decode(data: bytes, source: str, encoding: str | None, declared: str | None = None) -> tuple[str, str]:
    """Decode bytes to str; returns (text, codec name). The order is documented in docs/ingest.md."""
    if encoding:
        try:
            name = codecs.lookup(encoding).name
        except LookupError:
            raise InputError(
                f"unknown encoding {encoding!r}", "use a codec name: utf-8, gb18030, big5, utf-16"
            ) from None
        try:
            return data.decode(name), name
        except UnicodeDecodeError as e:
            cause = f"{source} is not valid {encoding}: {data[e.start : e.start + 4]!r} at byte {e.start}"
            raise InputError(
                cause, "omit the encoding to auto-detect it, or pass the file's real one"
            ) from None
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
_WS = re.compile(r"[ \t\r\n\f]+")
_MEANINGFUL = re.compile(r"[\u4e00-\u9fff\w]")
_PUBLISHED = re.compile(r"(?:发布|发表)(?:时间|日期)[:：]\s*(\d{4})\D(\d{1,2})\D(\d{1,2})")
_PUBDATE_META = ("pubdate", "publishdate", "firstpublishedtime", "article:published_time", "date")


def _html_text(page: str) -> tuple[str, str | None, _dt.date | None]:
    """The report text of an HTML page (one block per line), its title and publication date.

    Each block element's own text (without links and nested blocks) scores for the block itself and
    its parent, half for its grandparent; the best-scoring (deepest on ties) block is the report.
    """
    from selectolax.lexbor import LexborHTMLParser

    tree = LexborHTMLParser(page)
    titles = [n.text(strip=True) for n in tree.css("title, h1, h2")]
    titles += [str(n.attributes.get("content") or "") for n in tree.css('meta[name="ArticleTitle"]')]
    title = next((t for t in titles if "报告" in t), titles[0] if titles else None)
    published = None
    for node in tree.css("meta[name], meta[property]"):
        key = str(node.attributes.get("name") or node.attributes.get("property") or "").lower()
        if key in _PUBDATE_META and (
            m := re.match(r"(\d{4})\D(\d{1,2})\D(\d{1,2})", str(node.attributes["content"]))
        ):
            published = _dt.date(*map(int, m.groups()))
    body = tree.body
    if body is None:
        return "", title, published
    if published is None and (m := _PUBLISHED.search(body.text())):
        published = _dt.date(*map(int, m.groups()))
    nodes: list[tuple[Any, int]] = []  # (block node, depth)
    scores: list[float] = []

    def visit(node: Any, stack: list[int]) -> int:
        if is_block := node.tag in _BLOCK:
            nodes.append((node, len(stack)))
            scores.append(0.0)
            stack = [*stack, len(nodes) - 1]
        own = 0
        for child in node.iter(include_text=True):
            if child.tag == "-text":
                own += len(_MEANINGFUL.findall(child.text(deep=False)))
            elif child.tag == "a":
                visit(child, stack)  # link text is not report text
            elif child.tag not in _JUNK:
                own += visit(child, stack)
        if not is_block:
            return own
        if own >= 10:
            for weight, i in zip((1.0, 1.0, 0.5), reversed(stack), strict=False):
                scores[i] += own * weight
        return 0

    visit(body, [])
    best = max(range(len(nodes)), key=lambda i: (scores[i], nodes[i][1]), default=None)
    if best is None or not scores[best]:
        return "", title, published
    out: list[str] = []

    def emit(node: Any) -> None:
        for child in node.iter(include_text=True):
            if child.tag == "-text":
                out.append(_WS.sub(" ", child.text(deep=False)))
            elif child.tag == "br":
                out.append("\n")
            elif child.tag in ("td", "th"):
                emit(child)
                out.append(" ")
            elif child.tag in _BLOCK:
                out.append("\n")
                emit(child)
                out.append("\n")
            elif child.tag not in _JUNK:
                emit(child)

    emit(nodes[best][0])
    return "".join(out), title, published


# ---------------------------------------------------------------- PDF

_TERMINAL = (*"。！？：；”…!?;:", "会议上")
_HEADING = re.compile(
    r"(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[）)]|第[一二三四五六七八九十]+[部分章节篇]|\d{1,2}[.．、](?!\d))"
)
_PAGE_NUMBER = re.compile(r"[-—–\s]*(?:第\s*)?\d{1,4}\s*页?\s*(?:[/／]\s*\d{1,4}|共\s*\d{1,4}\s*页)?[-—–\s]*")


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


def _docx_text(data: bytes, source: str) -> tuple[str, str | None]:
    try:
        import docx
        from docx.table import Table
        from docx.text.paragraph import Paragraph
    except ImportError:
        raise MissingExtraError(
            f"reading DOCX needs python-docx ({source})", "pip install 'reportdiff[docx]'"
        ) from None
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as e:  # python-docx raises KeyError, XMLSyntaxError, ValueError …
        raise InputError(f"{source} is a damaged DOCX ({type(e).__name__})", "re-save it from Word") from None
    lines: list[str] = []
    for el in document.element.body.iterchildren():
        tag = el.tag.rsplit("}", 1)[-1]
        if tag == "p":
            lines.append(Paragraph(el, document).text)
        elif tag == "tbl":  # one line per row; a merged cell repeats in row.cells, keep it once
            for row in Table(el, document).rows:
                cells = [c for i, c in enumerate(row.cells) if i == 0 or c._tc is not row.cells[i - 1]._tc]
                lines.append(" ".join(c.text.replace("\n", " ") for c in cells))
    return "\n".join(lines), document.core_properties.title or None


# ---------------------------------------------------------------- reading


def _sniff(data: bytes, suffix: str, source: str) -> str:
    """The format of ``data``: content wins over the file name."""
    if data[:1024].lstrip().startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as z:
                if "word/document.xml" in z.namelist():
                    return "docx"
        except zipfile.BadZipFile:
            pass
        raise InputError(f"{source} is a ZIP archive, not a DOCX report", "unzip it and pass the report file")
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise InputError(f"{source} is a legacy .doc/.xls file", "save it as .docx from Word or LibreOffice")
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
    text = "\n".join(strip_chrome(normalise(raw).split("\n")))
    if not text:
        what = "contains only whitespace" if raw and not raw.strip() else "has no report text"
        raise InputError(f"{source} {what}" + (" in its HTML body" if fmt == "html" else ""), _FIX_EMPTY)
    return Document(text=text, source=source, format=fmt, encoding=encoding, **metadata(text, **hints))


_FIX_EMPTY = "pass a file that contains the report text"


def _too_large(source: str, size: int) -> InputError:
    return InputError(
        f"{source} is too large ({size / 2**20:.1f} MB; the limit is {MAX_BYTES // 2**20} MB)",
        "a work report is well under 1 MB: check it is the right file, or extract the report first",
    )


def _from_bytes(data: bytes, source: str, suffix: str, encoding: str | None) -> Document:
    if len(data) > MAX_BYTES:
        raise _too_large(source, len(data))
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
        body, title, published = _html_text(text)
        return _build(body, source, "html", used, title=title, published=published)
    return _build(text, source, "txt", used)


def _read_path(path: Path, encoding: str | None) -> Document:
    shown = str(path)
    try:
        if path.is_dir():
            raise InputError(
                f"{shown} is a directory", "pass a report file in it (.txt, .html, .pdf or .docx)"
            )
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise _too_large(shown, size)
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"no such file: {shown}", "check the path (or pass '-' to read stdin)") from None
    except OSError as e:
        raise InputError(f"cannot read {shown}: {e.strerror}", "check the path and its permissions") from None
    return _from_bytes(data, shown, path.suffix.lower(), encoding)


def read(source: str | Path, *, encoding: str | None = None) -> Document:
    """Read a report from a path, ``"-"`` (stdin) or report text itself.

    A ``str`` is report text when it contains a newline, is longer than 260 characters, or names
    no existing file (unless it ends with .txt/.html/.htm/.pdf/.docx: then "no such file").
    ``encoding`` forces the codec of text and HTML input. Raises :class:`InputError` or
    :class:`MissingExtraError` with a one-line cause and fix; inputs are never modified.
    """
    if isinstance(source, Path):
        return _read_path(source.expanduser(), encoding)
    if source == "-":
        return _from_bytes(sys.stdin.buffer.read(MAX_BYTES + 1), "<stdin>", "", encoding)
    if source.strip() and "\n" not in source and len(source) <= 260:
        path = Path(source).expanduser()
        try:
            exists = path.exists()
        except (OSError, ValueError):  # e.g. a NUL character or an over-long name
            exists = False
        if exists:
            return _read_path(path, encoding)
        if source.strip().lower().endswith(PATH_SUFFIXES):
            raise InputError(f"no such file: {source}", "check the path (or pass '-' to read stdin)")
    if len(source) > MAX_BYTES:
        raise _too_large("<text>", len(source))
    return _build(source, "<text>", "text", None)
