"""The package's data files (reportdiff/data/): tables of words, canonical indicators, model weights."""

from __future__ import annotations

import json
from typing import Any


def data_text(name: str) -> str:
    """The text of ``reportdiff/data/<name>`` (UTF-8), from the installed package."""
    from importlib.resources import files

    return (files("reportdiff") / "data" / name).read_text(encoding="utf-8")


def data_json(name: str) -> Any:
    """``reportdiff/data/<name>`` parsed as JSON."""
    return json.loads(data_text(name))
