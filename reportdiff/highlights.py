"""Key changes: the few verdicts a reader should see first (the 要点 block of the page).

From every commitment change and initiative change of a diff:

* **headline**: the headline targets (主要预期目标; a review's opening summary of results) — pairs and
  new ones in reading order, then the headline targets of the old side that were dropped;
* **raises** and **cuts**: the largest confident changes of the other commitments, ranked by
  confidence × size (|log new/old|); never a pair with an open check or a confidence under 0.9 (the
  largest changes are where false pairs gather: a reader quotes these, so they need more than the 0.7
  that lets a pair lead the table's default sort);
* in a delivery comparison (plan → next year's review), **missed** and **unreported** targets come first
  (headline ones before the others), then the largest **exceeded** ones;
* **initiatives**: the new, dropped and progressed named initiatives most likely right: by confidence ×
  namehood (:mod:`reportdiff.namehood`: how likely the name is a real initiative, not a class of things,
  an aim or a cut name), none under 0.6, a progression only with a stage read on both sides.

Everything here is computed from attributes any change carries (status, confidence, checks, verdict,
old/new sides), so the stage sits before :mod:`reportdiff.classify`, which builds the diff.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from .quantities import is_rank

__all__ = ["KeyChanges", "key_changes"]

_TOP = 5
#: how the note of a stretch value judged against its target's result begins (see ``classify``)
STRETCH_NOTE = "a stretch value beside the target"
_CONFIDENT = 0.9  # calibrated: 94% of held-out pairs at 0.90–0.95 are right, 99% above


class _Quantity(Protocol):
    @property
    def value(self) -> float: ...
    @property
    def text(self) -> str: ...


class _Side(Protocol):
    @property
    def headline(self) -> bool: ...
    @property
    def indicator(self) -> str: ...
    @property
    def clause_start(self) -> int: ...
    @property
    def quantity(self) -> _Quantity: ...


class _Status(Protocol):
    @property
    def value(self) -> str: ...


class _Evidence(Protocol):
    @property
    def notes(self) -> tuple[str, ...]: ...


class _Change(Protocol):
    @property
    def id(self) -> str: ...
    @property
    def evidence(self) -> _Evidence: ...
    @property
    def status(self) -> _Status: ...
    @property
    def confidence(self) -> float: ...
    @property
    def checks(self) -> tuple[Any, ...]: ...
    @property
    def verdict(self) -> _Status | None: ...
    @property
    def old(self) -> _Side | None: ...
    @property
    def new(self) -> _Side | None: ...


class _Named(Protocol):
    @property
    def stage(self) -> object | None: ...


class _Initiative(Protocol):
    @property
    def id(self) -> str: ...
    @property
    def status(self) -> _Status: ...
    @property
    def confidence(self) -> float: ...
    @property
    def namehood(self) -> float: ...
    @property
    def name(self) -> str: ...
    @property
    def old(self) -> _Named | None: ...
    @property
    def new(self) -> _Named | None: ...


@dataclass(frozen=True)
class KeyChanges:
    """The changes a reader should see first, by group; each group holds change ids, most important first.

    Attributes:
        mode: ``plan`` (plan → plan), ``delivery`` (plan → next year's review), ``within`` (a review
            against its own report's plan) or ``other``.
        headline: changes of headline targets (pairs and new ones), in reading order.
        dropped_headline: headline targets of the old side with no counterpart.
        missed: delivery: targets the result fell short of (headline ones first).
        unreported: delivery: targets with no reported result (headline ones first).
        raises: the largest confident raises (delivery: results that beat their target most).
        cuts: the largest confident cuts.
        initiatives_new: the most confident new named initiatives.
        initiatives_dropped: the most confident dropped ones.
        initiatives_progressed: the most confident ones that moved up the stage ladder.
    """

    mode: str
    headline: tuple[str, ...] = ()
    dropped_headline: tuple[str, ...] = ()
    missed: tuple[str, ...] = ()
    unreported: tuple[str, ...] = ()
    raises: tuple[str, ...] = ()
    cuts: tuple[str, ...] = ()
    initiatives_new: tuple[str, ...] = field(default=())
    initiatives_dropped: tuple[str, ...] = field(default=())
    initiatives_progressed: tuple[str, ...] = field(default=())

    def ids(self) -> list[str]:
        """Every id of the block, in display order (without repeats)."""
        seen: dict[str, None] = {}
        for name in _GROUPS:
            for i in getattr(self, name):
                seen.setdefault(i, None)
        return list(seen)

    def to_dict(self) -> dict[str, Any]:
        return {"mode": self.mode, **{name: list(getattr(self, name)) for name in _GROUPS}}


_GROUPS = (
    "missed",
    "unreported",
    "headline",
    "dropped_headline",
    "raises",
    "cuts",
    "initiatives_new",
    "initiatives_dropped",
    "initiatives_progressed",
)


def _is_headline(c: _Change) -> bool:
    return bool((c.old is not None and c.old.headline) or (c.new is not None and c.new.headline))


def _confident(c: _Change) -> bool:
    return not c.checks and c.confidence >= _CONFIDENT


def _size(c: _Change) -> float:
    """Confidence × |log(new / old)|: how much a reader should care about a change; nothing for a
    ranking (第7 → 第1 is a better place, not a cut)."""
    if c.old is None or c.new is None or is_rank(c.old.quantity) or is_rank(c.new.quantity):
        return 0.0
    a, b = abs(c.old.quantity.value), abs(c.new.quantity.value)
    if not a or not b:
        return 0.0
    return c.confidence * abs(math.log(b / a))


def _top(changes: Iterable[_Change], status: str, exclude: set[str]) -> tuple[str, ...]:
    chosen = [c for c in changes if c.status.value == status and _confident(c) and c.id not in exclude]
    chosen = [c for c in chosen if _size(c) > 0]
    chosen.sort(key=lambda c: -_size(c))
    return tuple(c.id for c in chosen[:_TOP])


def _statements(c: _Change) -> set[tuple[str, str | int]]:
    """The target of ``c`` as stated: its indicator with its value, and with its clause."""
    if c.old is None:
        return set()
    return {(c.old.indicator, c.old.quantity.text), (c.old.indicator, c.old.clause_start)}


def _reported_elsewhere(changes: Sequence[_Change]) -> set[tuple[str, str | int]]:
    """What the paired targets state: a target stated twice (经济增长6%左右 … 经济增长目标设定为6%左右), or
    with a second value in its clause (地区生产总值增长7%以上、力争达到8%), is reported once either is."""
    return {s for c in changes if c.old is not None and c.new is not None for s in _statements(c)}


def _verdict(changes: Sequence[_Change], verdict: str) -> tuple[str, ...]:
    hits = [c for c in changes if c.verdict is not None and c.verdict.value == verdict]
    hits = [c for c in hits if c.status.value == "dropped" or _confident(c)]
    if verdict == "not_reported":
        reported = _reported_elsewhere(changes)
        hits = [c for c in hits if not _statements(c) & reported]
    hits.sort(key=lambda c: (not _is_headline(c), -c.confidence))
    return tuple(c.id for c in hits[: 2 * _TOP])


#: the least namehood a name needs to lead the page (:mod:`reportdiff.namehood`): leave-one-sample-out
#: over the hand-judged samples, 85% of the names scored 0.6 or more are real initiatives, 71% of all
#: (三级医院, 孵化平台, 打造…基地 score low)
_KEY_NAMEHOOD = 0.6


def _staged(c: _Initiative) -> bool:
    """A progression needs a stage read on both sides: a stage out of nothing is no progress."""
    sides = (c.old, c.new)
    return c.status.value != "progressed" or all(s is not None and s.stage is not None for s in sides)


def _initiatives(initiatives: Sequence[_Initiative], status: str) -> tuple[str, ...]:
    """The initiative changes of ``status`` most likely right, by confidence × namehood: the chance
    that the verdict is right and the name a real initiative; none under :data:`_KEY_NAMEHOOD`."""
    hits = [c for c in initiatives if c.status.value == status and _staged(c) and c.namehood >= _KEY_NAMEHOOD]
    hits.sort(key=lambda c: -c.confidence * c.namehood)
    return tuple(c.id for c in hits[:_TOP])


def key_changes(changes: Sequence[_Change], initiatives: Sequence[_Initiative], mode: str) -> KeyChanges:
    """The key changes of a diff (see the module) in one of the modes of :class:`KeyChanges`.

    >>> from reportdiff import compare
    >>> d = compare("二、2023年工作安排\\n主要预期目标是：地区生产总值增长6%左右。\\n新建高标准农田1.2万亩。",
    ...             "二、2024年工作安排\\n主要预期目标是：地区生产总值增长5%左右。\\n新建高标准农田2000亩。")
    >>> k = d.key_changes()
    >>> [d.changes()[0].id] == list(k.headline), len(k.cuts)
    (True, 1)
    """
    # a stretch value judged against its target's result says that result a second time: the table
    # shows it, with its note; the block shows the target
    changes = [c for c in changes if not any(n.startswith(STRETCH_NOTE) for n in c.evidence.notes)]
    headline = tuple(c.id for c in changes if _is_headline(c) and c.new is not None and not c.checks)
    dropped = tuple(
        c.id for c in changes if c.status.value == "dropped" and c.old is not None and c.old.headline
    )
    shown = set(headline) | set(dropped)
    missed: tuple[str, ...] = ()
    unreported: tuple[str, ...] = ()
    cuts: tuple[str, ...] = ()
    if mode == "delivery":
        missed, unreported = _verdict(changes, "missed"), _verdict(changes, "not_reported")
        shown |= set(missed) | set(unreported)
        raises = _top(changes, "raised", shown)
        dropped = tuple(i for i in dropped if i not in unreported)  # cuts stay (): a miss, listed above
    else:
        raises, cuts = _top(changes, "raised", shown), _top(changes, "lowered", shown)
    return KeyChanges(
        mode,
        headline,
        dropped,
        missed,
        unreported,
        raises,
        cuts,
        _initiatives(initiatives, "new"),
        _initiatives(initiatives, "dropped"),
        _initiatives(initiatives, "progressed"),
    )
