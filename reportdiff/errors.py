"""One exception hierarchy for every library error.

Each error carries a one-line ``cause`` and a ``fix``; the CLI prints
``error: <cause> — <fix>`` and exits with code 2.
"""

from __future__ import annotations


class ReportdiffError(Exception):
    """Base class of every error reportdiff raises on purpose."""

    fix: str = "check the input and try again"

    def __init__(self, cause: str, fix: str | None = None) -> None:
        super().__init__(cause)
        self.cause = cause
        if fix is not None:
            self.fix = fix

    def __str__(self) -> str:
        return f"{self.cause} — {self.fix}"


class InputError(ReportdiffError):
    """The input cannot be read as a report (missing, empty, binary, undecodable, too large)."""

    fix = "pass a UTF-8/GBK text, HTML, PDF or DOCX work report"


class MissingExtraError(ReportdiffError):
    """An optional dependency is needed for this input or output."""

    fix = "pip install 'reportdiff[all]'"


class StructureError(ReportdiffError):
    """The report has no part of the requested kind."""

    fix = "run `reportdiff sections FILE` to see the parts found, and choose another --part"


class OutputError(ReportdiffError):
    """The output cannot be written."""

    fix = "choose a writable path with -o"
