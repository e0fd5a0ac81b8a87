"""reportdiff: diff successive government work reports (政府工作报告).

The public API, imported lazily so that ``reportdiff --help`` stays instant::

    import reportdiff
    report = reportdiff.load("nanan-2023.txt")
    diff = reportdiff.compare(report, report, old_part="review", new_part="plan")
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from ._version import __version__

if TYPE_CHECKING:
    from .align import MatchConfig
    from .classify import Change, ReportDiff, Status, compare
    from .commitments import Commitment, Kind, extract_commitments
    from .corpus import PanelResult, panel
    from .errors import InputError, MissingExtraError, OutputError, ReportdiffError, StructureError
    from .ingest import Document
    from .initiative_diff import InitiativeChange, InitiativeStatus, diff_initiatives
    from .initiatives import Initiative, InitiativeKind, Stage, extract_initiatives
    from .quantities import Direction, Qualifier, Quantity, extract_quantities
    from .structure import Part, Report, Section, Sentence, load
    from .terms import TermShift, term_shifts
    from .timeline import History, Timeline, Verdict, track

_EXPORTS = {
    "load": "structure",
    "Report": "structure",
    "Section": "structure",
    "Sentence": "structure",
    "Part": "structure",
    "Document": "ingest",
    "extract_quantities": "quantities",
    "Quantity": "quantities",
    "Qualifier": "quantities",
    "Direction": "quantities",
    "extract_commitments": "commitments",
    "Commitment": "commitments",
    "Kind": "commitments",
    "extract_initiatives": "initiatives",
    "Initiative": "initiatives",
    "InitiativeKind": "initiatives",
    "Stage": "initiatives",
    "diff_initiatives": "initiative_diff",
    "InitiativeChange": "initiative_diff",
    "InitiativeStatus": "initiative_diff",
    "term_shifts": "terms",
    "TermShift": "terms",
    "MatchConfig": "align",
    "compare": "classify",
    "ReportDiff": "classify",
    "Change": "classify",
    "Status": "classify",
    "track": "timeline",
    "Timeline": "timeline",
    "History": "timeline",
    "Verdict": "timeline",
    "panel": "corpus",
    "PanelResult": "corpus",
    "ReportdiffError": "errors",
    "InputError": "errors",
    "MissingExtraError": "errors",
    "OutputError": "errors",
    "StructureError": "errors",
}

__all__ = ["__version__", *sorted(_EXPORTS)]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'reportdiff' has no attribute {name!r}")
    value = getattr(import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return __all__
