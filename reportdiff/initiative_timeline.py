"""Stage 5c: named initiatives over the years — first year named, stage each year, last year named.

:func:`follow_initiatives` reads the plan and review parts of one government's reports (oldest
first), extracts each part's initiatives once, and links them with the same pairing as a
comparison (:func:`~reportdiff.initiative_diff.diff_initiatives`, after
:func:`~reportdiff.initiative_diff.cross_lookup` by name):

* ``plan N → plan N+1``: the initiative is named again the next year;
* ``plan N → review N+1``: the next report says what became of it (建成, 投用 …);
* ``review N → plan N``: a report's review names what its own plan carries on.

Linked mentions form one :class:`InitiativeHistory`; :func:`reportdiff.track` puts them in
``Timeline.initiatives``.

>>> from reportdiff.structure import load
>>> reports = [
...     load("2015年海拉尔区政府工作报告\\n二、2015年工作安排\\n开工建设滨河公园。"),
...     load("2016年海拉尔区政府工作报告\\n一、2015年工作回顾\\n滨河公园开工建设。\\n"
...          "二、2016年工作安排\\n建成滨河公园。"),
... ]
>>> [h.name for h in follow_initiatives(reports)]
['滨河公园']
>>> h = follow_initiatives(reports)[0]
>>> h.first_year, h.last_year, [(y.year, y.part, y.stage.value) for y in h.years]
(2015, 2016, [(2015, 'plan', 'start'), (2016, 'review', 'start'), (2016, 'plan', 'done')])
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from .initiative_diff import cross_lookup, diff_initiatives
from .initiatives import Initiative, InitiativeKind, Stage, extract_initiatives
from .namehood import namehood_of
from .structure import Report

_PART_ORDER = {"review": 0, "plan": 1}


@dataclass(frozen=True)
class InitiativeYear:
    """How one report's part names an initiative.

    Attributes:
        year: the report's year (a review part speaks of the year before).
        part: ``plan`` or ``review``.
        name: the name as that part writes it.
        stage: the most advanced stage the part states, or None.
        verb: the verb that states it.
        text: the clauses that name it there (joined by ``；``).
        source: the report's file name (or label).
        start: offset of the first mention in that report.
    """

    year: int
    part: str
    name: str
    stage: Stage | None
    verb: str
    text: str
    source: str
    start: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "year": self.year,
            "part": self.part,
            "name": self.name,
            "stage": self.stage.value if self.stage else None,
            "verb": self.verb,
            "text": self.text,
            "source": self.source,
            "start": self.start,
        }


@dataclass(frozen=True)
class InitiativeHistory:
    """One initiative followed through a government's reports.

    Attributes:
        id: ``n1``, ``n2`` … in the order first named.
        name: its name in the latest report that names it.
        kind: project, programme, pilot, reform, regulation, platform, zone or event.
        years: every plan or review part that names it, oldest first (review before plan in a year).
        last_report_year: the year of the last report followed (to tell whether it vanished).
    """

    id: str
    name: str
    kind: InitiativeKind
    years: tuple[InitiativeYear, ...]
    last_report_year: int

    @property
    def first_year(self) -> int:
        """The year of the first report that names it."""
        return self.years[0].year

    @property
    def last_year(self) -> int:
        """The year of the last report that names it."""
        return self.years[-1].year

    @property
    def vanished(self) -> bool:
        """Whether the last report followed no longer names it."""
        return self.last_year < self.last_report_year

    @property
    def stage(self) -> Stage | None:
        """The most advanced stage any report states."""
        staged = [y.stage for y in self.years if y.stage is not None]
        return max(staged) if staged else None

    @property
    def namehood(self) -> float:
        """How likely the name is a real initiative (:func:`reportdiff.namehood.namehood_of`): the
        likeliest of its years' readings."""
        return max(namehood_of(y.name, self.kind, y.stage, y.text) for y in self.years)

    def stages(self) -> dict[int, Stage | None]:
        """The most advanced stage stated in each year's report (plan or review part)."""
        out: dict[int, Stage | None] = {}
        for y in self.years:
            now = out.get(y.year)
            if now is None or (y.stage is not None and y.stage > now):
                out[y.year] = y.stage
        return out

    def to_dict(self) -> dict[str, Any]:
        stage = self.stage
        return {
            "id": self.id,
            "name": self.name,
            "kind": self.kind.value,
            "first_year": self.first_year,
            "last_year": self.last_year,
            "vanished": self.vanished,
            "stage": stage.value if stage else None,
            "namehood": round(self.namehood, 3),
            "stages": {str(y): (s.value if s else None) for y, s in self.stages().items()},
            "years": [y.to_dict() for y in self.years],
        }

    def __repr__(self) -> str:
        steps = ", ".join(f"{y}:{s.value if s else '?'}" for y, s in self.stages().items())
        end = " (vanished)" if self.vanished else ""
        return f"<InitiativeHistory {self.id} {self.name} [{self.kind.value}] {steps}{end}>"


_Node = tuple[int, str, int]  # (report index, part, index in that part's list)


class _Union:
    def __init__(self) -> None:
        self.parent: dict[_Node, _Node] = {}

    def find(self, x: _Node) -> _Node:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: _Node, b: _Node) -> None:
        self.parent[self.find(a)] = self.find(b)


def follow_initiatives(reports: Sequence[Report], *, min_parts: int = 2) -> tuple[InitiativeHistory, ...]:
    """The initiatives of ``reports`` (one government's, oldest first) followed year to year: every
    initiative named in at least ``min_parts`` plan or review parts, in the order first named."""
    parts: dict[tuple[int, str], list[Initiative]] = {}
    for i, r in enumerate(reports):
        for part in ("review", "plan"):
            parts[(i, part)] = list(extract_initiatives(r, part=part))
    links = _Union()
    for (i, a), (j, b) in _pairs(len(reports)):
        if not parts[(i, a)] or not parts[(j, b)]:
            continue
        old, new = cross_lookup(parts[(i, a)], parts[(j, b)], reports[i], reports[j], old_part=a, new_part=b)
        index_o, index_n = _extend(parts[(i, a)], old), _extend(parts[(j, b)], new)
        delivery = a == "plan" and b == "review"
        for c in diff_initiatives(old, new, delivery=delivery):
            if c.old is not None and c.new is not None:
                links.union((i, a, index_o[id(c.old)]), (j, b, index_n[id(c.new)]))
    groups: dict[_Node, list[_Node]] = {}
    for (i, part), items in parts.items():
        for k in range(len(items)):
            groups.setdefault(links.find((i, part, k)), []).append((i, part, k))
    last = int(reports[-1].year or 0) if reports else 0
    built = []
    for members in groups.values():
        if len(members) < min_parts:
            continue
        members.sort(key=lambda n: (n[0], _PART_ORDER[n[1]], parts[(n[0], n[1])][n[2]].start))
        years = tuple(_year(reports[i], part, parts[(i, part)][k]) for i, part, k in members)
        latest = parts[(members[-1][0], members[-1][1])][members[-1][2]]
        built.append((members[0], years, latest))
    built.sort(key=lambda b: (b[0][0], _PART_ORDER[b[0][1]], b[1][0].start))
    return tuple(
        InitiativeHistory(f"n{k}", latest.name, latest.kind, years, last)
        for k, (_, years, latest) in enumerate(built, 1)
    )


def _extend(items: list[Initiative], completed: list[Initiative]) -> dict[int, int]:
    """Append to ``items`` what the lookup by name added (indices already linked stay), and map each
    initiative of ``completed`` (by identity) to its index in ``items``. What an initiative was looked
    up for (:attr:`Initiative.found_for`) binds it in this comparison only: the later ones get it free."""
    index = {id(x): k for k, x in enumerate(items)}
    for x in completed:
        if id(x) not in index:
            index[id(x)] = len(items)
            items.append(replace(x, found_for="") if x.found_for else x)
    return index


def _pairs(n: int) -> list[tuple[tuple[int, str], tuple[int, str]]]:
    """The parts linked: plan → next plan, plan → next review, review → own plan."""
    out: list[tuple[tuple[int, str], tuple[int, str]]] = [((i, "review"), (i, "plan")) for i in range(n)]
    for i in range(n - 1):
        out += [((i, "plan"), (i + 1, "plan")), ((i, "plan"), (i + 1, "review"))]
    return out


def _year(report: Report, part: str, i: Initiative) -> InitiativeYear:
    return InitiativeYear(
        int(report.year or 0), part, i.name, i.stage, i.verb, i.text, report.source or "", i.start
    )
