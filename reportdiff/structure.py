"""Stage 2: the structure of a report — parts, sections, paragraphs, sentences, clauses.

SKELETON — the algorithm is being written; the data model below is the contract.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import Any

from .ingest import Document, read


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
        path: dotted ordinal path, ``"2"`` for 二、, ``"2.3"`` for its （三）; ``"0"`` is the preamble.
        title: the heading text without its number (``2022年政府工作回顾``).
        level: 1 for 一、/第一, 2 for （一）, 3 for 1./（1）; 0 for the preamble.
        part: the part of the report this section belongs to.
        start: offset where the heading starts.
        end: offset where the section (with its subsections) ends.
        heading_end: offset where the heading text ends (== start + len(number + title)).
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
        part: that section's part.
        clauses: spans of its clauses (split at ，；、 and list separators), covering the sentence.
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
    """

    document: Document
    sections: tuple[Section, ...]
    paragraphs: tuple[Span, ...]
    sentences: tuple[Sentence, ...] = field(repr=False)

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

    def section_at(self, offset: int) -> Section:
        """The innermost section holding ``offset``."""
        starts = [s.start for s in self.sections]
        i = bisect.bisect_right(starts, offset) - 1
        while i > 0 and not (self.sections[i].start <= offset < self.sections[i].end):
            i -= 1
        return self.sections[max(i, 0)]

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
        return (
            f"<Report {self.region or '?'} {self.year or '?'}: {len(self.sections)} sections, "
            f"{len(self.sentences)} sentences ({parts} chars)>"
        )

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


def parse(document: Document) -> Report:
    """Find the structure of a normalised document."""
    raise NotImplementedError


def load(source: str | Path | Report, *, encoding: str | None = None) -> Report:
    """Read and parse a report from a path, ``"-"`` (stdin) or report text.

    A :class:`Report` passed in is returned unchanged.
    """
    if isinstance(source, Report):
        return source
    return parse(read(source, encoding=encoding))
