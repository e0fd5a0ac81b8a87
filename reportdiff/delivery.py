"""Delivery verdicts: how a result compares with its target (met, exceeded, missed, not reported).

Used by :func:`reportdiff.compare` when a plan is compared with the next year's review (delivery
mode) and by :func:`reportdiff.track` for every year of a history. The rules and tolerances are
in ``docs/track.md``.

>>> from reportdiff.quantities import extract_quantities as q
>>> judge(q("增长6%左右")[0], q("增长6.0%")[0])[0].value
'met'
>>> judge(q("增长21%")[0], q("增长18.5%")[0])[0].value
'missed'
>>> judge(q("城镇登记失业率4.5%以内")[0], q("3.9%")[0], ceiling=True)[0].value
'met'
>>> judge(q("下降3%")[0], q("下降3.8%")[0])[0].value
'exceeded'
>>> bool(CEILING_WORDS.search("水质比例不低于97.5%")), bool(CEILING_WORDS.search("能耗低于全国平均"))
(False, True)
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import Enum
from typing import Protocol

from . import _regex
from .quantities import Direction, Qualifier

__all__ = ["CEILING_WORDS", "RULES", "DeliveryRules", "Verdict", "judge"]

_EPS = 1e-9


class Verdict(str, Enum):
    """How a year's result compares with that year's target (closed set)."""

    MET = "met"
    EXCEEDED = "exceeded"
    MISSED = "missed"
    NOT_REPORTED = "not_reported"
    UNPLANNED = "unplanned"  # a result that no target asked for (compare in delivery mode)


#: The rule names a :class:`Delivery` may carry, and what each means.
RULES: dict[str, str] = {
    "floor": "a plain target reads as a floor: met from the value up to value + tolerance, "
    "exceeded above, missed below",
    "at-least": "以上/不少于/不低于/超/突破: met when the result is at least the value (up to value + "
    "tolerance), exceeded above that, missed below the value",
    "about": "左右/约/近: met within ± tolerance of the value, exceeded above, missed below",
    "range": "a range (5%—5.5%): met inside it, exceeded above the high end, missed below the low end",
    "ceiling": "以内/以下/不超过/控制在: met when the result is at most the value (plus the tolerance for "
    "控制在…左右), missed above; a ceiling is never 'exceeded'",
    "no-result": "a later report exists but states no matching result",
    "no-later-report": "the series has no report for the next year, so no result could be stated",
    "no-target": "a result was stated but the year had no matching target",
    "unplanned": "a result of the review that no target of the plan asked for",
}


class _QuantityLike(Protocol):
    @property
    def value(self) -> float: ...
    @property
    def low(self) -> float: ...
    @property
    def high(self) -> float: ...
    @property
    def unit(self) -> str: ...
    @property
    def qualifier(self) -> Qualifier | None: ...
    @property
    def direction(self) -> Direction | None: ...


@dataclass(frozen=True)
class DeliveryRules:
    """The tolerances of the delivery verdicts (see ``docs/track.md``).

    Attributes:
        points: tolerance in percentage points for targets in ``%``, ``百分点`` or ``‰``
            (6%左右 is met by 5.5%–6.5%).
        relative: tolerance as a fraction of the target for every other unit
            (1,000亿元左右 is met by 950–1,050亿元).
    """

    points: float = 0.5
    relative: float = 0.05

    def tolerance(self, unit: str, value: float) -> float:
        """The tolerance for a target of ``value`` in ``unit``.

        >>> DeliveryRules().tolerance("%", 6.0), DeliveryRules().tolerance("元", 1000.0)
        (0.5, 50.0)
        """
        if unit in _POINT_UNITS:
            return self.points
        return self.relative * abs(value)

    def to_dict(self) -> dict[str, float]:
        return {"points": self.points, "relative": self.relative}


_POINT_UNITS = frozenset({"%", "百分点", "‰", "千分点"})
_CEILINGS = (Qualifier.AT_MOST, Qualifier.LESS_THAN)
#: words that make a target a cap; 低于 only where 不 does not turn it into a floor (不低于97.5%)
CEILING_WORDS = _regex.compile(r"控制在|不超过|不高于|(?<!不)低于|以内")
# Units of one family that convert into each other (to the first unit of the pair).
_CONVERT: dict[tuple[str, str], float] = {
    ("米", "公里"): 1000.0,
    ("米", "千米"): 1000.0,
    ("公里", "千米"): 1.0,
    ("平方米", "平方公里"): 1e6,
    ("平方米", "平方千米"): 1e6,
    ("亩", "公顷"): 15.0,
    ("亩", "平方公里"): 1500.0,
    ("公斤", "吨"): 1000.0,
    ("千克", "吨"): 1000.0,
    ("公斤", "千克"): 1.0,
    ("斤", "吨"): 2000.0,
    ("斤", "公斤"): 2.0,
    ("瓦", "千瓦"): 1000.0,
    ("千瓦", "兆瓦"): 1000.0,
    ("千瓦时", "兆瓦时"): 1000.0,
    ("千瓦时", "度"): 1.0,
    ("平米", "平方米"): 1.0,
}


def _factor(from_unit: str, to_unit: str) -> float | None:
    """Multiply a value in ``from_unit`` by this to get ``to_unit`` (None: no known conversion)."""
    if from_unit == to_unit:
        return 1.0
    if (to_unit, from_unit) in _CONVERT:
        return _CONVERT[(to_unit, from_unit)]
    if (from_unit, to_unit) in _CONVERT:
        return 1.0 / _CONVERT[(from_unit, to_unit)]
    return None


def _num(x: float) -> str:
    from ._format import format_number

    return format_number(x)


def judge(
    target: _QuantityLike, result: _QuantityLike, *, ceiling: bool = False, rules: DeliveryRules | None = None
) -> tuple[Verdict, str, str]:
    """The verdict on a year's ``result`` against its ``target``: (verdict, rule name, explanation).

    Values compare in the target's unit (亿元 and 万元 are both 元 already; 公里 → 米 and
    a few others convert). For a 下降 target both sides are sizes of the cut, so a bigger
    cut is better; a result that went the other way counts as a negative cut.
    ``ceiling`` marks a target that is a cap (以内, 控制在): see :data:`RULES`.

    >>> from reportdiff.quantities import extract_quantities as q
    >>> judge(q("1300亿元以上")[0], q("1290亿元")[0])
    (<Verdict.MISSED: 'missed'>, 'at-least', 'result 1,290亿元 < target 1,300亿元')
    >>> judge(q("5%—5.5%")[0], q("5.2%")[0])[:2]
    (<Verdict.MET: 'met'>, 'range')
    >>> judge(q("5万只")[0], q("14个")[0])[2]  # units that do not convert: each shown as written
    'result 14 个 < target 50,000 只; units 个 and 只 compared as they stand'
    """
    rules = rules or DeliveryRules()
    c = _case(target, result, rules)
    if ceiling or target.qualifier in _CEILINGS:
        return _ceiling(c, target.qualifier)
    if target.qualifier is Qualifier.RANGE:
        return _range(c, target.low, target.high)
    if target.qualifier in (Qualifier.ABOUT, Qualifier.NEARLY):
        return _about(c)
    return _floor(c, "floor" if target.qualifier is None else "at-least")


@dataclass(frozen=True)
class _Case:
    """A result set against its target, in the target's unit, ready for a rule."""

    r: float  # the result (negative when it went the other way)
    v: float  # the target
    unit: str
    tol: float  # what counts as "about" and as exceeding
    eps: float  # rounding
    what: str  # "result", or "cut" for a 下降 target
    shown: str  # the result as written in the explanation
    note: str  # a note on units compared as they stand

    def show(self, x: float) -> str:
        from ._format import format_quantity

        return format_quantity({"value": x, "unit": self.unit})

    def says(self, relation: str) -> str:
        return f"{self.what} {self.shown} {relation}{self.note}"


def _case(target: _QuantityLike, result: _QuantityLike, rules: DeliveryRules) -> _Case:
    """The result in the target's unit and direction, with the tolerance of the target."""
    unit = target.unit
    factor = _factor(result.unit, unit)
    note = (
        ""
        if factor is not None
        else f"; units {result.unit or '(none)'} and {unit or '(none)'} compared as they stand"
    )
    r = result.value * (factor or 1.0)
    opposite = (
        result.direction is not None
        and target.direction is not None
        and result.direction is not target.direction
    )
    r = -r if opposite else r
    what = "cut" if target.direction is Direction.DOWN else "result"
    c = _Case(
        r,
        target.value,
        unit,
        rules.tolerance(unit, target.value),
        _EPS * max(1.0, abs(target.value)),
        what,
        "",
        note,
    )
    # a result in a unit that does not convert is shown in its own unit (14个, not 14只)
    shown = c.show(r) if factor is not None else replace(c, unit=result.unit).show(r)
    return replace(c, shown=shown + (" (the other direction)" if opposite else ""))


def _ceiling(c: _Case, q: Qualifier | None) -> tuple[Verdict, str, str]:
    limit = c.v + (c.tol if q in (Qualifier.ABOUT, Qualifier.NEARLY) else 0.0)
    if c.r <= limit + c.eps:
        return Verdict.MET, "ceiling", c.says(f"≤ ceiling {c.show(limit)}")
    return Verdict.MISSED, "ceiling", c.says(f"> ceiling {c.show(limit)}")


def _range(c: _Case, lo: float, hi: float) -> tuple[Verdict, str, str]:
    span = f"{c.show(lo)}–{c.show(hi)}"
    if c.r < lo - c.eps:
        return Verdict.MISSED, "range", c.says(f"< {span}")
    if c.r > hi + c.eps:
        return Verdict.EXCEEDED, "range", c.says(f"> {span}")
    return Verdict.MET, "range", c.says(f"within {span}")


def _about(c: _Case) -> tuple[Verdict, str, str]:
    plus = f"{_num(c.tol)}{_tol_unit(c.unit)}"
    if c.r < c.v - c.tol - c.eps:
        return Verdict.MISSED, "about", c.says(f"< {c.show(c.v)} − {plus}")
    if c.r > c.v + c.tol + c.eps:
        return Verdict.EXCEEDED, "about", c.says(f"> {c.show(c.v)} + {plus}")
    return Verdict.MET, "about", c.says(f"within {c.show(c.v)} ± {plus}")


def _floor(c: _Case, rule: str) -> tuple[Verdict, str, str]:
    plus = f"{_num(c.tol)}{_tol_unit(c.unit)}"
    if c.r < c.v - c.eps:
        return Verdict.MISSED, rule, c.says(f"< target {c.show(c.v)}")
    if c.r > c.v + c.tol + c.eps:
        return Verdict.EXCEEDED, rule, c.says(f"> target {c.show(c.v)} + {plus}")
    return Verdict.MET, rule, c.says(f"≥ target {c.show(c.v)}")


def _tol_unit(unit: str) -> str:
    return "个百分点" if unit in ("%", "百分点") else ("" if unit in _POINT_UNITS else f" {unit}".rstrip())
