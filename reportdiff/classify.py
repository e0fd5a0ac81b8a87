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
from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import Any

from .align import (
    CommitmentMatch,
    MatchConfig,
    MatchScore,
    SectionPair,
    SectionStatus,
    SentencePair,
    align_sections,
    align_sentences,
    match_commitments,
)
from .commitments import Commitment, extract_commitments
from .errors import ArgumentValueError, StructureError
from .quantities import Direction, Qualifier, Quantity
from .structure import Part, Report, Sentence, load

SCHEMA_ID = "reportdiff/compare/1"
_REL_TOL = 1e-9


class Status(str, Enum):
    """The closed set of verdicts on a commitment."""

    KEPT = "kept"
    RAISED = "raised"
    LOWERED = "lowered"
    NEW = "new"
    DROPPED = "dropped"


@dataclass(frozen=True)
class Delta:
    """How much a matched value moved.

    ``absolute`` is new − old in the unit; ``relative`` the fraction of old (None when old is 0).
    """

    absolute: float
    relative: float | None

    def to_dict(self) -> dict[str, float | None]:
        return {"absolute": self.absolute, "relative": self.relative}


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
    match: MatchScore | None = None
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
    return Delta(b - a, (b - a) / a if a else None)


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
    if old.unit != new.unit:
        notes.append(f"unit {old.unit or '(none)'} → {new.unit or '(none)'}")
    return tuple(notes)


@dataclass(frozen=True)
class Change:
    """One verdict: a matched pair, or a commitment on one side only.

    Attributes:
        id: stable id within the diff (``c1``, ``c2`` …, in new-report order).
        status: kept, raised, lowered, new or dropped.
        old: the old commitment, or None for new.
        new: the new commitment, or None for dropped.
        similarity: the pair's combined score capped at 100 (0 for new/dropped);
            ``evidence.match.score`` keeps it uncapped.
        change: absolute and relative change for raised/lowered/kept, else None.
        evidence: what decided the status.
    """

    id: str
    status: Status
    old: Commitment | None
    new: Commitment | None
    similarity: float
    change: Delta | None
    evidence: Evidence

    @property
    def indicator(self) -> str:
        side = self.new or self.old
        return side.indicator if side else ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "status": self.status.value,
            "similarity": round(self.similarity, 1),
            "indicator": self.indicator,
            "old": self.old.to_dict() if self.old else None,
            "new": self.new.to_dict() if self.new else None,
            "change": self.change.to_dict() if self.change else None,
            "evidence": self.evidence.to_dict(),
        }

    def __repr__(self) -> str:
        o = self.old.quantity.text if self.old else "—"
        n = self.new.quantity.text if self.new else "—"
        return f"<Change {self.status.value} {self.indicator}: {o} → {n}>"


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
class AlignedSection:
    """A section pair with its sentence-level alignment, for the aligned view."""

    pair: SectionPair
    sentences: tuple[SentencePair, ...]

    def to_dict(self) -> dict[str, Any]:
        return {**self.pair.to_dict(), "sentences": [s.to_dict() for s in self.sentences]}


@dataclass(frozen=True)
class ReportDiff:
    """The result of :func:`compare`: every section pair and every commitment verdict.

    Attributes:
        old: the old side (report and part).
        new: the new side.
        sections: aligned sections, in the new report's order, with sentence diffs.
        all_changes: every change, dropped ones after the new report's order.
        config: the matching configuration used.
    """

    old: Side
    new: Side
    sections: tuple[AlignedSection, ...]
    all_changes: tuple[Change, ...]
    config: MatchConfig = field(repr=False)

    def summary(self) -> dict[str, int]:
        """How many changes of each status (every status present, zeros included)."""
        counts = Counter(c.status for c in self.all_changes)
        return {s.value: counts.get(s, 0) for s in Status}

    def changes(
        self, status: Status | str | None = None, *, part: str | None = None, section: str | None = None
    ) -> list[Change]:
        """Changes filtered by status, part and section path prefix (all by default)."""
        st = Status(status) if status is not None else None
        out = []
        for c in self.all_changes:
            side = c.new or c.old
            if st is not None and c.status is not st:
                continue
            if part is not None and side is not None and side.part.value != part:
                continue
            if section is not None and side is not None and not side.section_path.startswith(section):
                continue
            out.append(c)
        return out

    def __iter__(self) -> Iterator[Change]:
        return iter(self.all_changes)

    def __len__(self) -> int:
        return len(self.all_changes)

    @property
    def has_differences(self) -> bool:
        return any(c.status is not Status.KEPT for c in self.all_changes)

    def explain(self, change: Change | str) -> str:
        """A few lines saying why ``change`` got its status."""
        if isinstance(change, str):
            change = next(c for c in self.all_changes if c.id == change)
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
                f"  paired: score {m.score:.1f} ≥ threshold {ev.threshold:g} (indicator {m.indicator:.0f}, "
                f"clause {m.clause:.0f}, section +{m.section_bonus:g}, penalty −{m.penalty:g}; {m.units})"
            )
        elif ev.best_candidate is not None:
            lines.append(
                f"  best candidate “{ev.best_candidate}” scored {ev.best_score:.1f} < {ev.threshold:g}"
            )
        else:
            lines.append("  no candidate with a compatible unit")
        lines.append(f"  rule {ev.rule}: {RULES[ev.rule]}")
        if change.change and change.change.relative is not None:
            lines.append(f"  change {change.change.absolute:+g} ({change.change.relative:+.1%})")
        lines.extend(f"  note: {n}" for n in ev.notes)
        return "\n".join(lines)

    def to_dict(self) -> dict[str, Any]:
        """The JSON contract ``reportdiff/compare/1`` (schema: ``reportdiff/schemas/compare.json``)."""
        return {
            "schema": SCHEMA_ID,
            "old": self.old.to_dict(),
            "new": self.new.to_dict(),
            "summary": self.summary(),
            "config": self.config.to_dict(),
            "sections": [s.to_dict() for s in self.sections],
            "commitments": [c.to_dict() for c in self.all_changes],
        }

    def to_records(self) -> list[dict[str, Any]]:
        """One flat row per change (for CSV and data frames)."""
        rows = []
        for c in self.all_changes:
            row: dict[str, Any] = {
                "id": c.id,
                "status": c.status.value,
                "indicator": c.indicator,
                "similarity": round(c.similarity, 1),
            }
            for name, side in (("old", c.old), ("new", c.new)):
                q = side.quantity if side else None
                row[f"{name}_value"] = q.value if q else None
                row[f"{name}_unit"] = q.unit if q else None
                row[f"{name}_qualifier"] = q.qualifier.value if q and q.qualifier else None
                row[f"{name}_text"] = side.text if side else None
                row[f"{name}_section"] = side.section_path if side else None
                row[f"{name}_part"] = side.part.value if side else None
            row["absolute_change"] = c.change.absolute if c.change else None
            row["relative_change"] = c.change.relative if c.change else None
            row["rule"] = c.evidence.rule
            row["notes"] = "; ".join(c.evidence.notes)
            rows.append(row)
        return rows

    def to_dataframe(self) -> Any:
        """The changes as a pandas DataFrame (needs ``pip install 'reportdiff[pandas]'``)."""
        from ._io import dataframe

        return dataframe(self.to_records())

    def __repr__(self) -> str:
        s = self.summary()
        counts = ", ".join(f"{n} {k}" for k, n in s.items())
        return f"<ReportDiff {self.old.label} → {self.new.label}: {counts}>"

    def _repr_html_(self) -> str:
        from ._templates import render_fragment

        return render_fragment(self.to_dict())


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
) -> ReportDiff:
    """Compare two reports (paths, texts or loaded reports), or two parts of them.

    >>> old = "二、2023年工作安排\\n新建高标准农田1.2万亩。"
    >>> d = compare(old, "二、2024年工作安排\\n新建高标准农田2000亩。")
    >>> [(c.status.value, c.change.relative) for c in d]
    [('lowered', -0.8333333333333334)]
    """
    old_part, new_part = str(getattr(old_part, "value", old_part)), str(getattr(new_part, "value", new_part))
    cfg = config or MatchConfig()
    if not 0 <= cfg.threshold <= 100:  # also NaN
        raise ArgumentValueError(
            f"threshold must be from 0 to 100, not {cfg.threshold}", "e.g. 62, the default"
        )
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
    nearest: dict[tuple[str, int], tuple[int, float]] = {}
    matches = match_commitments(co, cn, aligned, cfg, nearest)
    # Second pass: sections that share matched commitments belong together in the aligned view.
    links: Counter[tuple[str, str]] = Counter()
    for m in matches:
        o, n = co[m.old].section_path.split("."), cn[m.new].section_path.split(".")
        for depth in (1, 2):
            links[(".".join(o[:depth]), ".".join(n[:depth]))] += 1
    pairs = align_sections(ro, rn, old_idx, new_idx, cfg, links)
    whole = old_part == "all" and new_part == "all"
    sections = tuple(_aligned_view(ro, rn, pairs, cfg, top_only=whole, parts=(old_part, new_part)))
    return ReportDiff(
        _side(ro, old_part),
        _side(rn, new_part),
        sections,
        tuple(_changes(co, cn, matches, nearest, cfg)),
        cfg,
    )


def _own_sentences(report: Report, chosen: set[str], part: str) -> dict[str, list[Sentence]]:
    """Each chosen section path → the sentences of the part whose nearest chosen ancestor it is."""
    out: dict[str, list[Sentence]] = {p: [] for p in chosen}
    for s in report.sentences_in(part):
        parts = report.sections[s.section].path.split(".")
        for depth in range(len(parts), 0, -1):
            path = ".".join(parts[:depth])
            if path in chosen:
                out[path].append(s)
                break
    return out


def _aligned_view(
    ro: Report,
    rn: Report,
    pairs: list[SectionPair],
    cfg: MatchConfig,
    *,
    top_only: bool,
    parts: tuple[str, str] = ("all", "all"),
) -> Iterator[AlignedSection]:
    """Sentence-level alignment of paired sections: top-level sections for whole reports, level 1
    and 2 (each with its own sentences) when parts are compared."""
    shown = [p for p in pairs if not top_only or (p.old or p.new).level == 1]  # type: ignore[union-attr]
    own_old = _own_sentences(ro, {p.old.path for p in shown if p.old}, parts[0])
    own_new = _own_sentences(rn, {p.new.path for p in shown if p.new}, parts[1])
    for p in shown:
        olds = own_old[p.old.path] if p.old else []
        news = own_new[p.new.path] if p.new else []
        if p.status in (SectionStatus.MATCHED, SectionStatus.MOVED):
            yield AlignedSection(p, tuple(align_sentences(olds, news, cfg)))
        else:
            yield AlignedSection(
                p,
                tuple(SentencePair(s, None, 0.0) for s in olds)
                + tuple(SentencePair(None, s, 0.0) for s in news),
            )


def _changes(
    co: list[Commitment],
    cn: list[Commitment],
    matches: list[CommitmentMatch],
    nearest: dict[tuple[str, int], tuple[int, float]],
    cfg: MatchConfig,
) -> Iterator[Change]:
    def best(side: str, i: int, others: list[Commitment]) -> tuple[str | None, float | None]:
        hit = nearest.get((side, i))
        return (None, None) if hit is None else (others[hit[0]].text, hit[1])

    by_new = {m.new: m for m in matches}
    paired_old = {m.old for m in matches}
    n = 0
    for j, c in enumerate(cn):
        n += 1
        m = by_new.get(j)
        if m is None:
            text, score = best("new", j, co)
            yield Change(
                f"c{n}",
                Status.NEW,
                None,
                c,
                0.0,
                None,
                Evidence("no-counterpart-new", None, text, score, cfg.threshold),
            )
            continue
        o = co[m.old]
        status, rule = decide(o.quantity, c.quantity)
        yield Change(
            f"c{n}",
            status,
            o,
            c,
            min(m.evidence.score, 100.0),
            _delta(o.quantity, c.quantity),
            Evidence(rule, m.evidence, None, None, cfg.threshold, _notes(o.quantity, c.quantity)),
        )
    for i, c in enumerate(co):
        if i in paired_old:
            continue
        n += 1
        text, score = best("old", i, cn)
        yield Change(
            f"c{n}",
            Status.DROPPED,
            c,
            None,
            0.0,
            None,
            Evidence("no-counterpart-old", None, text, score, cfg.threshold),
        )
