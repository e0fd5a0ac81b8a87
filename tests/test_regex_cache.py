"""The regular expressions kept between processes (reportdiff._regex) and the cache folder
(reportdiff._cache): a pattern built from the cache is the pattern re.compile makes, a damaged or
foreign cache costs nothing but time, and a second process adds nothing to the file."""

from __future__ import annotations

import os
import re
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from reportdiff import _cache, _regex
from reportdiff.initiatives import extract_initiatives
from reportdiff.structure import load

ROOT = Path(__file__).resolve().parents[1]
needs_engine = pytest.mark.skipif(sys.version_info < (3, 11), reason="the cache needs re._compiler (3.11+)")


def _package_patterns() -> list[tuple[str, int]]:
    """Every pattern the package has compiled through the cache in this process, after a report has
    gone through the grammars (the module-level patterns and the word-list tries)."""
    extract_initiatives(load("二、2025年工作安排\n实施“人工智能+”行动，建成福州地铁4号线。"))
    return list(_regex._store().entries)


@needs_engine
def test_every_package_pattern_rebuilt_from_the_file_equals_re_compile(tmp_path: Path) -> None:
    keys = _package_patterns()
    assert len(keys) > 100
    path = str(tmp_path / "regex.marshal")
    first = _regex.new_store(path)
    for pattern, flags in keys:
        _regex.compile_in(first, pattern, flags)
    first.pid = os.getpid()
    first.save()
    second = _regex.new_store(path)
    assert set(second.entries) == set(keys)
    for pattern, flags in keys:
        # Pattern.__eq__ compares the pattern, the flags and the compiled code
        assert _regex.compile_in(second, pattern, flags) == re.compile(pattern, flags), pattern
    assert second.added == 0


@needs_engine
def test_a_damaged_file_or_entry_falls_back_to_compiling(tmp_path: Path) -> None:
    path = tmp_path / "regex.marshal"
    path.write_bytes(b"\x00not marshal at all")
    store = _regex.new_store(str(path))
    assert store.entries == {}
    assert _regex.compile_in(store, r"(?P<n>\d+)万亩") == re.compile(r"(?P<n>\d+)万亩")
    flags, _code, groups, index, names = store.entries[(r"(?P<n>\d+)万亩", 0)]
    store.entries[(r"(?P<n>\d+)万亩", 0)] = (flags, b"\xff\xff\xff\xff", groups, index, names)
    assert _regex.compile_in(store, r"(?P<n>\d+)万亩") == re.compile(r"(?P<n>\d+)万亩")
    assert store.entries[(r"(?P<n>\d+)万亩", 0)][1] != b"\xff\xff\xff\xff"


@needs_engine
def test_a_file_of_another_python_is_not_read(tmp_path: Path) -> None:
    import marshal

    path = tmp_path / "regex.marshal"
    path.write_bytes(marshal.dumps((("2.7", 1), {("a", 0): (0, b"", 0, {}, ())})))
    assert _regex.new_store(str(path)).entries == {}


def test_bad_patterns_still_raise(tmp_path: Path) -> None:
    store = _regex.new_store(str(tmp_path / "regex.marshal"))
    with pytest.raises(re.error):
        _regex.compile_in(store, "[unclosed")


@needs_engine
def test_a_second_process_adds_nothing_to_the_file(tmp_path: Path) -> None:
    """Patterns built from sets must not depend on the hash seed, or every process adds new keys."""
    code = (
        "from reportdiff.initiatives import extract_initiatives\n"
        "from reportdiff.structure import load\n"
        "from reportdiff import _regex\n"
        "extract_initiatives(load('二、2025年工作安排\\n新建高标准农田1.2万亩，实施“人工智能+”行动。'))\n"
        "print(_regex._store().added)\n"
    )
    added = []
    for seed in ("1", "2"):
        env = {**os.environ, "REPORTDIFF_CACHE_DIR": str(tmp_path), "PYTHONHASHSEED": seed}
        out = subprocess.run(
            [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
        )
        added.append(int(out.stdout.strip()))
    assert added[0] > 100
    assert added[1] == 0
    (written,) = (tmp_path / "regex").iterdir()
    assert written.stat().st_mode & 0o077 == 0


def test_cache_folder_off_when_the_variable_is_empty(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REPORTDIFF_CACHE_DIR", "")
    assert _cache.folder("regex") is None


def test_cache_folder_is_made_private(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REPORTDIFF_CACHE_DIR", str(tmp_path / "c"))
    made = _cache.folder("regex")
    assert made == str(tmp_path / "c" / "regex")
    assert stat.S_IMODE(os.stat(made).st_mode) == 0o700


def test_cache_folder_refused_when_others_may_write(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shared = tmp_path / "c" / "regex"
    shared.mkdir(parents=True)
    shared.chmod(0o775)  # group-writable: another user could plant code
    monkeypatch.setenv("REPORTDIFF_CACHE_DIR", str(tmp_path / "c"))
    assert _cache.folder("regex") is None
