"""Stage 2: the structure of a report — parts, sections, paragraphs, sentences, clauses.

:func:`parse` reads a normalised :class:`~reportdiff.ingest.Document` (one paragraph per line) and finds

* **headings** — ``一、`` / ``第一部分`` (level 1), ``（一）`` / ``(一)`` (level 2),
  ``1.`` / ``（1）`` / ``［1］`` (level 3), unnumbered standalone title lines (``2024年工作回顾``)
  and short lead sentences (``大力提振消费。``) that open a paragraph;
* **sections** — an outline built from those headings, with dotted ordinal paths (``"2.3"``);
* **parts** — review / plan / five_year / self / other, from the titles in :data:`PART_RULES`
  and, where a title is ambiguous or mixed, from cue words that open a paragraph;
* **paragraphs**, **sentences** and **clauses**, all as offsets into the text.

``docs/structure.md`` describes the rules with examples and their known limits.

>>> from reportdiff.ingest import Document
>>> text = "各位代表：\\n一、2024年工作回顾\\n粮食产量稳定。\\n二、2025年工作安排\\n"
>>> text += "（一）扩大内需。新建农田2000亩，改造7000亩。"
>>> report = parse(Document(text=text, source="<text>", format="text"))
>>> for s in report.sections:
...     print(s.path, s.title, s.part.value)
0  other
1 2024年工作回顾 review
2 2025年工作安排 plan
2.1 扩大内需 plan
>>> s = report.sentences[-1]
>>> s.text, [report.clause_text(s, c) for c in s.clauses]
('新建农田2000亩，改造7000亩。', ['新建农田2000亩', '改造7000亩'])
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import Enum
from functools import cached_property
from pathlib import Path
from typing import Any, TypeVar

from . import _regex
from .ingest import Document, read

_T = TypeVar("_T")


class Part(str, Enum):
    """The part of a report a section belongs to."""

    REVIEW = "review"  # last year's (or the last five years') work: 工作回顾, 过去一年
    PLAN = "plan"  # this year's targets and tasks: 主要预期目标, 重点工作, 民生实事 appendices
    FIVE_YEAR = "five_year"  # 十四五/十五五 period goals
    SELF = "self"  # 政府自身建设
    OTHER = "other"  # preamble, closing words


@dataclass(frozen=True)
class Span:
    """A slice ``report.text[start:end]``."""

    start: int
    end: int


@dataclass(frozen=True)
class Section:
    """A heading and everything under it up to the next heading of the same or higher level.

    Attributes:
        path: dotted ordinal path, ``"2"`` for 二、, ``"2.3"`` for its （三）; ``"0"`` is the preamble and a
            heading found before any top-level heading hangs under it (``"0.1"``). Ordinals are the printed
            numbers where they run forward, else the position among siblings (unnumbered headings).
        title: the heading text without its number and closing punctuation (``2022年政府工作回顾``).
        level: depth in the outline — the number of components of ``path`` (0 for the preamble). Usually 1 for
            一、/第一部分, 2 for （一）, 3 for 1./（1）; unnumbered titles and lead sentences take the level
            their place in the outline gives them.
        part: the part of the report at the heading (a few sections switch part inside, see
            :meth:`Report.part_of`).
        start: offset where the heading starts.
        end: offset where the section (with its subsections) ends: the end of its last paragraph.
        heading_end: offset where the heading ends (after its 。 when the heading opens a paragraph).
    """

    path: str
    title: str
    level: int
    part: Part
    start: int
    end: int
    heading_end: int

    def to_dict(self) -> dict[str, Any]:
        return {"path": self.path, "title": self.title, "level": self.level, "part": self.part.value}


@dataclass(frozen=True)
class Sentence:
    """A sentence (ended by 。！？； or a line end), with its clauses.

    Attributes:
        text: ``report.text[start:end]``.
        start, end: offsets into the report text.
        section: index into ``Report.sections`` of the innermost section holding it.
        part: the part of the report at the sentence — its section's part, except in the closing words
            (other) and where a mixed section changes part at a cue paragraph.
        clauses: spans of its clauses (split at ，；、： and before 其中), covering the sentence without the
            separators and the final 。！？.
    """

    text: str
    start: int
    end: int
    section: int
    part: Part
    clauses: tuple[Span, ...] = ()


@dataclass(frozen=True)
class Report:
    """A loaded report: normalised text, metadata and structure.

    Attributes:
        document: what ingestion produced (text, source, title, region, year, date).
        sections: every section in text order; index 0 is the preamble.
        paragraphs: span of every non-empty line.
        sentences: every sentence in text order.
        paragraph_parts: the part of each paragraph (parallel to ``paragraphs``).
    """

    document: Document
    sections: tuple[Section, ...]
    paragraphs: tuple[Span, ...]
    sentences: tuple[Sentence, ...] = field(repr=False)
    paragraph_parts: tuple[Part, ...] = field(default=(), repr=False)

    @property
    def text(self) -> str:
        return self.document.text

    @property
    def source(self) -> str:
        return self.document.source

    @property
    def title(self) -> str | None:
        return self.document.title

    @property
    def region(self) -> str | None:
        return self.document.region

    @property
    def year(self) -> int | None:
        return self.document.year

    @cached_property
    def _section_starts(self) -> list[int]:
        return [s.start for s in self.sections]

    @cached_property
    def _paragraph_starts(self) -> list[int]:
        return [p.start for p in self.paragraphs]

    def memo(self, key: tuple[Any, ...], compute: Callable[[], _T]) -> _T:
        """``compute()``, once per report and ``key``: what later stages derive from a report alone
        (its commitments, its initiatives) is worked out once, however many comparisons use it."""
        store: dict[tuple[Any, ...], Any] = self.__dict__.setdefault("_memo", {})
        if key not in store:
            store[key] = compute()
        return store[key]  # type: ignore[no-any-return]

    def section_at(self, offset: int) -> Section:
        """The innermost section holding ``offset``."""
        i = bisect.bisect_right(self._section_starts, offset) - 1
        while i > 0 and not (self.sections[i].start <= offset < self.sections[i].end):
            i -= 1
        return self.sections[max(i, 0)]

    def sections_in(self, part: Part | str) -> list[Section]:
        """The sections whose heading lies in ``part``."""
        p = Part(part)
        return [s for s in self.sections if s.part is p]

    def paragraph_at(self, offset: int) -> Span:
        """The paragraph holding ``offset`` (between paragraphs: the one before)."""
        i = bisect.bisect_right(self._paragraph_starts, offset) - 1
        return self.paragraphs[max(i, 0)] if self.paragraphs else Span(0, len(self.text))

    def part_of(self, where: Sentence | int) -> Part:
        """The part of a sentence, or of the text at an offset (between paragraphs: the preceding one)."""
        if isinstance(where, Sentence):
            return where.part
        if not self.paragraph_parts:
            return self.section_at(where).part
        i = bisect.bisect_right(self._paragraph_starts, where) - 1
        return self.paragraph_parts[max(i, 0)]

    def clause_text(self, sentence: Sentence, span: Span) -> str:
        """The text of one of ``sentence``'s clauses (``span`` holds report offsets)."""
        return self.text[max(span.start, sentence.start) : min(span.end, sentence.end)]

    def parts(self) -> dict[Part, int]:
        """Characters of text in each part."""
        out: dict[Part, int] = {}
        for s in self.sentences:
            out[s.part] = out.get(s.part, 0) + len(s.text)
        return out

    def sentences_in(self, part: Part | str | None = None) -> list[Sentence]:
        """The sentences of one part (all sentences for None or ``"all"``)."""
        if part is None or part == "all":
            return list(self.sentences)
        p = Part(part)
        return [s for s in self.sentences if s.part is p]

    def __repr__(self) -> str:
        parts = ", ".join(f"{p.value} {n}" for p, n in self.parts().items())
        top = sum(1 for s in self.sections if s.level == 1)
        return (
            f"<Report {self.region or '?'} {self.year or '?'}: {len(self.sections)} sections "
            f"({top} top-level), {len(self.sentences)} sentences ({parts} chars)>"
        )

    def _repr_html_(self) -> str:
        from ._templates import render_report

        return render_report(self.to_dict())

    def to_dict(self) -> dict[str, Any]:
        return {
            "report": {
                "title": self.title,
                "region": self.region,
                "year": self.year,
                "source": self.source,
                "date": self.document.date,
            },
            "sections": [s.to_dict() for s in self.sections],
        }


# -- Part rules ------------------------------------------------------------------------------------------

_SELF_RE = _regex.compile(
    r"自身建设|政府\w{0,4}治理|满意的?\w{0,8}政府|服务型政府|法治型?政府|廉洁政府|贯穿政府工作"
)
_REVIEW_RE = _regex.compile(r"回顾|总结|成就|成绩|成效|新进展|过去|一年来|五年来")
_OPENING_RE = _regex.compile(r"开好局|起好步|开局之年")
_FIVE_YEAR_RE = _regex.compile(
    r"十[一二三四五六七八九]五|今后五年|未来五年|五年规划|规划纲要|到20[3-5]0年|现代化\w*篇章"
)
_YEAR_RE = _regex.compile(r"(?:19|20)\d\d\s?年|今年|年度")
_PLAN_RE = _regex.compile(
    r"(?:19|20)\d\d\s?年|今年|年度|工作安排|重点工作|工作任务|主要任务|重点任务|目标任务"
    r"|预期目标|总体要求|政策取向|工作思路|实事"
)
_APPENDIX_RE = _regex.compile(r"名词|注释|注解|说明|附件|附录")

#: How a heading title names its part: the first (pattern, part) whose pattern occurs in the title wins.
#: Titles of top-level sections decide; subsections inherit, except for the overrides in ``_own_part``.
PART_RULES: tuple[tuple[re.Pattern[str], Part], ...] = (
    # 加强政府自身建设 · 全面提升政府治理效能 · 努力建设人民满意的服务型政府
    (_SELF_RE, Part.SELF),
    # 2024年工作回顾 · “十四五”时期发展成就 · 过去一年工作回顾 · 新福建建设取得新成效
    (_REVIEW_RE, Part.REVIEW),
    # 全力推动“十五五”开好局、起好步: this year's work, though it names the five-year plan
    (_OPENING_RE, Part.PLAN),
    # “十五五”时期主要目标任务 · 规划纲要（草案）的说明 · 奋力谱写中国式现代化福建篇章
    (_FIVE_YEAR_RE, Part.FIVE_YEAR),
    # 2025年工作安排 · 重点工作 · 政府工作任务 · 主要预期目标 · 附件1 2025年省十件民生实事
    (_PLAN_RE, Part.PLAN),
    # 名词解释 · 注释 · 附件 (without 民生实事)
    (_APPENDIX_RE, Part.OTHER),
)

#: Cue paragraphs, by their opening words: where the second part of a mixed section starts, and what an
#: ambiguous title's section is about. The five-year cue also takes the report's latest plan name (“十五五”…).
_PLAN_CUE_RE = _regex.compile(r"^(?:今年|明年|做好今年)|主要预期目标")
_FIVE_YEAR_CUE_RE = _regex.compile(
    r"^(?:今后|未来)五年|五年规划的?建议|规划纲要|纲要（草案）|纲要草案|《纲要"
)
_REVIEW_CUE_RE = _regex.compile(r"^(?:过去一年|过去的一年|一年来|过去五年|五年来|这五年|刚刚过去的|回顾)")
#: a self-building appeal after the last task, in the opening words of a 各位代表 paragraph
#: (各位代表！…做好新形势下的政府工作… · …持续加强政府自身建设…), or anywhere (…对政府工作提出了新的更高要求)
_SELF_CUE_RE = _regex.compile(
    r"自身建设|政府\w{0,4}治理|政府\w{0,2}履职|满意的?\w{0,8}政府|法治政府|各级政府|政府系统|政府工作要"
    r"|做好\w{0,6}政府工作|贯穿于?政府工作|对(?:加强)?政府\w{0,6}(?:提出|考验)"
)
_SELF_DUTY_RE = _regex.compile(r"对(?:加强)?政府\w{0,6}提出")
#: the closing appeal: the last paragraph with 更加紧密地团结在…, else the last 各位代表！…让我们…
_CLOSING_RES = (
    _regex.compile(r"紧密(?:地)?团结在|团结在以习近平同志为核心的党中央周围"),
    _regex.compile(r"^各位代表.{0,80}让我们|^让我们"),
)
_ADDRESS_RE = _regex.compile(r"各位代表[：:，,！!]?")
_FIVE_NAME_RE = _regex.compile(r"十([一二三四五六七八九])五")

# -- Headings --------------------------------------------------------------------------------------------

_NUM = "一二三四五六七八九十"
_CN_DIGITS = "〇一二三四五六七八九十"
_H1_RE = _regex.compile(
    rf"第(?P<a>[{_NUM}]{{1,3}})部分[、，,：:\s]?|(?P<b>[{_NUM}]{{1,3}})、|第(?P<c>[{_NUM}]{{1,3}})[，,、]"
)
_H2_RE = _regex.compile(rf"[（(](?P<a>[{_NUM}]{{1,3}})[）)]\s*")
_H3_RE = _regex.compile(
    r"(?P<a>\d{1,2})[.．、](?![\d%])\s*|[（(](?P<b>\d{1,2})[）)]\s*|[［\[](?P<c>\d{1,2})[］\]]\s*"
)
#: "3.10种有色金属": a number before a digit is a list item only as the next item of a list
_H3_NEXT_RE = _regex.compile(r"(?P<a>\d{1,2})[.．]")
_NUMBERED: tuple[tuple[re.Pattern[str], float], ...] = ((_H1_RE, 1.0), (_H2_RE, 2.0), (_H3_RE, 3.0))
_LEAD_RANK = 4.0
#: "一是聚焦全方位扩大内需，着力提消费促投资" as a standalone title line
_ENUM_RE = _regex.compile(rf"([{_NUM}]{{1,3}})是")
#: a line that cannot continue a title broken over two lines: a numbered or enumerated line, a clause
_NO_CONTINUATION_RE = _regex.compile(
    rf"^(?:[{_NUM}]+[是要、]|\d{{1,2}}[.．、](?!\d)|[（(［\[]\d|[（(][{_NUM}])|[，,]"
)
#: where a heading opening a paragraph ends: its first 。！？； or a label's colon (1.“两重”：是指…)
_HEADING_STOP_RE = _regex.compile(r"[。！？；!?;]")
_LABEL_COLON_RE = _regex.compile(r"[：:]")
_TERMINAL = "。！？；!?;：:"
_CLOSERS = "”’」』）)"
_CJK2_RE = _regex.compile(r"[\u4e00-\u9fff].*[\u4e00-\u9fff]")
#: lines that are never titles: the address, dash lines, label: value lines, web-page chrome
_NOT_TITLE_RE = _regex.compile(
    r"^(?:各位代表|——|—|--|－)|[：:]|附件下载|扫一扫|打印本页|关闭窗口|责任编辑|【|字号|阅读人数|当前的?位置"
)
#: front matter (title, date, speaker), skipped when there is no 各位代表 line
_FRONT_RE = _regex.compile(
    r"政府工作报告|代表大会|会议上|^[—-]|[省市区州县]长|主席|当前的?位置|阅读人数|^\d{4}-\d\d"
)
#: a lead sentence opening a paragraph: short, without comma or digit (深化法治四川、平安四川建设。)
_LEAD_RE = _regex.compile(r"[^。！？；!?;，,、：:\d\s]{2,23}(?:、[^。！？；!?;，,、：:\d\s]{1,20})?。")
_LEAD_STOP_RE = _regex.compile(
    rf"^(?:各位代表|——|[{_NUM}]+[是要]|我们|今年|明年|过去|这|同时|此外|其中|但|当前|目前|总之|“?十[{_NUM}]五)"
    r"|是|以下|如下|方面工作|不平凡|不寻常"
)


@dataclass
class _Heading:
    para: int  # index of its (first) paragraph
    start: int
    end: int  # heading_end
    title: str
    rank: float  # 1 一、, 2 （一）, 3 1., 4 lead sentence; unnumbered titles: see _nest
    number: int | None
    lines: int = 1  # paragraphs it spans (a title broken over two lines)
    relative: bool = False  # an unnumbered title in a numbered outline (ranked by its place, see _nest)


def _cn_int(s: str) -> int:
    """一 → 1, 十一 → 11, 二十三 → 23; ASCII digits as they are."""
    if s.isdigit():
        return int(s)
    tens, ten, ones = s.partition("十")
    if not ten:
        return _CN_DIGITS.find(s[:1])
    return (_CN_DIGITS.find(tens) if tens else 1) * 10 + (_CN_DIGITS.find(ones) if ones else 0)


#: a line ending like this cannot end a sentence: the next line continues it (…发展的 / 主要预期目标 / 是：…)
_OPEN_END_RE = _regex.compile(r"[的和与及或、，,]$")
#: a line starting like this continues the one before
_CONTINUES_RE = _regex.compile(r"^(?:是[：:，,]|[，,、；;：:）)”’])")


def _paragraphs(text: str) -> list[Span]:
    """Non-empty lines, a line broken mid-sentence joined to the lines that finish it."""
    out: list[Span] = []
    for m in re.finditer(r"[^\n]+", text):
        line = m.group()
        body = line.strip()
        if not body:
            continue
        start = m.start() + len(line) - len(line.lstrip())
        span = Span(start, start + len(body))
        prev = text[out[-1].start : out[-1].end] if out else ""
        joined = prev and (_OPEN_END_RE.search(prev) or _CONTINUES_RE.match(body))
        if joined and not _H1_RE.match(body) and not _H2_RE.match(body):
            out[-1] = Span(out[-1].start, span.end)
        else:
            out.append(span)
    return out


def _complete(line: str) -> bool:
    """Whether a line ends a sentence (else it is a title, or a paragraph broken mid-sentence)."""
    stripped = line.rstrip(_CLOSERS)
    return bool(stripped) and stripped[-1] in _TERMINAL


def _is_title_line(line: str) -> bool:
    """A short standalone line without closing punctuation: a possible unnumbered title."""
    return (
        2 <= len(line) <= 30
        and line[-1] not in _TERMINAL + "，,、…"
        and _CJK2_RE.search(line) is not None
        and _NOT_TITLE_RE.search(line) is None
    )


def _numbered(text: str, p: Span, next_item: int) -> _Heading | None:
    """A numbered heading opening paragraph ``p``: its number, then its title up to 。 or a label's colon."""
    found = ((m, rank) for pattern, rank in _NUMBERED if (m := pattern.match(text, p.start, p.end)))
    m, rank = next(found, (_H3_NEXT_RE.match(text, p.start, p.end), 3.0))
    if m is None or (m.re is _H3_NEXT_RE and int(m.group("a")) != next_item):
        return None
    title_start = m.end()
    stop = _HEADING_STOP_RE.search(text, title_start, p.end)
    title_end, end = (stop.start(), stop.end()) if stop else (p.end, p.end)
    colon = _LABEL_COLON_RE.search(text, title_start, title_end)
    if colon and colon.start() - title_start <= 20:
        title_end, end = colon.start(), colon.end()
    while end < p.end and text[end] in _CLOSERS:
        end += 1
    title = text[title_start:title_end].strip().rstrip("，,、")
    if not re.search(r"\w", title):
        return None
    return _Heading(-1, p.start, end, title, rank, _cn_int(next(g for g in m.groups() if g)))


def _unnumbered(line: str, p: Span) -> _Heading:
    enum = _ENUM_RE.match(line)
    title, number = (line[enum.end() :], _cn_int(enum.group(1))) if enum else (line, None)
    return _Heading(-1, p.start, p.end, title, 1.0, number)


def _lead(text: str, p: Span) -> _Heading | None:
    """A short lead sentence opening paragraph ``p`` (``大力提振消费。``), printed bold in the original."""
    m = _LEAD_RE.match(text, p.start, p.end)
    if m is None or _LEAD_STOP_RE.search(m.group()):
        return None
    return _Heading(-1, p.start, m.end(), m.group()[:-1], _LEAD_RANK, None)


def _body_start(lines: list[str]) -> int:
    """Index of the first paragraph after the front matter (title, date, speaker, 各位代表：)."""
    for i, line in enumerate(lines[:20]):
        if _ADDRESS_RE.fullmatch(line):
            return i + 1
    i = 0
    while i < min(len(lines), 8) and _FRONT_RE.search(lines[i]):
        i += 1
    return i


def _closing(lines: list[str], body: int) -> int:
    """Index of the closing appeal, or of the standalone 各位代表！ before it (len(lines) if none)."""
    backwards = range(len(lines) - 1, body - 1, -1)
    found = (next((i for i in backwards if pattern.search(lines[i])), None) for pattern in _CLOSING_RES)
    last = next((i for i in found if i is not None), None)
    if last is None:
        return len(lines)
    return last - 1 if last > body and lines[last - 1].rstrip("！!，,") == "各位代表" else last


def _find_headings(text: str, paras: list[Span], lines: list[str], body: int, closing: int) -> list[_Heading]:
    has_h1 = any(_H1_RE.match(line) for line in lines[body:closing])
    out: list[_Heading] = []
    prev_complete = True  # a line after a line broken mid-sentence is its continuation, not a title
    next_item = 0  # the number the next 1./2./3. list item would have
    i = body
    while i < len(paras):
        p, line = paras[i], lines[i]
        h = _numbered(text, p, next_item)
        if h is None and prev_complete and _is_title_line(line):
            h = _unnumbered(line, p)
            h.relative = has_h1 and i < closing
        if h is None and out and i < closing:
            h = _lead(text, p)
        if h is None:
            prev_complete = _complete(line)
            i += 1
            continue
        h.para = i
        if h.end == p.end and i + 1 < len(paras) and not _complete(line):  # "三、持续提升政府" + "治理效能…"
            nxt = lines[i + 1]
            if _is_title_line(nxt) and len(nxt) <= 20 and not _NO_CONTINUATION_RE.search(nxt):
                joiner = " " if len(h.title) <= 4 or h.title[-1].isascii() else ""
                h.title, h.end, h.lines = h.title + joiner + nxt, paras[i + 1].end, 2
        out.append(h)
        if h.rank == 3.0 and h.number is not None:
            next_item = h.number + 1
        i += h.lines
        prev_complete = h.end == paras[i - 1].end or _complete(lines[i - 1])
    return out


# -- Outline ---------------------------------------------------------------------------------------------


@dataclass
class _Node:
    heading: _Heading
    parent: int  # index into the nodes, -1 for none (top-level, or under the preamble: path "0.k")
    path: str
    rank: float
    part: Part = Part.OTHER

    @property
    def level(self) -> int:
        return self.path.count(".") + 1


def _outline(headings: list[_Heading], closing_start: int) -> list[_Node]:
    """The outline of the headings, after dropping the lead sentences that are no subheadings.

    Lead sentences count only in runs of two or more under one heading, and never beside numbered subheadings
    (there they open an introduction, as in a review's five-year summary before its （一）).
    """
    nodes = _nest(headings, closing_start)
    leads: dict[int, list[int]] = {}
    others: set[int] = set()
    for k, n in enumerate(nodes):
        if n.rank == _LEAD_RANK:
            leads.setdefault(n.parent, []).append(k)
        else:
            others.add(n.parent)
    drop = {k for parent, ks in leads.items() if len(ks) == 1 or parent in others for k in ks}
    return _nest([n.heading for k, n in enumerate(nodes) if k not in drop], closing_start) if drop else nodes


def _nest(headings: list[_Heading], closing_start: int) -> list[_Node]:
    """Nest headings by rank. Unnumbered titles rank above 一、 before the first 一、 and after the closing
    words (appendices), else one half-step below the innermost open numbered heading."""
    top_rank = min((h.rank for h in headings if not h.relative), default=1.0)
    nodes: list[_Node] = []
    stack: list[int] = []  # open nodes
    last_ordinal: dict[int, int] = {}  # parent → last ordinal used
    seen_h1 = False
    for h in headings:
        rank = h.rank
        if h.start >= closing_start and h.number is None:
            rank = 0.0
        elif h.relative:
            base = [nodes[j].rank for j in stack if not nodes[j].heading.relative]
            base = [r for r in base if r < _LEAD_RANK]
            rank = base[-1] + 0.5 if base and seen_h1 else 0.0
        seen_h1 = seen_h1 or rank == 1.0
        while stack and nodes[stack[-1]].rank >= rank:
            stack.pop()
        parent = stack[-1] if stack else -1
        # a subsection before the first top-level heading hangs under the preamble (key -2)
        key = -2 if parent < 0 and rank > max(top_rank, 1.0) else parent
        prev = last_ordinal.get(key, 0)
        ordinal = h.number if h.number is not None and h.number > prev else prev + 1
        last_ordinal[key] = ordinal
        prefix = f"{nodes[parent].path}." if parent >= 0 else "0." if key < -1 else ""
        path = f"{prefix}{ordinal}"
        nodes.append(_Node(h, parent, path, rank))
        stack.append(len(nodes) - 1)
    return nodes


# -- Parts -----------------------------------------------------------------------------------------------


def _title_parts(title: str, forward: str) -> tuple[Part, ...]:
    """The parts a title names, in order: one, two for a mixed title, none when it is ambiguous."""
    part = next((p for pattern, p in PART_RULES if pattern.search(title)), None)
    if part is None:
        return ()
    if part is Part.REVIEW and forward and "和" in title and title.rfind(forward) > title.find("和"):
        return (Part.REVIEW, Part.FIVE_YEAR)  # “十四五”时期发展成就和“十五五”时期主要目标任务
    five, year = _FIVE_YEAR_RE.search(title), _YEAR_RE.search(title)
    if part is Part.FIVE_YEAR and five and year:  # “十五五”时期目标任务和2026年工作安排
        return (Part.FIVE_YEAR, Part.PLAN) if five.start() < year.start() else (Part.PLAN, Part.FIVE_YEAR)
    return (part,)


def _own_part(title: str, forward: str) -> Part | None:
    """The part a subsection's title imposes over its parent's: self, this year's plan or five-year goals."""
    if _SELF_RE.search(title):
        return Part.SELF
    if _YEAR_RE.search(title) or _OPENING_RE.search(title) or "预期目标" in title:
        return Part.PLAN
    if (forward and forward in title) or re.search(r"今后五年|未来五年|到20[3-5]0年", title):
        return Part.FIVE_YEAR
    return None


def _cue(line: str, forward: str) -> Part | None:
    """The part a paragraph's opening words announce, if any."""
    if _PLAN_CUE_RE.search(line):
        return Part.PLAN
    if (forward and forward in line[: 2 + len(forward)]) or _FIVE_YEAR_CUE_RE.search(line):
        return Part.FIVE_YEAR
    if _REVIEW_CUE_RE.search(line):
        return Part.REVIEW
    return None


def _forward_plan(text: str) -> str:
    """The latest five-year plan the report names (十五五 in the 2025 and 2026 reports)."""
    digits = {m.group(1) for m in _FIVE_NAME_RE.finditer(text)}
    return f"十{max(digits, key=_CN_DIGITS.index)}五" if digits else ""


def _top_parts(
    title: str, lines: list[str], forward: str, appendix: bool, prev: Part | None
) -> tuple[Part, ...]:
    """The part(s) of a top-level section: from its title, else its first paragraphs, else its place."""
    parts = _title_parts(title, forward)
    if parts:
        return parts
    if appendix:  # 附件 listing this year's 民生实事 is plan, any other appendix other
        return (Part.PLAN,) if any("实事" in line for line in lines[:3]) else (Part.OTHER,)
    cue = next((c for line in lines[:4] if (c := _cue(line, forward)) is not None), None)
    if cue is not None:
        return (cue,)
    return (Part.REVIEW if prev is None else Part.PLAN if prev is Part.REVIEW else prev,)


def _assign_parts(lines: list[str], nodes: list[_Node], body: int, closing: int, forward: str) -> list[Part]:
    """The part of every paragraph; sets each node's part on the way."""
    parts = [Part.OTHER] * len(lines)
    first = nodes[0].heading.para if nodes else len(lines)
    for i in range(body, first):  # the preamble is other, unless the review starts there without a heading
        if _REVIEW_CUE_RE.search(lines[i]) or (i > body and parts[i - 1] is Part.REVIEW):
            parts[i] = Part.REVIEW
    now: dict[int, Part] = {}  # node → the part in force in it
    top_of: list[int] = []  # node → its top-level ancestor
    pending: Part | None = None  # the second part of the current top-level section's mixed title
    prev_top: Part | None = None
    for k, node in enumerate(nodes):
        h = node.heading
        own = range(h.para, nodes[k + 1].heading.para if k + 1 < len(nodes) else len(lines))
        if node.parent < 0:
            top_of.append(k)
            found = _top_parts(h.title, lines[own.start : own.stop], forward, h.para >= closing, prev_top)
            part, pending, prev_top = found[0], (found[1] if len(found) > 1 else None), found[-1]
        else:
            top_of.append(top_of[node.parent])
            part = now[node.parent]
            own_part = _own_part(h.title, forward)
            if own_part is not None and part not in (Part.REVIEW, Part.SELF, Part.OTHER):
                if own_part is pending:  # the mixed section reaches its second part: later siblings follow
                    _switch(now, top_of, k, own_part)
                    pending = None
                part = own_part
        node.part = now[k] = part
        for i in own:
            if i > h.para and pending is not None and _cue(lines[i], forward) is pending:
                _switch(now, top_of, k, pending)
                pending = None
            parts[i] = now[k]
    _self_and_closing(lines, parts, nodes, closing)
    return parts


def _switch(now: dict[int, Part], top_of: list[int], k: int, part: Part) -> None:
    """Switch the sections of node ``k``'s top-level section, up to ``k``, to ``part`` (self ones stay)."""
    for j in range(top_of[k], k + 1):
        if top_of[j] == top_of[k] and now.get(j) is not Part.SELF:
            now[j] = part


def _self_and_closing(lines: list[str], parts: list[Part], nodes: list[_Node], closing: int) -> None:
    """A self-building appeal after the last task is self; the closing words are other."""
    last = max((n.heading.para for n in nodes if n.rank < _LEAD_RANK and n.heading.para < closing), default=0)
    for i in range(last, closing):
        address = i > 0 and _ADDRESS_RE.fullmatch(lines[i - 1]) is not None  # a standalone 各位代表！ before
        opening = lines[i][:120] if address or _ADDRESS_RE.match(lines[i]) else ""
        if parts[i] is Part.PLAN and (_SELF_CUE_RE.search(opening) or _SELF_DUTY_RE.search(lines[i][:60])):
            for j in range(i - address, closing):  # up to the next 各位代表 (民族宗教, 国防, 港澳台, 外交…)
                if j > i and _ADDRESS_RE.match(lines[j]):
                    break
                if parts[j] is Part.PLAN:
                    parts[j] = Part.SELF
            break
    appendix = min((n.heading.para for n in nodes if n.heading.para > closing), default=len(parts))
    parts[closing:appendix] = [Part.OTHER] * (appendix - closing)


# -- Sentences and clauses -------------------------------------------------------------------------------

#: a sentence: text up to 。！？； (with the closing quotes that follow) or to the end of the paragraph
_SENTENCE_RE = _regex.compile(r"[^。！？；!?;]*[。！？；!?;]+[”’」』）)]*|[^。！？；!?;]+")
#: clause separators: ，；、： (not a thousands comma, not a time colon) and the point before 其中
_CLAUSE_SEP_RE = _regex.compile(r"[，；、：;]|(?<!\d),|,(?!\d{3}(?!\d))|:(?!\d)|(?=其中)")
_SENTENCE_END = "。！？!?；;"


def _clauses(text: str, start: int, end: int) -> tuple[Span, ...]:
    while end > start and text[end - 1] in _SENTENCE_END:
        end -= 1
    bounds = [start]
    for m in _CLAUSE_SEP_RE.finditer(text, start, end):
        bounds += [m.start(), m.end()]
    bounds.append(end)
    out = []
    for a, b in zip(bounds[::2], bounds[1::2], strict=True):
        piece = text[a:b]
        a, b = a + len(piece) - len(piece.lstrip()), b - len(piece) + len(piece.rstrip())
        if b > a:
            out.append(Span(a, b))
    return tuple(out)


def _sentence(text: str, start: int, end: int, section: int, part: Part) -> Sentence:
    return Sentence(text[start:end], start, end, section, part, _clauses(text, start, end))


def _sentences(text: str, start: int, end: int, section: int, part: Part) -> list[Sentence]:
    out = []
    for m in _SENTENCE_RE.finditer(text, start, end):
        s = m.group()
        a, b = m.start() + len(s) - len(s.lstrip()), m.end() - len(s) + len(s.rstrip())
        if b > a:
            out.append(_sentence(text, a, b, section, part))
    return out


# -- Parse -----------------------------------------------------------------------------------------------


def parse(document: Document) -> Report:
    """Find the structure of a normalised document: sections, parts, paragraphs, sentences, clauses."""
    text = document.text
    paras = _paragraphs(text)
    lines = [text[p.start : p.end] for p in paras]
    body = _body_start(lines)
    closing = _closing(lines, body)
    closing_start = paras[closing].start if closing < len(paras) else len(text)
    nodes = _outline(_find_headings(text, paras, lines, body, closing), closing_start)
    parts = _assign_parts(lines, nodes, body, closing, _forward_plan(text))
    sentences = _all_sentences(text, paras, parts, nodes)
    return Report(document, tuple(_sections(paras, nodes)), tuple(paras), tuple(sentences), tuple(parts))


def _sections(paras: list[Span], nodes: list[_Node]) -> list[Section]:
    """The preamble and one section per node; a section ends where the next one not inside it starts."""
    ends = [paras[-1].end if paras else 0] * len(nodes)
    open_: list[int] = []
    for k, n in enumerate(nodes):
        while open_ and nodes[open_[-1]].level >= n.level:
            ends[open_.pop()] = paras[n.heading.para - 1].end
        open_.append(k)
    first_top = next((n.heading.para for n in nodes if not n.path.startswith("0.")), len(paras))
    sections = [Section("0", "", 0, Part.OTHER, 0, paras[first_top - 1].end if first_top > 0 else 0, 0)]
    for k, n in enumerate(nodes):
        h = n.heading
        sections.append(Section(n.path, h.title, n.level, n.part, h.start, ends[k], h.end))
    return sections


def _all_sentences(text: str, paras: list[Span], parts: list[Part], nodes: list[_Node]) -> list[Sentence]:
    """Every sentence, a heading being a sentence of its own; ``section`` counts the preamble as 0."""
    out: list[Sentence] = []
    k = 0  # the innermost section open at paragraph i (index into Report.sections)
    i = 0
    while i < len(paras):
        while k < len(nodes) and nodes[k].heading.para <= i:
            k += 1
        start, part = paras[i].start, parts[i]
        if k > 0 and nodes[k - 1].heading.para == i:
            h = nodes[k - 1].heading
            out.append(_sentence(text, h.start, h.end, k, part))
            i += h.lines - 1
            start = h.end
        out.extend(_sentences(text, start, paras[i].end, k, part))
        i += 1
    return out


def load(source: str | Path | Report, *, encoding: str | None = None) -> Report:
    """Read and parse a report from a path, ``"-"`` (stdin) or report text.

    A :class:`Report` passed in is returned unchanged.
    """
    if isinstance(source, Report):
        return source
    return parse(read(source, encoding=encoding))
