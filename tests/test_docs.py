"""The README is tested: its quick start holds the two commands, and its Python example runs."""

from __future__ import annotations

import os
import re

import pytest

from .helpers import ROOT, needs_corpora

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_quick_start_is_two_commands_and_ci_runs_the_test_one() -> None:
    block = re.search(r"```sh\n(.*?)```", README, re.S)
    assert block is not None
    commands = [ln for ln in block.group(1).splitlines() if ln.strip() and not ln.startswith("#")]
    assert commands == ["make demo", "make test"]
    assert "make test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


@needs_corpora
def test_readme_python_example_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    block = re.search(r"```python\n(.*?)```", README, re.S)
    assert block is not None
    monkeypatch.chdir(ROOT)
    namespace: dict[str, object] = {}
    exec(compile(block.group(1), "README.md", "exec"), namespace)
    assert repr(namespace["diff"]).startswith("<ReportDiff 南安市 2023")
    assert "海拉尔区" in repr(namespace["timeline"])


def test_every_docs_page_is_linked_from_the_readme() -> None:
    pages = {p.name for p in (ROOT / "docs").glob("*.md")}
    linked = set(re.findall(r"docs/([\w-]+\.md)", README))
    assert pages <= linked, pages - linked
    assert os.path.exists(ROOT / "corpora" / "README.md")
