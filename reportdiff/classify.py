"""Stage 6: classify each commitment pair — kept, raised, lowered, new, dropped.

:func:`compare` runs the whole pipeline on two reports (or two parts of one)
and returns a :class:`ReportDiff`, which explains every verdict.

Conventions (also in docs/compare.md):

* values compare unsigned, after magnitudes are applied; a range compares by
  its midpoint; equal within 1e-9 relative → ``kept`` (a qualifier change such
  as 超1300亿元 → 1300亿元以上 is recorded in ``evidence.notes``);
* a 下降-type rate compares by its size: 下降2% → 下降3% is ``raised`` (a bigger
  cut); a rate that turns from 下降 to 增长 is flagged in the notes;
* a ceiling (以内, 以下, 不超过: 失业率5.5%以内) compares the same way: a larger
  ceiling is ``raised`` even though it is a looser target, and the notes say so.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from enum import Enum
from functools import cached_property
from pathlib import Path
from typing import Any

from . import _regex
from .align import MatchConfig, align_sections
from .aligned import AlignedSection, aligned_view
from .commitments import Commitment, extract_commitments
from .delivery import CEILING_WORDS, Verdict, judge
from .errors import ArgumentValueError, StructureError
from .highlights import STRETCH_NOTE, KeyChanges, key_changes
from .indicators import gloss, words
from .initiative_diff import (
    InitiativeChange,
    InitiativeStatus,
    Sides,
    add_recurring,
    both_sides,
    explain_initiative,
    pair_initiatives,
)
from .match import (
    VAGUE,
    CommitmentMatch,
    PairEvidence,
    addition_vs_level,
    indicator_key,
    match_commitments,
    modifier_conflict,
    scopes_differ,
    stock_flag,
)
from .quantities import Direction, Qualifier, Quantity, extract_quantities, is_rank, precise
from .recurring import Tagged
from .structure import Part, Report, Sentence, load
from .terms import TermShift, tag_sentences, term_shifts

SCHEMA_ID = "reportdiff/compare/2"
_REL_TOL = 1e-9


class Status(str, Enum):
    """The closed set of verdicts on a commitment."""

    KEPT = "kept"
    RAISED = "raised"
    LOWERED = "lowered"
    NEW = "new"
    DROPPED = "dropped"


class Check(str, Enum):
    """What a reader should verify before quoting a pair (closed set; see :data:`CHECKS`)."""

    UNIT_CHANGED = "unit_changed"
    STOCK_VS_INCREMENT = "stock_vs_increment"
    SCOPE_DIFFERS = "scope_differs"
    BIG_CHANGE = "big_change"
    NEAR_THRESHOLD = "near_threshold"
    DIRECTION_FLIP = "direction_flip"
    FIVE_YEAR_FIGURE = "five_year_figure"
    HISTORY_FIGURE = "history_figure"


#: What each check asks the reader to verify.
CHECKS: dict[str, str] = {
    "unit_changed": "the unit word changed (个 → 家, 套 → 户): check both sides count the same thing",
    "stock_vs_increment": "one side states a total in place, the other this year's addition",
    "scope_differs": "the indicators are worded differently: check they have the same scope and subject",
    "big_change": "the value moved more than threefold (above 3× or below ⅓): check the pair first",
    "near_threshold": "the pair scored close to the threshold: the match is uncertain",
    "history_figure": "one side is a milestone or a figure looking back over years (从1993年的…迈入…大关), "
    "not one year's target or result",
    "direction_flip": "the rate changed direction (下降 ↔ 增长): the change is between signed values",
    "five_year_figure": "one side is a figure of a five-year review, not of one year",
}
#: What :meth:`ReportDiff.filtered` selects by: the statuses of commitments and of initiatives, and
#: ``check`` (the pairs with open checks: the page's 需核实 / Check bucket).
FILTERS: tuple[str, ...] = (*(s.value for s in Status), InitiativeStatus.PROGRESSED.value, "check")
_NEAR = 15.0  # points above the threshold within which a pair is flagged near_threshold
_LOW_CONFIDENCE = 0.7


@dataclass(frozen=True)
class Delta:
    """How much a matched value moved.

    ``absolute`` is new − old in the unit (values compared unsigned); ``relative`` the fraction of old
    (None when old is 0); ``points`` the change in percentage points between the signed rates when a
    rate changed direction (下降2.2% → 增长8%: +10.2), else None.
    """

    absolute: float
    relative: float | None
    points: float | None = None

    def to_dict(self) -> dict[str, float | None]:
        return {"absolute": self.absolute, "relative": self.relative, "points": self.points}


@dataclass(frozen=True)
class Evidence:
    """Why a change got its status.

    Attributes:
        rule: the name of the rule that set the status (see :data:`RULES`).
        match: the similarity components of the pair, or None for new/dropped.
        best_candidate: for new/dropped, the best-scoring counterpart that fell under the threshold.
        best_score: its score.
        threshold: the threshold in force.
        notes: qualifier changes, direction changes, ceiling conventions.
    """

    rule: str
    match: PairEvidence | None = None
    best_candidate: str | None = None
    best_score: float | None = None
    threshold: float = MatchConfig.threshold
    notes: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "match": self.match.to_dict() if self.match else None,
            "best_candidate": self.best_candidate,
            "best_score": None if self.best_score is None else round(self.best_score, 1),
            "threshold": self.threshold,
            "notes": list(self.notes),
        }


RULES: dict[str, str] = {
    "equal-values": "both sides measure the same indicator and the values are equal → kept",
    "new-larger": "both sides measure the same indicator and the new value is larger → raised",
    "new-smaller": "both sides measure the same indicator and the new value is smaller → lowered",
    "no-counterpart-new": "no old commitment scored above the threshold → new",
    "no-counterpart-old": "no new commitment scored above the threshold → dropped",
}


def decide(old: Quantity, new: Quantity) -> tuple[Status, str]:
    """The status of a matched pair, and the name of the rule that set it.

    >>> from reportdiff.quantities import extract_quantities
    >>> decide(extract_quantities("1.2万亩")[0], extract_quantities("2000亩")[0])
    (<Status.LOWERED: 'lowered'>, 'new-smaller')
    """
    a, b = abs(old.value), abs(new.value)
    if math.isclose(a, b, rel_tol=_REL_TOL, abs_tol=1e-12):
        return Status.KEPT, "equal-values"
    return (Status.RAISED, "new-larger") if b > a else (Status.LOWERED, "new-smaller")


def _delta(old: Quantity, new: Quantity) -> Delta:
    a, b = abs(old.value), abs(new.value)
    points = None
    if old.direction and new.direction and old.direction is not new.direction:
        signed_a = -a if old.direction is Direction.DOWN else a
        signed_b = -b if new.direction is Direction.DOWN else b
        points = precise(signed_b - signed_a)
    return Delta(precise(b - a), round((b - a) / a, 6) if a else None, points)


_CEILINGS = (Qualifier.AT_MOST, Qualifier.LESS_THAN)


def _notes(old: Quantity, new: Quantity) -> tuple[str, ...]:
    notes: list[str] = []
    if old.qualifier != new.qualifier:
        qa = old.qualifier.value if old.qualifier else "exact"
        qb = new.qualifier.value if new.qualifier else "exact"
        notes.append(f"qualifier {qa} → {qb}")
    if old.direction != new.direction and old.direction and new.direction:
        notes.append(f"direction {old.direction.value} → {new.direction.value}: values compare unsigned")
    if old.direction is Direction.DOWN and new.direction is Direction.DOWN:
        notes.append("a 下降 rate compares by its size: raised means a larger cut")
    if old.qualifier in _CEILINGS or new.qualifier in _CEILINGS:
        notes.append("a ceiling (以内/以下): raised means a looser cap, lowered a tighter one")
    if is_rank(old) and is_rank(new):
        notes.append("a ranking (第7 → 第1): lowered means a better place")
    if old.unit != new.unit:
        notes.append(f"unit {old.unit or '(none)'} → {new.unit or '(none)'}")
    return tuple(notes)


@dataclass(frozen=True)
class Change:
    """One verdict: a matched pair, or a commitment on one side only.

    Attributes:
        id: stable id within the diff (``c1``, ``c2`` …, in reading order: the new report's, or in a
            delivery comparison the plan's targets first and unplanned results after them).
        status: kept, raised, lowered, new or dropped.
        old: the old commitment, or None for new.
        new: the new commitment, or None for dropped.
        similarity: the pair's score 0–100 (the pair model's probability × 100; the threshold applies to
            it); for new/dropped, the score of the best candidate that fell short (0 when none).
        confidence: how likely the verdict is right (0–1, calibrated on the labelled pairs): for a pair,
            that both sides measure the same indicator; for new/dropped, that no counterpart was missed.
        change: absolute and relative change for raised/lowered/kept, else None.
        evidence: what decided the status.
        checks: what a reader should still verify before quoting it (:class:`Check`), empty when nothing.
        cleared: checks that applied but the evidence answers (a threefold change between two indicators
            worded alike and paired with high confidence is real); shown, not open.
        verdict: in a delivery comparison (plan → next year's review), how the result compares with the
            target (met, exceeded, missed; not_reported for a dropped target, unplanned for a new
            result), else None.
    """

    id: str
    status: Status
    old: Commitment | None
    new: Commitment | None
    similarity: float
    change: Delta | None
    evidence: Evidence
    confidence: float = 1.0
    checks: tuple[Check, ...] = ()
    verdict: Verdict | None = None
    cleared: tuple[Check, ...] = ()

    @property
    def canonical(self) -> str | None:
        """The canonical indicator id of the change (new side first), or None."""
        side = self.new or self.old
        return side.canonical if side else None

    @property
    def confident(self) -> bool:
        """No open check and a confidence of at least 0.7: safe to lead a page with."""
        return not self.checks and self.confidence >= _LOW_CONFIDENCE

    @property
    def indicator(self) -> str:
        side = self.new or self.old
        return side.indicator if side else ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "status": self.status.value,
            "similarity": round(self.similarity, 1),
            "confidence": round(self.confidence, 3),
            "checks": [c.value for c in self.checks],
            "cleared": [c.value for c in self.cleared],
            "verdict": self.verdict.value if self.verdict else None,
            "indicator": self.indicator,
            "canonical": self.canonical,
            "canonical_en": gloss(self.canonical) or None,
            "old": self.old.to_dict() if self.old else None,
            "new": self.new.to_dict() if self.new else None,
            "change": self.change.to_dict() if self.change else None,
            "evidence": self.evidence.to_dict(),
        }

    def __repr__(self) -> str:
        o = self.old.quantity.text if self.old else "—"
        n = self.new.quantity.text if self.new else "—"
        return f"<Change {self.status.value} {self.indicator}: {o} → {n}>"

    def _repr_html_(self) -> str:
        """The change as the page's row, with its checks and evidence (a notebook display)."""
        return ChangeList([self])._repr_html_()


class ChangeList(list[Any]):
    """Changes (:class:`Change` or :class:`InitiativeChange`) as a plain list that also displays as the
    page's tables in a notebook (what :meth:`ReportDiff.changes` returns).

    ``sides`` (the diff's two sides as in ``to_dict()``) and ``mode`` label the columns.
    """

    def __init__(
        self,
        items: Iterable[Any] = (),
        *,
        sides: tuple[dict[str, Any], dict[str, Any]] | None = None,
        mode: str = "",
    ) -> None:
        super().__init__(items)
        self.sides = sides
        self.mode = mode

    def _repr_html_(self) -> str:
        from ._templates import render_changes

        commitments = [c.to_dict() for c in self if isinstance(c, Change)]
        named = [c.to_dict() for c in self if isinstance(c, InitiativeChange)]
        return render_changes(commitments, named, sides=self.sides, mode=self.mode or None)


@dataclass(frozen=True)
class Side:
    """Which report and part a side of the diff is."""

    source: str
    title: str | None
    region: str | None
    year: int | None
    part: str

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)

    @property
    def label(self) -> str:
        return f"{self.region or '?'} {self.year or '?'}" + ("" if self.part == "all" else f" {self.part}")


@dataclass(frozen=True)
class AlignedText:
    """The aligned text of a diff (:meth:`ReportDiff.aligned`), displayed on its own in a notebook.

    Attributes:
        old: the old side.
        new: the new side.
        mode: the comparison's mode (see :attr:`ReportDiff.mode`).
        sections: the aligned sections, in reading order.
        changes: the commitment changes whose quantities the text marks.
        initiatives: the initiative changes whose names the text marks.
    """

    old: Side
    new: Side
    mode: str
    sections: tuple[AlignedSection, ...]
    changes: tuple[Change, ...] = ()
    initiatives: tuple[InitiativeChange, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "old": self.old.to_dict(),
            "new": self.new.to_dict(),
            "mode": self.mode,
            "sections": [s.to_dict() for s in self.sections],
            "commitments": [c.to_dict() for c in self.changes],
            "initiatives": [c.to_dict() for c in self.initiatives],
        }

    def __repr__(self) -> str:
        rows = sum(len(s.rows) for s in self.sections)
        return (
            f"<AlignedText {self.old.label} → {self.new.label}: {len(self.sections)} sections, {rows} rows>"
        )

    def _repr_html_(self) -> str:
        from ._templates import render_aligned

        return render_aligned(self.to_dict())


@dataclass(frozen=True)
class ReportDiff:
    """The result of :func:`compare`: every section pair, every commitment verdict and every named
    initiative's status.

    Attributes:
        old: the old side (report and part).
        new: the new side.
        sections: aligned sections, in the new report's order, with sentence diffs.
        all_changes: every commitment change, in reading order (see :attr:`Change.id`).
        config: the matching configuration used.
        initiatives: every named initiative's change (kept, progressed, new, dropped).
        old_sentences: the old part's sentences (for :meth:`terms`).
        new_sentences: the new part's sentences.
    """

    old: Side
    new: Side
    sections: tuple[AlignedSection, ...]
    all_changes: tuple[Change, ...]
    config: MatchConfig = field(repr=False)
    initiatives: tuple[InitiativeChange, ...] = field(default=(), repr=False)
    old_sentences: tuple[Sentence, ...] = field(default=(), repr=False, compare=False)
    new_sentences: tuple[Sentence, ...] = field(default=(), repr=False, compare=False)

    def summary(self, kind: str = "commitment") -> dict[str, int]:
        """How many changes of each status (every status present, zeros included), of the commitments
        or (``kind="initiative"``) of the named initiatives."""
        if kind == "initiative":
            found = Counter(c.status for c in self.initiatives)
            return {s.value: found.get(s, 0) for s in InitiativeStatus}
        if kind != "commitment":
            raise ArgumentValueError(f"unknown kind {kind!r}", "use 'commitment' or 'initiative'")
        counts = Counter(c.status for c in self.all_changes)
        return {s.value: counts.get(s, 0) for s in Status}

    def changes(
        self,
        status: Status | str | Iterable[Status | str] | None = None,
        *,
        part: str | None = None,
        section: str | None = None,
        min_confidence: float = 0.0,
        kind: str = "commitment",
    ) -> ChangeList:
        """Changes filtered by status (one or several), part, section path prefix and confidence; the
        commitments (:class:`Change`) or, with ``kind="initiative"``, the initiatives
        (:class:`InitiativeChange`), as a list that displays as a table in a notebook.

        >>> d = compare("二、2023年工作安排\\n新建农田1.2万亩。", "二、2024年工作安排\\n新建农田2000亩。")
        >>> [c.status.value for c in d.changes(status=["lowered", "raised"])]
        ['lowered']
        >>> d.changes(status="shrunk")  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        reportdiff.errors.ArgumentValueError: unknown status 'shrunk' — use one of: ...
        """
        pool: Sequence[Change | InitiativeChange]
        enum: type[Enum]
        if kind == "initiative":
            pool, enum = self.initiatives, InitiativeStatus
        elif kind == "commitment":
            pool, enum = self.all_changes, Status
        else:
            raise ArgumentValueError(f"unknown kind {kind!r}", "use 'commitment' or 'initiative'")
        wanted = _statuses(status, [str(e.value) for e in enum])
        out = []
        for c in pool:
            side = c.new or c.old
            if wanted is not None and c.status.value not in wanted:
                continue
            if part is not None and side is not None and side.part.value != part:
                continue
            if section is not None and side is not None and not side.section_path.startswith(section):
                continue
            if c.confidence < min_confidence:
                continue
            out.append(c)
        return ChangeList(out, sides=(self.old.to_dict(), self.new.to_dict()), mode=self.mode)

    def filtered(
        self, status: str | Iterable[str] | None = None, *, min_confidence: float = 0.0
    ) -> ReportDiff:
        """A copy holding only the changes of ``status`` — one or several of the commitment statuses,
        ``progressed`` (initiatives) and ``check`` (pairs with open checks) — whose confidence is at least
        ``min_confidence`` (0–1). Commitments and initiatives are filtered alike (a status one kind lacks
        selects none of it); the summaries, key changes, ``has_differences``, :meth:`to_dict` and every
        rendering count only what is kept. Sections and terms are the reports' text and stay whole.

        >>> d = compare("二、2023年工作安排\\n新建高标准农田1.2万亩，新建公园3个。",
        ...             "二、2024年工作安排\\n新建高标准农田2000亩。")
        >>> d.summary()
        {'kept': 0, 'raised': 0, 'lowered': 1, 'new': 0, 'dropped': 1}
        >>> d.filtered(["dropped", "check"]).summary()
        {'kept': 0, 'raised': 0, 'lowered': 0, 'new': 0, 'dropped': 1}
        >>> d.filtered(min_confidence=1.5)  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        reportdiff.errors.ArgumentValueError: min_confidence must be a number from 0 to 1, not 1.5 — ...
        """
        number = isinstance(min_confidence, (int, float)) and not isinstance(min_confidence, bool)
        if not number or not 0.0 <= min_confidence <= 1.0:  # NaN fails the comparison too
            raise ArgumentValueError(
                f"min_confidence must be a number from 0 to 1, not {min_confidence!r}", "give e.g. 0.8"
            )
        words = _statuses(status, FILTERS)

        def keep(c: Change | InitiativeChange) -> bool:
            open_check = isinstance(c, Change) and bool(c.checks)
            chosen = words is None or c.status.value in words or ("check" in words and open_check)
            return chosen and c.confidence >= min_confidence

        kept = replace(
            self,
            all_changes=tuple(c for c in self.all_changes if keep(c)),
            initiatives=tuple(c for c in self.initiatives if keep(c)),
        )
        if "_terms" in vars(self):  # counted already: the copy's text is the same
            vars(kept)["_terms"] = self._terms
        return kept

    @property
    def mode(self) -> str:
        """``plan`` (plan → plan), ``delivery`` (a plan against the next year's review), ``within`` (a
        review against the plan of its own report) or ``other``."""
        parts = (self.old.part, self.new.part)
        if parts == ("plan", "review"):
            return "delivery"
        if parts == ("plan", "plan"):
            return "plan"
        if parts == ("review", "plan") and self.old.source == self.new.source:
            return "within"
        return "other"

    def key_changes(self) -> KeyChanges:
        """The changes a reader should see first: headline targets, the largest confident raises and cuts
        (in a delivery comparison the missed and unreported targets first), and the most confident new,
        dropped and progressed initiatives (:mod:`reportdiff.highlights`)."""
        return key_changes(self.all_changes, self.initiatives, self.mode)

    def terms(self, limit: int = 30) -> tuple[TermShift, ...]:
        """The words and quoted phrases whose use rose or fell most between the two parts (新提法), ranked
        by the log-odds ratio with an informative Dirichlet prior (:mod:`reportdiff.terms`)."""
        if limit != 30:
            return term_shifts(self.old_sentences, self.new_sentences, limit=limit)
        return self._terms

    @cached_property
    def _terms(self) -> tuple[TermShift, ...]:
        return term_shifts(self.old_sentences, self.new_sentences)

    def __iter__(self) -> Iterator[Change]:
        return iter(self.all_changes)

    def __len__(self) -> int:
        return len(self.all_changes)

    @property
    def has_differences(self) -> bool:
        return any(c.status is not Status.KEPT for c in self.all_changes) or any(
            c.status is not InitiativeStatus.KEPT for c in self.initiatives
        )

    def explain(self, change: Change | InitiativeChange | str) -> str:
        """A few lines saying why ``change`` (a commitment's or an initiative's, or its id) got its status."""
        target = self._find(change) if isinstance(change, str) else change
        if isinstance(target, InitiativeChange):
            return explain_initiative(target)
        return _explain(target)

    def _find(self, cid: str) -> Change | InitiativeChange:
        every: list[Change | InitiativeChange] = [*self.all_changes, *self.initiatives]
        for c in every:
            if c.id == cid:
                return c
        raise ArgumentValueError(f"no change {cid!r} in this diff", "use an id such as c1 or i1")

    def to_dict(self) -> dict[str, Any]:
        """The JSON contract ``reportdiff/compare/2`` (schema: ``reportdiff/schemas/compare.json``)."""
        return {
            "schema": SCHEMA_ID,
            "old": self.old.to_dict(),
            "new": self.new.to_dict(),
            "mode": self.mode,
            "summary": self.summary(),
            "key_changes": self.key_changes().to_dict(),
            "config": self.config.to_dict(),
            "sections": [s.to_dict() for s in self.sections],
            "commitments": [c.to_dict() for c in self.all_changes],
            "initiative_summary": self.summary("initiative"),
            "initiatives": [c.to_dict() for c in self.initiatives],
            "terms": [_term_dict(t, self.old_sentences, self.new_sentences) for t in self.terms()],
        }

    def to_records(self) -> list[dict[str, Any]]:
        """One flat row per change (for CSV and data frames): raw numbers (magnitudes applied, rounded to
        the source's precision), the quantities as written, confidence, open and cleared checks
        (``;``-separated) and the canonical id. ``docs/compare.md`` lists the columns."""
        from .indicators import gloss

        return [_record(c, gloss(c.canonical)) for c in self.all_changes]

    def to_dataframe(self) -> Any:
        """The changes as a pandas DataFrame (needs ``pip install 'reportdiff[pandas]'``)."""
        from ._io import dataframe

        return dataframe(self.to_records())

    def __repr__(self) -> str:
        counts = ", ".join(f"{n} {k}" for k, n in self.summary().items())
        moved = ", ".join(f"{n} {k}" for k, n in self.summary("initiative").items() if n)
        return f"<ReportDiff {self.old.label} → {self.new.label}: {counts}; initiatives: {moved or 'none'}>"

    def _repr_html_(self) -> str:
        """The lean display in a notebook: key changes, overview, both tables and the terms (the aligned
        text is :meth:`aligned`), every element id unique to this display."""
        from ._templates import render_fragment

        return render_fragment(self.to_dict())

    def aligned(self) -> AlignedText:
        """The aligned text on its own: both parts side by side, section by section (a notebook display;
        ``to_dict()`` gives its sections)."""
        return AlignedText(
            self.old, self.new, self.mode, self.sections, tuple(self.all_changes), tuple(self.initiatives)
        )


def _explain(change: Change) -> str:
    """A few lines saying why a commitment change got its status."""
    ev = change.evidence
    lines = [f"{change.id} {change.status.value}: {change.indicator}"]
    if change.old:
        lines.append(
            f"  old: {change.old.quantity.text} (= {change.old.quantity.value:g} "
            f"{change.old.quantity.unit}) in “{change.old.text}” [{change.old.section_path}]"
        )
    if change.new:
        lines.append(
            f"  new: {change.new.quantity.text} (= {change.new.quantity.value:g} "
            f"{change.new.quantity.unit}) in “{change.new.text}” [{change.new.section_path}]"
        )
    if ev.match:
        m = ev.match
        lines.append(
            f"  paired: score {m.score:.1f} ≥ threshold {ev.threshold:g}, confidence {m.confidence:.2f}; "
            f"decided by {', '.join(m.decisive())}; {m.units}"
        )
    elif ev.best_candidate is not None:
        lines.append(f"  best candidate “{ev.best_candidate}” scored {ev.best_score:.1f} < {ev.threshold:g}")
    else:
        lines.append("  no candidate with a compatible unit")
    lines.append(f"  rule {ev.rule}: {RULES[ev.rule]}")
    if change.change and change.change.relative is not None:
        lines.append(f"  change {change.change.absolute:+g} ({change.change.relative:+.1%})")
    if change.verdict:
        lines.append(f"  verdict: {change.verdict.value}")
    lines.extend(f"  check: {c.value}: {CHECKS[c.value]}" for c in change.checks)
    lines.extend(
        f"  checked: {c.value}: same indicator on both sides, confidence ≥ 0.9" for c in change.cleared
    )
    lines.extend(f"  note: {n}" for n in ev.notes)
    return "\n".join(lines)


def _statuses(status: Any, known: Iterable[str]) -> set[str] | None:
    """The status values asked for (one, several, or None for all), each checked against ``known``."""
    if status is None:
        return None
    asked = [status] if isinstance(status, (str, Enum)) else list(status)
    names = set(known)
    out = set()
    for one in asked:
        value = str(getattr(one, "value", one))
        if value not in names:
            raise ArgumentValueError(f"unknown status {value!r}", "use one of: " + ", ".join(sorted(names)))
        out.add(value)
    return out


def _term_dict(t: TermShift, old: Sequence[Sentence], new: Sequence[Sentence]) -> dict[str, Any]:
    """A term's JSON form, its sentences given as offsets into the reports (for links)."""
    out = t.to_dict()
    out["old_sentences"] = [old[i].start for i in t.old_sentences if i < len(old)]
    out["new_sentences"] = [new[i].start for i in t.new_sentences if i < len(new)]
    return out


def _record(c: Change, english: str) -> dict[str, Any]:
    """The flat row of one change (see :meth:`ReportDiff.to_records`)."""
    row: dict[str, Any] = {
        "id": c.id,
        "status": c.status.value,
        "verdict": c.verdict.value if c.verdict else None,
        "indicator": c.indicator,
        "canonical": c.canonical,
        "canonical_en": english or None,
        "confidence": round(c.confidence, 3),
        "similarity": round(c.similarity, 1),
        "checks": ";".join(k.value for k in c.checks),
        "cleared": ";".join(k.value for k in c.cleared),
    }
    for name, side in (("old", c.old), ("new", c.new)):
        q = side.quantity if side else None
        row[f"{name}_quantity"] = q.text if q else None
        row[f"{name}_value"] = q.value if q else None
        row[f"{name}_unit"] = q.unit if q else None
        row[f"{name}_qualifier"] = q.qualifier.value if q and q.qualifier else None
        row[f"{name}_direction"] = q.direction.value if q and q.direction else None
        row[f"{name}_text"] = side.text if side else None
        row[f"{name}_section"] = side.section_path if side else None
        row[f"{name}_part"] = side.part.value if side else None
    row["absolute_change"] = c.change.absolute if c.change else None
    row["relative_change"] = c.change.relative if c.change else None
    row["points_change"] = c.change.points if c.change else None
    row["rule"] = c.evidence.rule
    row["notes"] = "; ".join(c.evidence.notes)
    return row


def _side(report: Report, part: str) -> Side:
    return Side(report.source, report.title, report.region, report.year, part)


def _check_part(report: Report, part: str) -> None:
    if part != "all" and not report.sentences_in(part):
        found = ", ".join(sorted({s.part.value for s in report.sentences}))
        raise StructureError(
            f"{report.source} has no {part} part (found: {found})",
            "run `reportdiff sections FILE` to see its parts, and choose another --part",
        )


def _section_indexes(report: Report, part: str) -> list[int]:
    """Sections to align: those of levels 1 and 2 holding sentences of the part (a mixed section,
    review then plan, counts for both)."""
    holding: set[str] = set()
    for s in report.sentences_in(part):
        path = report.sections[s.section].path.split(".")
        holding.update(".".join(path[:depth]) for depth in (1, 2))
    return [i for i, s in enumerate(report.sections) if i > 0 and s.level <= 2 and s.path in holding]


def compare(
    old: str | Path | Report,
    new: str | Path | Report,
    *,
    old_part: str = "all",
    new_part: str = "all",
    config: MatchConfig | None = None,
    initiatives: bool = True,
    workers: int = 1,
) -> ReportDiff:
    """Compare two reports (paths, texts or loaded reports), or two parts of them; with
    ``initiatives=False`` the named initiatives are left out (``ReportDiff.initiatives`` is empty:
    :func:`reportdiff.track` follows them once per report instead). With ``workers`` > 1 a process
    forked from this one (Linux) meanwhile tags the compared sentences for the recurring runs
    (:mod:`reportdiff.recurring`) and counts the terms (:meth:`ReportDiff.terms`, otherwise counted
    when first asked for); where the parts are long (:data:`_SHARED_FROM` characters) it first finds
    the named initiatives of both, while this one extracts and pairs the commitments. ``reportdiff
    compare`` does so on two CPUs.

    >>> old = "二、2023年工作安排\\n新建高标准农田1.2万亩。"
    >>> d = compare(old, "二、2024年工作安排\\n新建高标准农田2000亩。")
    >>> [(c.status.value, c.change.relative) for c in d]
    [('lowered', -0.833333)]
    """
    from ._fork import beside

    old_part, new_part = str(getattr(old_part, "value", old_part)), str(getattr(new_part, "value", new_part))
    ro, rn, cfg = load(old), load(new), config or MatchConfig()

    def count() -> tuple[TermShift, ...]:
        return term_shifts(ro.sentences_in(old_part), rn.sentences_in(new_part))

    def tag() -> tuple[Tagged, Tagged]:
        return tag_sentences(ro.sentences_in(old_part)), tag_sentences(rn.sentences_in(new_part))

    def find() -> Sides:
        return both_sides(ro, rn, old_part=old_part, new_part=new_part)

    # in the order the comparison waits for them: the initiatives (of long parts), the tags, the terms
    share = initiatives and _long(ro.sentences_in(old_part), rn.sentences_in(new_part))
    jobs = [*([find] if share else []), *([tag] if initiatives else []), count]
    with beside(*jobs, workers=workers) as results:
        forked = (results[0] if share else None, results[-2]) if workers > 1 and initiatives else None
        diff = _compare(ro, rn, old_part, new_part, cfg, initiatives, forked)
        if workers > 1:
            vars(diff)["_terms"] = results[-1]()
    return diff


#: the characters of the compared parts from which the forked process finds the initiatives too: below
#: it the child's own fixed cost (the tagger's dictionary, 0.08 s) would make it the longer path
#: (measured on the 31 provincial pairs, plan → plan: the crossover lies at 17,000–20,000)
_SHARED_FROM = 20_000


def _long(*parts: Sequence[Sentence]) -> bool:
    """Whether the compared parts hold :data:`_SHARED_FROM` characters or more."""
    return sum(len(s.text) for part in parts for s in part) >= _SHARED_FROM


def _compare(
    ro: Report,
    rn: Report,
    old_part: str,
    new_part: str,
    cfg: MatchConfig,
    initiatives: bool,
    forked: tuple[Callable[[], Sides] | None, Callable[[], tuple[Tagged, Tagged]]] | None = None,
) -> ReportDiff:
    """:func:`compare` once the reports are loaded; ``forked``: what to call for both sides' initiatives
    (None: found here) and for the tags of the compared sentences, found by a forked process."""
    p = prepare(ro, rn, old_part=old_part, new_part=new_part, config=cfg)
    ro, rn = p.old, p.new
    delivery = old_part == "plan" and new_part == "review"
    matches, changes = _matched(p, cfg, delivery)
    named, sides = (
        pair_initiatives(
            ro,
            rn,
            old_part=old_part,
            new_part=new_part,
            aligned_sections=p.aligned,
            delivery=delivery,
            sides=forked[0]() if forked and forked[0] else None,
        )
        if initiatives
        else ((), ([], []))
    )
    anchors = [(p.old_commitments[m.old].start, p.new_commitments[m.new].start) for m in matches]
    anchors += [(c.old.start, c.new.start) for c in named if c.old is not None and c.new is not None]
    sections = _second_pass(p, cfg, anchors, old_part, new_part)
    if initiatives:  # last: the runs read the tags the forked process has had time to make
        tags = forked[1]() if forked else None
        named = add_recurring(
            named,
            sides,
            ro,
            rn,
            old_part=old_part,
            new_part=new_part,
            aligned_sections=p.aligned,
            delivery=delivery,
            tags=tags,
        )
    return ReportDiff(
        _side(ro, old_part),
        _side(rn, new_part),
        sections,
        changes,
        cfg,
        named,
        tuple(ro.sentences_in(old_part)),
        tuple(rn.sentences_in(new_part)),
    )


def _second_pass(
    p: Prepared, cfg: MatchConfig, anchors: list[tuple[int, int]], old_part: str, new_part: str
) -> tuple[AlignedSection, ...]:
    """The aligned view, its sections aligned again: sections that share matched commitments or
    initiatives (``anchors``: their offsets on each side) belong together."""
    ro, rn = p.old, p.new
    links: Counter[tuple[str, str]] = Counter()
    for a, b in anchors:
        o, n = ro.section_at(a).path.split("."), rn.section_at(b).path.split(".")
        for depth in (1, 2):
            links[(".".join(o[:depth]), ".".join(n[:depth]))] += 1
    pairs = align_sections(ro, rn, p.old_sections, p.new_sections, cfg, links)
    whole = old_part == "all" and new_part == "all"
    return aligned_view(ro, rn, pairs, cfg, top_only=whole, parts=(old_part, new_part), anchors=anchors)


def _matched(
    p: Prepared, cfg: MatchConfig, delivery: bool
) -> tuple[list[CommitmentMatch], tuple[Change, ...]]:
    nearest: dict[tuple[str, int], tuple[int, float]] = {}
    matches = match_commitments(p.old_commitments, p.new_commitments, p.aligned, cfg, nearest)
    return matches, tuple(_changes(p.old_commitments, p.new_commitments, matches, nearest, cfg, delivery))


def commitment_changes(
    old: Report, new: Report, *, old_part: str, new_part: str, config: MatchConfig | None = None
) -> tuple[Change, ...]:
    """The commitment changes of :func:`compare` alone — no initiatives, no second section pass, no
    aligned view: what :func:`reportdiff.track` needs of each of its comparisons."""
    cfg = config or MatchConfig()
    p = prepare(old, new, old_part=old_part, new_part=new_part, config=cfg)
    return _matched(p, cfg, old_part == "plan" and new_part == "review")[1]


@dataclass(frozen=True)
class Prepared:
    """What matching starts from: both reports, their commitments in the compared parts, and the
    sections aligned by title and content (first pass)."""

    old: Report
    new: Report
    old_commitments: list[Commitment]
    new_commitments: list[Commitment]
    old_sections: list[int]
    new_sections: list[int]
    aligned: list[tuple[str, str]]


def prepare(
    old: str | Path | Report,
    new: str | Path | Report,
    *,
    old_part: str = "all",
    new_part: str = "all",
    config: MatchConfig | None = None,
) -> Prepared:
    """Load both reports, check the parts, extract their commitments and align their sections."""
    cfg = config or MatchConfig()
    ro, rn = load(old), load(new)
    for name in (old_part, new_part):
        if name != "all" and name not in {p.value for p in Part}:
            raise StructureError(
                f"unknown part {name!r}", "use one of: all, " + ", ".join(p.value for p in Part)
            )
    _check_part(ro, old_part)
    _check_part(rn, new_part)
    co = extract_commitments(ro, part=None if old_part == "all" else old_part)
    cn = extract_commitments(rn, part=None if new_part == "all" else new_part)
    old_idx, new_idx = _section_indexes(ro, old_part), _section_indexes(rn, new_part)
    pairs = align_sections(ro, rn, old_idx, new_idx, cfg)
    aligned = [(p.old.path, p.new.path) for p in pairs if p.old and p.new]
    return Prepared(ro, rn, list(co), list(cn), old_idx, new_idx, aligned)


#: Checks that the evidence can answer: a big change between two indicators worded alike.
_CLEARABLE = frozenset({Check.BIG_CHANGE})
_CLEAR_CONFIDENCE = 0.9
#: a key this short is a bare head noun (天然气, 总投资): two of them worded alike may still count
#: different things (勘探新增天然气储量 vs 天然气产量), so their likeness clears nothing
_BARE_KEY = 3


def _bare(key: str) -> bool:
    """A key that names no subject: three characters or fewer, or four ending in a vague head noun
    (计划投资, 重点项目: whose investment, which projects?)."""
    return len(key) <= _BARE_KEY or (len(key) <= _BARE_KEY + 1 and key[-2:] in VAGUE)


def checks(
    old: Commitment, new: Commitment, evidence: PairEvidence, threshold: float
) -> tuple[tuple[Check, ...], tuple[Check, ...]]:
    """What a reader should verify about a matched pair before quoting it (see :data:`CHECKS`): the open
    checks, and those the evidence clears (a threefold change between indicators worded alike — same
    indicator key that names a subject (not :func:`_bare`), or canonical id — paired with a confidence
    of 0.9 or more, and no other open check)."""
    found = _all_checks(old, new, evidence, threshold)
    key = indicator_key(old.indicator)
    worded_alike = key == indicator_key(new.indicator) and not _bare(key)
    alike = worded_alike or (old.canonical is not None and old.canonical == new.canonical)
    others = [c for c in found if c not in _CLEARABLE]
    if alike and not others and evidence.confidence >= _CLEAR_CONFIDENCE:
        return (), tuple(found)
    return tuple(found), ()


def _all_checks(old: Commitment, new: Commitment, evidence: PairEvidence, threshold: float) -> list[Check]:
    qa, qb = old.quantity, new.quantity
    found: list[Check] = []
    if qa.unit != qb.unit:
        found.append(Check.UNIT_CHANGED)
    if stock_flag(old) * stock_flag(new) < 0 or addition_vs_level(old, new):
        found.append(Check.STOCK_VS_INCREMENT)
    ka, kb = indicator_key(old.indicator), indicator_key(new.indicator)
    same_canonical = old.canonical is not None and old.canonical == new.canonical
    worded_apart = modifier_conflict(ka, kb) or evidence.features.get("indicator_ratio", 1.0) < 0.5
    worded_apart = worded_apart or scopes_differ(old.indicator, new.indicator)
    if (worded_apart and not same_canonical) or money_scope(old) != money_scope(new):
        found.append(Check.SCOPE_DIFFERS)
    a, b = abs(qa.value), abs(qb.value)
    if a and b and max(a, b) / min(a, b) > 3:
        found.append(Check.BIG_CHANGE)
    if evidence.score < threshold + _NEAR or evidence.confidence < _LOW_CONFIDENCE:
        found.append(Check.NEAR_THRESHOLD)
    if qa.direction and qb.direction and qa.direction is not qb.direction:
        found.append(Check.DIRECTION_FLIP)
    if old.in_multi_year_review or new.in_multi_year_review:
        found.append(Check.FIVE_YEAR_FIGURE)
    if _looks_back(old) or _looks_back(new):
        found.append(Check.HISTORY_FIGURE)
    return found


# a money threshold that scopes what is counted: 亿元以上项目, 投资超10亿元的项目, 500万元以上的技改项目
_MONEY_SCOPE = _regex.compile(
    r"(?:投资)?(?:超过|超)?((?:[0-9.]+|[一二三四五六七八九十百千两]+)?(?:千万|万|亿)元)及?(以上)?(?=的?[\u4e00-\u9fff])"
)


def money_scope(c: Commitment) -> float | None:
    """The money threshold that scopes what ``c`` counts (全年新开工亿元以上重点项目1000个: 1亿元), read
    in the list member that holds its number (not the number itself), or None.

    >>> from reportdiff.structure import load
    >>> text = "二、2025年工作安排\\n新开工亿元以上项目1000个、技改项目300个。"
    >>> [money_scope(c) for c in extract_commitments(load(text))]
    [100000000.0, None]
    """
    pos, t = c.start - c.clause_start, c.text
    a = max(t.rfind("、", 0, pos), t.rfind("，", 0, pos)) + 1
    ends = [i for i in (t.find("、", pos), t.find("，", pos)) if i >= 0]
    member = t[a : min(ends) if ends else len(t)]
    own = range(pos - a, pos - a + len(c.quantity.text))
    for m in _MONEY_SCOPE.finditer(member):
        if (m.start() < own.stop and m.end() > own.start) or not (
            m.group().startswith(("超", "投资超")) or m.group(2)
        ):
            continue  # the commitment's own number, or an amount that scopes nothing
        amount = m.group(1) if m.group(1)[0] not in "千万亿" else "1" + m.group(1)
        found = extract_quantities(amount)
        return found[0].value if found else None
    return None


_SINCE_YEAR = _regex.compile(r"(?:从|自|由)((?:19|20)\d\d)年|((?:19|20)\d\d)年以来")


def _looks_back(c: Commitment) -> bool:
    """A milestone (迈入1600亿元大关) or a figure measured from a year long past (从1993年的44亿元)."""
    clause = c.text
    if any(w in clause for w in words()["milestone_words"]):
        return True
    years = [int(a or b) for a, b in _SINCE_YEAR.findall(clause)]
    return c.year is not None and any(y < c.year - 1 for y in years)


def _verdict(old: Commitment, new: Commitment) -> Verdict:
    """The delivery verdict on a result (``new``) against its target (``old``)."""
    q = old.quantity
    before = old.text[: max(old.start - old.clause_start, 0)] + q.text  # the number may hold 控制在
    ceiling = q.qualifier in _CEILINGS or bool(CEILING_WORDS.search(before))
    return judge(q, new.quantity, ceiling=ceiling)[0]


def _unpaired_confidence(best: tuple[int, float] | None, threshold: float) -> float:
    """How sure a new/dropped verdict is: the less its best candidate scored, the surer."""
    if best is None:
        return 1.0
    return round(max(0.0, min(1.0, 1.0 - best[1] / 100.0)), 3)


def _changes(
    co: list[Commitment],
    cn: list[Commitment],
    matches: list[CommitmentMatch],
    nearest: dict[tuple[str, int], tuple[int, float]],
    cfg: MatchConfig,
    delivery: bool,
) -> Iterator[Change]:
    """Every change, numbered in reading order: the new report's order (dropped ones after), or in a
    delivery comparison the plan's order of targets (met, missed, not reported) with the unplanned
    results after them, so that the list opens with what was promised."""
    by_old = {m.old: m for m in matches}
    by_new = {m.new: m for m in matches}
    stretch = _stretch_bases(co) if delivery else {}
    if delivery:
        order = [("old", i) for i in range(len(co))] + [("new", j) for j in range(len(cn)) if j not in by_new]
    else:
        order = [("new", j) for j in range(len(cn))] + [("old", i) for i in range(len(co)) if i not in by_old]
    for n, (side, k) in enumerate(order, start=1):
        m = by_old.get(k) if side == "old" else by_new.get(k)
        if m is not None:
            yield _pair(f"c{n}", co[m.old], cn[m.new], m, cfg, delivery)
        elif side == "old" and (base := by_old.get(stretch.get(k, -1))) is not None:
            yield _stretch(f"c{n}", co[k], co[base.old], cn[base.new], base, cfg)
        else:
            yield _unpaired(f"c{n}", side, k, co, cn, nearest, cfg, delivery)


def _pair(
    cid: str, o: Commitment, c: Commitment, m: CommitmentMatch, cfg: MatchConfig, delivery: bool
) -> Change:
    status, rule = decide(o.quantity, c.quantity)
    open_checks, cleared = checks(o, c, m.evidence, cfg.threshold)
    return Change(
        cid,
        status,
        o,
        c,
        m.evidence.score,
        _delta(o.quantity, c.quantity),
        Evidence(rule, m.evidence, None, None, cfg.threshold, _notes(o.quantity, c.quantity)),
        m.evidence.confidence,
        open_checks,
        _verdict(o, c) if delivery else None,
        cleared,
    )


def _stretch_bases(co: Sequence[Commitment]) -> dict[int, int]:
    """The stretch values of a plan and their targets, by index: ``co[k]`` follows ``co[k - 1]`` in the
    same phrase, for the same indicator and unit, after 力争/争取/努力 (增长7%以上、力争达到8%)."""
    marks = words()["stretch_words"]
    out = {}
    for k in range(1, len(co)):
        s, b = co[k], co[k - 1]
        same = (
            s.clause_start == b.clause_start
            and s.indicator == b.indicator
            and s.quantity.unit == b.quantity.unit
        )
        if same and any(w in s.text[b.end - b.clause_start : s.start - s.clause_start] for w in marks):
            out[k] = k - 1
    return out


def _stretch(
    cid: str, o: Commitment, target: Commitment, c: Commitment, m: CommitmentMatch, cfg: MatchConfig
) -> Change:
    """A stretch value judged against the result its target is paired with: the report states one
    result for both (增长7%以上、力争达到8% → 增长7%: the target met, the stretch missed), so the stretch
    is neither unreported nor a second result."""
    change = _pair(cid, o, c, m, cfg, True)
    note = f"{STRETCH_NOTE} {target.quantity.text}: judged against the same result"
    return replace(change, evidence=replace(change.evidence, notes=(*change.evidence.notes, note)))


def _unpaired(
    cid: str,
    side: str,
    k: int,
    co: list[Commitment],
    cn: list[Commitment],
    nearest: dict[tuple[str, int], tuple[int, float]],
    cfg: MatchConfig,
    delivery: bool,
) -> Change:
    hit = nearest.get((side, k))
    others = cn if side == "old" else co
    text, score = (None, None) if hit is None else (others[hit[0]].text, hit[1])
    dropped = side == "old"
    return Change(
        cid,
        Status.DROPPED if dropped else Status.NEW,
        co[k] if dropped else None,
        None if dropped else cn[k],
        round(score or 0.0, 1),
        None,
        Evidence("no-counterpart-old" if dropped else "no-counterpart-new", None, text, score, cfg.threshold),
        _unpaired_confidence(hit, cfg.threshold),
        (),
        (Verdict.NOT_REPORTED if dropped else Verdict.UNPLANNED) if delivery else None,
    )
