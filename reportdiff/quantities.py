"""Stage 3: quantity expressions (数量表达) in Chinese report text.

SKELETON — the grammar is being written; the data model below is the contract.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Any


class Qualifier(str, Enum):
    """How the stated number bounds the real one."""

    AT_LEAST = "at_least"  # 以上 不少于 不低于 至少 及以上
    MORE_THAN = "more_than"  # 超 超过 多 余 突破
    ABOUT = "about"  # 左右 约 大约
    NEARLY = "nearly"  # 近 接近 将近
    AT_MOST = "at_most"  # 以内 以下 不超过 控制在…以内
    LESS_THAN = "less_than"  # 不到 不足
    RANGE = "range"  # 5%—5.5%


class Direction(str, Enum):
    """Sign of a rate of change: 增长/提高 (up) or 下降/减少 (down)."""

    UP = "up"
    DOWN = "down"


@dataclass(frozen=True)
class Quantity:
    """One number with its unit, as written in the text.

    Attributes:
        text: the verbatim span, ``text[start:end]`` of the string searched.
        start: offset of the first character of the span.
        end: offset one past the last character.
        value: the unsigned value with magnitude words applied (1.2万 → 12000); a range's midpoint.
        low: lower bound of a range, else ``value``.
        high: upper bound of a range, else ``value``.
        unit: the base unit after removing magnitude words (亩, 元, %, 百分点, 千瓦, 元/人 …), '' if none.
        qualifier: how the number bounds the real value, or None when exact.
        direction: for rates, up (增长) or down (下降), else None.
    """

    text: str
    start: int
    end: int
    value: float
    low: float
    high: float
    unit: str
    qualifier: Qualifier | None = None
    direction: Direction | None = None

    def to_dict(self) -> dict[str, Any]:
        """Plain-JSON form (the ``quantity`` object of the JSON contracts)."""
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "value": self.value,
            "unit": self.unit,
            "qualifier": self.qualifier.value if self.qualifier else None,
            "low": self.low,
            "high": self.high,
            "direction": self.direction.value if self.direction else None,
        }


def extract_quantities(text: str) -> list[Quantity]:
    """Every quantity in ``text``, in order of position."""
    raise NotImplementedError
