"""Compare grows near-linearly with report length and section count (issue 11, item 8).

Operation counts, never wall-clock: a report repeated k times against itself is compared, and the work
the matching does — the choices scanned by every rapidfuzz search (sentence beads and commitment
candidates), the commitment pairs scored, the section pairs kept — is counted. Each count must grow
like k, not like k², and stay under a bound linear in the report's size.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

import reportdiff.align as align_module
import reportdiff.match as match_module
from reportdiff import compare, load
from reportdiff.align import _BAND, MatchConfig
from reportdiff.structure import Report

from .helpers import NANAN


class _Counting:
    """Stands in for ``rapidfuzz.process``: counts the choices each ``extract`` scans."""

    def __init__(self, real: Any) -> None:
        self.real = real
        self.scanned = 0

    def extract(self, query: Any, choices: Any, **kwargs: Any) -> Any:
        self.scanned += len(choices)
        return self.real.extract(query, choices, **kwargs)


def _repeated(k: int) -> Report:
    text = NANAN.read_text(encoding="utf-8")
    return load("\n".join([text] * k))


@pytest.fixture
def counters(monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[str, _Counting]]:
    beads = _Counting(align_module.process)
    candidates = _Counting(match_module.process)
    monkeypatch.setattr(align_module, "process", beads)
    monkeypatch.setattr(match_module, "process", candidates)
    yield {"beads": beads, "candidates": candidates}


def test_compare_work_grows_linearly(counters: dict[str, _Counting], monkeypatch: pytest.MonkeyPatch) -> None:
    import reportdiff.classify as classify_module

    scored: dict[tuple[int, int], tuple[float, ...]] = {}
    original = match_module.match_commitments

    def keeping(*args: Any, **kwargs: Any) -> Any:
        return original(*args, **{**kwargs, "scored": scored})

    monkeypatch.setattr(classify_module, "match_commitments", keeping)
    work = {}
    for k in (1, 4, 16):
        counters["beads"].scanned = counters["candidates"].scanned = 0
        scored.clear()
        report = _repeated(k)
        diff = compare(report, report, old_part="plan", new_part="plan")
        work[k] = {
            "sentences": len(report.sentences_in("plan")),
            "commitments": sum(1 for c in diff.all_changes if c.new is not None),
            "beads": counters["beads"].scanned,
            "candidates": counters["candidates"].scanned,
            "scored": len(scored),
        }
    cfg = MatchConfig()
    for k, w in work.items():
        # every sentence row scans at most one band per bead shape (1–1, 2–1, 1–2)
        assert w["beads"] <= 3 * (2 * _BAND + 1) * w["sentences"], (k, w)
        # each commitment searches at most a window of its block, three ways, from both sides
        assert w["candidates"] <= 2 * 3 * match_module.CANDIDATE_WINDOW * w["commitments"], (k, w)
        # and brings at most 5·candidates pairs to score
        assert w["scored"] <= 2 * 5 * cfg.candidates * w["commitments"], (k, w)
    for key in ("beads", "candidates", "scored"):
        # 4 times the text (4 → 16 copies): at most about 4 times the work (quadratic would be 16 times;
        # from 1 copy, small sections still grow with their square until the band is full)
        growth = work[16][key] / max(work[4][key], 1)
        assert growth <= 4 * 1.5, (key, work)


def test_a_report_against_itself_still_pairs_everything_at_scale() -> None:
    report = _repeated(8)
    diff = compare(report, report, old_part="plan", new_part="plan")
    statuses = {c.status.value for c in diff.all_changes}
    assert statuses == {"kept"}, diff.summary()
