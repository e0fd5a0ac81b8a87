"""One exception hierarchy for every library error.

Each error carries a one-line ``cause`` and a ``fix``; the CLI prints
``error: <cause> — <fix>`` and exits with code 2.

Wrong argument types and values are reportdiff errors too, and also the built-in exception a
Python caller expects: :class:`ArgumentTypeError` is a :class:`TypeError`,
:class:`ArgumentValueError` a :class:`ValueError`.

>>> from reportdiff import load
>>> load(b"2023")  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
reportdiff.errors.ArgumentTypeError: source must be a path, '-', report text or a Report, not bytes — ...
>>> isinstance(ArgumentTypeError("x"), TypeError)
True
"""

from __future__ import annotations

from typing import Any

from . import _regex

_BREAKS = _regex.compile("[\x00-\x1f\x7f\x85\u2028\u2029]")


def one_line(text: str) -> str:
    r"""``text`` with line breaks and other control characters escaped, so a message stays one line.

    >>> one_line("no such file: a\nb.txt")
    'no such file: a\\nb.txt'
    """
    return _BREAKS.sub(lambda m: repr(m.group())[1:-1], text)


class ReportdiffError(Exception):
    """Base class of every error reportdiff raises on purpose."""

    fix: str = "check the input and try again"

    def __init__(self, cause: str, fix: str | None = None) -> None:
        super().__init__(cause)
        self.cause = one_line(cause)  # one line, whatever a file name or a library's message holds
        if fix is not None:
            self.fix = one_line(fix)

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
    """The output cannot be written (or would overwrite an input)."""

    fix = "choose a writable path with -o"


class ArgumentTypeError(ReportdiffError, TypeError):
    """A function was called with an argument of the wrong type (None, bytes, a number …)."""

    fix = "see the function's documentation for what it takes"


class ArgumentValueError(ReportdiffError, ValueError):
    """A function was called with an argument of the right type but a value it cannot use."""

    fix = "see the function's documentation for the values it takes"


def type_name(value: Any) -> str:
    """How an unexpected argument is named in a message: ``None``, ``bytes``, ``int`` …"""
    return "None" if value is None else type(value).__name__
