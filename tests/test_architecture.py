"""The layout is the architecture: one module per stage, data flowing one way."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "reportdiff"
STAGES = [
    "ingest",
    "structure",
    "quantities",
    "indicators",
    "commitments",
    "initiatives",
    "namehood",
    "terms",
    "recurring",
    "delivery",
    "align",
    "match",
    "initiative_diff",
    "initiative_timeline",
    "aligned",
    "highlights",
    "classify",
    "render",
    "timeline_view",
    "timeline",
    "corpus",
]
UTILITIES = {
    "errors",
    "_io",
    "_templates",
    "_format",
    "_version",
    "_data",
    "_assign",
    "_fork",
    "_cache",
    "_regex",
    "script",
    "view",
}


def imported_modules(path: Path) -> set[str]:
    """Every ``reportdiff`` module a file imports, at module level or inside functions."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level == 1:
            if node.module:
                found.add(node.module.split(".")[0])
            else:
                found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("reportdiff."):
            found.add(node.module.split(".")[1])
    return found


@pytest.mark.parametrize("stage", [s for s in STAGES if (PACKAGE / f"{s}.py").exists()])
def test_no_stage_imports_a_later_one(stage: str) -> None:
    later = set(STAGES[STAGES.index(stage) + 1 :]) | {"cli"}
    imports = imported_modules(PACKAGE / f"{stage}.py")
    assert not imports & later, f"{stage} imports {sorted(imports & later)}"


def test_utilities_import_no_stage() -> None:
    for name in UTILITIES:
        imports = imported_modules(PACKAGE / f"{name}.py")
        assert not imports & set(STAGES), f"{name} imports {sorted(imports & set(STAGES))}"


def test_every_module_is_a_stage_a_utility_or_the_cli() -> None:
    modules = {p.stem for p in PACKAGE.glob("*.py")} - {"__init__", "__main__", "cli"}
    assert modules <= set(STAGES) | UTILITIES, modules - set(STAGES) - UTILITIES
