"""Stage 1: read a report from a file, stdin or a string, and normalise its text.

SKELETON — being written; the data model below is the contract.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any


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


def normalise(text: str) -> str:
    """Half-width ASCII/digits/％, one range dash, joined broken lines; CJK characters untouched."""
    raise NotImplementedError


def read(source: str | Path, *, encoding: str | None = None) -> Document:
    """Read a report from a path, ``"-"`` (stdin) or report text itself."""
    raise NotImplementedError
