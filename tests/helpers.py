"""Paths shared by the tests: the read-only materials beside the checkout."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
CORPORA = SHARED / "corpora"
GOLD = SHARED / "gold"
NANAN = ROOT / "corpora" / "nanan-2023.txt"

needs_corpora = pytest.mark.skipif(
    not CORPORA.is_dir(), reason="../shared/corpora is not beside the checkout"
)


def corpus(name: str) -> Path:
    path = CORPORA / name
    if not path.exists():
        pytest.skip(f"{path} is missing")
    return path
