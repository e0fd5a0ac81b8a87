"""Formatting shared by every HTML and Markdown output: numbers, quantities, changes, labels, CSP.

A utility (no pipeline stage imported), so that any stage can display itself through the templates.
"""

from __future__ import annotations

import base64
import hashlib
import json
import math
import re
from collections.abc import Mapping
from functools import lru_cache
from typing import Any

STATUS_ORDER: tuple[str, ...] = ("raised", "lowered", "kept", "new", "dropped")
SYMBOLS: dict[str, str] = {"raised": "▲", "lowered": "▼", "kept": "＝", "new": "＋", "dropped": "－"}

QUALIFIER_SYMBOLS: dict[str, str] = {
    "at_least": "≥",
    "more_than": ">",
    "about": "≈",
    "nearly": "≲",
    "at_most": "≤",
    "less_than": "<",
    "range": "",
}
_ARROWS = {"up": "↑", "down": "↓"}
_SYMBOL_UNITS = frozenset({"%", "‰", "℃", "°"})
_MINUS = "\u2212"

LANGUAGES: tuple[str, ...] = ("zh", "en")


@lru_cache(maxsize=8)
def ui_strings(lang: str) -> dict[str, dict[str, str]]:
    """Every word the outputs show in ``lang`` (``reportdiff/data/ui/<lang>.json``: one file per
    language, a table per page kind); unknown languages fall back to ``zh``."""
    from ._data import data_json

    return dict(data_json(f"ui/{lang if lang in LANGUAGES else 'zh'}.json"))


def labels(lang: str) -> dict[str, str]:
    """The compare page's words in ``lang`` (``zh`` or ``en``)."""
    return ui_strings(lang)["compare"]


def track_labels(lang: str) -> dict[str, str]:
    """The timeline page's words in ``lang``."""
    return ui_strings(lang)["track"]


# --- numbers ----------------------------------------------------------------------------------


def format_number(x: float, *, decimals: int = 4) -> str:
    """A number with thousands separators and at most ``decimals`` decimals, no trailing zeros.

    >>> format_number(12000.0), format_number(1645.0000000000002), format_number(-0.5)
    ('12,000', '1,645', '−0.5')
    """
    if not math.isfinite(x):
        return str(x)
    r = round(x, decimals)
    if r == 0:
        r = 0.0  # no "−0"
    text = f"{abs(r):,.{decimals}f}".rstrip("0").rstrip(".")
    return (_MINUS if r < 0 else "") + text


def _amount(value: float, unit: str) -> str:
    """``value`` in ``unit``, with 万/亿/万亿 for large values (see the module docstring)."""
    if unit in ("百分点", "个百分点"):
        return f"{format_number(value)}个百分点"
    size = abs(value)
    magnitude = ""
    if unit not in _SYMBOL_UNITS:
        # the largest magnitude that shows the number exactly with at most two decimals
        for threshold, step, word in ((1e12, 1e12, "万亿"), (1e8, 1e8, "亿"), (1e5, 1e4, "万")):
            scaled = value / step
            if size >= threshold and math.isclose(scaled, round(scaled, 2), rel_tol=1e-9, abs_tol=1e-9):
                value, magnitude = scaled, word
                break
    number = format_number(value)
    if magnitude:
        return f"{number}{magnitude}{unit}"
    if not unit or unit in _SYMBOL_UNITS:
        return f"{number}{unit}"
    return f"{number} {unit}"


def format_quantity(q: Mapping[str, Any] | None) -> str:
    """A quantity dict (``Quantity.to_dict()``) formatted for people.

    >>> format_quantity({"value": 12000.0, "unit": "亩"})
    '12,000 亩'
    >>> format_quantity({"value": 5.5, "unit": "%", "qualifier": "at_most"})
    '≤5.5%'
    >>> format_quantity({"value": 164500000000.0, "unit": "元"})
    '1,645亿元'
    >>> format_quantity({"value": 5.25, "low": 5.0, "high": 5.5, "unit": "%", "qualifier": "range"})
    '5%–5.5%'
    >>> format_quantity({"value": 6.5, "unit": "%", "direction": "up", "qualifier": "about"})
    '↑≈6.5%'
    >>> format_quantity(None)
    '—'
    """
    if not q:
        return "—"
    unit = str(q.get("unit") or "")
    value = float(q.get("value") or 0.0)
    qualifier = q.get("qualifier")
    low, high = q.get("low"), q.get("high")
    if qualifier == "range" and low is not None and high is not None and float(low) != float(high):
        body = f"{_amount(float(low), unit)}–{_amount(float(high), unit)}"
    else:
        body = _amount(value, unit)
    arrow = _ARROWS.get(str(q.get("direction")), "")
    return f"{arrow}{QUALIFIER_SYMBOLS.get(str(qualifier), '')}{body}"


def format_change(change: Mapping[str, Any] | None, *, unit: str | None = None, lang: str = "zh") -> str:
    """A change dict (``{"absolute", "relative"}``) formatted for people.

    The relative change as a signed percentage (with a true minus sign); when
    ``unit`` is ``%`` or ``百分点`` the absolute change in percentage points
    instead (the relative change of a rate misleads); when the old value was
    zero, the signed absolute change.

    >>> format_change({"absolute": -10000.0, "relative": -0.8333333333333334})
    '−83.3%'
    >>> format_change({"absolute": 1.5, "relative": 0.25}, unit="%")
    '+1.5个百分点'
    >>> format_change({"absolute": 0.0, "relative": 0.0}), format_change(None)
    ('0', '—')
    """
    if not change:
        return "—"
    absolute = change.get("absolute")
    relative = change.get("relative")
    if unit in ("%", "百分点") and absolute is not None:
        points = _signed(float(absolute), decimals=2)
        return points if points == "0" else points + labels(lang)["points"]
    if relative is not None:
        percent = _signed(float(relative) * 100, decimals=1)
        return percent if percent == "0" else percent + "%"
    if absolute is not None:
        return _signed(float(absolute), decimals=2)
    return "—"


_RATE_UNITS = frozenset({"%", "百分点", "‰", "千分点"})
_MAGNITUDES = ((1e12, "万亿"), (1e8, "亿"), (1e4, "万"))


def as_written(q: Mapping[str, Any] | None) -> str:
    """A quantity as the report writes it (1.2万亩, 6.5%左右, 超1300亿元); a rate's direction as an arrow
    before it (↑6.5%, ↓2.2%) — counts and amounts never get one.

    >>> as_written({"text": "1.2万亩", "unit": "亩"})
    '1.2万亩'
    >>> as_written({"text": "2.2%", "unit": "%", "direction": "down"})
    '↓2.2%'
    """
    if not q:
        return "—"
    text = str(q.get("text") or format_quantity(q))
    arrow = _ARROWS.get(str(q.get("direction") or "")) if q.get("unit") in _RATE_UNITS else None
    return f"{arrow}{text}" if arrow else text


def with_magnitude(x: float, unit: str) -> str:
    """An amount the way a report writes it: 万/亿/万亿 when the number stays short
    (1万亩, 2550亿元, −83.3万人), digits otherwise (5,000人).

    >>> with_magnitude(-10000, "亩"), with_magnitude(255000000000, "元"), with_magnitude(5000, "人")
    ('−1万亩', '2550亿元', '5,000人')
    """
    for size, word in _MAGNITUDES:
        if abs(x) >= size:
            scaled = x / size
            if abs(scaled - round(scaled, 2)) < 1e-9 * max(1.0, abs(scaled)):
                digits = f"{abs(scaled):.2f}".rstrip("0").rstrip(".")
                return (_MINUS if x < 0 else "") + digits + word + unit  # 2550亿元: no separators
    return format_number(x, decimals=2) + unit


def change_text(
    change: Mapping[str, Any] | None, old: Mapping[str, Any], new: Mapping[str, Any], t: Mapping[str, str]
) -> str:
    """How much a value moved, as a reader would say it: for a rate or a share the change in percentage
    points (between the signed rates when the direction flipped: 下降2.2% → 增长8% is +10.2个百分点),
    for anything else the relative change and the amount in the source's magnitude (−83.3%（−1万亩）).

    >>> t = {"points": "个百分点", "flip_up": "（由降转升）", "flip_down": "（由升转降）"}
    >>> change_text({"absolute": -10000, "relative": -0.833333}, {"unit": "亩"}, {"unit": "亩"}, t)
    '−83.3%（−1万亩）'
    >>> change_text({"absolute": 5.8, "relative": 2.64, "points": 10.2}, {"unit": "%"}, {"unit": "%"}, t)
    '+10.2个百分点（由降转升）'
    """
    if not change:
        return "—"
    unit = str(new.get("unit") or old.get("unit") or "")
    if unit in _RATE_UNITS:
        points = change.get("points")
        value = float(points if points is not None else change.get("absolute") or 0.0)
        text = _signed(value, decimals=2)
        text = text if text == "0" else text + t["points"]
        if points is None:
            return text
        return text + t["flip_up" if value > 0 else "flip_down"]
    relative, absolute = change.get("relative"), change.get("absolute")
    if relative is None:
        return _signed(float(absolute or 0.0), decimals=2)
    percent = _signed(float(relative) * 100, decimals=1)
    if percent == "0":
        return "0"
    amount = with_magnitude(float(absolute or 0.0), unit)
    return f"{percent}%（{'+' if float(absolute or 0) > 0 else ''}{amount}）"


def change_number(
    change: Mapping[str, Any] | None, old: Mapping[str, Any], new: Mapping[str, Any]
) -> float | None:
    """The number :func:`change_text` leads with, for sorting by what the reader sees: percentage
    points for a rate or a share, the relative change in percent for anything else.

    >>> change_number({"absolute": -10000, "relative": -0.833333}, {"unit": "亩"}, {"unit": "亩"})
    -83.3333
    >>> change_number({"absolute": 5.8, "points": 10.2}, {"unit": "%"}, {"unit": "%"})
    10.2
    """
    if not change:
        return None
    if str(new.get("unit") or old.get("unit") or "") in _RATE_UNITS:
        points = change.get("points")
        return float(points if points is not None else change.get("absolute") or 0.0)
    relative = change.get("relative")
    return None if relative is None else round(float(relative) * 100, 4)


def _signed(x: float, *, decimals: int) -> str:
    text = format_number(x, decimals=decimals)
    if text in ("0", _MINUS + "0"):
        return "0"
    return text if text.startswith(_MINUS) else "+" + text


# --- safe embedding ---------------------------------------------------------------------------

_JSON_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def json_for_script(data: Any) -> str:
    """JSON safe to place inside ``<script type="application/json">`` (no ``</script>``, no U+2028).

    >>> json_for_script({"t": "</script><b>&"})
    '{"t":"\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e\\\\u0026"}'
    """
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return "".join(_JSON_ESCAPES.get(ch, ch) for ch in text)


def _sha256(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "sha256-" + base64.b64encode(digest).decode("ascii")


def content_security_policy(css: str, script: str) -> str:
    """The page's CSP: nothing from the network, only the page's own style and script (by hash)."""
    return (
        f"default-src 'none'; style-src '{_sha256(css)}'; script-src '{_sha256(script)}'; "
        "img-src data:; base-uri 'none'; form-action 'none'"
    )


# --- HTML and Markdown ------------------------------------------------------------------------


def md_cell(text: str) -> str:
    r"""Text made safe for one Markdown table cell.

    >>> md_cell("a|b <i>\nc")
    'a\\|b &lt;i&gt; c'
    """
    text = " ".join(str(text).split())
    for a, b in (
        ("\\", "\\\\"),
        ("|", "\\|"),
        ("<", "&lt;"),
        (">", "&gt;"),
        ("`", "\\`"),
        ("*", "\\*"),
        ("_", "\\_"),
        ("[", "\\["),
        ("]", "\\]"),
    ):
        text = text.replace(a, b)
    return text


# --- section numbers and clauses -----------------------------------------------------------------

_CN_DIGITS = "零一二三四五六七八九"


def _cn_number(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 23 → 二十三 (section numbers only)."""
    if n <= 0 or n >= 100:
        return str(n)
    tens, ones = divmod(n, 10)
    out = ("" if tens == 1 else _CN_DIGITS[tens]) + "十" if tens else ""
    return out + (_CN_DIGITS[ones] if ones else "")


def section_number(path: str, lang: str = "zh") -> str:
    """A dotted section path as the report writes it: ``2.3`` → ``二（三）`` in Chinese.

    >>> section_number("2.3"), section_number("1.2.4"), section_number("2.3", "en")
    ('二（三）', '一（二）4.', '2.3')
    """
    if lang != "zh" or not re.fullmatch(r"\d+(\.\d+)*", path or ""):
        return path or ""
    parts = [int(p) for p in path.split(".")]
    if parts == [0]:
        return ""
    out = []
    for level, n in enumerate(parts, start=1):
        if level == 1:
            out.append(_cn_number(n) + ("、" if len(parts) == 1 else ""))
        elif level == 2:
            out.append(f"（{_cn_number(n)}）")
        else:
            out.append(f"{n}.")
    return "".join(out)


def section_label(section: Mapping[str, Any] | None, lang: str = "zh") -> str:
    """``{"path": "2.3", "title": "…"}`` → ``二（三）…``."""
    if not section:
        return ""
    number = section_number(str(section.get("path") or ""), lang)
    title = str(section.get("title") or "")
    sep = "" if (lang == "zh" and number.endswith(("、", "）", "."))) or not number else " "
    return f"{number}{sep}{title}".strip()


def clause_parts(side: Mapping[str, Any]) -> tuple[str, str, str]:
    """A commitment side's clause split around its quantity: (before, quantity, after).

    >>> clause_parts({"text": "新建高标准农田2000亩", "quantity": {"text": "2000亩"}})
    ('新建高标准农田', '2000亩', '')
    """
    text, qtext = str(side.get("text") or ""), str((side.get("quantity") or {}).get("text") or "")
    i = text.find(qtext) if qtext else -1
    return (text, "", "") if i < 0 else (text[:i], qtext, text[i + len(qtext) :])
