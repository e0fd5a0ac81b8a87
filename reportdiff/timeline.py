"""Timelines: indicator histories across many reports of one government, with delivery verdicts.

:func:`track` loads the reports, orders them by the year found in each, and chains
:func:`reportdiff.compare` results into :class:`History` rows, one per indicator:

* ``compare(year N, year N+1, plan → plan)`` links a target to the next year's target;
* ``compare(year N, year N+1, plan → review)`` links year N's target to the result the
  year N+1 report states for it;
* ``compare(year N, year N, review → plan)`` links the results a report states for year N−1
  to that report's own targets, so a result without a target of its own (the first
  report's review) still joins its indicator's history;
* ``compare(year N, year N+1, review → review)`` links results year to year, so a history
  goes on through a year that set no target.

Links are taken strongest kind first (plan, delivery, review→plan, review) and, within
a kind, best score first; a link that would give a history two targets (or two results)
for one year is refused. A history holds every year where it has a target or a result;
each year gets a :class:`Verdict` from :func:`judge` (rules in ``docs/track.md``):

>>> from reportdiff.quantities import extract_quantities as q
>>> judge(q("增长6%左右")[0], q("增长6.0%")[0])[0].value
'met'
>>> judge(q("增长21%")[0], q("增长18.5%")[0])[0].value
'missed'
>>> judge(q("城镇登记失业率4.5%以内")[0], q("3.9%")[0], ceiling=True)[0].value
'met'
>>> judge(q("下降3%")[0], q("下降3.8%")[0])[0].value
'exceeded'
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, NamedTuple

from . import _regex
from .commitments import Commitment, Kind
from .delivery import CEILING_WORDS, RULES, DeliveryRules, Verdict, judge
from .errors import ArgumentTypeError, InputError, StructureError, type_name
from .initiative_timeline import InitiativeHistory, follow_initiatives
from .quantities import Direction, Qualifier, unit_kind

if TYPE_CHECKING:
    from .align import MatchConfig
    from .structure import Report

__all__ = [
    "RULES",
    "Delivery",
    "DeliveryRules",
    "History",
    "Observation",
    "ReportRef",
    "Timeline",
    "Verdict",
    "judge",
    "track",
]

SCHEMA_ID = "reportdiff/track/1"
_CEILINGS = (Qualifier.AT_MOST, Qualifier.LESS_THAN)
# A result clause that speaks of several years (年均增长12.1%, 累计完成…, 五年来…) is no year's result.
_MULTI_YEAR = _regex.compile(r"年均|累计|五年|十[一二三四五六]五(?:期间|时期)?|近[两三四五]年|历年")
_YEAR_WORD = _regex.compile(r"(19|20)\d\d\s*年")


# --- the results --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Observation:
    """One target or result of one year, as stated in one report.

    Attributes:
        year: the year the value is about: the report's year for a target (plan part),
            the year before for a result (review part).
        kind: :attr:`Kind.TARGET` or :attr:`Kind.RESULT`.
        indicator: the indicator words of the clause.
        value: the unsigned value with magnitudes applied (a range's midpoint).
        unit: the base unit (``%``, ``元``, ``亩`` …).
        qualifier: 以上/左右/以内 … as a :class:`Qualifier`, or None when exact.
        low: a range's lower bound, else ``value``.
        high: a range's upper bound, else ``value``.
        direction: up (增长) or down (下降) for rates, else None.
        quantity_text: the quantity as written (``6%左右``).
        text: the clause holding it.
        sentence: the whole sentence.
        source: the report's source (its path).
        report_year: the year of the report that states it.
        section_path: the dotted path of its section.
        section_title: that section's title.
        start: offset of the quantity in that report's text.
        end: offset one past it.
        ceiling: whether the target is a cap (以内, 以下, 不超过, 控制在).
        canonical: the canonical indicator id (``gdp_growth`` …), or None.
    """

    year: int
    kind: Kind
    indicator: str
    value: float
    unit: str
    qualifier: Qualifier | None
    low: float
    high: float
    direction: Direction | None
    quantity_text: str
    text: str
    sentence: str
    source: str
    report_year: int
    section_path: str
    section_title: str
    start: int
    end: int
    ceiling: bool = False
    canonical: str | None = None

    @classmethod
    def from_commitment(cls, c: Commitment, report: Report, kind: Kind) -> Observation:
        q = c.quantity
        year = int(report.year or 0)
        before = c.text[: max(c.start - c.clause_start, 0)]
        return cls(
            year=year if kind is Kind.TARGET else year - 1,
            kind=kind,
            indicator=c.indicator,
            value=q.value,
            unit=q.unit,
            qualifier=q.qualifier,
            low=q.low,
            high=q.high,
            direction=q.direction,
            quantity_text=q.text,
            text=c.text,
            sentence=c.sentence,
            source=report.source,
            report_year=year,
            section_path=c.section_path,
            section_title=c.section_title,
            start=c.start,
            end=c.end,
            ceiling=kind is Kind.TARGET and (q.qualifier in _CEILINGS or bool(CEILING_WORDS.search(before))),
            canonical=c.canonical,
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "year": self.year,
            "kind": self.kind.value,
            "indicator": self.indicator,
            "quantity": {
                "text": self.quantity_text,
                "value": self.value,
                "unit": self.unit,
                "qualifier": self.qualifier.value if self.qualifier else None,
                "low": self.low,
                "high": self.high,
                "direction": self.direction.value if self.direction else None,
            },
            "text": self.text,
            "sentence": self.sentence,
            "source": self.source,
            "report_year": self.report_year,
            "section": {"path": self.section_path, "title": self.section_title},
            "start": self.start,
            "end": self.end,
            "ceiling": self.ceiling,
            "canonical": self.canonical,
        }

    def __repr__(self) -> str:
        return f"<Observation {self.year} {self.kind.value} {self.indicator} {self.quantity_text}>"


class Verdicts(dict[int, Verdict]):
    """Year → verdict of one history (:meth:`History.verdicts`); a plain dict with a notebook display."""

    def __init__(self, verdicts: dict[int, Verdict], indicator: str = "") -> None:
        super().__init__(verdicts)
        self.indicator = indicator

    def _repr_html_(self) -> str:
        from ._format import labels
        from ._templates import render_records

        t = labels("zh")
        rows = [[year, t.get(f"verdict_{v.value}", v.value)] for year, v in sorted(self.items())]
        return render_records(self.indicator or t["verdicts"], [t["year"], t["verdict"]], rows)


@dataclass(frozen=True)
class Delivery:
    """One year of a history: the target, the result and the verdict.

    Attributes:
        year: the year.
        target: that year's target (from that year's report), or None.
        result: that year's result (from the next report's review), or None.
        verdict: met, exceeded, missed or not_reported; None when the year had no target
            (a result alone: the rule is ``no-target``).
        rule: the rule that decided (see :data:`RULES`).
        note: the comparison spelled out (``result 18.5% < target 21%``).
        link: how target and result were paired: ``compare`` (compare matched them, ``score``
            says how well), ``history`` (both joined the history through other links), or ''.
    """

    year: int
    target: Observation | None
    result: Observation | None
    verdict: Verdict | None
    rule: str
    note: str = ""
    link: str = ""
    score: float | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "year": self.year,
            "target": self.target.to_dict() if self.target else None,
            "result": self.result.to_dict() if self.result else None,
            "verdict": self.verdict.value if self.verdict else None,
            "rule": self.rule,
            "note": self.note,
            "link": self.link,
            "score": None if self.score is None else round(self.score, 1),
        }


#: An alias: a year of a history is a delivery record.
YearEntry = Delivery


@dataclass(frozen=True)
class History:
    """One indicator through the years.

    Attributes:
        id: ``h1``, ``h2`` … (longest histories first).
        indicator: the indicator's latest wording.
        unit: the unit of its latest target (or result).
        entries: one :class:`Delivery` per year with a target or a result, in year order.
    """

    id: str
    indicator: str
    unit: str
    entries: tuple[Delivery, ...]

    @property
    def years(self) -> list[int]:
        return [e.year for e in self.entries]

    def entry(self, year: int) -> Delivery | None:
        """The entry of ``year``, or None."""
        return next((e for e in self.entries if e.year == year), None)

    def target(self, year: int) -> Observation | None:
        e = self.entry(year)
        return e.target if e else None

    def result(self, year: int) -> Observation | None:
        e = self.entry(year)
        return e.result if e else None

    def verdicts(self) -> Verdicts:
        """The verdict of each year that had a target (a dict that displays as a table in a notebook)."""
        return Verdicts({e.year: e.verdict for e in self.entries if e.verdict is not None}, self.indicator)

    def observations(self) -> Iterator[Observation]:
        for e in self.entries:
            if e.target:
                yield e.target
            if e.result:
                yield e.result

    @property
    def canonical(self) -> str | None:
        """The canonical indicator id most of its observations carry, or None."""
        from collections import Counter

        ids = Counter(o.canonical for o in self.observations() if o.canonical)
        return ids.most_common(1)[0][0] if ids else None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "indicator": self.indicator,
            "canonical": self.canonical,
            "unit": self.unit,
            "entries": [e.to_dict() for e in self.entries],
        }

    def __repr__(self) -> str:
        def one(e: Delivery) -> str:
            t = e.target.quantity_text if e.target else "—"
            r = e.result.quantity_text if e.result else "—"
            return f"{e.year} {t}→{r}"

        return f"<History {self.id} {self.indicator}: " + ", ".join(one(e) for e in self.entries) + ">"

    def _repr_html_(self) -> str:
        """A small card in a notebook: years, targets, results, verdicts and the source sentences."""
        from .timeline_view import render_history_fragment

        return render_history_fragment(self.to_dict())


@dataclass(frozen=True)
class ReportRef:
    """One report of the timeline."""

    source: str
    region: str | None
    year: int
    title: str | None

    def to_dict(self) -> dict[str, Any]:
        return {"source": self.source, "region": self.region, "year": self.year, "title": self.title}


@dataclass(frozen=True)
class Timeline:
    """The result of :func:`track`: the reports in year order and the indicator histories.

    Attributes:
        reports: the reports, oldest first.
        histories: every history of at least two observations, the most informative first (years
            with a target plus years judged against a result, then years, then text order).
        rules: the tolerances the verdicts used.
        warnings: what could not be compared (a report without a plan or review part …).
        initiatives: the named initiatives followed through the reports (first year named, stage
            each year, last year named: :mod:`reportdiff.initiative_timeline`), every one named in
            at least two plan or review parts, in the order first named.
    """

    reports: tuple[ReportRef, ...]
    histories: tuple[History, ...]
    rules: DeliveryRules = field(default_factory=DeliveryRules)
    warnings: tuple[str, ...] = ()
    initiatives: tuple[InitiativeHistory, ...] = ()

    @property
    def region(self) -> str | None:
        return next((r.region for r in reversed(self.reports) if r.region), None)

    @property
    def years(self) -> list[int]:
        """The years of the reports."""
        return [r.year for r in self.reports]

    @property
    def label(self) -> str:
        ys = self.years
        span = f"{ys[0]}–{ys[-1]}" if len(ys) > 1 and ys[0] != ys[-1] else (str(ys[0]) if ys else "")
        return f"{self.region or '?'} {span}".strip()

    def __iter__(self) -> Iterator[History]:
        return iter(self.histories)

    def __len__(self) -> int:
        return len(self.histories)

    def __getitem__(self, id: str) -> History:
        for h in self.histories:
            if h.id == id:
                return h
        raise KeyError(id)

    def find(self, words: str) -> list[History]:
        """Histories whose indicator (in any year) contains ``words``, or whose canonical id or English gloss
        is ``words`` (``find("gdp_growth")``, ``find("GDP growth")``)."""
        from .indicators import gloss

        def hit(h: History) -> bool:
            cid = h.canonical
            if cid and words.lower() in (cid, gloss(cid).lower()):
                return True
            return any(words in o.indicator for o in h.observations())

        return [h for h in self.histories if hit(h)]

    def summary(self) -> dict[str, int]:
        """How many years of each verdict, over every history (all four present)."""
        counts = {v.value: 0 for v in Verdict}
        for h in self.histories:
            for v in h.verdicts().values():
                counts[v.value] += 1
        return counts

    def history_of(self, source: str, start: int, indicator: str) -> History | None:
        """The history holding the commitment at ``start`` in ``source`` with ``indicator``."""
        for h in self.histories:
            for o in h.observations():
                if o.source == source and o.start == start and o.indicator == indicator:
                    return h
        return None

    def to_dict(self) -> dict[str, Any]:
        """The JSON contract ``reportdiff/track/1``."""
        return {
            "schema": SCHEMA_ID,
            "region": self.region,
            "reports": [r.to_dict() for r in self.reports],
            "rules": self.rules.to_dict(),
            "summary": self.summary(),
            "warnings": list(self.warnings),
            "histories": [h.to_dict() for h in self.histories],
            "initiatives": [h.to_dict() for h in self.initiatives],
        }

    def to_records(self) -> list[dict[str, Any]]:
        """One flat row per history and year (for CSV and data frames)."""
        rows: list[dict[str, Any]] = []
        for h in self.histories:
            for e in h.entries:
                row: dict[str, Any] = {"history": h.id, "indicator": h.indicator, "year": e.year}
                for name, o in (("target", e.target), ("result", e.result)):
                    row[f"{name}_value"] = o.value if o else None
                    row[f"{name}_unit"] = o.unit if o else None
                    row[f"{name}_qualifier"] = o.qualifier.value if o and o.qualifier else None
                    row[f"{name}_low"] = o.low if o else None
                    row[f"{name}_high"] = o.high if o else None
                    row[f"{name}_direction"] = o.direction.value if o and o.direction else None
                    row[f"{name}_quantity"] = o.quantity_text if o else None
                    row[f"{name}_text"] = o.text if o else None
                    row[f"{name}_source"] = o.source if o else None
                    row[f"{name}_section"] = o.section_path if o else None
                row["verdict"] = e.verdict.value if e.verdict else None
                row["rule"] = e.rule
                row["note"] = e.note
                row["link"] = e.link
                rows.append(row)
        return rows

    def to_dataframe(self) -> Any:
        """The records as a pandas DataFrame (needs ``pip install 'reportdiff[pandas]'``)."""
        from ._io import dataframe

        return dataframe(self.to_records())

    def initiative_records(self) -> list[dict[str, Any]]:
        """One flat row per initiative and part naming it (for CSV and data frames)."""
        likely = {h.id: round(h.namehood, 3) for h in self.initiatives}
        return [
            {
                "initiative": h.id,
                "name": h.name,
                "kind": h.kind.value,
                **y.to_dict(),
                "vanished": h.vanished,
                "namehood": likely[h.id],
            }
            for h in self.initiatives
            for y in h.years
        ]

    def __repr__(self) -> str:
        return (
            f"<Timeline {self.label}: {len(self.histories)} histories, {len(self.initiatives)} initiatives>"
        )

    def _repr_html_(self) -> str:
        """The timeline in a notebook: element ids unique to this display, no source sentences (a
        history's own display, ``timeline["h2"]``, has them)."""
        from .timeline_view import render_timeline_fragment

        return render_timeline_fragment(self.to_dict())


# --- building a timeline ---------------------------------------------------------------------------

_Key = tuple[int, str, int, str]  # (report index, part, start, indicator)
_LINK_RANK = {"plan": 0, "delivery": 1, "within": 2, "review": 3}


@dataclass
class _Node:
    key: _Key
    obs: Observation


@dataclass(frozen=True)
class _Link:
    kind: str  # plan, delivery, within
    a: _Key
    b: _Key
    score: float


class _Components:
    """Union-find over observations, refusing a union that puts two targets (or two results) in one year."""

    def __init__(self, nodes: Mapping[_Key, _Node]) -> None:
        self.parent: dict[_Key, _Key] = {k: k for k in nodes}
        self.slots: dict[_Key, set[tuple[int, Kind]]] = {
            k: {(n.obs.year, n.obs.kind)} for k, n in nodes.items()
        }

    def find(self, k: _Key) -> _Key:
        root = k
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[k] != root:
            self.parent[k], k = root, self.parent[k]
        return root

    def union(self, a: _Key, b: _Key) -> bool:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return True
        if self.slots[ra] & self.slots[rb]:
            return False
        if len(self.slots[ra]) < len(self.slots[rb]):
            ra, rb = rb, ra
        self.parent[rb] = ra
        self.slots[ra] |= self.slots.pop(rb)
        return True


def _load_all(reports: Iterable[str | Path | Report]) -> list[Report]:
    from .structure import load

    loaded = [load(r) for r in reports]
    if not loaded:
        raise InputError(
            "track needs at least one report", "give the reports of one government, e.g. its 2012–2019 files"
        )
    for r in loaded:
        if r.year is None:
            raise InputError(
                f"no year found in {r.source}",
                "track orders reports by the year stated in them; check `reportdiff sections FILE`, "
                "or give a report whose title or plan heading names its year",
            )
    regions = sorted({r.region for r in loaded if r.region})
    if len(regions) > 1:
        raise InputError(
            f"track follows one government, but the reports are from {', '.join(regions)}",
            "give the reports of one region (use `reportdiff panel` for many regions at once)",
        )
    loaded.sort(key=lambda r: int(r.year or 0))
    for a, b in itertools.pairwise(loaded):
        if a.year == b.year:
            raise InputError(
                f"two reports for {a.region or '?'} {a.year}: {a.source} and {b.source}",
                "give one report per year",
            )
    return loaded


def _is_multi_year(c: Commitment, year: int) -> bool:
    """Whether a review clause states a multi-year figure (年均, 累计, 五年) rather than year ``year``'s."""
    before = c.subject + c.text[: max(c.start - c.clause_start, 0)]
    if _MULTI_YEAR.search(before):
        return True
    named = {int(m.group(0)[:4]) for m in _YEAR_WORD.finditer(c.text)}
    return bool(named) and year not in named


def track(
    reports: Iterable[str | Path | Report],
    *,
    config: MatchConfig | None = None,
    rules: DeliveryRules | None = None,
    workers: int = 1,
) -> Timeline:
    """Chain the commitments of one government's reports into indicator histories.

    ``reports`` are paths, texts or loaded reports of one region, in any order: they are
    sorted by the year found in each. Raises :class:`reportdiff.InputError` when a report
    has no year, two reports share a year, or the regions differ. Years may have gaps:
    targets still chain across a gap, but a year whose next report is missing gets
    ``not_reported`` (rule ``no-later-report``).

    ``workers`` > 1 shares the comparisons (and the following of initiatives) out among that many
    processes forked from this one, on Linux; the timeline is the same. ``reportdiff track`` uses
    one per CPU, up to two.
    """
    if isinstance(reports, (str, bytes, Path)) or not isinstance(reports, Iterable):
        raise ArgumentTypeError(
            f"reports must be a list of reports, not {type_name(reports)}",
            "e.g. track([path_2023, path_2024])",
        )
    loaded = _load_all(reports)
    rules = rules or DeliveryRules()
    linker = _Linker(loaded, config)
    followed = linker.link_all(workers)
    comps = _Components(linker.nodes)
    accepted: dict[frozenset[_Key], _Link] = {}
    for link in sorted(linker.links, key=lambda x: (_LINK_RANK[x.kind], -x.score)):
        if comps.union(link.a, link.b):
            accepted[frozenset((link.a, link.b))] = link
    groups: dict[_Key, list[_Node]] = {}
    for k, n in linker.nodes.items():
        groups.setdefault(comps.find(k), []).append(n)
    years_with_report = {int(r.year or 0) for r in loaded}
    review_years = {int(r.year or 0) for i, r in enumerate(loaded) if "review" in linker.has_part[i]}
    built = [
        _history(members, accepted, years_with_report, review_years, rules)
        for members in groups.values()
        if len(members) >= 2
    ]
    built.sort(key=lambda h: (-_weight(h[1]), -len(h[1].entries), h[0]))
    histories = tuple(
        History(f"h{n}", h.indicator, h.unit, h.entries) for n, (_, h) in enumerate(built, start=1)
    )
    refs = tuple(ReportRef(r.source, r.region, int(r.year or 0), r.title) for r in loaded)
    return Timeline(refs, histories, rules, tuple(linker.warnings), followed)


class _Pair(NamedTuple):
    """A pair one comparison made, as the keys and observations of its two sides (an observation is
    None for a review's multi-year figure, which joins no history)."""

    a: _Key
    obs_a: Observation | None
    b: _Key
    obs_b: Observation | None
    same_kind: bool
    score: float


_Task = tuple[int, int, str, str, str]  # report i, report j, old part, new part, kind
#: what following the initiatives costs, against the commitment comparisons of the same reports
#: (hailaer 2012–2019: 0.21 s against 0.51 s for 29 comparisons): how the work is shared out
_INITIATIVES_SHARE = 0.4


class _Linker:
    """The observations of a region's reports and the candidate links between them, from the
    comparisons of each pair of consecutive reports (plan → plan, plan → review: delivery,
    review → review) and of each report with itself (review → plan: within)."""

    # 'review' commitments of a report state results for year − 1; 'plan' ones targets for year.
    KINDS: ClassVar[dict[str, Kind]] = {"plan": Kind.TARGET, "review": Kind.RESULT}

    def __init__(self, loaded: Sequence[Report], config: MatchConfig | None) -> None:
        self.loaded, self.config = loaded, config
        self.nodes: dict[_Key, _Node] = {}
        self.links: list[_Link] = []
        self.warnings: list[str] = []
        self.has_part = [{p.value for p in r.parts()} for r in loaded]
        self.observed: dict[_Key, Observation | None] = {}

    def observe(self, i: int, part: str, c: Commitment) -> tuple[_Key, Observation | None]:
        """The node key of commitment ``c`` of report ``i``, and its observation (None: a multi-year
        figure of a review)."""
        k = (i, part, c.start, c.indicator)
        if k not in self.observed:
            multi = part == "review" and _is_multi_year(c, int(self.loaded[i].year or 0) - 1)
            self.observed[k] = (
                None if multi else Observation.from_commitment(c, self.loaded[i], self.KINDS[part])
            )
        return k, self.observed[k]

    def compare(self, task: _Task) -> tuple[list[_Pair], str | None]:
        """The pairs of one comparison (part ``old_part`` of report ``i`` with ``new_part`` of ``j``), or
        a warning when it cannot be made. Reads the linker, changes nothing: it may run in a child."""
        from .classify import commitment_changes

        i, j, old_part, new_part, kind = task
        try:
            changes = commitment_changes(
                self.loaded[i], self.loaded[j], old_part=old_part, new_part=new_part, config=self.config
            )
        except StructureError as exc:
            return [], f"{kind}: {exc.cause}"
        pairs = []
        for ch in changes:
            if ch.old is None or ch.new is None:
                continue
            same_kind = unit_kind(ch.old.quantity.unit) == unit_kind(ch.new.quantity.unit)
            a, b = self.observe(i, old_part, ch.old), self.observe(j, new_part, ch.new)
            pairs.append(_Pair(a[0], a[1], b[0], b[1], same_kind, ch.similarity))
        return pairs, None

    def add(self, task: _Task, pairs: list[_Pair], warning: str | None) -> None:
        """Keep the nodes and links of one comparison's pairs."""
        if warning is not None:
            self.warnings.append(warning)
        for p in pairs:
            a, b = self._node(p.a, p.obs_a), self._node(p.b, p.obs_b)
            if a is not None and b is not None and p.same_kind:
                self.links.append(_Link(task[4], a, b, p.score))

    def _node(self, k: _Key, obs: Observation | None) -> _Key | None:
        if k not in self.nodes:
            if obs is None:
                return None
            self.nodes[k] = _Node(k, obs)
        return k

    def tasks(self) -> list[_Task]:
        """Every comparison the reports' parts allow; a warning for each part that is missing."""
        has, loaded = self.has_part, self.loaded
        for i, r in enumerate(loaded):
            if "plan" not in has[i]:
                self.warnings.append(f"{r.source} ({r.year}) has no plan part: no targets for {r.year}")
            if i > 0 and "review" not in has[i]:
                self.warnings.append(
                    f"{r.source} ({r.year}) has no review part: no results for {int(r.year or 0) - 1}"
                )
        tasks: list[_Task] = []
        for i in range(len(loaded) - 1):
            j = i + 1
            if "plan" in has[i] and "plan" in has[j]:
                tasks.append((i, j, "plan", "plan", "plan"))
            consecutive = int(loaded[j].year or 0) == int(loaded[i].year or 0) + 1
            if consecutive and "plan" in has[i] and "review" in has[j]:
                tasks.append((i, j, "plan", "review", "delivery"))
            if consecutive and "review" in has[i] and "review" in has[j]:
                tasks.append((i, j, "review", "review", "review"))
        for i in range(len(loaded)):
            if {"plan", "review"} <= has[i]:
                tasks.append((i, i, "review", "plan", "within"))
        return tasks

    def link_all(self, workers: int = 1) -> tuple[InitiativeHistory, ...]:
        """Make every comparison and keep its pairs; follow the initiatives meanwhile (returned).

        With ``workers`` > 1 the comparisons are shared out, a run of consecutive reports each (so a
        report's commitments are read in one process), and the last share also follows the
        initiatives; the pairs are kept in the order of :meth:`tasks` whatever ran where, so the
        timeline is the same."""
        from ._fork import forked

        tasks = self.tasks()
        shares = _shares(sorted(range(len(tasks)), key=lambda t: max(tasks[t][:2])), workers)

        def job(share: list[int], follow: bool) -> Callable[[], _ShareResult]:
            return lambda: (
                {t: self.compare(tasks[t]) for t in share},
                follow_initiatives(self.loaded) if follow else None,
            )

        done = forked([job(s, k == len(shares) - 1) for k, s in enumerate(shares)], workers=workers)
        results = {t: r for found, _ in done for t, r in found.items()}
        for t, task in enumerate(tasks):
            self.add(task, *results[t])
        return done[-1][1] or ()


_ShareResult = tuple[dict[int, tuple[list[_Pair], "str | None"]], "tuple[InitiativeHistory, ...] | None"]


def _shares(order: list[int], workers: int) -> list[list[int]]:
    """``order`` cut into up to ``workers`` runs of about equal work. The last run also follows the
    initiatives (worth :data:`_INITIATIVES_SHARE` of all the comparisons), so it takes fewer
    comparisons, perhaps none."""
    n = len(order)
    w = min(workers, n)
    if w <= 1:
        return [order]
    follow = n * _INITIATIVES_SHARE
    rest = n - max(0, round((n + follow) / w - follow))
    bounds = [round(rest * k / (w - 1)) for k in range(w)]
    return [order[a:b] for a, b in itertools.pairwise(bounds)] + [order[rest:]]


def _weight(h: History) -> int:
    """How much a history says: its years with a target plus its years judged against a result."""
    return sum(1 for e in h.entries if e.target) + sum(
        1 for e in h.entries if e.verdict not in (None, Verdict.NOT_REPORTED)
    )


def _history(
    members: list[_Node],
    accepted: Mapping[frozenset[_Key], _Link],
    years_with_report: set[int],
    review_years: set[int],
    rules: DeliveryRules,
) -> tuple[tuple[int, int, int], History]:
    by_year: dict[int, dict[Kind, _Node]] = {}
    for n in members:
        by_year.setdefault(n.obs.year, {})[n.obs.kind] = n
    entries: list[Delivery] = []
    for year in sorted(by_year):
        t, r = by_year[year].get(Kind.TARGET), by_year[year].get(Kind.RESULT)
        if t is None and r is not None:
            entries.append(Delivery(year, None, r.obs, None, "no-target"))
            continue
        assert t is not None
        if r is None:
            nxt = year + 1
            rule = "no-result" if nxt in years_with_report and nxt in review_years else "no-later-report"
            entries.append(Delivery(year, t.obs, None, Verdict.NOT_REPORTED, rule))
            continue
        verdict, rule, note = judge(t.obs, r.obs, ceiling=t.obs.ceiling, rules=rules)
        direct = accepted.get(frozenset((t.key, r.key)))
        link = "compare" if direct is not None else "history"
        score = direct.score if direct else None
        entries.append(Delivery(year, t.obs, r.obs, verdict, rule, note, link, score))
    latest = max(members, key=lambda n: (n.obs.kind is Kind.TARGET, n.obs.report_year, -n.obs.start))
    first = min(members, key=lambda n: (n.key[0], n.key[2]))
    order = (first.key[0], first.key[2], 0)
    return order, History("", latest.obs.indicator, latest.obs.unit, tuple(entries))


def track_command(
    files: Sequence[str | Path],
    *,
    format: str | None,
    output: Path | None,
    lang: str = "zh",
    workers: int | None = None,
) -> str:
    """What ``reportdiff track`` writes: the timeline of ``files`` in ``format``.

    The format defaults to the suffix of ``output`` (.html .json .csv .md), else a terminal table.
    """
    import json

    from ._io import csv_text, output_format

    fmt = output_format(format, output)
    from ._fork import default_workers

    # a region's reports make a few dozen comparisons: more than four processes would each read the
    # same reports
    timeline = track(files, workers=workers or default_workers(4))
    if fmt == "json":
        return json.dumps(timeline.to_dict(), ensure_ascii=False, indent=2)
    if fmt == "csv":
        return csv_text(timeline.to_records())
    from .timeline_view import render_timeline_markdown, render_timeline_page, render_timeline_table

    if fmt == "html":
        return render_timeline_page(timeline.to_dict(), lang=lang)
    if fmt == "md":
        return render_timeline_markdown(timeline.to_dict(), lang=lang)
    return render_timeline_table(timeline.to_dict(), lang=lang)
