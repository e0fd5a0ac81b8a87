"""Traditional Chinese: detect it cheaply, convert it to Simplified for analysis, character for character.

Every later stage reads Simplified Chinese (regions, years, 亿/万 amounts, verbs and indicators).
A report published in Traditional characters (Big5 sites, 香港/澳门/台湾 copies) is converted with
OpenCC's ``t2s`` configuration, and only when the conversion keeps every character in place
(``len`` unchanged): offsets into the converted text are then offsets into the original too, which
:class:`reportdiff.ingest.Document` keeps in ``original`` for quoting the report as written.

Detection is cheap and needs no OpenCC: the share of Han characters, in a sample, that GB2312 (the
simplified national character set) cannot encode. Simplified reports score under 0.02 % (the 73
corpus reports); their conversion to Traditional scores 33 % or more. OpenCC is imported only when
a text is found to be Traditional.

>>> detect_script("2023年政府工作报告：全市地区生产总值增长4%。")
'simplified'
>>> detect_script("2023年政府工作報告：全市地區生產總值增長4%。")
'traditional'
>>> to_simplified("全市完成地區生產總值1645億元、增長4%。")
'全市完成地区生产总值1645亿元、增长4%。'
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from . import _regex
from .errors import InputError, MissingExtraError

SAMPLE = 20_000  # characters examined by detect_script
TRADITIONAL_SHARE = 0.05  # share of Han characters outside GB2312 from which a text is Traditional
_HAN = _regex.compile("[\u4e00-\u9fff]")


def traditional_share(text: str) -> float:
    """Share of the Han characters in the first ``SAMPLE`` characters that GB2312 cannot encode."""
    han = "".join(_HAN.findall(text[:SAMPLE]))
    if not han:
        return 0.0
    return han.encode("gb2312", "replace").count(b"?") / len(han)


def detect_script(text: str) -> str:
    """``"traditional"`` or ``"simplified"`` (also for text without Chinese characters)."""
    return "traditional" if traditional_share(text) >= TRADITIONAL_SHARE else "simplified"


@lru_cache(maxsize=1)
def _converter() -> Any:
    try:
        import opencc
    except ImportError:
        raise MissingExtraError(
            "reading a report in Traditional Chinese needs OpenCC, which is not installed",
            "pip install opencc",
        ) from None
    return opencc.OpenCC("t2s")


def to_simplified(text: str, source: str = "<text>") -> str:
    """``text`` in Simplified characters, one character for each character of ``text``.

    OpenCC's phrase-level conversion is used when it keeps the length; otherwise each character is
    converted alone (a character whose conversion is not one character stays as it is). Raises
    :class:`InputError` if even that cannot keep the length (never seen; a guard, not a path).
    """
    converter = _converter()
    converted: str = converter.convert(text)
    if len(converted) == len(text):
        return converted
    table = {}
    for char in set(_HAN.findall(text)):
        one = converter.convert(char)
        if len(one) == 1 and one != char:
            table[ord(char)] = one
    converted = text.translate(table)
    if len(converted) != len(text):  # pragma: no cover - translate with 1:1 entries keeps the length
        raise InputError(
            f"{source} is in Traditional Chinese and cannot be converted character for character",
            "convert it to Simplified Chinese first (e.g. opencc -c t2s.json)",
        )
    return converted
